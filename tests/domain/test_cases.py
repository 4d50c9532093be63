"""Which rows open a Klärungsfall, and the rules of an assignment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.cases import (
    Allocation,
    AllocationError,
    CaseDraft,
    case_drafts,
    check_allocations,
    remaining_amount,
)
from desktop_app.domain.formats import parse
from desktop_app.domain.invoice_index import OpenInvoice
from desktop_app.domain.settlement import plan_settlement
from tests.domain.formats.builders import CamtEntry, CamtTx, camt_file, csv_bytes

D = Decimal


def invoice(i: int, amount: str = "100.00", mandant: str = "1") -> OpenInvoice:
    return OpenInvoice(i, f"RE-2026-{i:04d}", mandant, None, date(2026, 2, 1), D(amount), D(amount))


def drafts(data: bytes, fmt: str, invoices) -> list[CaseDraft]:
    parsed = parse(data, fmt, file_name="f")
    plan = plan_settlement(parsed, invoices, mandants=("1",), booking_date=date(2026, 3, 1))
    return case_drafts(plan, parsed.records)


def test_money_in_that_was_not_booked_in_full_opens_a_case_and_nothing_else_does():
    data = csv_bytes(
        "Rechnungsnummer;Betrag;Zahldatum;Mandant",
        "RE-2026-0001;100,00;20260301;1",  # booked
        "RE-2026-0002;130,00;20260301;1",  # overpaid by 30
        "GS-2026-0003;50,00;20260301;1",  # a look-alike
        "RE-2026-0099;;20260301;1",  # unknown, no amount
        "RE-2026-0004;-10,00;20260301;1",  # not money in
        "RE-2026-0004;10,00;20260301;2",  # another Mandant's
        "RE-2026-0001;5,00;20260301;1",  # the invoice is paid already: 5 € to place
    )
    found = drafts(data, "closed-items", [invoice(i) for i in range(1, 5)])
    assert [(d.line, d.code, d.amount, d.booked) for d in found] == [
        (3, "overpaid", D("130.00"), D("100.00")),
        (4, "possible-match", D("50.00"), D("0")),
        (5, "not-found", None, D("0")),
        (7, "other-mandant", D("10.00"), D("0")),
        (8, "already-settled", D("5.00"), D("0")),
    ]
    assert found[1].possible == ("RE-2026-0003",)
    assert found[3].mandant_hint == "2"
    assert len({d.source_key for d in found}) == 5


def test_a_bank_row_keeps_payer_account_text_and_value_date():
    data = camt_file(
        CamtEntry(
            D("89.90"),
            ref="BANK-1",
            txs=[CamtTx(ustrd=("Brille Kundennr 4711",), debtor="Mustermann, Max",
                        debtor_iban="DE89 3704 0044 0532 0130 00")],
        ),
        CamtEntry(D("20.00"), credit=False, ref="BANK-2", txs=[CamtTx(ustrd=("Gebühr",))]),
        CamtEntry(D("30.00"), status="PDNG", ref="BANK-3", txs=[CamtTx(ustrd=("später",))]),
    )  # fmt: skip
    (draft,) = drafts(data, "camt053", [invoice(1)])
    assert draft.code == "no-reference"
    assert (draft.payer_name, draft.payer_iban) == ("Mustermann, Max", "DE89370400440532013000")
    assert "Kundennr 4711" in draft.text
    assert draft.value_date == date(2026, 3, 6)
    assert draft.amount == D("89.90")


def test_an_assignment_never_books_more_than_is_open_or_left():
    a = Allocation(1, "RE-1", D("50.00"))
    b = Allocation(2, "RE-2", D("80.00"))
    planned = check_allocations([a, b], D("100.00"))
    assert [amount for _, amount in planned] == [D("50.00"), D("50.00")]
    assert "nur 50,00 € offen" in refused([Allocation(1, "RE-1", D("50.00"), D("60.00"))], "100")
    assert "nur noch 20,00 € übrig" in refused([Allocation(1, "RE-1", D("50.00"), D("30"))], "20")
    assert "nichts mehr übrig" in refused([a, b, Allocation(3, "RE-3", D("10.00"))], "130")
    assert "nur einmal" in refused([a, a], "100")
    assert "genau eine Rechnung" in refused([a, b], None)
    assert "zwei Nachkommastellen" in refused([Allocation(1, "RE-1", D("50"), D("0.001"))], "1")
    assert "nichts mehr offen" in refused([Allocation(1, "RE-1", D("0.00"))], "100")
    assert "mindestens eine" in refused([], "100")


def refused(allocations, remaining) -> str:
    with pytest.raises(AllocationError) as refusal:
        check_allocations(allocations, None if remaining is None else D(remaining))
    return refusal.value.message_de


def test_a_payment_without_an_amount_pays_the_whole_open_amount_of_one_invoice():
    ((_, amount),) = check_allocations([Allocation(1, "RE-1", D("42.00"))], None)
    assert amount == D("42.00")
    assert remaining_amount(None, D(0), D(0)) is None
    assert remaining_amount(None, D(0), D("42.00")) == 0
    assert remaining_amount(D("100.00"), D("30.00"), D("-20.00")) == D("90.00")
