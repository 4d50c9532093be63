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
``SlotJob`` per interface that runs here), whether an interface runs here ``runs_here.py``'s,
serving a due slot (decide again, lease, claim, run, record) ``slot_serving.py``'s, what
the loop knows and last said ``scheduler_state.py``'s; the loop reads an injected
clock, so tests drive time by hand, and aware UTC instants keep DST out of the comparisons.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import schedule

from ..domain.eligibility import Eligibility
from ..store.db import Database
from ..store.interfaces import InterfaceRepository, StoredInterface
from ..store.lease import RunLease
from ..store.schedule_state import ScheduleState, ScheduleStateRepository
from ..store.secrets import SecretStore
from .computer import this_computer as this_computer_name
from .local_zone import local_zone
from .runs_here import RunsHere
from .schedule_planner import (
    Backoff,
    PlannedRun,
    SchedulePlanner,
    StaleInfo,
    StaleThresholds,
    Trigger,
    may_run_here,
    utc,
)
from .scheduler_errors import SchedulerError, SchedulerFault
from .scheduler_listener import NextRun, SchedulerListener
from .scheduler_state import KnownInterface, PublishedPlan, RunResults
from .slot_jobs import SlotJob, SlotScheduler
from .slot_serving import RunCallable, SlotServing
from .timed_jobs import TimedJob, TimedJobs

log = logging.getLogger(__name__)

__all__ = [
    "Backoff",
    "Eligibility",
    "NextRun",
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

# wait(condition, timeout): called with the condition held; returns when notified or timed out.
WaitFunction = Callable[[threading.Condition, float], object]

# Seconds. Each wake-up re-reads every interface: what another computer (or the service)
# changed in a shared database is seen within this, a suspend or a wall-clock jump too.
DEFAULT_MAX_SLEEP = 60.0
WAKE_MARGIN = 0.05  # seconds past the due time, so a wake-up never comes a hair too early


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _condition_wait(condition: threading.Condition, timeout: float) -> None:
    condition.wait(timeout)


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
        self.runs_here = RunsHere(
            db,
            self.planner,
            this_computer=self.this_computer,
            this_branch=this_branch,
            secrets=secrets,
            now=now,
        )
        self.max_sleep = max_sleep
        self.jump_tolerance = jump_tolerance
        self.busy_delay = busy_delay
        self.error_delay = error_delay
        self.wakeups = 0  # wait() returns, for the idle benchmark
        self.timed_jobs = TimedJobs(timed_jobs)
        self._now = now
        self._monotonic = monotonic
        self._wait = wait
        self._scheduler = SlotScheduler(lambda: utc(self._now()))
        self._known: dict[int, KnownInterface] = {}
        # Shared with other threads, guarded by the condition:
        self._cond = threading.Condition()
        self._changed = True  # the first pass reads everything
        self._stopping = False
        self._abort = False
        self._cancel: threading.Event | None = None
        # Loop thread only:
        self._reload_pending = False
        self.results = RunResults(self.states, self.planner)
        self._published = PublishedPlan()
        self._serving = SlotServing(
            self.interfaces,
            self.states,
            self.planner,
            self.runs_here,
            self.lease,
            self.results,
            self.listener,
            now,
            run=run,
            cancellable=self._cancellable,
            gone=self._reload_later,
            busy_delay=busy_delay,
        )

    # -- thread-safe controls ------------------------------------------------------------

    @property
    def this_branch(self) -> str | None:
        return self.runs_here.this_branch

    def interfaces_changed(self) -> None:
        """Re-read every interface now (after an edit, enable/disable, delete)."""
        with self._cond:
            self._changed = True
            self._cond.notify_all()

    def set_this_branch(self, branch: str | None) -> None:
        """This computer now belongs to ``branch`` (None: to none): re-plan at once."""
        with self._cond:
            self.runs_here.this_branch = branch
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
            if self.results.unrecorded:
                self.results.record_unrecorded()
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

    def next_runs(self) -> dict[str, NextRun]:
        """The last published next run per interface name; when none, why (``NextRun``)."""
        return dict(self._published.next_runs or {})

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
        self.timed_jobs.run_due(utc(self._now()), lambda: self.stopping)

    def _timeout(self) -> float:
        candidates = [self.max_sleep]
        idle = self._scheduler.idle_seconds
        if idle is not None:
            candidates.append(max(idle, 0.0) + WAKE_MARGIN)
        # Wake when an interface turns stale, so the tray says so on time.
        now = utc(self._now())
        for due in self.timed_jobs.due_times(now):
            candidates.append(max((due - now).total_seconds(), 0.0) + WAKE_MARGIN)
        for known in self._known.values():
            window = None if known.reason else self.planner.stale_since(known.settings, known.state)
            if window is not None and window[1] > now:
                candidates.append((window[1] - now).total_seconds() + WAKE_MARGIN)
        return min(candidates)

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
            reason = self.runs_here.reason(stored, now)
            known = KnownInterface(
                settings=stored.settings,
                state=state,
                reason=reason,
                not_before=old.not_before if old else None,
                once_released=self.runs_here.once_released(stored, state, reason),
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
        return self._serving.serve(interface_id, self._known[interface_id])

    def _reload_later(self) -> None:
        self._reload_pending = True

    @contextmanager
    def _cancellable(self) -> Iterator[threading.Event]:
        """The cancel event of the run about to start, which ``stop(abort=True)`` sets."""
        with self._cond:
            cancel = threading.Event()
            if self._abort:
                cancel.set()
            self._cancel = cancel
        try:
            yield cancel
        finally:
            with self._cond:
                self._cancel = None

    def _publish(self) -> None:
        self._publish_next_runs()
        self._published.publish_stale(self._known, self.planner, self._now(), self.listener)

    def _publish_next_runs(self) -> None:
        self._published.publish_next_runs(
            self._known, self._scheduler.jobs, self.planner.tz, self.listener
        )
