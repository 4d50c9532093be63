"""Writing a payment file's bookings: one transaction per file, all of it or nothing.

Every booking stores its ``source_key`` under a unique constraint, so a row can never book
twice, not even when two processes import the same file at the same moment. The invoice
update is conditional on the open amount the plan saw: where another import or a person
booked on an invoice since, the plan's amounts are wrong (an Offene-Posten list books the
difference to what it saw, not to what is open now). Either conflict raises
``ConcurrentChange``: the transaction rolled back, and planning again helps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache, partial
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    case,
    insert,
    literal,
    literal_column,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain.cases import CaseDraft
from ..domain.formats.columns import cents_of, decimal_of
from ..domain.interface import ImportFormat
from ..domain.settlement import PlanBookings, SettlementPlan
from .bulk_sql import driver_value, executemany_raw
from .db import Database
from .db_errors import DatabaseError
from .import_cases import CaseChanged, open_cases, settle_by_import
from .ledger_models import (
    INVOICE_OPEN,
    INVOICE_PAID,
    Booking,
    ImportFile,
    Invoice,
    Money,
    import_file_mandants,
)
from .models import Mandant, utcnow


class ConcurrentChange(DatabaseError):
    """Another process booked on the same invoices meanwhile; nothing of the file was booked."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"the invoices changed meanwhile ({detail}); nothing was booked, try again",
            "Die Rechnungen wurden inzwischen geändert (ein anderer Import oder Benutzer). "
            "Es wurde nichts gebucht; bitte erneut versuchen.",
            "The invoices were changed meanwhile (by another import or user). Nothing was "
            "booked; please try again.",
        )


@dataclass(frozen=True)
class FileRecord:
    """The ``import_files`` row of one imported file."""

    sha256: str
    name: str
    server: str
    size: int
    interface_id: int | None
    import_format: str
    outcome: str
    reason: str
    rows: int
    booked_count: int
    booked_amount: Decimal
    file_date: date | None
    mandants: Sequence[str] = ()  # the Mandanten it was read for


@dataclass(frozen=True)
class CaseWork:
    """What a file's transaction does for the Klärungsfälle: the payers' IBANs on the
    bookings, the open cases whose rows it books now, the cases its unbooked rows open."""

    payers: Mapping[str, str] = field(default_factory=dict)  # row key -> IBAN
    open_before: Mapping[str, int] = field(default_factory=dict)  # row key -> case id
    rows: Iterable[CaseDraft] | None = None  # read once, as the cases are written
    interface_id: int | None = None
    settle_until: str = ""
    booking_date: date | None = None
    mandants: Sequence[str] = ()


class BookingWriter:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(
        self,
        file: FileRecord,
        plan: SettlementPlan | None,
        run_id: int | None,
        cases: CaseWork | None = None,
    ) -> tuple[int, list[int]]:
        """Write the file's record, given a ``plan`` its bookings, and the ``cases``' work,
        in one transaction; returns the record's id and the ids of the cases it opened.
        Raises ``ConcurrentChange`` (all rolled back)."""
        cases = cases or CaseWork()
        try:
            with self.db.session() as s:
                record = ImportFile(
                    sha256=file.sha256,
                    name=file.name[:512],
                    server=file.server,
                    size=file.size,
                    interface_id=file.interface_id,
                    import_format=file.import_format,
                    outcome=file.outcome,
                    reason=file.reason[:2000],
                    rows=file.rows,
                    booked_count=file.booked_count,
                    booked_amount=file.booked_amount,
                    file_date=file.file_date,
                )
                s.add(record)
                s.flush()
                _link_mandants(s, record.id, file.mandants)
                if plan is not None:
                    _write_bookings(s, plan, record.id, run_id, cases.payers)
                    if cases.open_before:
                        booked = _booked_for_cases(plan, cases.open_before)
                        settle_by_import(s, booked, file.name)
                return record.id, _open_cases(s, cases, record.id, run_id)
        except IntegrityError as exc:  # a source key booked by another process meanwhile
            raise ConcurrentChange(type(exc.orig).__name__) from exc
        except CaseChanged as exc:  # planned again, the row is then the person's
            raise ConcurrentChange(str(exc)) from exc


def _link_mandants(s: Session, import_file_id: int, names: Sequence[str]) -> None:
    """Record the Mandanten the file was read for: a list's older-list check compares
    only with lists of the same Mandanten."""
    if names:
        chosen = select(Mandant.id, literal(import_file_id)).where(Mandant.name.in_(list(names)))
        s.execute(
            insert(import_file_mandants).from_select(["mandant_id", "import_file_id"], chosen)
        )


def _open_cases(s: Session, cases: CaseWork, file_id: int, run_id: int | None) -> list[int]:
    if cases.rows is None or cases.booking_date is None:
        return []
    return open_cases(
        s,
        cases.rows,
        import_file_id=file_id,
        interface_id=cases.interface_id,
        run_id=run_id,
        settle_until=cases.settle_until,
        booking_date=cases.booking_date,
        mandants=cases.mandants,
    )


def _booked_for_cases(plan: SettlementPlan, cases: Mapping[str, int]) -> dict[int, Decimal]:
    """What the plan books on the rows of open cases (``row key -> case id``)."""
    booked: dict[int, Decimal] = {}
    for _, amount, key, *_ in _ledger_rows(plan):
        case_id = cases.get(key)
        if case_id is None:
            case_id = cases.get(key.rsplit("+", 1)[0])
        if case_id is not None:
            value = decimal_of(amount) if type(amount) is int else amount
            booked[case_id] = booked.get(case_id, Decimal("0.00")) + value
    return booked


def _write_bookings(
    s: Session, plan: SettlementPlan, file_id: int, run_id: int | None, payers: Mapping[str, str]
) -> None:
    """Insert the plan's bookings and lower the open amounts, on the session's
    transaction; raise ``ConcurrentChange`` when an invoice's open amount is no longer
    the one the plan saw."""
    bookings = _columns(plan)  # before any write
    connection = s.connection()
    now = utcnow()
    # executemany_raw wants what the driver takes: each column type's conversion is
    # applied here, the few distinct dates, flags and times converted only once.
    money = Money().bind_processor(connection.dialect) or (lambda value: value)
    _insert_bookings(connection, plan, file_id, run_id, now, money, payers)
    _lower_open_amounts(connection, bookings, now, money, exact=plan.format_id in _BY_DIFFERENCE)


_BOOKING_COLUMNS = (
    "invoice_id",
    "booking_date",
    "amount",
    "source_key",
    "import_file_id",
    "source_line",
    "reference",
    "no_export",
    "run_id",
    "created_at",
    "paid_amount",
    "paid_on",
    "payer_iban",
)


def _insert_bookings(
    connection: Connection,
    plan: SettlementPlan,
    file_id: int,
    run_id: int | None,
    now: datetime,
    money: Callable[[Any], Any],
    payers: Mapping[str, str],
) -> None:
    c = Booking.__table__.c
    day_value = cache(partial(driver_value, connection, c.booking_date))
    flag_value = cache(partial(driver_value, connection, c.no_export))
    created = driver_value(connection, c.created_at, now)
    paid_day = cache(partial(driver_value, connection, c.paid_on))
    rows = (
        (
            invoice_id,
            day_value(day),
            amount if type(amount) is int else money(amount),  # int: cents already
            key[:255],
            file_id,
            line,
            number[:255],
            flag_value(no_export),
            run_id,
            created,
            _paid_cents(paid),
            None if paid_on is None else paid_day(paid_on),
            _payer(payers, key) if payers else None,
        )
        for invoice_id, amount, key, line, number, day, no_export, paid, paid_on in (
            _ledger_rows(plan)
        )
    )
    # inline(): no RETURNING of the new ids, which nobody reads.
    table = cast(Table, Booking.__table__)  # typed FromClause; a mapped class's is a Table
    executemany_raw(connection, insert(table).inline(), _BOOKING_COLUMNS, rows)


# Offene-Posten lists book the open amount seen minus what the list says is open.
_BY_DIFFERENCE = frozenset({ImportFormat.OPEN_ITEMS.value, ImportFormat.DATEV_OPOS.value})


def _lower_open_amounts(
    connection: Connection,
    bookings: PlanBookings,
    now: datetime,
    money: Callable[[Any], Any],
    *,
    exact: bool,
) -> None:
    """Only where enough is still open for the amount, and (``exact``) the open amount
    is still the one the plan saw; else ``ConcurrentChange``.

    A payment's amount is its own: two imports paying one invoice at once both book, as
    long as enough is open. An Offene-Posten list's amounts follow from what it saw (the
    open amount minus what the list says is open): a payment booked meanwhile would be
    booked a second time, so for such a plan any change refuses it. PostgreSQL checks
    the condition again on the row another transaction committed meanwhile; SQLite runs
    one writer at a time."""
    table = cast(Table, Invoice.__table__)  # typed FromClause; a mapped class's is a Table
    amount = bindparam("b_amount", type_=Money())
    seen = bindparam("b_seen", type_=Money())
    open_or_paid = case(
        (
            table.c.open_amount - amount > literal_column("0"),
            literal_column(f"'{INVOICE_OPEN}'"),
        ),
        else_=literal_column(f"'{INVOICE_PAID}'"),
    )
    statement = (
        update(table)
        .where(
            table.c.id == bindparam("b_id"),
            table.c.open_amount >= amount,  # the planner never books more than is open
            *((table.c.open_amount == seen,) if exact else ()),
        )
        .values(
            open_amount=table.c.open_amount - amount,
            status=open_or_paid,
            updated_at=bindparam("b_now"),
        )
    )
    updated = driver_value(connection, table.c.updated_at, now)
    # In ascending id: neighbouring rows share pages, and two imports lock invoices
    # in the same order.
    invoices = len(bookings.per_invoice)
    params = (
        (
            i,
            amount if type(amount) is int else money(amount),  # int: cents already
            *((open_amount if type(open_amount) is int else money(open_amount),) if exact else ()),
            updated,
        )
        for i, amount, open_amount in bookings.ledger_updates()
    )
    names = ("b_id", "b_amount", *(("b_seen",) if exact else ()), "b_now")
    changed = executemany_raw(connection, statement, names, params)
    if changed != invoices:
        raise ConcurrentChange(f"{invoices - changed} invoices changed")


def _payer(payers: Mapping[str, str], key: str) -> str | None:
    # A row paying several invoices books under "<key>+<n>" after the first.
    return payers.get(key) or payers.get(key.rsplit("+", 1)[0])


def _paid_cents(paid: int | Decimal | None) -> int | None:
    """A row's amount as the ledger stores it; an amount finer than cents (no bank
    writes one) is not kept rather than rounded: it then matches no later row."""
    if paid is None or isinstance(paid, int):
        return paid
    return cents_of(paid)


def _ledger_rows(
    plan: SettlementPlan,
) -> Iterator[
    tuple[int, int | Decimal, str, int | None, str, date, bool, int | Decimal | None, date | None]
]:
    """``(invoice_id, amount, source_key, line, reference, booking_date, no_export,
    paid_amount, paid_on)`` per booking; from the planner's columns without building
    ``Booking`` objects. An ``int`` amount is whole cents, what the ledger stores (see
    ``PlanBookings.ledger_rows``)."""
    # The planner dates every booking of a plan alike and never makes one exportable.
    for invoice_id, amount, key, line, number, paid, paid_on in _columns(plan).ledger_rows():
        yield invoice_id, amount, key, line, number, plan.booking_date, True, paid, paid_on


def _columns(plan: SettlementPlan) -> PlanBookings:
    """The plan's bookings as the planner keeps them. Only those know the open amount
    the plan saw on each invoice, without which a change meanwhile would go unnoticed:
    bookings of any other kind (none are made outside tests) are never written."""
    bookings = plan.bookings
    if not isinstance(bookings, PlanBookings):
        raise TypeError(
            f"{type(bookings).__name__}: only the planner's bookings, which name the open "
            "amounts they were planned on, can be written"
        )
    return bookings
