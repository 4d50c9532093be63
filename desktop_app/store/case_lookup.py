"""The indexed look-ups behind a case's suggestions: open invoices by number, by digits,
by open amount, by customer; the customers an account paid before; customer names.

Each query probes an index (``uq_invoice_mandant_number``, ``ix_invoice_mandant_digits``,
``ix_invoice_mandant_open_amount``, ``ix_invoice_customer``, ``ix_bookings_payer_iban``)
and returns at most a few hundred rows, however large the ledger.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from sqlalchemy import Connection, Select, func, select

from ..domain.case_suggestions import Candidate
from .bulk_sql import chunks, max_in_values
from .case_models import CustomerRow
from .db import Database
from .ledger_models import INVOICE_OPEN, Booking, Invoice
from .models import Mandant

PER_LOOKUP = 200  # rows per signal: a common amount may be open on thousands of invoices


class CaseLookup:
    """Look-ups among the open invoices of ``mandant_ids`` (empty: of every Mandant)."""

    def __init__(self, connection: Connection, mandant_ids: Sequence[int]) -> None:
        self.connection = connection
        self.mandant_ids = list(mandant_ids)
        self._in = max_in_values(connection)

    def _base(self) -> Select:
        i, m, c = Invoice.__table__, Mandant.__table__, CustomerRow.__table__
        query = (
            select(
                i.c.id,
                i.c.number,
                m.c.name,
                c.c.name,
                i.c.invoice_date,
                i.c.amount,
                i.c.open_amount,
                i.c.number_norm,
                i.c.number_digits,
                i.c.customer_id,
            )
            .join(m, m.c.id == i.c.mandant_id)
            .outerjoin(c, c.c.id == i.c.customer_id)
            .where(i.c.status == INVOICE_OPEN)
        )
        if self.mandant_ids:
            query = query.where(i.c.mandant_id.in_(self.mandant_ids))
        return query

    def _read(self, query: Select, into: dict[int, Candidate], customers: dict[int, int]) -> None:
        for row in self.connection.execute(query.limit(PER_LOOKUP)):
            invoice_id, number, mandant, customer, day, amount, open_amount, norm, digits, cid = row
            if invoice_id not in into:
                into[invoice_id] = Candidate(
                    invoice_id,
                    number,
                    mandant,
                    customer or "",
                    day,
                    amount,
                    open_amount,
                    norm,
                    digits,
                )
                if cid is not None:
                    customers[invoice_id] = cid

    def _in_chunks(self, column, values: Iterable, into, customers) -> None:
        for chunk in chunks(sorted(set(values)), self._in):
            self._read(self._base().where(column.in_(chunk)), into, customers)

    def candidates(
        self,
        numbers: Iterable[str],
        digits: Iterable[str],
        amount: Decimal | None,
        customer_ids: Iterable[int],
    ) -> tuple[dict[int, Candidate], dict[int, int]]:
        """Open invoices by number, by digit key, with ``amount`` open, of the customers;
        and each found invoice's customer id."""
        i = Invoice.__table__
        found: dict[int, Candidate] = {}
        customers: dict[int, int] = {}
        self._in_chunks(i.c.number_norm, numbers, found, customers)
        self._in_chunks(i.c.number_digits, digits, found, customers)
        if amount is not None and amount > 0:
            newest = self._base().where(i.c.open_amount == amount).order_by(i.c.invoice_date.desc())
            self._read(newest, found, customers)
        self._in_chunks(i.c.customer_id, customer_ids, found, customers)
        return found, customers

    def customers_paid_from(self, iban: str) -> dict[int, int]:
        """``customer id -> number of payments`` the account made to them before (bookings
        that were not reversed; stornos carry no account)."""
        if not iban:
            return {}
        b, i = Booking.__table__, Invoice.__table__
        counter = b.alias("counter")
        query = (
            select(i.c.customer_id, func.count())
            .select_from(b)
            .join(i, i.c.id == b.c.invoice_id)
            .outerjoin(counter, counter.c.reverses_id == b.c.id)
            .where(b.c.payer_iban == iban, i.c.customer_id.is_not(None), counter.c.id.is_(None))
            .group_by(i.c.customer_id)
            .limit(PER_LOOKUP)
        )
        return dict(self.connection.execute(query).all())


def customer_names_after(db: Database, after_id: int) -> list[tuple[int, str]]:
    """Customers added since ``after_id`` (ids ascend; names never change)."""
    with db.session() as s:
        query = select(CustomerRow.id, CustomerRow.name).where(CustomerRow.id > after_id)
        return [(row_id, name) for row_id, name in s.execute(query.order_by(CustomerRow.id))]


def customer_ids_named(db: Database, names: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(names))
    found: dict[str, int] = {}
    with db.session() as s:
        for chunk in chunks(wanted, max_in_values(s.connection())):
            query = select(CustomerRow.name, CustomerRow.id).where(CustomerRow.name.in_(chunk))
            found.update(s.execute(query).all())
    return found
