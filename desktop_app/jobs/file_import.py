"""Importing a local payment file by hand ("Datei importieren…", ``import-file``): read it,
plan it, book exactly the plan that was shown.

The preview is ``SettlementEngine.plan`` (reads only); booking hands that plan to
``SettlementEngine.apply``. The command line prepares its request (``prepare``: the options
checked, or ``ValidationError``) and plans and books at once (``run``). Every method may
take long (a large file, a far database): the GUI runs them through ``Op``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..domain.booking_policy import FutureBookingNotAllowed, check_booking_date
from ..domain.formats import FileTooLargeError, ParseOptions, detect
from ..domain.formats.options import FileDateSource
from ..domain.interface import ImportFormat, OpenItemGuards, SettleUntil
from ..domain.settlement import Booking, GuardConfig
from ..domain.validation import (
    MANDANTS,
    SETTLE_UNTIL,
    Problem,
    ValidationError,
    guard_problems,
    invoice_pattern_problems,
)
from ..store.audit import AuditLog
from ..store.catalog import MANDANT, Catalog, EntryNotFoundError
from ..store.db import Database, is_write_conflict
from .change_audit import Actor, ChangeAudit
from .changes import Change, ChangeHub
from .guard_override import GuardOverride, failed_guards
from .local_files import modified_on, open_regular_file, unreadable_file
from .settle_file import ConcurrentChange, ImportRequest, ImportResult, SettlementEngine


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    data: bytes
    detected: str | None  # an ImportFormat value, or None when not recognised
    # The day it was last written (``local_files.modified_on``): the file's day unless
    # the person gives another or the file names its own.
    modified_on: date | None = None

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class ImportChoices:
    mandants: list[str]
    future_bookings_allowed: bool
    guards: OpenItemGuards  # the chain's Offene-Posten checks


@dataclass
class Preview:
    request: ImportRequest
    result: ImportResult
    missing: tuple[Booking, ...]  # Offene Posten: invoices booked because not listed
    # The checks this plan passes by, on the user's explicit word; empty: none.
    overriding: tuple[str, ...] = ()


def read_local_file(path: Path, max_bytes: int | None = None) -> LoadedFile:
    """The file's bytes and the Importart it looks like. Raises ``LocalFileError`` or
    ``FileTooLargeError`` (both with ``message_de`` and ``message_en``)."""
    limit = max_bytes if max_bytes is not None else ParseOptions().max_file_bytes
    try:
        with open_regular_file(path) as file:
            stat = os.fstat(file.fileno())
            size = stat.st_size
            if size > limit:  # before reading: a huge file must not fill the memory first
                raise FileTooLargeError(
                    f"Die Datei ist {size / 1_048_576:.1f} MB groß, erlaubt sind "
                    f"{limit / 1_048_576:.1f} MB.",
                    f"The file is {size / 1_048_576:.1f} MB in size; {limit / 1_048_576:.1f} MB "
                    "are allowed.",
                    log_en=f"the file has {size} bytes, the limit is {limit}",
                    file_name=path.name,
                )
            data = file.read()
        # The time stamp from before reading: a content rewritten meanwhile is newer than
        # the day it gets, which keeps more invoices open, never fewer.
        written = modified_on(stat.st_mtime)
    except OSError as exc:
        raise unreadable_file(path, exc) from None
    return LoadedFile(path, data, detect(data), written)


def is_concurrent_change(exc: BaseException) -> bool:
    """Booking failed because another import or user changed the invoices since the
    preview; the transaction was rolled back, nothing of the file is booked."""
    return isinstance(exc, ConcurrentChange) or is_write_conflict(exc)


class LocalFileImport:
    """The import preview's work on one ledger, audited as ``audit`` (None: the
    operating-system account, as on the command line); a booking is announced on
    ``changes``."""

    def __init__(
        self, db: Database, audit: ChangeAudit | None = None, changes: ChangeHub | None = None
    ):
        self._db = db
        self._changes = changes
        self._engine = SettlementEngine(db)
        self._override = GuardOverride(
            self._engine, audit or ChangeAudit(AuditLog(db), Actor.of(None))
        )

    def choices(self) -> ImportChoices:
        catalog = Catalog(self._db)
        options = catalog.chain_options()
        return ImportChoices(
            catalog.mandant_names(), options.future_bookings_allowed, options.open_item_guards
        )

    def preview(self, request: ImportRequest, *, without_guards: bool = False) -> Preview:
        """The plan of ``request``; ``without_guards``: the plan without the Offene-Posten
        checks (what "Import anyway" would book)."""
        plan_of = self._override.preview if without_guards else self._engine.plan
        result = plan_of(request)
        missing: tuple[Booking, ...] = ()
        plan = result.plan
        if plan is not None and ImportFormat(request.format_id).has_open_items_semantics:
            # Invoices missing from an Offene-Posten list are booked without a line of
            # their own; the table lists them after the file's rows.
            missing = tuple(b for b in plan.bookings if b.line is None)
        return Preview(request, result, missing)

    def preview_overriding(self, preview: Preview) -> Preview:
        """``preview`` made again without the checks that refused it."""
        refused_by = tuple(failed_guards(preview.result))
        again = self.preview(preview.request, without_guards=True)
        return Preview(preview.request, again.result, again.missing, refused_by)

    def book(self, preview: Preview) -> ImportResult:
        """Book exactly ``preview``; with checks passed by, audited as such."""
        if preview.overriding:
            result = self._override.book(preview.request, preview.result, list(preview.overriding))
        else:
            result = self._engine.apply(preview.request, preview.result)
        if self._changes is not None and result.booked_count:
            self._changes.publish(Change.LEDGER)
        return result

    # -- the command line's way: prepare, then plan and book at once ------------------

    def prepare(
        self,
        read: Callable[[], LoadedFile],
        format_id: str,
        mandants: Sequence[str],
        settle: SettleUntil,
        *,
        invoice_pattern: str = "",
        guards: GuardChanges | None = None,
        today: date | None = None,
        file_date: date | None = None,
    ) -> ImportRequest:
        """The request once the options pass the chain options and the catalogue, else
        ``ValidationError`` naming the option (``settle_until``, ``mandants``,
        ``invoice_pattern``, ``open_item_guards.max_share_percent``). ``read`` is asked
        for the file only then. ``file_date``: the day the file was written, if the
        person says; else the day it was last modified."""
        catalog = Catalog(self._db)
        options = catalog.chain_options()
        today = today or date.today()
        try:
            check_booking_date(settle.booking_date(today), today, options)
        except FutureBookingNotAllowed as exc:
            raise ValidationError([Problem(SETTLE_UNTIL, exc.message_de, str(exc))]) from None
        # As the catalogue reads a name, and the other commands with it: " 1 " is "1".
        mandants = [name.strip() for name in mandants]
        mandant_problem = _mandant_problem(mandants, set(catalog.mandant_names()))
        if mandant_problem is not None:
            raise ValidationError([mandant_problem])
        problems = invoice_pattern_problems(invoice_pattern)
        if problems:
            raise ValidationError(problems[:1])
        loaded = read()
        chosen = (guards or GuardChanges()).applied_to(options.open_item_guards)
        problems = guard_problems(chosen)
        if problems:
            raise ValidationError(problems[:1])
        day, source = local_file_day(file_date, loaded.modified_on, today)
        return ImportRequest(
            data=loaded.data,
            file_name=loaded.name,
            format_id=format_id,
            mandants=tuple(dict.fromkeys(mandants)),
            settle_until=settle,
            today=today,
            file_date=day,
            file_date_source=source,
            guards=GuardConfig.of(chosen),
            invoice_pattern=invoice_pattern,
        )

    def run(
        self, request: ImportRequest, *, dry_run: bool = False, override_guards: bool = False
    ) -> tuple[ImportResult, list[str]]:
        """Plan and book (unless ``dry_run``), planning again after a concurrent change;
        with ``override_guards`` a file only the checks refuse is imported without them,
        audited. Returns the result and the checks passed by."""
        if override_guards:
            result, overridden = self._override.run(request, dry_run=dry_run)
        else:
            result, overridden = self._engine.run(request, dry_run=dry_run), []
        if self._changes is not None and not dry_run and result.booked_count:
            self._changes.publish(Change.LEDGER)
        return result, overridden


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


def _mandant_problem(mandants: Sequence[str], known: set[str]) -> Problem | None:
    """An empty name is a Mandant not given, not one mistyped; an unknown one is said as
    the catalogue says it everywhere."""
    if any(not name.strip() for name in mandants):
        return Problem(MANDANTS, "Es wurde kein Mandant angegeben.", "No client was given.")
    unknown = [EntryNotFoundError(MANDANT, name) for name in mandants if name not in known]
    if not unknown:
        return None
    return Problem(
        MANDANTS,
        " ".join(e.message_de for e in unknown),
        " ".join(e.message_en for e in unknown),
    )


def local_file_day(
    given: date | None, modified: date | None, today: date
) -> tuple[date | None, FileDateSource | None]:
    """A local file's day and where it came from: the day a person ``given``, else its
    ``modified`` day, at most ``today`` (see ``_not_after``). A day after today names no
    source: today is neither what the person typed nor what the file's time says."""
    if given is not None:
        return _not_after(given, today), (FileDateSource.MANUAL if given <= today else None)
    if modified is None:
        return None, None
    source = FileDateSource.MODIFIED if modified <= today else None
    return _not_after(modified, today), source


def _not_after(day: date | None, today: date) -> date | None:
    """A file's day, at most today: no file was written later. A mistyped year or a
    share whose clock runs ahead would otherwise stand as the newest day read by hand,
    and the older-list check would refuse every list imported after it."""
    return min(day, today) if day is not None else None
