"""Schedule rules: when an interface is due (Intervall, Ausführungszeit, the window).

Pure Python: no Qt, no I/O, no clock. Every function is handed the instant it reasons
about, so the scheduler thread, the list's "next run" column and the tests share one rule.

Slots come from the calendar, never from when a run actually happened: a run that started
late does not move the next one (no drift), and a scheduler that persists only the last
*slot* it handled can ask ``missed_slot`` whether it missed one while the program was off.

A slot is a local date and a wall time; wall-clock arithmetic comes first and ``localise``
turns the result into an instant afterwards:

- a wall time that does not exist that day (spring-forward gap) runs at the first valid
  minute after it; several wall times collapsing onto that minute run once;
- a wall time that occurs twice (autumn fold) runs once, at its first occurrence (fold=0);
- no slot ever starts outside WINDOW_START..WINDOW_END local time (both included), even
  when a gap pushes it: such a slot is dropped for that day rather than run late at night.

Returned instants are aware datetimes in the zone passed in. Compare them with instants in
*another* tzinfo (UTC is simplest) or via ``timestamp()``: Python compares two datetimes
that share a tzinfo by their wall time and ignores ``fold``.
"""

from __future__ import annotations

import bisect
import calendar
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TypeAlias

from desktop_app.domain.interface import (
    LAST_DAY,
    WINDOW_END,
    WINDOW_START,
    InterfaceSettings,
    IntervalKind,
    Weekday,
)

__all__ = [
    "Schedule",
    "ScheduleSpec",
    "in_window",
    "latest_slot_at_or_before",
    "localise",
    "missed_slot",
    "next_due",
    "slots_between",
]

_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)
_WEEKDAYS = tuple(Weekday)  # index = date.weekday()
# Every valid schedule has a slot at least every 31 days; this only bounds odd zones.
_SEARCH_DAYS = 400
# The longest real gap (Samoa skipped 2011-12-30) is one day; two leave room.
_MAX_GAP_MINUTES = 2 * 24 * 60


@dataclass(frozen=True)
class ScheduleSpec:
    """The part of an interface's settings that decides when it is due.

    Frozen and hashable, so a day's slots can be cached per schedule. Values that do not
    apply to the kind are normalised away, so equal schedules compare (and cache) equal.
    Raises ValueError for a schedule that could never run as the manual describes it;
    ``validation.py`` gives the user the German message long before that.
    """

    kind: IntervalKind
    every_minutes: int = 60  # HOURLY only: slots at 06:00, 06:00+x, ... <= 22:00 each day
    weekdays: frozenset[Weekday] = frozenset()  # WEEKLY only
    day_of_month: int | str = 1  # MONTHLY only: 1..28 or LAST_DAY
    run_time: time | None = None  # every kind but HOURLY
    start_date: date | None = None  # no slot before this local date

    def __post_init__(self) -> None:
        kind = IntervalKind(self.kind)
        set_ = functools.partial(object.__setattr__, self)
        set_("kind", kind)
        if kind is IntervalKind.HOURLY:
            set_("run_time", None)  # the form may keep a time; hourly slots ignore it
        else:
            set_("every_minutes", 60)
        if kind is IntervalKind.WEEKLY:
            set_("weekdays", frozenset(Weekday(d) for d in self.weekdays))
        else:
            set_("weekdays", frozenset())
        if kind is not IntervalKind.MONTHLY:
            set_("day_of_month", 1)
        self._check()

    def _check(self) -> None:
        if self.kind is IntervalKind.HOURLY:
            every = self.every_minutes
            if isinstance(every, bool) or not isinstance(every, int) or every < 1:
                raise ValueError(f"every_minutes must be a positive number, not {every!r}")
            return
        if self.run_time is None:
            raise ValueError(f"a {self.kind.value} schedule needs a run time")
        if self.run_time.tzinfo is not None:
            raise ValueError("run_time is a local wall time and must not carry a tzinfo")
        if not WINDOW_START <= self.run_time <= WINDOW_END:
            raise ValueError(f"run time {self.run_time} lies outside {WINDOW_START}-{WINDOW_END}")
        if self.kind is IntervalKind.WEEKLY and not self.weekdays:
            raise ValueError("a weekly schedule needs at least one weekday")
        day = self.day_of_month
        if (
            self.kind is IntervalKind.MONTHLY
            and day != LAST_DAY
            and (isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 28)
        ):
            raise ValueError(f"day_of_month must be 1..28 or {LAST_DAY!r}, not {day!r}")

    @classmethod
    def from_settings(cls, settings: InterfaceSettings) -> ScheduleSpec:
        """The schedule of an interface; its other settings do not affect when it is due."""
        interval = settings.interval
        return cls(
            kind=interval.kind,
            every_minutes=interval.every_minutes,
            weekdays=interval.weekdays,
            day_of_month=interval.day_of_month,
            run_time=settings.run_time,
            start_date=settings.start_date,
        )


Schedule: TypeAlias = InterfaceSettings | ScheduleSpec


def next_due(schedule: Schedule, after: datetime, tz: tzinfo) -> datetime | None:
    """The first slot strictly after ``after``, in ``tz``; None only if none within 400 days.

    "Strictly" so that a scheduler passing the slot it just ran gets the following one.
    """
    spec = _as_spec(schedule)
    return next((s.astimezone(tz) for s in _slots_after(spec, _utc(after), tz)), None)


def slots_between(
    schedule: Schedule, start: datetime, end: datetime, tz: tzinfo
) -> Iterator[datetime]:
    """Every slot with ``start < slot <= end``, increasing, in ``tz``.

    Half-open like a scheduler's bookkeeping: ``start`` is the slot already handled,
    ``end`` is now.
    """
    spec = _as_spec(schedule)
    start_utc, end_utc = _utc(start), _utc(end)
    days = (end_utc.astimezone(tz).date() - start_utc.astimezone(tz).date()).days + 3
    for slot in _slots_after(spec, start_utc, tz, max(days, 1)):
        if slot > end_utc:
            return
        yield slot.astimezone(tz)


def latest_slot_at_or_before(schedule: Schedule, now: datetime, tz: tzinfo) -> datetime | None:
    """The newest slot at or before ``now``, in ``tz``; None before the first slot.

    Looks back at most 400 days, which covers every slot of a valid schedule's last cycle.
    """
    spec = _as_spec(schedule)
    now_utc = _utc(now)
    # One day ahead: a clock set back across midnight shows yesterday's date after today's slots.
    day = _shift(now_utc.astimezone(tz).date(), 1)
    for _ in range(_SEARCH_DAYS):
        if day is None or (spec.start_date is not None and day < spec.start_date):
            return None
        slots = _day_slots(spec, day, tz)
        index = bisect.bisect_right(slots, now_utc)
        if index:
            return slots[index - 1].astimezone(tz)
        day = _shift(day, -1)
    return None


def missed_slot(
    schedule: Schedule, last_slot: datetime, now: datetime, tz: tzinfo
) -> datetime | None:
    """The slot to catch up: the newest one after the persisted ``last_slot`` and <= ``now``.

    Only the newest, because several slots missed while the program was off are caught up
    once. The caller decides when (the next start inside the window) and persists the slot
    it returns, so asking again yields None until the next slot has passed.
    """
    latest = latest_slot_at_or_before(schedule, now, tz)
    if latest is None or latest.astimezone(UTC) <= _utc(last_slot):
        return None
    return latest


def in_window(instant: datetime, tz: tzinfo) -> bool:
    """Whether a run may start at ``instant``: 06:00:00 to 22:00:00 local time, both
    included, in whole seconds: a wake-up a fraction of a second after a 22:00 slot still
    starts at 22:00:00, but 22:00:01 is after the window (a 22:00 slot reached that late
    waits for the next window start)."""
    second = _utc(instant).astimezone(tz).replace(microsecond=0)
    return WINDOW_START <= second.time() <= WINDOW_END


def localise(day: date, wall: time, tz: tzinfo) -> datetime:
    """The instant at which the clocks in ``tz`` show ``wall`` on ``day``.

    In a fold, the first occurrence (fold=0). In a gap, the first valid minute after the
    requested time, i.e. when the clocks have jumped past it: the run is late, not lost.
    """
    naive = datetime.combine(day, wall.replace(tzinfo=None))
    candidate = naive.replace(tzinfo=tz, fold=0)
    if _exists(candidate):
        return candidate
    probe = naive.replace(second=0, microsecond=0)
    for _ in range(_MAX_GAP_MINUTES):
        probe += _MINUTE
        candidate = probe.replace(tzinfo=tz)
        if _exists(candidate):
            return candidate
    raise ValueError(f"{naive} does not exist in {tz} and no valid minute follows it")


def _exists(local: datetime) -> bool:
    """Whether an aware wall time survives a round trip through UTC, i.e. is not in a gap."""
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def _as_spec(schedule: Schedule) -> ScheduleSpec:
    if isinstance(schedule, ScheduleSpec):
        return schedule
    if isinstance(schedule, InterfaceSettings):
        return ScheduleSpec.from_settings(schedule)
    raise TypeError(f"expected InterfaceSettings or ScheduleSpec, not {type(schedule).__name__}")


def _utc(instant: datetime) -> datetime:
    """Aware instants only: a naive one would silently be read in the machine's zone."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{instant!r} must carry a timezone")
    return instant.astimezone(UTC)


def _shift(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _slots_after(
    spec: ScheduleSpec, after_utc: datetime, tz: tzinfo, max_days: int = _SEARCH_DAYS
) -> Iterator[datetime]:
    """UTC slots strictly after ``after_utc``, strictly increasing, from at most max_days days."""
    # One day back: a clock set back across midnight shows yesterday's date after its slots.
    day = _shift(after_utc.astimezone(tz).date(), -1)
    if day is not None and spec.start_date is not None and day < spec.start_date:
        day = spec.start_date
    last = after_utc
    for _ in range(max_days):
        if day is None:
            return
        slots = _day_slots(spec, day, tz)
        for index in range(bisect.bisect_right(slots, last), len(slots)):
            last = slots[index]
            yield last
        day = _shift(day, 1)


@functools.lru_cache(maxsize=256)
def _day_slots(spec: ScheduleSpec, day: date, tz: tzinfo) -> tuple[datetime, ...]:
    """One local day's slots as UTC instants: increasing, unique, all inside the window.

    Cached because a scheduler asks about the same day again at every wake-up.
    """
    if not _runs_on(spec, day):
        return ()
    slots: list[datetime] = []
    for wall in _wall_times(spec):
        local = localise(day, wall, tz)
        if local.date() != day or not WINDOW_START <= local.time() <= WINDOW_END:
            continue  # a gap pushed it out of the window: no run then, not even a late one
        instant = local.astimezone(UTC)
        if not slots or instant > slots[-1]:  # gap: several wall times, one instant, one run
            slots.append(instant)
    return tuple(slots)


@functools.lru_cache(maxsize=256)
def _wall_times(spec: ScheduleSpec) -> tuple[time, ...]:
    """The wall times of a day that runs; every x minutes restarts at 06:00 so it never drifts."""
    if spec.kind is not IntervalKind.HOURLY:
        assert spec.run_time is not None  # ScheduleSpec guarantees it
        return (spec.run_time,)
    step = timedelta(minutes=spec.every_minutes)
    wall = datetime.combine(date(2000, 1, 1), WINDOW_START)
    end = datetime.combine(date(2000, 1, 1), WINDOW_END)
    times: list[time] = []
    while wall <= end:
        times.append(wall.time())
        wall += step
    return tuple(times)


def _runs_on(spec: ScheduleSpec, day: date) -> bool:
    if spec.start_date is not None and day < spec.start_date:
        return False
    if spec.kind is IntervalKind.WEEKLY:
        return _WEEKDAYS[day.weekday()] in spec.weekdays
    if spec.kind is IntervalKind.MONTHLY:
        if spec.day_of_month == LAST_DAY:
            return day.day == calendar.monthrange(day.year, day.month)[1]
        return day.day == spec.day_of_month
    return True
