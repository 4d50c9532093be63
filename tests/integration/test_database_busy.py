"""A lock held elsewhere (a computer stopped inside its booking transaction) is waited
for only as long as the lock timeout; then the run says "Datenbank ist von einem anderen
Rechner belegt", books nothing, keeps the file, and the next run books it. SQLite
(busy_timeout) and PostgreSQL (lock_timeout); the timeout is cut to one second here."""

from __future__ import annotations

import sqlite3
import time
from datetime import time as clock_time
from decimal import Decimal

import pytest
import sqlalchemy as sa

from desktop_app.domain.interface import (
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Protocol,
    SettleUntil,
)
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import RunStatus
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.db_errors import DatabaseBusy
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger

from .conftest import PASSWORD, USER
from .test_run_pipeline import GOOD, runner

BUSY = "Datenbank ist von einem anderen Rechner belegt"


@pytest.fixture(params=["sqlite", "postgres"])
def busy_db(request, data_dir):
    url = (
        sqlite_url(data_dir / "busy.sqlite3")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    db = Database(url, lock_timeout=1)
    yield db
    db.dispose()


@pytest.fixture
def payments(busy_db, secret_store, serve_ftp, ftp_root):
    """The pipeline tests' interface "Zahlungen" with one file on its server."""
    server = serve_ftp()
    directory = ftp_root / "IMPORT"
    directory.mkdir()
    Catalog(busy_db).add_mandant("1")
    Ledger(busy_db).import_invoices(
        read_invoices(
            b"Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n"
            b"RE-2026-0001;1;01.02.2026;119,00\nRE-2026-0002;1;02.02.2026;59,90\n",
            file_name="l.csv",
        )
    )
    settings = InterfaceSettings(
        name="Zahlungen",
        import_format=ImportFormat.CLOSED_ITEMS,
        mandants=("1",),
        settle_until=SettleUntil.TODAY,
        run_time=clock_time(7, 0),
        ftp=FtpSettings(Protocol.FTP, server.host, server.port, "IMPORT/", False, USER),
    )
    InterfaceEditor(InterfaceRepository(busy_db), secret_store).save(settings, password=PASSWORD)
    (directory / "Zahlungen_0313.csv").write_bytes(GOOD)
    return directory


def _hold_invoice_lock(db: Database):
    """Another computer's open booking transaction on RE-2026-0001; returns its release."""
    if db.is_sqlite:
        other = sqlite3.connect(db.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE invoices SET updated_at = updated_at WHERE number = 'RE-2026-0001'")
        return lambda: (other.execute("ROLLBACK"), other.close())
    engine = sa.create_engine(db.url)
    connection = engine.connect()
    transaction = connection.begin()
    connection.execute(
        sa.text("SELECT id FROM invoices WHERE number = 'RE-2026-0001' FOR UPDATE")
    ).all()
    return lambda: (transaction.rollback(), connection.close(), engine.dispose())


def test_a_held_lock_ends_in_a_clear_busy_failure_not_a_hang(busy_db, payments, secret_store):
    release = _hold_invoice_lock(busy_db)
    try:
        began = time.monotonic()
        result = runner(busy_db, secret_store).run("Zahlungen")
        took = time.monotonic() - began
    finally:
        release()
    assert took < 20, f"waited {took:.0f} s"
    assert result.status is RunStatus.FAILED
    assert BUSY in result.error and result.error_kind == "DatabaseBusy"
    assert (payments / "Zahlungen_0313.csv").exists()  # kept for the next run
    ledger = Ledger(busy_db)
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("119.00")

    again = runner(busy_db, secret_store).run("Zahlungen")
    assert again.status is RunStatus.OK and again.files[0].booked == 2
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 0


def test_every_statement_that_waits_too_long_raises_database_busy(busy_db, payments):
    release = _hold_invoice_lock(busy_db)
    try:
        with pytest.raises(DatabaseBusy) as err:
            Ledger(busy_db).import_invoices(
                read_invoices(
                    b"Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n"
                    b"RE-2026-0001;1;01.02.2026;120,00\n",
                    file_name="l.csv",
                )
            )
    finally:
        release()
    assert err.value.message_de.startswith(BUSY)
