"""The scheduler's rules and its loop, driven by a fake clock: no test here waits for real.

The loop takes ``now``, ``monotonic`` and ``wait`` functions; ``FakeClock.wait`` advances
time by the timeout the loop asked for, so ``loop.step()`` is "sleep until the next job".
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import schedule
from sqlalchemy import delete, update

from desktop_app.domain.interface import Interval, IntervalKind
from desktop_app.jobs.scheduler import (
    DEFAULT_MAX_SLEEP,
    Backoff,
    Eligibility,
    SchedulePlanner,
    SchedulerError,
    SchedulerListener,
    SchedulerLoop,
    StaleThresholds,
    Trigger,
    may_run_here,
)
from desktop_app.store.models import InterfaceRow
from desktop_app.store.schedule_state import ScheduleState, ScheduleStateRepository

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """A Berlin wall time in 2027; 1 March 2027 is a Monday (CET, UTC+1)."""
    return datetime(2027, month, day, hour, minute, tzinfo=BERLIN)


class FakeClock:
    def __init__(self, start: datetime):
        self.wall = start.astimezone(UTC)
        self.mono = 1_000.0
        self.waits: list[float] = []
        self.suspend = timedelta(0)  # added to the wall clock (only) during the next wait

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds

    def set(self, instant: datetime) -> None:
        self.advance((instant - self.wall).total_seconds())

    def wait(self, condition: threading.Condition, timeout: float) -> None:
        self.waits.append(timeout)
        self.advance(timeout)
        self.wall += self.suspend
        self.suspend = timedelta(0)


@dataclass
class Runs:
    """The injected run callable: records each call and answers from a script."""

    clock: FakeClock
    statuses: list[str] = field(default_factory=list)
    duration: timedelta = timedelta(0)
    calls: list[tuple[str, str, datetime | None]] = field(default_factory=list)
    during: list = field(default_factory=list)  # callables run inside the run

    def __call__(self, name: str, trigger: str, slot: datetime | None, cancel) -> str:
        self.calls.append((name, trigger, slot))
        for check in self.during:
            check(name, trigger, slot)
        self.clock.advance(self.duration.total_seconds())
        return self.statuses.pop(0) if self.statuses else "ok"


class Recorder(SchedulerListener):
    def __init__(self):
        self.events: list[tuple] = []
        self.next_runs: list[dict] = []
        self.stale: list[list] = []
        self.errors: list[SchedulerError] = []

    def run_started(self, name, trigger):
        self.events.append(("started", name, trigger))

    def run_finished(self, name, status):
        self.events.append(("finished", name, status))

    def next_runs_changed(self, next_runs):
        self.next_runs.append(dict(next_runs))

    def stale_changed(self, stale):
        self.stale.append(list(stale))

    def error(self, message):
        self.errors.append(message)


def make_loop(db, clock: FakeClock, run, **options) -> tuple[SchedulerLoop, Recorder]:
    recorder = Recorder()
    options.setdefault("this_computer", "KASSE-01")
    options.setdefault("this_branch", "Optik Nord")
    options.setdefault("planner", SchedulePlanner(BERLIN))
    options.setdefault("max_sleep", 24 * 3600.0)  # the cap has its own test
    loop = SchedulerLoop(
        db,
        run,
        listener=recorder,
        now=clock.now,
        monotonic=clock.monotonic,
        wait=clock.wait,
        **options,
    )
    return loop, recorder


def save(repository, settings, created: datetime | None = None) -> int:
    """Store an interface as if it had been created at ``created`` (default 1 March 06:00)."""
    created = created or at(1, 6)
    interface_id = repository.save(settings).id
    with repository.db.session() as s:
        s.execute(
            update(InterfaceRow).where(InterfaceRow.id == interface_id).values(created_at=created)
        )
    return interface_id


def served(db, interface_id: int, slot: datetime, status: str = "ok") -> None:
    """Persist that ``slot`` was served, as an earlier run of the program would have."""
    states = ScheduleStateRepository(db)
    assert states.record_slot_started(interface_id, slot, slot)
    states.record_slot_finished(interface_id, slot, status, slot + timedelta(minutes=1))


@pytest.fixture
def daily(sample_settings):
    """Daily at 07:30 on KASSE-01 in Optik Nord, released."""
    return sample_settings.with_changes(
        name="Täglich",
        start_date=None,
        interval=Interval(kind=IntervalKind.DAILY),
        run_time=time(7, 30),
    )


# -- eligibility --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "computer", "branch", "expected"),
    [
        ({}, "KASSE-01", "Optik Nord", None),
        ({}, "kasse-01", "Optik Nord", None),  # computer names ignore case
        ({"enabled": False}, "KASSE-01", "Optik Nord", "disabled"),
        ({"start_date": date(2027, 3, 2)}, "KASSE-01", "Optik Nord", "not_released"),
        ({"start_date": date(2027, 3, 1)}, "KASSE-01", "Optik Nord", None),  # released today
        ({}, "KASSE-02", "Optik Nord", "other_computer"),
        ({}, "KASSE-01", "Hörakustik Mitte", "other_branch"),
        ({}, "KASSE-01", None, "other_branch"),
        ({"workstation": None, "branch": None}, "IRGENDWO", None, None),  # chain-wide
        ({"workstation": None}, "IRGENDWO", "Optik Nord", None),
    ],
)
def test_may_run_here(daily, changes, computer, branch, expected):
    settings = daily.with_changes(**changes)
    reason = may_run_here(
        settings, this_computer=computer, this_branch=branch, today=date(2027, 3, 1)
    )
    assert reason == expected
    if expected is not None:
        assert reason in set(Eligibility)


# -- pure planning rules ------------------------------------------------------------------


def test_backoff_doubles_up_to_four_hours():
    delays = [Backoff().delay(n) for n in range(1, 10)]
    minutes = [int(d.total_seconds() // 60) for d in delays]
    assert minutes == [5, 10, 20, 40, 80, 160, 240, 240, 240]
    assert Backoff().delay(10_000) == timedelta(hours=4)


def test_retry_is_never_outside_the_window():
    planner = SchedulePlanner(BERLIN)
    assert planner.retry_at(1, at(1, 9)) == at(1, 9, 5)
    assert planner.retry_at(3, at(1, 21, 50)) == at(2, 6, 0)  # 22:10 -> next morning
    assert planner.retry_at(1, at(1, 21, 55)) == at(1, 22, 0)  # 22:00 itself is allowed


# An ordinary Monday and both daylight-saving switch days (Sundays) in Berlin.
SWITCH_DAYS = [date(2027, 3, 1), date(2027, 3, 28), date(2027, 10, 31)]


def local(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=BERLIN)


@pytest.mark.parametrize("day", SWITCH_DAYS)
def test_nothing_starts_after_22_00_00(daily, day):
    planner = SchedulePlanner(BERLIN)
    ten = local(day, 22)
    morning = local(day + timedelta(days=1), 6)
    assert planner.may_start(ten) and planner.may_start(ten + timedelta(milliseconds=50))
    assert not planner.may_start(ten + timedelta(seconds=1))
    assert not planner.may_start(local(day, 22, 0, 59))
    # A retry or a busy lease landing inside the minute 22:00 waits for the morning.
    assert planner.retry_at(1, local(day, 21, 55, 30)) == morning
    assert planner.start_time(local(day, 22, 0, 30)) == morning
    # A 22:00 slot reached at 22:00:30 (another run took until then) is not started late.
    at_ten = daily.with_changes(run_time=time(22, 0))
    state = ScheduleState(1, last_slot_at=local(day - timedelta(days=1), 22))
    assert planner.attempt(at_ten, state, local(day, 22, 0, 30), armed_at=ten) is None
    plan = planner.plan(at_ten, state, local(day, 22, 0, 30))
    assert plan is not None
    assert (plan.due_at, plan.slot, plan.trigger) == (morning, ten, Trigger.CATCHUP)
    on_time = planner.attempt(at_ten, state, ten + timedelta(milliseconds=50), armed_at=ten)
    assert on_time is not None and on_time.slot == ten


def test_plan_counts_from_the_slot_not_from_the_last_run(daily):
    planner = SchedulePlanner(BERLIN)
    # Yesterday's slot ran late and long; that must not move today's slot.
    state = ScheduleState(1, last_slot_at=at(1, 7, 30), last_run_at=at(1, 9, 47))
    plan = planner.plan(daily, state, at(2, 7, 0))
    assert plan is not None
    assert (plan.due_at, plan.slot, plan.trigger) == (at(2, 7, 30), at(2, 7, 30), Trigger.SCHEDULE)


def test_plan_after_clock_set_back_does_not_repeat_served_slots(daily):
    planner = SchedulePlanner(BERLIN)
    state = ScheduleState(1, last_slot_at=at(2, 7, 30))  # served, then the clock went back a day
    plan = planner.plan(daily, state, at(1, 10))
    assert plan is not None and plan.due_at == at(3, 7, 30)


def test_staleness_thresholds_per_interval(daily):
    planner = SchedulePlanner(BERLIN)
    state = ScheduleState(1, last_success_at=at(1, 7, 31), created_at=at(1, 0, month=2))
    assert planner.staleness(1, daily, state, at(2, 9, 31)) is None  # 26 h not yet over
    info = planner.staleness(1, daily, state, at(2, 9, 32))
    assert info is not None and info.since == at(1, 7, 31) and not info.never_succeeded

    weekly = daily.with_changes(interval=Interval(IntervalKind.WEEKLY, weekdays=frozenset({"mon"})))
    assert planner.staleness(1, weekly, state, at(9, 7, 30)) is None
    assert planner.staleness(1, weekly, state, at(9, 7, 32)) is not None  # 8 days

    monthly = daily.with_changes(interval=Interval(IntervalKind.MONTHLY, day_of_month=1))
    # 32 days of real time: across the switch to summer time that is 08:31 on the wall.
    assert planner.staleness(1, monthly, state, at(2, 8, 30, month=4)) is None
    assert planner.staleness(1, monthly, state, at(2, 8, 32, month=4)) is not None

    custom = SchedulePlanner(BERLIN, stale=StaleThresholds(daily=timedelta(hours=2)))
    assert custom.staleness(1, daily, state, at(1, 9, 32)) is not None


def test_hourly_staleness_counts_slots_so_the_night_is_not_stale(daily):
    planner = SchedulePlanner(BERLIN)
    hourly = daily.with_changes(interval=Interval(IntervalKind.HOURLY, every_minutes=60))
    state = ScheduleState(1, last_success_at=at(1, 21, 0, month=3))
    # Slots after it: 22:00, 06:00, 07:00 -> stale 15 minutes after 07:00, not at midnight.
    assert planner.staleness(1, hourly, state, at(2, 5, 59)) is None
    assert planner.staleness(1, hourly, state, at(2, 7, 15)) is None
    assert planner.staleness(1, hourly, state, at(2, 7, 16)) is not None


def test_before_its_start_date_the_plan_is_the_first_slot_from_that_day_on(daily):
    planner = SchedulePlanner(BERLIN)
    state = ScheduleState(1, created_at=at(1, 8))
    # Mondays and Thursdays at 07:30, released on Wednesday 10 March: Thursday 11 March.
    weekly = daily.with_changes(
        interval=Interval(IntervalKind.WEEKLY, weekdays=frozenset({"mon", "thu"})),
        start_date=date(2027, 3, 10),
    )
    plan = planner.plan_once_released(weekly, state, at(2, 12))
    assert plan is not None
    assert (plan.due_at, plan.slot, plan.trigger) == (at(11, 7, 30), at(11, 7, 30), "schedule")
    assert planner.released_at(weekly) == at(10, 0)
    # Every 90 minutes: the release day's first slot is the window's start, 06:00 (CEST).
    hourly = daily.with_changes(
        interval=Interval(IntervalKind.HOURLY, every_minutes=90), start_date=date(2027, 4, 1)
    )
    plan = planner.plan_once_released(hourly, state, at(2, 12))
    assert plan is not None and plan.due_at == at(1, 6, month=4)
    # Released already (or no Start date): what the scheduler plans now.
    for released in (weekly.with_changes(start_date=date(2027, 3, 1)), daily):
        assert planner.plan_once_released(released, state, at(2, 12)) == planner.plan(
            released, state, at(2, 12)
        )


def test_never_succeeded_counts_from_creation_and_release(daily):
    planner = SchedulePlanner(BERLIN)
    state = ScheduleState(1, created_at=at(1, 8))
    info = planner.staleness(1, daily, state, at(2, 10, 1))
    assert info is not None and info.never_succeeded and info.since == at(1, 8)
    later = daily.with_changes(start_date=date(2027, 3, 10))
    assert planner.staleness(1, later, state, at(10, 23)) is None  # released 10 March 00:00
    assert planner.staleness(1, later, state, at(11, 2, 1)) is not None
    assert planner.staleness(1, daily.with_changes(enabled=False), state, at(9, 0)) is None


# -- the loop with a fake clock -----------------------------------------------------------


def test_uses_its_own_schedule_registry(db, repository, daily):
    clock = FakeClock(at(1, 7))
    save(repository, daily)
    loop, _ = make_loop(db, clock, Runs(clock))
    loop.run_pending()
    registry = loop._scheduler
    assert isinstance(registry, schedule.Scheduler) and registry is not schedule.default_scheduler
    assert schedule.default_scheduler.jobs == []
    [job] = registry.get_jobs()
    assert isinstance(job, schedule.Job) and job.next_run == at(1, 7, 30)
    assert registry.idle_seconds == 30 * 60


def test_runs_at_the_slot_and_the_next_one_follows_the_slot(db, repository, daily):
    clock = FakeClock(at(1, 7))
    interface_id = save(repository, daily)
    runs = Runs(clock, duration=timedelta(minutes=47))  # a long run must not shift tomorrow
    loop, recorder = make_loop(db, clock, runs)

    loop.step()  # plans 07:30 and sleeps until then
    assert recorder.next_runs[0] == {"Täglich": at(1, 7, 30)}
    assert clock.waits == [pytest.approx(30 * 60, abs=0.1)]
    assert runs.calls == []
    loop.run_pending()
    assert runs.calls == [("Täglich", "schedule", at(1, 7, 30))]
    assert recorder.events == [("started", "Täglich", "schedule"), ("finished", "Täglich", "ok")]
    assert recorder.next_runs[-1] == {"Täglich": at(2, 7, 30)}
    state = ScheduleStateRepository(db).get(interface_id)
    assert state.last_slot_at == at(1, 7, 30)
    assert abs(state.last_success_at - at(1, 8, 17)) < timedelta(seconds=1)  # 07:30 + 47 min
    assert state.last_status == "ok"


def test_a_run_longer_than_the_interval_is_served_once_not_queued(db, repository, daily):
    every5 = daily.with_changes(interval=Interval(IntervalKind.HOURLY, every_minutes=5))
    clock = FakeClock(at(1, 9))
    save(repository, every5, created=at(1, 8, 58))
    runs = Runs(clock, duration=timedelta(minutes=12))
    loop, _ = make_loop(db, clock, runs)
    loop.run_pending()  # 09:00 slot, runs until 09:12; 09:05 and 09:10 passed meanwhile
    loop.run_pending()
    assert runs.calls[:2] == [
        ("Täglich", "schedule", at(1, 9, 0)),
        ("Täglich", "catchup", at(1, 9, 10)),  # the newest one only, once
    ]


def test_missed_slots_are_caught_up_once_after_a_restart(db, repository, daily):
    interface_id = save(repository, daily)
    served(db, interface_id, at(1, 7, 30))  # then the program was off for three days
    clock = FakeClock(at(4, 10))
    runs = Runs(clock)
    loop, recorder = make_loop(db, clock, runs)
    loop.run_pending()
    assert runs.calls == [("Täglich", "catchup", at(4, 7, 30))]
    assert recorder.next_runs[-1] == {"Täglich": at(5, 7, 30)}

    clock.advance(300)
    restarted, _ = make_loop(db, clock, runs)
    restarted.run_pending()
    restarted.step()
    assert len(runs.calls) == 1  # served; a restart does not run it again
    assert ScheduleStateRepository(db).get(interface_id).last_slot_at == at(4, 7, 30)


def test_catch_up_outside_the_window_waits_for_the_window(db, repository, daily):
    interface_id = save(repository, daily)
    served(db, interface_id, at(1, 7, 30))
    clock = FakeClock(at(2, 23))  # off during the 07:30 slot, started at night
    runs = Runs(clock)
    loop, recorder = make_loop(db, clock, runs, max_sleep=24 * 3600)
    loop.run_pending()
    assert runs.calls == []
    assert recorder.next_runs[-1] == {"Täglich": at(3, 6, 0)}
    loop.step()
    loop.step()
    assert clock.now() >= at(3, 6, 0)
    assert runs.calls == [("Täglich", "catchup", at(2, 7, 30))]
    loop.step()
    loop.run_pending()
    assert runs.calls[1] == ("Täglich", "schedule", at(3, 7, 30))


def test_a_22_00_slot_reached_late_runs_at_the_next_window_start(db, repository, daily):
    at_ten = daily.with_changes(run_time=time(22, 0))
    save(repository, at_ten.with_changes(name="Erste"))
    save(repository, at_ten.with_changes(name="Zweite"))
    clock = FakeClock(at(1, 21))
    runs = Runs(clock, duration=timedelta(seconds=40))
    started: list[datetime] = []
    runs.during.append(lambda *_call: started.append(clock.now()))
    loop, recorder = make_loop(db, clock, runs)
    loop.step()  # sleeps until 22:00
    loop.run_pending()  # the first runs until 22:00:40, when the second one's job fires
    assert len(runs.calls) == 1 and started[0] - at(1, 22) < timedelta(seconds=1)
    first = runs.calls[0][0]
    second = "Zweite" if first == "Erste" else "Erste"
    assert recorder.next_runs[-1] == {first: at(2, 22), second: at(2, 6)}
    while len(runs.calls) < 2 and clock.now() < at(3, 0):
        loop.step()
    assert runs.calls[1] == (second, "catchup", at(1, 22))
    assert abs(started[1] - at(2, 6)) < timedelta(seconds=1)


def test_a_new_interface_does_not_catch_up_slots_from_before_it_existed(db, repository, daily):
    save(repository, daily, created=at(1, 9))
    clock = FakeClock(at(1, 9, 1))
    runs = Runs(clock)
    loop, recorder = make_loop(db, clock, runs)
    loop.run_pending()
    assert runs.calls == []
    assert recorder.next_runs[-1] == {"Täglich": at(2, 7, 30)}


def test_the_slot_is_persisted_before_the_run_so_a_crash_does_not_repeat_it(db, repository, daily):
    interface_id = save(repository, daily)
    clock = FakeClock(at(1, 7, 30))
    runs = Runs(clock)
    seen: list[ScheduleState] = []
    runs.during.append(lambda *_: seen.append(ScheduleStateRepository(db).get(interface_id)))

    class Crash(BaseException):
        """Stands in for the process dying in the middle of the run."""

    def crash(*_):
        raise Crash

    runs.during.append(crash)
    loop, _ = make_loop(db, clock, runs)
    with pytest.raises(Crash):
        loop.run_pending()
    assert seen[0].last_slot_at == at(1, 7, 30) and seen[0].last_status == "running"

    runs.during.clear()
    clock.advance(60)
    restarted, _ = make_loop(db, clock, runs)
    restarted.run_pending()
    assert len(runs.calls) == 1  # not run again after the "crash"


def test_a_failed_run_backs_off_instead_of_retrying_at_once(db, repository, daily):
    interface_id = save(repository, daily)
    clock = FakeClock(at(1, 7, 30))
    runs = Runs(clock, statuses=["failed", "failed", "failed", "ok"])
    loop, recorder = make_loop(db, clock, runs)
    loop.run_pending()
    assert recorder.next_runs[-1] == {"Täglich": at(1, 7, 35)}
    for _ in range(3):
        loop.step()
    loop.run_pending()
    assert [(trigger, clock_slot) for _, trigger, clock_slot in runs.calls] == [
        ("schedule", at(1, 7, 30)),
        ("retry", at(1, 7, 30)),
        ("retry", at(1, 7, 30)),
        ("retry", at(1, 7, 30)),
    ]
    # 07:30 failed -> 07:35 failed -> 07:45 failed -> 08:05 ok
    assert at(1, 8, 5) <= clock.now() < at(1, 8, 5) + timedelta(seconds=1)
    state = ScheduleStateRepository(db).get(interface_id)
    assert (state.consecutive_failures, state.retry_at, state.last_status) == (0, None, "ok")
    assert recorder.next_runs[-1] == {"Täglich": at(2, 7, 30)}


def test_a_run_refused_only_for_its_lists_waits_for_the_next_slot_not_a_retry(
    db, repository, daily
):
    interface_id = save(repository, daily)
    clock = FakeClock(at(1, 7, 30))
    runs = Runs(clock, statuses=["refused", "refused"])
    loop, recorder = make_loop(db, clock, runs)
    loop.run_pending()
    assert recorder.next_runs[-1] == {"Täglich": at(2, 7, 30)}  # no retry at 07:35
    assert ("finished", "Täglich", "failed") in recorder.events  # a failure to the tray
    loop.step()  # sleeps until the next slot
    loop.run_pending()
    assert [(trigger, slot) for _, trigger, slot in runs.calls] == [
        ("schedule", at(1, 7, 30)),
        ("schedule", at(2, 7, 30)),
    ]
    state = ScheduleStateRepository(db).get(interface_id)
    assert (state.last_status, state.retry_at) == ("failed", None)


def test_slots_passing_during_the_back_off_are_folded_into_the_retry(db, repository, daily):
    every5 = daily.with_changes(interval=Interval(IntervalKind.HOURLY, every_minutes=5))
    save(repository, every5, created=at(1, 8))
    clock = FakeClock(at(1, 9))
    runs = Runs(clock, statuses=["failed", "failed", "failed"])
    loop, _ = make_loop(db, clock, runs)
    loop.run_pending()
    loop.step()
    loop.step()
    loop.run_pending()
    # 09:00 failed; retry 09:05 (serves 09:05) failed; retry 09:15 serves 09:15, not 09:10 too.
    assert runs.calls == [
        ("Täglich", "schedule", at(1, 9, 0)),
        ("Täglich", "retry", at(1, 9, 5)),
        ("Täglich", "retry", at(1, 9, 15)),
    ]


def test_a_crashing_run_counts_as_failed_and_is_reported(db, repository, daily):
    interface_id = save(repository, daily)
    clock = FakeClock(at(1, 7, 30))

    def broken(name, trigger, slot, cancel):
        raise RuntimeError("kaputt")

    loop, recorder = make_loop(db, clock, broken)
    loop.run_pending()
    assert recorder.events[-1] == ("finished", "Täglich", "failed")
    (error,) = recorder.errors
    assert (error.fault, error.name) == ("run_crashed", "Täglich")
    assert "kaputt" in error.log_text  # the log has it; people get only its kind
    assert error.detail.text("de") == "Interner Fehler (RuntimeError); Details im Protokoll."
    assert ScheduleStateRepository(db).get(interface_id).consecutive_failures == 1


def test_stale_is_reported_once_and_not_at_every_wake_up(db, repository, daily):
    interface_id = save(repository, daily)
    served(db, interface_id, at(1, 7, 30))
    ScheduleStateRepository(db).record_slot_finished(interface_id, None, "failed", at(1, 8))
    clock = FakeClock(at(3, 12))
    runs = Runs(clock, statuses=["failed"] * 20)
    loop, recorder = make_loop(db, clock, runs)
    for _ in range(6):
        loop.step()
    assert len(runs.calls) >= 3
    assert len(recorder.stale) == 1  # said once, although it failed at every wake-up
    [info] = recorder.stale[0]
    assert info.name == "Täglich" and info.since == at(1, 7, 31)

    runs.statuses[:] = ["ok"]
    clock.set(at(4, 7, 30))
    loop.run_pending()
    assert recorder.stale[-1] == []  # a success ends it, said once


def test_the_loop_wakes_when_an_interface_turns_stale(db, repository, daily):
    late = daily.with_changes(run_time=time(21, 0))
    interface_id = save(repository, late)
    served(db, interface_id, at(1, 21, 0))
    states = ScheduleStateRepository(db)
    states.record_slot_finished(interface_id, None, "ok", at(1, 9, 0))  # by hand, yesterday
    states.record_slot_finished(interface_id, None, "failed", at(1, 21, 1))
    clock = FakeClock(at(2, 10))
    loop, recorder = make_loop(db, clock, Runs(clock), max_sleep=24 * 3600)
    loop.step()  # next slot 21:00, but 26 h after 09:00 is 11:00
    assert clock.waits[0] == pytest.approx(3600, abs=0.1)
    loop.run_pending()
    assert [info.name for info in recorder.stale[-1]] == ["Täglich"]


def test_interfaces_for_elsewhere_are_listed_without_a_next_run(db, repository, daily):
    save(repository, daily)
    save(repository, daily.with_changes(name="Andere Kasse", workstation="KASSE-02"))
    save(repository, daily.with_changes(name="Aus", enabled=False))
    save(repository, daily.with_changes(name="Später", start_date=date(2027, 4, 1)))
    later_elsewhere = {"start_date": date(2027, 4, 1), "workstation": "KASSE-02"}
    save(repository, daily.with_changes(name="Später anderswo", **later_elsewhere))
    clock = FakeClock(at(1, 7))
    loop, recorder = make_loop(db, clock, Runs(clock))
    loop.run_pending()
    assert recorder.next_runs[-1] == {
        "Täglich": at(1, 7, 30),
        "Andere Kasse": Eligibility.OTHER_COMPUTER,
        "Aus": Eligibility.DISABLED,
        "Später": at(1, 7, 30, month=4),  # its first slot once released, not planned yet
        "Später anderswo": Eligibility.OTHER_COMPUTER,
    }
    assert len(loop._scheduler.jobs) == 1


def test_the_next_run_listed_before_the_start_date_is_when_it_then_runs(db, repository, daily):
    weekly = daily.with_changes(
        interval=Interval(IntervalKind.WEEKLY, weekdays=frozenset({"thu"})),
        start_date=date(2027, 3, 10),
    )
    save(repository, weekly)
    clock = FakeClock(at(1, 12))
    runs = Runs(clock)
    loop, recorder = make_loop(db, clock, runs, max_sleep=15 * 60.0)
    loop.run_pending()
    assert recorder.next_runs[-1] == {"Täglich": at(11, 7, 30)}
    assert loop._scheduler.jobs == []  # listed, but nothing runs before the Start date
    started: list[datetime] = []
    runs.during.append(lambda *_call: started.append(clock.now()))
    while not runs.calls and clock.now() < at(12, 0):
        loop.step()
    assert runs.calls == [("Täglich", "schedule", at(11, 7, 30))]
    assert abs(started[0] - at(11, 7, 30)) < timedelta(seconds=1)


def test_a_password_from_before_versions_is_listed_and_run_from_its_start_date(
    db, repository, secret_store, daily
):
    """Stored before password versions existed, in this computer's keyring: it is listed
    with its first run before the Start date and runs then, like any other interface."""
    from desktop_app.jobs.interface_edit import InterfaceEditor
    from desktop_app.store.models import PasswordHolderRow

    later = daily.with_changes(start_date=date(2027, 3, 3))
    editor = InterfaceEditor(repository, secret_store, computer="KASSE-01")
    editor.save(later, password="geheim")
    with db.session() as s:  # as the upgrade that introduced versions left it
        s.execute(update(InterfaceRow).values(ftp_password_version=None, created_at=at(1, 6)))
        s.execute(delete(PasswordHolderRow))
    clock = FakeClock(at(1, 12))
    runs = Runs(clock)
    loop, recorder = make_loop(db, clock, runs, secrets=secret_store, max_sleep=15 * 60.0)
    loop.run_pending()
    assert recorder.next_runs[-1] == {"Täglich": at(3, 7, 30)}
    assert loop._scheduler.jobs == []  # listed, but nothing runs before the Start date
    while not runs.calls and clock.now() < at(4, 0):
        loop.step()
    assert runs.calls == [("Täglich", "schedule", at(3, 7, 30))]


def test_an_interface_disabled_meanwhile_is_not_run(db, repository, daily):
    save(repository, daily)
    clock = FakeClock(at(1, 7))
    runs = Runs(clock)
    loop, recorder = make_loop(db, clock, runs)
    loop.run_pending()
    repository.set_enabled("Täglich", False)  # on another computer: nobody told this loop
    clock.set(at(1, 7, 30))
    loop.run_pending()
    assert runs.calls == []
    assert recorder.next_runs[-1] == {"Täglich": Eligibility.DISABLED}


def test_sleep_is_capped_and_the_cap_re_reads_other_computers_edits(db, repository, daily):
    clock = FakeClock(at(1, 12))
    loop, recorder = make_loop(db, clock, Runs(clock), max_sleep=DEFAULT_MAX_SLEEP)
    save(repository, daily)
    loop.step()
    # The next slot is tomorrow at 07:30, but an edit elsewhere is seen within a minute.
    assert clock.waits == [60.0]
    save(repository, daily.with_changes(name="Neu von KASSE-02"))  # nobody notifies this loop
    loop.step()
    assert recorder.next_runs[-1] == {"Täglich": at(2, 7, 30), "Neu von KASSE-02": at(2, 7, 30)}
    assert loop.wakeups == 2


def test_a_suspend_is_detected_and_the_overdue_slot_runs_as_catch_up(db, repository, daily):
    save(repository, daily)
    clock = FakeClock(at(1, 7))
    runs = Runs(clock)
    loop, _ = make_loop(db, clock, runs)
    loop.run_pending()
    clock.suspend = timedelta(hours=3)  # monotonic stands still while the laptop sleeps
    loop.step()
    loop.run_pending()
    assert runs.calls == [("Täglich", "catchup", at(1, 7, 30))]


def test_lease_held_elsewhere_defers_instead_of_spinning(db, repository, daily):
    from desktop_app.store.lease import RunLease

    interface_id = save(repository, daily)
    clock = FakeClock(at(1, 7, 30))
    other = RunLease(db, "KASSE-02:manual", now=clock.now)
    assert other.acquire(interface_id)  # "Jetzt ausführen" on another computer
    runs = Runs(clock)
    loop, recorder = make_loop(db, clock, runs)
    loop.run_pending()
    assert runs.calls == []
    assert recorder.next_runs[-1] == {"Täglich": at(1, 7, 31)}
    other.release(interface_id)
    loop.step()
    loop.run_pending()
    assert runs.calls == [("Täglich", "schedule", at(1, 7, 30))]


def test_manual_slotless_success_does_not_consume_the_slot(db, repository, daily):
    interface_id = save(repository, daily)
    ScheduleStateRepository(db).record_slot_finished(interface_id, None, "ok", at(1, 7, 0))
    clock = FakeClock(at(1, 7, 30))
    runs = Runs(clock)
    loop, _ = make_loop(db, clock, runs)
    loop.run_pending()
    assert runs.calls == [("Täglich", "schedule", at(1, 7, 30))]


def test_an_interface_renamed_elsewhere_runs_under_its_new_name(db, repository, daily):
    save(repository, daily)
    clock = FakeClock(at(1, 7))
    runs = Runs(clock)
    loop, recorder = make_loop(db, clock, runs)
    loop.run_pending()
    repository.save(daily.with_changes(name="Umbenannt"), original_name="Täglich")
    clock.set(at(1, 7, 30))
    loop.run_pending()
    assert runs.calls == [("Umbenannt", "schedule", at(1, 7, 30))]
    assert recorder.next_runs[-1] == {"Umbenannt": at(2, 7, 30)}


def test_a_database_failure_is_reported_and_retried_later(db, repository, daily):
    from sqlalchemy.exc import OperationalError

    save(repository, daily)
    clock = FakeClock(at(1, 7))
    loop, recorder = make_loop(db, clock, Runs(clock), error_delay=60.0)
    real_list = loop.interfaces.list
    failures = [OperationalError("SELECT", {}, Exception("server closed the connection"))]

    def flaky_list():
        if failures:
            raise failures.pop()
        return real_list()

    loop.interfaces.list = flaky_list  # this loop's repository only
    assert loop.run_pending() == 60.0
    assert "server closed the connection" in recorder.errors[0].log_text
    assert recorder.errors[0].fault == "check_failed"
    loop.step()
    assert recorder.next_runs[-1] == {"Täglich": at(1, 7, 30)}
