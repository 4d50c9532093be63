"""The last run of every interface: the runs table and the schedule state, merged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from desktop_app.store.last_runs import LastRun, last_runs
from desktop_app.store.run_models import RunRow
from desktop_app.store.schedule_state import ScheduleStateRepository

T0 = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)


def add_run(db, interface_id: int, at: datetime, status: str, **changes) -> None:
    values = {
        "interface_id": interface_id,
        "trigger": "schedule",
        "host": "KASSE-01",
        "started_at": at - timedelta(seconds=5),
        "finished_at": at,
        "status": status,
        "dry_run": False,
        "files": 1,
        "rows": 1,
        "booked_count": 0,
        "booked_amount": Decimal("0.00"),
        "error_kind": "",
        "error": "",
        "mailed": False,
        **changes,
    }
    with db.session() as s:
        s.add(RunRow(**values))


def test_the_newest_finished_real_run_with_its_error(db, repository, sample_settings):
    a = repository.save(sample_settings).id
    b = repository.save(sample_settings.with_changes(name="Nie gelaufen")).id
    add_run(db, a, T0, "ok")
    add_run(db, a, T0 + timedelta(hours=1), "failed", error="Zeile 2: kein Betrag")
    add_run(db, a, T0 + timedelta(hours=2), "ok", dry_run=True)  # a dry run changes nothing
    add_run(db, a, T0 + timedelta(hours=3), "running", finished_at=None)  # still going
    runs = last_runs(db)
    assert runs == {a: LastRun(T0 + timedelta(hours=1), "failed", "Zeile 2: kein Betrag")}
    assert b not in runs


def test_a_skip_only_the_schedule_knows_is_newer_than_the_last_run(db, repository, sample_settings):
    interface_id = repository.save(sample_settings).id
    add_run(db, interface_id, T0, "failed", error="Server antwortet nicht")
    states = ScheduleStateRepository(db)
    # The same run, recorded a moment after its row: the row (with its error) stays.
    states.record_slot_finished(interface_id, None, "failed", T0 + timedelta(seconds=1))
    assert last_runs(db)[interface_id].error == "Server antwortet nicht"
    # Next slot: it ran on another computer, so this one skipped it (no run row).
    states.record_slot_finished(interface_id, None, "skipped", T0 + timedelta(hours=1))
    assert last_runs(db)[interface_id] == LastRun(T0 + timedelta(hours=1), "skipped")
