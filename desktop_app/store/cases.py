"""Klärungsfälle in the database: opened inside an import's transaction, read for the
list, the detail pane, the command line and the mails.

A case's remaining amount is never stored: it is the payment's amount less what the
import booked of it and the sum of the case's bookings (a storno is a negative booking
with the case's id), added up by the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache, partial

from sqlalchemy import Connection, Select, func, insert, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..domain.cases import ZERO, CaseDraft, CaseStatus, remaining_amount
from ..domain.settlement import EarlierBooking
from .bulk_sql import chunks, driver_value, executemany_raw, max_in_values
from .case_models import CaseRow, case_mandants
from .db import Database
from .ledger_models import Booking, ImportFile, Invoice
from .models import InterfaceRow, Mandant, utcnow


@dataclass(frozen=True, slots=True)
class CaseEarlier(EarlierBooking):
    """A row whose payment a person has dealt with (or is dealing with) in a case: the
    import takes it as booked before and never books it again."""

    case_id: int = 0

    def where_de(self) -> str:
        where = f"Klärungsfall {self.case_id}, Datei „{self.file_name}“"
        return f"{where}, Zeile {self.line}" if self.line is not None else where


@dataclass(frozen=True)
class KnownCases:
    """The cases an import finds for its rows' keys."""

    handled: dict[str, CaseEarlier] = field(default_factory=dict)  # never book again
    open_untouched: dict[str, int] = field(default_factory=dict)  # key -> case id


@dataclass(frozen=True)
class CaseFilter:
    open_only: bool = False
    interface_id: int | None = None
    mandant: str | None = None
    code: str | None = None
    older_than_days: int | None = None
    run_id: int | None = None
    case_ids: tuple[int, ...] | None = None
    limit: int | None = 5000


@dataclass(frozen=True)
class CaseView:
    id: int
    status: CaseStatus
    code: str
    reason: str
    file_name: str
    import_file_id: int
    line: int | None
    where: str
    reference: str
    text: str
    possible: tuple[str, ...]
    payer_name: str
    payer_iban: str
    amount: Decimal | None
    booked_by_import: Decimal
    placed: Decimal  # the case's bookings, stornos counted negative
    currency: str
    value_date: date | None
    settle_until: str
    booking_date: date
    opened_at: datetime
    interface_id: int | None
    interface: str | None
    run_id: int | None
    mandants: tuple[str, ...]
    closed_at: datetime | None
    closed_by: str
    close_reason: str

    @property
    def remaining(self) -> Decimal | None:
        return remaining_amount(self.amount, self.booked_by_import, self.placed)

    def age_days(self, today: date) -> int:
        return max(0, (today - self.opened_at.date()).days)

    def to_json(self, today: date) -> dict:
        remaining = self.remaining
        return {
            "id": self.id,
            "status": self.status.value,
            "code": self.code,
            "reason": self.reason,
            "file": self.file_name,
            "line": self.line,
            "where": self.where,
            "reference": self.reference,
            "text": self.text,
            "possible_invoices": list(self.possible),
            "payer": self.payer_name or None,
            "iban": self.payer_iban or None,
            "amount": None if self.amount is None else str(self.amount),
            "booked_by_import": str(self.booked_by_import),
            "assigned": str(self.placed),
            "remaining": None if remaining is None else str(remaining),
            "currency": self.currency,
            "value_date": self.value_date.isoformat() if self.value_date else None,
            "interface": self.interface,
            "mandants": list(self.mandants),
            "run": self.run_id,
            "opened_at": self.opened_at.isoformat(),
            "age_days": self.age_days(today),
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closed_by": self.closed_by or None,
            "close_reason": self.close_reason or None,
        }


# -- inside the import's transaction --------------------------------------------------------


def known_cases(connection: Connection, sha256: str, keys: Iterable[str]) -> KnownCases:
    """The cases of this file's content (by its hash) and of the bank transactions
    ``keys`` (other files may carry the same one)."""
    c, f, b = CaseRow.__table__, ImportFile.__table__, Booking.__table__
    has_bookings = select(b.c.id).where(b.c.case_id == c.c.id).exists()
    base = select(c.c.id, c.c.source_key, c.c.status, c.c.line, f.c.name, has_bookings).join(
        f, f.c.id == c.c.import_file_id
    )
    rows = list(connection.execute(base.where(f.c.sha256 == sha256)))
    wanted = sorted(set(keys))
    for chunk in chunks(wanted, max_in_values(connection)):
        rows += connection.execute(base.where(c.c.source_key.in_(chunk)))
    found = KnownCases()
    for case_id, key, status, line, file_name, booked in rows:
        if status == CaseStatus.OPEN and not booked:
            found.open_untouched[key] = case_id
        else:
            found.handled[key] = CaseEarlier(0, None, None, file_name, line, case_id=case_id)
    return found


_CASE_COLUMNS = (
    "source_key", "status", "code", "reason", "import_file_id", "interface_id", "run_id",
    "line", "entry_id", "where_text", "reference", "text", "possible", "payer_name",
    "payer_iban", "amount", "booked_by_import", "currency", "value_date", "settle_until",
    "booking_date", "opened_at", "updated_at", "closed_at", "closed_by", "close_reason",
)  # fmt: skip


def open_cases(
    s: Session,
    drafts: Iterable[CaseDraft],
    *,
    import_file_id: int,
    interface_id: int | None,
    run_id: int | None,
    settle_until: str,
    booking_date: date,
    mandants: Sequence[str],
) -> list[int]:
    """Insert one case per draft whose row has none yet, on the session's transaction
    (another computer may insert the same row at the same moment: the unique key keeps
    one); returns the new ids. The drafts are read once, as they come: a large file's
    cases are never all held at once."""
    connection = s.connection()
    table = CaseRow.__table__
    dialect = connection.dialect.name
    insert_into = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert_into(table).on_conflict_do_nothing(index_elements=["source_key"])
    hints: dict[str, str] = {}  # row key -> the other Mandant the row names
    rows = _case_rows(
        connection, drafts, hints, set(mandants),
        (import_file_id, interface_id, run_id, settle_until, booking_date),
    )  # fmt: skip
    if not executemany_raw(connection, statement, _CASE_COLUMNS, rows, chunk=2000):
        return []
    _link_mandants(connection, import_file_id, mandants, hints)
    query = select(table.c.id).where(table.c.import_file_id == import_file_id)
    return list(connection.execute(query.order_by(table.c.id)).scalars())


def _case_rows(connection: Connection, drafts: Iterable[CaseDraft], hints: dict[str, str],
               chosen: set[str], common: tuple) -> Iterator[tuple]:  # fmt: skip
    """Each draft as the driver takes the row (see ``executemany_raw``)."""
    import_file_id, interface_id, run_id, settle_until, booking_date = common
    c = CaseRow.__table__.c
    dialect = connection.dialect
    # The column type's conversion looked up once, not again for each row.
    money = c.amount.type.dialect_impl(dialect).bind_processor(dialect) or (lambda v: v)
    day = cache(partial(driver_value, connection, c.value_date))
    now = driver_value(connection, c.opened_at, utcnow())
    booked_day = day(booking_date)
    open_, settled = CaseStatus.OPEN.value, CaseStatus.SETTLED.value
    for d in drafts:
        if d.mandant_hint and d.mandant_hint not in chosen:
            hints[d.source_key] = d.mandant_hint
        done = d.amount is not None and d.amount - d.booked <= 0
        yield (
            d.source_key, settled if done else open_, d.code, d.reason_de, import_file_id,
            interface_id, run_id, d.line, d.entry_id[:64], d.where_de[:128], d.reference,
            d.text, ", ".join(d.possible)[:1000], d.payer_name, d.payer_iban,
            None if d.amount is None else money(d.amount), money(d.booked), d.currency,
            None if d.value_date is None else day(d.value_date), settle_until, booked_day,
            now, now, None, "", "",
        )  # fmt: skip


def _link_mandants(
    connection: Connection, import_file_id: int, chosen: Sequence[str], hints: dict[str, str]
) -> None:
    """A case's Mandanten: the import's, and the one its row names (another Mandant's
    payment is found among that Mandant's invoices)."""
    names = set(chosen) | set(hints.values())
    by_name = dict(
        connection.execute(select(Mandant.name, Mandant.id).where(Mandant.name.in_(names))).all()
    )
    c, cm = CaseRow.__table__, case_mandants
    for name in dict.fromkeys(chosen):  # one statement per Mandant, however many cases
        if name in by_name:
            cases = select(c.c.id, literal(by_name[name])).where(
                c.c.import_file_id == import_file_id
            )
            connection.execute(insert(cm).from_select(["case_id", "mandant_id"], cases))
    hinted = [key for key, name in hints.items() if name in by_name]
    for chunk in chunks(hinted, max_in_values(connection)):
        query = select(c.c.source_key, c.c.id).where(
            c.c.source_key.in_(chunk), c.c.import_file_id == import_file_id
        )
        extra = [
            {"case_id": case_id, "mandant_id": by_name[hints[key]]}
            for key, case_id in connection.execute(query)
        ]
        if extra:
            connection.execute(insert(cm), extra)


def settle_by_import(s: Session, booked: dict[int, Decimal], file_name: str) -> None:
    """Cases whose row an import booked now (the invoice came into the ledger since):
    what it booked counts against them, and a case with nothing left is settled."""
    now = utcnow()
    for case_id, amount in booked.items():
        row = s.get(CaseRow, case_id, with_for_update=True)
        if row is None:
            continue
        row.booked_by_import = row.booked_by_import + amount
        row.updated_at = now
        left = remaining_amount(row.amount, row.booked_by_import, ZERO)
        if left is None or left <= 0:
            row.status = CaseStatus.SETTLED.value
            row.closed_at = now
            row.closed_by = "Import"
            row.close_reason = f"Beim erneuten Einlesen von „{file_name[:400]}“ gebucht."


# -- reading --------------------------------------------------------------------------------


def _placed():
    b = Booking.__table__
    return (
        select(
            b.c.case_id.label("case_id"),
            func.sum(b.c.amount).label("placed"),
        )
        .where(b.c.case_id.is_not(None))
        .group_by(b.c.case_id)
        .subquery()
    )


def _case_query() -> Select:
    c, f, i = CaseRow.__table__, ImportFile.__table__, InterfaceRow.__table__
    placed = _placed()
    return (
        select(c, f.c.name.label("file_name"), i.c.name.label("interface_name"), placed.c.placed)
        .join(f, f.c.id == c.c.import_file_id)
        .outerjoin(i, i.c.id == c.c.interface_id)
        .outerjoin(placed, placed.c.case_id == c.c.id)
    )


def _filtered(query: Select, flt: CaseFilter, now: datetime) -> Select:
    c = CaseRow.__table__
    if flt.open_only:
        query = query.where(c.c.status == CaseStatus.OPEN.value)
    if flt.interface_id is not None:
        query = query.where(c.c.interface_id == flt.interface_id)
    if flt.code:
        query = query.where(c.c.code == flt.code)
    if flt.run_id is not None:
        query = query.where(c.c.run_id == flt.run_id)
    if flt.case_ids is not None:
        query = query.where(c.c.id.in_(flt.case_ids or [-1]))
    if flt.older_than_days is not None:
        query = query.where(c.c.opened_at <= now - timedelta(days=flt.older_than_days))
    if flt.mandant:
        cm, m = case_mandants, Mandant.__table__
        query = query.where(
            select(cm.c.case_id)
            .join(m, m.c.id == cm.c.mandant_id)
            .where(cm.c.case_id == c.c.id, m.c.name == flt.mandant)
            .exists()
        )
    return query


def list_cases(
    db: Database, flt: CaseFilter | None = None, now: datetime | None = None
) -> list[CaseView]:
    """Cases, oldest first (the one waiting longest is dealt with first)."""
    c = CaseRow.__table__
    flt = flt or CaseFilter()
    query = _filtered(_case_query(), flt, now or utcnow()).order_by(c.c.opened_at, c.c.id)
    if flt.limit is not None:
        query = query.limit(flt.limit)
    with db.session() as s:
        rows = list(s.execute(query))
        names = _mandant_names(s.connection(), [r.id for r in rows])
    return [_view(r, names.get(r.id, ())) for r in rows]


def count_open(db: Database) -> int:
    with db.session() as s:
        return (
            s.scalar(
                select(func.count()).select_from(CaseRow).where(CaseRow.status == CaseStatus.OPEN)
            )
            or 0
        )


def get_case(db: Database, case_id: int) -> CaseView | None:
    found = list_cases(db, CaseFilter(case_ids=(case_id,), limit=None))
    return found[0] if found else None


def case_mandant_ids(connection: Connection, case_id: int) -> list[int]:
    cm = case_mandants
    return list(
        connection.execute(select(cm.c.mandant_id).where(cm.c.case_id == case_id)).scalars()
    )


def _mandant_names(connection: Connection, case_ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    cm, m = case_mandants, Mandant.__table__
    for chunk in chunks(sorted(case_ids), max_in_values(connection)):
        query = (
            select(cm.c.case_id, m.c.name)
            .join(m, m.c.id == cm.c.mandant_id)
            .where(cm.c.case_id.in_(chunk))
            .order_by(m.c.name)
        )
        for case_id, name in connection.execute(query):
            found.setdefault(case_id, []).append(name)
    return {k: tuple(v) for k, v in found.items()}


def _view(r, mandants: tuple[str, ...]) -> CaseView:
    return CaseView(
        id=r.id,
        status=CaseStatus(r.status),
        code=r.code,
        reason=r.reason,
        file_name=r.file_name,
        import_file_id=r.import_file_id,
        line=r.line,
        where=r.where_text,
        reference=r.reference,
        text=r.text,
        possible=tuple(p for p in r.possible.split(", ") if p),
        payer_name=r.payer_name,
        payer_iban=r.payer_iban,
        amount=r.amount,
        booked_by_import=r.booked_by_import,
        placed=r.placed if r.placed is not None else ZERO,
        currency=r.currency,
        value_date=r.value_date,
        settle_until=r.settle_until,
        booking_date=r.booking_date,
        opened_at=r.opened_at,
        interface_id=r.interface_id,
        interface=r.interface_name,
        run_id=r.run_id,
        mandants=mandants,
        closed_at=r.closed_at,
        closed_by=r.closed_by,
        close_reason=r.close_reason,
    )


def case_ids_of_runs(db: Database, run_ids: Sequence[int]) -> dict[int, list[int]]:
    """The cases each run opened."""
    c = CaseRow.__table__
    found: dict[int, list[int]] = {}
    if not run_ids:
        return found
    with db.session() as s:
        query = select(c.c.run_id, c.c.id).where(c.c.run_id.in_(list(run_ids))).order_by(c.c.id)
        for run_id, case_id in s.execute(query):
            found.setdefault(run_id, []).append(case_id)
    return found


# -- bookings ------------------------------------------------------------------------------


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
    if case_id is not None:
        query = query.where(b.c.case_id == case_id)
    if limit is not None:
        query = query.limit(limit)
    with db.session() as s:
        return [BookingRecord(*row) for row in s.execute(query)]


def invoice_ids_by_number(
    db: Database, number_norm: str, mandant_ids: Sequence[int] | None = None
) -> list[tuple[int, str, str, Decimal]]:
    """``(id, number, Mandant, open amount)`` of the invoices with this number."""
    i, m = Invoice.__table__, Mandant.__table__
    query = (
        select(i.c.id, i.c.number, m.c.name, i.c.open_amount)
        .join(m, m.c.id == i.c.mandant_id)
        .where(i.c.number_norm == number_norm)
        .order_by(m.c.name)
    )
    if mandant_ids is not None:
        query = query.where(i.c.mandant_id.in_(list(mandant_ids) or [-1]))
    with db.session() as s:
        return [tuple(r) for r in s.execute(query)]  # type: ignore[misc]


def mandant_ids_by_name(db: Database, names: Iterable[str]) -> dict[str, int]:
    with db.session() as s:
        return dict(
            s.execute(select(Mandant.name, Mandant.id).where(Mandant.name.in_(list(names)))).all()
        )


def mark_open(s: Session, case_id: int) -> None:
    """A storno gave the case's payment back: it is open again."""
    s.execute(
        update(CaseRow)
        .where(CaseRow.id == case_id)
        .values(status=CaseStatus.OPEN.value, updated_at=utcnow(), closed_at=None)
    )
