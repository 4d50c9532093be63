"""Klärungsfälle against a real ledger, on SQLite and PostgreSQL: opened by imports,
suggested, assigned, closed, reversed; never a second case, never a double booking."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.cases import (
    AllocationError,
    CaseNotAllowed,
    CaseNotOpen,
    CaseStatus,
    CurrencyNotAssignable,
    NotReversible,
    ReasonRequired,
)
from desktop_app.domain.interface import CaseOptions, ChainOptions, SettleUntil
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.domain.settlement import RowStatus
from desktop_app.jobs.case_desk import (
    BOOKING_REVERSED,
    CASE_ASSIGNED,
    CASE_CLOSED,
    AllocationRequest,
    CaseActor,
    CaseDesk,
)
from desktop_app.jobs.settle_file import (
    ConcurrentChange,
    ImportOutcome,
    ImportRequest,
    SettlementEngine,
)
from desktop_app.store.audit import AuditLog
from desktop_app.store.booking_list import count_bookings, stream_bookings
from desktop_app.store.cases import CaseFilter
from desktop_app.store.catalog import Catalog
from desktop_app.store.ledger import Ledger
from tests.domain.formats.builders import CamtEntry, CamtTx, camt_file, csv_bytes

D = Decimal
TODAY = date(2026, 3, 14)
ADMIN = CaseActor("chefin", None, True)
STAFF = CaseActor("mitarbeiter", None, False)
INVOICES = [
    ("RE-2026-0041", "120,00", "Max Mustermann"),
    ("RE-2026-0042", "89,90", "Erika Musterfrau"),
    ("RE-2026-0043", "250,00", "Hans Meier"),
    ("RE-2026-0044", "120,00", "Jürgen Schulz"),
]


@pytest.fixture
def db(any_db):
    return any_db


@pytest.fixture
def ledger(db):
    lines = ["Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;Kunde"] + [
        f"{n};1;Optik Nord;0{i}.02.2026;{a};{k}" for i, (n, a, k) in enumerate(INVOICES, 1)
    ]
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices("\n".join(lines).encode(), file_name="r.csv"))
    return ledger


def request(data: bytes, fmt: str = "camt053", name: str = "auszug.xml", **kw) -> ImportRequest:
    return ImportRequest(
        data=data,
        file_name=name,
        format_id=fmt,
        mandants=("1",),
        settle_until=kw.pop("settle_until", SettleUntil.YESTERDAY),
        today=TODAY,
        **kw,
    )


def statement(*entries: CamtEntry, statement_id: str = "S1") -> bytes:
    return camt_file(*entries, statement_id=statement_id)


MAX_PAYS = CamtEntry(
    D("120.00"),
    ref="BANK-1",
    txs=[CamtTx(ustrd=("Brille, Danke",), debtor="MUSTERMANN, MAX", debtor_iban="DE11")],
)


def desk(db, actor=ADMIN) -> CaseDesk:
    return CaseDesk(db, actor, today=lambda: TODAY)


def open_amount(ledger, number):
    return ledger.invoice("1", number).open_amount


def test_an_unmatched_payment_opens_one_case_with_ranked_suggestions(db, ledger):
    result = SettlementEngine(db).run(request(statement(MAX_PAYS)))
    assert result.outcome is ImportOutcome.NOTHING and len(result.case_ids) == 1
    (case,) = desk(db).cases(CaseFilter(open_only=True))
    assert (case.code, case.payer_name, case.amount, case.remaining) == (
        "no-reference", "MUSTERMANN, MAX", D("120.00"), D("120.00")
    )  # fmt: skip
    assert case.mandants == ("1",) and case.file_name == "auszug.xml"
    first, second, *_ = desk(db).suggestions(case.id)
    # The customer's name and the amount beat an invoice that only has the amount.
    assert (first.number, [r.code for r in first.reasons]) == ("RE-2026-0041", ["amount", "name"])
    assert (second.number, [r.code for r in second.reasons]) == ("RE-2026-0044", ["amount"])


def test_the_same_row_never_opens_a_second_case(db, ledger):
    engine = SettlementEngine(db)
    first = engine.run(request(statement(MAX_PAYS)))
    again = engine.run(request(statement(MAX_PAYS)))  # the same content (it booked nothing)
    other = engine.run(  # the same bank transaction in an overlapping statement
        request(statement(MAX_PAYS, statement_id="S2"), name="auszug2.xml")
    )
    assert len(first.case_ids) == 1 and again.case_ids == [] and other.case_ids == []
    assert again.seen_case_ids == first.case_ids == other.seen_case_ids
    assert len(desk(db).cases()) == 1


def test_assigning_books_lowers_the_open_amount_settles_the_case_and_is_audited(db, ledger):
    (case_id,) = SettlementEngine(db).run(request(statement(MAX_PAYS))).case_ids
    done = desk(db, STAFF).assign(case_id, [AllocationRequest(number="re 2026 0041")])
    assert done.status is CaseStatus.SETTLED and done.remaining == 0
    assert open_amount(ledger, "RE-2026-0041") == 0
    (booking,) = desk(db).bookings(invoice="RE-2026-0041")
    assert (booking.amount, booking.booking_date, booking.no_export) == (
        D("120.00"), date(2026, 3, 13), True  # dated by the import's rule: yesterday
    )  # fmt: skip
    assert (booking.case_id, booking.created_by) == (case_id, "mitarbeiter")
    (entry,) = AuditLog(db).entries(action=CASE_ASSIGNED)
    assert (entry.actor, entry.target) == ("mitarbeiter", f"Klärungsfall {case_id}")
    assert entry.details["invoices"] == [{"amount": "120.00", "invoice": "RE-2026-0041",
                                          "mandant": "1"}]  # fmt: skip
    with pytest.raises(CaseNotOpen):
        desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0044")])


def test_a_payment_is_split_but_never_over_booked(db, ledger):
    (case_id,) = SettlementEngine(db).run(request(statement(MAX_PAYS))).case_ids
    with pytest.raises(AllocationError):  # 89.90 open on 0042
        desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0042", amount=D("100"))])
    with pytest.raises(AllocationError):  # only 120 came in
        desk(db).assign(
            case_id,
            [AllocationRequest(number="RE-2026-0043", amount=D("100")),
             AllocationRequest(number="RE-2026-0042", amount=D("30"))],
        )  # fmt: skip
    assert open_amount(ledger, "RE-2026-0043") == D("250.00")  # nothing of it stayed
    done = desk(db).assign(
        case_id,
        [AllocationRequest(number="RE-2026-0042"), AllocationRequest(number="RE-2026-0043")],
    )
    assert [(p.invoice_number, p.amount) for p in done.parts] == [
        ("RE-2026-0042", D("89.90")),
        ("RE-2026-0043", D("30.10")),
    ]
    assert done.status is CaseStatus.SETTLED
    assert open_amount(ledger, "RE-2026-0043") == D("219.90")


def test_closing_without_a_booking_needs_a_reason_and_the_right(db, ledger):
    (case_id,) = SettlementEngine(db).run(request(statement(MAX_PAYS))).case_ids
    assert desk(db).suggestions(case_id)  # open: the invoices it may be meant for
    with pytest.raises(CaseNotAllowed):
        desk(db, STAFF).close(case_id, "an Kunden zurücküberwiesen")
    with pytest.raises(ReasonRequired):
        desk(db).close(case_id, "   ")
    with pytest.raises(ReasonRequired):
        desk(db).close(case_id, "zurück\tüberwiesen")
    Catalog(db).set_chain_options(ChainOptions(cases=CaseOptions(staff_may_close=True)))
    desk(db, STAFF).close(case_id, "an Kunden zurücküberwiesen")
    case = desk(db).case(case_id)
    assert (case.status, case.close_reason, case.closed_by) == (
        CaseStatus.CLOSED, "an Kunden zurücküberwiesen", "mitarbeiter"
    )  # fmt: skip
    assert desk(db).suggestions(case_id) == []  # done: nothing left to assign
    with pytest.raises(CaseNotOpen) as refused:
        desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0041")])
    assert "nicht mehr zugeordnet" in refused.value.message_de  # no storno can open it
    assert [e.details for e in AuditLog(db).entries(action=CASE_CLOSED)] == [
        {"reason": "an Kunden zurücküberwiesen"}
    ]


def test_a_storno_restores_the_open_amount_and_reopens_the_case(db, ledger):
    (case_id,) = SettlementEngine(db).run(request(statement(MAX_PAYS))).case_ids
    (part,) = desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0044")]).parts
    with pytest.raises(CaseNotAllowed):
        desk(db, STAFF).reverse(part.booking_id, "falscher Kunde")
    with pytest.raises(ReasonRequired):
        desk(db).reverse(part.booking_id, "")
    done = desk(db).reverse(part.booking_id, "falscher Kunde")
    assert (done.case_id, done.case_created, done.open_after) == (case_id, False, D("120.00"))
    assert open_amount(ledger, "RE-2026-0044") == D("120.00")
    case = desk(db).case(case_id)
    assert (case.status, case.remaining) == (CaseStatus.OPEN, D("120.00"))
    booking, counter = desk(db).bookings(invoice="RE-2026-0044")
    assert (counter.amount, counter.reverses_id, counter.note) == (
        D("-120.00"), booking.id, "falscher Kunde"
    )  # fmt: skip
    assert booking.reversed_by_id == counter.id and not booking.reversible
    with pytest.raises(NotReversible):
        desk(db).reverse(booking.id, "noch einmal")
    with pytest.raises(NotReversible):
        desk(db).reverse(counter.id, "die Storno")
    (entry,) = AuditLog(db).entries(action=BOOKING_REVERSED)
    assert entry.actor == "chefin" and entry.details["reason"] == "falscher Kunde"
    desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0041")])  # now the right one
    assert open_amount(ledger, "RE-2026-0041") == 0


def refuse_audit_entries(db) -> None:
    """The audit log takes no entry from now on, as a full disk or a lost connection at
    that moment would: a real trigger of the database, no patched code."""
    from sqlalchemy import text

    statements = (
        ["CREATE TRIGGER no_audit BEFORE INSERT ON audit_log "
         "BEGIN SELECT RAISE(ABORT, 'no audit entries'); END"]
        if db.is_sqlite
        else ["CREATE FUNCTION no_audit() RETURNS trigger AS "
              "$$ BEGIN RAISE EXCEPTION 'no audit entries'; END $$ LANGUAGE plpgsql",
              "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log "
              "FOR EACH ROW EXECUTE FUNCTION no_audit()"]
    )  # fmt: skip
    with db.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def test_a_case_action_and_its_audit_entry_stand_or_fall_together(db, ledger):
    engine = SettlementEngine(db)
    (first,) = engine.run(request(statement(MAX_PAYS))).case_ids
    (part,) = desk(db).assign(first, [AllocationRequest(number="RE-2026-0044")]).parts
    other = CamtEntry(D("50.00"), ref="BANK-2", txs=[CamtTx(ustrd=("Danke",))])
    (second,) = engine.run(request(statement(other, statement_id="S2"), name="b.xml")).case_ids
    refuse_audit_entries(db)
    with pytest.raises(Exception, match="no audit entries"):
        desk(db).assign(second, [AllocationRequest(number="RE-2026-0043")])
    with pytest.raises(Exception, match="no audit entries"):
        desk(db).close(second, "an Kunden zurücküberwiesen")
    with pytest.raises(Exception, match="no audit entries"):
        desk(db).reverse(part.booking_id, "falscher Kunde")
    # Nothing of the three stands: an unaudited change never happened.
    assert open_amount(ledger, "RE-2026-0043") == D("250.00")
    assert desk(db).case(second).status is CaseStatus.OPEN
    assert open_amount(ledger, "RE-2026-0044") == 0
    assert [b.amount for b in desk(db).bookings(invoice="RE-2026-0044")] == [D("120.00")]


def test_a_storno_never_reopens_what_a_person_closed_of_the_payment(db, ledger):
    (case_id,) = SettlementEngine(db).run(request(statement(MAX_PAYS))).case_ids
    (part,) = (
        desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0043", amount=D("60"))]).parts
    )
    desk(db).close(case_id, "60 EUR an den Kunden zurücküberwiesen")
    closed = desk(db).case(case_id)
    assert (closed.status, closed.remaining, closed.closed_amount) == (
        CaseStatus.CLOSED, D("0.00"), D("60.00")
    )  # fmt: skip
    desk(db).reverse(part.booking_id, "falsche Rechnung")
    case = desk(db).case(case_id)
    assert (case.status, case.remaining) == (CaseStatus.OPEN, D("60.00"))
    assert case.close_reason == "60 EUR an den Kunden zurücküberwiesen"
    with pytest.raises(AllocationError):  # the refunded 60 never come back
        desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0041", amount=D("120"))])
    done = desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0041")])
    assert [p.amount for p in done.parts] == [D("60.00")]
    assert open_amount(ledger, "RE-2026-0041") == D("60.00")


def test_a_storno_of_an_overpayment_keeps_its_refunded_surplus_closed(db, ledger):
    over = CamtEntry(D("100.00"), ref="BANK-2", txs=[CamtTx(ustrd=("RE-2026-0042",))])
    (case_id,) = SettlementEngine(db).run(request(statement(over))).case_ids
    desk(db).close(case_id, "Überzahlung zurücküberwiesen")
    (auto,) = desk(db).bookings(invoice="RE-2026-0042")
    desk(db).reverse(auto.id, "gehört zu einer anderen Rechnung")
    case = desk(db).case(case_id)
    assert (case.status, case.remaining) == (CaseStatus.OPEN, D("89.90"))


def test_reversing_an_import_booking_opens_a_case_for_its_payment(db, ledger):
    paid = CamtEntry(D("89.90"), ref="BANK-7", txs=[CamtTx(ustrd=("RE-2026-0042",))])
    SettlementEngine(db).run(request(statement(paid)))
    assert open_amount(ledger, "RE-2026-0042") == 0
    (booking,) = desk(db).bookings(invoice="RE-2026-0042")
    done = desk(db).reverse(booking.id, "Zahlung gehörte zu einer anderen Rechnung")
    assert done.case_created and open_amount(ledger, "RE-2026-0042") == D("89.90")
    case = desk(db).case(done.case_id)
    assert (case.status, case.code, case.remaining) == (
        CaseStatus.OPEN, "reversed-booking", D("89.90")
    )  # fmt: skip
    # The case's bookings show the storno with the booking it reverses (of no case).
    listed = desk(db).bookings(case_id=done.case_id)
    assert [(b.id, b.amount, b.case_id) for b in listed] == [
        (booking.id, D("89.90"), None), (done.counter_id, D("-89.90"), done.case_id)
    ]  # fmt: skip
    assert [b.id for b in desk(db).booking_listing(case_id=done.case_id)] == [
        booking.id, done.counter_id
    ]  # fmt: skip
    assert count_bookings(db, case_id=done.case_id) == 2
    # The same statement again: the transaction was booked once, it stays so.
    again = SettlementEngine(db).run(request(statement(paid, statement_id="S9"), name="b.xml"))
    assert again.booked_count == 0 and again.case_ids == []


def test_an_overpayment_opens_a_case_for_its_surplus(db, ledger):
    over = CamtEntry(D("100.00"), ref="BANK-2", txs=[CamtTx(ustrd=("RE-2026-0042",))])
    (case_id,) = SettlementEngine(db).run(request(statement(over))).case_ids
    case = desk(db).case(case_id)
    assert (case.code, case.booked_by_import, case.remaining) == (
        "overpaid",
        D("89.90"),
        D("10.10"),
    )
    desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0043")])
    assert open_amount(ledger, "RE-2026-0043") == D("239.90")
    (auto,) = [b for b in desk(db).bookings(invoice="RE-2026-0042")]
    desk(db).reverse(auto.id, "doch nicht")
    case = desk(db).case(case_id)  # the same case: its payment is open again
    assert (case.status, case.remaining) == (CaseStatus.OPEN, D("89.90"))
    # Its bookings: the surplus placed, and the import's booking beside its storno.
    listed = [(b.invoice_number, b.amount) for b in desk(db).bookings(case_id=case_id)]
    assert listed == [
        ("RE-2026-0042", D("89.90")), ("RE-2026-0043", D("10.10")), ("RE-2026-0042", D("-89.90"))
    ]  # fmt: skip


def invoice_0050_arrives(db) -> None:
    """The invoice an unmatched row named comes into the ledger after its case opened."""
    Ledger(db).import_invoices(
        read_invoices(
            b"Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nRE-2026-0050;1;01.03.2026;40,00\n",
            file_name="r2.csv",
        )
    )


def test_a_row_whose_case_was_dealt_with_is_never_booked_by_a_later_import(db, ledger):
    rows = csv_bytes("Rechnungsnummer;Betrag;Zahldatum;Mandant", "RE-2026-0050;40,00;20260301;1")
    engine = SettlementEngine(db)
    (case_id,) = engine.run(request(rows, "closed-items", "gp.csv")).case_ids
    desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0043")])
    # Now the invoice the row names arrives in the ledger, and the file comes again.
    invoice_0050_arrives(db)
    again = engine.run(request(rows, "closed-items", "gp.csv"))
    assert again.booked_count == 0 and again.case_ids == []
    (row,) = again.plan.reported
    assert row.status is RowStatus.DUPLICATE and f"Klärungsfall {case_id}" in row.reason_de
    assert open_amount(ledger, "RE-2026-0050") == D("40.00")


def test_an_open_case_is_settled_when_a_later_import_books_its_row(db, ledger):
    rows = csv_bytes("Rechnungsnummer;Betrag;Zahldatum;Mandant", "RE-2026-0050;40,00;20260301;1")
    engine = SettlementEngine(db)
    (case_id,) = engine.run(request(rows, "closed-items", "gp.csv")).case_ids
    invoice_0050_arrives(db)
    again = engine.run(request(rows, "closed-items", "gp.csv"))
    assert again.booked_count == 1 and open_amount(ledger, "RE-2026-0050") == 0
    case = desk(db).case(case_id)
    assert (case.status, case.remaining, case.closed_by) == (CaseStatus.SETTLED, 0, "Import")


@pytest.mark.parametrize("person", ["assigns", "closes"])
def test_a_case_dealt_with_between_plan_and_write_is_not_booked_again(db, ledger, person):
    rows = csv_bytes("Rechnungsnummer;Betrag;Zahldatum;Mandant", "RE-2026-0050;40,00;20260301;1")
    engine = SettlementEngine(db)
    (case_id,) = engine.run(request(rows, "closed-items", "gp.csv")).case_ids
    invoice_0050_arrives(db)
    again = request(rows, "closed-items", "gp.csv")
    planned = engine.plan(again)  # a preview left open: it would book the row
    assert planned.plan is not None and len(planned.plan.bookings) == 1
    if person == "assigns":
        desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0043")])
    else:
        desk(db).close(case_id, "an den Kunden zurücküberwiesen")
    with pytest.raises(ConcurrentChange):
        engine.apply(again, planned)
    replanned = engine.run(again)
    assert replanned.booked_count == 0
    assert open_amount(ledger, "RE-2026-0050") == D("40.00")
    assert desk(db).case(case_id).closed_by == "chefin"  # the person's, not the import's


def test_a_row_repeated_by_a_file_sent_again_is_marked_as_the_same_payment(db, ledger):
    header = "Rechnungsnummer;Betrag;Zahldatum;Mandant"
    row = "RE-2026-0050;40,00;20260301;1"
    engine = SettlementEngine(db)
    (first,) = engine.run(request(csv_bytes(header, row), "closed-items", "gp.csv")).case_ids
    desk(db).assign(first, [AllocationRequest(number="RE-2026-0043")])
    other = "RE-2026-0051;40,00;20260302;1"  # another payment: a case of its own
    again = csv_bytes(header, row, other)
    repeated, new = engine.run(request(again, "closed-items", "gp-neu.csv")).case_ids
    case = desk(db).case(repeated)
    assert case.code == "possible-duplicate"
    assert f"Klärungsfall {first}" in case.reason_text("de") and "gp.csv" in case.reason_text()
    assert f"case {first}" in case.reason_text("en")
    assert desk(db).case(new).code == "not-found"


@pytest.mark.parametrize("dealt_with", ["open", "closed", "assigned"])
def test_a_row_of_a_case_of_another_file_is_held_when_its_invoice_has_come(db, ledger, dealt_with):
    """A payment seen before without its invoice (refunded, still open, or placed by
    hand) is named again by a list sent again with more rows, after the invoice came
    into the ledger: it is held for a person, never booked a second time."""
    header = "Rechnungsnummer;Betrag;Zahldatum;Mandant"
    row = "RE-2026-0050;40,00;20260301;1"
    engine = SettlementEngine(db)
    (first,) = engine.run(request(csv_bytes(header, row), "closed-items", "gp.csv")).case_ids
    if dealt_with == "closed":
        desk(db).close(first, "an Kunden zurücküberwiesen")
    elif dealt_with == "assigned":
        desk(db).assign(first, [AllocationRequest(number="RE-2026-0043", amount=D("40.00"))])
    invoice_0050_arrives(db)
    extended = csv_bytes(header, row, "RE-2026-0041;120,00;20260302;1")
    result = engine.run(request(extended, "closed-items", "gp-ergaenzt.csv"))
    assert [(b.invoice_number, b.amount) for b in result.plan.bookings] == [
        ("RE-2026-0041", D("120.00"))
    ]
    (held,) = result.plan.reported
    assert (held.line, held.status) == (2, RowStatus.POSSIBLE_DUPLICATE)
    assert f"Klärungsfall {first}, Datei „gp.csv“, Zeile 2" in held.reason_text("de")
    assert f"case {first}, file “gp.csv”, line 2" in held.reason_text("en")
    assert open_amount(ledger, "RE-2026-0050") == D("40.00")


def test_a_storno_is_never_dated_before_the_booking_it_reverses(db, ledger):
    Catalog(db).set_chain_options(ChainOptions(future_booking_months=1))
    rows = csv_bytes("Rechnungsnummer;Betrag;Zahldatum;Mandant", "RE-2026-0041;120,00;20260313;1")
    tomorrow = request(rows, "closed-items", "gp.csv", settle_until=SettleUntil.TOMORROW)
    (booking,) = SettlementEngine(db).run(tomorrow).plan.bookings
    (listed,) = desk(db).bookings(invoice="RE-2026-0041")
    assert listed.booking_date == date(2026, 3, 15)  # "morgen" of the 14th
    done = desk(db).reverse(listed.id, "falsche Datei")
    counter = next(b for b in desk(db).bookings(invoice="RE-2026-0041") if b.id == done.counter_id)
    assert counter.booking_date == date(2026, 3, 15) and counter.amount == D("-120.00")
    assert booking.amount == D("120.00")


def test_a_foreign_currency_payment_can_only_be_closed(db, ledger):
    data = statement(MAX_PAYS).replace(b'Ccy="EUR">120.00', b'Ccy="USD">120.00')
    (case_id,) = SettlementEngine(db).run(request(data)).case_ids
    assert desk(db).case(case_id).code == "foreign-currency"
    with pytest.raises(CurrencyNotAssignable):
        desk(db).assign(case_id, [AllocationRequest(number="RE-2026-0041")])


def test_the_same_payer_suggests_the_customer_it_paid_before(db, ledger):
    earlier = CamtEntry(
        D("89.90"),
        ref="B-1",
        txs=[CamtTx(ustrd=("RE-2026-0042",), debtor="E. M.", debtor_iban="DE77")],
    )
    SettlementEngine(db).run(request(statement(earlier)))
    more = (
        "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag;Kunde\n"
        "RE-2026-0060;1;01.03.2026;15,00;Erika Musterfrau\n"
    )
    Ledger(db).import_invoices(read_invoices(more.encode(), file_name="r3.csv"))
    later = CamtEntry(
        D("15.00"), ref="B-2", txs=[CamtTx(ustrd=("Danke",), debtor="E. M.", debtor_iban="DE77")]
    )
    (case_id,) = (
        SettlementEngine(db)
        .run(request(statement(later, statement_id="S2"), name="x.xml"))
        .case_ids
    )
    (best, *_) = desk(db).suggestions(case_id)
    assert best.number == "RE-2026-0060"
    assert [r.code for r in best.reasons] == ["amount", "payer"]


def test_a_booking_listing_streams_and_says_when_its_limit_cut_it(db, ledger):
    paid = "Rechnungsnummer;Betrag;Zahldatum;Mandant\n" + "".join(
        f"{number};{amount};20260302;1\n" for number, amount, _ in INVOICES
    )
    SettlementEngine(db).run(request(paid.encode(), fmt="closed-items", name="z.csv"))
    numbers = [number for number, _, _ in INVOICES]
    cut = desk(db).booking_listing(limit=3)
    assert [b.invoice_number for b in cut] == numbers[:3]
    assert (cut.shown, cut.truncated, cut.total()) == (3, True, 4)
    exact = desk(db).booking_listing(limit=4)
    assert [b.invoice_number for b in exact] == numbers
    assert (exact.truncated, exact.total()) == (False, 4)
    every = desk(db).booking_listing(limit=None)
    assert [b.invoice_number for b in every] == numbers and not every.truncated
    narrowed = desk(db).booking_listing(invoice="RE-2026-0042", limit=1)
    assert [b.invoice_number for b in narrowed] == ["RE-2026-0042"] and not narrowed.truncated
    # Batches of two (a server-side cursor on PostgreSQL); a read ended midway frees it.
    assert [b.invoice_number for b in stream_bookings(db, batch=2)] == numbers
    rows = stream_bookings(db, batch=1)
    next(rows)
    rows.close()
    assert count_bookings(db) == 4 and count_bookings(db, case_id=999) == 0


def test_an_administrator_demoted_elsewhere_may_no_longer_reverse_or_close(db, ledger):
    """The window's copy of the login says administrator until it reads the user again;
    another administrator's change (another computer, the same database) counts at once."""
    from desktop_app.domain.users import Group
    from desktop_app.store.users import UserRepository

    users = UserRepository(db)
    chefin = users.create("chefin", "Chefin-Passwort-1", Group.ADMINISTRATORS)
    other = users.create("zweite", "Zweite-Passwort-1", Group.ADMINISTRATORS)
    logged_in = desk(db, CaseActor.of_user(chefin))  # the rights as at the login
    (case_id,) = SettlementEngine(db).run(request(statement(MAX_PAYS))).case_ids
    (part,) = logged_in.assign(case_id, [AllocationRequest(number="RE-2026-0044")]).parts
    assert logged_in.may_reverse() and logged_in.may_close()

    users.set_group(chefin.id, Group.STAFF)  # by the other administrator, elsewhere
    assert not logged_in.may_reverse() and not logged_in.may_close()
    with pytest.raises(CaseNotAllowed):
        logged_in.reverse(part.booking_id, "falscher Kunde")
    assert open_amount(ledger, "RE-2026-0044") == D("0.00")

    users.set_group(chefin.id, Group.ADMINISTRATORS)
    users.set_enabled(chefin.id, False)  # deactivated: an administrator no longer
    with pytest.raises(CaseNotAllowed):
        logged_in.reverse(part.booking_id, "falscher Kunde")
    assert open_amount(ledger, "RE-2026-0044") == D("0.00")
    assert other.is_admin  # the chain keeps an administrator throughout
