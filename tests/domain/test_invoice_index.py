"""The invoice index's look-up by digits, kept compact (a list only where several
invoices share the digits), names the same invoices as before, in the same order, and
leaves the look-up by number as it was."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop_app.domain.formats.records import ImportRecord, RecordSource
from desktop_app.domain.formats.text import normalise_invoice_number
from desktop_app.domain.invoice_index import InvoiceIndex, OpenInvoice, Outcome, RowMatch

DAY = date(2026, 3, 1)


def inv(invoice_id: int, number: str, mandant: str = "1") -> OpenInvoice:
    amount = Decimal("10.00")
    return OpenInvoice(invoice_id, number, mandant, None, DAY, amount, amount)


def row(reference: str) -> ImportRecord:
    source = RecordSource("f" * 64, "L2", 2)
    return ImportRecord(source, reference, normalise_invoice_number(reference))


INVOICES = [
    inv(1, "RE-2026-0001"),
    inv(2, "RE-2026-0001", mandant="2"),  # the same number in another Mandant
    inv(3, "GS-2026-0001"),  # another prefix, the same digits
    inv(4, "RE-2026-0002"),  # digits of its own
    inv(5, "AB-2026-0001"),
]


def test_every_invoice_with_the_digits_in_index_order() -> None:
    index = InvoiceIndex(INVOICES)
    assert [i.id for i in index.with_digits("20260001")] == [1, 2, 3, 5]
    assert [i.id for i in index.with_digits("20260002")] == [4]
    assert index.with_digits("20260003") == ()


def test_the_digits_leave_the_numbers_shared_by_two_mandants_alone() -> None:
    # The number's list of two invoices is the start of the digits' list: extending a
    # shared list would add the look-alikes to the number's own invoices.
    index = InvoiceIndex(INVOICES)
    index.with_digits("20260001")
    assert [i.id for i in index.with_number("RE20260001")] == [1, 2]
    assert [i.id for i in index.with_number("GS20260001")] == [3]


def test_a_look_alike_names_each_invoice_with_its_digits() -> None:
    index = InvoiceIndex(INVOICES)
    found = index.match(row("XY-2026-0001"))
    assert isinstance(found, RowMatch) and found.outcome is Outcome.POSSIBLE
    assert found.possible == ("AB-2026-0001", "GS-2026-0001", "RE-2026-0001")
    assert [i.id for i in found.possible_invoices] == [5, 3, 1, 2]
    assert index.match(row("XY-2026-0009")) == RowMatch(Outcome.NOT_FOUND)
