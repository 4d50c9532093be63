"""Lets Python's signal handlers run while Qt's event loop waits.

Qt's loop waits in C++: a signal sets Python's flag, but no Python code runs to look at
it until some other event arrives. ``signal.set_wakeup_fd`` makes the C-level handler
write a byte to a socket, and a ``QSocketNotifier`` on the other end wakes the loop at
once; the slot is Python code, so the interpreter runs the pending handlers. A socket
pair works on Windows as well (set_wakeup_fd takes sockets there), and nothing polls.
"""

from __future__ import annotations

import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier


class SignalWakeup(QObject):
    """Installed on the GUI thread for as long as the event loop runs; ``close`` it
    afterwards to restore the previous wake-up descriptor."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        # The bytes are signal numbers; the handlers themselves run as this slot returns.
        try:
            while self._reader.recv(64):
                continue
        except (BlockingIOError, InterruptedError):
            return

    def close(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous)
        self._reader.close()
        self._writer.close()
