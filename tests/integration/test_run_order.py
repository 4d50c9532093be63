"""In which order a run books the files of the directory and of its date folders: oldest
first by the server's time stamp, whichever folder they lie in (a real FTP server)."""

from __future__ import annotations

import email
import email.policy
import os
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.domain.interface import ImportFormat, OpenItemGuards
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.failure_mail import FailureMailer
from desktop_app.jobs.run_import import RunStatus
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger
from desktop_app.store.ledger_models import Booking
from desktop_app.store.run_models import RunFileRow

from .payment_run import NAME, quick_runner, save_payment_interface, three_invoice_ledger

# Offene Posten of the 1 and of the 13 March: the older still lists RE-2026-0002 as open.
OLDER_LIST = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0002;59,90\r\nRE-2026-0003;238,00\r\n"
NEWER_LIST = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0003;238,00\r\n"


@pytest.fixture
def ledger(db, catalog) -> Ledger:
    return three_invoice_ledger(db)


def written(path: Path, content: bytes, *stamp: int) -> Path:
    """``content`` at ``path``, its time stamp ``stamp`` (UTC) as the server lists it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    at = datetime(*stamp, tzinfo=UTC).timestamp()
    os.utime(path, (at, at))
    return path


def open_items_interface(db, secret_store, serve_ftp, ftp_root) -> Path:
    folder = save_payment_interface(db, secret_store, serve_ftp, ftp_root)
    repository = InterfaceRepository(db)
    settings = repository.get(NAME).settings
    repository.save(
        settings.with_changes(
            import_format=ImportFormat.OPEN_ITEMS,
            # every list here settles one of three invoices: the share guard stays out of it
            open_item_guards=OpenItemGuards(max_share_percent=100),
            ftp=replace(settings.ftp, date_subdirectories=True),
            error_email="filiale@example.org",
        ),
        original_name=NAME,
    )
    return folder


def test_an_older_list_in_a_date_folder_is_booked_before_a_newer_one_in_the_directory(
    db, ledger, secret_store, serve_ftp, ftp_root, smtp_inbox
):
    folder = open_items_interface(db, secret_store, serve_ftp, ftp_root)
    written(folder / "2026" / "03" / "01" / "zahlungen_op.csv", OLDER_LIST, 2026, 3, 1, 9)
    written(folder / "zahlungen_op.csv", NEWER_LIST, 2026, 3, 13, 9)

    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    result = runner.run(NAME)

    assert result.status is RunStatus.OK, result.error_text("en")
    assert [(f.name, f.outcome, f.deleted) for f in result.files] == [
        ("IMPORT/2026/03/01/zahlungen_op.csv", "booked", True),
        ("IMPORT/zahlungen_op.csv", "booked", True),
    ]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 0  # by the list of the 1st
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0  # by the list of the 13th
    assert ledger.invoice("1", "RE-2026-0003").open_amount == 238
    assert not (folder / "2026" / "03" / "01" / "zahlungen_op.csv").exists()
    assert smtp_inbox.envelopes == []


def test_a_list_refused_as_older_stays_is_refused_by_every_run_and_mailed_once(
    db, ledger, secret_store, serve_ftp, ftp_root, smtp_inbox
):
    """A list older than the last one imported is never booked, never deleted, and every
    run refuses it again; the refusal is mailed once, later runs say so in the history."""
    folder = open_items_interface(db, secret_store, serve_ftp, ftp_root)
    written(folder / "zahlungen_op_0313.csv", NEWER_LIST, 2026, 3, 13, 9)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    assert runner.run(NAME).status is RunStatus.OK
    late = written(folder / "2026-03-01" / "zahlungen_op_0301.csv", OLDER_LIST, 2026, 3, 1, 9)

    for run in (1, 2):
        result = runner.run(NAME)
        assert result.status is RunStatus.FAILED and result.mailed is (run == 1)
        ((name, outcome, kind, deleted),) = [
            (f.name, f.outcome, f.error_kind, f.deleted) for f in result.files
        ]
        assert (name, outcome, kind, deleted) == (
            "IMPORT/2026-03-01/zahlungen_op_0301.csv",
            "refused",
            "refused",
            False,
        )
        assert "älter" in result.files[0].error
        assert ("per E-Mail gemeldet" in result.files[0].error) is (run == 2)
        assert late.exists()
        assert len(smtp_inbox.envelopes) == 1
    mail = email.message_from_bytes(smtp_inbox.envelopes[0].content, policy=email.policy.default)
    assert "zahlungen_op_0301.csv" in mail.get_content()
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0  # the newer list stands


@pytest.mark.parametrize(
    ("main_written", "dated_written", "first"),
    [
        ((2026, 3, 13, 8), (2026, 3, 12, 17), "dated"),  # the date folder's file is older
        ((2026, 3, 12, 8), (2026, 3, 12, 17), "main"),  # the directory's file is older
    ],
)
def test_payment_files_are_booked_in_the_order_they_were_written_across_folders(
    db, ledger, secret_store, serve_ftp, ftp_root, main_written, dated_written, first
):
    folder = save_payment_interface(db, secret_store, serve_ftp, ftp_root)
    repository = InterfaceRepository(db)
    settings = repository.get(NAME).settings
    repository.save(
        settings.with_changes(ftp=replace(settings.ftp, date_subdirectories=True)),
        original_name=NAME,
    )
    main = written(
        folder / "zahlungen_b.csv",
        b"Rechnungsnummer;Betrag;Zahldatum;Mandant\r\nRE-2026-0001;;20260313;1\r\n",
        *main_written,
    )
    dated = written(
        folder / "20260312" / "zahlungen_a.csv",
        b"Rechnungsnummer;Betrag;Zahldatum;Mandant\r\nRE-2026-0002;;20260312;1\r\n",
        *dated_written,
    )
    paths = {"main": "IMPORT/zahlungen_b.csv", "dated": "IMPORT/20260312/zahlungen_a.csv"}
    expected = [paths[first], *(p for key, p in paths.items() if key != first)]

    result = quick_runner(db, secret_store).run(NAME)

    assert result.status is RunStatus.OK, result.error_text("en")
    assert [f.name for f in result.files] == expected
    with db.session() as s:
        recorded = list(s.scalars(select(RunFileRow.remote_path).order_by(RunFileRow.id)))
        booked = list(s.scalars(select(Booking.invoice_id).order_by(Booking.id)))
    assert recorded == expected
    invoice_of = {"main": "RE-2026-0001", "dated": "RE-2026-0002"}
    numbers = [invoice_of[first], *(n for key, n in invoice_of.items() if key != first)]
    assert booked == [ledger.invoice("1", n).id for n in numbers]
    assert not main.exists() and not dated.exists()


def march_ledger(db) -> Ledger:
    """Open invoices of Mandant "1" of the 1st, 9th, 10th and 11th March 2026."""
    rows = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + "".join(
        f"RE-2026-03{day:02d};1;{day:02d}.03.2026;100,00\n" for day in (1, 9, 10, 11)
    )
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices(rows.encode(), file_name="l.csv"))
    return ledger


@pytest.mark.parametrize("day_folder", ["2026/03/10", "20260310", "2026-03-10"])
def test_a_list_copied_late_into_its_date_folder_is_of_the_folders_day(
    db, catalog, secret_store, serve_ftp, ftp_root, day_folder
):
    """The list of the 10th, copied into its date folder on the 12th, has the copy's time
    stamp; the invoices of the 10th and 11th it could not know stay open."""
    ledger = march_ledger(db)
    folder = open_items_interface(db, secret_store, serve_ftp, ftp_root)
    late = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0301;100,00\r\n"
    written(folder / day_folder / "zahlungen_op.csv", late, 2026, 3, 12, 12)
    # the days in UTC, at a fixed hour: the same at any hour in any zone the test runs in
    runner = quick_runner(
        db, secret_store, time_window=UTC, now=lambda: datetime(2026, 3, 14, 10, tzinfo=UTC)
    )

    result = runner.run(NAME)

    assert result.status is RunStatus.OK, result.error_text("en")
    (booked,) = result.files
    assert (booked.outcome, booked.booked, booked.file_date) == ("booked", 1, date(2026, 3, 10))
    assert booked.to_json()["file_date_source"] == "folder"
    open_amounts = {
        number: ledger.invoice("1", number).open_amount
        for number in ("RE-2026-0301", "RE-2026-0309", "RE-2026-0310", "RE-2026-0311")
    }
    assert open_amounts == {
        "RE-2026-0301": 100,  # listed as open
        "RE-2026-0309": 0,  # older than the list and missing from it: paid
        "RE-2026-0310": 100,  # of the list's own day: it could not know it yet
        "RE-2026-0311": 100,
    }


def test_a_list_copied_late_is_booked_before_the_next_days_list_not_refused_after_it(
    db, catalog, secret_store, serve_ftp, ftp_root
):
    """By the copy's time stamp the list of the 10th comes after the 11th's, and as of the
    10th it would then be refused as older: the run books by the lists' days."""
    ledger = march_ledger(db)
    folder = open_items_interface(db, secret_store, serve_ftp, ftp_root)
    of_10th = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0301;100,00\r\n"
    of_11th = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0301;100,00\r\nRE-2026-0310;100,00\r\n"
    written(folder / "2026-03-10" / "zahlungen_op.csv", of_10th, 2026, 3, 12, 12)
    written(folder / "2026-03-11" / "zahlungen_op.csv", of_11th, 2026, 3, 11, 12)
    runner = quick_runner(
        db, secret_store, time_window=UTC, now=lambda: datetime(2026, 3, 14, 10, tzinfo=UTC)
    )

    result = runner.run(NAME)

    assert result.status is RunStatus.OK, result.error_text("en")
    assert [(f.name, f.outcome, f.file_date) for f in result.files] == [
        ("IMPORT/2026-03-10/zahlungen_op.csv", "booked", date(2026, 3, 10)),
        # not refused as older: nothing left to book (the 9th's is paid already)
        ("IMPORT/2026-03-11/zahlungen_op.csv", "nothing", date(2026, 3, 11)),
    ]
    assert ledger.invoice("1", "RE-2026-0309").open_amount == 0
    assert ledger.invoice("1", "RE-2026-0310").open_amount == 100  # open by the 11th's list
    assert ledger.invoice("1", "RE-2026-0311").open_amount == 100


def test_a_list_without_a_time_stamp_is_booked_by_its_date_folders_day(
    db, catalog, secret_store, serve_ftp, ftp_root
):
    """A server that gives no time for some files (NLST, MDTM refused for them): the list
    of the 12th has none and was booked first, before the 11th's, which was then refused
    as older on every run. By their days, the 11th's comes first."""
    ledger = march_ledger(db)
    untimed = "zahlungen_op_0312.csv"

    def without_times(**options):
        return serve_ftp(mlsd=False, odd_list=True, mdtm_refused_for=frozenset({untimed}))

    folder = open_items_interface(db, secret_store, without_times, ftp_root)
    of_11th = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0301;100,00\r\nRE-2026-0310;100,00\r\n"
    of_12th = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0301;100,00\r\n"
    written(folder / "2026-03-11" / "zahlungen_op_0311.csv", of_11th, 2026, 3, 11, 12)
    written(folder / "2026-03-12" / untimed, of_12th, 2026, 3, 12, 12)
    runner = quick_runner(
        db, secret_store, time_window=UTC, now=lambda: datetime(2026, 3, 14, 10, tzinfo=UTC)
    )

    result = runner.run(NAME)

    assert result.status is RunStatus.OK, result.error_text("en")
    assert [(f.name, f.outcome, f.file_date) for f in result.files] == [
        ("IMPORT/2026-03-11/zahlungen_op_0311.csv", "booked", date(2026, 3, 11)),
        ("IMPORT/2026-03-12/zahlungen_op_0312.csv", "booked", date(2026, 3, 12)),
    ]
    sources = [(f["file_date"], f["file_date_source"]) for f in result.to_json()["files"]]
    assert sources == [("2026-03-11", "timestamp"), ("2026-03-12", "folder")]
    assert ledger.invoice("1", "RE-2026-0309").open_amount == 0  # by the 11th's list
    assert ledger.invoice("1", "RE-2026-0310").open_amount == 0  # by the 12th's list
    assert ledger.invoice("1", "RE-2026-0311").open_amount == 0
    assert ledger.invoice("1", "RE-2026-0301").open_amount == 100  # open by both


def test_a_list_refused_as_older_by_its_date_folders_day_says_so(
    db, catalog, secret_store, serve_ftp, ftp_root
):
    """A list copied on the 14th into the folder of the 10th, after the 13th's was read:
    the refusal names the folder as the source of its day, so nobody hunts for a date
    in the file."""
    march_ledger(db)
    folder = open_items_interface(db, secret_store, serve_ftp, ftp_root)
    listing = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0301;100,00\r\n"
    written(folder / "zahlungen_op_0313.csv", listing, 2026, 3, 13, 9)
    runner = quick_runner(
        db, secret_store, time_window=UTC, now=lambda: datetime(2026, 3, 14, 10, tzinfo=UTC)
    )
    first = runner.run(NAME)
    assert first.status is RunStatus.OK, first.error_text("en")
    assert first.to_json()["files"][0]["file_date_source"] == "timestamp"
    of_10th = listing + b"RE-2026-0309;100,00\r\n"
    written(folder / "2026-03-10" / "zahlungen_op_0310.csv", of_10th, 2026, 3, 14, 8)

    result = runner.run(NAME)

    (refused,) = result.files
    assert (refused.outcome, refused.file_date) == ("refused", date(2026, 3, 10))
    assert refused.error_text("de").startswith(
        "Die Datei vom 10.03.2026 (laut Datums-Unterverzeichnis) ist älter als die zuletzt "
        "eingelesene vom 13.03.2026."
    )
    assert refused.error_text("en").startswith(
        "The file of 10/03/2026 (by its date folder) is older than the one read last, "
        "of 13/03/2026."
    )
    assert result.to_json("en")["files"][0]["file_date_source"] == "folder"
