"""A file gone from the server between the listing and its download (another run took
it, a person deleted it) is skipped with its reason: the run goes on with the others and
does not fail for it. A download the server refuses while the file is still there fails
the run as before."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

import desktop_app.jobs.run_files as run_files
from desktop_app.domain.interface import Protocol
from desktop_app.jobs.failure_mail import FailureMailer
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import ImportRunner, RunStatus
from desktop_app.store.history import run_history
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.transfer.listing import SkipReason

from .conftest import PASSWORD
from .payment_run import NAME, payment_settings, quick_runner, two_invoice_ledger
from .vanishing import body_of, lose_before_delete, lose_while_booking

GONE = "zahlungen_0312.csv"  # pays RE-2026-0001 in full
STAYS = "zahlungen_0313.csv"  # pays RE-2026-0002
GONE_REASON = SkipReason.GONE_BEFORE_DOWNLOAD


def _payment(invoice: str, amount: str) -> bytes:
    return (
        f"Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n{invoice};{amount};20260313;1\r\n"
    ).encode("cp1252")


@pytest.fixture
def ledger(db, catalog):
    return two_invoice_ledger(db)


def _save(db, secret_store, server, protocol: Protocol) -> None:
    settings = payment_settings(server.host, server.port, error_email="filiale@example.org")
    settings = replace(settings, ftp=replace(settings.ftp, protocol=protocol))
    editor = InterfaceEditor(InterfaceRepository(db), secret_store)
    editor.save(settings, password=PASSWORD)
    if protocol is Protocol.SFTP:
        editor.trust(NAME, server.fingerprint)


def _write_files(folder: Path) -> None:
    """``GONE`` written before ``STAYS``, so that the run comes to it first."""
    folder.mkdir()
    for hour, (name, data) in enumerate(
        [(GONE, _payment("RE-2026-0001", "")), (STAYS, _payment("RE-2026-0002", "59,90"))], 8
    ):
        (folder / name).write_bytes(data)
        stamp = datetime(2026, 3, 13, hour, tzinfo=UTC).timestamp()
        os.utime(folder / name, (stamp, stamp))


@pytest.fixture(params=[Protocol.FTP, Protocol.SFTP], ids=["ftp", "sftp"])
def folder(request, db, secret_store, serve_ftp, serve_sftp, ftp_root) -> Path:
    """IMPORT/ with both files on a real server of the protocol; the interface saved."""
    protocol = request.param
    server = serve_ftp() if protocol is Protocol.FTP else serve_sftp()
    _save(db, secret_store, server, protocol)
    _write_files(ftp_root / "IMPORT")
    return ftp_root / "IMPORT"


def _lose_after_listing(monkeypatch, path: Path) -> None:
    """``path`` deleted on the server right after the run listed it, as another run does."""
    listed = run_files.find_files

    def list_then_lose(*args, **kwargs):
        listing = listed(*args, **kwargs)
        path.unlink()
        return listing

    monkeypatch.setattr(run_files, "find_files", list_then_lose)


def _runner(db, secret_store) -> ImportRunner:
    return quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))


def _history(db):
    (run,) = run_history(db, InterfaceRepository(db).get(NAME).id)
    return run


def test_a_file_gone_before_its_download_is_skipped_and_the_run_goes_on(
    db, ledger, secret_store, folder, smtp_inbox, monkeypatch
):
    _lose_after_listing(monkeypatch, folder / GONE)

    result = _runner(db, secret_store).run(NAME)

    assert result.status is RunStatus.OK, result.error_text("en")
    assert (result.error, result.error_kind, result.mailed) == (None, "", False)
    assert [(f.name, f.outcome, f.booked, f.deleted) for f in result.files] == [
        (f"IMPORT/{STAYS}", "booked", 1, True)
    ]
    assert result.skipped_files == [f"IMPORT/{GONE}: {GONE_REASON.label_de}"]
    # The run's JSON (``desktop-app run --json``) lists it too, its reason in either language.
    for lang, reason in (("de", GONE_REASON.label_de), ("en", GONE_REASON.label_en)):
        assert result.to_json(lang)["skipped_files"] == [
            {"name": f"IMPORT/{GONE}", "reason": reason, "code": "gone-before-download"}
        ]
    assert not result.read_every_file  # the gone file's content was never read
    # Nothing of the gone file was booked, the other one was, and deleted.
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("119.00")
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0
    assert list(folder.iterdir()) == []
    assert smtp_inbox.envelopes == []

    run = _history(db)
    assert (run.status, run.mailed, run.error, run.booked_count) == ("ok", False, "", 1)
    skipped = next(f for f in run.files if f.remote_path == f"IMPORT/{GONE}")
    assert (skipped.outcome, skipped.state, skipped.booked_count) == ("skipped", "kept", 0)
    assert "wohl von einem anderen Lauf geholt" in skipped.error_text("de")
    assert "before its download" in skipped.to_json("en")["error"]


def test_a_run_whose_every_file_is_gone_is_no_failure(
    db, ledger, secret_store, folder, smtp_inbox, monkeypatch
):
    (folder / STAYS).unlink()
    _lose_after_listing(monkeypatch, folder / GONE)

    result = _runner(db, secret_store).run(NAME)

    assert (result.status, result.files, result.mailed) == (RunStatus.OK, [], False)
    assert result.skipped_files == [f"IMPORT/{GONE}: {GONE_REASON.label_de}"]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("119.00")
    assert smtp_inbox.envelopes == []
    assert _history(db).status == "ok"


def test_a_file_the_server_cannot_open_fails_the_run_and_stays(
    db, ledger, secret_store, serve_ftp, ftp_root, smtp_inbox
):
    """vsftpd's "550 Failed to open file." says nothing of why: the file is still there,
    so it is a failure with the server's reply, not a file gone."""
    server = serve_ftp(retr_failing=frozenset({GONE}))
    _save(db, secret_store, server, Protocol.FTP)
    _write_files(ftp_root / "IMPORT")

    result = _runner(db, secret_store).run(NAME)

    assert (result.status, result.error_kind) == (RunStatus.FAILED, "RetrieveFailed")
    refused = next(f for f in result.files if f.name == f"IMPORT/{GONE}")
    assert (refused.outcome, refused.booked, refused.deleted) == ("failed", 0, False)
    assert refused.error_kind == "RetrieveFailed"
    assert "550 Failed to open file." in refused.error
    assert "liegt noch auf dem Server" in refused.error
    assert "is still on the server" in refused.error_en
    assert result.skipped_files == []
    assert sorted(p.name for p in (ftp_root / "IMPORT").iterdir()) == [GONE]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("119.00")
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0
    assert result.mailed and len(smtp_inbox.envelopes) == 1


@pytest.mark.parametrize(
    ("lang", "heading", "reason"),
    [
        ("de", "Übersprungen (nicht gelesen, bleiben auf dem Server):", GONE_REASON.label_de),
        ("en", "Skipped (not read, they stay on the server):", GONE_REASON.label_en),
    ],
)
def test_the_failure_mail_lists_the_files_the_run_skipped(
    db, ledger, secret_store, folder, smtp_inbox, monkeypatch, lang, heading, reason
):
    (folder / STAYS).write_bytes(b"Rechnungsnummer;Betrag\r\nRE-2026-0002;zwei Euro\r\n")
    _lose_after_listing(monkeypatch, folder / GONE)
    mailer = FailureMailer(db, secret_store, timeout=5, lang=lang)

    result = quick_runner(db, secret_store, mailer=mailer).run(NAME)

    assert (result.status, result.mailed) == (RunStatus.FAILED, True)
    (envelope,) = smtp_inbox.envelopes
    lines = body_of(envelope).splitlines()
    skipped = lines[lines.index(heading) :]
    assert skipped[1] == f"  - IMPORT/{GONE}: {reason}"


GONE_AT_DELETE = (
    "Gebucht; beim Löschen war die Datei schon nicht mehr auf dem Server (von jemand anderem "
    "gelöscht oder geholt). Prüfen Sie, ob eine andere Schnittstelle sie ebenfalls gebucht hat."
)
GONE_AT_DELETE_EN = (
    "Booked; when it was to be deleted, the file was no longer on the server (deleted or "
    "fetched by someone else). Check whether another interface booked it as well."
)


@pytest.mark.parametrize("lose", [lose_while_booking, lose_before_delete])
def test_a_booked_file_gone_at_its_delete_fails_the_run_with_its_own_text(
    db, ledger, secret_store, folder, smtp_inbox, monkeypatch, lose
):
    """Someone else removed the booked file, before the run compared it (while it was
    being booked) or between that and the delete: nothing failed to delete, but another
    interface may have booked it as well, so the run fails and reports it."""
    (folder / GONE).unlink()
    runner = _runner(db, secret_store)
    lose(monkeypatch, runner, folder / STAYS)

    result = runner.run(NAME)

    assert (result.status, result.error_kind) == (RunStatus.FAILED, "RemoteFileVanished")
    (booked,) = result.files
    assert (booked.outcome, booked.booked, booked.deleted) == ("booked", 1, False)
    assert (booked.error, booked.error_en) == (GONE_AT_DELETE, GONE_AT_DELETE_EN)
    assert (result.error, result.error_en) == (GONE_AT_DELETE, GONE_AT_DELETE_EN)
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0  # the booking stands
    assert list(folder.iterdir()) == []

    body = body_of(smtp_inbox.envelopes[0])
    assert result.mailed and len(smtp_inbox.envelopes) == 1
    assert GONE_AT_DELETE in body
    assert "nicht gelöscht" not in body  # nothing was left to delete

    run = _history(db)
    assert (run.status, run.error, run.mailed) == ("failed", GONE_AT_DELETE, True)
    (recorded,) = run.files
    assert (recorded.error_text("de"), recorded.error_text("en")) == (
        GONE_AT_DELETE,
        GONE_AT_DELETE_EN,
    )


def test_a_file_still_listed_is_not_skipped_as_gone(
    db, ledger, secret_store, serve_ftp, ftp_root, smtp_inbox
):
    """RETR and SIZE may both answer 550 for a file that is there (one the server cannot
    open or size). The listing still shows it, so it is a failure that is reported, never
    a file skipped as gone."""
    named = "zahlungen_0314.csv"
    refused = frozenset({named})
    server = serve_ftp(retr_failing=refused, size_refused=refused)
    _save(db, secret_store, server, Protocol.FTP)
    folder = ftp_root / "IMPORT"
    folder.mkdir()
    (folder / named).write_bytes(_payment("RE-2026-0001", ""))

    result = _runner(db, secret_store).run(NAME)

    assert result.status is RunStatus.FAILED
    assert result.skipped_files == []
    (kept,) = result.files
    assert (kept.name, kept.outcome, kept.booked, kept.deleted) == (
        f"IMPORT/{named}",
        "failed",
        0,
        False,
    )
    assert "steht noch im Verzeichnis" in kept.error
    assert "is still listed" in kept.error_en
    assert [p.name for p in folder.iterdir()] == [named]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("119.00")
    assert result.mailed and len(smtp_inbox.envelopes) == 1


def test_a_latin1_name_is_sent_as_listed_after_the_session_was_opened_again(
    db, ledger, secret_store, serve_ftp, ftp_root, smtp_inbox, monkeypatch
):
    """The server closed the idle session after the listing: the session opened again
    must send a latin-1 name as the listing gave it, or the server finds no such file."""
    server = serve_ftp(mlsd=False, encoding="latin-1")  # names go out as latin-1 bytes
    _save(db, secret_store, server, Protocol.FTP)
    folder = ftp_root / "IMPORT"
    folder.mkdir()
    named = "zahlungen_März.csv"
    (folder / named).write_bytes(_payment("RE-2026-0001", ""))
    listed = run_files.find_files

    def list_then_drop(client, *args, **kwargs):
        listing = listed(client, *args, **kwargs)
        client.close()  # the download has to open the session again
        return listing

    monkeypatch.setattr(run_files, "find_files", list_then_drop)

    result = _runner(db, secret_store).run(NAME)

    assert result.status is RunStatus.OK, result.error
    (booked,) = result.files
    assert (booked.name, booked.outcome, booked.booked, booked.deleted) == (
        f"IMPORT/{named}",
        "booked",
        1,
        True,
    )
    assert list(folder.iterdir()) == []
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 0
    assert smtp_inbox.envelopes == []
