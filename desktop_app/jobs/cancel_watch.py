"""The one cancel watcher: breaks off a blocked network call when a job is cancelled.

A blocked ``recv`` does not look at a cancel flag, so a thread beside the job watches the
flag (and, for a run, its deadline) and aborts the client's connection from outside.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol


class Abortable(Protocol):
    def abort(self) -> None: ...


class CancelWatch:
    """Calls ``target.abort()`` while ``cancel`` is set or ``expired()`` says so, until
    ``stop``. Again and again, not once: a reconnect after the first abort, or a socket
    still being created at that moment, must be broken off too."""

    def __init__(
        self,
        target: Abortable,
        cancel: threading.Event,
        *,
        expired: Callable[[], bool] | None = None,
        poll: float = 0.05,
        name: str = "cancel-watch",
    ) -> None:
        self._target = target
        self._cancel = cancel
        self._expired = expired or (lambda: False)
        self._poll = poll
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name=name, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._done.is_set():
            if self._cancel.wait(self._poll) or self._expired():
                self._target.abort()
                self._done.wait(max(self._poll, 0.1))

    def stop(self, timeout: float | None = None) -> None:
        """End the watch; without ``timeout`` wait until no abort can come any more."""
        self._done.set()
        self._thread.join(timeout)
