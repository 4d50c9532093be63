"""What the scheduler loop knows of each interface, and what it last told its listener."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

import schedule

from ..domain.eligibility import Eligibility
from ..domain.interface import InterfaceSettings
from ..store.schedule_state import ScheduleState, ScheduleStateRepository
from .schedule_planner import SchedulePlanner, StaleInfo
from .scheduler_listener import NextRun, SchedulerListener
from .slot_jobs import SlotJob

log = logging.getLogger(__name__)


@dataclass
class KnownInterface:
    """What the loop last read about one interface."""

    settings: InterfaceSettings
    state: ScheduleState
    reason: Eligibility | None  # why it does not run here; None: it does
    not_before: datetime | None = None  # lease busy elsewhere: look again then
    # Not released yet: its first run here once it is, or why none even then, for the list.
    once_released: datetime | Eligibility | None = None
    job: SlotJob | None = field(default=None, repr=False)


class PublishedPlan:
    """The next runs and the stale interfaces as the listener was last told them: it hears
    of them again only when they change, not at every wake-up."""

    def __init__(self) -> None:
        self.next_runs: dict[str, NextRun] | None = None
        self.stale: list[StaleInfo] | None = None

    def publish_next_runs(
        self,
        known_interfaces: Mapping[int, KnownInterface],
        jobs: Sequence[schedule.Job],
        tz: tzinfo,
        listener: SchedulerListener,
    ) -> None:
        next_runs: dict[str, NextRun] = {}
        for known in known_interfaces.values():
            job = known.job
            planned = known.reason is None and job is not None and job in jobs
            due = job.next_run if planned and job is not None else known.once_released
            if isinstance(due, datetime):
                next_runs[known.settings.name] = due.astimezone(tz)
            else:
                next_runs[known.settings.name] = due or known.reason
        if next_runs != self.next_runs:
            self.next_runs = next_runs
            listener.next_runs_changed(dict(next_runs))

    def publish_stale(
        self,
        known_interfaces: Mapping[int, KnownInterface],
        planner: SchedulePlanner,
        now: datetime,
        listener: SchedulerListener,
    ) -> None:
        stale = [
            info
            for interface_id, known in known_interfaces.items()
            if known.reason is None
            and (info := planner.staleness(interface_id, known.settings, known.state, now))
        ]
        stale.sort(key=lambda info: info.name)
        key = [(info.interface_id, info.since) for info in stale]
        published = self.stale
        if published is None or key != [(i.interface_id, i.since) for i in published]:
            self.stale = stale
            listener.stale_changed(list(stale))


class RunResults:
    """Writes how each run ended to ``schedule_state``, with its retry time after a failure.

    A result the database did not take (it went away as the run ended) is kept, by
    interface id, and written on the next pass, so a failure still gets its retry.
    """

    def __init__(self, states: ScheduleStateRepository, planner: SchedulePlanner):
        self.states = states
        self.planner = planner
        self.unrecorded: dict[int, tuple[datetime | None, str, datetime]] = {}

    def record(
        self, interface_id: int, slot: datetime | None, status: str, finished: datetime
    ) -> ScheduleState:
        self.unrecorded[interface_id] = (slot, status, finished)
        state = self.states.record_slot_finished(
            interface_id,
            slot,
            status,
            finished,
            retry_at=lambda failures: self.planner.retry_at(failures, finished),
        )
        self.unrecorded.pop(interface_id, None)
        return state

    def record_unrecorded(self) -> None:
        """Write the results the database did not take when their runs ended; raises
        while it is still away (the pass then tries again later)."""
        for interface_id, (slot, status, finished) in list(self.unrecorded.items()):
            log.info("recording the result of an earlier run of interface %s", interface_id)
            self.record(interface_id, slot, status, finished)
