"""Reading the invoices a payment file may settle, fast: Core selects on ``invoices``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import BigInteger, Connection, select, type_coerce

from ..domain.formats.columns import decimal_of
from ..domain.formats.lookup_keys import first_lookup_keys, more_lookup_keys
from ..domain.formats.records import AnyRecord
from ..domain.settlement import OpenInvoice
from .bulk_sql import InSelect, chunks, max_in_values, padded
from .ledger_models import INVOICE_OPEN, Invoice
from .models import Branch, Mandant

OPEN_PARTITION = 10_000  # rows of open invoices fetched at a time


class InvoiceReader:
    """Reads the invoices a plan may touch: Core selects on ``invoices`` alone.

    No ORM objects and no joins per row: Mandant and branch names come from small
    dictionaries. IN lists are as long as the database allows (``max_in_values``).
    """

    def __init__(self, connection: Connection, mandants: Sequence[Mandant]) -> None:
        self.connection = connection
        self.mandant_names = {m.id: m.name for m in mandants}
        self.mandant_ids = sorted(self.mandant_names)
        self.in_size = max_in_values(connection)
        self._branches: dict[int, str] | None = None
        # One date object per day: a ledger's 300,000 open invoices fall on a few hundred
        # days, and each row's own copy would cost 10 MB of a large Offene-Posten import.
        self._days: dict[date, date] = {}
        t = Invoice.__table__
        base = select(
            t.c.id,
            t.c.number,
            t.c.mandant_id,
            t.c.branch_id,
            t.c.invoice_date,
            # Whole cents as stored (see Money), made Decimal below: one conversion for
            # the usual invoice whose open amount is its amount, not two.
            type_coerce(t.c.amount, BigInteger),
            type_coerce(t.c.open_amount, BigInteger),
            t.c.number_norm,
        ).where(t.c.mandant_id.in_(self.mandant_ids))
        self._base = base
        self._by_number = InSelect(connection, lambda v: base.where(t.c.number_norm.in_(v)))
        self._by_digits = InSelect(connection, lambda v: base.where(t.c.number_digits.in_(v)))

    def _read(
        self,
        rows: Sequence[Sequence[Any]],
        into: dict[int, OpenInvoice],
        hits: dict[str, int],
        to_date: Callable[[Any], date | None] | None = None,
    ) -> None:
        """Add the invoices of ``rows`` (of ``_base``) to ``into``; count in ``hits`` how
        many Mandanten have each number (one invoice per Mandant and number at most).
        ``to_date``: how the driver's invoice dates become dates, if they need to."""
        names = self.mandant_names
        branches = self._branches
        if branches is None and any(row[3] is not None for row in rows):
            branches = self._branches = dict(
                self.connection.execute(select(Branch.id, Branch.name)).all()
            )
        for row in rows:
            invoice_id, number, mandant_id, branch_id, day, cents, open_cents, norm = row
            if to_date is not None:
                day = to_date(day)
            day = self._days.setdefault(day, day)
            # decimal_of(c) is exactly Money's reading of c (two decimals).
            amount = decimal_of(cents)
            open_amount = amount if open_cents == cents else decimal_of(open_cents)
            branch = None if branch_id is None else branches.get(branch_id)  # type: ignore[union-attr]
            into[invoice_id] = OpenInvoice(
                invoice_id, number, names[mandant_id], branch, day, amount, open_amount
            )
            hits[norm] = hits.get(norm, 0) + 1

    def named_by(self, records: Sequence[AnyRecord]) -> list[OpenInvoice]:
        """The invoices ``records`` may name, any status: by the candidate numbers of
        their texts, and by the digits of those that name none (for look-alikes)."""
        if not self.mandant_ids:
            return []
        found: dict[int, OpenInvoice] = {}
        hits: dict[str, int] = {}
        to_date = self._by_number.processors[4]
        numbers = first_lookup_keys(records)
        for chunk in chunks(sorted(numbers), self.in_size):
            self._read(self._by_number.rows(padded(chunk)), found, hits, to_date)
        # In the usual file every reference cell is an invoice number: nothing more to ask.
        more, digits = more_lookup_keys(records, hits.__contains__)
        for chunk in chunks(sorted(more - numbers), self.in_size):
            self._read(self._by_number.rows(padded(chunk)), found, hits, to_date)
        for chunk in chunks(sorted(digits), self.in_size):
            self._read(self._by_digits.rows(padded(chunk)), found, {}, to_date)
        return list(found.values())

    def open_ones(self) -> Iterator[OpenInvoice]:
        """Every open invoice, read a partition at a time: the whole result as rows
        would cost more than the invoices made of it, all at once."""
        if not self.mandant_ids:
            return
        query = self._base.where(Invoice.__table__.c.status == INVOICE_OPEN)
        for rows in self.connection.execute(query).partitions(OPEN_PARTITION):
            found: dict[int, OpenInvoice] = {}
            self._read(rows, found, {})
            yield from found.values()
