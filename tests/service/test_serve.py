"""`desktop-app serve` as the service runs it: a real process, real FTP server and keyring."""

from __future__ import annotations

import signal
from datetime import time

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
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.history import run_history
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger
from desktop_app.store.secrets import SecretStore
from tests.conftest import need
from tests.integration.conftest import PASSWORD, USER

from .conftest import make_due, start_serve, wait_for

GOOD = b"Rechnungsnummer;Betrag\r\nRE-2026-0001;119,00\r\nRE-2026-0002;59,90\r\n"


def prepare(db_url: str, server, name: str = "Dienst") -> int:
    db = Database(db_url)
    Catalog(db).add_mandant("1")
    Ledger(db).import_invoices(
        read_invoices(
            b"Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n"
            b"RE-2026-0001;1;01.02.2026;119,00\nRE-2026-0002;1;02.02.2026;59,90\n",
            file_name="l.csv",
        )
    )
    settings = InterfaceSettings(
        name=name,
        import_format=ImportFormat.CLOSED_ITEMS,
        mandants=("1",),
        settle_until=SettleUntil.TODAY,
        run_time=time(12, 0),
        interval=Interval(IntervalKind.DAILY),
        ftp=FtpSettings(Protocol.FTP, server.host, server.port, "IMPORT/", False, USER),
    )
    # The service reads the default keyring service name, as an installation would.
    stored = InterfaceEditor(InterfaceRepository(db), SecretStore()).save(
        settings, password=PASSWORD
    )
    db.dispose()
    return stored.id


def cleanup(db_url: str, name: str = "Dienst") -> None:
    db = Database(db_url)
    InterfaceEditor(InterfaceRepository(db), SecretStore()).delete(name)
    db.dispose()


def test_serve_catches_up_books_and_stops_on_sigterm(
    tmp_path, serve_ftp, ftp_root, secret_service_backend
):
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    server = serve_ftp()
    (ftp_root / "IMPORT").mkdir()
    (ftp_root / "IMPORT" / "zahlungen.csv").write_bytes(GOOD)
    url = sqlite_url(tmp_path / "serve.sqlite3")
    interface_id = prepare(url, server)
    make_due(url, interface_id)
    process = start_serve(tmp_path / "data", url)
    try:
        assert wait_for(lambda: not (ftp_root / "IMPORT" / "zahlungen.csv").exists(), 60), (
            "the due run did not fetch the file"
        )
        db = Database(url)
        assert wait_for(
            lambda: (
                run_history(db, interface_id) and run_history(db, interface_id)[0].status == "ok"
            ),
            30,
        )
        runs = run_history(db, interface_id)
        assert [r.trigger for r in runs] == ["catchup"]
        assert Ledger(db).invoice("1", "RE-2026-0001").open_amount == 0
        db.dispose()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
        assert process.returncode == 0, output
        assert "Scheduler stopped" in output
        assert PASSWORD not in output
        log = (tmp_path / "data" / "logs" / "desktop-app.log").read_text(encoding="utf-8")
        assert "catchup" in log or "Zahlungen" in log or "Dienst" in log
        assert PASSWORD not in log
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        cleanup(url)
