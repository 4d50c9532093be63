"""Bookings of a case's payment made another way: on the same invoice, the same paid
amount, a payment date within ``SAME_PAYMENT_DAYS``, not reversed, and neither the case's
own nor its row's (an overpayment's booked part). A payer's account that differs says
it is another payment. Read by invoice id or payer IBAN only (both indexed): a ledger
holds millions of bookings.

One query serves one case (the check before an assignment, the case view) and many (the
case list): a fixed number of statements however many cases, and one rule for all.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import timedelta

from sqlalchemy import Connection, and_, func, or_, select
from sqlalchemy.orm import aliased

from ..domain.same_payment import SAME_PAYMENT_DAYS, BookedBefore
from .bulk_sql import chunks, max_in_values
from .case_models import CaseRow, case_mandants
from .db import Database
from .ledger_models import Booking, ImportFile, Invoice
from .models import Mandant

_b, _counter = aliased(Booking), aliased(Booking)
_WINDOW = timedelta(days=SAME_PAYMENT_DAYS)


def same_payment_bookings(
    connection: Connection,
    invoices_of: Mapping[int, Collection[int]],
    *,
    by_payer: bool = False,
) -> dict[int, list[BookedBefore]]:
    """For each case id of ``invoices_of``: the bookings of its payment on those
    invoices and (``by_payer``) on any invoice of the case's Mandanten that the payer's
    IBAN paid; in booking order. None for a payment without an amount or a date."""
    wanted = {case_id: set(ids) for case_id, ids in invoices_of.items()}
    found: dict[int, dict[int, BookedBefore]] = {case_id: {} for case_id in wanted}
    # Half the IN values each for the cases and the invoices of one query.
    size = max(1, max_in_values(connection) // 2)
    for cases in chunks(sorted(found), size):
        invoice_ids = sorted({i for case_id in cases for i in wanted[case_id]})
        for invoices in chunks(invoice_ids, size):
            for row in connection.execute(_query(cases).where(_b.invoice_id.in_(invoices))):
                if row.invoice_id in wanted[row.case_row_id]:
                    _keep(row, found)
        if by_payer:
            paid_by_payer = and_(
                _b.payer_iban == CaseRow.payer_iban,
                CaseRow.payer_iban != "",
                case_mandants.c.case_id == CaseRow.id,
                case_mandants.c.mandant_id == Invoice.mandant_id,
            )
            for row in connection.execute(_query(cases).where(paid_by_payer)):
                _keep(row, found)
    return {case_id: [bookings[k] for k in sorted(bookings)] for case_id, bookings in found.items()}


def payments_booked_before(
    db: Database, invoices_of: Mapping[int, Collection[int]]
) -> dict[int, list[BookedBefore]]:
    """``same_payment_bookings`` for the case desk: each case's suggested invoices and
    what the payer's IBAN paid of its Mandanten."""
    with db.session() as s:
        return same_payment_bookings(s.connection(), invoices_of, by_payer=True)


def _query(case_ids: list[int]):
    """The not reversed bookings with the paid amount of one of these cases, but neither
    the case's own nor its row's; each with its case's id and payment date."""
    b = _b
    return (
        select(CaseRow.id.label("case_row_id"), CaseRow.value_date, b.id, b.invoice_id)
        .add_columns(Invoice.number, Mandant.name.label("mandant"), b.amount, b.booking_date)
        .add_columns(ImportFile.name.label("file_name"), b.source_line, b.case_id, b.paid_on)
        .join(Invoice, Invoice.id == b.invoice_id)
        .join(Mandant, Mandant.id == Invoice.mandant_id)
        .join(ImportFile, ImportFile.id == b.import_file_id)
        .outerjoin(_counter, _counter.reverses_id == b.id)
        .join(CaseRow, CaseRow.amount == b.paid_amount)
        .where(
            CaseRow.id.in_(case_ids),
            CaseRow.value_date.is_not(None),
            b.paid_on.is_not(None),
            b.reverses_id.is_(None),
            _counter.id.is_(None),
            b.amount > 0,
            or_(b.case_id.is_(None), b.case_id != CaseRow.id),
            b.source_key != CaseRow.source_key,
            # A payer's account that differs says it is another payment.
            or_(
                func.coalesce(CaseRow.payer_iban, "") == "",
                b.payer_iban.is_(None),
                b.payer_iban == "",
                b.payer_iban == CaseRow.payer_iban,
            ),
        )
    )


def _keep(row, found: dict[int, dict[int, BookedBefore]]) -> None:
    # The payment date's window is checked here: SQLite cannot subtract days from a
    # stored date, and the rows are few (by invoice or IBAN, with the paid amount).
    if abs(row.paid_on - row.value_date) > _WINDOW:
        return
    found[row.case_row_id][row.id] = BookedBefore(
        row.id,
        row.invoice_id,
        row.number,
        row.mandant,
        row.amount,
        row.booking_date,
        row.file_name,
        row.source_line,
        row.case_id,
    )
