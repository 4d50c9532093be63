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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import bindparam, case, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..domain.formats import DatevClient, FormatError, ParsedFile, ParseOptions, parse
from ..domain.formats.text import digits_key
from ..domain.interface import ImportFormat, SettleUntil
from ..domain.settlement import GuardConfig, OpenInvoice, SettlementPlan, plan_settlement
from ..store.db import Database
from ..store.ledger import CHUNK, _chunks
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
        return sum((b.amount for b in self.plan.bookings), Decimal("0.00"))

    @property
    def refused_reason(self) -> str | None:
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
            "booked_amount": str(sum((b.amount for b in planned), Decimal("0.00"))),
            "unmatched": [
                {"line": r.line, "reference": r.reference_raw, "reason": r.reason_de}
                for r in (plan.reported if plan else ())
            ],
            "refused": self.refused_reason,
            "dry_run": self.dry_run,
        }


@dataclass
class SettlementEngine:
    db: Database

    # -- planning ---------------------------------------------------------------------

    def _mandants(self, session, names: Iterable[str]) -> list[Mandant]:
        return list(session.scalars(select(Mandant).where(Mandant.name.in_(list(names)))))

    def _invoices(
        self, session, mandant_ids: list[int], parsed: ParsedFile, open_items: bool
    ) -> list[OpenInvoice]:
        """Only the invoices the plan can touch: the ones the file names (by exact number
        or by digits, any status) and, for Offene Posten, every open one in scope."""
        columns = (
            Invoice.id,
            Invoice.number,
            Mandant.name,
            Branch.name,
            Invoice.invoice_date,
            Invoice.amount,
            Invoice.open_amount,
        )
        base = (
            select(*columns)
            .join(Mandant, Mandant.id == Invoice.mandant_id)
            .outerjoin(Branch, Branch.id == Invoice.branch_id)
            .where(Invoice.mandant_id.in_(mandant_ids))
        )
        numbers = sorted({c for r in parsed.records for c in r.candidates})
        digits = sorted({d for n in numbers if (d := digits_key(n))})
        found: dict[int, OpenInvoice] = {}

        def collect(query) -> None:
            for row in session.execute(query):
                found[row[0]] = OpenInvoice(*row)

        for chunk in _chunks(numbers):
            collect(base.where(Invoice.number_norm.in_(chunk)))
        for chunk in _chunks(digits):
            collect(base.where(Invoice.number_digits.in_(chunk)))
        if open_items:
            collect(base.where(Invoice.status == INVOICE_OPEN))
        return list(found.values())

    def _booked_keys(self, session, parsed: ParsedFile) -> set[str]:
        keys = sorted({k for r in parsed.records for k in (r.dedup_key, r.source.key)})
        booked: set[str] = set()
        for chunk in _chunks(keys):
            booked.update(
                session.scalars(select(Booking.source_key).where(Booking.source_key.in_(chunk)))
            )
        return booked

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
        with self.db.session() as s:
            duplicate = self._booked_before(s, sha256)
            if duplicate is not None:
                result.outcome, result.duplicate_of = ImportOutcome.DUPLICATE, duplicate
                return result
            mandants = self._mandants(s, request.mandants)
            options = ParseOptions(
                file_date=request.file_date,
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
            plan = plan_settlement(
                parsed,
                self._invoices(s, [m.id for m in mandants], parsed, open_items),
                mandants=request.mandants,
                booking_date=request.booking_date,
                already_booked_keys=self._booked_keys(s, parsed),
                guards=request.guards,
                last_file_date=self._last_file_date(s, request.interface_id),
            )
        result.plan = plan
        result.file_date = parsed.file_date or request.file_date
        if plan.refused:
            result.outcome = ImportOutcome.REFUSED
        elif plan.bookings:
            result.outcome = ImportOutcome.BOOKED
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
                self._write_bookings(s, plan, record.id, request.run_id)
            planned.import_file_id = record.id
        return planned

    def _write_bookings(self, s, plan: SettlementPlan, file_id: int, run_id: int | None) -> None:
        now = utcnow()
        s.execute(
            insert(Booking),
            [
                {
                    "invoice_id": b.invoice_id,
                    "booking_date": b.booking_date,
                    "amount": b.amount,
                    "source_key": b.source_key[:255],
                    "import_file_id": file_id,
                    "source_line": b.line,
                    "reference": b.invoice_number[:255],
                    "no_export": not b.exportable,
                    "run_id": run_id,
                    "created_at": now,
                }
                for b in plan.bookings
            ],
        )
        per_invoice: dict[int, Decimal] = {}
        for b in plan.bookings:
            per_invoice[b.invoice_id] = per_invoice.get(b.invoice_id, Decimal(0)) + b.amount
        table = Invoice.__table__
        amount = bindparam("b_amount", type_=Money())
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"), table.c.open_amount >= amount)
            .values(
                open_amount=table.c.open_amount - amount,
                status=case((table.c.open_amount - amount > 0, INVOICE_OPEN), else_=INVOICE_PAID),
                updated_at=now,
            )
        )
        # In ascending invoice id: two imports booking on the same invoices at the same
        # moment (two workstations, two interfaces) then lock them in one order and wait
        # for each other; in the files' row order PostgreSQL aborted one as a deadlock.
        params = [{"b_id": i, "b_amount": a} for i, a in sorted(per_invoice.items())]
        changed = 0
        for chunk in _chunks(params, CHUNK * 4):
            changed += s.connection().execute(statement, chunk).rowcount
        if changed != len(params):
            raise ConcurrentChange(f"{len(params) - changed} invoices changed meanwhile")

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
