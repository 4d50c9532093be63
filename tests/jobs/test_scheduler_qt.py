"""The scheduler's QThread worker: signals reach the GUI thread, and it stops cleanly."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from desktop_app.jobs.scheduler import SchedulePlanner
from desktop_app.jobs.scheduler_thread import SchedulerThread
from tests.jobs.test_scheduler import BERLIN, at, save, served
from tests.jobs.test_scheduler_threads import daily_settings


def test_worker_thread_emits_next_runs_and_run_finished_and_stops(
    qtbot, db, repository, sample_settings
):
    interface_id = save(repository, daily_settings(sample_settings))
    served(db, interface_id, at(1, 7, 30))
    frozen = at(2, 10).astimezone(UTC)  # yesterday's slot served, today's 07:30 missed
    run_threads: list[threading.Thread] = []
    next_runs: list[dict[str, datetime | None]] = []
    receiver_threads: set[threading.Thread] = set()

    def run(name, trigger, slot, cancel) -> str:
        run_threads.append(threading.current_thread())
        return "ok"

    def on_next_runs(payload: dict[str, datetime | None]) -> None:
        receiver_threads.add(threading.current_thread())
        next_runs.append(payload)

    scheduler = SchedulerThread(
        db,
        run,
        this_computer="KASSE-01",
        this_branch="Optik Nord",
        planner=SchedulePlanner(BERLIN),
        now=lambda: frozen,
        jump_tolerance=1e9,  # the wall clock is frozen on purpose
    )
    scheduler.next_runs_changed.connect(on_next_runs)
    try:
        with qtbot.waitSignal(scheduler.run_finished, timeout=5000) as finished:
            scheduler.start()
        assert finished.args == ["Täglich", "ok"]
        qtbot.waitUntil(lambda: next_runs and next_runs[-1] == {"Täglich": at(3, 7, 30)})
        assert next_runs[0] == {"Täglich": at(2, 10)}  # the catch-up, due at once
        assert next_runs[-1]["Täglich"].tzinfo is not None  # Qt did not convert it
        assert run_threads and run_threads[0] is not threading.main_thread()
        assert receiver_threads == {threading.main_thread()}  # queued to the GUI thread

        save(repository, daily_settings(sample_settings, "Neu"), created=at(2, 9))
        with qtbot.waitSignal(scheduler.next_runs_changed, timeout=1000) as changed:
            scheduler.interfaces_changed()
        assert changed.args[0] == {"Täglich": at(3, 7, 30), "Neu": at(3, 7, 30)}
    finally:
        began = time.monotonic()
        assert scheduler.stop(timeout_ms=5000)
    assert time.monotonic() - began < 1.0  # it was asleep for up to a minute
    assert not scheduler.is_running()
    assert len(run_threads) == 1
