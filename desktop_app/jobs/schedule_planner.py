"""The scheduler's pure rules: when an interface is next due, what a wake-up runs, the
back-off after failures and when an interface counts as stale. No clock, no database."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from ..domain.eligibility import Eligibility
from ..domain.interface import WINDOW_START, InterfaceSettings, IntervalKind
from ..domain.password_holders import HolderState, PasswordCoverage
from ..domain.release import is_released
from ..domain.schedule import ScheduleSpec, in_window, localise, missed_slot, next_due
from ..store.schedule_state import ScheduleState


class Trigger(enum.StrEnum):
    """Why a scheduled run started; stored with the run (``runs.trigger``)."""

    SCHEDULE = "schedule"  # its slot came while the program was running
    CATCHUP = "catchup"  # its slot had passed when the scheduler planned it
    RETRY = "retry"  # the back-off after a failed run expired


def may_run_here(
    settings: InterfaceSettings, *, this_computer: str, this_branch: str | None, today: date
) -> Eligibility | None:
    """None when the scheduler on this computer may run the interface, else the reason code."""
    if not settings.enabled:
        return Eligibility.DISABLED
    if not is_released(settings, today):
        return Eligibility.NOT_RELEASED
    workstation = (settings.workstation or "").strip()
    # Computer names are case-insensitive on Windows and in DNS.
    if workstation and workstation.casefold() != this_computer.strip().casefold():
        return Eligibility.OTHER_COMPUTER
    branch = (settings.branch or "").strip()
    if branch and branch != (this_branch or "").strip():
        return Eligibility.OTHER_BRANCH
    return None


def password_reason(coverage: PasswordCoverage, this_computer: str) -> Eligibility | None:
    """None when this computer holds the interface's current password (or none is needed),
    else the reason code. A computer claims no slot it would fail for a wrong password."""
    return {
        HolderState.NOT_NEEDED: None,
        HolderState.CURRENT: None,
        HolderState.MISSING: Eligibility.PASSWORD_MISSING,
        HolderState.OUTDATED: Eligibility.PASSWORD_OUTDATED,
        HolderState.UNCONFIRMED: Eligibility.PASSWORD_UNCONFIRMED,
    }[coverage.state_on(this_computer)]


@dataclass(frozen=True)
class Backoff:
    """Delay before retrying after the n-th consecutive failure: first, 2x, 4x ... up to cap."""

    first: timedelta = timedelta(minutes=5)
    cap: timedelta = timedelta(hours=4)

    def delay(self, failures: int) -> timedelta:
        # The exponent is bounded so that a long failing streak cannot overflow timedelta.
        return min(self.first * 2 ** min(max(failures, 1) - 1, 32), self.cap)


@dataclass(frozen=True)
class StaleThresholds:
    """How long without a success is too long, per interval kind (all configurable).

    Hourly counts slots, not hours: three missed intervals after an evening success would
    otherwise be reached every night, when the window forbids runs.
    """

    daily: timedelta = timedelta(hours=26)
    weekly: timedelta = timedelta(days=8)
    monthly: timedelta = timedelta(days=32)
    hourly_slots: int = 3
    hourly_grace: timedelta = timedelta(minutes=15)  # lets the n-th slot's run finish first

    def deadline(self, spec: ScheduleSpec, since: datetime, tz: tzinfo) -> datetime | None:
        """The instant after which an interface without a success since ``since`` is stale."""
        if spec.kind is IntervalKind.HOURLY:
            slot: datetime | None = since
            for _ in range(max(self.hourly_slots, 1)):
                slot = next_due(spec, slot, tz) if slot is not None else None
            if slot is None:
                return None
            grace = min(self.hourly_grace, timedelta(minutes=spec.every_minutes))
            return slot.astimezone(UTC) + grace
        threshold = {
            IntervalKind.DAILY: self.daily,
            IntervalKind.WEEKLY: self.weekly,
            IntervalKind.MONTHLY: self.monthly,
        }[spec.kind]
        return since.astimezone(UTC) + threshold


@dataclass(frozen=True)
class StaleInfo:
    """An interface that has not succeeded for too long, for the list and the tray."""

    interface_id: int
    name: str
    since: datetime  # the last success, or the release/creation when it never succeeded
    deadline: datetime  # when it became stale
    last_success_at: datetime | None

    @property
    def never_succeeded(self) -> bool:
        return self.last_success_at is None


@dataclass(frozen=True)
class PlannedRun:
    """The next time a job wakes for an interface, and what it expects to serve then."""

    due_at: datetime  # UTC
    slot: datetime | None  # UTC; for a retry, the slot that failed
    trigger: Trigger
    armed_at: datetime  # when this plan was made: a slot older than that is a catch-up


@dataclass(frozen=True)
class Attempt:
    """What to run now, decided at the moment a job fires, from freshly read state."""

    slot: datetime | None
    trigger: Trigger
    retry_of: int | None = None  # the failure count the retry claim expects


def utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC)


class SchedulePlanner:
    """The pure rules: when an interface is next due, what a wake-up runs, back-off, staleness.

    No clock, no database: every method is handed ``now`` and the persisted state.
    """

    def __init__(
        self,
        tz: tzinfo,
        *,
        backoff: Backoff | None = None,
        stale: StaleThresholds | None = None,
    ):
        self.tz = tz
        self.backoff = backoff or Backoff()
        self.stale = stale or StaleThresholds()

    def may_start(self, instant: datetime) -> bool:
        """Inside 06:00:00-22:00:00 (``in_window``): not the whole minute 22:00, whose
        later seconds would start a run after the window."""
        return in_window(instant, self.tz)

    def window_start_after(self, instant: datetime) -> datetime:
        """The first window start (06:00 local) after ``instant``, in UTC."""
        day = utc(instant).astimezone(self.tz).date()
        for offset in range(3):
            start = utc(localise(day + timedelta(days=offset), WINDOW_START, self.tz))
            if start > instant:
                return start
        raise AssertionError("a window starts every day")

    def start_time(self, instant: datetime) -> datetime:
        """``instant`` if a run may start then, else the next window start."""
        return instant if self.may_start(instant) else self.window_start_after(instant)

    def retry_at(self, failures: int, now: datetime) -> datetime:
        return self.start_time(utc(now) + self.backoff.delay(failures))

    @staticmethod
    def baseline(state: ScheduleState, now: datetime) -> datetime:
        """The slot already handled: the persisted one, else the interface's creation, so a
        new interface does not "catch up" slots from before it existed; and no earlier than
        the last change of its schedule, whose new slots before it are not owed."""
        handled = utc(state.last_slot_at or state.created_at or now)
        changed = state.schedule_changed_at
        # A change stamped after "now" comes from a computer whose clock runs ahead of
        # this one's: it would skip this computer's slots until then, so it is not used.
        if changed is None or utc(changed) > utc(now):
            return handled
        return max(handled, utc(changed))

    def plan(
        self,
        settings: InterfaceSettings,
        state: ScheduleState,
        now: datetime,
        *,
        not_before: datetime | None = None,
    ) -> PlannedRun | None:
        """When the interface is next due; None when its schedule has no slot any more."""
        now = utc(now)
        spec = ScheduleSpec.from_settings(settings)
        if state.retry_at is not None:
            # Failing: the back-off decides the next attempt, not the schedule.
            due, slot, trigger = max(utc(state.retry_at), now), state.last_slot_at, Trigger.RETRY
        else:
            baseline = self.baseline(state, now)
            missed = missed_slot(spec, baseline, now, self.tz)
            if missed is not None:
                due, slot, trigger = now, missed, Trigger.CATCHUP
            else:
                # max(): after the clock was set back, slots up to the persisted one are done.
                upcoming = next_due(spec, max(now, baseline), self.tz)
                if upcoming is None:
                    return None
                due, slot, trigger = upcoming, upcoming, Trigger.SCHEDULE
        if not_before is not None and not_before > due:
            due = not_before
        return PlannedRun(
            due_at=self.start_time(utc(due)),
            slot=utc(slot) if slot is not None else None,
            trigger=trigger,
            armed_at=now,
        )

    def released_at(self, settings: InterfaceSettings) -> datetime | None:
        """The first instant of the Start date (local midnight) in UTC; None without one."""
        if settings.start_date is None:
            return None
        return utc(localise(settings.start_date, datetime.min.time(), self.tz))

    def plan_once_released(
        self, settings: InterfaceSettings, state: ScheduleState, now: datetime
    ) -> PlannedRun | None:
        """What ``plan`` will say when the interface is released: for one whose Start date
        is still ahead, its plan as of the release, else its plan as of ``now``.

        For the list's "next run" of an interface the scheduler does not plan yet.
        """
        released = self.released_at(settings)
        return self.plan(settings, state, max(utc(now), released) if released else now)

    def attempt(
        self, settings: InterfaceSettings, state: ScheduleState, now: datetime, armed_at: datetime
    ) -> Attempt | None:
        """What a job that fired at ``now`` runs, from freshly read state; None: nothing.

        The same rules as ``plan``, so a job that finds nothing to do is re-planned to a
        later time rather than firing again at once.
        """
        now = utc(now)
        if not self.may_start(now):
            return None
        spec = ScheduleSpec.from_settings(settings)
        newest = missed_slot(spec, self.baseline(state, now), now, self.tz)
        newest = utc(newest) if newest is not None else None
        if state.retry_at is not None:
            if utc(state.retry_at) > now:
                return None
            last = utc(state.last_slot_at) if state.last_slot_at is not None else None
            return Attempt(newest or last, Trigger.RETRY, retry_of=state.consecutive_failures)
        if newest is None:
            return None
        return Attempt(newest, Trigger.CATCHUP if newest < armed_at else Trigger.SCHEDULE)

    def stale_since(
        self, settings: InterfaceSettings, state: ScheduleState
    ) -> tuple[datetime, datetime] | None:
        """(since, deadline) for an enabled interface, None when staleness does not apply."""
        if not settings.enabled:
            return None
        since = state.last_success_at or state.created_at
        if since is None:
            return None
        since = utc(since)
        released = self.released_at(settings)
        if released is not None:
            # Not released yet is not stale: count from the release day's first minute.
            since = max(since, released)
        deadline = self.stale.deadline(ScheduleSpec.from_settings(settings), since, self.tz)
        if deadline is None:
            return None
        return since, deadline

    def staleness(
        self, interface_id: int, settings: InterfaceSettings, state: ScheduleState, now: datetime
    ) -> StaleInfo | None:
        """A StaleInfo when nothing has succeeded for longer than the threshold, else None."""
        window = self.stale_since(settings, state)
        if window is None or utc(now) <= window[1]:
            return None
        return StaleInfo(
            interface_id=interface_id,
            name=settings.name,
            since=window[0],
            deadline=window[1],
            last_success_at=state.last_success_at,
        )
