"""The ``schedule`` library as the scheduler's job registry: one ``SlotJob`` per interface.

Its ``every().at()`` vocabulary cannot express our slot rules (the window, "last day of
month", DST gaps, catch-up, back-off), so a ``SlotJob`` takes its ``next_run`` from
``SchedulePlanner``, and the registry reads the loop's injected clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import schedule

from .schedule_planner import PlannedRun


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
