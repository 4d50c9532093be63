"""The one wiring of the scheduler to the run pipeline, for the desktop program and ``serve``.

The scheduler and its runner share one lease (re-entrant for its holder), so a run the
scheduler started is not refused as busy by itself; "Jetzt ausführen" (``manual_run``)
takes a lease of its own, so that a manual and a scheduled run of one interface exclude
each other.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..store.db import Database
from ..store.lease import RunLease
from ..store.schedule_state import REFUSED
from ..store.secrets import SecretStore
from .case_mail import CaseSummaryJob
from .changes import ChangeHub
from .computer import this_computer as this_computer_name
from .failure_mail import FailureMailer
from .local_zone import local_zone
from .quiet_gc import collections_held_back
from .run_import import ImportRunner
from .run_now import ManualRun


@dataclass
class ScheduledRuns:
    """Callable as the scheduler's ``run``: runs an interface, returns the status text."""

    runner: ImportRunner
    lease: RunLease
    # The desktop program keeps full collections out of a run (see quiet_gc).
    hold_collections: bool = False
    # What the scheduler does besides runs, at its own times (the daily cases summary).
    timed_jobs: tuple[Any, ...] = field(default=())

    def __call__(
        self, name: str, trigger: str, slot_at: datetime | None, cancel: threading.Event
    ) -> str:
        # The loop's cancel (quit, SIGTERM) stops the run at its next safe point, as a
        # user's Cancel does: a booking in progress still commits, a download ends at once.
        with self._quiet():
            result = self.runner.run(name, trigger=trigger, slot_at=slot_at, cancel=cancel)
        # A refused list is not retried at the back-off's pace: it needs a person.
        return REFUSED if result.awaits_decision else result.status.value

    def _quiet(self) -> AbstractContextManager[Any]:
        return collections_held_back() if self.hold_collections else nullcontext()

    def loop_options(
        self, *, this_computer: str | None = None, this_branch: str | None = None
    ) -> dict[str, Any]:
        """What ``SchedulerLoop`` (or ``SchedulerThread``) takes besides the database."""
        return {
            "this_computer": this_computer or this_computer_name(),
            "this_branch": this_branch,
            "secrets": self.runner.secrets,
            "lease": self.lease,
            "timed_jobs": self.timed_jobs,
        }

    def manual_run(self) -> ManualRun:
        return ManualRun(self.runner)


def import_runner(
    db: Database,
    secrets: SecretStore,
    *,
    changes: ChangeHub | None = None,
    lease: RunLease | None = None,
    mail_language: str = "de",
    **runner_options: Any,
) -> ImportRunner:
    """The run pipeline as every caller has it: failure mails (in ``mail_language``), and
    the 06:00-22:00 window of this computer's zone."""
    runner_options.setdefault("time_window", local_zone())
    return ImportRunner(
        db,
        secrets,
        mailer=FailureMailer(db, secrets, lang=mail_language),
        lease=lease,
        changes=changes,
        **runner_options,
    )


def scheduled_runs(
    db: Database,
    secrets: SecretStore,
    *,
    changes: ChangeHub | None = None,
    hold_collections: bool = False,
    mail_language: str = "de",
    **runner_options: Any,
) -> ScheduledRuns:
    """The runner (``import_runner``) and the lease the scheduler shares with it; the
    failure mails and the daily summary of open cases in ``mail_language``."""
    lease = RunLease(db)
    runner = import_runner(
        db, secrets, changes=changes, lease=lease, mail_language=mail_language, **runner_options
    )
    summary = CaseSummaryJob(db, secrets, lang=mail_language)
    return ScheduledRuns(runner, lease, hold_collections, (summary,))
