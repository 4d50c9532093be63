"""An invoice number written with a dot or a hash (``RE.2026.0007``, ``RG#4711``) is
not cut into words as the free text is: where a reference field or the interface's
pattern's hit is that number as a whole, the payment is booked on it, as it was
before a second field or a pattern's hit stood beside it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.interface import SettleUntil
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.domain.settlement import RowStatus
from desktop_app.jobs.settle_file import ImportOutcome, ImportRequest, SettlementEngine
from desktop_app.store.ledger import Ledger
from tests.domain.formats.builders import (
    CamtEntry,
    CamtTx,
    Mt940Line,
    Mt940Statement,
    camt_file,
    datev_file,
    datev_row,
    mt940_file,
)

DOTTED, HASHED = "RE.2026.0007", "RG#4711"
OPEN = {DOTTED: Decimal("100.00"), HASHED: Decimal("50.00")}


@pytest.fixture
def ledger(db):
    lines = ["Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag"] + [
        f"{n};1;Optik Nord;01.02.2026;{str(a).replace('.', ',')}" for n, a in OPEN.items()
    ]
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices("\n".join(lines).encode(), file_name="l.csv"))
    return ledger


def _settle(db, fmt: str, data: bytes, pattern: str = ""):
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
    assert result.error is None and result.outcome is ImportOutcome.BOOKED
    (row,) = result.plan.rows
    return row


def _mt940(details: str, amount: Decimal) -> bytes:
    return mt940_file(Mt940Statement([Mt940Line("C", amount, details=details)]))


CASES = {
    # The EREF is the number; the SVWZ beside it names none.
    "mt940 EREF and SVWZ": (
        "mt940",
        lambda: _mt940(f"166?00GUTSCHRIFT?20EREF+{DOTTED}?21SVWZ+Zahlung", OPEN[DOTTED]),
        "",
        DOTTED,
    ),
    # The pattern finds the number in the free text.
    "camt pattern in the free text": (
        "camt053",
        lambda: camt_file(CamtEntry(OPEN[HASHED], txs=[CamtTx(ustrd=(f"Zahlung {HASHED}",))])),
        r"RG#\d{4}",
        HASHED,
    ),
    # The Belegfeld is the number, and the pattern finds it there too.
    "datev Belegfeld and pattern": (
        "datev-extf",
        lambda: datev_file(datev_row("50,00", "H", "10000", "1200", invoice=HASHED)),
        r"RG#\d{4}",
        HASHED,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_whole_field_or_pattern_hit_that_is_the_number_books_it(db, ledger, case):
    fmt, build, pattern, number = CASES[case]
    row = _settle(db, fmt, build(), pattern)
    assert row.status is RowStatus.BOOKED and row.invoice_number == number
    assert ledger.invoice("1", number).open_amount == 0
