"""What the scheduler loop tells the world: runs started and finished, the next runs,
stale interfaces and its own errors."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from ..domain.eligibility import Eligibility
from .schedule_planner import StaleInfo
from .scheduler_errors import SchedulerError

# An interface's next run on this computer; when there is none, why not (None: it runs
# here, but its schedule has no slot). The list words the reason in its language.
NextRun = datetime | Eligibility | None

log = logging.getLogger(__name__)


class SchedulerListener:
    """Receives the loop's news on the loop's thread.

    This base logs, which is what ``serve`` needs; the Qt worker overrides each method to
    emit a signal. Implementations must return quickly and never touch a widget.
    """

    def run_started(self, name: str, trigger: str) -> None:
        log.info("Run of %r started (%s)", name, trigger)

    def run_finished(self, name: str, status: str) -> None:
        log.info("Run of %r finished: %s", name, status)

    def next_runs_changed(self, next_runs: Mapping[str, NextRun]) -> None:
        due = [(when, name) for name, when in next_runs.items() if isinstance(when, datetime)]
        if due:
            when, name = min(due)
            log.info("Next scheduled run: %r at %s", name, when.isoformat(timespec="minutes"))
        else:
            log.info("No scheduled runs on this computer")

    def stale_changed(self, stale: list[StaleInfo]) -> None:
        for info in stale:
            log.warning("%r has not succeeded since %s", info.name, info.since.isoformat())

    def error(self, error: SchedulerError) -> None:
        log.error("%s", error.log_text)
