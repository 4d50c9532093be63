"""Reading and loading the invoice ledger.

Bulk paths use SQLAlchemy Core (executemany) rather than one ORM object per row: a
branch chain's ledger holds millions of invoices.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Insert, Select, and_, func, insert, or_, select, update
from sqlalchemy.sql.expression import Executable

from ..domain.formats.text import digits_key, normalise_invoice_number
from ..domain.invoice_csv import InvoiceRow
from ..domain.settlement import EarlierBooking
from .customers import ensure_customers
from .db import Database
from .ledger_models import INVOICE_OPEN, INVOICE_PAID, Booking, ImportFile, Invoice
from .models import Branch, Mandant, utcnow

CHUNK = 500  # rows per IN (...) look-up: below every database's parameter limit


def invoice_status(open_amount: Decimal) -> str:
    return INVOICE_OPEN if open_amount > 0 else INVOICE_PAID


@dataclass(frozen=True)
class AmountDifference:
    """A line of the invoice list whose amount disagrees with an invoice that has
    bookings: reported, the ledger keeps its amounts."""

    line: int
    number: str
    mandant: str
    field: str  # "Betrag" or "OffenerBetrag"
    in_file: Decimal
    in_ledger: Decimal

    def message_de(self) -> str:
        return (
            f"Zeile {self.line}, {self.number}: {self.field} laut Datei "
            f"{self.in_file}, in der Buchhaltung {self.in_ledger}; die Rechnung hat "
            "Zahlungsbuchungen und bleibt unverändert."
        )

    def to_json(self) -> dict:
        return {
            "line": self.line,
            "number": self.number,
            "mandant": self.mandant,
            "field": self.field,
            "file": str(self.in_file),
            "ledger": str(self.in_ledger),
        }


@dataclass
class InvoiceImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_mandants: list[str] = field(default_factory=list)
    new_branches: list[str] = field(default_factory=list)
    #: Invoices with bookings: their amounts are kept whatever the file says.
    kept: int = 0
    differences: list[AmountDifference] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "new_mandants": self.new_mandants,
            "new_branches": self.new_branches,
            "kept_with_bookings": self.kept,
            "differences": [d.to_json() for d in self.differences],
        }


@dataclass(frozen=True)
class InvoiceView:
    id: int
    number: str
    mandant: str
    branch: str | None
    invoice_date: date
    amount: Decimal
    open_amount: Decimal
    status: str

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "mandant": self.mandant,
            "branch": self.branch,
            "invoice_date": self.invoice_date.isoformat(),
            "amount": str(self.amount),
            "open_amount": str(self.open_amount),
            "status": self.status,
        }


@dataclass(frozen=True)
class BookingView:
    booking_date: date
    amount: Decimal
    file_name: str
    source_line: int | None
    reference: str
    no_export: bool
    created_at: datetime


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def max_in_values(connection: Connection) -> int:
    """How many values one ``IN (...)`` may hold on this connection: a power of two, at
    most 8,192 (see ``padded``).

    SQLite allows 32,766 variables per statement since 3.32 and 999 before; PostgreSQL
    65,535. Fewer, larger look-ups are much faster than chunks of ``CHUNK``.
    """
    limit = 8192
    if connection.dialect.name == "sqlite":
        driver = connection.connection.driver_connection
        variables = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)  # type: ignore[union-attr]
        while limit > 16 and limit > variables - 100:  # room for the other parameters
            limit //= 2
    return limit


def padded(values: list) -> list:
    """``values`` repeated at the end up to the next power of two (at least 16).

    The driver keeps a prepared statement per distinct SQL text (sqlite3: the last 128),
    and an ``IN`` of n values is its own text for every n: thousands of values each, the
    cached statements alone took over 100 MB in a million-row import. Padded, there are a
    dozen texts. A repeated value changes nothing in what ``IN`` selects.
    """
    size = 16
    while size < len(values):
        size *= 2
    return values + values[-1:] * (size - len(values))


class _Slot:
    """Stands for the i-th value of an IN list while a statement is compiled."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


class InSelect:
    """A SELECT with one long ``IN`` list of strings or integers, run through the driver.

    SQLAlchemy renders an expanding ``IN`` anew at every execution, a few µs a value,
    and wraps and converts every result row; for look-ups of thousands of values that
    cost half as much again as the database's own work. Here the statement is compiled
    once per list length (``padded`` lengths are few), the values go to the driver as
    they are, and the rows come back as the driver returns them: convert a column with
    ``processors[i]`` where that is not ``None`` (SQLite's dates are ISO text, say).
    """

    def __init__(self, connection: Connection, build: Callable[[list], Select]) -> None:
        """``build(values)``: the statement with ``column.in_(values)`` in it."""
        self.connection = connection
        self.build = build
        dialect = connection.dialect
        self.processors = [
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in build([]).selected_columns
        ]
        self._compiled: dict[int, tuple[str, Any]] = {}

    def _template(self, size: int) -> tuple[str, Any]:
        compiled_for = self._compiled.get(size)
        if compiled_for is None:
            statement = self.build([_Slot(i) for i in range(size)])
            compiled = statement.compile(
                dialect=self.connection.dialect, compile_kwargs={"render_postcompile": True}
            )
            params = compiled.construct_params()  # name -> fixed value or _Slot
            if compiled.positional:
                layout: Any = [params[name] for name in compiled.positiontup or ()]
            else:
                layout = params
            compiled_for = self._compiled[size] = (compiled.string, layout)
        return compiled_for

    def rows(self, values: list) -> Sequence[Sequence[Any]]:
        sql, layout = self._template(len(values))
        if isinstance(layout, list):
            params: Any = tuple(values[p.index] if type(p) is _Slot else p for p in layout)
        else:
            params = {k: values[p.index] if type(p) is _Slot else p for k, p in layout.items()}
        return self.connection.exec_driver_sql(sql, params).fetchall()


def executemany_raw(
    connection: Connection,
    statement: Executable,
    names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    chunk: int = 10_000,
) -> int:
    """Run ``statement`` once per row, straight through the driver's ``executemany``, in
    chunks of ``chunk`` rows; returns the number of rows affected.

    SQLAlchemy compiles the statement for this database once. Its per-row parameter
    handling would cost more than the database's own work on a row of a bulk write, so
    every value must already be what the driver takes: converted by the column type's
    ``bind_processor`` (``driver_value``) where it has one. ``names`` are the statement's
    parameters (for an INSERT: its columns) in the order of each row's values.
    """
    # An INSERT gets exactly the columns given (no defaults of its own to fill in).
    keys = list(names) if isinstance(statement, Insert) else None
    compiled = statement.compile(dialect=connection.dialect, column_keys=keys)
    convert: Callable[[Sequence[Any]], Any] | None
    if compiled.positional:
        order = compiled.positiontup or []
        missing = sorted(set(order) - set(names))
        if missing:
            raise ValueError(f"no values for {missing}")
        positions = [names.index(name) for name in order]
        if positions == list(range(len(names))):
            convert = None  # the rows are in the statement's order already
        else:
            pick = itemgetter(*positions)
            convert = (lambda row: (pick(row),)) if len(positions) == 1 else pick
    else:
        names = tuple(names)

        def convert(row: Sequence[Any]) -> dict[str, Any]:
            return dict(zip(names, row, strict=True))

    affected = 0
    rows = iter(rows)
    while batch := (
        list(islice(rows, chunk)) if convert is None else [convert(r) for r in islice(rows, chunk)]
    ):
        affected += connection.exec_driver_sql(compiled.string, batch).rowcount
    return affected


def driver_value(connection: Connection, column: Any, value: Any) -> Any:
    """``value`` as the driver takes it for ``column``: what SQLAlchemy would send.

    ``dialect_impl`` first: a plain ``Date`` has no conversion of its own, SQLite's
    version of it writes the ISO text that SQLAlchemy reads back.
    """
    processor = column.type.dialect_impl(connection.dialect).bind_processor(connection.dialect)
    return value if processor is None else processor(value)


class EarlierBookings:
    """Reads what earlier imports booked, for telling a transaction seen before.

    Both look-ups run through ``InSelect``: a large file asks for thousands of invoices
    or keys at once, and the usual answer is none."""

    def __init__(self, connection: Connection) -> None:
        b, f = Booking.__table__, ImportFile.__table__
        base = select(
            b.c.invoice_id, b.c.paid_amount, b.c.paid_on, f.c.name, b.c.source_line, b.c.source_key
        ).join(f, f.c.id == b.c.import_file_id)
        self._by_invoice = InSelect(connection, lambda v: base.where(b.c.invoice_id.in_(v)))
        self._by_key = InSelect(connection, lambda v: base.where(b.c.source_key.in_(v)))
        self._in_size = max_in_values(connection)

    def _read(self, select_in: InSelect, values: list) -> Iterator[tuple[EarlierBooking, str]]:
        to_money, to_date = select_in.processors[1], select_in.processors[2]
        for chunk in _chunks(values, self._in_size):
            for invoice_id, paid, day, name, line, key in select_in.rows(padded(chunk)):
                yield (
                    EarlierBooking(
                        invoice_id,
                        to_money(paid) if to_money and paid is not None else paid,
                        to_date(day) if to_date and day is not None else day,
                        name,
                        line,
                    ),
                    key,
                )

    def of_invoices(self, invoice_ids: Iterable[int]) -> dict[int, list[EarlierBooking]]:
        """The bookings of these invoices, in the order they were made."""
        found: dict[int, list[EarlierBooking]] = {}
        seen: set[str] = set()  # padded() repeats values: a booking may come twice
        for earlier, key in self._read(self._by_invoice, sorted(set(invoice_ids))):
            if key not in seen:
                seen.add(key)
                found.setdefault(earlier.invoice_id, []).append(earlier)
        return found

    def of_keys(self, keys: Iterable[str]) -> dict[str, EarlierBooking]:
        """The bookings stored under these source keys."""
        return {key: earlier for earlier, key in self._read(self._by_key, sorted(set(keys)))}


def _invoices_with_bookings(session, invoice_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(sorted(invoice_ids)):
        found.update(
            session.scalars(
                select(Booking.invoice_id).where(Booking.invoice_id.in_(chunk)).distinct()
            )
        )
    return found


def _same_customer(old: Any, values: dict) -> bool:
    return values.get("customer_id", old.customer_id) == old.customer_id


def _differences(row: InvoiceRow, old: Any) -> list[AmountDifference]:
    found = []
    if row.amount != old.amount:
        found.append(
            AmountDifference(row.line, row.number, row.mandant, "Betrag", row.amount, old.amount)
        )
    if row.open_given and row.open_amount != old.open_amount:
        found.append(
            AmountDifference(
                row.line, row.number, row.mandant, "OffenerBetrag", row.open_amount, old.open_amount
            )
        )
    return found


class Ledger:
    def __init__(self, db: Database):
        self.db = db

    # -- loading invoices -------------------------------------------------------------

    def import_invoices(self, rows: Iterable[InvoiceRow]) -> InvoiceImportReport:
        """Create or refresh invoices in one transaction; unknown Mandanten and branches
        are created and reported."""
        report = InvoiceImportReport()
        rows = list(rows)
        with self.db.session() as s:
            mandant_ids = dict(s.execute(select(Mandant.name, Mandant.id)).all())
            branch_ids = dict(s.execute(select(Branch.name, Branch.id)).all())
            for name in dict.fromkeys(r.mandant for r in rows):
                if name not in mandant_ids:
                    mandant = Mandant(name=name)
                    s.add(mandant)
                    s.flush()
                    mandant_ids[name] = mandant.id
                    report.new_mandants.append(name)
            for name in dict.fromkeys(r.branch for r in rows if r.branch):
                if name not in branch_ids:
                    branch = Branch(name=name)
                    s.add(branch)
                    s.flush()
                    branch_ids[name] = branch.id
                    report.new_branches.append(name)
            customer_ids = ensure_customers(s, {r.customer for r in rows if r.customer})

            # Last row wins when a file lists one invoice twice.
            wanted: dict[tuple[int, str], InvoiceRow] = {}
            for row in rows:
                wanted[(mandant_ids[row.mandant], normalise_invoice_number(row.number))] = row

            existing: dict[tuple[int, str], tuple] = {}
            by_mandant: dict[int, list[str]] = {}
            for mandant_id, norm in wanted:
                by_mandant.setdefault(mandant_id, []).append(norm)
            for mandant_id, numbers in by_mandant.items():
                for chunk in _chunks(numbers):
                    for inv in s.execute(
                        select(
                            Invoice.id,
                            Invoice.number_norm,
                            Invoice.branch_id,
                            Invoice.invoice_date,
                            Invoice.amount,
                            Invoice.open_amount,
                            Invoice.customer_id,
                        ).where(Invoice.mandant_id == mandant_id, Invoice.number_norm.in_(chunk))
                    ):
                        existing[(mandant_id, inv.number_norm)] = inv

            booked = _invoices_with_bookings(s, [inv.id for inv in existing.values()])
            now = utcnow()
            inserts, updates = [], []
            for (mandant_id, norm), row in wanted.items():
                values = {
                    "number": row.number,
                    "branch_id": branch_ids.get(row.branch) if row.branch else None,
                    "invoice_date": row.invoice_date,
                    "amount": row.amount,
                    "open_amount": row.open_amount,
                    "status": invoice_status(row.open_amount),
                    "updated_at": now,
                }
                if row.customer:  # a list without the column keeps the customers known
                    values["customer_id"] = customer_ids[row.customer]
                old = existing.get((mandant_id, norm))
                if old is None:
                    inserts.append(
                        {
                            **values,
                            "mandant_id": mandant_id,
                            "number_norm": norm,
                            "number_digits": digits_key(norm),
                        }
                    )
                    continue
                if old.id in booked:
                    # Payments were booked on it: the list never undoes them.
                    report.kept += 1
                    report.differences.extend(_differences(row, old))
                    for kept in ("amount", "open_amount", "status"):
                        del values[kept]
                    if (old.branch_id, old.invoice_date) == (
                        values["branch_id"],
                        row.invoice_date,
                    ) and _same_customer(old, values):
                        report.unchanged += 1
                    else:
                        updates.append({**values, "id": old.id})
                elif (old.branch_id, old.invoice_date, old.amount, old.open_amount) == (
                    values["branch_id"],
                    row.invoice_date,
                    row.amount,
                    row.open_amount,
                ) and _same_customer(old, values):
                    report.unchanged += 1
                else:
                    updates.append({**values, "id": old.id})
            if inserts:
                s.execute(insert(Invoice), inserts)
            if updates:
                # ORM bulk UPDATE by primary key: one executemany, no objects loaded.
                s.execute(update(Invoice), updates)
            report.created = len(inserts)
            report.updated = len(updates)
        return report

    # -- reading ----------------------------------------------------------------------

    def invoices(
        self,
        *,
        open_only: bool = False,
        mandants: Iterable[str] = (),
        limit: int | None = None,
        search: str = "",
    ) -> list[InvoiceView]:
        """``search``: part of the invoice number (spaces, hyphens and case aside) or of
        the branch's name."""
        query = (
            select(
                Invoice.id,
                Invoice.number,
                Mandant.name.label("mandant"),
                Branch.name.label("branch"),
                Invoice.invoice_date,
                Invoice.amount,
                Invoice.open_amount,
                Invoice.status,
            )
            .join(Mandant, Mandant.id == Invoice.mandant_id)
            .outerjoin(Branch, Branch.id == Invoice.branch_id)
            .order_by(Mandant.name, Invoice.invoice_date, Invoice.number)
        )
        query = _invoice_filter(query, open_only, list(mandants), search)
        if limit is not None:
            query = query.limit(limit)
        with self.db.session() as s:
            return [InvoiceView(*row) for row in s.execute(query)]

    def invoice_totals(
        self, *, open_only: bool = False, mandants: Iterable[str] = (), search: str = ""
    ) -> tuple[int, Decimal]:
        """How many invoices ``invoices`` would list without a limit, and their open sum
        (added up by the database; money's type carries through SUM as an exact Decimal)."""
        query = (
            select(func.count(Invoice.id), func.coalesce(func.sum(Invoice.open_amount), 0))
            .join(Mandant, Mandant.id == Invoice.mandant_id)
            .outerjoin(Branch, Branch.id == Invoice.branch_id)
        )
        query = _invoice_filter(query, open_only, list(mandants), search)
        with self.db.session() as s:
            count, open_sum = s.execute(query).one()
        return count, Decimal(open_sum).quantize(Decimal("0.01"))

    def invoice(self, mandant: str, number: str) -> InvoiceView | None:
        norm = normalise_invoice_number(number)
        with self.db.session() as s:
            row = s.execute(
                select(
                    Invoice.id,
                    Invoice.number,
                    Mandant.name,
                    Branch.name,
                    Invoice.invoice_date,
                    Invoice.amount,
                    Invoice.open_amount,
                    Invoice.status,
                )
                .join(Mandant, Mandant.id == Invoice.mandant_id)
                .outerjoin(Branch, Branch.id == Invoice.branch_id)
                .where(and_(Mandant.name == mandant, Invoice.number_norm == norm))
            ).first()
        return InvoiceView(*row) if row else None

    def bookings_of(self, invoice_id: int) -> list[BookingView]:
        with self.db.session() as s:
            rows = s.execute(
                select(
                    Booking.booking_date,
                    Booking.amount,
                    ImportFile.name,
                    Booking.source_line,
                    Booking.reference,
                    Booking.no_export,
                    Booking.created_at,
                )
                .join(ImportFile, ImportFile.id == Booking.import_file_id)
                .where(Booking.invoice_id == invoice_id)
                .order_by(Booking.id)
            )
            return [BookingView(*row) for row in rows]


def _invoice_filter(query: Select, open_only: bool, mandants: list[str], search: str) -> Select:
    if open_only:
        query = query.where(Invoice.status == INVOICE_OPEN)
    if mandants:
        query = query.where(Mandant.name.in_(mandants))
    term = search.strip()
    if term:
        conditions = [
            Invoice.number.icontains(term, autoescape=True),
            Branch.name.icontains(term, autoescape=True),
        ]
        norm = normalise_invoice_number(term)  # "re 2026 0007" finds RE-2026-0007
        if norm:
            conditions.append(Invoice.number_norm.contains(norm, autoescape=True))
        query = query.where(or_(*conditions))
    return query
