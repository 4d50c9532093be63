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
- **Only with the current password.** A computer claims slots only of interfaces whose
  current password (version) its keyring holds, so a computer without the password, or
  with one changed elsewhere since, leaves the slot to one that can log in.
- **Catch-up once.** A slot missed while the program was off (or the computer slept) is run
  once, now, if inside 06:00-22:00, else at the next window start.
- **Back-off.** A failed run is retried after 5, 10, 20, 40 ... minutes (at most 4 h, never
  outside the window); slots passing meanwhile are folded into that retry, so a dead server
  is not hammered (nor the error mailbox flooded) at the schedule's own pace. A run that
  failed only on refused Offene-Posten lists (``REFUSED``) is no case for it: the same
  files get the same answer, so the regular schedule continues.
- **Staleness.** When nothing has succeeded for too long, ``stale_changed`` says so, once
  per change, not at every wake-up.
- **Sleeping.** The loop sleeps until the next due job (``schedule``'s ``idle_seconds``),
  at most ``max_sleep`` (a minute) so that edits made on other computers, a suspended
  computer or a wall-clock jump are noticed; a jump (wall clock and monotonic clock
  disagree after a wait) re-plans every interface.

The rules are ``schedule_planner.py``'s, the job registry ``slot_jobs.py``'s (one
``SlotJob`` per interface that runs here); the loop reads an injected clock, so tests drive
time by hand, and aware UTC instants keep DST out of the comparisons.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

import schedule

from ..domain.interface import InterfaceSettings
from ..store.db import Database
from ..store.interfaces import InterfaceRepository, StoredInterface
from ..store.lease import RunLease
from ..store.schedule_state import (
    CANCELLED,
    FAILED,
    OK,
    REFUSED,
    SKIPPED,
    ScheduleState,
    ScheduleStateRepository,
)
from ..store.secrets import SecretStore
from .computer import this_computer as this_computer_name
from .local_zone import local_zone
from .password_takeover import take_over_from_keyring
from .schedule_planner import (
    Attempt,
    Backoff,
    Eligibility,
    PlannedRun,
    SchedulePlanner,
    StaleInfo,
    StaleThresholds,
    Trigger,
    may_run_here,
    password_reason,
    utc,
)
from .scheduler_errors import SchedulerError, SchedulerFault
from .slot_jobs import SlotJob, SlotScheduler

log = logging.getLogger(__name__)

__all__ = [
    "Backoff",
    "Eligibility",
    "PlannedRun",
    "RunCallable",
    "SchedulePlanner",
    "SchedulerError",
    "SchedulerFault",
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

# run(interface_name, trigger, slot_at, cancel)
#   -> "ok" | "failed" | "refused" (failed, no back-off) | "skipped" | "cancelled"
RunCallable = Callable[[str, str, datetime | None, threading.Event], str]


class TimedJob(Protocol):
    """Work the loop does besides the runs (the daily summary of open cases)."""

    def next_due(self, now: datetime) -> datetime | None: ...

    def run(self, now: datetime) -> object: ...


# wait(condition, timeout): called with the condition held; returns when notified or timed out.
WaitFunction = Callable[[threading.Condition, float], object]

# Seconds. Each wake-up re-reads every interface: what another computer (or the service)
# changed in a shared database is seen within this, a suspend or a wall-clock jump too.
DEFAULT_MAX_SLEEP = 60.0
WAKE_MARGIN = 0.05  # seconds past the due time, so a wake-up never comes a hair too early


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

    def error(self, error: SchedulerError) -> None:
        log.error("%s", error.log_text)


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
    # Not released yet, but runs here once it is: its first run then, for the list.
    release_due: datetime | None = None
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
        secrets: SecretStore | None = None,
    ):
        self.db = db
        # This computer's keyring: a password from before versions is taken over from it.
        self.secrets = secrets
        self.interfaces = InterfaceRepository(db)
        self.states = ScheduleStateRepository(db)
        self.lease = lease if lease is not None else RunLease(db, now=now)
        self.planner = planner or SchedulePlanner(local_zone())
        self.listener = listener or SchedulerListener()
        self.this_computer = this_computer or this_computer_name()
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
        self._scheduler = SlotScheduler(lambda: utc(self._now()))
        self._known: dict[int, _Known] = {}
        # Shared with other threads, guarded by the condition:
        self._cond = threading.Condition()
        self._changed = True  # the first pass reads everything
        self._stopping = False
        self._abort = False
        self._cancel: threading.Event | None = None
        # Loop thread only:
        self._reload_pending = False
        # Results a run could not record (the database went away as it ended), by
        # interface id: written on the next pass, so a failure still gets its retry.
        self._unrecorded: dict[int, tuple[datetime | None, str, datetime]] = {}
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
            if self._unrecorded:
                self._record_unrecorded()
                reload = True  # the states changed: plan from them
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
            self.listener.error(SchedulerError.of(SchedulerFault.CHECK_FAILED, exc))
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
        now = utc(self._now())
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
        now = utc(self._now())
        for due in self._timed_jobs_due(now):
            candidates.append(max((due - now).total_seconds(), 0.0) + WAKE_MARGIN)
        for known in self._known.values():
            window = None if known.reason else self.planner.stale_since(known.settings, known.state)
            if window is not None and window[1] > now:
                candidates.append((window[1] - now).total_seconds() + WAKE_MARGIN)
        return min(candidates)

    def _today(self, now: datetime) -> date:
        return utc(now).astimezone(self.planner.tz).date()

    def _reason(self, stored: StoredInterface, now: datetime) -> str | None:
        reason = may_run_here(
            stored.settings,
            this_computer=self.this_computer,
            this_branch=self.this_branch,
            today=self._today(now),
        )
        if reason is not None:
            return reason
        return self._password_reason(stored)

    def _password_reason(self, stored: StoredInterface) -> str | None:
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

    def _release_due(
        self, stored: StoredInterface, state: ScheduleState, reason: str | None
    ) -> datetime | None:
        """The first run of an interface that only its Start date keeps from running here,
        as the planner will plan it once released; None for any other interface.

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
            return None
        plan = self.planner.plan_once_released(stored.settings, state, self._now())
        return plan.due_at if plan is not None else None

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
            reason = self._reason(stored, now)
            known = _Known(
                settings=stored.settings,
                state=state,
                reason=reason,
                not_before=old.not_before if old else None,
                release_due=self._release_due(stored, state, reason),
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
        armed_at = known.job.plan.armed_at if known.job and known.job.plan else utc(self._now())
        now = utc(self._now())
        stored = self.interfaces.find(known.settings.name)
        if stored is None or stored.id != interface_id:
            # Renamed or deleted since the last reload: drop the job, the reload re-adds it.
            self._reload_pending = True
            known.reason = Eligibility.DISABLED
            return schedule.CancelJob
        known.settings = stored.settings
        known.state = self.states.get(interface_id)
        known.not_before = None
        known.reason = self._reason(stored, now)
        if known.reason is not None:
            known.release_due = self._release_due(stored, known.state, known.reason)
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
                finished = utc(self._now())
                self._unrecorded[interface_id] = (attempt.slot, status, finished)
                known.state = self._record(interface_id, attempt.slot, status, finished)
            finally:
                # Refused is a failure to everyone listening (the tray, the log).
                shown = FAILED if status == REFUSED else status
                self.listener.run_finished(known.settings.name, shown)
        finally:
            self.lease.release(interface_id)
        return None

    def _record(
        self, interface_id: int, slot: datetime | None, status: str, finished: datetime
    ) -> ScheduleState:
        state = self.states.record_slot_finished(
            interface_id,
            slot,
            status,
            finished,
            retry_at=lambda failures: self.planner.retry_at(failures, finished),
        )
        self._unrecorded.pop(interface_id, None)
        return state

    def _record_unrecorded(self) -> None:
        """Write the results the database did not take when their runs ended; raises
        while it is still away (the pass then tries again later)."""
        for interface_id, (slot, status, finished) in list(self._unrecorded.items()):
            log.info("recording the result of an earlier run of interface %s", interface_id)
            self._record(interface_id, slot, status, finished)

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
            self.listener.error(SchedulerError.of(SchedulerFault.RUN_CRASHED, exc, name))
            status = FAILED
        finally:
            with self._cond:
                self._cancel = None
        if status not in (OK, FAILED, REFUSED, SKIPPED, CANCELLED):
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
            due = job.next_run if planned and job is not None else known.release_due
            next_runs[known.settings.name] = due.astimezone(tz) if due is not None else None
        if next_runs != self._published_next_runs:
            self._published_next_runs = next_runs
            self.listener.next_runs_changed(dict(next_runs))
