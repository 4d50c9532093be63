"""Import one payment file: parse, plan the settlement, then apply exactly that plan.

One database transaction per file: all of it or nothing. Every booking stores its
``source_key`` under a unique constraint, so a row can never book twice, not even when
two processes import the same file at the same moment. The invoice update is
conditional on the open amount the plan saw; when another process changed an invoice in
between, the transaction is rolled back and the file planned again.
"""

from __future__ import annotations

import enum
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, partial
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    bindparam,
    case,
    func,
    insert,
    literal_column,
    select,
    type_coerce,
    update,
)
from sqlalchemy.exc import IntegrityError

from ..domain.booking_policy import FutureBookingNotAllowed, check_booking_date
from ..domain.cases import CaseRows, normalise_iban
from ..domain.formats import DatevClient, FormatError, ParsedFile, ParseOptions, parse
from ..domain.formats.columns import cents_of, decimal_of
from ..domain.formats.records import (
    AnyRecord,
    RecordTable,
    first_lookup_keys,
    more_lookup_keys,
)
from ..domain.interface import ChainOptions, ImportFormat, SettleUntil
from ..domain.settlement import (
    EarlierBooking,
    GuardConfig,
    OpenInvoice,
    PlanBookings,
    RowResult,
    SettlementPlan,
    plan_settlement,
)
from ..store.cases import KnownCases, known_cases, open_cases, settle_by_import
from ..store.catalog import Catalog
from ..store.db import Database
from ..store.ledger import (
    EarlierBookings,
    InSelect,
    _chunks,
    driver_value,
    executemany_raw,
    max_in_values,
    padded,
)
from ..store.ledger_models import INVOICE_OPEN, INVOICE_PAID, Booking, ImportFile, Invoice, Money
from ..store.models import Branch, Mandant, utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # re-plans after a concurrent change before giving up


class ImportOutcome(enum.StrEnum):
    BOOKED = "booked"  # at least one booking committed
    NOTHING = "nothing"  # read fine, nothing to book
    DUPLICATE = "duplicate"  # same content booked before: never again
    REFUSED = "refused"  # a guard refused it (Offene Posten)
    FAILED = "failed"  # unreadable or wrong format


class ConcurrentChange(Exception):
    """Another process booked on the same invoices meanwhile; planning again helps."""


@dataclass(frozen=True)
class ImportRequest:
    data: bytes
    file_name: str
    format_id: str
    mandants: tuple[str, ...]
    settle_until: SettleUntil
    today: date
    interface_id: int | None = None
    server: str = ""
    file_date: date | None = None
    run_id: int | None = None
    guards: GuardConfig = field(default_factory=GuardConfig)
    invoice_pattern: str = ""  # the interface's own pattern, or "" (see ParseOptions)

    @property
    def booking_date(self) -> date:
        return self.settle_until.booking_date(self.today)


@dataclass
class ImportResult:
    file_name: str
    format_id: str
    sha256: str
    outcome: ImportOutcome
    dry_run: bool
    plan: SettlementPlan | None = None
    error: FormatError | None = None
    duplicate_of: int | None = None  # the import_files id that booked this content
    import_file_id: int | None = None
    file_date: date | None = None  # the file's own date, for the stale-file guard
    not_allowed: FutureBookingNotAllowed | None = None  # the booking date, refused
    # Klärungsfälle: the rows that open one, and the cases of rows seen before.
    case_rows: CaseRows | None = None  # read from the plan when they are written
    known_cases: KnownCases = field(default_factory=KnownCases)
    payers: dict[str, str] = field(default_factory=dict)  # booking key -> payer's IBAN
    case_ids: list[int] = field(default_factory=list)  # opened by this import

    @property
    def rows(self) -> int:
        return self.plan.totals.rows if self.plan else 0

    @property
    def booked_count(self) -> int:
        return 0 if self.dry_run or not self.plan else len(self.plan.bookings)

    @property
    def booked_amount(self) -> Decimal:
        if self.dry_run or not self.plan:
            return Decimal("0.00")
        return _total(self.plan)

    @property
    def refused_reason(self) -> str | None:
        if self.not_allowed is not None:
            return self.not_allowed.message_de
        if self.error is not None:
            return self.error.message_de
        if self.outcome is ImportOutcome.DUPLICATE:
            return "Diese Datei (gleicher Inhalt) wurde bereits gebucht."
        return self.plan.refused_reason_de if self.plan and self.plan.refused else None

    def to_json(self) -> dict:
        plan = self.plan
        planned = plan.bookings if plan else ()
        return {
            "file": self.file_name,
            "format": self.format_id,
            "outcome": self.outcome.value,
            "rows": self.rows,
            "matched": len(plan.matches) if plan else 0,
            # A dry run reports what would be booked; nothing is written.
            "booked": len(planned),
            "booked_amount": str(_total(plan) if plan else Decimal("0.00")),
            "unmatched": [_reported_json(r) for r in (plan.reported if plan else ())],
            "refused": self.refused_reason,
            "dry_run": self.dry_run,
            # A dry run opens none; it says how many it would.
            "cases": self.case_ids,
            "cases_planned": self.cases_planned,
        }

    @property
    def cases_planned(self) -> int:
        if not self.dry_run:
            return len(self.case_ids)
        return self.case_rows.count() if self.case_rows is not None else 0

    @property
    def seen_case_ids(self) -> list[int]:
        """Open cases of rows this import saw again (they open no second case)."""
        return sorted(self.known_cases.open_untouched.values())


def _reported_json(row: RowResult) -> dict:
    """A reported row for people (``reason``) and programs (``code`` and the rest)."""
    earlier = row.earlier
    return {
        "line": row.line,
        "entry": row.entry_id,
        "where": row.where_de,
        "reference": row.reference_raw,
        "amount": None if row.amount is None else str(row.amount),
        "code": row.status.value,
        "reason": row.reason_de,
        "invoice": row.invoice_number,
        "booked": str(row.booked),
        "possible_invoices": list(row.possible_invoices),
        "earlier": None if earlier is None else {"file": earlier.file_name, "line": earlier.line},
    }


def _total(plan: SettlementPlan) -> Decimal:
    # The same value as summing every booking from Decimal("0.00"), without building
    # a million Booking objects: the planner added them up (0 when refused).
    return Decimal("0.00") + plan.totals.booked_amount


class _InvoiceReader:
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
        to_date: Callable[[Any], date] | None = None,
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
        for chunk in _chunks(sorted(numbers), self.in_size):
            self._read(self._by_number.rows(padded(chunk)), found, hits, to_date)
        # In the usual file every reference cell is an invoice number: nothing more to ask.
        more, digits = more_lookup_keys(records, hits.__contains__)
        for chunk in _chunks(sorted(more - numbers), self.in_size):
            self._read(self._by_number.rows(padded(chunk)), found, hits, to_date)
        for chunk in _chunks(sorted(digits), self.in_size):
            self._read(self._by_digits.rows(padded(chunk)), found, {}, to_date)
        return list(found.values())

    def open_ones(self) -> list[OpenInvoice]:
        if not self.mandant_ids:
            return []
        found: dict[int, OpenInvoice] = {}
        query = self._base.where(Invoice.__table__.c.status == INVOICE_OPEN)
        self._read(self.connection.execute(query).all(), found, {})
        return list(found.values())


@dataclass
class SettlementEngine:
    db: Database

    # -- planning ---------------------------------------------------------------------

    def _chain_options(self) -> ChainOptions:
        return Catalog(self.db).chain_options()

    def _mandants(self, session, names: Iterable[str]) -> list[Mandant]:
        return list(session.scalars(select(Mandant).where(Mandant.name.in_(list(names)))))

    def _invoices(
        self, session, mandants: list[Mandant], parsed: ParsedFile, open_items: bool
    ) -> list[OpenInvoice]:
        """Only the invoices the plan can touch: the ones the file names (by exact number
        or by digits, any status) and, for Offene Posten, every open one in scope."""
        reader = _InvoiceReader(session.connection(), mandants)
        found = {i.id: i for i in reader.named_by(parsed.records)}
        if open_items:
            found.update((i.id, i) for i in reader.open_ones())
        return list(found.values())

    def _booked_keys(
        self, session, parsed: ParsedFile, keys: set[str]
    ) -> dict[str, EarlierBooking]:
        """The records' keys that earlier imports booked, with those bookings.

        A key that embeds this file's SHA-256 (``<sha256>:<entry>``: every CSV row's key,
        every ``source.key``, the Offene-Posten "missing" keys) can only have been booked
        by an import of this very content, and ``plan`` has just found none that booked
        (``_booked_before``); bookings are only ever written with a "booked" file record.
        So only the other keys, a bank's own entry references, are looked up. A
        ``RecordTable`` has no other keys: nothing to read, not even its million keys.
        """
        return EarlierBookings(session.connection()).of_keys(keys) if keys else {}

    @staticmethod
    def _bank_keys(parsed: ParsedFile) -> set[str]:
        """The records' keys that do not embed this file's hash (see ``_booked_keys``)."""
        if isinstance(parsed.records, RecordTable) and parsed.records.keys_embed_file_hash:
            return set()
        own = f"{parsed.file_sha256}:"
        return {
            k for r in parsed.records for k in (r.dedup_key, r.source.key) if not k.startswith(own)
        }

    def _booked_before(self, session, sha256: str) -> int | None:
        return session.scalar(
            select(ImportFile.id)
            .where(ImportFile.sha256 == sha256, ImportFile.outcome == ImportOutcome.BOOKED.value)
            .limit(1)
        )

    def _last_file_date(self, session, interface_id: int | None) -> date | None:
        if interface_id is None:
            return None
        return session.scalar(
            select(func.max(ImportFile.file_date)).where(
                ImportFile.interface_id == interface_id,
                ImportFile.outcome.in_([ImportOutcome.BOOKED.value, ImportOutcome.NOTHING.value]),
            )
        )

    def plan(self, request: ImportRequest) -> ImportResult:
        """Everything up to the plan; reads the database, writes nothing."""
        sha256 = hashlib.sha256(request.data).hexdigest()
        result = ImportResult(
            request.file_name, request.format_id, sha256, ImportOutcome.NOTHING, dry_run=True
        )
        try:  # the chain option may have changed since the request was made
            check_booking_date(request.booking_date, request.today, self._chain_options())
        except FutureBookingNotAllowed as exc:
            result.outcome, result.not_allowed = ImportOutcome.REFUSED, exc
            return result
        with self.db.session() as s:
            duplicate = self._booked_before(s, sha256)
            if duplicate is not None:
                result.outcome, result.duplicate_of = ImportOutcome.DUPLICATE, duplicate
                return result
            mandants = self._mandants(s, request.mandants)
            options = ParseOptions(
                file_date=request.file_date,
                invoice_pattern=request.invoice_pattern,
                datev_clients=tuple(
                    DatevClient(m.name, m.datev_berater, m.datev_mandant) for m in mandants
                ),
            )
            try:
                parsed = parse(
                    request.data, request.format_id, file_name=request.file_name, options=options
                )
            except FormatError as exc:
                result.outcome, result.error = ImportOutcome.FAILED, exc
                return result
            open_items = ImportFormat(request.format_id).has_open_items_semantics
            earlier = None
            if open_items:  # every open invoice in scope is needed at once anyway
                invoices, lookup = self._invoices(s, mandants, parsed, open_items), None
            else:  # fetched per chunk of rows: a large file never holds them all
                invoices, lookup = [], _InvoiceReader(s.connection(), mandants).named_by
                earlier = EarlierBookings(s.connection()).of_invoices
            bank_keys = self._bank_keys(parsed)
            # A row whose payment a case deals with is never booked again by an import.
            cases = known_cases(s.connection(), sha256, bank_keys)
            plan = plan_settlement(
                parsed,
                invoices,
                lookup=lookup,
                earlier_bookings=earlier,
                mandants=request.mandants,
                booking_date=request.booking_date,
                already_booked_keys={**self._booked_keys(s, parsed, bank_keys), **cases.handled},
                guards=request.guards,
                last_file_date=self._last_file_date(s, request.interface_id),
            )
        result.plan = plan
        result.file_date = parsed.file_date or request.file_date
        if plan.refused:
            result.outcome = ImportOutcome.REFUSED
        elif plan.bookings:
            result.outcome = ImportOutcome.BOOKED
        if not plan.refused and not open_items:  # an open item is no payment received
            seen = cases.open_untouched.keys() | cases.handled.keys()
            result.case_rows = CaseRows(plan, parsed.records, seen)
            result.known_cases = cases
            result.payers = _payers(parsed)
        return result

    # -- applying ---------------------------------------------------------------------

    def apply(self, request: ImportRequest, planned: ImportResult) -> ImportResult:
        """Write exactly ``planned``'s bookings and the file record in one transaction."""
        plan = planned.plan
        planned.dry_run = False
        with self.db.session() as s:
            record = ImportFile(
                sha256=planned.sha256,
                name=request.file_name[:512],
                server=request.server,
                size=len(request.data),
                interface_id=request.interface_id,
                import_format=request.format_id,
                outcome=planned.outcome.value,
                reason=(planned.refused_reason or "")[:2000],
                rows=planned.rows,
                booked_count=planned.booked_count,
                booked_amount=planned.booked_amount,
                file_date=planned.file_date or request.file_date,
            )
            s.add(record)
            s.flush()
            if plan and plan.bookings and planned.outcome is ImportOutcome.BOOKED:
                self._write_bookings(s, plan, record.id, request.run_id, planned.payers)
                open_before = planned.known_cases.open_untouched
                if open_before:
                    settle_by_import(s, _booked_for_cases(plan, open_before), request.file_name)
            rows = planned.case_rows
            if rows is not None and planned.outcome in (
                ImportOutcome.BOOKED,
                ImportOutcome.NOTHING,
            ):
                planned.case_ids = open_cases(
                    s,
                    rows,
                    import_file_id=record.id,
                    interface_id=request.interface_id,
                    run_id=request.run_id,
                    settle_until=request.settle_until.value,
                    booking_date=request.booking_date,
                    mandants=request.mandants,
                )
            planned.import_file_id = record.id
        return planned

    def _write_bookings(
        self, s, plan: SettlementPlan, file_id: int, run_id: int | None, payers: dict[str, str]
    ) -> None:
        """Insert the plan's bookings and lower the open amounts, on the session's
        transaction; raise ``ConcurrentChange`` when an invoice no longer has the amount
        the plan books."""
        connection = s.connection()
        now = utcnow()
        c = Booking.__table__.c
        # executemany_raw wants what the driver takes: each column type's conversion is
        # applied here, the few distinct dates, flags and times converted only once.
        money = Money().bind_processor(connection.dialect) or (lambda value: value)
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
        names = (
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
        # inline(): no RETURNING of the new ids, which nobody reads.
        executemany_raw(connection, insert(Booking.__table__).inline(), names, rows)

        table = Invoice.__table__
        amount = bindparam("b_amount", type_=Money())
        open_or_paid = case(
            (
                table.c.open_amount - amount > literal_column("0"),
                literal_column(f"'{INVOICE_OPEN}'"),
            ),
            else_=literal_column(f"'{INVOICE_PAID}'"),
        )
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"), table.c.open_amount >= amount)
            .values(
                open_amount=table.c.open_amount - amount,
                status=open_or_paid,
                updated_at=bindparam("b_now"),
            )
        )
        updated = driver_value(connection, table.c.updated_at, now)
        # In ascending id: neighbouring rows share pages, and two imports lock invoices
        # in the same order.
        invoices, per_invoice = _per_invoice(plan)
        params = (
            (i, amount if type(amount) is int else money(amount), updated)
            for i, amount in per_invoice
        )
        changed = executemany_raw(connection, statement, ("b_id", "b_amount", "b_now"), params)
        if changed != invoices:
            raise ConcurrentChange(f"{invoices - changed} invoices changed meanwhile")

    def run(self, request: ImportRequest, *, dry_run: bool = False) -> ImportResult:
        """Plan and (unless ``dry_run``) apply, re-planning after a concurrent change."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            planned = self.plan(request)
            if dry_run:
                return planned
            try:
                return self.apply(request, planned)
            except (ConcurrentChange, IntegrityError) as exc:
                if attempt == MAX_ATTEMPTS:
                    raise
                log.warning(
                    "re-planning %s after a concurrent change: %s",
                    request.file_name,
                    type(exc).__name__,
                )
        raise AssertionError("unreachable")


def _payers(parsed: ParsedFile) -> dict[str, str]:
    """The payer's IBAN by row key, where the format names one (bank statements)."""
    if isinstance(parsed.records, RecordTable):
        return {}  # the CSV formats name no account
    return {
        r.dedup_key: iban
        for r in parsed.records
        if (iban := normalise_iban(r.counterparty_iban or ""))
    }


def _payer(payers: dict[str, str], key: str) -> str | None:
    # A row paying several invoices books under "<key>+<n>" after the first.
    return payers.get(key) or payers.get(key.rsplit("+", 1)[0])


def _booked_for_cases(plan: SettlementPlan, cases: dict[str, int]) -> dict[int, Decimal]:
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


def _paid_cents(paid: int | Decimal | None) -> int | None:
    """A row's amount as the ledger stores it; an amount finer than cents (no bank
    writes one) is not kept rather than rounded: it then matches no later row."""
    if paid is None or type(paid) is int:
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
    bookings = plan.bookings
    if isinstance(bookings, PlanBookings):
        # The planner dates every booking of a plan alike and never makes one exportable.
        for invoice_id, amount, key, line, number, paid, paid_on in bookings.ledger_rows():
            yield invoice_id, amount, key, line, number, plan.booking_date, True, paid, paid_on
        return
    for b in bookings:
        yield (
            b.invoice_id, b.amount, b.source_key, b.line, b.invoice_number, b.booking_date,
            not b.exportable, b.paid_amount, b.paid_on,
        )  # fmt: skip


def _per_invoice(plan: SettlementPlan) -> tuple[int, Iterable[tuple[int, int | Decimal]]]:
    """How many invoices the plan books on, and what on each (``int``: whole cents), in
    ascending invoice id; streamed, not listed: a plan may book on a million."""
    bookings = plan.bookings
    if isinstance(bookings, PlanBookings):
        return len(bookings.per_invoice), bookings.per_invoice.cents_items()
    totals: dict[int, Decimal] = {}
    for b in bookings:
        totals[b.invoice_id] = totals.get(b.invoice_id, Decimal(0)) + b.amount
    return len(totals), sorted(totals.items())
