"""The scheduler's engine, without Qt: which interfaces run here, when, and running them.

``SchedulerLoop`` is the whole engine. The desktop program wraps it in a QThread
(``scheduler_thread.py``); ``desktop-app serve`` runs it in its main thread. Both get the
same behaviour:

- **Slots, not run times.** Each due time is computed by ``domain.schedule`` from the
  persisted last *slot* (never from when a run actually happened), so nothing drifts.
- **Claim, then run.** The slot is written to ``schedule_state`` before the run starts, with
  a compare-and-set that only succeeds when the stored slot is older. Every computer of a
  chain may try a chain-wide slot; one wins and the others skip it silently. A crash during
  the run does not make every restart serve the slot again.
- **Catch-up once.** A slot missed while the program was off (or the computer slept) is run
  once, now, if inside 06:00-22:00, else at the next window start.
- **Back-off.** A failed run is retried after 5, 10, 20, 40 ... minutes (at most 4 h, never
  outside the window); slots passing meanwhile are folded into that retry, so a dead server
  is not hammered (nor the error mailbox flooded) at the schedule's own pace.
- **Staleness.** When nothing has succeeded for too long, ``stale_changed`` says so, once
  per change, not at every wake-up.
- **Sleeping.** The loop sleeps until the next due job (``schedule``'s ``idle_seconds``),
  at most ``max_sleep`` so that a suspended computer or a wall-clock jump is noticed; a
  jump (wall clock and monotonic clock disagree after a wait) re-plans every interface.

The ``schedule`` library is the job registry: one ``SlotJob`` per interface that runs here,
in the loop's own ``SlotScheduler``. Its ``every().at()`` vocabulary cannot express our slot
rules (the window, "last day of month", DST gaps, catch-up, back-off), so a ``SlotJob`` takes
its ``next_run`` from ``SchedulePlanner`` instead of from a unit and an interval, and the
scheduler reads the injected clock instead of ``datetime.now()``: tests drive time by hand,
and aware UTC instants keep DST out of the comparisons.
"""

from __future__ import annotations

import enum
import logging
import socket
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol

import schedule

from ..domain.interface import WINDOW_START, InterfaceSettings, IntervalKind
from ..domain.schedule import (
    ScheduleSpec,
    in_window,
    localise,
    missed_slot,
    next_due,
)
from ..store.db import Database
from ..store.interfaces import InterfaceRepository, StoredInterface
from ..store.lease import RunLease
from ..store.schedule_state import (
    CANCELLED,
    FAILED,
    OK,
    SKIPPED,
    ScheduleState,
    ScheduleStateRepository,
)
from .local_zone import local_zone

log = logging.getLogger(__name__)

__all__ = [
    "Backoff",
    "Eligibility",
    "PlannedRun",
    "RunCallable",
    "SchedulePlanner",
    "SchedulerListener",
    "SchedulerLoop",
    "SlotJob",
    "SlotScheduler",
    "StaleInfo",
    "StaleThresholds",
    "Trigger",
    "local_zone",
    "may_run_here",
]

# run(interface_name, trigger, slot_at, cancel) -> "ok" | "failed" | "skipped" | "cancelled"
RunCallable = Callable[[str, str, datetime | None, threading.Event], str]


class TimedJob(Protocol):
    """Work the loop does besides the runs (the daily summary of open cases)."""

    def next_due(self, now: datetime) -> datetime | None: ...

    def run(self, now: datetime) -> object: ...


# wait(condition, timeout): called with the condition held; returns when notified or timed out.
WaitFunction = Callable[[threading.Condition, float], object]

DEFAULT_MAX_SLEEP = 15 * 60.0  # seconds; re-arms after suspend and wall-clock jumps
WAKE_MARGIN = 0.05  # seconds past the due time, so a wake-up never comes a hair too early


class Trigger(enum.StrEnum):
    """Why a scheduled run started; stored with the run (``runs.trigger``)."""

    SCHEDULE = "schedule"  # its slot came while the program was running
    CATCHUP = "catchup"  # its slot had passed when the scheduler planned it
    RETRY = "retry"  # the back-off after a failed run expired


class Eligibility(enum.StrEnum):
    """Why an interface does not run on this computer (PRODUCT.md §7.1)."""

    DISABLED = "disabled"
    NOT_RELEASED = "not_released"  # before its Start date
    OTHER_COMPUTER = "other_computer"  # bound to another workstation (Rechner)
    OTHER_BRANCH = "other_branch"  # restricted to another branch (Filiale)


def may_run_here(
    settings: InterfaceSettings, *, this_computer: str, this_branch: str | None, today: date
) -> str | None:
    """None when the scheduler on this computer may run the interface, else the reason code."""
    if not settings.enabled:
        return Eligibility.DISABLED
    if settings.start_date is not None and today < settings.start_date:
        return Eligibility.NOT_RELEASED
    workstation = (settings.workstation or "").strip()
    # Computer names are case-insensitive on Windows and in DNS.
    if workstation and workstation.casefold() != this_computer.strip().casefold():
        return Eligibility.OTHER_COMPUTER
    branch = (settings.branch or "").strip()
    if branch and branch != (this_branch or "").strip():
        return Eligibility.OTHER_BRANCH
    return None


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


def _utc(instant: datetime) -> datetime:
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
        """Inside 06:00-22:00. Slots are whole minutes, so a wake-up a few milliseconds
        after a 22:00 slot still starts "at 22:00" instead of losing the slot."""
        minute = _utc(instant).replace(second=0, microsecond=0)
        return in_window(minute, self.tz)

    def window_start_after(self, instant: datetime) -> datetime:
        """The first window start (06:00 local) after ``instant``, in UTC."""
        day = _utc(instant).astimezone(self.tz).date()
        for offset in range(3):
            start = _utc(localise(day + timedelta(days=offset), WINDOW_START, self.tz))
            if start > instant:
                return start
        raise AssertionError("a window starts every day")

    def start_time(self, instant: datetime) -> datetime:
        """``instant`` if a run may start then, else the next window start."""
        return instant if self.may_start(instant) else self.window_start_after(instant)

    def retry_at(self, failures: int, now: datetime) -> datetime:
        return self.start_time(_utc(now) + self.backoff.delay(failures))

    @staticmethod
    def baseline(state: ScheduleState, now: datetime) -> datetime:
        """The slot already handled: the persisted one, else the interface's creation, so a
        new interface does not "catch up" slots from before it existed."""
        return _utc(state.last_slot_at or state.created_at or now)

    def plan(
        self,
        settings: InterfaceSettings,
        state: ScheduleState,
        now: datetime,
        *,
        not_before: datetime | None = None,
    ) -> PlannedRun | None:
        """When the interface is next due; None when its schedule has no slot any more."""
        now = _utc(now)
        spec = ScheduleSpec.from_settings(settings)
        if state.retry_at is not None:
            # Failing: the back-off decides the next attempt, not the schedule.
            due, slot, trigger = max(_utc(state.retry_at), now), state.last_slot_at, Trigger.RETRY
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
            due_at=self.start_time(_utc(due)),
            slot=_utc(slot) if slot is not None else None,
            trigger=trigger,
            armed_at=now,
        )

    def attempt(
        self, settings: InterfaceSettings, state: ScheduleState, now: datetime, armed_at: datetime
    ) -> Attempt | None:
        """What a job that fired at ``now`` runs, from freshly read state; None: nothing.

        The same rules as ``plan``, so a job that finds nothing to do is re-planned to a
        later time rather than firing again at once.
        """
        now = _utc(now)
        if not self.may_start(now):
            return None
        spec = ScheduleSpec.from_settings(settings)
        newest = missed_slot(spec, self.baseline(state, now), now, self.tz)
        newest = _utc(newest) if newest is not None else None
        if state.retry_at is not None:
            if _utc(state.retry_at) > now:
                return None
            last = _utc(state.last_slot_at) if state.last_slot_at is not None else None
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
        since = _utc(since)
        if settings.start_date is not None:
            # Not released yet is not stale: count from the release day's first minute.
            released = _utc(localise(settings.start_date, datetime.min.time(), self.tz))
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
        if window is None or _utc(now) <= window[1]:
            return None
        return StaleInfo(
            interface_id=interface_id,
            name=settings.name,
            since=window[0],
            deadline=window[1],
            last_success_at=state.last_success_at,
        )


class SlotScheduler(schedule.Scheduler):
    """``schedule``'s job registry, reading the loop's clock.

    The base class compares naive local ``datetime.now()`` with each job's ``next_run``; ours
    holds aware UTC instants and asks the injected clock, so ``idle_seconds`` (the loop's
    sleep) and ``get_next_run`` work unchanged in tests with a fake clock and across DST.
    """

    def __init__(self, now: Callable[[], datetime]):
        super().__init__()
        self.now = now

    @property
    def idle_seconds(self) -> float | None:  # type: ignore[override]
        next_run = self.get_next_run()
        if next_run is None:
            return None
        return (next_run - self.now()).total_seconds()

    def run_due(
        self,
        *,
        should_stop: Callable[[], bool],
        after_each: Callable[[], None],
    ) -> int:
        """Like ``run_pending``, but stops between jobs when asked and reports each one.

        Returns how many jobs fired.
        """
        fired = 0
        for job in sorted(job for job in self.jobs if job.should_run):
            if should_stop():
                break
            self._run_job(job)
            fired += 1
            after_each()
        return fired


class SlotJob(schedule.Job):
    """One interface in the registry; its ``next_run`` comes from the planner.

    ``Job.run`` calls the job function and then ``_schedule_next_run``, which here asks the
    planner again with the state the run left behind: the next due time follows the slot.
    A plan of None makes the job function return ``CancelJob``, which unregisters the job.
    """

    def __init__(
        self,
        scheduler: SlotScheduler,
        interface_id: int,
        planner: Callable[[int], PlannedRun | None],
    ):
        super().__init__(interval=1, scheduler=scheduler)
        self.unit = "slots"  # informational; _schedule_next_run never uses unit/interval
        self.interface_id = interface_id
        self.plan: PlannedRun | None = None
        self._planner = planner
        self._now = scheduler.now

    def _schedule_next_run(self) -> None:
        self.plan = self._planner(self.interface_id)
        self.next_run = self.plan.due_at if self.plan is not None else None

    @property
    def should_run(self) -> bool:
        return self.next_run is not None and self._now() >= self.next_run

    def __repr__(self) -> str:
        plan = self.plan
        what = f"{plan.trigger} slot {plan.slot}" if plan else "nothing"
        return f"<SlotJob interface={self.interface_id} {what} due={self.next_run}>"

    __str__ = __repr__


class SchedulerListener:
    """Receives the loop's news on the loop's thread.

    This base logs, which is what ``serve`` needs; the Qt worker overrides each method to
    emit a signal. Implementations must return quickly and never touch a widget.
    """

    def run_started(self, name: str, trigger: str) -> None:
        log.info("Run of %r started (%s)", name, trigger)

    def run_finished(self, name: str, status: str) -> None:
        log.info("Run of %r finished: %s", name, status)

    def next_runs_changed(self, next_runs: Mapping[str, datetime | None]) -> None:
        due = [(when, name) for name, when in next_runs.items() if when is not None]
        if due:
            when, name = min(due)
            log.info("Next scheduled run: %r at %s", name, when.isoformat(timespec="minutes"))
        else:
            log.info("No scheduled runs on this computer")

    def stale_changed(self, stale: list[StaleInfo]) -> None:
        for info in stale:
            log.warning("%r has not succeeded since %s", info.name, info.since.isoformat())

    def error(self, message: str) -> None:
        log.error("%s", message)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _condition_wait(condition: threading.Condition, timeout: float) -> None:
    condition.wait(timeout)


@dataclass
class _Known:
    """What the loop last read about one interface."""

    settings: InterfaceSettings
    state: ScheduleState
    reason: str | None  # why it does not run here; None: it does
    not_before: datetime | None = None  # lease busy elsewhere: look again then
    job: SlotJob | None = field(default=None, repr=False)


class SchedulerLoop:
    """Runs every interface that may run on this computer at its slots until ``stop()``.

    Thread-safe from outside: ``interfaces_changed()`` and ``stop()``; everything else runs
    on the thread that called ``run_forever()`` (or ``step()``/``run_pending()`` in tests).
    ``now``, ``monotonic`` and ``wait`` are injectable so tests control time without waiting.

    ``lease`` (default: a new ``RunLease`` on ``db``) is held around each run, so a slot is
    never served while the interface runs anywhere else. Give the run pipeline the same
    ``RunLease`` object: a lease is re-entrant for its holder only.
    """

    def __init__(
        self,
        db: Database,
        run: RunCallable,
        *,
        this_computer: str | None = None,
        this_branch: str | None = None,
        planner: SchedulePlanner | None = None,
        listener: SchedulerListener | None = None,
        lease: RunLease | None = None,
        now: Callable[[], datetime] = _utcnow,
        monotonic: Callable[[], float] = time.monotonic,
        wait: WaitFunction = _condition_wait,
        max_sleep: float = DEFAULT_MAX_SLEEP,
        jump_tolerance: float = 5.0,
        busy_delay: timedelta = timedelta(minutes=1),
        error_delay: float = 60.0,
        timed_jobs: Sequence[TimedJob] = (),
    ):
        self.interfaces = InterfaceRepository(db)
        self.states = ScheduleStateRepository(db)
        self.lease = lease if lease is not None else RunLease(db, now=now)
        self.planner = planner or SchedulePlanner(local_zone())
        self.listener = listener or SchedulerListener()
        self.this_computer = this_computer or socket.gethostname()
        self.this_branch = this_branch
        self.max_sleep = max_sleep
        self.jump_tolerance = jump_tolerance
        self.busy_delay = busy_delay
        self.error_delay = error_delay
        self.wakeups = 0  # wait() returns, for the idle benchmark
        self.timed_jobs = tuple(timed_jobs)
        self._run = run
        self._now = now
        self._monotonic = monotonic
        self._wait = wait
        self._scheduler = SlotScheduler(lambda: _utc(self._now()))
        self._known: dict[int, _Known] = {}
        # Shared with other threads, guarded by the condition:
        self._cond = threading.Condition()
        self._changed = True  # the first pass reads everything
        self._stopping = False
        self._abort = False
        self._cancel: threading.Event | None = None
        # Loop thread only:
        self._reload_pending = False
        self._published_next_runs: dict[str, datetime | None] | None = None
        self._published_stale: list[StaleInfo] | None = None

    # -- thread-safe controls ------------------------------------------------------------

    def interfaces_changed(self) -> None:
        """Re-read every interface now (after an edit, enable/disable, delete)."""
        with self._cond:
            self._changed = True
            self._cond.notify_all()

    def set_this_branch(self, branch: str | None) -> None:
        """This computer now belongs to ``branch`` (None: to none): re-plan at once."""
        with self._cond:
            self.this_branch = branch
            self._changed = True
            self._cond.notify_all()

    def stop(self, *, abort: bool = False) -> None:
        """End the loop after the current run; ``abort`` also cancels that run."""
        with self._cond:
            self._stopping = True
            if abort:
                self._abort = True
                if self._cancel is not None:
                    self._cancel.set()
            self._cond.notify_all()

    @property
    def stopping(self) -> bool:
        with self._cond:
            return self._stopping

    # -- the loop --------------------------------------------------------------------------

    def run_forever(self) -> None:
        log.info("Scheduler started on %s", self.this_computer)
        while not self.stopping:
            self.step()
        log.info("Scheduler stopped")

    def step(self) -> None:
        """One pass, then sleep until the next job is due (or a change, or the cap)."""
        timeout = self.run_pending()
        if not self.stopping:
            self._sleep(timeout)

    def run_pending(self) -> float:
        """Re-plan if needed and serve every job that is due; returns seconds to sleep."""
        with self._cond:
            reload, self._changed = self._changed or self._reload_pending, False
        try:
            if reload:
                self._reload()
            fired = self._run_due()
            if self._reload_pending or (not fired and not reload and not self.stopping):
                # Woken with nothing due (the cap, a clock jump) or a job found its interface
                # renamed: re-read everything, which also picks up other computers' edits.
                self._reload()
                self._run_due()
            self._run_timed_jobs()
            self._publish()
        except Exception as exc:
            # The database went away (network, a PostgreSQL restart): try again later.
            log.exception("Scheduler pass failed")
            self._reload_pending = True
            self.listener.error(f"Der Zeitplan konnte nicht geprüft werden: {exc}")
            return self.error_delay
        return self._timeout()

    def next_runs(self) -> dict[str, datetime | None]:
        """The last published next run per interface name (None: not planned here)."""
        return dict(self._published_next_runs or {})

    def staleness(self, interface: StoredInterface) -> StaleInfo | None:
        """Whether ``interface`` has not succeeded for too long; reads its state now."""
        state = self.states.get(interface.id)
        return self.planner.staleness(interface.id, interface.settings, state, self._now())

    # -- internals -----------------------------------------------------------------------

    def _sleep(self, timeout: float) -> None:
        wall_before, mono_before = self._now(), self._monotonic()
        with self._cond:
            if self._changed or self._stopping:
                return
            self._wait(self._cond, timeout)
            self.wakeups += 1
        wall = (self._now() - wall_before).total_seconds()
        mono = self._monotonic() - mono_before
        if abs(wall - mono) > self.jump_tolerance:
            # Suspend/hibernate (monotonic stood still) or the wall clock was set.
            log.info("Clock moved %.0f s against a %.0f s wait: re-planning", wall, mono)
            self._reload_pending = True

    def _run_timed_jobs(self) -> None:
        now = _utc(self._now())
        for job in self.timed_jobs:
            if self.stopping:
                return
            try:
                due = job.next_due(now)
                if due is not None and due <= now:
                    job.run(now)
            except Exception:  # a broken job must not stop the runs
                log.exception("Scheduled job %r failed", job)

    def _timed_jobs_due(self, now: datetime) -> list[datetime]:
        found = []
        for job in self.timed_jobs:
            try:
                due = job.next_due(now)
            except Exception:
                log.exception("Scheduled job %r: next due time unknown", job)
                continue
            if due is not None:
                found.append(due)
        return found

    def _timeout(self) -> float:
        candidates = [self.max_sleep]
        idle = self._scheduler.idle_seconds
        if idle is not None:
            candidates.append(max(idle, 0.0) + WAKE_MARGIN)
        # Wake when an interface turns stale, so the tray says so on time.
        now = _utc(self._now())
        for due in self._timed_jobs_due(now):
            candidates.append(max((due - now).total_seconds(), 0.0) + WAKE_MARGIN)
        for known in self._known.values():
            window = None if known.reason else self.planner.stale_since(known.settings, known.state)
            if window is not None and window[1] > now:
                candidates.append((window[1] - now).total_seconds() + WAKE_MARGIN)
        return min(candidates)

    def _today(self, now: datetime) -> date:
        return _utc(now).astimezone(self.planner.tz).date()

    def _reason(self, settings: InterfaceSettings, now: datetime) -> str | None:
        return may_run_here(
            settings,
            this_computer=self.this_computer,
            this_branch=self.this_branch,
            today=self._today(now),
        )

    def _reload(self) -> None:
        self._reload_pending = False
        now = self._now()
        interfaces = self.interfaces.list()
        states = self.states.all()
        previous = self._known
        self._scheduler.clear()
        self._known = {}
        for stored in interfaces:
            state = states.get(stored.id) or ScheduleState(interface_id=stored.id)
            old = previous.get(stored.id)
            known = _Known(
                settings=stored.settings,
                state=state,
                reason=self._reason(stored.settings, now),
                not_before=old.not_before if old else None,
            )
            self._known[stored.id] = known
            if known.reason is None:
                self._register(stored.id)
        # Before any catch-up runs: the list shows what is planned while they work.
        self._publish_next_runs()

    def _register(self, interface_id: int) -> None:
        job = SlotJob(self._scheduler, interface_id, self._plan_for).do(self._serve, interface_id)
        if job.next_run is None:
            self._scheduler.cancel_job(job)  # no slot within the search horizon
            return
        self._known[interface_id].job = job

    def _plan_for(self, interface_id: int) -> PlannedRun | None:
        known = self._known.get(interface_id)
        if known is None or known.reason is not None:
            return None
        return self.planner.plan(
            known.settings, known.state, self._now(), not_before=known.not_before
        )

    def _run_due(self) -> int:
        return self._scheduler.run_due(
            should_stop=lambda: self.stopping, after_each=self._publish_next_runs
        )

    def _serve(self, interface_id: int) -> type[schedule.CancelJob] | None:
        """The job function: decide from fresh state, claim, run, record."""
        known = self._known[interface_id]
        armed_at = known.job.plan.armed_at if known.job and known.job.plan else _utc(self._now())
        now = _utc(self._now())
        stored = self.interfaces.find(known.settings.name)
        if stored is None or stored.id != interface_id:
            # Renamed or deleted since the last reload: drop the job, the reload re-adds it.
            self._reload_pending = True
            known.reason = Eligibility.DISABLED
            return schedule.CancelJob
        known.settings = stored.settings
        known.state = self.states.get(interface_id)
        known.not_before = None
        known.reason = self._reason(stored.settings, now)
        if known.reason is not None:
            return schedule.CancelJob
        attempt = self.planner.attempt(known.settings, known.state, now, armed_at)
        if attempt is None:
            return None  # nothing due after all (served elsewhere, clock moved): re-planned
        if not self.lease.acquire(interface_id):
            log.info("%r runs elsewhere right now; looking again later", known.settings.name)
            known.not_before = now + self.busy_delay
            return None
        try:
            claimed = self.states.record_slot_started(
                interface_id, attempt.slot, now, retry_of=attempt.retry_of
            )
            if not claimed:
                # Another computer of the chain served this slot (or retry): nothing to say.
                log.info("%r: slot %s served elsewhere", known.settings.name, attempt.slot)
                known.state = self.states.get(interface_id)
                return None
            status = self._execute(known.settings.name, attempt)
            try:
                finished = _utc(self._now())
                known.state = self.states.record_slot_finished(
                    interface_id,
                    attempt.slot,
                    status,
                    finished,
                    retry_at=lambda failures: self.planner.retry_at(failures, finished),
                )
            finally:
                self.listener.run_finished(known.settings.name, status)
        finally:
            self.lease.release(interface_id)
        return None

    def _execute(self, name: str, attempt: Attempt) -> str:
        with self._cond:
            cancel = threading.Event()
            if self._abort:
                cancel.set()
            self._cancel = cancel
        slot = attempt.slot.astimezone(self.planner.tz) if attempt.slot else None
        self.listener.run_started(name, attempt.trigger.value)
        try:
            status = self._run(name, attempt.trigger.value, slot, cancel)
        except Exception as exc:
            # The pipeline reports expected failures as "failed"; this is a bug or a crash
            # in it, recorded as a failure so the back-off and the staleness still apply.
            log.exception("Run of %r crashed", name)
            self.listener.error(f"Die Ausführung von „{name}“ ist abgebrochen: {exc}")
            status = FAILED
        finally:
            with self._cond:
                self._cancel = None
        if status not in (OK, FAILED, SKIPPED, CANCELLED):
            log.warning("Run of %r returned the unknown status %r", name, status)
        return status

    def _publish(self) -> None:
        self._publish_next_runs()
        now = self._now()
        stale = [
            info
            for interface_id, known in self._known.items()
            if known.reason is None
            and (info := self.planner.staleness(interface_id, known.settings, known.state, now))
        ]
        stale.sort(key=lambda info: info.name)
        key = [(info.interface_id, info.since) for info in stale]
        published = self._published_stale
        if published is None or key != [(i.interface_id, i.since) for i in published]:
            self._published_stale = stale
            self.listener.stale_changed(list(stale))

    def _publish_next_runs(self) -> None:
        tz = self.planner.tz
        next_runs: dict[str, datetime | None] = {}
        for known in self._known.values():
            job = known.job
            planned = known.reason is None and job is not None and job in self._scheduler.jobs
            due = job.next_run if planned and job is not None else None
            next_runs[known.settings.name] = due.astimezone(tz) if due is not None else None
        if next_runs != self._published_next_runs:
            self._published_next_runs = next_runs
            self.listener.next_runs_changed(dict(next_runs))
