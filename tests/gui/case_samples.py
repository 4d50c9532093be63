"""A ledger with customers and a bank statement whose payments the import could not book
in full: the Klärungsfälle of the GUI tests and of docs/screenshots/cases.png."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

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
from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
from desktop_app.store.db import Database
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger
from tests.domain.formats.builders import CamtEntry, CamtTx, camt_file

TODAY = date(2026, 3, 14)
INVOICES = [
    ("RE-2026-0041", "120,00", "Max Mustermann"),
    ("RE-2026-0042", "89,90", "Erika Musterfrau"),
    ("RE-2026-0043", "250,00", "Hans Meier"),
    ("RE-2026-0044", "120,00", "Jürgen Schulz"),
    ("RE-2026-0045", "1.290,00", "Gärtnerei Vogel"),
    ("RE-2026-0046", "59,00", "Hotel Linde"),
    ("RE-2026-0047", "349,50", "Café Sonne"),
    ("RE-2026-0048", "89,90", "Petra Schmidt"),
]
STATEMENT = camt_file(
    CamtEntry(Decimal("120.00"), ref="BANK-1", txs=[
        CamtTx(ustrd=("Brille, vielen Dank",), debtor="MUSTERMANN, MAX",
               debtor_iban="DE89370400440532013000")]),
    CamtEntry(Decimal("89.90"), ref="BANK-2", txs=[
        CamtTx(ustrd=("Rechnung RE 2026 0024",), debtor="Petra Schmidt",
               debtor_iban="DE44500105175407324931")]),
    CamtEntry(Decimal("1290.00"), ref="BANK-3", txs=[
        CamtTx(ustrd=("Kd-Nr 4711 Hörgerät",), debtor="Gaertnerei Vogel GmbH",
               debtor_iban="DE12500105170648489890")]),
    CamtEntry(Decimal("400.00"), ref="BANK-4", txs=[
        CamtTx(ustrd=("RE-2026-0047",), debtor="Café Sonne",
               debtor_iban="DE27100777770209299700")]),
)  # fmt: skip


INTERFACE = "Kontoauszug Sparkasse"


def fill_cases(db: Database) -> list[int]:
    """The invoices, an interface, then the statement imported by it: returns the ids of
    the cases it opened."""
    lines = ["Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;Kunde"] + [
        f"{n};1;Optik Nord;{i + 1:02d}.02.2026;{a};{k}" for i, (n, a, k) in enumerate(INVOICES)
    ]
    Ledger(db).import_invoices(read_invoices("\n".join(lines).encode(), file_name="r.csv"))
    stored = InterfaceRepository(db).save(
        InterfaceSettings(
            name=INTERFACE,
            import_format=ImportFormat.CAMT053,
            mandants=("1",),
            settle_until=SettleUntil.YESTERDAY,
            run_time=time(7, 30),
            interval=Interval(IntervalKind.DAILY),
            ftp=FtpSettings(Protocol.SFTP, "sftp.sparkasse.example", None, "", False, "filiale"),
        )
    )
    result = SettlementEngine(db).run(
        ImportRequest(
            data=STATEMENT,
            file_name="kontoauszug_0306.xml",
            format_id="camt053",
            mandants=("1",),
            settle_until=SettleUntil.YESTERDAY,
            today=TODAY,
            interface_id=stored.id,
        )
    )
    return result.case_ids
