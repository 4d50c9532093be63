""" "Jetzt ausführen": one run of an interface that the user starts, outside the schedule.

It is the scheduler's own ``ImportRunner`` (same mailer, timeouts, pipeline), copied per
run with a progress callback and a lease of its own. Its own lease, because a lease is
re-entrant for its holder: sharing the scheduler's would let a manual and a scheduled run
of the same interface in this process both pass, while with another holder the database
answers "busy" to whichever comes second, exactly as it does for another computer.

The outcome is written to the schedule state (without a slot), so that "Letzter Lauf",
the staleness warning and the tray know about it, as they do about scheduled runs.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable

from ..domain.release import NotReleasedYet
from ..store.interfaces import StoredInterface
from ..store.lease import RunLease
from ..store.models import utcnow
from ..store.schedule_state import ScheduleStateRepository
from .quiet_gc import collections_held_back
from .run_import import ImportRunner, RunProgress, RunResult

log = logging.getLogger(__name__)

__all__ = ["MANUAL_TRIGGER", "ManualRun"]

MANUAL_TRIGGER = "manual"


class ManualRun:
    """Callable: ``run(name, cancel=..., stop_after_file=..., on_progress=...)``.

    Safe to call from any thread (each call copies the runner); blocks until the run ends.
    """

    def __init__(self, runner: ImportRunner):
        self.runner = runner
        self.db = runner.db
        self._lease = RunLease(runner.db)
        self._states = ScheduleStateRepository(runner.db)

    def __call__(
        self,
        name: str,
        *,
        cancel: threading.Event | None = None,
        stop_after_file: threading.Event | None = None,
        on_progress: Callable[[RunProgress], None] | None = None,
        force: bool = False,
    ) -> RunResult:
        """``force``: the user confirmed a run outside 06:00-22:00. Callers ask
        ``outside_window`` at the click, just before, and ask the user only if it says so."""
        runner = dataclasses.replace(self.runner, lease=self._lease, on_progress=on_progress)
        with collections_held_back():  # a full collection would stall the GUI (quiet_gc.py)
            result = runner.run(
                name,
                trigger=MANUAL_TRIGGER,
                cancel=cancel,
                stop_after_file=stop_after_file,
                force=force,
                window_checked=True,
            )
        if result.run_id is not None:  # it ran (not refused as busy)
            self._record(runner, name, result)
        return result

    def outside_window(self) -> bool:
        """Whether a run now needs the user's confirmation (outside 06:00-22:00)."""
        return self.runner.outside_window()

    def not_released(self, stored: StoredInterface) -> NotReleasedYet | None:
        """Why ``stored`` may not run today, whatever the user says: its Start date is
        still ahead. None when it may. The run itself refuses too."""
        return self.runner.not_released(stored)

    def _record(self, runner: ImportRunner, name: str, result: RunResult) -> None:
        stored = runner.repository.find(name)
        if stored is None:
            return  # deleted while it ran; its state went with it
        pending_retry = self._states.get(stored.id).retry_at
        self._states.record_slot_finished(
            stored.id,
            None,
            result.status.value,
            utcnow(),
            # A manual failure neither starts nor cancels the scheduler's back-off.
            retry_at=lambda _failures: pending_retry,
        )
