"""Background reads of a view by kind ("invoices", "bookings", …): a newer read of a kind
overtakes an older one, whose result is then dropped (the user changed the filter)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from .ops import Op


class LatestReads:
    def __init__(self, owner: QWidget, busy_changed: Callable[[], None]) -> None:
        self._owner = owner
        self._busy_changed = busy_changed
        self._generation: dict[str, int] = {}
        self.running: set[str] = set()

    def run(
        self,
        kind: str,
        work: Callable[[], Any],
        success: Callable[[Any], None],
        failure: Callable[[Exception], None],
        *,
        secondary: bool = False,
    ) -> None:
        """``work`` on a pool thread; ``success`` or ``failure`` on the GUI thread, only if
        no newer read of ``kind`` started meanwhile and the owner still exists. A read a
        newer one overtook before a pool thread took it does no work at all.
        ``secondary``: it may wait behind the window's first read (``ops.hold_secondary``)."""
        generation = self._generation.get(kind, 0) + 1
        self._generation[kind] = generation
        self.running.add(kind)
        self._busy_changed()

        def current() -> bool:
            return isValid(self._owner) and self._generation[kind] == generation

        def done(report: Callable[[Any], None]) -> Callable[[Any], None]:
            def call(value: Any) -> None:
                if current():
                    self.running.discard(kind)
                    self._busy_changed()
                    report(value)

            return call

        def wanted_work() -> Any:
            # Read on a pool thread; a plain lookup of an int is safe under the GIL.
            return work() if self._generation[kind] == generation else None

        Op(wanted_work, parent=self._owner).success(done(success)).failure(
            done(failure)
        ).run_in_background(secondary=secondary)

    def drop(self, kind: str) -> None:
        """A read of ``kind`` still running is no longer wanted."""
        self._generation[kind] = self._generation.get(kind, 0) + 1
        self.running.discard(kind)
