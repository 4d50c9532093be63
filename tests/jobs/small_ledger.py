"""A real ledger of a few open invoices of Mandant 1, and one payment file settled on it:
for the tests of the settlement on real files and of the reference matching."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop_app.domain.interface import SettleUntil
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.settle_file import ImportOutcome, ImportRequest, SettlementEngine
from desktop_app.store.ledger import Ledger


def ledger_of(db, invoices: dict[str, Decimal | str]) -> Ledger:
    """The invoices ``invoices`` names, each open with its amount (a ``Decimal``, or as
    the invoice CSV writes it, with a decimal comma)."""
    lines = ["Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag"] + [
        f"{n};1;Optik Nord;04.01.2021;{str(a).replace('.', ',') if isinstance(a, Decimal) else a}"
        for n, a in invoices.items()
    ]
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices("\n".join(lines).encode(), file_name="ledger.csv"))
    return ledger


def settle_one(db, fmt: str, data: bytes, pattern: str = ""):
    """The result of settling a file of one payment, and that payment's row."""
    result = SettlementEngine(db).run(
        ImportRequest(
            data=data,
            file_name="zahlungen",
            format_id=fmt,
            mandants=("1",),
            settle_until=SettleUntil.YESTERDAY,
            today=date(2026, 3, 14),
            invoice_pattern=pattern,
        )
    )
    assert result.error is None and result.outcome in (ImportOutcome.BOOKED, ImportOutcome.NOTHING)
    (row,) = result.plan.rows
    return result, row
