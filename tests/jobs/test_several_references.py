"""A payment whose texts name two open invoices, on a real ledger: it books both when it
pays what is open on them together, else it books neither and opens a Klärungsfall.
Never one of them chosen by which field came first, or by the interface's pattern."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.domain.settlement import RowStatus
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

A, B, C = "RE-2025-0042", "100234", "RE-2025-0043"  # B: digits alone, a customer number?
OPEN = {A: Decimal("100.00"), B: Decimal("50.00"), C: Decimal("30.00")}
SIX_DIGITS = r"\d{6}"
NEITHER = Decimal("7.00")


@pytest.fixture
def ledger(db):
    return ledger_of(db, OPEN)


def _mt940(details: str):
    return lambda amount: mt940_file(Mt940Statement([Mt940Line("C", amount, details=details)]))


def _camt(**tx):
    return lambda amount: camt_file(CamtEntry(amount, txs=[CamtTx(**tx)]))


def _datev(invoice: str, text: str):
    def build(amount: Decimal) -> bytes:
        umsatz = f"{amount:.2f}".replace(".", ",")
        return datev_file(datev_row(umsatz, "H", "10000", "1200", invoice=invoice, text=text))

    return build


#: (format, file for an amount, pattern, the second invoice the payment names)
BOTH_NAMED = {
    # Two numbers by the ledger's own rules, in one field or in two.
    "mt940 one field": ("mt940", _mt940(f"166?00GUTSCHRIFT?20SVWZ+{A} {C}"), "", C),
    "mt940 EREF and SVWZ": ("mt940", _mt940(f"166?00GUTSCHRIFT?20EREF+{A}?21SVWZ+{C}"), "", C),
    "camt free text": ("camt053", _camt(ustrd=(f"{A} {C}",)), "", C),
    # The pattern adds a number of digits alone to what the rules find.
    "mt940 pattern, one field": (
        "mt940",
        _mt940(f"166?00GUTSCHRIFT?20SVWZ+{A} Kunde {B}"),
        SIX_DIGITS,
        B,
    ),
    "mt940 pattern, EREF and SVWZ": (
        "mt940",
        _mt940(f"166?00GUTSCHRIFT?20EREF+{A}?21SVWZ+Kunde {B}"),
        SIX_DIGITS,
        B,
    ),
    "camt pattern, free text": ("camt053", _camt(ustrd=(f"{A} Kunde {B}",)), SIX_DIGITS, B),
    "camt pattern, EndToEndId and free text": (
        "camt053",
        _camt(end_to_end=A, ustrd=(f"Kunde {B}",)),
        SIX_DIGITS,
        B,
    ),
    "datev pattern, Buchungstext": ("datev-extf", _datev("", f"{A} Kunde {B}"), SIX_DIGITS, B),
    "datev pattern, Belegfeld and Buchungstext": (
        "datev-extf",
        _datev(A, f"Kunde {B}"),
        SIX_DIGITS,
        B,
    ),
}

#: Without a pattern "Kunde 100234" is no reference: only RE-2025-0042 is named.
DIGITS_ALONE = {
    "mt940": ("mt940", _mt940(f"166?00GUTSCHRIFT?20SVWZ+{A} Kunde {B}")),
    "camt": ("camt053", _camt(ustrd=(f"{A} Kunde {B}",))),
    "datev": ("datev-extf", _datev("", f"{A} Kunde {B}")),
}


def paid(ledger) -> dict[str, Decimal]:
    amounts = {n: OPEN[n] - ledger.invoice("1", n).open_amount for n in OPEN}
    return {n: amount for n, amount in amounts.items() if amount}


def _amounts(second: str) -> dict[str, Decimal]:
    return {"A": OPEN[A], "B": OPEN[second], "A+B": OPEN[A] + OPEN[second], "neither": NEITHER}


@pytest.mark.parametrize("which", ["A", "B", "neither"])
@pytest.mark.parametrize("layout", BOTH_NAMED)
def test_two_named_invoices_and_an_amount_of_neither_sum_book_nothing(db, ledger, layout, which):
    fmt, build, pattern, second = BOTH_NAMED[layout]
    amount = _amounts(second)[which]
    result, row = settle_one(db, fmt, build(amount), pattern)
    assert paid(ledger) == {}
    assert row.status is RowStatus.AMBIGUOUS and row.booked == 0
    assert row.reason.code == "several-not-their-total"
    assert {A, second} <= set(dict(row.reason.params)["numbers"].split(", "))
    assert set(row.possible_invoices) == {A, second}
    assert result.cases_planned == 1  # a Klärungsfall for a person


@pytest.mark.parametrize("layout", BOTH_NAMED)
def test_two_named_invoices_paid_together_book_both(db, ledger, layout):
    fmt, build, pattern, second = BOTH_NAMED[layout]
    _, row = settle_one(db, fmt, build(OPEN[A] + OPEN[second]), pattern)
    assert paid(ledger) == {A: OPEN[A], second: OPEN[second]}
    assert row.status is RowStatus.BOOKED and row.booked == OPEN[A] + OPEN[second]


@pytest.mark.parametrize("which", ["A", "B", "A+B", "neither"])
@pytest.mark.parametrize("layout", DIGITS_ALONE)
def test_without_the_pattern_digits_alone_name_no_second_invoice(db, ledger, layout, which):
    """ "Kunde 100234" may be a customer number: the payment names RE-2025-0042 alone,
    which gets the amount up to what is open on it; a surplus is reported."""
    fmt, build = DIGITS_ALONE[layout]
    amount = _amounts(B)[which]
    _, row = settle_one(db, fmt, build(amount))
    assert paid(ledger) == {A: min(amount, OPEN[A])}
    assert row.invoice_number == A
    surplus = amount - OPEN[A]
    if surplus > 0:
        assert row.status is RowStatus.OVERPAID and row.surplus == surplus
    else:
        assert row.status is RowStatus.BOOKED


@pytest.mark.parametrize("pattern", ["", SIX_DIGITS])
def test_a_structured_reference_goes_before_another_number_of_the_free_text(db, ledger, pattern):
    """FORMATS.md: structured fields first, then free text. The creditor reference names
    RE-2025-0042; RE-2025-0043 in the free text is not read."""
    _, row = settle_one(db, "camt053", _camt(strd_ref=A, ustrd=(C,))(OPEN[C]), pattern)
    assert paid(ledger) == {A: OPEN[C]}
    assert row.status is RowStatus.BOOKED and row.invoice_number == A
