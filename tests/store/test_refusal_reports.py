"""Which earlier failure report told of a refused content: the same checks and the same
address only (``RunRecorder.refusal_reported``), looked up through an index, and what
0017 makes of the reports sent before it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa

from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.run_models import RunFileRow, RunRow
from desktop_app.store.run_records import RunRecorder

SHA = "a" * 64
AT = datetime(2026, 3, 14, 6, tzinfo=UTC)
ADDRESS = "filiale@example.org"


def mailed_refusal(db, interface_id: int, checks: str, mailed_to: str) -> None:
    with db.session() as s:
        run = RunRow(
            interface_id=interface_id, trigger="schedule", host="KASSE-01", started_at=AT,
            finished_at=AT, status="failed", dry_run=False, files=1, rows=1, booked_count=0,
            booked_amount=Decimal("0.00"), error_kind="refused", error="", mailed=True,
            mailed_to=mailed_to,
        )  # fmt: skip
        s.add(run)
        s.flush()
        s.add(
            RunFileRow(
                run_id=run.id, remote_path="IMPORT/op.csv", size=10, sha256=SHA,
                state="kept", outcome="refused", error_kind="refused",
                refused_checks=checks,
            )
        )  # fmt: skip


def test_a_report_tells_of_the_same_checks_to_the_same_address_only(
    db, repository, sample_settings
):
    interface_id = repository.save(sample_settings).id
    mailed_refusal(db, interface_id, "older,share", ADDRESS)
    reported = RunRecorder(db).refusal_reported
    assert reported(interface_id, SHA, "refused", ("share", "older"), ADDRESS) == AT
    assert reported(interface_id, SHA, "refused", ("share",), ADDRESS) is None
    assert reported(interface_id, SHA, "refused", ("older", "share"), "neu@example.org") is None
    assert reported(interface_id, "b" * 64, "refused", ("older", "share"), ADDRESS) is None


def test_a_refused_content_is_looked_up_by_an_index(db):
    indexes = sa.inspect(db.engine).get_indexes("run_files")
    assert ["sha256"] in [index["column_names"] for index in indexes]


@pytest.fixture(params=["sqlite", "postgres"])
def old_url(request, data_dir) -> str:
    if request.param == "sqlite":
        return sqlite_url(data_dir / "old.sqlite3")
    return request.getfixturevalue("pg_url")


def test_a_report_sent_before_0017_tells_nothing_of_its_checks_or_address(old_url, sample_settings):
    """Its checks and address were not kept: the list is mailed once more, rather than
    never to an address that has not heard of it."""
    old = Database(old_url, upgrade=False)
    old.upgrade("0016")
    catalog = Catalog(old)
    catalog.add_mandant("1", datev_berater=12345, datev_mandant=1)
    catalog.add_mandant("2")
    catalog.add_branch("Hörakustik Mitte")
    catalog.add_branch("Optik Nord")
    interface_id = InterfaceRepository(old).save(sample_settings).id  # 0017 leaves it be
    with old.engine.begin() as conn:
        run_id = conn.scalar(
            sa.text(
                "INSERT INTO runs (interface_id, trigger, host, started_at, status, dry_run, "
                "files, rows, booked_count, booked_amount, error_kind, error, mailed, error_en) "
                "VALUES (:i, 'schedule', 'K', :at, 'failed', :no, 1, 1, 0, 0, 'refused', '', "
                ":yes, '') RETURNING id"
            ),
            {"i": interface_id, "at": AT, "yes": True, "no": False},
        )
        conn.execute(
            sa.text(
                "INSERT INTO run_files (run_id, remote_path, sha256, state, outcome, rows, "
                "booked_count, booked_amount, deleted, skipped, error_kind, error, "
                "duration_ms, error_en) VALUES (:r, 'op.csv', :sha, 'kept', 'refused', 1, 0, "
                "0, :no, '', 'refused', '', 0, '')"
            ),
            {"r": run_id, "sha": SHA, "no": False},
        )
    old.dispose()

    upgraded = Database(old_url)
    try:
        reported = RunRecorder(upgraded).refusal_reported
        assert reported(interface_id, SHA, "refused", ("share",), ADDRESS) is None
        with upgraded.engine.connect() as conn:
            kept = conn.execute(sa.select(RunFileRow.refused_checks, RunRow.mailed_to).join(
                RunRow, RunRow.id == RunFileRow.run_id)).all()  # fmt: skip
        assert [tuple(row) for row in kept] == [("", "")]
    finally:
        upgraded.dispose()
