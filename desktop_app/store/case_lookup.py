"""The indexed look-ups behind the cases' suggestions: open invoices by number, by digits,
by open amount, by customer; the customers an account paid before; customer names.

Each query probes an index (``uq_invoice_mandant_number``, ``ix_invoice_mandant_digits``,
``ix_invoice_mandant_open_amount``, ``ix_invoice_customer``, ``ix_bookings_payer_iban``)
and returns at most ``PER_LOOKUP`` rows per value looked up and Mandant, however large the
ledger. One case and a list of hundreds are looked up alike: the values of all the cases
in one query per signal (more only past ``max_in_values`` values), each case then taking
its own rows, at most ``PER_LOOKUP`` per signal, newest first. So a case's candidates do
not depend on which other cases are looked up with it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Select, func, select

from ..domain.case_suggestions import Candidate
from .bulk_sql import chunks, max_in_values
from .case_models import CustomerRow, case_mandants
from .db import Database
from .ledger_models import INVOICE_OPEN, Booking, Invoice
from .models import Mandant

PER_LOOKUP = 200  # rows per signal: a common amount may be open on thousands of invoices
MANDANT_IN_SHARE = 16  # of max_in_values for the Mandanten beside the values looked up


@dataclass(frozen=True)
class CaseQuery:
    """What one case looks for among the open invoices of ``mandant_ids`` (empty: of
    every Mandant)."""

    mandant_ids: frozenset[int]
    numbers: frozenset[str]  # normalised invoice numbers
    digits: frozenset[str]  # digit keys
    amount: Decimal | None
    customer_ids: frozenset[int]


@dataclass(frozen=True)
class _Row:
    invoice_id: int
    number: str
    mandant: str
    customer: str | None
    invoice_date: date
    amount: Decimal
    open_amount: Decimal
    number_norm: str
    number_digits: str
    customer_id: int | None
    mandant_id: int

    @property
    def newest_first(self) -> tuple:
        return (-self.invoice_date.toordinal(), -self.invoice_id)

    def candidate(self) -> Candidate:  # a new one per case: each case scores its own
        return Candidate(
            self.invoice_id,
            self.number,
            self.mandant,
            self.customer or "",
            self.invoice_date,
            self.amount,
            self.open_amount,
            self.number_norm,
            self.number_digits,
        )


class CaseLookup:
    """The look-ups of any number of cases, through one connection."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._in = max_in_values(connection)

    def mandants_of(self, case_ids: Iterable[int]) -> dict[int, frozenset[int]]:
        """Each case's Mandanten (ids); a case without any is left out."""
        cm = case_mandants
        found: dict[int, set[int]] = {}
        for chunk in chunks(sorted(set(case_ids)), self._in):
            query = select(cm.c.case_id, cm.c.mandant_id).where(cm.c.case_id.in_(chunk))
            for case_id, mandant_id in self.connection.execute(query):
                found.setdefault(case_id, set()).add(mandant_id)
        return {case_id: frozenset(ids) for case_id, ids in found.items()}

    def customers_paid_from(self, ibans: Iterable[str]) -> dict[str, dict[int, int]]:
        """Per account: ``customer id -> number of payments`` it made to them before
        (bookings that were not reversed; stornos carry no account); at most
        ``PER_LOOKUP`` customers an account, those it paid most often."""
        b, i = Booking.__table__, Invoice.__table__
        counter = b.alias("counter")
        found: dict[str, dict[int, int]] = {}
        for chunk in chunks(sorted({iban for iban in ibans if iban}), self._in):
            paid = func.count()
            place = func.row_number().over(
                partition_by=b.c.payer_iban, order_by=(paid.desc(), i.c.customer_id)
            )
            counted = (
                select(b.c.payer_iban, i.c.customer_id, paid.label("paid"), place.label("place"))
                .select_from(b)
                .join(i, i.c.id == b.c.invoice_id)
                .outerjoin(counter, counter.c.reverses_id == b.c.id)
                .where(
                    b.c.payer_iban.in_(chunk),
                    i.c.customer_id.is_not(None),
                    counter.c.id.is_(None),
                )
                .group_by(b.c.payer_iban, i.c.customer_id)
                .subquery()
            )
            query = select(counted.c.payer_iban, counted.c.customer_id, counted.c.paid).where(
                counted.c.place <= PER_LOOKUP
            )
            for iban, customer_id, count in self.connection.execute(query):
                found.setdefault(iban, {})[customer_id] = count
        return found

    def candidates(
        self, wanted: Mapping[int, CaseQuery]
    ) -> dict[int, tuple[dict[int, Candidate], dict[int, int]]]:
        """Per case id: its open invoices by number, by digit key, with its amount open,
        of its customers; and each found invoice's customer id."""
        queries = list(wanted.values())
        every = any(not q.mandant_ids for q in queries)
        mandants = None if every else sorted({m for q in queries for m in q.mandant_ids})
        i = Invoice.__table__
        amounts = {q.amount for q in queries if q.amount is not None and q.amount > 0}
        by_number = self._rows(i.c.number_norm, {n for q in queries for n in q.numbers}, mandants)
        by_digits = self._rows(i.c.number_digits, {d for q in queries for d in q.digits}, mandants)
        by_amount = self._rows(i.c.open_amount, amounts, mandants)
        by_customer = self._rows(
            i.c.customer_id, {c for q in queries for c in q.customer_ids}, mandants
        )
        found = {}
        for case_id, q in wanted.items():
            signals = (
                (by_number, q.numbers),
                (by_digits, q.digits),
                (by_amount, [q.amount] if q.amount in amounts else []),
                (by_customer, q.customer_ids),
            )
            rows: dict[int, _Row] = {}
            for by_value, values in signals:
                for row in _own(by_value, values, q.mandant_ids):
                    rows.setdefault(row.invoice_id, row)
            found[case_id] = (
                {invoice_id: row.candidate() for invoice_id, row in sorted(rows.items())},
                {r.invoice_id: r.customer_id for r in rows.values() if r.customer_id is not None},
            )
        return found

    def _rows(
        self, column, values: Collection, mandant_ids: list[int] | None
    ) -> dict[Any, list[_Row]]:
        """The open invoices whose ``column`` is one of ``values``, of ``mandant_ids``
        (None: of every Mandant), by that value: at most ``PER_LOOKUP`` per value and
        Mandant, the newest."""
        found: dict[Any, list[_Row]] = {}
        if not values:
            return found
        mandant_chunks = (
            [None]
            if mandant_ids is None
            else list(chunks(mandant_ids, max(1, self._in // MANDANT_IN_SHARE)))
        )
        for mandants in mandant_chunks:
            for chunk in chunks(sorted(values), self._in):
                for row in self.connection.execute(_query(column, chunk, mandants)):
                    found.setdefault(row[-1], []).append(_Row(*row[:-1]))
        return found


def _query(column, values: list, mandant_ids: list[int] | None) -> Select:
    i, m, c = Invoice.__table__, Mandant.__table__, CustomerRow.__table__
    place = func.row_number().over(
        partition_by=(i.c.mandant_id, column), order_by=(i.c.invoice_date.desc(), i.c.id.desc())
    )
    query = (
        select(
            i.c.id,
            i.c.number,
            m.c.name.label("mandant"),
            c.c.name.label("customer"),
            i.c.invoice_date,
            i.c.amount,
            i.c.open_amount,
            i.c.number_norm,
            i.c.number_digits,
            i.c.customer_id,
            i.c.mandant_id,
            column.label("looked_up"),
            place.label("place"),
        )
        .join(m, m.c.id == i.c.mandant_id)
        .outerjoin(c, c.c.id == i.c.customer_id)
        .where(i.c.status == INVOICE_OPEN, column.in_(values))
    )
    if mandant_ids is not None:
        query = query.where(i.c.mandant_id.in_(mandant_ids))
    ranked = query.subquery()
    columns = [col for col in ranked.c if col.name != "place"]
    return select(*columns).where(ranked.c.place <= PER_LOOKUP)


def _own(by_value: Mapping[Any, list[_Row]], values: Iterable, mandant_ids: frozenset[int]):
    """One case's rows of one signal: of its values and Mandanten, at most
    ``PER_LOOKUP``, the newest first (as each value's and Mandant's were cut)."""
    rows = [
        row
        for value in values
        for row in by_value.get(value, ())
        if not mandant_ids or row.mandant_id in mandant_ids
    ]
    return sorted(rows, key=lambda row: row.newest_first)[:PER_LOOKUP]


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
