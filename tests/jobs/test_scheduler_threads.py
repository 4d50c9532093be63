"""The loop on real threads: waking on changes, stopping, and two computers on one database.

Waits here are real but short: every assertion about "at once" allows well under a second,
and a blocked loop fails the test through its join timeout instead of hanging the suite.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from datetime import time as wall_time

import pytest
from sqlalchemy import update

from desktop_app.domain.interface import Interval, IntervalKind
from desktop_app.jobs.scheduler import SchedulePlanner, SchedulerListener, SchedulerLoop
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.models import InterfaceRow
from desktop_app.store.schedule_state import ScheduleStateRepository
from tests.jobs.test_scheduler import BERLIN, FakeClock, at

PROMPT = 0.5  # seconds: "at once", with room for a loaded CI machine


class Events(SchedulerListener):
    """Collects what the loop says, and lets a test wait for a condition on it."""

    def __init__(self):
        self.changed = threading.Condition()
        self.next_runs: list[dict] = []
        self.started: list[tuple[str, str]] = []
        self.finished: list[tuple[str, str]] = []
        self.errors: list[str] = []

    def _add(self, items: list, item) -> None:
        with self.changed:
            items.append(item)
            self.changed.notify_all()

    def next_runs_changed(self, next_runs):
        self._add(self.next_runs, dict(next_runs))

    def run_started(self, name, trigger):
        self._add(self.started, (name, trigger))

    def run_finished(self, name, status):
        self._add(self.finished, (name, status))

    def error(self, message):
        self._add(self.errors, message)

    def wait_for(self, predicate, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(predicate, timeout)


def daily_settings(sample_settings, name: str = "Täglich", **changes):
    return sample_settings.with_changes(
        name=name,
        start_date=None,
        interval=Interval(kind=IntervalKind.DAILY),
        run_time=wall_time(7, 30),
        **changes,
    )


def start(loop: SchedulerLoop) -> threading.Thread:
    thread = threading.Thread(target=loop.run_forever, name="scheduler-test", daemon=True)
    thread.start()
    return thread


def test_interfaces_changed_wakes_the_sleeping_loop_at_once(db, repository, sample_settings):
    repository.save(daily_settings(sample_settings))
    events = Events()
    loop = SchedulerLoop(
        db,
        lambda *_: "ok",
        this_computer="KASSE-01",
        this_branch="Optik Nord",
        planner=SchedulePlanner(BERLIN),
        listener=events,
    )
    thread = start(loop)
    try:
        assert events.wait_for(lambda: events.next_runs, 5)
        time.sleep(0.1)  # let it fall asleep (up to a minute)
        repository.save(daily_settings(sample_settings, "Neu"))
        woke = time.monotonic()
        loop.interfaces_changed()
        assert events.wait_for(lambda: "Neu" in events.next_runs[-1], PROMPT)
        assert time.monotonic() - woke < PROMPT
        assert loop.wakeups == 1
    finally:
        stopped = time.monotonic()
        loop.stop()
        thread.join(5)
    assert not thread.is_alive()
    assert time.monotonic() - stopped < PROMPT  # stop() interrupts the sleep too
    assert events.started == []


@pytest.fixture
def due_now(db, repository, sample_settings):
    """Two interfaces whose 07:30 slot is due on a frozen wall clock, and a loop factory."""
    for name in ("Erste", "Zweite"):
        interface_id = repository.save(daily_settings(sample_settings, name)).id
        with db.session() as s:
            s.execute(
                update(InterfaceRow)
                .where(InterfaceRow.id == interface_id)
                .values(created_at=at(1, 6))
            )
    frozen = at(1, 7, 30).astimezone(UTC)

    def make(run, events: Events) -> SchedulerLoop:
        return SchedulerLoop(
            db,
            run,
            this_computer="KASSE-01",
            this_branch="Optik Nord",
            planner=SchedulePlanner(BERLIN),
            listener=events,
            now=lambda: frozen,  # real waits, frozen wall clock: no jump to detect
            jump_tolerance=1e9,
        )

    return make


def test_stop_with_abort_cancels_the_running_run(due_now):
    events = Events()
    entered = threading.Event()
    cancelled: list[bool] = []

    def run(name, trigger, slot, cancel: threading.Event) -> str:
        entered.set()
        cancelled.append(cancel.wait(10))
        return "skipped" if cancel.is_set() else "ok"

    loop = due_now(run, events)
    thread = start(loop)
    assert entered.wait(5)
    loop.stop(abort=True)
    thread.join(PROMPT * 4)
    assert not thread.is_alive()
    assert cancelled == [True]
    assert events.finished == [("Erste", "skipped")]  # and "Zweite" never started


def test_stop_without_abort_lets_the_run_finish_and_starts_no_other(due_now):
    events = Events()
    entered, release = threading.Event(), threading.Event()
    seen_cancel: list[bool] = []

    def run(name, trigger, slot, cancel: threading.Event) -> str:
        entered.set()
        release.wait(10)
        seen_cancel.append(cancel.is_set())
        return "ok"

    loop = due_now(run, events)
    thread = start(loop)
    assert entered.wait(5)
    loop.stop()
    time.sleep(0.2)
    assert thread.is_alive()  # still finishing its run
    release.set()
    thread.join(PROMPT * 4)
    assert not thread.is_alive()
    assert seen_cancel == [False]
    assert events.started == [("Erste", "schedule")]
    assert events.finished == [("Erste", "ok")]


# -- two computers, one database ------------------------------------------------------------


@pytest.fixture
def chain(any_db, sample_settings):
    """A chain-wide interface (no Rechner, no Filiale) on a shared database."""
    catalog = Catalog(any_db)
    catalog.add_mandant("1")
    catalog.add_mandant("2")
    catalog.add_branch("Optik Nord")
    settings = daily_settings(sample_settings, "Kette", workstation=None, branch=None)
    interface_id = InterfaceRepository(any_db).save(settings).id
    with any_db.session() as s:
        s.execute(
            update(InterfaceRow).where(InterfaceRow.id == interface_id).values(created_at=at(1, 6))
        )
    second = Database(any_db.url, upgrade=False)  # the other computer's own connections
    yield interface_id, [any_db, second]
    second.dispose()


class Overlapping:
    """A run that takes real time, so two computers' runs would overlap if both ran."""

    def __init__(self):
        self.lock = threading.Lock()
        self.calls: list[tuple[str, str, datetime | None]] = []

    def __call__(self, name, trigger, slot, cancel) -> str:
        with self.lock:
            self.calls.append((threading.current_thread().name, trigger, slot))
        time.sleep(0.3)
        return "ok"


def two_computers(databases, clock: FakeClock, run) -> list[tuple[SchedulerLoop, Events]]:
    computers = []
    for number, database in enumerate(databases, start=1):
        events = Events()
        loop = SchedulerLoop(
            database,
            run,
            this_computer=f"KASSE-0{number}",
            planner=SchedulePlanner(BERLIN),
            listener=events,
            now=clock.now,
            monotonic=clock.monotonic,
            wait=clock.wait,
        )
        computers.append((loop, events))
    return computers


def test_two_computers_serve_a_chain_wide_slot_exactly_once(chain):
    interface_id, databases = chain
    clock = FakeClock(at(1, 7))
    run = Overlapping()
    computers = two_computers(databases, clock, run)
    for loop, _ in computers:
        loop.run_pending()  # both plan the 07:30 slot
    clock.set(at(1, 7, 30))
    barrier = threading.Barrier(len(computers))

    def wake(loop: SchedulerLoop) -> None:
        barrier.wait()
        loop.run_pending()

    threads = [
        threading.Thread(target=wake, args=(loop,), name=f"KASSE-0{n}")
        for n, (loop, _) in enumerate(computers, start=1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    # The loser found the slot claimed or the lease taken (then it looks again a minute
    # later, and finds the slot served). Which of the two depends on the race: both skip.
    clock.advance(120)
    for loop, _ in computers:
        loop.run_pending()

    assert [(trigger, slot) for _, trigger, slot in run.calls] == [("schedule", at(1, 7, 30))]
    assert sum(len(events.started) for _, events in computers) == 1
    assert all(events.errors == [] for _, events in computers)
    state = ScheduleStateRepository(databases[0]).get(interface_id)
    assert state.last_slot_at == at(1, 7, 30) and state.last_status == "ok"
    for _, events in computers:  # both plan the next slot
        assert events.next_runs[-1] == {"Kette": at(2, 7, 30)}


def test_a_slot_served_by_another_computer_is_skipped_silently(chain):
    interface_id, databases = chain
    clock = FakeClock(at(1, 7))
    run = Overlapping()
    (first, first_events), (second, second_events) = two_computers(databases, clock, run)
    first.run_pending()
    second.run_pending()  # planned 07:30 from the state before the first one ran
    clock.set(at(1, 7, 30))
    first.run_pending()
    clock.advance(5)
    second.run_pending()  # re-reads the persisted last slot: served
    assert len(run.calls) == 1 and second_events.started == [] and second_events.errors == []
    assert second_events.next_runs[-1] == {"Kette": at(2, 7, 30)}
    assert first_events.finished == [("Kette", "ok")]
    assert ScheduleStateRepository(databases[1]).get(interface_id).last_slot_at == at(1, 7, 30)
