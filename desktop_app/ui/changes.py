"""The jobs' announcements of what changed (``jobs.changes.ChangeHub``, Qt-free, from any
thread) as one Qt signal on the GUI thread: views connect to ``changed`` and refresh
themselves, instead of being told by each other."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal

from ..jobs.changes import Change

if TYPE_CHECKING:
    from ..jobs.changes import ChangeEvent, ChangeHub


class ChangeSignal(QObject):
    """``changed(event)`` for every ``ChangeEvent`` of ``hub``; delivered through the
    event loop, also when published on the GUI thread (never inside the job's call)."""

    changed = Signal(object)  # jobs.changes.ChangeEvent
    _arrived = Signal(object)
    close: Callable[..., None]  # no more events (also when deleted)

    def __init__(self, hub: ChangeHub, parent: QObject | None = None):
        super().__init__(parent)
        self.hub = hub
        lock, alive = threading.Lock(), [True]
        arrived = self._arrived

        def relay(event: ChangeEvent) -> None:
            # On the publishing thread; the lock keeps the GUI from deleting us meanwhile.
            with lock:
                if alive[0]:
                    arrived.emit(event)

        unsubscribe = hub.subscribe(relay)

        def close(*_args: object) -> None:
            with lock:
                alive[0] = False
            unsubscribe()

        self.close = close
        self.destroyed.connect(close)
        arrived.connect(self.changed, QtCore.Qt.ConnectionType.QueuedConnection)


def refresh_on(
    signal: ChangeSignal | None, changes: tuple[Change, ...], refresh: Callable[[], None]
) -> None:
    """Call ``refresh`` whenever one of ``changes`` is announced (nothing without a
    ``signal``: a view opened on its own, in a test)."""
    if signal is None:
        return
    wanted = frozenset(changes)
    signal.changed.connect(lambda event: refresh() if wanted & event.changes else None)
