"""The scheduler in a background QThread while the desktop program is open.

A thin Qt face over ``SchedulerLoop``: the loop runs on the worker's thread, and all it says
reaches the GUI thread as queued signals. No Qt object crosses threads; ``interfaces_changed``
and ``stop`` are plain thread-safe methods that notify the loop's condition, because the
worker's thread is asleep in that condition (not in a Qt event loop) between runs.

Typical use from the main window::

    scheduler = SchedulerThread(db, run_interface, this_computer=host, this_branch=branch)
    scheduler.next_runs_changed.connect(list_model.set_next_runs)
    scheduler.start()
    ...  # after saving an interface
    scheduler.interfaces_changed()
    ...  # on quit
    scheduler.stop()
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from ..store.db import Database
from .scheduler import RunCallable, SchedulerLoop, StaleInfo
from .scheduler_errors import SchedulerError, SchedulerFault
from .scheduler_listener import NextRun, SchedulerListener

log = logging.getLogger(__name__)

__all__ = ["SchedulerThread", "SchedulerWorker"]

DEFAULT_STOP_TIMEOUT_MS = 30_000  # a run finishing its current file; abort=True cuts it short


class _SignalListener(SchedulerListener):
    """Turns the loop's news into the worker's signals (and keeps the base class's log)."""

    def __init__(self, worker: SchedulerWorker):
        self._worker = worker

    def run_started(self, name: str, trigger: str) -> None:
        super().run_started(name, trigger)
        self._worker.run_started.emit(name, trigger)

    def run_finished(self, name: str, status: str) -> None:
        super().run_finished(name, status)
        self._worker.run_finished.emit(name, status)

    def next_runs_changed(self, next_runs: Mapping[str, NextRun]) -> None:
        super().next_runs_changed(next_runs)
        self._worker.next_runs_changed.emit(dict(next_runs))

    def stale_changed(self, stale: list[StaleInfo]) -> None:
        super().stale_changed(stale)
        self._worker.stale_changed.emit(list(stale))

    def error(self, error: SchedulerError) -> None:
        super().error(error)
        self._worker.error.emit(error)


class SchedulerWorker(QObject):
    """Runs a ``SchedulerLoop`` when its thread starts; lives on that thread.

    ``options`` go to ``SchedulerLoop`` (``this_computer``, ``this_branch``, ``planner``,
    ``lease``, and the clock functions for tests).
    """

    run_started = Signal(str, str)  # name, trigger
    run_finished = Signal(str, str)  # name, status
    # ``object``, not ``dict``/``list``: Qt would convert the datetimes and drop their zone.
    next_runs_changed = Signal(object)  # dict[str, NextRun]: a time, or why there is none
    stale_changed = Signal(object)  # list[StaleInfo]
    error = Signal(object)  # SchedulerError: the window words it in its language
    finished = Signal()

    def __init__(self, db: Database, run: RunCallable, **options: Any):
        super().__init__()
        self.loop = SchedulerLoop(db, run, listener=_SignalListener(self), **options)

    @Slot()
    def run(self) -> None:
        try:
            self.loop.run_forever()
        except Exception as exc:
            # run_pending catches database trouble itself; this is a bug, so say it loudly.
            log.exception("Scheduler thread crashed")
            self.error.emit(SchedulerError.of(SchedulerFault.STOPPED, exc))
        finally:
            self.finished.emit()

    def interfaces_changed(self) -> None:
        """Thread-safe: the loop wakes at once and re-reads every interface."""
        self.loop.interfaces_changed()

    def stop(self, *, abort: bool = False) -> None:
        """Thread-safe: the loop ends after the current run (cancelled when ``abort``)."""
        self.loop.stop(abort=abort)


class SchedulerThread(QObject):
    """Owns the QThread and its worker; the GUI connects to these signals.

    Signals are forwarded from the worker, so they arrive queued on the thread that owns
    this object (the GUI thread): slots may touch widgets.
    """

    run_started = Signal(str, str)
    run_finished = Signal(str, str)
    next_runs_changed = Signal(object)
    stale_changed = Signal(object)
    error = Signal(object)  # SchedulerError

    def __init__(
        self, db: Database, run: RunCallable, parent: QObject | None = None, **options: Any
    ):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("scheduler")
        self.worker = SchedulerWorker(db, run, **options)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        # Direct: quit from the worker's thread. Queued, it would wait for the GUI thread's
        # event loop, which stop() blocks in QThread.wait().
        self.worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        for name in ("run_started", "run_finished", "next_runs_changed", "stale_changed", "error"):
            getattr(self.worker, name).connect(getattr(self, name))

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def interfaces_changed(self) -> None:
        self.worker.interfaces_changed()

    def set_this_branch(self, branch: str | None) -> None:
        """Thread-safe: the branch (Filiale) this computer belongs to, from now on."""
        self.worker.loop.set_this_branch(branch)

    def stop(self, *, abort: bool = False, timeout_ms: int = DEFAULT_STOP_TIMEOUT_MS) -> bool:
        """Ask the loop to end and wait for the thread; False if it did not end in time."""
        self.worker.stop(abort=abort)
        if not self._thread.isRunning():
            return True
        return self._thread.wait(timeout_ms)
