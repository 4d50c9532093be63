"""Work the scheduler loop does besides the runs, at times the work itself names."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

log = logging.getLogger(__name__)


class TimedJob(Protocol):
    """Work the loop does besides the runs (the daily summary of open cases)."""

    def next_due(self, now: datetime) -> datetime | None: ...

    def run(self, now: datetime) -> object: ...


class TimedJobs:
    """The loop's timed jobs: a broken one is logged and never stops the runs."""

    def __init__(self, jobs: Sequence[TimedJob]):
        self.jobs = tuple(jobs)

    def run_due(self, now: datetime, stopping: Callable[[], bool]) -> None:
        for job in self.jobs:
            if stopping():
                return
            try:
                due = job.next_due(now)
                if due is not None and due <= now:
                    job.run(now)
            except Exception:  # a broken job must not stop the runs
                log.exception("Scheduled job %r failed", job)

    def due_times(self, now: datetime) -> list[datetime]:
        found = []
        for job in self.jobs:
            try:
                due = job.next_due(now)
            except Exception:
                log.exception("Scheduled job %r: next due time unknown", job)
                continue
            if due is not None:
                found.append(due)
        return found
