"""Whether an interface runs on this computer: its computer, branch and Start date, and
whether this computer's keyring holds its current password."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from ..domain.eligibility import Eligibility
from ..store.db import Database
from ..store.interfaces import StoredInterface
from ..store.schedule_state import ScheduleState
from ..store.secrets import SecretStore
from .password_takeover import take_over_from_keyring
from .schedule_planner import SchedulePlanner, may_run_here, password_reason, utc


class RunsHere:
    """The scheduler loop's answer to "does this interface run here, and if not, why".

    ``this_branch`` changes while the loop runs (``SchedulerLoop.set_this_branch``); the
    rest is fixed. ``secrets``: this computer's keyring, from which a password from before
    versions is taken over.
    """

    def __init__(
        self,
        db: Database,
        planner: SchedulePlanner,
        *,
        this_computer: str,
        this_branch: str | None,
        secrets: SecretStore | None,
        now: Callable[[], datetime],
    ):
        self.db = db
        self.planner = planner
        self.this_computer = this_computer
        self.this_branch = this_branch
        self.secrets = secrets
        self._now = now

    def _today(self, now: datetime) -> date:
        return utc(now).astimezone(self.planner.tz).date()

    def reason(self, stored: StoredInterface, now: datetime) -> Eligibility | None:
        """Why ``stored`` does not run here now; None: it does."""
        reason = may_run_here(
            stored.settings,
            this_computer=self.this_computer,
            this_branch=self.this_branch,
            today=self._today(now),
        )
        if reason is not None:
            return reason
        return self._password_reason(stored)

    def _password_reason(self, stored: StoredInterface) -> Eligibility | None:
        """Only a computer holding the current password claims a slot: any other one's
        run would fail at the login ("kein Passwort hinterlegt" or a wrong one). A
        password from before versions found in this keyring is taken over first."""
        reason = password_reason(stored.password_coverage, self.this_computer)
        secrets = self.secrets
        if reason == Eligibility.PASSWORD_UNCONFIRMED and secrets is not None:
            return (
                None
                if take_over_from_keyring(self.db, secrets, stored, self.this_computer)
                else reason
            )
        return reason

    def once_released(
        self, stored: StoredInterface, state: ScheduleState, reason: Eligibility | None
    ) -> datetime | Eligibility | None:
        """For an interface that only its Start date keeps from running here: its first run
        as the planner will plan it once released, or why it will not run here even then
        (another computer, branch, no password here), which is what the list should say.
        None for any other interface, and when its schedule has no slot.

        A password from before versions is taken over now, as for a released interface:
        the computer that has it shows (and will run) the first slot like any other.
        """
        start = stored.settings.start_date
        if reason != Eligibility.NOT_RELEASED or start is None:
            return None
        then = may_run_here(
            stored.settings,
            this_computer=self.this_computer,
            this_branch=self.this_branch,
            today=start,
        ) or self._password_reason(stored)
        if then is not None:
            return then
        plan = self.planner.plan_once_released(stored.settings, state, self._now())
        return plan.due_at if plan is not None else None
