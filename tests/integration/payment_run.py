"""The run tests' interface "Zahlungen": Geschlossene Posten of Mandant "1" fetched from
IMPORT/ on a real FTP server, its password in the real keyring; and a runner that does
not wait (no settle time, short time-outs) on a fixed day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop_app.domain.interface import (
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
)
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.connection_test import FtpTestResult, StepId, prepare_ftp_test
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import ImportRunner, RunStatus
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger

from .conftest import PASSWORD, USER

NAME = "Zahlungen"
TODAY = date(2026, 3, 14)


def payment_settings(host: str, port: int, **changes: Any) -> InterfaceSettings:
    """Daily at 7:00, files named like "zahlungen", settled up to the run's day."""
    values: dict[str, Any] = {
        "name": NAME,
        "import_format": ImportFormat.CLOSED_ITEMS,
        "mandants": ("1",),
        "settle_until": SettleUntil.TODAY,
        "filename_filter": "zahlungen",
        "run_time": time(7, 0),
        "interval": Interval(IntervalKind.DAILY),
        "ftp": FtpSettings(Protocol.FTP, host, port, "IMPORT/", False, USER),
    }
    return InterfaceSettings(**{**values, **changes})


def save_payment_interface(db, secret_store, serve_ftp, ftp_root: Path, **changes: Any) -> Path:
    """Starts the FTP server, saves the interface with its password; its IMPORT folder."""
    server = serve_ftp()
    directory = ftp_root / "IMPORT"
    directory.mkdir()
    settings = payment_settings(server.host, server.port, **changes)
    InterfaceEditor(InterfaceRepository(db), secret_store).save(settings, password=PASSWORD)
    return directory


def quick_runner(db, secret_store, **options: Any) -> ImportRunner:
    defaults = {"timeout": 5, "settle_seconds": 0, "backoff": (0.1,), "today": lambda: TODAY}
    return ImportRunner(db, secret_store, **{**defaults, **options})


# Two payments of the 13 March 2026 for the invoices of ``two_invoice_ledger``: 178,90 €.
PAYMENTS_0313 = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "RE-2026-0001;;20260313;1\r\n"
    "RE-2026-0002;59,90;20260313;1\r\n"
).encode("cp1252")


def two_invoice_ledger(db) -> Ledger:
    """RE-2026-0001 (119,00 €) and RE-2026-0002 (59,90 €) of Mandant "1", both open."""
    rows = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + "".join(
        f"RE-2026-{i:04d};1;0{i}.02.2026;{a}\n" for i, a in enumerate(["119,00", "59,90"], 1)
    )
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices(rows.encode(), file_name="l.csv"))
    return ledger


def save_interface_on(
    db, secret_store, server, protocol: Protocol, user: str, password: str, **ftp_changes: Any
) -> InterfaceEditor:
    """The interface "Zahlungen" on ``server`` (host and port) with ``protocol``; its editor."""
    settings = payment_settings(server.host, server.port)
    ftp = replace(settings.ftp, protocol=protocol, user=user, **ftp_changes)
    editor = InterfaceEditor(InterfaceRepository(db), secret_store)
    editor.save(replace(settings, ftp=ftp), password=password)
    return editor


def run_the_test(db, secret_store, timeout: float = 5.0) -> FtpTestResult:
    """The Test button of "Zahlungen", as stored."""
    stored = InterfaceRepository(db).get(NAME)
    return prepare_ftp_test(secret_store, stored.settings.ftp, stored=stored).run(timeout=timeout)


def assert_test_button_passes(
    db, secret_store, editor: InterfaceEditor, protocol: Protocol, fingerprint: str | None,
    folder: Path,
) -> None:  # fmt: skip
    """The Test of "Zahlungen" on a real server: with FTPS or SFTP it first stops at the
    unknown certificate or host key (``fingerprint``); once that is trusted every step
    passes, and the probe file is gone from ``folder`` again."""
    first = run_the_test(db, secret_store)
    if protocol is not Protocol.FTP:
        assert not first.ok
        unknown = StepId.TLS if protocol.uses_tls else StepId.HOST_KEY
        assert first.failed_step.step is unknown
        assert first.failed_step.fingerprint == fingerprint
        editor.trust(NAME, first.failed_step.fingerprint)
        first = run_the_test(db, secret_store)
    assert [step.step for step in first.steps if not step.ok] == []
    assert StepId.DELETE_PROBE in [step.step for step in first.steps]
    assert list(folder.iterdir()) == []


def assert_a_date_folder_books_once(
    db, secret_store, ledger: Ledger, editor: InterfaceEditor, fingerprint: str | None,
    day: Path,
) -> None:  # fmt: skip
    """``PAYMENTS_0313`` and a file the Dateiname does not match in ``day`` (a date folder
    below IMPORT/ on the server); once the server is trusted (``fingerprint``), a run books
    the one and leaves the other (``assert_booked_once``)."""
    (day / "zahlungen_0313.csv").write_bytes(PAYMENTS_0313)
    (day / "andere.csv").write_bytes(PAYMENTS_0313)  # not matching the Dateiname filter
    if fingerprint:
        editor.trust(NAME, fingerprint)
    assert_booked_once(db, secret_store, ledger, day, f"IMPORT/{day.name}/zahlungen_0313.csv")


def assert_booked_once(db, secret_store, ledger: Ledger, day: Path, remote_name: str) -> None:
    """A run books ``PAYMENTS_0313`` from ``day`` (``remote_name`` on the server) and
    deletes it there, leaves the file the Dateiname does not match, and a second run
    finds nothing."""
    result = quick_runner(db, secret_store).run(NAME)
    assert result.status is RunStatus.OK, result.error_text("en")
    (booked,) = result.files
    assert booked.name == remote_name
    assert (booked.outcome, booked.booked, booked.deleted) == ("booked", 2, True)
    assert booked.booked_amount == Decimal("178.90")
    assert sorted(p.name for p in day.iterdir()) == ["andere.csv"]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 0
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0
    assert quick_runner(db, secret_store).run(NAME).files == []  # nothing twice


def three_invoice_ledger(db) -> Ledger:
    """RE-2026-0001 (119,00 €), -0002 (59,90 €) and -0003 (238,00 €) of Mandant "1", open."""
    rows = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + "".join(
        f"RE-2026-{i:04d};1;0{i}.02.2026;{a}\n"
        for i, a in enumerate(["119,00", "59,90", "238,00"], 1)
    )
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices(rows.encode(), file_name="l.csv"))
    return ledger
