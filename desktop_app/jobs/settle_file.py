"""Import one payment file: parse, plan the settlement, then apply exactly that plan.

One database transaction per file, all of it or nothing (``store.booking_writer``). When
another process changed an invoice in between, the transaction is rolled back
(``ConcurrentChange``) and the file planned again.
"""

from __future__ import annotations

import enum
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..domain.booking_policy import FutureBookingNotAllowed, check_booking_date
from ..domain.cases import CaseRows, normalise_iban
from ..domain.formats import DatevClient, FormatError, ParsedFile, ParseOptions, parse
from ..domain.formats.options import FileDateSource
from ..domain.formats.records import RecordTable
from ..domain.interface import ImportFormat, OpenItemGuards, SettleUntil
from ..domain.settlement import (
    EarlierBooking,
    GuardConfig,
    OpenInvoice,
    RowResult,
    SettlementPlan,
    plan_settlement,
)
from ..store.booking_writer import BookingWriter, CaseWork, ConcurrentChange, FileRecord
from ..store.db import Database
from ..store.import_cases import KnownCases
from ..store.interfaces import StoredInterface
from ..store.invoice_reader import InvoiceReader
from ..store.planning_reads import PlanningReads, planning_reads
from .run_errors import BOOKED_BEFORE, ErrorText, of_error

__all__ = [
    "ConcurrentChange",
    "ImportOutcome",
    "ImportRequest",
    "ImportResult",
    "SettlementEngine",
]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # re-plans after a concurrent change before giving up


class ImportOutcome(enum.StrEnum):
    BOOKED = "booked"  # at least one booking committed
    NOTHING = "nothing"  # read fine, nothing to book
    DUPLICATE = "duplicate"  # same content booked before: never again
    REFUSED = "refused"  # a guard refused it (Offene Posten)
    FAILED = "failed"  # unreadable or wrong format


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
    file_date_source: FileDateSource | None = None  # where ``file_date`` came from
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
    file_date_source: FileDateSource | None = None  # where ``file_date`` came from
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
        text = self.refused_text
        return text.de if text else None

    @property
    def refused_text(self) -> ErrorText | None:
        """Why nothing of the file was booked, in both languages; None if it was."""
        if self.not_allowed is not None:
            return of_error(self.not_allowed)
        if self.error is not None:
            return of_error(self.error)
        if self.outcome is ImportOutcome.DUPLICATE:
            return BOOKED_BEFORE
        reason = self.plan.refused_reason if self.plan else None
        return ErrorText(reason.text("de"), reason.text("en")) if reason else None

    def to_json(self, lang: str = "de") -> dict:
        """The result for programs; its texts for people (``refused``, each row's
        ``where`` and ``reason``) in ``lang``."""
        plan = self.plan
        planned = plan.bookings if plan else ()
        refused = self.refused_text
        return {
            "file": self.file_name,
            "format": self.format_id,
            "outcome": self.outcome.value,
            "rows": self.rows,
            "matched": len(plan.matches) if plan else 0,
            # A dry run reports what would be booked; nothing is written.
            "booked": len(planned),
            "booked_amount": str(_total(plan) if plan else Decimal("0.00")),
            "unmatched": [_reported_json(r, lang) for r in (plan.reported if plan else ())],
            "refused": None if refused is None else refused.text(lang),
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


def interface_request(
    stored: StoredInterface,
    guards: OpenItemGuards,
    *,
    data: bytes,
    file_name: str,
    file_date: date | None,
    today: date,
    run_id: int | None,
    file_date_source: FileDateSource | None = None,
) -> ImportRequest:
    """The request for a file an interface fetched, with its settings and ``guards``."""
    settings = stored.settings
    # A saved interface passed validation, which asks for both.
    assert settings.import_format is not None and settings.settle_until is not None
    return ImportRequest(
        data=data,
        file_name=file_name,
        format_id=settings.import_format.value,
        mandants=settings.mandants,
        settle_until=settings.settle_until,
        today=today,
        interface_id=stored.id,
        server=settings.ftp.host,
        file_date=file_date,
        file_date_source=file_date_source,
        run_id=run_id,
        guards=GuardConfig.of(guards),
        invoice_pattern=settings.invoice_pattern,
    )


def _reported_json(row: RowResult, lang: str) -> dict:
    """A reported row for people (``where``, ``reason``: in ``lang``) and programs
    (``code`` and the rest)."""
    earlier = row.earlier
    return {
        "line": row.line,
        "entry": row.entry_id,
        "where": row.where(lang),
        "reference": row.reference_raw,
        "amount": None if row.amount is None else str(row.amount),
        "code": row.status.value,
        "reason": row.reason_text(lang),
        "invoice": row.invoice_number,
        "booked": str(row.booked),
        "possible_invoices": list(row.possible_invoices),
        "earlier": None if earlier is None else {"file": earlier.file_name, "line": earlier.line},
    }


def _total(plan: SettlementPlan) -> Decimal:
    # The same value as summing every booking from Decimal("0.00"), without building
    # a million Booking objects: the planner added them up (0 when refused).
    return Decimal("0.00") + plan.totals.booked_amount


@dataclass
class SettlementEngine:
    db: Database

    # -- planning ---------------------------------------------------------------------

    @staticmethod
    def _booked_keys(
        reads: PlanningReads, sha256: str, keys: set[str], interface_id: int | None
    ) -> dict[str, EarlierBooking]:
        """The records' keys that earlier imports booked, with those bookings.

        A key that embeds this file's SHA-256 (``<sha256>:<entry>``: every CSV row's key,
        every ``source.key``, the Offene-Posten "missing" keys) can only have been booked
        by an import of this very content: ``plan`` has found none for this interface
        (``booked_before``), and another interface's are read as one range of keys
        (``of_content``). So only the other keys, a bank's own entry references, are
        looked up one by one. A ``RecordTable`` has no other keys: nothing to read, not
        even its million keys.
        """
        earlier = reads.earlier_bookings(own_interface_id=interface_id)
        found = earlier.of_content(sha256)
        if keys:
            found.update(earlier.of_keys(keys))
        return found

    @staticmethod
    def _bank_keys(parsed: ParsedFile) -> set[str]:
        """The records' keys that do not embed this file's hash (see ``_booked_keys``)."""
        if isinstance(parsed.records, RecordTable) and parsed.records.keys_embed_file_hash:
            return set()
        own = f"{parsed.file_sha256}:"
        return {
            k for r in parsed.records for k in (r.dedup_key, r.source.key) if not k.startswith(own)
        }

    def plan(self, request: ImportRequest) -> ImportResult:
        """Everything up to the plan; reads the database, writes nothing."""
        sha256 = hashlib.sha256(request.data).hexdigest()
        # The day given until the file names its own (a file refused unread keeps it too).
        result = ImportResult(
            request.file_name,
            request.format_id,
            sha256,
            ImportOutcome.NOTHING,
            dry_run=True,
            file_date=request.file_date,
            file_date_source=request.file_date_source,
        )
        with planning_reads(self.db) as reads:
            try:  # the chain option may have changed since the request was made
                check_booking_date(request.booking_date, request.today, reads.chain_options())
            except FutureBookingNotAllowed as exc:
                result.outcome, result.not_allowed = ImportOutcome.REFUSED, exc
                return result
            duplicate = reads.booked_before(sha256, request.interface_id)
            if duplicate is not None:
                result.outcome, result.duplicate_of = ImportOutcome.DUPLICATE, duplicate
                return result
            mandants = reads.mandants(request.mandants)
            try:
                parsed = _parse(request, mandants)
            except FormatError as exc:
                result.outcome, result.error = ImportOutcome.FAILED, exc
                return result
            bank_keys = self._bank_keys(parsed)
            # A row whose payment a case deals with is never booked again by an import.
            cases = reads.known_cases(sha256, bank_keys)
            plan = self._plan(reads, request, mandants, parsed, bank_keys, cases)
        result.plan = plan
        if parsed.file_date is not None:
            result.file_date, result.file_date_source = parsed.file_date, parsed.file_date_source
        if plan.refused:
            result.outcome = ImportOutcome.REFUSED
        elif plan.bookings:
            result.outcome = ImportOutcome.BOOKED
        open_items = ImportFormat(request.format_id).has_open_items_semantics
        if not plan.refused and not open_items:  # an open item is no payment received
            seen = cases.open_untouched.keys() | cases.handled.keys()
            result.case_rows = CaseRows(plan, parsed.records, seen)
            result.known_cases = cases
            result.payers = _payers(parsed)
        return result

    def _plan(
        self,
        reads: PlanningReads,
        request: ImportRequest,
        mandants: list,
        parsed: ParsedFile,
        bank_keys: set[str],
        cases: KnownCases,
    ) -> SettlementPlan:
        """Only the invoices the plan can touch are read: the ones the file names (by
        exact number or by digits, any status) and, for Offene Posten, every open one."""
        reader = reads.invoices(mandants)
        earlier = None
        if ImportFormat(request.format_id).has_open_items_semantics:
            invoices = _named_and_open(reader, parsed)
            lookup = None
        else:  # fetched per chunk of rows: a large file never holds them all
            invoices, lookup = [], reader.named_by
            earlier = reads.earlier_bookings(parsed.file_sha256, request.interface_id).of_invoices
        return plan_settlement(
            parsed,
            invoices,
            lookup=lookup,
            earlier_bookings=earlier,
            mandants=request.mandants,
            booking_date=request.booking_date,
            already_booked_keys={
                **self._booked_keys(reads, parsed.file_sha256, bank_keys, request.interface_id),
                **cases.handled,
            },
            guards=request.guards,
            last_file_date=reads.last_file_date(
                request.interface_id, request.format_id, request.mandants
            ),
            ledger_mandants=reads.mandant_names(),
        )

    # -- applying ---------------------------------------------------------------------

    def apply(self, request: ImportRequest, planned: ImportResult) -> ImportResult:
        """Write exactly ``planned``'s bookings and the file record in one transaction."""
        plan = planned.plan
        planned.dry_run = False
        record = FileRecord(
            sha256=planned.sha256,
            name=request.file_name,
            server=request.server,
            size=len(request.data),
            interface_id=request.interface_id,
            import_format=request.format_id,
            outcome=planned.outcome.value,
            reason=planned.refused_reason or "",
            rows=planned.rows,
            booked_count=planned.booked_count,
            booked_amount=planned.booked_amount,
            file_date=planned.file_date or request.file_date,
            mandants=request.mandants,
        )
        books = plan is not None and plan.bookings and planned.outcome is ImportOutcome.BOOKED
        planned.import_file_id, planned.case_ids = BookingWriter(self.db).record(
            record, plan if books else None, request.run_id, _case_work(request, planned)
        )
        return planned

    def run(self, request: ImportRequest, *, dry_run: bool = False) -> ImportResult:
        """Plan and (unless ``dry_run``) apply, re-planning after a concurrent change."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            planned = self.plan(request)
            if dry_run:
                return planned
            try:
                return self.apply(request, planned)
            except ConcurrentChange as exc:
                if attempt == MAX_ATTEMPTS:
                    raise
                log.warning("re-planning %s after a concurrent change: %s", request.file_name, exc)
        raise AssertionError("unreachable")


def _named_and_open(reader: InvoiceReader, parsed: ParsedFile) -> list[OpenInvoice]:
    """The invoices ``parsed`` names and every open one, each once: Offene Posten need
    every open invoice in scope at once anyway. A list straight from the reads, not a
    dictionary by id of 300,000 entries; and the ids of the named ones are let go here,
    before planning, whose peak they would raise by 8 MB."""
    invoices = reader.named_by(parsed.records)
    named = {i.id for i in invoices}
    invoices.extend(i for i in reader.open_ones() if i.id not in named)
    return invoices


def _parse(request: ImportRequest, mandants: list) -> ParsedFile:
    options = ParseOptions(
        file_date=request.file_date,
        file_date_source=request.file_date_source,
        invoice_pattern=request.invoice_pattern,
        datev_clients=tuple(
            DatevClient(m.name, m.datev_berater, m.datev_mandant) for m in mandants
        ),
    )
    return parse(request.data, request.format_id, file_name=request.file_name, options=options)


def _case_work(request: ImportRequest, planned: ImportResult) -> CaseWork:
    """What the file's transaction does for the Klärungsfälle besides booking."""
    opens = planned.outcome in (ImportOutcome.BOOKED, ImportOutcome.NOTHING)
    return CaseWork(
        payers=planned.payers,
        open_before=planned.known_cases.open_untouched,
        rows=planned.case_rows if opens else None,
        interface_id=request.interface_id,
        settle_until=request.settle_until.value,
        booking_date=request.booking_date,
        mandants=tuple(request.mandants),
    )


def _payers(parsed: ParsedFile) -> dict[str, str]:
    """The payer's IBAN by row key, where the format names one (bank statements)."""
    if isinstance(parsed.records, RecordTable):
        return {}  # the CSV formats name no account
    return {
        r.dedup_key: iban
        for r in parsed.records
        if (iban := normalise_iban(r.counterparty_iban or ""))
    }
