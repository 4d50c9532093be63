"""Importing a local payment file ("Datei importieren…", ``import-file``): one job for both.

``prepare`` checks the options against the chain options and the catalogue and returns the
``ImportRequest``, or raises ``ValidationError`` naming the option (``settle_until``,
``mandants``, ``invoice_pattern``, ``open_item_guards.max_share_percent``). ``plan`` and
``book`` are the preview's two steps; ``run`` is the command line's one. A booking
announces ``Change.LEDGER``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..domain.booking_policy import FutureBookingNotAllowed, check_booking_date
from ..domain.interface import ChainOptions, OpenItemGuards, SettleUntil
from ..domain.settlement import GuardConfig
from ..domain.validation import (
    MANDANTS,
    SETTLE_UNTIL,
    Problem,
    ValidationError,
    guard_problems,
    invoice_pattern_problems,
)
from ..store.catalog import Catalog
from ..store.db import Database
from .change_audit import ChangeAudit
from .changes import Change, ChangeHub
from .guard_override import GuardOverride
from .settle_file import ImportOutcome, ImportRequest, ImportResult, SettlementEngine


@dataclass(frozen=True)
class GuardChanges:
    """The Offene-Posten checks asked for instead of the chain options'."""

    max_share_percent: int | None = None
    no_share_limit: bool = False
    allow_empty: bool = False
    allow_older: bool = False

    def applied_to(self, guards: OpenItemGuards) -> OpenItemGuards:
        if self.max_share_percent is not None:
            guards = replace(guards, max_share_percent=self.max_share_percent)
        if self.no_share_limit:
            guards = replace(guards, max_share_percent=None)
        if self.allow_empty:
            guards = replace(guards, refuse_empty=False)
        if self.allow_older:
            guards = replace(guards, refuse_older=False)
        return guards


@dataclass
class FileImport:
    db: Database
    audit: ChangeAudit
    changes: ChangeHub | None = None

    @property
    def engine(self) -> SettlementEngine:
        return SettlementEngine(self.db)

    def choices(self) -> tuple[list[str], ChainOptions]:
        """The Mandanten to choose from, and the chain options that bound the choice."""
        catalog = Catalog(self.db)
        return catalog.mandant_names(), catalog.chain_options()

    def prepare(
        self,
        read: Callable[[], bytes],
        file_name: str,
        format_id: str,
        mandants: Sequence[str],
        settle: SettleUntil,
        *,
        invoice_pattern: str = "",
        guards: GuardChanges | None = None,
        today: date | None = None,
    ) -> ImportRequest:
        """The request, once the options pass; ``read`` is asked for the file's content
        only then."""
        catalog = Catalog(self.db)
        options = catalog.chain_options()
        today = today or date.today()
        try:
            check_booking_date(settle.booking_date(today), today, options)
        except FutureBookingNotAllowed as exc:
            raise ValidationError([Problem(SETTLE_UNTIL, exc.message_de, str(exc))]) from None
        known = set(catalog.mandant_names())
        unknown = [m for m in mandants if m not in known]
        if unknown:
            names = ", ".join(unknown)
            raise ValidationError(
                [Problem(MANDANTS, f"Unbekannter Mandant: {names}", f"unknown Mandant: {names}")]
            )
        problems = invoice_pattern_problems(invoice_pattern)
        if problems:
            raise ValidationError(problems[:1])
        data = read()
        chosen = (guards or GuardChanges()).applied_to(options.open_item_guards)
        problems = guard_problems(chosen)
        if problems:
            raise ValidationError(problems[:1])
        return ImportRequest(
            data=data,
            file_name=file_name,
            format_id=format_id,
            mandants=tuple(dict.fromkeys(mandants)),
            settle_until=settle,
            today=today,
            guards=GuardConfig.of(chosen),
            invoice_pattern=invoice_pattern,
        )

    def run(
        self, request: ImportRequest, *, dry_run: bool = False, override_guards: bool = False
    ) -> tuple[ImportResult, list[str]]:
        """Plan and book (unless ``dry_run``); with ``override_guards`` a file only the
        checks refuse is imported without them, audited. Returns the result and the
        checks passed by."""
        if override_guards:
            result, overridden = GuardOverride(self.engine, self.audit).run(
                request, dry_run=dry_run
            )
        else:
            result, overridden = self.engine.run(request, dry_run=dry_run), []
        if not dry_run:
            self._announce(result)
        return result, overridden

    def plan(self, request: ImportRequest) -> ImportResult:
        """The preview: reads the ledger, writes nothing."""
        return self.engine.plan(request)

    def book(self, request: ImportRequest, planned: ImportResult) -> ImportResult:
        """Book exactly ``planned``; raises ``ConcurrentChange`` (nothing booked)."""
        result = self.engine.apply(request, planned)
        self._announce(result)
        return result

    def _announce(self, result: ImportResult) -> None:
        if self.changes is not None and result.outcome is ImportOutcome.BOOKED:
            self.changes.publish(Change.LEDGER)
