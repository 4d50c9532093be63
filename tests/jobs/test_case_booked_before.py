"""A case's payment booked directly by a later (corrected) file: assigning the case to
the same invoice would book the money twice. The assignment is refused until the person
confirms it is another payment, and the case desk says so beside the open case. On
SQLite and PostgreSQL, with real imports."""

# The fixtures imported are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.domain.cases import CaseStatus
from desktop_app.domain.same_payment import PaymentBookedBefore
from desktop_app.jobs.case_desk import CASE_ASSIGNED, AllocationRequest
from desktop_app.jobs.settle_file import SettlementEngine
from desktop_app.store.audit import AuditLog
from desktop_app.store.case_operations import assign_case
from tests.domain.formats.builders import CamtEntry, CamtTx, csv_bytes
from tests.jobs.test_case_desk import db, desk, ledger, open_amount, request, statement  # noqa: F401

D = Decimal
HEADER = "Rechnungsnummer;Betrag;Zahldatum;Mandant"
MISTYPED = "RE-2026-0034;40,00;20260301;1"  # the tax advisor's first file: a typo
CORRECTED = "RE-2026-0043;40,00;20260301;1"  # the same payment, the right invoice


def case_then_corrected_file(db) -> int:
    """The mistyped row opens a case; the corrected file books 40,00 of 250,00 directly."""
    engine = SettlementEngine(db)
    first = request(csv_bytes(HEADER, MISTYPED), "closed-items", "gp.csv")
    (case_id,) = engine.run(first).case_ids
    corrected = engine.run(request(csv_bytes(HEADER, CORRECTED), "closed-items", "gp-korr.csv"))
    assert corrected.booked_count == 1 and corrected.case_ids == []
    return case_id


def test_the_store_refuses_a_second_booking_of_the_same_payment_unless_confirmed(db, ledger):
    case_id = case_then_corrected_file(db)
    invoice_id = ledger.invoice("1", "RE-2026-0043").id
    assign = lambda **kw: assign_case(  # noqa: E731
        db, case_id, [(invoice_id, None)], booking_date=request(b"").today, actor="x", **kw
    )
    with pytest.raises(PaymentBookedBefore) as refused:
        assign()
    (earlier,) = refused.value.found
    assert (earlier.invoice_number, earlier.file_name) == ("RE-2026-0043", "gp-korr.csv")
    assert earlier.line == 2
    assert "gp-korr.csv" in refused.value.message_de and "Buchung" in refused.value.message_de
    assert "booked already" in refused.value.message_en
    assert open_amount(ledger, "RE-2026-0043") == D("210.00")  # nothing booked
    done = assign(allow_booked_before=True)
    assert done.booked_before == (earlier,) and done.status is CaseStatus.SETTLED
    assert open_amount(ledger, "RE-2026-0043") == D("170.00")


def test_the_desk_asks_for_confirmation_and_the_audit_records_it(db, ledger):
    case_id = case_then_corrected_file(db)
    wanted = [AllocationRequest(number="RE-2026-0043")]
    with pytest.raises(PaymentBookedBefore):
        desk(db).assign(case_id, wanted)
    assert desk(db).case(case_id).status is CaseStatus.OPEN
    assert AuditLog(db).entries(action=CASE_ASSIGNED) == []
    desk(db).assign(case_id, wanted, allow_booked_before=True)
    (entry,) = AuditLog(db).entries(action=CASE_ASSIGNED)
    assert entry.details["confirmed_booked_before"] is True
    (told,) = entry.details["booked_before"]
    assert (told["invoice"], told["file"]) == ("RE-2026-0043", "gp-korr.csv")
    assert told["amount"] == "40.00"


def test_another_invoice_and_a_reversed_booking_are_no_second_booking(db, ledger):
    case_id = case_then_corrected_file(db)
    (direct,) = desk(db).bookings(invoice="RE-2026-0043")
    desk(db).reverse(direct.id, "doch nicht diese Rechnung")
    done = desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0043")])
    assert done.booked_before == () and open_amount(ledger, "RE-2026-0043") == D("210.00")
    (entry,) = AuditLog(db).entries(action=CASE_ASSIGNED)
    assert "confirmed_booked_before" not in entry.details


def test_a_later_payment_of_another_amount_or_date_is_not_held(db, ledger):
    engine = SettlementEngine(db)
    (case_id,) = engine.run(request(csv_bytes(HEADER, MISTYPED), "closed-items", "gp.csv")).case_ids
    other = csv_bytes(HEADER, "RE-2026-0043;40,00;20260320;1", "RE-2026-0044;39,00;20260301;1")
    assert engine.run(request(other, "closed-items", "andere.csv")).booked_count == 2
    desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0043")])
    desk_case = desk(db).case(case_id)
    assert desk_case.status is CaseStatus.SETTLED


def test_an_open_case_names_the_booking_of_its_payment_on_a_suggested_invoice(db, ledger):
    case_id = case_then_corrected_file(db)
    suggestions = desk(db).suggestions(case_id)
    # The typo's look-alikes, the right one among them (210,00 still open on it).
    others = [s for s in suggestions if s.number != "RE-2026-0043"]
    assert len(others) == len(suggestions) - 1
    assert desk(db).booked_before(case_id, others) == []  # only what is suggested
    (hint,) = desk(db).booked_before(case_id, suggestions)
    assert "Vermutlich schon gebucht" in hint.hint("de") and "gp-korr.csv" in hint.hint("de")
    assert "Probably booked already" in hint.hint("en")


def test_a_bank_payment_booked_by_the_payers_iban_is_named_without_a_suggestion(db, ledger):
    """A transfer without a usable reference opens a case; a later statement books the
    same money (same payer account, amount, date) under the invoice's number."""
    engine = SettlementEngine(db)
    iban = "DE02100100109307118603"
    unknown = CamtEntry(
        D("40.00"), ref="BANK-7", txs=[CamtTx(ustrd=("Danke",), debtor="Meier", debtor_iban=iban)]
    )
    (case_id,) = engine.run(request(statement(unknown))).case_ids
    named = CamtEntry(
        D("40.00"),
        ref="BANK-8",
        txs=[CamtTx(ustrd=("RE-2026-0043",), debtor="Meier", debtor_iban=iban)],
    )
    assert engine.run(request(statement(named, statement_id="S2"), name="b.xml")).booked_count == 1
    (hint,) = desk(db).booked_before(case_id, [])
    assert hint.invoice_number == "RE-2026-0043" and hint.file_name == "b.xml"
    with pytest.raises(PaymentBookedBefore):
        desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0043")])


def test_a_confirmation_covers_the_bookings_shown_not_one_made_since(db, ledger):
    case_id = case_then_corrected_file(db)
    wanted = [AllocationRequest(number="RE-2026-0043")]
    with pytest.raises(PaymentBookedBefore) as refused:
        desk(db).assign(case_id, wanted)
    shown = frozenset(b.booking_id for b in refused.value.found)
    later = csv_bytes(HEADER, "RE-2026-0043;40,00;20260302;1")  # booked while deciding
    assert SettlementEngine(db).run(request(later, "closed-items", "gp-korr2.csv")).booked_count
    with pytest.raises(PaymentBookedBefore) as again:
        desk(db).assign(case_id, wanted, allow_booked_before=shown)
    assert [b.file_name for b in again.value.found] == ["gp-korr.csv", "gp-korr2.csv"]
    assert open_amount(ledger, "RE-2026-0043") == D("170.00")  # nothing of the case booked
    every = frozenset(b.booking_id for b in again.value.found)
    assert desk(db).assign(case_id, wanted, allow_booked_before=every).status.value == "settled"
