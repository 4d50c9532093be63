"""Serving one interface's due slot: decide again from the database as it is now, hold
the run lease, claim the slot, run, record.

The loop (``scheduler.py``) planned the slot from what it read at its last pass; since
then another computer of the chain may have served it, changed or renamed the interface,
or be running it. So the decision is taken again here, and the slot is claimed with the
compare-and-set of ``schedule_state`` before the run starts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

import schedule

from ..domain.eligibility import Eligibility
from ..store.interfaces import InterfaceRepository
from ..store.lease import RunLease
from ..store.schedule_state import (
    CANCELLED,
    FAILED,
    OK,
    REFUSED,
    SKIPPED,
    ScheduleStateRepository,
)
from .runs_here import RunsHere
from .schedule_planner import Attempt, SchedulePlanner, utc
from .scheduler_errors import SchedulerError, SchedulerFault
from .scheduler_listener import SchedulerListener
from .scheduler_state import KnownInterface, RunResults

log = logging.getLogger(__name__)

# run(interface_name, trigger, slot_at, cancel)
#   -> "ok" | "failed" | "refused" (failed, no back-off) | "skipped" | "cancelled"
RunCallable = Callable[[str, str, datetime | None, threading.Event], str]


@dataclass
class SlotServing:
    interfaces: InterfaceRepository
    states: ScheduleStateRepository
    planner: SchedulePlanner
    runs_here: RunsHere
    lease: RunLease
    results: RunResults
    listener: SchedulerListener
    now: Callable[[], datetime]
    run: RunCallable
    # The cancel event for one run, which the loop sets when it is stopped with abort.
    cancellable: Callable[[], AbstractContextManager[threading.Event]]
    # The interface was renamed or deleted since the loop read it: read everything again.
    gone: Callable[[], None]
    busy_delay: timedelta

    def serve(self, interface_id: int, known: KnownInterface) -> type[schedule.CancelJob] | None:
        """The job function: decide from fresh state, claim, run, record."""
        armed_at = known.job.plan.armed_at if known.job and known.job.plan else utc(self.now())
        now = utc(self.now())
        stored = self.interfaces.find(known.settings.name)
        if stored is None or stored.id != interface_id:
            # Renamed or deleted since the last reload: drop the job, the reload re-adds it.
            self.gone()
            known.reason = Eligibility.DISABLED
            return schedule.CancelJob
        known.settings = stored.settings
        known.state = self.states.get(interface_id)
        known.not_before = None
        known.reason = self.runs_here.reason(stored, now)
        if known.reason is not None:
            known.once_released = self.runs_here.once_released(stored, known.state, known.reason)
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
                finished = utc(self.now())
                known.state = self.results.record(interface_id, attempt.slot, status, finished)
            finally:
                # Refused is a failure to everyone listening (the tray, the log).
                shown = FAILED if status == REFUSED else status
                self.listener.run_finished(known.settings.name, shown)
        finally:
            self.lease.release(interface_id)
        return None

    def _execute(self, name: str, attempt: Attempt) -> str:
        slot = attempt.slot.astimezone(self.planner.tz) if attempt.slot else None
        with self.cancellable() as cancel:
            self.listener.run_started(name, attempt.trigger.value)
            try:
                status = self.run(name, attempt.trigger.value, slot, cancel)
            except Exception as exc:
                # The pipeline reports expected failures as "failed"; this is a bug or a crash
                # in it, recorded as a failure so the back-off and the staleness still apply.
                log.exception("Run of %r crashed", name)
                self.listener.error(SchedulerError.of(SchedulerFault.RUN_CRASHED, exc, name))
                status = FAILED
        if status not in (OK, FAILED, REFUSED, SKIPPED, CANCELLED):
            log.warning("Run of %r returned the unknown status %r", name, status)
        return status
