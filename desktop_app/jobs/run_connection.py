"""A run's connection to the server: reconnected for a retry, and the run's deadline."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from ..transfer import errors as transfer_errors
from ..transfer.file_errors import RemoteFileVanished
from ..transfer.limits import DownloadLimits
from ..transfer.printable import printable
from ..transfer.remote import RemoteClient
from .run_results import RunCancelled

log = logging.getLogger(__name__)
T = TypeVar("T")

# Failures that may pass by themselves: retried with back-off before the run fails.
TRANSIENT = (
    transfer_errors.ConnectTimeout,
    transfer_errors.ReadTimeout,
    transfer_errors.ConnectionLost,
    transfer_errors.ConnectionRefused,
    transfer_errors.HostUnreachable,
    transfer_errors.ServerUnavailable,
    transfer_errors.IdleDisconnect,
)
DEFAULT_BACKOFF = (2.0, 8.0, 30.0)


class RunConnection:
    """The run's session with the server, opened again for a retry.

    A transient failure usually leaves the connection dead (a "421" closes it, a cut
    drops it), so a retry on the same one could never succeed: a retry reconnects.
    """

    def __init__(
        self,
        open_client: Callable[[], RemoteClient],
        limits: DownloadLimits,
        deadline: RunDeadline,
    ) -> None:
        self._open = open_client
        self.limits, self.deadline = limits, deadline
        self.client = open_client()
        self.failure: transfer_errors.TransferError | None = None  # reconnecting failed

    def usable(self) -> RemoteClient:
        """The client, connected again first if a broken-off transfer dropped it."""
        if not self.client.connected:
            self.reconnect()
        return self.client

    def reconnect(self) -> None:
        dropped = self.client
        dropped.close()
        try:
            self.client = self._open()
        except transfer_errors.TransferError as exc:
            self.failure = exc
            raise
        self.client.take_names_from(dropped)

    def delete(self, remote_path: str, retry: Callable[..., None]) -> None:
        """Delete a booked file, through ``retry(attempt, before_retry)`` as every other
        step (an idle session may have been closed while the file was booked). A retry that
        finds the file gone is done: the first DELE took effect before the answer was lost."""
        retried = False

        def attempt() -> None:
            try:
                self.usable().delete(remote_path)
            except RemoteFileVanished:
                if not retried:
                    raise
                log.info("%s was deleted by the attempt before", printable(remote_path))

        def again() -> None:
            nonlocal retried
            retried = True
            self.reconnect()

        retry(attempt, again)

    def abort(self) -> None:
        self.client.abort()

    def close(self) -> None:
        self.client.close()


class RunDeadline:
    """The run's deadline: set once the listing says what there is to fetch (before it,
    each step has its own bounds: connect timeouts, retries, the listing's rate)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._at: float | None = None
        self.seconds = 0.0

    def start(self, seconds: float) -> None:
        self.seconds, self._at = seconds, self._clock() + seconds

    def left(self) -> float:
        return math.inf if self._at is None else max(0.0, self._at - self._clock())

    @property
    def passed(self) -> bool:
        return self._at is not None and self._clock() >= self._at

    def error(self) -> transfer_errors.RunTimedOut | None:
        return transfer_errors.RunTimedOut(self.seconds) if self.passed else None

    def check(self) -> None:
        late = self.error()
        if late is not None:
            raise late


class CurrentClient:
    """The client of the moment, also while it is still connecting, for the watcher."""

    client: RemoteClient | None = None

    def abort(self) -> None:
        if self.client is not None:
            self.client.abort()


def with_retry(
    action: Callable[[], T],
    cancel: threading.Event,
    *,
    backoff: tuple[float, ...],
    sleep: Callable[[float], object],
    before_retry: Callable[[], None] | None = None,
    deadline: RunDeadline | None = None,
    retry_on: tuple[type[BaseException], ...] = TRANSIENT,
) -> T:
    """``action()``; after a ``retry_on`` failure once more per ``backoff`` pause (then
    ``before_retry``, e.g. a reconnect), until cancelled or past ``deadline``."""
    for attempt, pause in enumerate((*backoff, None), 1):
        if cancel.is_set():
            raise RunCancelled
        if deadline is not None:
            deadline.check()
        try:
            return action()
        except retry_on as exc:
            if pause is None or cancel.is_set():
                raise
            if isinstance(exc, transfer_errors.IdleDisconnect) and attempt == 1:
                pause = 0  # the server only closed an idle session: connect again at once
            if deadline is not None:
                pause = min(pause, deadline.left())  # then the check above ends the run
            log.warning("attempt %d failed (%s); retrying in %g s", attempt, exc, pause)
            sleep(pause)
            if before_retry is not None:
                before_retry()
    raise AssertionError("unreachable")
