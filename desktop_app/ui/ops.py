"""The one way the GUI runs work that may block: ``Op(work).success(cb).run_in_background()``.

Modelled on Anki's ``QueryOp``. ``work`` runs on a pool thread and must not touch widgets;
its result or exception comes back to the GUI thread through a queued signal, where the
callbacks run. An exception without a ``failure`` callback is shown in a message box and
logged, never swallowed. Keyring writes go through here because the Secret Service may
block on an unlock prompt, and the GUI thread must never wait for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

# ``QtCore.Qt`` where used: its enums cost 15 ms to build, too much before the first paint.
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from ..language import error_message
from .translations import ui_language

log = logging.getLogger(__name__)

T = TypeVar("T")

# Ops whose result has not been delivered yet. Holding them here keeps the Python objects
# alive while a pool thread still uses them, and lets tests wait until all are done.
_pending: set[Op[Any]] = set()


# Reads the first screen does not need (the case count, the last runs, whether there is a
# keyring) wait while the start-up reads the list and the form: run beside that read they
# would only take turns with it for the interpreter. Only the start-up holds them.
_held: list[tuple[Op[Any], QThreadPool | None]] | None = None


def hold_secondary() -> None:
    """From now on, ``secondary`` operations wait for ``release_secondary``."""
    global _held
    if _held is None:
        _held = []


def release_secondary(*, run: bool = True) -> None:
    """Start the held ``secondary`` operations, in the order they were asked for
    (``run`` False: the program ends; drop them, they were reads only)."""
    global _held
    held, _held = _held or [], None
    for op, pool in held:
        if run:
            op._start(pool)
        else:
            _pending.discard(op)


def pending_count() -> int:
    """How many operations have not delivered their result yet (tests wait for 0)."""
    return len(_pending)


def error_text(exc: BaseException, lang: str | None = None) -> str:
    """What the user is told about ``exc``: our own errors' message (German ``message_de``
    or, in English, ``message_en`` where the type has one, else the exception text); of
    any other error only its kind, because its text is not ours to vouch for (it might
    quote input)."""
    return error_message(exc, lang or ui_language()) or type(exc).__name__


def show_unhandled_error(parent: QWidget | None, exc: BaseException) -> None:
    """The fallback for an error nobody handled: tell the user, keep the trace in the log."""
    log.error("background operation failed", exc_info=exc)
    detail = error_text(exc)
    QMessageBox.critical(
        parent,
        QCoreApplication.translate("Op", "Error"),
        QCoreApplication.translate(
            "Op", "The operation could not be completed.\n\n{detail}"
        ).format(detail=detail),
    )


class _Runnable(QRunnable):
    def __init__(self, op: Op[Any]):
        super().__init__()
        self._op = op
        # The Op owns this runnable; Qt must not delete it behind Python's back.
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self._op._work()
        except Exception as exc:  # delivered to the GUI thread, not lost
            self._deliver(self._op._failed, exc)
        else:
            self._deliver(self._op._succeeded, result)

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the program ended meanwhile: nobody is left to tell
            log.debug("a background operation ended after the program", exc_info=True)


class Op(QObject, Generic[T]):
    """One background operation. Create it on the GUI thread; configure; run."""

    _succeeded = Signal(object)
    _failed = Signal(object)
    finished = Signal()  # after the success or failure callback has run

    def __init__(self, work: Callable[[], T], parent: QWidget | None = None):
        # No QObject parent: a widget closing must not delete an op a thread still uses.
        super().__init__(None)
        self._work = work
        self._parent_widget = parent
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[Exception], None] | None = None
        self._runnable: _Runnable | None = None
        # Queued: the signals are emitted on a pool thread, the slots run on ours.
        self._succeeded.connect(self._deliver_success, QtCore.Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._deliver_failure, QtCore.Qt.ConnectionType.QueuedConnection)

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> Op[T]:
        self._on_failure = callback
        return self

    def run_in_background(
        self, pool: QThreadPool | None = None, *, secondary: bool = False
    ) -> Op[T]:
        """``secondary``: a read the window can do without at first (see
        ``hold_secondary``)."""
        _pending.add(self)
        if secondary and _held is not None:
            _held.append((self, pool))
        else:
            self._start(pool)
        return self

    def _start(self, pool: QThreadPool | None) -> None:
        self._runnable = _Runnable(self)
        (pool or QThreadPool.globalInstance()).start(self._runnable)

    @Slot(object)
    def _deliver_success(self, result: T) -> None:
        try:
            if self._on_success is not None:
                self._on_success(result)
        finally:
            self._done()

    @Slot(object)
    def _deliver_failure(self, exc: Exception) -> None:
        try:
            if self._on_failure is not None:
                self._on_failure(exc)
            else:
                show_unhandled_error(self._live_parent(), exc)
        finally:
            self._done()

    def _live_parent(self) -> QWidget | None:
        from shiboken6 import isValid

        parent = self._parent_widget
        return parent if parent is not None and isValid(parent) else None

    def _done(self) -> None:
        _pending.discard(self)
        self.finished.emit()
