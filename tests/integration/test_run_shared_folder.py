"""Two interfaces reading one folder with matching Dateinamen (on one computer or two
sharing a ledger): the second run says which interface took the file, and when."""

from __future__ import annotations

import pytest

import desktop_app.jobs.run_files as run_files
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import RunStatus
from desktop_app.store.interfaces import InterfaceRepository

from .conftest import PASSWORD
from .payment_run import (
    NAME,
    PAYMENTS_0313,
    quick_runner,
    save_payment_interface,
    two_invoice_ledger,
)

OTHER = "Zahlungen Filiale Nord"


@pytest.fixture
def db(any_db):
    """On SQLite and on PostgreSQL: the earlier bookings' query names the interface."""
    return any_db


@pytest.fixture
def folder(db, catalog, secret_store, serve_ftp, ftp_root):
    """IMPORT/ on a real FTP server, read by "Zahlungen" and by a second interface with
    the same server, folder and Dateiname."""
    two_invoice_ledger(db)
    directory = save_payment_interface(db, secret_store, serve_ftp, ftp_root)
    same = InterfaceRepository(db).get(NAME).settings.with_changes(name=OTHER)
    InterfaceEditor(InterfaceRepository(db), secret_store).save(same, password=PASSWORD)
    return directory


def test_a_file_the_other_interface_booked_names_it_and_when(db, secret_store, folder):
    (folder / "zahlungen_0313.csv").write_bytes(PAYMENTS_0313)
    first = quick_runner(db, secret_store).run(NAME)
    assert [(f.outcome, f.booked) for f in first.files] == [("booked", 2)]
    (folder / "zahlungen_0313.csv").write_bytes(PAYMENTS_0313)  # the other run's copy

    second = quick_runner(db, secret_store).run(OTHER)

    (again,) = second.files
    assert (again.outcome, again.booked, again.deleted) == ("nothing", 0, True)
    assert [row.code for row in again.not_booked] == ["duplicate", "duplicate"]
    german = again.not_booked[0].reason
    assert "von der Schnittstelle „Zahlungen“ am " in german, german
    assert german.startswith("Bereits gebucht (Datei „zahlungen_0313.csv“, Zeile 2, ")
    english = again.not_booked[0].detail.text("en")
    assert "by the interface “Zahlungen” on " in english, english


def test_a_file_booked_by_the_same_interface_names_no_interface(db, secret_store, folder):
    """The content check of the interface itself refuses it as before, unchanged."""
    (folder / "zahlungen_0313.csv").write_bytes(PAYMENTS_0313)
    quick_runner(db, secret_store).run(NAME)
    (folder / "zahlungen_0313.csv").write_bytes(PAYMENTS_0313)

    (again,) = quick_runner(db, secret_store).run(NAME).files

    assert (again.outcome, again.booked, again.not_booked) == ("duplicate", 0, [])


def test_a_file_another_run_took_between_listing_and_download_is_skipped(
    db, secret_store, folder, monkeypatch
):
    (folder / "zahlungen_0313.csv").write_bytes(PAYMENTS_0313)
    listed = run_files.find_files

    def list_then_lose(*args, **kwargs):
        listing = listed(*args, **kwargs)
        (folder / "zahlungen_0313.csv").unlink()  # the other interface's run took it
        return listing

    monkeypatch.setattr(run_files, "find_files", list_then_lose)

    result = quick_runner(db, secret_store).run(OTHER)

    assert (result.status, result.files) == (RunStatus.OK, [])
    (gone,) = result.skipped_files
    assert gone == "IMPORT/zahlungen_0313.csv: " + (
        "vor dem Herunterladen verschwunden (wohl von einem anderen Lauf geholt); "
        "nichts davon gebucht"
    )
