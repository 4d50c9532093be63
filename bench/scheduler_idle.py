"""What the scheduler costs while nothing is due (issue 5): wake-ups and CPU seconds.

50 enabled interfaces (daily, weekly, monthly, hourly) in a temporary SQLite database,
created through the real repositories; their run times are chosen so that none is due
(and none turns stale) during the measurement. The real ``SchedulerLoop`` runs in a
thread with the real clock; after its first pass has planned everything and it has gone
to sleep, the benchmark counts the loop's wake-ups (returns from its wait) and the
process's CPU time for ``--seconds`` of real time.

Goal: at most 5 wake-ups and at most 0.05 s CPU in 60 s. Exit status 1 when missed.

    .venv/bin/python bench/scheduler_idle.py [--seconds 60] [--interfaces 50]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path

from desktop_app.domain.interface import (
    WINDOW_END,
    WINDOW_START,
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    SettleUntil,
    Weekday,
)
from desktop_app.domain.schedule import ScheduleSpec, next_due
from desktop_app.jobs.scheduler import SchedulePlanner, SchedulerListener, SchedulerLoop, local_zone
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.interfaces import InterfaceRepository

GOAL_WAKEUPS = 5
GOAL_CPU_SECONDS = 0.05
KINDS = (IntervalKind.DAILY, IntervalKind.WEEKLY, IntervalKind.MONTHLY, IntervalKind.HOURLY)


def _candidates(index: int, kind: IntervalKind, local_now: datetime):
    """Schedules for one interface, most varied first; the caller keeps the first that is
    not due soon."""
    for shift in range(0, 24 * 60, 37):
        minutes = (local_now.hour * 60 + local_now.minute + 120 + index * 7 + shift) % (24 * 60)
        run_time = wall_time(minutes // 60, minutes % 60)
        if not WINDOW_START <= run_time <= WINDOW_END:
            run_time = wall_time(6 + index % 16, (index * 11) % 60)
        if kind is IntervalKind.HOURLY:
            interval = Interval(kind, every_minutes=(5, 30, 45, 60, 90, 120)[(index + shift) % 6])
        elif kind is IntervalKind.WEEKLY:
            interval = Interval(kind, weekdays=frozenset({list(Weekday)[(index + shift) % 7]}))
        elif kind is IntervalKind.MONTHLY:
            interval = Interval(kind, day_of_month=1 + (index + shift) % 28)
        else:
            interval = Interval(kind)
        yield run_time, interval


def make_settings(index: int, now: datetime, planner: SchedulePlanner, quiet: timedelta):
    """An enabled, chain-wide interface whose next slot is more than ``quiet`` away."""
    kind = KINDS[index % len(KINDS)]
    for run_time, interval in _candidates(index, kind, now.astimezone(planner.tz)):
        settings = InterfaceSettings(
            name=f"Bench {index:02d}",
            import_format=ImportFormat.CLOSED_ITEMS,
            mandants=("1",),
            settle_until=SettleUntil.TODAY,
            run_time=run_time,
            interval=interval,
            ftp=FtpSettings(host="ftp.example", user="bench"),
        )
        due = next_due(ScheduleSpec.from_settings(settings), now, planner.tz)
        if due is None or due - now > quiet:
            return settings
    raise RuntimeError(f"no schedule for interface {index} stays quiet for {quiet}")


class _FirstPlan(SchedulerListener):
    def __init__(self):
        self.planned = threading.Event()
        self.runs = 0

    def next_runs_changed(self, next_runs):
        self.planned.set()

    def run_started(self, name, trigger):
        super().run_started(name, trigger)
        self.runs += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="idle time to measure")
    parser.add_argument("--interfaces", type=int, default=50)
    args = parser.parse_args(argv)

    planner = SchedulePlanner(local_zone())
    with tempfile.TemporaryDirectory(prefix="scheduler-idle-") as tmp:
        db = Database(sqlite_url(Path(tmp) / "bench.sqlite3"))
        Catalog(db).add_mandant("1")
        repository = InterfaceRepository(db)
        # Room for setup and the first pass on top of the measured period.
        quiet = timedelta(seconds=args.seconds + 120)
        now = datetime.now(UTC)
        for index in range(args.interfaces):
            repository.save(make_settings(index, now, planner, quiet))

        listener = _FirstPlan()
        asleep = threading.Event()

        def wait(condition: threading.Condition, timeout: float) -> None:
            asleep.set()
            condition.wait(timeout)

        loop = SchedulerLoop(
            db,
            lambda *_: "ok",
            this_computer="BENCH",
            planner=planner,
            listener=listener,
            wait=wait,
        )
        thread = threading.Thread(target=loop.run_forever, name="scheduler", daemon=True)
        setup_cpu = time.process_time()
        thread.start()
        if not (listener.planned.wait(30) and asleep.wait(30)):
            print("the scheduler did not plan and fall asleep within 30 s", file=sys.stderr)
            return 2
        first_pass_cpu = time.process_time() - setup_cpu  # not part of the idle goal
        jobs = len(loop._scheduler.jobs)
        next_run = loop._scheduler.get_next_run()

        wakeups_before, cpu_before = loop.wakeups, time.process_time()
        time.sleep(args.seconds)
        cpu = time.process_time() - cpu_before
        wakeups = loop.wakeups - wakeups_before

        loop.stop()
        thread.join(10)
        db.dispose()

    print(
        f"scheduler idle: {args.interfaces} enabled interfaces, {jobs} jobs in the schedule "
        f"registry, {args.seconds:g} s idle (next due {next_run:%Y-%m-%d %H:%M} UTC)"
    )
    print(
        f"  wake-ups     {wakeups:8d}    goal <= {GOAL_WAKEUPS:<5}  "
        f"ratio {wakeups / GOAL_WAKEUPS:.2f}"
    )
    print(
        f"  CPU seconds  {cpu:8.4f}    goal <= {GOAL_CPU_SECONDS:<5}  "
        f"ratio {cpu / GOAL_CPU_SECONDS:.2f}"
    )
    print(f"  runs started {listener.runs:8d}    (expected 0)")
    print(f"  (first pass, planning every interface: {first_pass_cpu:.3f} s CPU, not counted)")
    met = wakeups <= GOAL_WAKEUPS and cpu <= GOAL_CPU_SECONDS and listener.runs == 0
    print("  goals met" if met else "  GOALS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
