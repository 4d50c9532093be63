"""What every step of an import run shares: retries on the run's back-off, progress."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .run_connection import with_retry
from .run_results import RunProgress

log = logging.getLogger(__name__)


class RunSteps:
    """Retries and progress, a base class of ``ImportRunner`` (run_import.py): the
    attributes named here are the runner's fields."""

    backoff: tuple[float, ...]
    sleep: Callable[[float], object] | None
    on_progress: Callable[[RunProgress], None] | None

    def _with_retry(self, action, cancel: threading.Event, **options):
        """``action()``, tried again after a transient failure (see ``with_retry``)."""
        return with_retry(
            action, cancel, backoff=self.backoff, sleep=self._pause(cancel), **options
        )

    def _pause(self, cancel: threading.Event) -> Callable[[float], object]:
        return self.sleep or cancel.wait

    def _progress(
        self, name: str, step: str, message: str, index: int = 0, total: int = 0, subject=""
    ):
        log.info("%s: %s", name, message)
        if self.on_progress:
            self.on_progress(RunProgress(name, step, message, index, total, subject))
