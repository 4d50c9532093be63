"""The scheduler's loop also serves timed jobs (the daily summary of open cases): it wakes
at their due time, runs them, and a failing one stops neither the loop nor the runs."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.jobs.test_scheduler import FakeClock, Runs, at, make_loop


class DailyAt:
    """A job due at one instant (then a day later), recording when it ran."""

    def __init__(self, due: datetime, fail: bool = False):
        self.due = due
        self.fail = fail
        self.ran: list[datetime] = []

    def next_due(self, now: datetime) -> datetime | None:
        return self.due

    def run(self, now: datetime) -> None:
        self.ran.append(now)
        self.due += timedelta(days=1)
        if self.fail:
            raise OSError("mail server gone")


def test_the_loop_wakes_for_a_timed_job_and_runs_it_once(db):
    clock = FakeClock(at(1, 7, 0))
    job = DailyAt(at(1, 7, 30))
    loop, _ = make_loop(db, clock, Runs(clock), timed_jobs=[job], max_sleep=24 * 3600)
    loop.step()  # sleeps until 07:30 (and a margin), not for the 24 h cap
    assert clock.now() < at(1, 7, 31)
    loop.run_pending()
    assert len(job.ran) == 1 and job.ran[0] >= at(1, 7, 30)
    loop.run_pending()
    assert len(job.ran) == 1


def test_a_failing_timed_job_does_not_stop_the_loop(db):
    clock = FakeClock(at(1, 8, 0))
    broken, fine = DailyAt(at(1, 7, 0), fail=True), DailyAt(at(1, 7, 0))
    loop, recorder = make_loop(db, clock, Runs(clock), timed_jobs=[broken, fine])
    loop.run_pending()
    assert len(broken.ran) == 1 and len(fine.ran) == 1
    assert recorder.errors == []
