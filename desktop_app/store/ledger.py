"""Reading and loading the invoice ledger.

Bulk paths use SQLAlchemy Core (executemany) rather than one ORM object per row: a
branch chain's ledger holds millions of invoices.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    Select,
    Table,
    and_,
    bindparam,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from ..domain.formats.text import digits_key, normalise_invoice_number
from ..domain.invoice_csv import InvoiceRow
from .bulk_sql import chunks
from .customers import ensure_customers
from .db import Database
from .ledger_models import INVOICE_OPEN, INVOICE_PAID, Booking, ImportFile, Invoice
from .models import Branch, Mandant, utcnow


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

    @property
    def is_open(self) -> bool:
        return self.status == INVOICE_OPEN

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


def _invoices_with_bookings(session, invoice_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in chunks(sorted(invoice_ids)):
        found.update(
            session.scalars(
                select(Booking.invoice_id).where(Booking.invoice_id.in_(chunk)).distinct()
            )
        )
    return found


def _same_customer(old: Any, values: dict) -> bool:
    return values.get("customer_id", old.customer_id) == old.customer_id


def _open_kept(row: InvoiceRow, old: Any) -> Decimal:
    """The open amount of a stored invoice for a line without OffenerBetrag: what an
    earlier list said was paid stays paid, so the invoice is never reopened; a changed
    Betrag moves the open amount by as much, within the new Betrag."""
    open_amount = row.amount - (old.amount - old.open_amount)
    low, high = sorted((Decimal("0.00"), row.amount))
    return min(max(open_amount, low), high)


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
            mandant_ids = _ids_creating(s, Mandant, (r.mandant for r in rows), report.new_mandants)
            branch_ids = _ids_creating(
                s, Branch, (r.branch for r in rows if r.branch), report.new_branches
            )
            wanted: dict[tuple[int, str], InvoiceRow] = {}
            for row in rows:
                key = (mandant_ids[row.mandant], normalise_invoice_number(row.number))
                if wanted.setdefault(key, row) is not row:
                    # read_invoices refuses such a file; one of the two would be lost.
                    raise ValueError(f"invoice {row.number!r} given twice")
            customer_ids = ensure_customers(s, {r.customer for r in rows if r.customer})
            ids = (branch_ids, customer_ids)
            existing = _existing_invoices(s, wanted)
            booked = _invoices_with_bookings(s, [inv.id for inv in existing.values()])
            inserts, updates, guarded = _invoice_changes(wanted, existing, booked, ids, report)
            if inserts:
                s.execute(insert(Invoice), inserts)
            missed = _update_unless_booked(s, guarded)
            if missed:
                # Booked since the read above: kept like any invoice with bookings.
                again = {key: row for key, row in wanted.items() if key in missed}
                fresh = _existing_invoices(s, again)
                _, late, _ = _invoice_changes(
                    again, fresh, {inv.id for inv in fresh.values()}, ids, report
                )
                updates += late
            if updates:
                # ORM bulk UPDATE by primary key: one executemany, no objects loaded.
                s.execute(update(Invoice), updates)
            report.created = len(inserts)
            report.updated = len(updates) + len(guarded) - len(missed)
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
        query = _invoice_views().order_by(Mandant.name, Invoice.invoice_date, Invoice.number)
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
                _invoice_views().where(and_(Mandant.name == mandant, Invoice.number_norm == norm))
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


def _invoice_views() -> Select:
    """The columns of an ``InvoiceView`` in its order, with its Mandant's and branch's names."""
    return (
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
    )


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


def _ids_creating(s: Session, model: Any, names: Iterable[str], created: list[str]) -> dict:
    """The ids of Mandanten or branches by name, creating (and listing) the missing ones."""
    ids = dict(s.execute(select(model.name, model.id)).all())
    for name in dict.fromkeys(names):
        if name not in ids:
            entry = model(name=name)
            s.add(entry)
            s.flush()
            ids[name] = entry.id
            created.append(name)
    return ids


def _existing_invoices(s: Session, wanted: dict[tuple[int, str], InvoiceRow]) -> dict:
    """The stored invoices among ``wanted``, by (Mandant id, normalised number)."""
    existing: dict[tuple[int, str], Any] = {}
    by_mandant: dict[int, list[str]] = {}
    for mandant_id, norm in wanted:
        by_mandant.setdefault(mandant_id, []).append(norm)
    for mandant_id, numbers in by_mandant.items():
        for chunk in chunks(numbers):
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
    return existing


def _invoice_changes(
    wanted: dict[tuple[int, str], InvoiceRow],
    existing: dict,
    booked: set[int],
    ids: tuple[dict[str, int], dict[str, int]],
    report: InvoiceImportReport,
) -> tuple[list[dict], list[dict], dict[tuple[int, str], dict]]:
    """The rows to insert, to update, and to update only while the open amount is still
    the one read and nothing is booked (by Mandant id and normalised number); unchanged
    and kept ones are counted in ``report``. ``ids``: the branches' and the customers'
    ids by name."""
    branch_ids, customer_ids = ids
    now = utcnow()
    inserts, updates, guarded = [], [], {}
    for (mandant_id, norm), row in wanted.items():
        old = existing.get((mandant_id, norm))
        open_amount = row.open_amount if row.open_given or old is None else _open_kept(row, old)
        values = {
            "number": row.number,
            "branch_id": branch_ids.get(row.branch) if row.branch else None,
            "invoice_date": row.invoice_date,
            "amount": row.amount,
            "open_amount": open_amount,
            "status": invoice_status(open_amount),
            "updated_at": now,
        }
        if row.customer:  # a list without the column keeps the customers known
            values["customer_id"] = customer_ids[row.customer]
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
            open_amount,
        ) and _same_customer(old, values):
            report.unchanged += 1
        else:
            guarded[(mandant_id, norm)] = {**values, "b_id": old.id, "b_open": old.open_amount}
    return inserts, updates, guarded


def _update_unless_booked(s: Session, guarded: dict[tuple[int, str], dict]) -> set:
    """Write ``guarded``'s amounts where the open amount is still the one read and no
    booking exists; the keys of the invoices left as they are.

    A payment file may commit bookings between the read of which invoices have some and
    this write: its invoices must keep the open amount it left."""
    if not guarded:
        return set()
    # Typed FromClause; a mapped class's is a Table.
    table, bookings = cast(Table, Invoice.__table__), cast(Table, Booking.__table__)
    statement = update(table).where(
        table.c.id == bindparam("b_id"),
        table.c.open_amount == bindparam("b_open"),
        ~exists().where(bookings.c.invoice_id == table.c.id),
    )
    written = 0
    by_keys: dict[frozenset, list[dict]] = {}
    for values in guarded.values():
        by_keys.setdefault(frozenset(values), []).append(values)
    for group in by_keys.values():
        # An UPDATE's result is a CursorResult (SQLAlchemy types it as Result).
        written += cast(CursorResult[Any], s.execute(statement, group)).rowcount
    if written == len(guarded):
        return set()
    # Rows this transaction updated stay locked until it ends, so only they carry its
    # updated_at; the others were left alone.
    now = next(iter(guarded.values()))["updated_at"]
    done: set[int] = set()
    for chunk in chunks(sorted(v["b_id"] for v in guarded.values())):
        done.update(
            s.scalars(select(table.c.id).where(table.c.id.in_(chunk), table.c.updated_at == now))
        )
    return {key for key, values in guarded.items() if values["b_id"] not in done}
