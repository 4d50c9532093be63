"""Every settlement rule of FORMATS.md, on files composed here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.formats import ParsedFile, ParseOptions, parse
from desktop_app.domain.formats.options import FileDateSource
from desktop_app.domain.reason_texts import Reason
from desktop_app.domain.settlement import (
    EarlierBooking,
    GuardConfig,
    OpenInvoice,
    RowStatus,
    SettlementPlan,
    plan_settlement,
)
from tests.domain.formats.builders import (
    CamtEntry,
    CamtTx,
    Mt940Line,
    Mt940Statement,
    camt_file,
    csv_bytes,
    mt940_file,
)

TODAY = date(2026, 3, 10)
D = Decimal


def inv(
    id: int, number: str, open_amount: str, *, mandant: str = "1", day: date = date(2026, 3, 1)
) -> OpenInvoice:
    return OpenInvoice(id, number, mandant, None, day, D(open_amount), D(open_amount))


def closed(*rows: str, header: str = "Rechnungsnummer;Betrag;Zahldatum;Mandant") -> ParsedFile:
    return parse(csv_bytes(header, *rows), "closed-items", file_name="gp.csv")


def open_items(
    *rows: str, file_date: date | None = None, source: FileDateSource | None = None
) -> ParsedFile:
    options = ParseOptions(file_date=file_date, file_date_source=source)
    data = csv_bytes("Rechnungsnummer;OffenerBetrag;Mandant", *rows)
    return parse(data, "open-items", file_name="op.csv", options=options)


def plan(parsed: ParsedFile, invoices: list[OpenInvoice], **kw: object) -> SettlementPlan:
    kw.setdefault("mandants", ["1"])
    kw.setdefault("booking_date", TODAY)
    return plan_settlement(parsed, invoices, **kw)  # type: ignore[arg-type]


def booked(p: SettlementPlan) -> list[tuple[int, Decimal]]:
    return [(b.invoice_id, b.amount) for b in p.bookings]


def statuses(p: SettlementPlan) -> list[RowStatus]:
    return [r.status for r in p.rows]


# --- matching -----------------------------------------------------------------------------


def test_exact_normalised_number_within_chosen_mandants() -> None:
    invoices = [inv(1, "RE-2026-0001", "100"), inv(2, "RE-2026-0001", "100", mandant="2")]
    p = plan(closed("re 2026/0001;10,00;;"), invoices)
    assert booked(p) == [(1, D("10.00"))]
    assert p.matches[0].method == "exact"


@pytest.mark.parametrize(
    ("number", "possible"),
    [
        ("GS-2026-0001", "RE-2026-0001"),  # a credit note's number: another prefix
        ("XY20260002", "RE-2026-0002"),
        ("2026-0002", "RE-2026-0002"),  # the digits alone
    ],
)
def test_a_look_alike_number_is_never_booked_but_named(number: str, possible: str) -> None:
    invoices = [inv(1, "RE-2026-0001", "100"), inv(2, "RE-2026-0002", "100")]
    p = plan(closed(f"{number};10,00;;"), invoices)
    assert p.bookings == ()
    (row,) = p.rows
    assert row.status is RowStatus.POSSIBLE_MATCH
    assert row.possible_invoices == (possible,)
    assert f"Möglicher Treffer: {possible}" in row.reason_de


def test_never_a_substring() -> None:
    p = plan(closed("42;10,00;;"), [inv(1, "0420", "100"), inv(2, "RE-42-1", "100")])
    assert p.bookings == ()
    assert statuses(p) == [RowStatus.NOT_FOUND]
    assert p.unmatched[0].reason_de


def test_the_invoice_number_found_in_a_longer_reference_cell() -> None:
    p = plan(
        closed("Rechnung RE-0042 Danke;1,00;;"), [inv(1, "RE-0042", "9"), inv(2, "AB-42", "9")]
    )
    assert booked(p) == [(1, D("1.00"))]
    assert p.matches[0].method == "text"


def test_digits_alone_are_taken_from_the_reference_field() -> None:
    p = plan(closed("0042;1,00;;"), [inv(1, "0042", "9"), inv(2, "42", "9")])
    assert booked(p) == [(1, D("1.00"))]


def test_a_number_of_two_mandants_is_ambiguous_without_a_hint() -> None:
    invoices = [inv(1, "RE-1", "9"), inv(2, "RE-1", "9", mandant="2")]
    p = plan(closed("RE-1;1,00;;", "RE-1;1,00;;2"), invoices, mandants=["1", "2"])
    assert statuses(p) == [RowStatus.AMBIGUOUS, RowStatus.BOOKED]
    assert booked(p) == [(2, D("1.00"))]


def test_camt_reference_only_in_cdtr_ref_inf() -> None:
    tx = CamtTx(strd_ref="RE-2026-0001", ustrd=("Danke",))
    data = camt_file(CamtEntry(D("119.00"), txs=[tx]))
    p = plan(parse(data, "camt053", file_name="c.xml"), [inv(1, "RE-2026-0001", "119")])
    assert booked(p) == [(1, D("119.00"))]


def test_a_batch_that_does_not_add_up_books_nothing() -> None:
    entry = CamtEntry(
        Decimal("100.00"),
        txs=[CamtTx(Decimal("60.00"), strd_ref="RE-1"), CamtTx(Decimal("60.00"))],
    )
    parsed = parse(camt_file(entry), "camt053", file_name="auszug.xml")
    p = plan(parsed, [inv(1, "RE-1", "100")])
    assert booked(p) == [] and statuses(p) == [RowStatus.AMBIGUOUS]
    assert "120,00 €" in p.rows[0].reason.de


def test_mt940_common_wording_books_open_invoices() -> None:
    lines = [
        Mt940Line("C", D(20), details="166?20Rechnung-Nr.: INV-00002 v. 13.02.21", bank_ref="A"),
        Mt940Line("C", D(30), details="166?20INV-00003", bank_ref="B"),
    ]
    parsed = parse(mt940_file(Mt940Statement(lines)), "mt940", file_name="k.sta")
    p = plan(parsed, [inv(2, "INV-00002", "20"), inv(3, "INV-00003", "30")])
    assert booked(p) == [(2, D("20.00")), (3, D("30.00"))]


def test_a_purpose_without_a_number_names_no_invoice() -> None:
    lines = [
        Mt940Line("C", D(249), details="166?20Brillenglaeser vielen Dank", bank_ref="A"),
        Mt940Line("C", D(30), details="166?20Rechnung RE-2026-0999", bank_ref="B"),
    ]
    parsed = parse(mt940_file(Mt940Statement(lines)), "mt940", file_name="k.sta")
    p = plan(parsed, [inv(2, "RE-2026-0002", "249")])
    assert p.bookings == ()
    assert statuses(p) == [RowStatus.NO_REFERENCE, RowStatus.NOT_FOUND]


def test_one_payment_for_several_invoices_books_only_their_exact_sum() -> None:
    invoices = [inv(1, "RE-2026-0001", "100"), inv(2, "RE-2026-0002", "50")]
    text = "166?20SVWZ+RE-2026-0001 und RE-2026-0002"
    lines = [Mt940Line("C", D(150), details=text, bank_ref="A")]
    whole = plan(parse(mt940_file(Mt940Statement(lines)), "mt940", file_name="a.sta"), invoices)
    assert booked(whole) == [(1, D("100")), (2, D("50"))]
    assert len({b.source_key for b in whole.bookings}) == 2
    lines = [Mt940Line("C", D(120), details=text, bank_ref="A")]
    part = plan(parse(mt940_file(Mt940Statement(lines)), "mt940", file_name="b.sta"), invoices)
    assert part.bookings == ()
    (row,) = part.rows
    assert row.status is RowStatus.AMBIGUOUS
    assert row.reason_de.startswith("Nennt mehrere Rechnungen (RE-2026-0001, RE-2026-0002)")


# --- amounts ------------------------------------------------------------------------------


def test_no_amount_books_the_whole_open_amount_dated_and_not_exported() -> None:
    parsed = closed("RE-1;;20260305;1")
    p = plan(parsed, [inv(1, "RE-1", "119.00")], booking_date=date(2026, 3, 9))
    (booking,) = p.bookings
    assert (booking.amount, booking.booking_date, booking.exportable) == (
        D("119.00"),
        date(2026, 3, 9),
        False,
    )
    assert booking.line == 2
    assert booking.source_key == parsed.records[0].dedup_key


@pytest.mark.parametrize("amount", ["0,00", "-5,00", "5,00-"])
def test_amount_not_positive_books_nothing(amount: str) -> None:
    p = plan(closed(f"RE-1;{amount};;"), [inv(1, "RE-1", "10")])
    assert p.bookings == ()
    assert statuses(p) == [RowStatus.NOT_MONEY_IN]


def test_datev_skonto_without_turnover_books_nothing() -> None:
    from tests.domain.formats.builders import datev_file, datev_row

    data = datev_file(datev_row("0,00", "H", "10001", "1200", invoice="RE-1", discount="6,00"))
    p = plan(parse(data, "datev-extf", file_name="d.csv"), [inv(1, "RE-1", "100")])
    assert p.bookings == ()
    assert statuses(p) == [RowStatus.NOT_MONEY_IN]


def test_overpayment_books_open_amount_and_reports_surplus() -> None:
    p = plan(closed("RE-1;50,00;;"), [inv(1, "RE-1", "47.60")])
    assert booked(p) == [(1, D("47.60"))]
    (row,) = p.reported
    assert (row.status, row.surplus) == (RowStatus.OVERPAID, D("2.40"))
    assert "2,40 €" in row.reason_de
    assert p.totals.surplus_amount == D("2.40")
    assert p.unmatched == ()  # it did book


def test_partial_payments_in_file_order_track_the_remaining_amount() -> None:
    p = plan(
        closed("RE-1;50,00;;", "RE-1;50,00;;", "RE-1;50,00;;", "RE-1;10,00;;"),
        [inv(1, "RE-1", "120")],
    )
    assert booked(p) == [(1, D("50.00")), (1, D("50.00")), (1, D("20"))]
    assert statuses(p) == [
        RowStatus.BOOKED,
        RowStatus.BOOKED,
        RowStatus.OVERPAID,
        RowStatus.ALREADY_SETTLED,
    ]
    assert p.rows[3].surplus == D("10.00")


def test_two_equal_partial_payments_on_one_day_are_both_booked() -> None:
    p = plan(closed("RE-1;119,00;20260303;1", "RE-1;119,00;20260303;1"), [inv(1, "RE-1", "238")])
    assert booked(p) == [(1, D("119.00")), (1, D("119.00"))]
    assert len({b.source_key for b in p.bookings}) == 2


# --- flags --------------------------------------------------------------------------------


def test_debit_return_reversal_and_pending_bank_lines_book_nothing() -> None:
    lines = [
        Mt940Line("D", D(5), details="166?20RE-2026-0001", bank_ref="A"),
        Mt940Line("RC", D(5), details="166?20RE-2026-0001", bank_ref="B"),
        Mt940Line("RD", D(5), details="166?20RE-2026-0001", bank_ref="C"),
        Mt940Line("D", D(5), details="109?20RE-2026-0001", bank_ref="D"),
    ]
    parsed = parse(mt940_file(Mt940Statement(lines)), "mt940", file_name="k.sta")
    p = plan(parsed, [inv(1, "RE-2026-0001", "100")])
    assert p.bookings == ()
    assert statuses(p) == [
        RowStatus.NOT_MONEY_IN,
        RowStatus.REVERSAL,
        RowStatus.REVERSAL,
        RowStatus.RETURN,
    ]
    # Each names the invoice it concerns, for whoever sorts it out.
    assert {r.possible_invoices for r in p.rows} == {("RE-2026-0001",)}
    camt = camt_file(CamtEntry(D(5), status="PDNG", txs=[CamtTx(ustrd=("RE-2026-0001",))]))
    p = plan(parse(camt, "camt053", file_name="c.xml"), [inv(1, "RE-2026-0001", "100")])
    assert statuses(p) == [RowStatus.PENDING]


def test_datev_reversal_is_reported_not_booked() -> None:
    from tests.domain.formats.builders import datev_file, datev_row

    data = datev_file(
        datev_row("10,00", "S", "1200", "10001", invoice="RE-1"),
        datev_row("10,00", "S", "1200", "10001", invoice="RE-1", reversal=True),
    )
    p = plan(parse(data, "datev-extf", file_name="d.csv"), [inv(1, "RE-1", "100")])
    assert booked(p) == [(1, D("10.00"))]
    assert p.unmatched[0].status is RowStatus.REVERSAL
    assert "Generalumkehr" in p.unmatched[0].reason_de


def test_every_datev_line_is_in_the_result() -> None:
    from tests.domain.formats.builders import datev_file, datev_row

    data = datev_file(
        datev_row("10,00", "S", "1200", "10001", invoice="RE-1"),  # payment
        datev_row("10,00", "H", "10001", "8400", invoice="RE-1"),  # credit against revenue
        datev_row("10,00", "S", "10001", "8400", invoice="RE-1"),  # the invoice
        datev_row("10,00", "S", "4970", "1200", invoice=""),  # a fee
    )
    p = plan(parse(data, "datev-extf", file_name="d.csv"), [inv(1, "RE-1", "100")])
    assert p.totals.rows == len(p.rows) == 4
    assert statuses(p) == [
        RowStatus.BOOKED,
        RowStatus.NOT_A_PAYMENT,
        RowStatus.NOT_MONEY_IN,
        RowStatus.NO_CUSTOMER_ACCOUNT,
    ]


# --- idempotency --------------------------------------------------------------------------


def test_the_same_file_never_books_twice() -> None:
    parsed = closed("RE-1;10,00;;", "RE-1;10,00;;")
    first = plan(parsed, [inv(1, "RE-1", "100")])
    keys = {b.source_key for b in first.bookings}
    again = plan(parsed, [inv(1, "RE-1", "80")], already_booked_keys=keys)
    assert again.bookings == ()
    assert statuses(again) == [RowStatus.DUPLICATE, RowStatus.DUPLICATE]


def test_a_bank_line_in_a_later_file_is_recognised_by_its_bank_key() -> None:
    statement = Mt940Statement([Mt940Line("C", D(10), details="166?20RE-2026-0001")])
    day1 = parse(mt940_file(statement), "mt940", file_name="a.sta")
    # The next download repeats the statement with a second one after it.
    later = Mt940Statement(
        [Mt940Line("C", D(20), details="166?20RE-2026-0001", bank_ref="N")],
        number="00043/001",
        opening=D("1010.00"),
    )
    day2 = parse(mt940_file(statement, later), "mt940", file_name="b.sta")
    first = plan(day1, [inv(1, "RE-2026-0001", "100")])
    earlier = {b.source_key: EarlierBooking(1, D(10), None, "a.sta", 6) for b in first.bookings}
    second = plan(day2, [inv(1, "RE-2026-0001", "90")], already_booked_keys=earlier)
    assert booked(second) == [(1, D("20.00"))]
    assert statuses(second) == [RowStatus.DUPLICATE, RowStatus.BOOKED]
    assert second.rows[0].reason_de.startswith("Bereits gebucht (Datei „a.sta“, Zeile 6)")


def test_a_row_equal_to_a_booking_from_another_file_is_held() -> None:
    earlier = {1: [EarlierBooking(1, D("50.00"), date(2026, 3, 2), "alt.csv", 3)]}
    p = plan(
        closed("RE-1;50,00;20260302;1", "RE-1;50,00;20260303;1", "RE-1;40,00;20260302;1"),
        [inv(1, "RE-1", "150")],
        earlier_bookings=earlier,
    )
    assert statuses(p) == [RowStatus.POSSIBLE_DUPLICATE, RowStatus.BOOKED, RowStatus.BOOKED]
    held = p.rows[0]
    assert held.earlier == earlier[1][0]
    assert "Möglicherweise bereits gebucht (Datei „alt.csv“, Zeile 3)" in held.reason_de


def test_a_statement_repeated_in_one_file_books_once() -> None:
    statement = Mt940Statement([Mt940Line("C", D(10), details="166?20RE-2026-0001")])
    parsed = parse(mt940_file(statement, statement), "mt940", file_name="a.sta")
    p = plan(parsed, [inv(1, "RE-2026-0001", "100")])
    assert booked(p) == [(1, D("10.00"))]


# --- Mandanten, currency ------------------------------------------------------------------


def test_row_for_another_mandant_is_skipped_and_reported() -> None:
    p = plan(closed("RE-1;1,00;;2", "RE-1;1,00;;01"), [inv(1, "RE-1", "9")])
    assert statuses(p) == [RowStatus.OTHER_MANDANT, RowStatus.BOOKED]


def test_01_is_another_mandant_where_the_ledger_keeps_1_and_01_apart() -> None:
    # Without "01" in the ledger, a spreadsheet's dropped zero must not cost the row.
    rows = ("RE-5;30,00;;01", "RE-5;;;01")
    assert statuses(plan(closed(rows[0]), [inv(1, "RE-5", "100")]))[0] is RowStatus.BOOKED
    apart = plan(closed(*rows), [inv(1, "RE-5", "100")], ledger_mandants=["1", "01"])
    assert statuses(apart) == [RowStatus.OTHER_MANDANT, RowStatus.OTHER_MANDANT]
    assert booked(apart) == []
    both = [inv(1, "RE-5", "100"), inv(2, "RE-5", "100", mandant="01")]
    chosen_both = plan(closed(rows[0]), both, mandants=["1", "01"], ledger_mandants=["1", "01"])
    assert booked(chosen_both) == [(2, D("30.00"))]
    op = plan(open_items("RE-5;0,00;01"), [inv(1, "RE-5", "100")], ledger_mandants=["01", "1"])
    assert statuses(op) == [RowStatus.OTHER_MANDANT]


def test_no_mandant_chosen_refuses() -> None:
    p = plan(closed("RE-1;1,00;;"), [inv(1, "RE-1", "9")], mandants=[])
    assert p.refused and p.bookings == ()


def test_foreign_currency_is_not_booked() -> None:
    parsed = closed("RE-1;1,00;;")
    record = replace(parsed.records[0], currency="CHF")
    p = plan(replace(parsed, records=(record,)), [inv(1, "RE-1", "9")])
    assert statuses(p) == [RowStatus.FOREIGN_CURRENCY]


# --- Offene Posten ------------------------------------------------------------------------


def _op_invoices(count: int = 10) -> list[OpenInvoice]:
    return [inv(n, f"RE-{n}", "100") for n in range(1, count + 1)]


def _listing(invoices: list[OpenInvoice], **changes: str) -> list[str]:
    rows = []
    for i in invoices:
        value = changes.get(i.number, "100,00")
        if value != "missing":
            rows.append(f"{i.number};{value};1")
    return rows


def test_open_items_difference_missing_and_negative() -> None:
    invoices = _op_invoices()
    parsed = open_items(
        *_listing(invoices, **{"RE-1": "60,00", "RE-2": "missing", "RE-3": "150,00"}),
        "GS-99;-20,00;1",
    )
    p = plan(parsed, invoices)
    assert p.refused_reason_de is None
    assert sorted(booked(p)) == [(1, D("40.00")), (2, D("100"))]
    by_ref = {r.reference_raw: r for r in p.rows}
    assert by_ref["RE-3"].status == RowStatus.NEGATIVE_DIFFERENCE
    assert by_ref["RE-4"].status == RowStatus.UNCHANGED
    assert by_ref["GS-99"].status == RowStatus.NOT_FOUND
    missing = next(b for b in p.bookings if b.invoice_id == 2)
    assert missing.line is None
    assert p.totals.invoices_in_scope == 10


def test_negative_open_amount_of_a_listed_invoice_is_reported_not_missing() -> None:
    invoices = _op_invoices()
    p = plan(open_items(*_listing(invoices, **{"RE-1": "-10,00"})), invoices)
    assert p.bookings == ()
    assert p.rows[0].status == RowStatus.CREDIT_NOTE


def test_scope_is_chosen_mandants_dated_on_or_before_the_settlement_date() -> None:
    invoices = [
        *_op_invoices(),
        inv(20, "RE-20", "100", day=date(2026, 3, 11)),  # after the settlement date
        inv(21, "RE-21", "100", mandant="2"),  # another Mandant
        inv(22, "RE-22", "100", day=TODAY),  # on the settlement date: in scope
    ]
    parsed = open_items(*_listing(invoices[:10]), "RE-20;50,00;1")
    p = plan(parsed, invoices)
    assert booked(p) == [(22, D("100"))]
    assert p.rows[-1].status == RowStatus.OUT_OF_SCOPE
    assert p.rows[-1].reason_de == (
        f"Rechnungsdatum 11.03.2026 liegt nach dem Buchungsdatum {TODAY:%d.%m.%Y}; nicht gebucht."
    )


def test_a_listed_invoice_paid_meanwhile_is_called_settled_not_out_of_scope() -> None:
    paid = OpenInvoice(30, "RE-30", "1", None, date(2026, 3, 1), D("100"), D("0"))
    invoices = [*_op_invoices(), paid]
    parsed = open_items(*_listing(invoices[:10]), "RE-30;100,00;1")
    p = plan(parsed, invoices)
    assert p.rows[-1].status == RowStatus.ALREADY_SETTLED
    assert p.rows[-1].reason_de == "Rechnung ist bereits ausgeglichen; nichts gebucht."
    assert 30 not in [b.invoice_id for b in p.bookings]


def test_several_open_items_of_one_invoice_are_added_up() -> None:
    invoices = _op_invoices()
    rows = [*_listing(invoices, **{"RE-1": "30,00"}), "RE-1;20,00;1"]
    p = plan(open_items(*rows), invoices)
    assert booked(p) == [(1, D("50.00"))]
    assert p.rows[-1].status == RowStatus.COMBINED


def test_open_items_replayed_after_booking_changes_nothing() -> None:
    invoices = _op_invoices()
    parsed = open_items(*_listing(invoices, **{"RE-1": "60,00", "RE-2": "missing"}))
    first = plan(parsed, invoices)
    paid = {b.invoice_id: b.amount for b in first.bookings}
    after = [
        replace(i, open_amount=i.open_amount - paid.get(i.id, 0))
        for i in invoices
        if i.open_amount - paid.get(i.id, 0) > 0
    ]
    again = plan(parsed, after, already_booked_keys={b.source_key for b in first.bookings})
    assert again.bookings == ()


def test_an_open_item_under_a_look_alike_number_is_not_missing() -> None:
    invoices = _op_invoices()
    rows = [r.replace("RE-1;", "RG-1;") for r in _listing(invoices)]
    p = plan(open_items(*rows), invoices)
    assert p.bookings == ()  # RE-1 is not taken as paid: RG-1 may be it
    assert p.rows[0].status is RowStatus.POSSIBLE_MATCH


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("RE-2024-001", "RE-2024-0001"),  # a leading zero lost
        ("RE-2024-0010", "RE-2024-0001"),  # two neighbours swapped
        ("RE-2024-0007", "RE-2024-0001"),  # one digit wrong
        ("RE-2024-00001", "RE-2024-0001"),  # one too many
    ],
)
def test_a_mistyped_number_in_an_open_items_list_is_not_taken_as_missing(typed, meant) -> None:
    invoices = [inv(n, f"RE-2024-{n:04d}", "100") for n in (1, 2, 3, 4, 5)]
    rows = [f"{typed};100,00;1"] + [f"RE-2024-{n:04d};100,00;1" for n in (2, 3, 4, 5)]
    p = plan(open_items(*rows), invoices)
    assert p.bookings == ()  # the list may say that RE-2024-0001 is still open
    assert (p.rows[0].status, p.rows[0].possible_invoices) == (RowStatus.POSSIBLE_MATCH, (meant,))
    assert meant in p.rows[0].reason_de


def test_an_unknown_number_unlike_any_leaves_the_missing_invoices_paid() -> None:
    invoices = [inv(n, f"RE-2024-{n:04d}", "100") for n in (1, 2, 3, 4, 5)]
    rows = ["AR-77;50,00;1"] + [f"RE-2024-{n:04d};100,00;1" for n in (2, 3, 4, 5)]
    p = plan(open_items(*rows), invoices)
    assert booked(p) == [(1, D("100"))]
    assert p.rows[0].status is RowStatus.NOT_FOUND


def test_a_row_of_another_mandant_keeps_the_same_number_here_from_being_missing() -> None:
    invoices = [inv(n, f"RE-{n}", "100") for n in (1, 2, 3, 4, 5)]
    rows = ["RE-1;100,00;2"] + [f"RE-{n};100,00;1" for n in (2, 3, 4, 5)]
    p = plan(open_items(*rows), invoices, ledger_mandants=["1", "2"])
    assert p.bookings == ()
    assert p.rows[0].status is RowStatus.OTHER_MANDANT


def test_guard_empty_file_is_refused() -> None:
    p = plan(open_items(), _op_invoices())
    assert p.refused
    assert "keine Datenzeilen" in (p.refused_reason_de or "")
    assert p.bookings == ()
    assert p.guards[0].name == "empty" and not p.guards[0].passed


def test_guard_file_older_than_last_import_is_refused() -> None:
    invoices = _op_invoices()
    parsed = open_items(*_listing(invoices), file_date=date(2026, 3, 1))
    p = plan(parsed, invoices, last_file_date=date(2026, 3, 2))
    assert p.refused and "älter" in (p.refused_reason_de or "")
    same_day = plan(parsed, invoices, last_file_date=date(2026, 3, 1))
    assert not same_day.refused


@pytest.mark.parametrize(
    ("source", "de", "en"),
    [
        (FileDateSource.FOLDER, "laut Datums-Unterverzeichnis", "by its date folder"),
        (FileDateSource.TIMESTAMP, "laut Zeitstempel der Datei", "by the file's time stamp"),
        # A local file imported by hand: its modification time, or a day typed.
        (
            FileDateSource.MODIFIED,
            "laut Änderungszeit der Datei",
            "by the file's modification time",
        ),
        (FileDateSource.MANUAL, "von Hand eingegeben", "entered by hand"),
    ],
)
def test_the_file_date_check_says_where_the_day_came_from(source, de, en) -> None:
    invoices = _op_invoices()
    parsed = open_items(*_listing(invoices), file_date=date(2026, 3, 1), source=source)
    refused = plan(parsed, invoices, last_file_date=date(2026, 3, 2))
    assert refused.refused_reason is not None
    assert refused.refused_reason.text("de") == (
        f"Die Datei vom 01.03.2026 ({de}) ist älter als die zuletzt eingelesene vom 02.03.2026."
    )
    assert refused.refused_reason.text("en") == (
        f"The file of 01/03/2026 ({en}) is older than the one read last, of 02/03/2026."
    )
    (passed,) = [g for g in plan(parsed, invoices).guards if g.name == "older"]
    assert passed.text("de") == f"vom 01.03.2026 ({de}); keine frühere Liste zum Vergleich."
    assert passed.text("en") == f"of 01/03/2026 ({en}); no earlier list to compare with."
    (compared,) = [
        g
        for g in plan(parsed, invoices, last_file_date=date(2026, 2, 27)).guards
        if g.name == "older"
    ]
    assert compared.text("de") == (
        f"vom 01.03.2026 ({de}), nicht älter als die zuletzt eingelesene vom 27.02.2026."
    )


def test_a_file_date_reason_stored_without_a_source_reads_as_before() -> None:
    """Older versions kept no source for a day typed by hand or a local file's: their
    stored reasons name none, as they did; nor does a source this version does not know."""
    for params in (
        {"file_date": "2026-03-01", "last_date": "2026-03-02"},
        {"file_date": "2026-03-01", "last_date": "2026-03-02", "source": "some-later-one"},
    ):
        reason = Reason.from_json({"code": "guard-older", "params": params})
        assert reason is not None
        assert reason.text("de") == (
            "Die Datei vom 01.03.2026 ist älter als die zuletzt eingelesene vom 02.03.2026."
        )
        assert reason.text("en") == (
            "The file of 01/03/2026 is older than the one read last, of 02/03/2026."
        )


def test_guard_share_of_open_invoices() -> None:
    invoices = _op_invoices()
    two_missing = open_items(*_listing(invoices, **{"RE-1": "missing", "RE-2": "missing"}))
    assert not plan(two_missing, invoices).refused  # 20 % is allowed
    three = open_items(*_listing(invoices, **{"RE-1": "missing", "RE-2": "missing",
                                              "RE-3": "0,00"}))  # fmt: skip
    p = plan(three, invoices)
    assert p.refused and p.bookings == ()
    assert "3 von 10" in (p.refused_reason_de or "")
    assert p.rows  # the report still shows every row
    relaxed = plan(three, invoices, guards=GuardConfig(max_share=Decimal("0.5")))
    assert len(relaxed.bookings) == 3
    off = plan(open_items(), invoices, guards=GuardConfig(refuse_empty=False, max_share=None))
    assert len(off.bookings) == 10


def test_opos_haben_written_out_is_a_credit_note_not_a_payment() -> None:
    rows = [f"10001;RE-{n};100,00;Soll" for n in range(2, 11)]
    opos = parse(
        csv_bytes("Konto;Belegfeld 1;Saldo;Soll/Haben", "10001;RE-1;30,00;Haben", *rows),
        "datev-opos",
        file_name="opos.csv",
    )
    p = plan(opos, _op_invoices())
    assert p.bookings == ()
    assert p.rows[0].status == RowStatus.CREDIT_NOTE


def test_semantics_follow_the_format() -> None:
    opos = parse(
        csv_bytes("Konto;Belegfeld 1;Saldo", *[f"10001;RE-{n};100,00" for n in range(1, 11)]),
        "datev-opos",
        file_name="opos.csv",
    )
    p = plan(opos, _op_invoices(11))
    assert [g.name for g in p.guards] == ["empty", "older", "share"]
    assert booked(p) == [(11, D("100"))]  # missing from the OPOS list
    assert plan(closed("RE-1;1,00;;"), _op_invoices()).guards == ()


# --- what the ledger update is given -------------------------------------------------------


def test_bookings_name_the_open_amount_they_were_planned_on() -> None:
    """The writer books only where the open amount is still the one the plan saw."""
    invoices = [inv(1, "RE-1", "100.00"), inv(2, "RE-2", "50.00"), inv(3, "RE-3", "20.00")]
    p = plan(closed("RE-1;30,00;;", "RE-1;20,00;;", "RE-3;;;"), invoices)
    # (invoice, booked in all, open amount seen), in cents: 30 + 20 on RE-1, all of RE-3.
    assert list(p.bookings.ledger_updates()) == [(1, 5000, 10000), (3, 2000, 2000)]


def test_an_invoice_read_again_later_keeps_the_open_amount_first_seen() -> None:
    """Fetched per chunk, an invoice may be read twice; if it changed in between, the
    first amount differs from the ledger's when the plan is written: refused, planned
    again."""
    from desktop_app.domain.settlement import LOOKUP_CHUNK

    reads = iter(["100.00", "90.00"])
    p = plan(
        closed(*["RE-1;0,01;;"] * (LOOKUP_CHUNK + 1)),
        [],
        lookup=lambda records: [inv(1, "RE-1", next(reads))],
    )
    assert list(p.bookings.ledger_updates()) == [(1, LOOKUP_CHUNK + 1, 10000)]


def test_an_invoice_of_the_list_s_day_or_later_is_not_missing_from_it() -> None:
    invoices = [
        *_op_invoices(20),  # enough that three missing stay within the share guard
        inv(30, "RE-30", "100", day=date(2026, 3, 6)),  # after the list: it cannot name it
        inv(31, "RE-31", "100", day=date(2026, 3, 5)),  # the list's own day: it may not yet
        inv(32, "RE-32", "100", day=date(2026, 3, 4)),  # the day before: it would name it
    ]
    listing = _listing(invoices[:20])
    written = plan(open_items(*listing, file_date=date(2026, 3, 5)), invoices)
    assert booked(written) == [(32, D("100"))]
    assert written.totals.invoices_in_scope == 23
    undated = plan(open_items(*listing), invoices)  # no date known: the settlement date's scope
    assert sorted(booked(undated)) == [(30, D("100")), (31, D("100")), (32, D("100"))]
