"""A whole run against a real FTP server (pyftpdlib), keyring and SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy
import os
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop_app.domain.interface import ImportFormat
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.failure_mail import FailureMailer
from desktop_app.jobs.run_import import ImportRunner, RunStatus
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.run_models import RunFileRow, RunRow

from .conftest import PASSWORD
from .payment_run import quick_runner, save_payment_interface, three_invoice_ledger

GOOD = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "RE-2026-0001;;20260313;1\r\n"
    "RE-2026-0002;59,90;20260313;1\r\n"
).encode("cp1252")
BAD = b"Rechnungsnummer;Betrag\r\nRE-2026-0003;zwei Euro\r\n"


@pytest.fixture
def ledger(db, catalog):
    return three_invoice_ledger(db)


@pytest.fixture
def interface(db, catalog, secret_store, serve_ftp, ftp_root):
    return save_payment_interface(
        db, secret_store, serve_ftp, ftp_root, error_email="filiale@example.org"
    )


def runner(db, secret_store) -> ImportRunner:
    return quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))


def test_booked_files_are_deleted_failing_ones_kept_recorded_and_mailed(
    db, ledger, interface, smtp_inbox, secret_store
):
    (interface / "Zahlungen_0313.csv").write_bytes(GOOD)
    (interface / "Zahlungen_kaputt.csv").write_bytes(BAD)
    (interface / "Anderes.csv").write_bytes(GOOD)  # not matching the Dateiname filter

    result = runner(db, secret_store).run("Zahlungen")

    assert result.status is RunStatus.FAILED
    by_name = {f.name: f for f in result.files}
    assert by_name["IMPORT/Zahlungen_0313.csv"].outcome == "booked"
    assert by_name["IMPORT/Zahlungen_0313.csv"].deleted
    assert by_name["IMPORT/Zahlungen_kaputt.csv"].outcome == "failed"
    assert not by_name["IMPORT/Zahlungen_kaputt.csv"].deleted
    assert sorted(p.name for p in interface.iterdir()) == ["Anderes.csv", "Zahlungen_kaputt.csv"]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 0
    assert ledger.invoice("1", "RE-2026-0003").open_amount == Decimal("238.00")

    with db.session() as s:
        run = s.scalar(select(RunRow))
        files = {f.remote_path: f for f in s.scalars(select(RunFileRow))}
    assert run.status == "failed" and "Zahlungen_kaputt.csv" in run.error and run.mailed
    assert files["IMPORT/Zahlungen_kaputt.csv"].state == "kept"
    assert files["IMPORT/Zahlungen_kaputt.csv"].error_line == 2
    assert files["IMPORT/Zahlungen_0313.csv"].state == "deleted"

    assert len(smtp_inbox.envelopes) == 1
    mail = email.message_from_bytes(smtp_inbox.envelopes[0].content, policy=email.policy.default)
    body = mail.get_content()
    assert "Zahlungen" in mail["Subject"]
    assert "Zahlungen_kaputt.csv" in body and "Zeile 2" in body
    assert PASSWORD not in body


def test_after_the_fault_is_repaired_the_rest_books_exactly_once(
    db, ledger, interface, smtp_inbox, secret_store
):
    (interface / "Zahlungen_kaputt.csv").write_bytes(BAD)
    assert runner(db, secret_store).run("Zahlungen").status is RunStatus.FAILED
    (interface / "Zahlungen_kaputt.csv").write_bytes(
        b"Rechnungsnummer;Betrag\r\nRE-2026-0003;200,00\r\n"
    )
    second = runner(db, secret_store).run("Zahlungen")
    third = runner(db, secret_store).run("Zahlungen")
    assert second.status is RunStatus.OK and second.files[0].booked == 1
    assert third.status is RunStatus.OK and third.files == []
    assert ledger.invoice("1", "RE-2026-0003").open_amount == Decimal("38.00")
    assert list(interface.iterdir()) == []


def test_crash_between_commit_and_delete_only_deletes_next_time(
    db, ledger, interface, secret_store
):
    (interface / "Zahlungen_0313.csv").write_bytes(GOOD)

    first = runner(db, secret_store)
    original = first.client_factory

    def no_delete(*args, **kwargs):
        client = original(*args, **kwargs)
        client.delete = lambda path: (_ for _ in ()).throw(SystemExit("killed before delete"))
        return client

    first.client_factory = no_delete
    with pytest.raises(SystemExit):
        first.run("Zahlungen")
    assert (interface / "Zahlungen_0313.csv").exists()
    booked_once = ledger.invoice("1", "RE-2026-0002").open_amount
    assert booked_once == 0

    second = runner(db, secret_store).run("Zahlungen")
    assert second.status is RunStatus.OK
    assert [(f.outcome, f.deleted, f.booked) for f in second.files] == [("duplicate", True, 0)]
    assert not (interface / "Zahlungen_0313.csv").exists()
    assert len(ledger.bookings_of(ledger.invoice("1", "RE-2026-0002").id)) == 1


def test_wrong_password_fails_the_run_with_its_message(db, ledger, interface, secret_store):
    from desktop_app.store.secrets import ftp_key

    stored = InterfaceRepository(db).get("Zahlungen")
    secret_store.set(ftp_key(stored.uid), "falsch")
    (interface / "Zahlungen_0313.csv").write_bytes(GOOD)
    result = runner(db, secret_store).run("Zahlungen")
    assert result.status is RunStatus.FAILED and result.error_kind == "LoginFailed"
    assert "Passwort" in result.error
    assert (interface / "Zahlungen_0313.csv").exists()


def test_cli_run_and_history(tmp_path, serve_ftp, ftp_root, secret_service_backend):
    """`desktop-app run NAME --json` and `history NAME --json` as a script would call them."""
    import json

    from tests.cli.test_interfaces_cli import run_cli
    from tests.conftest import need

    from .cli_interface import import_cli_interface

    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    server = serve_ftp()
    (ftp_root / "IMPORT").mkdir()
    (ftp_root / "IMPORT" / "Zahlungen_0313.csv").write_bytes(GOOD)
    (ftp_root / "IMPORT" / "Zahlungen_kaputt.csv").write_bytes(BAD)
    noon = datetime(2026, 3, 13, 12).timestamp()  # local noon: that day in every zone
    os.utime(ftp_root / "IMPORT" / "Zahlungen_0313.csv", (noon, noon))
    data = tmp_path / "cli"
    ledger_csv = tmp_path / "ledger.csv"
    ledger_csv.write_text(
        "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nRE-2026-0001;1;01.02.2026;119,00\n"
        "RE-2026-0002;1;02.02.2026;59,90\n",
        encoding="utf-8",
    )
    assert run_cli(data, "invoices", "import", str(ledger_csv)).returncode == 0
    import_cli_interface(data, tmp_path, server)
    try:
        # --force: at any hour (outside 06:00-22:00 a run needs it).
        dry = run_cli(data, "run", "CLI-Lauf", "--dry-run", "--json", "--force")
        assert sorted(p.name for p in (ftp_root / "IMPORT").iterdir()) == [
            "Zahlungen_0313.csv",
            "Zahlungen_kaputt.csv",
        ]
        assert json.loads(dry.stdout)["status"] == "failed"

        result = run_cli(data, "--lang", "de", "run", "CLI-Lauf", "--json", "--force")
        summary = json.loads(result.stdout)
        assert result.returncode != 0 and summary["status"] == "failed"
        files = {f["name"]: f for f in summary["files"]}
        assert files["IMPORT/Zahlungen_0313.csv"] == {
            "name": "IMPORT/Zahlungen_0313.csv",
            "outcome": "booked",
            "booked": 2,
            "booked_amount": "178.90",
            "deleted": True,
            "error": None,
            "cases": [],  # every row booked: no Klärungsfall
            "file_date": "2026-03-13",  # the day it was written on the server
            "file_date_source": "timestamp",
        }
        assert files["IMPORT/Zahlungen_kaputt.csv"]["outcome"] == "failed"
        assert not files["IMPORT/Zahlungen_kaputt.csv"]["deleted"]
        assert "Zeile 2" in files["IMPORT/Zahlungen_kaputt.csv"]["error"]

        history = json.loads(run_cli(data, "history", "CLI-Lauf", "--json").stdout)
        english = json.loads(run_cli(data, "--lang", "en", "history", "CLI-Lauf", "--json").stdout)
        broken_en = {f["name"]: f for f in english[0]["files"]}["IMPORT/Zahlungen_kaputt.csv"]
        assert "line 2" in broken_en["error"].lower() and "Zeile" not in broken_en["error"]
        assert [r["status"] for r in history] == ["failed", "failed"]
        assert [r["dry_run"] for r in history] == [False, True]
        assert history[0]["booked"] == 2 and len(history[0]["files"]) == 2
        assert PASSWORD not in result.stdout + result.stderr + json.dumps(history)
    finally:
        run_cli(data, "interfaces", "delete", "CLI-Lauf")


def test_a_run_applies_the_interfaces_own_checks(db, ledger, interface, secret_store):
    """The interface's own Offene-Posten checks reach the engine: its share limit (here
    100 %) lets a list settle what the chain's 20 % would refuse."""
    from desktop_app.domain.interface import OpenItemGuards

    repository = InterfaceRepository(db)
    stored = repository.get("Zahlungen")
    repository.save(
        stored.settings.with_changes(
            import_format=ImportFormat.OPEN_ITEMS,
            open_item_guards=OpenItemGuards(max_share_percent=100),
        ),
        original_name="Zahlungen",
    )
    # Only RE-2026-0003 is still open according to the list: 2 of 3 invoices settle.
    (interface / "zahlungen_op.csv").write_bytes(
        b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0003;238,00\r\n"
    )
    result = runner(db, secret_store).run("Zahlungen", trigger="test")
    assert result.status is RunStatus.OK, result.error
    assert [f.booked for f in result.files] == [2]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 0


class _Killed(BaseException):
    """Stands for a kill: nothing in the run catches it, its record stays "running"."""


def test_an_interrupted_run_shows_what_its_committed_files_booked(
    db, ledger, interface, secret_store
):
    import dataclasses

    from desktop_app.store.history import run_history

    invoices = "".join(f"RE-2026-{i:04d};1;01.02.2026;10,00\n" for i in range(10, 16))
    ledger.import_invoices(
        read_invoices(
            ("Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + invoices).encode(),
            file_name="l.csv",
        )
    )
    for i in range(10, 16):
        (interface / f"Zahlungen_{i}.csv").write_bytes(
            f"Rechnungsnummer;Betrag\r\nRE-2026-{i:04d};10,00\r\n".encode()
        )

    def kill_at_the_fifth_file(step) -> None:
        if step.step == "download" and step.file_index == 5:
            raise _Killed

    killed = dataclasses.replace(runner(db, secret_store), on_progress=kill_at_the_fifth_file)
    with pytest.raises(_Killed):
        killed.run("Zahlungen")
    interface_id = InterfaceRepository(db).get("Zahlungen").id
    assert [r.status for r in run_history(db, interface_id)] == ["running"]

    runner(db, secret_store).run("Zahlungen")  # the next run closes the cut-off one

    interrupted = run_history(db, interface_id)[1]
    assert interrupted.status == "interrupted"
    assert (interrupted.booked_count, interrupted.booked_amount) == (4, Decimal("40.00"))
    assert [f.state for f in interrupted.files] == ["deleted"] * 4
    assert sum(f.booked_count for f in interrupted.files) == 4
    latest = run_history(db, interface_id)[0]
    assert (latest.status, latest.booked_count, latest.booked_amount) == (
        "ok",
        2,
        Decimal("20.00"),
    )


def test_a_files_date_is_the_day_its_time_stamp_falls_on_here(db, ledger, interface, secret_store):
    import os
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    from desktop_app.store.ledger_models import ImportFile

    path = interface / "Zahlungen_0313.csv"
    path.write_bytes(GOOD)
    written = datetime(2026, 3, 12, 23, 30, tzinfo=UTC).timestamp()  # 00:30 in Berlin
    os.utime(path, (written, written))
    berlin = quick_runner(db, secret_store, time_window=ZoneInfo("Europe/Berlin"))
    result = berlin.run("Zahlungen", force=True)
    assert result.status is RunStatus.OK
    assert [f["file_date"] for f in result.to_json()["files"]] == ["2026-03-13"]
    with db.session() as s:
        assert s.scalar(select(ImportFile.file_date)) == date(2026, 3, 13)


def test_a_file_written_again_while_it_was_booked_stays_for_the_next_run(
    db, ledger, interface, secret_store
):
    first = b"Rechnungsnummer;Betrag;Zahldatum;Mandant\r\nRE-2026-0001;;20260313;1\r\n"
    second = first.replace(b"RE-2026-0001", b"RE-2026-0002")  # the same size
    path = interface / "Zahlungen.csv"
    path.write_bytes(first)
    runner = quick_runner(db, secret_store)
    settle = runner.engine.run

    def settle_while_the_next_list_arrives(*args, **kwargs):
        # The tax advisor's system writes the next list under the same name while the
        # first is booked: the real engine books, the FTP server gets the new content.
        done = settle(*args, **kwargs)
        path.write_bytes(second)
        return done

    runner.engine.run = settle_while_the_next_list_arrives
    result = runner.run("Zahlungen")
    (file,) = result.files
    assert (file.outcome, file.deleted, file.error_kind) == (
        "booked",
        False,
        "ReplacedWhileBooking",
    )
    assert "neu geschrieben" in file.error and path.read_bytes() == second
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 0

    again = quick_runner(db, secret_store).run("Zahlungen")
    assert [(f.outcome, f.deleted) for f in again.files] == [("booked", True)]
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0
    assert not path.exists()
