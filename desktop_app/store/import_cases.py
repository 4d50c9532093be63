"""The Klärungsfälle an import opens, inside the import's transaction: which of a file's
rows have a case already, one new case per row the import could not book in full, and
the cases a later import of the same rows books after all."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache, partial
from typing import cast

from sqlalchemy import Connection, Table, insert, literal, select
from sqlalchemy.orm import Session

from ..domain.cases import ZERO, CaseDraft, CaseStatus, remaining_amount
from ..domain.reason_texts import Reason
from ..domain.settlement import EarlierBooking, RowStatus
from .bulk_sql import chunks, driver_value, executemany_raw, max_in_values
from .case_models import CaseRow, case_mandants
from .dml import upsert_insert
from .ledger_models import Booking, ImportFile
from .models import Mandant, utcnow


def case_earlier(case_id: int, file_name: str, line: int | None) -> EarlierBooking:
    """A row whose payment a person has dealt with (or is dealing with) in a case: the
    import takes it as booked before and never books it again."""
    return EarlierBooking(0, None, None, file_name, line, case_id=case_id)


@dataclass(frozen=True)
class KnownCases:
    """The cases an import finds for its rows' keys."""

    handled: dict[str, EarlierBooking] = field(default_factory=dict)  # never book again
    open_untouched: dict[str, int] = field(default_factory=dict)  # key -> case id


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
            found.handled[key] = case_earlier(case_id, file_name, line)
    return found


_CASE_COLUMNS = (
    "source_key", "status", "code", "reason", "import_file_id", "interface_id", "run_id",
    "line", "entry_id", "where_text", "reference", "text", "possible", "payer_name",
    "payer_iban", "amount", "booked_by_import", "currency", "value_date", "settle_until",
    "booking_date", "opened_at", "updated_at", "closed_at", "closed_by", "close_reason",
    "reason_detail",
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
    table = cast(Table, CaseRow.__table__)  # typed FromClause; a mapped class's is a Table
    dialect = connection.dialect.name
    insert_into = upsert_insert(dialect)
    statement = insert_into(table).on_conflict_do_nothing(index_elements=["source_key"])
    hints: dict[str, str] = {}  # row key -> the other Mandant the row names
    drafts = _marked_repeats(connection, drafts, import_file_id)
    rows = _case_rows(
        connection, drafts, hints, set(mandants),
        (import_file_id, interface_id, run_id, settle_until, booking_date),
    )  # fmt: skip
    if not executemany_raw(connection, statement, _CASE_COLUMNS, rows, chunk=2000):
        return []
    _link_mandants(connection, import_file_id, mandants, hints)
    query = select(table.c.id).where(table.c.import_file_id == import_file_id)
    return list(connection.execute(query.order_by(table.c.id)).scalars())


_REPEAT_CHUNK = 500


def _marked_repeats(
    connection: Connection, drafts: Iterable[CaseDraft], import_file_id: int
) -> Iterator[CaseDraft]:
    """The drafts, those equal to a case of another file (reference, amount, date) marked
    as possibly the same payment: a row without a bank reference that a file sent again
    repeats would otherwise be a second case for one payment, and be placed twice."""
    c, f = CaseRow.__table__.c, ImportFile.__table__.c
    batch: list[CaseDraft] = []

    def marked() -> Iterator[CaseDraft]:
        wanted = sorted({d.reference for d in batch if _comparable(d)})
        earlier: dict[tuple, tuple[int, str, int | None]] = {}
        for chunk in chunks(wanted, max_in_values(connection)):
            query = (
                select(c.id, c.reference, c.amount, c.value_date, f.name, c.line)
                .join(ImportFile.__table__, f.id == c.import_file_id)
                .where(c.reference.in_(chunk), c.import_file_id != import_file_id)
                .order_by(c.id)
            )
            for case_id, reference, amount, day, file_name, line in connection.execute(query):
                earlier.setdefault((reference, amount, day), (case_id, file_name, line))
        for d in batch:
            found = earlier.get((d.reference, d.amount, d.value_date)) if _comparable(d) else None
            if found is None:
                yield d
                continue
            case_id, file_name, line = found
            detail = Reason.of("repeated-case", case=case_id, file=file_name, line=line)
            yield replace(
                d,
                code=RowStatus.POSSIBLE_DUPLICATE.value,
                reason_de=detail.de[:2000],
                detail=detail,
            )
        batch.clear()

    for draft in drafts:
        batch.append(draft)
        if len(batch) >= _REPEAT_CHUNK:
            yield from marked()
    yield from marked()


def _comparable(d: CaseDraft) -> bool:
    return not d.by_bank and bool(d.reference) and d.amount is not None


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
            now, now, None, "", "", json.dumps(d.detail.to_json()) if d.detail else "",
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


class CaseChanged(Exception):
    """A case the plan took as open and untouched was dealt with since: booking its row
    as planned could book the payment a second time."""


def settle_by_import(s: Session, booked: dict[int, Decimal], file_name: str) -> None:
    """Cases whose row an import booked now (the invoice came into the ledger since):
    what it booked counts against them, and a case with nothing left is settled.
    Raises ``CaseChanged`` where a person assigned or closed such a case meanwhile."""
    now = utcnow()
    b = Booking.__table__
    for case_id, amount in booked.items():
        row = s.get(CaseRow, case_id, with_for_update=True, populate_existing=True)
        if row is None:
            raise CaseChanged(f"case {case_id} is gone")
        touched = s.scalar(select(select(b.c.id).where(b.c.case_id == case_id).exists()))
        if row.status != CaseStatus.OPEN or touched:
            raise CaseChanged(f"case {case_id} was dealt with meanwhile")
        row.booked_by_import = row.booked_by_import + amount
        row.updated_at = now
        left = remaining_amount(row.amount, row.booked_by_import, ZERO)
        if left is None or left <= 0:
            row.status = CaseStatus.SETTLED.value
            row.closed_at = now
            row.closed_by = "Import"
            row.close_reason = f"Beim erneuten Einlesen von „{file_name[:400]}“ gebucht."
