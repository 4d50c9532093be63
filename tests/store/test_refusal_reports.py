"""Which earlier failure report told of a refused content: the last one to the address (in
any case) that named it, and only when it named the same checks and share limit, and not
once a run found the content gone (``RunRecorder.refusal_report``), looked up through an
index, and what 0017 and 0019 make of the reports sent before them."""

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


def mailed_refusal(
    db, interface_id: int, checks: str, mailed_to: str, limit: int | None = None, at=AT
) -> int:
    with db.session() as s:
        run = RunRow(
            interface_id=interface_id, trigger="schedule", host="KASSE-01", started_at=at,
            finished_at=at, status="failed", dry_run=False, files=1, rows=1, booked_count=0,
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
                refused_share_limit=20 if "share" in checks and limit is None else limit,
            )
        )  # fmt: skip
        return run.id


def test_a_report_tells_of_the_same_checks_to_the_same_address_only(
    db, repository, sample_settings
):
    interface_id = repository.save(sample_settings).id
    mailed_refusal(db, interface_id, "older,share", ADDRESS)
    mailed_refusal(db, interface_id, "older", ADDRESS)

    def reported(sha, checks, address, limit=None):
        report = RunRecorder(db).refusal_report(
            interface_id, sha, "refused", checks, address, limit
        )
        return report.reported_on

    # The last report named "older" alone: that is what the recipient knows now.
    assert reported(SHA, ("older",), ADDRESS) == AT
    assert reported(SHA, ("share", "older"), ADDRESS, 20) is None
    assert reported(SHA, ("share",), ADDRESS, 20) is None
    assert reported(SHA, ("older", "share"), "neu@example.org", 20) is None
    assert reported("b" * 64, ("older", "share"), ADDRESS, 20) is None
    # The same mailbox however its address is spelled; it stays kept as typed.
    assert reported(SHA, ("older",), " Filiale@Example.ORG ") == AT


def test_only_the_last_report_tells_which_checks_refused_it(db, repository, sample_settings):
    """Refused by the age and the share, then (the age check off) by the share alone, then
    by both again: the last report named the share alone, so both are news again."""
    interface_id = repository.save(sample_settings).id
    mailed_refusal(db, interface_id, "older,share", ADDRESS)
    by_share = datetime(2026, 3, 16, 6, tzinfo=UTC)
    mailed_refusal(db, interface_id, "share", ADDRESS, at=by_share)
    report = RunRecorder(db).refusal_report

    both = report(interface_id, SHA, "refused", ("older", "share"), ADDRESS, 20)
    assert (both.reported_on, both.previous_on, both.earlier_limit) == (None, None, None)
    assert report(interface_id, SHA, "refused", ("share",), ADDRESS, 20).reported_on == by_share
    # A report to another address tells this one nothing, not even which was its last.
    mailed_refusal(db, interface_id, "older,share", "neu@example.org")
    assert report(interface_id, SHA, "refused", ("share",), ADDRESS, 20).reported_on == by_share
    # Once mailed for both again, that is what the recipient knows.
    again = datetime(2026, 3, 17, 6, tzinfo=UTC)
    mailed_refusal(db, interface_id, "older,share", ADDRESS, at=again)
    assert report(interface_id, SHA, "refused", ("older", "share"), ADDRESS, 20).reported_on == (
        again
    )
    assert report(interface_id, SHA, "refused", ("share",), ADDRESS, 20).reported_on is None


def test_a_report_of_the_content_under_two_names_tells_both_refusals(
    db, repository, sample_settings
):
    """One run met the same content twice (two names, two days): refused by the share, and
    by the age and the share. Its report told both."""
    interface_id = repository.save(sample_settings).id
    run_id = mailed_refusal(db, interface_id, "share", ADDRESS)
    with db.session() as s:
        s.add(
            RunFileRow(
                run_id=run_id, remote_path="IMPORT/op_alt.csv", size=10, sha256=SHA,
                state="kept", outcome="refused", error_kind="refused",
                refused_checks="older,share", refused_share_limit=20,
            )
        )  # fmt: skip
    report = RunRecorder(db).refusal_report

    for checks in (("share",), ("older", "share")):
        assert report(interface_id, SHA, "refused", checks, ADDRESS, 20).reported_on == AT
    assert report(interface_id, SHA, "refused", ("older",), ADDRESS).reported_on is None


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
        reported = RunRecorder(upgraded).refusal_report
        assert reported(interface_id, SHA, "refused", ("share",), ADDRESS).reported_on is None
        with upgraded.engine.connect() as conn:
            kept = conn.execute(sa.select(RunFileRow.refused_checks, RunRow.mailed_to).join(
                RunRow, RunRow.id == RunFileRow.run_id)).all()  # fmt: skip
        assert [tuple(row) for row in kept] == [("", "")]
    finally:
        upgraded.dispose()


def later_run(db, interface_id: int, read_every_file: bool, *shas: str) -> None:
    """A run after the report that met the contents ``shas``."""
    at = datetime(2026, 3, 15, 6, tzinfo=UTC)
    with db.session() as s:
        run = RunRow(
            interface_id=interface_id, trigger="schedule", host="KASSE-01", started_at=at,
            finished_at=at, status="ok", dry_run=False, files=len(shas), rows=0,
            booked_count=0, booked_amount=Decimal("0.00"), error_kind="", error="",
            mailed=False, read_every_file=read_every_file,
        )  # fmt: skip
        s.add(run)
        s.flush()
        for sha in shas:
            s.add(
                RunFileRow(run_id=run.id, remote_path="IMPORT/x.csv", sha256=sha, state="deleted")
            )


def test_a_report_at_another_share_limit_does_not_tell_this_refusal(
    db, repository, sample_settings
):
    interface_id = repository.save(sample_settings).id
    mailed_refusal(db, interface_id, "share", ADDRESS, limit=20)
    report = RunRecorder(db).refusal_report

    raised = report(interface_id, SHA, "refused", ("share",), ADDRESS, 30)
    assert (raised.reported_on, raised.previous_on, raised.earlier_limit) == (None, AT, 20)
    assert report(interface_id, SHA, "refused", ("share",), ADDRESS, 20).reported_on == AT


def test_only_the_last_report_tells_which_limit_was_mailed(db, repository, sample_settings):
    """Refused at 20 %, then at 30 %, then the limit is set back to 20 %: the last report
    named 30 %, so 20 % is news again, though a report long before named it."""
    interface_id = repository.save(sample_settings).id
    mailed_refusal(db, interface_id, "share", ADDRESS, limit=20)
    at_30 = datetime(2026, 3, 16, 6, tzinfo=UTC)
    mailed_refusal(db, interface_id, "share", ADDRESS, limit=30, at=at_30)
    report = RunRecorder(db).refusal_report

    back = report(interface_id, SHA, "refused", ("share",), ADDRESS, 20)
    assert (back.reported_on, back.previous_on, back.earlier_limit) == (None, at_30, 30)
    assert report(interface_id, SHA, "refused", ("share",), ADDRESS, 30).reported_on == at_30
    # Once mailed at 20 % again, that is what the recipient knows.
    at_20 = datetime(2026, 3, 17, 6, tzinfo=UTC)
    mailed_refusal(db, interface_id, "share", ADDRESS, limit=20, at=at_20)
    assert report(interface_id, SHA, "refused", ("share",), ADDRESS, 20).reported_on == at_20
    assert report(interface_id, SHA, "refused", ("share",), ADDRESS, 30).earlier_limit == 20


def test_a_content_gone_for_a_run_that_read_every_file_is_news_when_back(
    db, repository, sample_settings
):
    interface_id = repository.save(sample_settings).id
    mailed_refusal(db, interface_id, "older", ADDRESS)

    def report():
        return RunRecorder(db).refusal_report(interface_id, SHA, "refused", ("older",), ADDRESS)

    # Runs that met it, or did not read everything (cut off, a file still being written),
    # tell nothing of its absence.
    later_run(db, interface_id, True, SHA, "b" * 64)
    later_run(db, interface_id, False)
    assert report().reported_on == AT
    later_run(db, interface_id, True, "b" * 64)  # the folder without it
    back = report()
    assert back.reported_on is None
    assert (back.previous_on, back.gone_on) == (AT, datetime(2026, 3, 15, 6, tzinfo=UTC))
    # Reported again after it came back: not news any more.
    mailed_refusal(db, interface_id, "older", ADDRESS)
    assert report().reported_on == AT


def test_reports_before_0019_name_no_share_limit_and_runs_no_complete_reading(
    old_url, sample_settings
):
    """A list refused by the share and waiting at the upgrade is mailed once more (its
    report kept no limit); no run before tells a content gone."""
    old = Database(old_url, upgrade=False)
    old.upgrade("0018")
    catalog = Catalog(old)
    catalog.add_mandant("1", datev_berater=12345, datev_mandant=1)
    catalog.add_mandant("2")
    catalog.add_branch("Hörakustik Mitte")
    catalog.add_branch("Optik Nord")
    interface_id = InterfaceRepository(old).save(sample_settings).id
    with old.engine.begin() as conn:
        run_id = conn.scalar(
            sa.text(
                "INSERT INTO runs (interface_id, trigger, host, started_at, status, dry_run, "
                "files, rows, booked_count, booked_amount, error_kind, error, mailed, error_en, "
                "mailed_to) VALUES (:i, 'schedule', 'K', :at, 'failed', :no, 1, 1, 0, 0, "
                "'refused', '', :yes, '', :to) RETURNING id"
            ),
            {"i": interface_id, "at": AT, "yes": True, "no": False, "to": ADDRESS},
        )
        conn.execute(
            sa.text(
                "INSERT INTO run_files (run_id, remote_path, sha256, state, outcome, rows, "
                "booked_count, booked_amount, deleted, skipped, error_kind, error, "
                "duration_ms, error_en, refused_checks) VALUES (:r, 'op.csv', :sha, 'kept', "
                "'refused', 1, 0, 0, :no, '', 'refused', '', 0, '', 'share')"
            ),
            {"r": run_id, "sha": SHA, "no": False},
        )
    old.dispose()

    upgraded = Database(old_url)
    try:
        report = RunRecorder(upgraded).refusal_report
        told = report(interface_id, SHA, "refused", ("share",), ADDRESS, 20)
        assert (told.reported_on, told.earlier_limit) == (None, None)
        with upgraded.engine.connect() as conn:
            kept = conn.execute(sa.select(RunFileRow.refused_share_limit, RunRow.read_every_file)
                .join(RunRow, RunRow.id == RunFileRow.run_id)).all()  # fmt: skip
        assert [tuple(row) for row in kept] == [(None, False)]
    finally:
        upgraded.dispose()
