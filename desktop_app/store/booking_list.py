"""Bookings as the invoice view, the Klärungsfälle and ``bookings list`` show them: in
the order they were made, each with the storno that reversed it; a case's bookings
include the booking its storno reverses."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Select, func, or_, select

from .db import Database
from .ledger_models import Booking, ImportFile, Invoice
from .models import Mandant


@dataclass(frozen=True)
class BookingRecord:
    """A booking with what the invoice view and ``bookings list`` show of it."""

    id: int
    invoice_id: int
    invoice_number: str
    mandant: str
    booking_date: date
    amount: Decimal
    file_name: str
    source_line: int | None
    reference: str
    no_export: bool
    created_at: datetime
    created_by: str
    case_id: int | None
    reverses_id: int | None
    reversed_by_id: int | None
    note: str

    @property
    def reversible(self) -> bool:
        return self.reverses_id is None and self.reversed_by_id is None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "invoice": self.invoice_number,
            "mandant": self.mandant,
            "booking_date": self.booking_date.isoformat(),
            "amount": str(self.amount),
            "file": self.file_name,
            "line": self.source_line,
            "no_export": self.no_export,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by or "import",
            "case": self.case_id,
            "reverses": self.reverses_id,
            "reversed_by": self.reversed_by_id,
            "reason": self.note or None,
        }


def list_bookings(
    db: Database,
    *,
    invoice_ids: Sequence[int] | None = None,
    case_id: int | None = None,
    limit: int | None = 10_000,
) -> list[BookingRecord]:
    """Bookings in the order they were made, each with the storno that reversed it."""
    query = _bookings_query(invoice_ids, case_id, None)
    if limit is not None:
        query = query.limit(limit)
    with db.session() as s:
        return [BookingRecord(*row) for row in s.execute(query)]


def stream_bookings(
    db: Database,
    *,
    invoice_ids: Sequence[int] | None = None,
    case_id: int | None = None,
    mandant_id: int | None = None,
    limit: int | None = None,
    batch: int = 1_000,
) -> Generator[BookingRecord]:
    """As :func:`list_bookings`, fetched ``batch`` rows at a time (a server-side cursor on
    PostgreSQL), so however many there are only a batch is held; one statement, so the
    rows are one snapshot. Close the iterator to end the read early."""
    query = _bookings_query(invoice_ids, case_id, mandant_id).execution_options(yield_per=batch)
    if limit is not None:
        query = query.limit(limit)
    with db.session() as s:
        for row in s.execute(query):
            yield BookingRecord(*row)


def count_bookings(
    db: Database,
    *,
    invoice_ids: Sequence[int] | None = None,
    case_id: int | None = None,
    mandant_id: int | None = None,
) -> int:
    """How many rows :func:`stream_bookings` would list without a limit (its own query)."""
    listed = _bookings_query(invoice_ids, case_id, mandant_id).order_by(None).subquery()
    query = select(func.count()).select_from(listed)
    with db.session() as s:
        return int(s.execute(query).scalar_one())


def _bookings_query(
    invoice_ids: Sequence[int] | None, case_id: int | None, mandant_id: int | None
) -> Select:
    b, f, i, m = Booking.__table__, ImportFile.__table__, Invoice.__table__, Mandant.__table__
    counter = b.alias("counter")
    query = (
        select(
            b.c.id,
            b.c.invoice_id,
            i.c.number,
            m.c.name,
            b.c.booking_date,
            b.c.amount,
            f.c.name,
            b.c.source_line,
            b.c.reference,
            b.c.no_export,
            b.c.created_at,
            b.c.created_by,
            b.c.case_id,
            b.c.reverses_id,
            counter.c.id,
            b.c.note,
        )
        .join(f, f.c.id == b.c.import_file_id)
        .join(i, i.c.id == b.c.invoice_id)
        .join(m, m.c.id == i.c.mandant_id)
        .outerjoin(counter, counter.c.reverses_id == b.c.id)
        .order_by(b.c.id)
    )
    if invoice_ids is not None:
        query = query.where(b.c.invoice_id.in_(list(invoice_ids) or [-1]))
    if mandant_id is not None:
        query = query.where(i.c.mandant_id == mandant_id)
    if case_id is not None:
        # A storno of the case's payment (its counter-booking is the case's) comes with the
        # booking it reverses, which the import made without a case: alone, a storno
        # explains nothing, and the two sum to what the case still has to place.
        query = query.where(or_(b.c.case_id == case_id, counter.c.case_id == case_id))
    return query
