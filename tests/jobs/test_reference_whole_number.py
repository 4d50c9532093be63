"""An invoice number written with a dot or a hash (``RE.2026.0007``, ``RG#4711``) is
not cut into words as the free text is: where a reference field or the interface's
pattern's hit is that number as a whole, the payment is booked on it, as it was
before a second field or a pattern's hit stood beside it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.domain.settlement import RowStatus
from desktop_app.jobs.settle_file import ImportOutcome
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

from .small_ledger import ledger_of, settle_one

DOTTED, HASHED = "RE.2026.0007", "RG#4711"
OPEN = {DOTTED: Decimal("100.00"), HASHED: Decimal("50.00")}


@pytest.fixture
def ledger(db):
    return ledger_of(db, OPEN)


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
    result, row = settle_one(db, fmt, build(), pattern)
    assert result.outcome is ImportOutcome.BOOKED
    assert row.status is RowStatus.BOOKED and row.invoice_number == number
    assert ledger.invoice("1", number).open_amount == 0
