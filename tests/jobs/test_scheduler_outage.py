"""A run's result that the database did not take as the run ended (a network or server
outage just then) is recorded on a later pass: a failed run still gets its retry."""

# The fixture imported from test_scheduler is the tests' parameter by design.
# ruff: noqa: F811

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from desktop_app.store.schedule_state import ScheduleStateRepository

from .test_scheduler import FakeClock, Runs, at, daily, make_loop, save  # noqa: F401


def database_refuses_results(db) -> None:
    """While ``outage`` has a row, writing a run's final status fails inside the database
    (SQLite trigger), as a lost connection would make it fail: no patched code."""
    with db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE outage (x INTEGER)"))
        connection.execute(text("INSERT INTO outage VALUES (1)"))
        connection.execute(
            text(
                "CREATE TRIGGER refuse_results BEFORE UPDATE ON schedule_state "
                "WHEN NEW.last_status IN ('ok', 'failed') AND EXISTS (SELECT 1 FROM outage) "
                "BEGIN SELECT RAISE(ABORT, 'the database went away'); END"
            )
        )


def test_a_failure_recorded_after_an_outage_still_gets_its_retry(db, repository, daily):
    interface_id = save(repository, daily)
    database_refuses_results(db)
    clock = FakeClock(at(1, 7, 0))
    runs = Runs(clock, statuses=["failed", "ok"], duration=timedelta(minutes=2))
    loop, _recorder = make_loop(db, clock, runs, error_delay=60.0)
    while not runs.calls:
        loop.step()
    assert ScheduleStateRepository(db).get(interface_id).last_status == "running"
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM outage"))  # the database is back
    while clock.now() < at(1, 12) and len(runs.calls) < 2:
        loop.step()
    assert [trigger for _name, trigger, _slot in runs.calls] == ["schedule", "retry"]
    state = ScheduleStateRepository(db).get(interface_id)
    assert (state.last_status, state.consecutive_failures) == ("ok", 0)
