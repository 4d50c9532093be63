"""Klärungsfälle read for the list, the detail pane, the command line and the mails, and
the invoices a case may be assigned to, found by number.

A case's remaining amount is never stored: it is the payment's amount less what the
import booked of it and the sum of the case's bookings (a storno is a negative booking
with the case's id), added up by the database. The cases an import opens are written
by ``import_cases``; the bookings are listed by ``booking_list``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from sqlalchemy import Connection, Select, func, select

from ..domain.cases import ZERO, CaseStatus, remaining_amount
from ..domain.formats.records import entry_label
from ..domain.reason_texts import Reason
from .bulk_sql import chunks, max_in_values
from .case_models import CaseRow, case_mandants
from .db import Database
from .ledger_models import Booking, ImportFile, Invoice
from .models import InterfaceRow, Mandant, utcnow


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
    entry_id: str = ""
    detail: Reason | None = None  # None: a case stored with its German reason only
    closed_amount: Decimal = ZERO  # closed by a person without a booking

    def reason_text(self, lang: str = "de") -> str:
        return self.detail.text(lang) if self.detail else self.reason

    def where_text(self, lang: str = "de") -> str:
        """Where in its file the row is: "Zeile 5", "Line 5", "Statement 1, entry 4"."""
        if lang != "en" or not self.where:
            return self.where
        if self.line is not None:
            return f"Line {self.line}"
        return entry_label(self.entry_id, "en") if self.entry_id else self.where

    def file_place(self, lang: str = "de") -> str:
        """The file and where in it: "zahlungen.csv, Zeile 5", "payments.csv, line 5"."""
        if not self.where:
            return self.file_name
        where = self.where_text(lang)
        if lang == "en":  # mid-sentence English writes "line" and "statement" small
            where = where[:1].lower() + where[1:]
        return f"{self.file_name}, {where}"

    @property
    def remaining(self) -> Decimal | None:
        return remaining_amount(self.amount, self.booked_by_import, self.placed, self.closed_amount)

    def age_days(self, today: date, tz: tzinfo | None = None) -> int:
        """Whole days since the case was opened, counted in the zone of ``today`` (the
        computer's local zone unless ``tz`` says otherwise): a case opened at 00:30 in
        Berlin is 23:30 UTC of the day before, and must not count as a day older."""
        return max(0, (today - self.opened_at.astimezone(tz).date()).days)

    def to_json(self, today: date, lang: str = "de") -> dict:
        """For programs; ``reason`` and ``where`` in ``lang``."""
        remaining = self.remaining
        return {
            "id": self.id,
            "status": self.status.value,
            "code": self.code,
            "reason": self.reason_text(lang),
            "file": self.file_name,
            "line": self.line,
            "where": self.where_text(lang),
            "reference": self.reference,
            "text": self.text,
            "possible_invoices": list(self.possible),
            "payer": self.payer_name or None,
            "iban": self.payer_iban or None,
            "amount": None if self.amount is None else str(self.amount),
            "booked_by_import": str(self.booked_by_import),
            "assigned": str(self.placed),
            "closed_amount": str(self.closed_amount),
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


def opened_before(now: datetime, days: int) -> datetime:
    """The instant before which a case is older than ``days`` at ``now``, counted as
    :meth:`CaseView.age_days` counts (whole days of this computer's calendar): so "älter
    als 2 Tage" lists exactly the cases marked overdue at a limit of 2."""
    first_day_too_young = now.astimezone().date() - timedelta(days=days)
    # A naive datetime's astimezone() takes it as local time, with that day's DST offset.
    return datetime.combine(first_day_too_young, time(0)).astimezone()


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
        query = query.where(c.c.opened_at < opened_before(now, flt.older_than_days))
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
        closed_amount=r.closed_amount,
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
        entry_id=r.entry_id,
        detail=_detail(r.reason_detail),
    )


def _detail(stored: str) -> Reason | None:
    if not stored:
        return None
    try:
        return Reason.from_json(json.loads(stored))
    except ValueError:
        return None  # not this version's JSON: the German text is shown


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
