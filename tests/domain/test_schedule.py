"""Schedule rules over three years of Europe/Berlin, plus zones whose clocks change by day.

The three-year tests drive ``next_due`` the way the scheduler will: a fake clock sleeps
until the slot it returned, and only those instants are seen. The expected slots come
from a separate, deliberately naive reading of the manual (``expected_walls``), so the
two implementations check each other. Berlin's clocks change at night, outside the
06:00–22:00 window; the gap and fold rules are therefore also tested in synthetic zones
whose clocks change at noon and at 21:30.
"""

from __future__ import annotations

import io
import itertools
import random
import struct
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.interface import (
    LAST_DAY,
    MAX_EVERY_MINUTES,
    MIN_EVERY_MINUTES,
    WINDOW_END,
    WINDOW_START,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Weekday,
)
from desktop_app.domain.schedule import (
    ScheduleSpec,
    in_window,
    latest_slot_at_or_before,
    localise,
    missed_slot,
    next_due,
    slots_between,
)

BERLIN = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2026, 1, 1)
LAST_TEST_DAY = date(2028, 12, 31)
HOURLY, DAILY, WEEKLY, MONTHLY = (
    IntervalKind.HOURLY,
    IntervalKind.DAILY,
    IntervalKind.WEEKLY,
    IntervalKind.MONTHLY,
)
ISO_WEEKDAY = {
    1: Weekday.MON,
    2: Weekday.TUE,
    3: Weekday.WED,
    4: Weekday.THU,
    5: Weekday.FRI,
    6: Weekday.SAT,
    7: Weekday.SUN,
}


def tzif_zone(key: str, posix_rule: str) -> ZoneInfo:
    """A zone from a POSIX TZ rule alone: a TZif v2 file with no transitions, only a footer.

    Lets the tests put a daylight-saving switch inside the 06:00–22:00 window, which no
    German zone does, without depending on the tzdata version installed.
    """
    chars = b"XST\0"
    header = b"TZif2" + b"\0" * 15 + struct.pack(">6l", 0, 0, 0, 0, 1, len(chars))
    block = header + struct.pack(">lBB", 3600, 0, 0) + chars  # one type: UTC+1, standard
    data = block + block + b"\n" + posix_rule.encode() + b"\n"
    return ZoneInfo.from_file(io.BytesIO(data), key=key)


# Like CET/CEST, but the clocks jump 12:00 -> 13:00 in March and 13:00 -> 12:00 in October.
NOON = tzif_zone("Test/Noon", "XST-1XDT,M3.5.0/12,M10.5.0/13")
# The gap 21:30-22:30 reaches past the window's end.
LATE = tzif_zone("Test/Late", "XST-1XDT,M3.5.0/21:30,M10.5.0/22:30")


def u(instant: datetime) -> datetime:
    """UTC, for comparing: datetimes sharing a tzinfo compare by wall time, ignoring fold."""
    return instant.astimezone(UTC)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, tz=BERLIN):
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.isoweekday() % 7))


def dst_days(years=(2026, 2027, 2028)) -> list[date]:
    return [last_sunday(year, month) for year in years for month in (3, 10)]


def expected_walls(spec: ScheduleSpec, first: date, last: date) -> list[tuple[date, time]]:
    """The manual read literally, day by day; valid in Berlin, where no gap is in the window."""
    walls = []
    day = first
    while day <= last:
        released = spec.start_date is None or day >= spec.start_date
        if spec.kind is HOURLY:
            minutes = range(6 * 60, 22 * 60 + 1, spec.every_minutes)
            times = [time(m // 60, m % 60) for m in minutes]
        elif spec.kind is WEEKLY:
            times = [spec.run_time] if ISO_WEEKDAY[day.isoweekday()] in spec.weekdays else []
        elif spec.kind is MONTHLY:
            is_last = (day + timedelta(days=1)).day == 1
            hit = is_last if spec.day_of_month == LAST_DAY else day.day == spec.day_of_month
            times = [spec.run_time] if hit else []
        else:
            times = [spec.run_time]
        if released:
            walls += [(day, wall) for wall in times]
        day += timedelta(days=1)
    return walls


class FakeClock:
    """The scheduler's only view of time in these tests: it sleeps until it is woken."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def sleep_until(self, instant: datetime) -> None:
        assert u(instant) > u(self.now), "the clock never goes back and never stands still"
        self.now = instant


def run_fake_scheduler(spec, tz, first: date, last: date) -> list[datetime]:
    """Every slot a scheduler that sleeps until ``next_due`` would run in [first, last]."""
    clock = FakeClock(datetime.combine(first, time(0), tzinfo=tz) - timedelta(microseconds=1))
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz)
    runs = []
    while (slot := next_due(spec, clock.now, tz)) is not None and u(slot) < u(end):
        clock.sleep_until(slot)
        runs.append(slot)
    return runs


THREE_YEAR_SPECS = {
    "hourly": ScheduleSpec(HOURLY),
    "every-15-min": ScheduleSpec(HOURLY, every_minutes=15),
    "every-5-min": ScheduleSpec(HOURLY, every_minutes=5),
    "every-7-min": ScheduleSpec(HOURLY, every_minutes=7),
    "every-720-min-from-june": ScheduleSpec(
        HOURLY, every_minutes=720, start_date=date(2026, 6, 15)
    ),
    "daily-06:00": ScheduleSpec(DAILY, run_time=time(6, 0)),
    "daily-22:00": ScheduleSpec(DAILY, run_time=time(22, 0)),
    "daily-13:37-from-2027": ScheduleSpec(
        DAILY, run_time=time(13, 37), start_date=date(2027, 2, 3)
    ),
    "weekly-mon-wed-fri": ScheduleSpec(
        WEEKLY, weekdays=frozenset({Weekday.MON, Weekday.WED, Weekday.FRI}), run_time=time(6)
    ),
    "weekly-sun-22:00": ScheduleSpec(WEEKLY, weekdays=frozenset({Weekday.SUN}), run_time=time(22)),
    "monthly-1st": ScheduleSpec(MONTHLY, day_of_month=1, run_time=time(6)),
    "monthly-28th": ScheduleSpec(MONTHLY, day_of_month=28, run_time=time(12, 15)),
    "monthly-last": ScheduleSpec(MONTHLY, day_of_month=LAST_DAY, run_time=time(21, 59)),
    "monthly-last-from-march-2027": ScheduleSpec(
        MONTHLY, day_of_month=LAST_DAY, run_time=time(6), start_date=date(2027, 3, 1)
    ),
}


@pytest.mark.parametrize("spec", THREE_YEAR_SPECS.values(), ids=THREE_YEAR_SPECS.keys())
def test_three_years_in_berlin_follow_the_manual(spec):
    runs = run_fake_scheduler(spec, BERLIN, FIRST_DAY, LAST_TEST_DAY)

    assert runs, "every schedule runs at least once in three years"
    instants = [u(run) for run in runs]
    assert all(a < b for a, b in itertools.pairwise(instants)), "strictly later"
    assert all(run.tzinfo is BERLIN for run in runs)
    assert all(WINDOW_START <= run.time() <= WINDOW_END for run in runs)
    assert all(in_window(run, BERLIN) for run in runs)
    if spec.start_date is not None:
        assert min(run.date() for run in runs) >= spec.start_date
    # The whole calendar, slot by slot: weekdays, month ends, leap years, DST days.
    assert [(run.date(), run.time()) for run in runs] == expected_walls(
        spec, FIRST_DAY, LAST_TEST_DAY
    )
    # The bulk query a catching-up scheduler uses agrees with stepping one by one.
    start = local(2025, 12, 31, 23, 59)
    end = local(2028, 12, 31, 23, 59)
    assert [u(s) for s in slots_between(spec, start, end, BERLIN)] == instants


def test_monthly_last_day_finds_february_in_common_and_leap_years():
    spec = ScheduleSpec(MONTHLY, day_of_month=LAST_DAY, run_time=time(6))
    runs = run_fake_scheduler(spec, BERLIN, FIRST_DAY, LAST_TEST_DAY)

    februaries = [run.date() for run in runs if run.month == 2]
    assert februaries == [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]
    assert len(runs) == 36
    assert {run.day for run in runs} == {28, 29, 30, 31}
    assert next_due(spec, local(2028, 2, 28, 6, 0), BERLIN) == local(2028, 2, 29, 6, 0)


def test_day_28_runs_every_month_february_included():
    spec = ScheduleSpec(MONTHLY, day_of_month=28, run_time=time(22))
    runs = run_fake_scheduler(spec, BERLIN, FIRST_DAY, LAST_TEST_DAY)

    assert [(run.year, run.month) for run in runs] == [
        (year, month) for year in (2026, 2027, 2028) for month in range(1, 13)
    ]
    assert {(run.day, run.time()) for run in runs} == {(28, time(22))}


@pytest.mark.parametrize("day", dst_days(), ids=str)
def test_daylight_saving_days_in_berlin_keep_every_slot(day):
    midnight = datetime.combine(day, time(0), tzinfo=BERLIN)
    next_midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=BERLIN)
    assert midnight.utcoffset() != next_midnight.utcoffset(), "the clocks really change that day"

    def slots_of_the_day(spec):
        return list(slots_between(spec, midnight, next_midnight, BERLIN))

    quarter_hours = slots_of_the_day(ScheduleSpec(HOURLY, every_minutes=15))
    # The switch is at 02:00/03:00, before the window: the day keeps all 65 quarter hours.
    assert len(quarter_hours) == 65 == (22 - 6) * 4 + 1
    assert [s.time() for s in quarter_hours] == [
        time(6 + m // 60, m % 60) for m in range(0, 16 * 60 + 1, 15)
    ]
    gaps = {u(b) - u(a) for a, b in itertools.pairwise(quarter_hours)}
    assert gaps == {timedelta(minutes=15)}
    assert len(slots_of_the_day(ScheduleSpec(HOURLY))) == 17

    (six,) = slots_of_the_day(ScheduleSpec(DAILY, run_time=time(6)))
    # 06:00 summer time is 04:00 UTC, 06:00 winter time is 05:00 UTC.
    utc_hour = 4 if day.month == 3 else 5
    assert u(six) == datetime.combine(day, time(utc_hour), tzinfo=UTC)
    sunday = ScheduleSpec(WEEKLY, weekdays=frozenset({Weekday.SUN}), run_time=time(22))
    assert [s.time() for s in slots_of_the_day(sunday)] == [time(22)]


def test_localise_moves_a_berlin_gap_time_to_the_next_valid_minute():
    at = localise(date(2026, 3, 29), time(2, 30), BERLIN)
    assert (at.time(), at.utcoffset()) == (time(3, 0), timedelta(hours=2))
    assert u(at) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert localise(date(2026, 3, 29), time(2, 0), BERLIN) == at
    assert localise(date(2026, 3, 29), time(3, 0), BERLIN) == at


def test_localise_takes_the_first_of_a_repeated_berlin_time():
    at = localise(date(2026, 10, 25), time(2, 30), BERLIN)
    assert (at.time(), at.fold, at.utcoffset()) == (time(2, 30), 0, timedelta(hours=2))
    assert u(at) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_localise_leaves_ordinary_times_alone():
    at = localise(date(2026, 7, 1), time(9, 41), BERLIN)
    assert at == datetime(2026, 7, 1, 9, 41, tzinfo=BERLIN)
    assert at.utcoffset() == timedelta(hours=2)


def test_a_run_time_inside_a_daytime_gap_runs_once_at_the_gap_end():
    spring = last_sunday(2026, 3)
    spec = ScheduleSpec(DAILY, run_time=time(12, 30))

    slot = next_due(spec, local(2026, 3, 29, tz=NOON), NOON)
    assert slot == datetime.combine(spring, time(13, 0), tzinfo=NOON)
    assert slot.utcoffset() == timedelta(hours=2)
    following = next_due(spec, slot, NOON)
    assert following == datetime.combine(spring + timedelta(days=1), time(12, 30), tzinfo=NOON)
    # 12:00 itself does not exist either: the gap starts there.
    at_noon = next_due(ScheduleSpec(DAILY, run_time=time(12)), local(2026, 3, 29, tz=NOON), NOON)
    assert at_noon.time() == time(13, 0)


def test_a_run_time_inside_a_daytime_fold_runs_once_at_its_first_occurrence():
    autumn = last_sunday(2026, 10)
    spec = ScheduleSpec(DAILY, run_time=time(12, 30))

    slot = next_due(spec, local(2026, 10, 25, tz=NOON), NOON)
    assert (slot.date(), slot.time(), slot.fold) == (autumn, time(12, 30), 0)
    assert u(slot) == datetime(2026, 10, 25, 10, 30, tzinfo=UTC)
    # An hour later the clocks show 12:30 again; that is not a second slot.
    second_occurrence = datetime(2026, 10, 25, 11, 30, tzinfo=UTC)
    assert second_occurrence.astimezone(NOON).time() == time(12, 30)
    assert next_due(spec, slot, NOON).date() == autumn + timedelta(days=1)
    assert latest_slot_at_or_before(spec, second_occurrence, NOON) == slot


def test_every_15_minutes_through_a_daytime_gap_and_fold():
    spec = ScheduleSpec(HOURLY, every_minutes=15)

    def day_slots(day):
        start = datetime.combine(day, time(0), tzinfo=NOON)
        return list(slots_between(spec, start, start + timedelta(days=1), NOON))

    spring = day_slots(last_sunday(2027, 3))
    # 12:00, 12:15, 12:30 and 12:45 do not exist: together with 13:00 they run once, at 13:00.
    assert len(spring) == 65 - 4
    assert not [s for s in spring if time(12) <= s.time() < time(13)]
    assert [s.time() for s in spring].count(time(13)) == 1

    autumn = day_slots(last_sunday(2027, 10))
    assert [s.time() for s in autumn] == [
        time(6 + m // 60, m % 60) for m in range(0, 16 * 60 + 1, 15)
    ]
    at = {s.time(): u(s) for s in autumn}
    assert at[time(13)] - at[time(12, 45)] == timedelta(minutes=75)  # the repeated hour is skipped


def test_a_gap_never_pushes_a_run_past_the_window_end():
    spring = last_sunday(2026, 3)
    spec = ScheduleSpec(DAILY, run_time=time(21, 45))

    # 21:45 would become 22:30: too late, so that day has no run at all.
    slot = next_due(spec, datetime.combine(spring, time(6), tzinfo=LATE), LATE)
    assert slot == datetime.combine(spring + timedelta(days=1), time(21, 45), tzinfo=LATE)

    quarter_hours = ScheduleSpec(HOURLY, every_minutes=15)
    start = datetime.combine(spring, time(0), tzinfo=LATE)
    slots = list(slots_between(quarter_hours, start, start + timedelta(days=1), LATE))
    assert len(slots) == 65 - 3 and slots[-1].time() == time(21, 15)
    assert all(in_window(s, LATE) for s in slots)


def test_nothing_runs_before_the_start_date():
    spec = ScheduleSpec(HOURLY, every_minutes=30, start_date=date(2026, 6, 15))
    first = local(2026, 6, 15, 6, 0)

    assert next_due(spec, local(2026, 6, 14, 23, 59), BERLIN) == first
    assert next_due(spec, local(2019, 1, 1), BERLIN) == first  # years before: no search limit
    assert latest_slot_at_or_before(spec, local(2026, 6, 15, 5, 59), BERLIN) is None
    assert latest_slot_at_or_before(spec, first, BERLIN) == first


def test_slots_follow_the_calendar_not_the_actual_run():
    daily = ScheduleSpec(DAILY, run_time=time(10))
    ran_late_until = local(2026, 5, 4, 10, 7)
    assert next_due(daily, ran_late_until, BERLIN) == local(2026, 5, 5, 10, 0)

    every_7 = ScheduleSpec(HOURLY, every_minutes=7)
    last_of_day = latest_slot_at_or_before(every_7, local(2026, 5, 4, 23, 0), BERLIN)
    assert last_of_day == local(2026, 5, 4, 21, 59)  # 06:00 + 137 x 7 min
    # Each day restarts at 06:00 instead of continuing the 7-minute rhythm overnight.
    assert next_due(every_7, last_of_day, BERLIN) == local(2026, 5, 5, 6, 0)


def test_catch_up_finds_the_newest_missed_slot_once():
    daily = ScheduleSpec(DAILY, run_time=time(10))
    last_slot = local(2026, 5, 4, 10, 0)  # persisted Monday; the program was off until Thursday
    started = local(2026, 5, 7, 8, 0)

    missed = list(slots_between(daily, last_slot, started, BERLIN))
    assert missed == [local(2026, 5, 5, 10, 0), local(2026, 5, 6, 10, 0)]
    assert latest_slot_at_or_before(daily, started, BERLIN) == missed[-1]
    assert missed_slot(daily, last_slot, started, BERLIN) == missed[-1]
    # Once the caught-up slot is persisted, nothing is due until Thursday's own slot.
    assert missed_slot(daily, missed[-1], started, BERLIN) is None
    thursday = local(2026, 5, 7, 10, 0)
    assert missed_slot(daily, missed[-1], thursday, BERLIN) == thursday  # at, not only before


def test_catch_up_across_the_spring_forward_night_and_a_month_end():
    monthly = ScheduleSpec(MONTHLY, day_of_month=LAST_DAY, run_time=time(6))
    last_slot = local(2026, 2, 28, 6, 0)
    started = local(2026, 4, 1, 5, 0)  # outside the window: the caller waits until 06:00

    assert missed_slot(monthly, last_slot, started, BERLIN) == local(2026, 3, 31, 6, 0)
    assert not in_window(started, BERLIN)
    assert in_window(local(2026, 4, 1, 6, 0), BERLIN)
    assert in_window(local(2026, 4, 1, 22, 0), BERLIN)
    assert not in_window(local(2026, 4, 1, 22, 0) + timedelta(seconds=1), BERLIN)


@pytest.mark.parametrize("day", [date(2026, 3, 11), date(2026, 3, 29), date(2026, 10, 25)])
def test_the_window_ends_at_22_00_00_in_whole_seconds(day):
    """An ordinary day and both switch days in Berlin: 22:00:00 is the last start."""
    ten = datetime.combine(day, time(22), tzinfo=BERLIN)
    assert in_window(ten + timedelta(milliseconds=50), BERLIN)  # the scheduler's wake margin
    assert not in_window(ten + timedelta(seconds=1), BERLIN)
    assert not in_window(ten + timedelta(seconds=59), BERLIN)
    assert not in_window(datetime.combine(day, time(5, 59, 59, 999_999), tzinfo=BERLIN), BERLIN)


def test_a_scheduler_waking_at_random_times_runs_each_caught_up_slot_once():
    """Sleep, clock jumps, the program closed for days: whatever the wake-ups, no double run."""
    spec = ScheduleSpec(HOURLY, every_minutes=45)
    rng = random.Random(5)
    clock = FakeClock(local(2026, 1, 1))
    last_slot = clock.now
    runs: list[tuple[datetime, datetime]] = []
    while clock.now.year < 2029:
        # Mostly short naps, sometimes a night's sleep or a closed program for days.
        (minutes,) = rng.choices([1, 7, 50, 300, 3000, 9000], weights=[30, 30, 30, 6, 3, 1])
        clock.sleep_until(clock.now + timedelta(minutes=minutes))
        due = missed_slot(spec, last_slot, clock.now, BERLIN)
        if due is not None and in_window(clock.now, BERLIN):
            runs.append((due, clock.now))
            last_slot = due

    assert len(runs) > 1000
    slots = [u(slot) for slot, _ in runs]
    assert all(a < b for a, b in itertools.pairwise(slots))
    for slot, ran_at in runs:
        assert u(slot) <= u(ran_at) and in_window(ran_at, BERLIN)
        assert latest_slot_at_or_before(spec, slot, BERLIN) == slot  # a real slot


def test_interface_settings_and_spec_give_the_same_answer():
    interface = InterfaceSettings(
        name="Zahlungen",
        run_time=time(7, 30),
        start_date=date(2026, 3, 2),
        interval=Interval(kind=WEEKLY, weekdays=frozenset({Weekday.TUE})),
    )
    spec = ScheduleSpec.from_settings(interface)
    assert spec == ScheduleSpec(
        WEEKLY, weekdays=frozenset({"tue"}), run_time=time(7, 30), start_date=date(2026, 3, 2)
    )
    after = local(2026, 1, 1)
    assert next_due(interface, after, BERLIN) == next_due(spec, after, BERLIN)
    assert next_due(interface, after, BERLIN) == local(2026, 3, 3, 7, 30)


def test_values_that_do_not_apply_to_the_kind_are_ignored():
    assert ScheduleSpec(HOURLY, run_time=time(8), day_of_month=5) == ScheduleSpec(HOURLY)
    assert ScheduleSpec(DAILY, run_time=time(8), every_minutes=15, weekdays={"mon"}) == (
        ScheduleSpec(DAILY, run_time=time(8))
    )
    hourly_with_time = InterfaceSettings(run_time=time(9), interval=Interval(kind=HOURLY))
    assert ScheduleSpec.from_settings(hourly_with_time) == ScheduleSpec(HOURLY)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": DAILY},
        {"kind": DAILY, "run_time": time(5, 59)},
        {"kind": DAILY, "run_time": time(22, 1)},
        {"kind": DAILY, "run_time": time(8, tzinfo=UTC)},
        {"kind": WEEKLY, "run_time": time(8)},
        {"kind": MONTHLY, "run_time": time(8), "day_of_month": 29},
        {"kind": MONTHLY, "run_time": time(8), "day_of_month": 0},
        {"kind": MONTHLY, "run_time": time(8), "day_of_month": "first"},
        {"kind": HOURLY, "every_minutes": 0},
        {"kind": HOURLY, "every_minutes": True},
        {"kind": "fortnightly", "run_time": time(8)},
    ],
)
def test_a_schedule_that_cannot_run_is_refused(kwargs):
    with pytest.raises(ValueError):
        ScheduleSpec(**kwargs)


def test_naive_instants_and_other_objects_are_refused():
    spec = ScheduleSpec(DAILY, run_time=time(8))
    with pytest.raises(ValueError, match="timezone"):
        next_due(spec, datetime(2026, 1, 1), BERLIN)
    with pytest.raises(TypeError):
        next_due(Interval(), local(2026, 1, 1), BERLIN)


# --- properties over any schedule, instant and zone ------------------------------------

window_times = st.integers(6 * 60, 22 * 60).map(lambda m: time(m // 60, m % 60))
start_dates = st.none() | st.dates(date(2024, 1, 1), date(2031, 12, 31))
schedules = st.one_of(
    st.builds(
        ScheduleSpec,
        kind=st.just(HOURLY),
        every_minutes=st.integers(MIN_EVERY_MINUTES, MAX_EVERY_MINUTES),
        start_date=start_dates,
    ),
    st.builds(ScheduleSpec, kind=st.just(DAILY), run_time=window_times, start_date=start_dates),
    st.builds(
        ScheduleSpec,
        kind=st.just(WEEKLY),
        weekdays=st.frozensets(st.sampled_from(Weekday), min_size=1),
        run_time=window_times,
        start_date=start_dates,
    ),
    st.builds(
        ScheduleSpec,
        kind=st.just(MONTHLY),
        day_of_month=st.integers(1, 28) | st.just(LAST_DAY),
        run_time=window_times,
        start_date=start_dates,
    ),
)
zones = st.sampled_from(
    [
        BERLIN,
        NOON,
        LATE,
        ZoneInfo("America/New_York"),
        ZoneInfo("America/Santiago"),  # switches at midnight
        ZoneInfo("Australia/Lord_Howe"),  # half-hour daylight saving
        ZoneInfo("Asia/Kolkata"),
    ]
)
instants = st.datetimes(datetime(2025, 1, 1), datetime(2030, 12, 31)).map(
    lambda naive: naive.replace(tzinfo=UTC)
)


@settings(max_examples=250)
@given(spec=schedules, after=instants, tz=zones)
def test_next_due_is_the_first_slot_after_and_inside_the_window(spec, after, tz):
    slot = next_due(spec, after, tz)

    assert slot is not None and slot.tzinfo is tz
    assert u(slot) > after
    assert in_window(slot, tz)
    assert spec.start_date is None or slot.date() >= spec.start_date
    assert [u(s) for s in slots_between(spec, after, slot, tz)] == [u(slot)]  # none skipped
    assert u(latest_slot_at_or_before(spec, slot, tz)) == u(slot)


@settings(max_examples=250)
@given(spec=schedules, now=instants, tz=zones)
def test_latest_slot_and_next_due_meet_around_now(spec, now, tz):
    latest = latest_slot_at_or_before(spec, now, tz)
    upcoming = next_due(spec, now, tz)

    if latest is None:
        assert spec.start_date is not None and upcoming.date() >= spec.start_date
        return
    assert u(latest) <= now < u(upcoming)
    assert u(next_due(spec, latest, tz)) == u(upcoming)
    assert missed_slot(spec, latest, now, tz) is None
