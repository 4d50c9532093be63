"""Bookings of a case's payment made another way: on the same invoice, the same paid
amount, a payment date within ``SAME_PAYMENT_DAYS``, not reversed, and neither the case's
own nor its row's (an overpayment's booked part). A payer's account that differs says
it is another payment. Read by invoice id or payer IBAN only (both indexed): a ledger
holds millions of bookings.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from sqlalchemy import Connection, and_, or_, select
from sqlalchemy.orm import aliased

from ..domain.same_payment import SAME_PAYMENT_DAYS, BookedBefore
from .bulk_sql import chunks, max_in_values
from .case_models import CaseRow, case_mandants
from .db import Database
from .ledger_models import Booking, ImportFile, Invoice
from .models import Mandant


def same_payment_bookings(
    connection: Connection,
    case_id: int,
    invoice_ids: Collection[int] = (),
    *,
    mandant_ids: Collection[int] = (),
) -> list[BookedBefore]:
    """The bookings of case ``case_id``'s payment on these invoices, and (with
    ``mandant_ids``) on any invoice of those Mandanten that the payer's IBAN paid; in
    booking order. None for a payment without an amount or a date."""
    case = connection.execute(
        select(CaseRow.amount, CaseRow.value_date, CaseRow.payer_iban, CaseRow.source_key).where(
            CaseRow.id == case_id
        )
    ).one_or_none()
    if case is None or case.amount is None or case.value_date is None:
        return []
    b, counter = aliased(Booking), aliased(Booking)
    window = timedelta(days=SAME_PAYMENT_DAYS)
    query = (
        select(b.id, b.invoice_id, Invoice.number, Mandant.name, b.amount, b.booking_date)
        .add_columns(ImportFile.name, b.source_line, b.case_id)
        .join(Invoice, Invoice.id == b.invoice_id)
        .join(Mandant, Mandant.id == Invoice.mandant_id)
        .join(ImportFile, ImportFile.id == b.import_file_id)
        .outerjoin(counter, counter.reverses_id == b.id)
        .where(
            b.paid_amount == case.amount,
            b.paid_on.between(case.value_date - window, case.value_date + window),
            b.reverses_id.is_(None),
            counter.id.is_(None),
            b.amount > 0,
            or_(b.case_id.is_(None), b.case_id != case_id),
            b.source_key != case.source_key,
        )
        .order_by(b.id)
    )
    if case.payer_iban:
        query = query.where(or_(b.payer_iban.is_(None), b.payer_iban.in_(["", case.payer_iban])))
    found: dict[int, BookedBefore] = {}
    for chunk in chunks(sorted(set(invoice_ids)), max_in_values(connection)):
        _collect(connection, query.where(b.invoice_id.in_(chunk)), found)
    if case.payer_iban and mandant_ids:
        paid_by_payer = and_(b.payer_iban == case.payer_iban, Invoice.mandant_id.in_(mandant_ids))
        _collect(connection, query.where(paid_by_payer), found)
    return [found[key] for key in sorted(found)]


def payment_booked_before(
    db: Database, case_id: int, invoice_ids: Collection[int]
) -> list[BookedBefore]:
    """``same_payment_bookings`` for the case desk: these invoices (its suggestions) and
    what the payer's IBAN paid of the case's Mandanten."""
    with db.session() as s:
        connection = s.connection()
        cm = case_mandants
        mandant_ids = list(
            connection.execute(select(cm.c.mandant_id).where(cm.c.case_id == case_id)).scalars()
        )
        return same_payment_bookings(connection, case_id, invoice_ids, mandant_ids=mandant_ids)


def _collect(connection: Connection, query, found: dict[int, BookedBefore]) -> None:
    for row in connection.execute(query):
        booking_id, invoice_id, number, mandant, amount, day, file_name, line, case_id = row
        found[booking_id] = BookedBefore(
            booking_id, invoice_id, number, mandant, amount, day, file_name, line, case_id
        )
