"""What a run reports: its status, each file's outcome, its progress steps."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ..domain.formats import FileTooLargeError
from ..domain.formats.options import MAX_FILE_BYTES
from ..domain.money_text import counted, format_count
from ..domain.settlement import SettlementPlan
from ..store.interfaces import StoredInterface
from ..store.run_records import FileOutcome
from ..transfer.report import FileReport, NotBooked, OpenCase, RunReport, SkippedReport
from .run_errors import CANCELLED, UNKNOWN, ErrorText, of_error
from .settle_file import ImportOutcome, ImportResult


class RunStatus(enum.StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class FileState(enum.StrEnum):
    LISTED = "listed"
    DOWNLOADED = "downloaded"
    COMMITTED = "committed"
    DELETED = "deleted"
    KEPT = "kept"  # failed or refused: stays on the server


# The error_kind of a file an Offene-Posten check refused (empty, older, share): it waits
# on the server for a person's decision, and the same content gets the same answer.
GUARD_REFUSED = "refused"


@dataclass
class RunFileResult:
    name: str
    outcome: str  # booked | duplicate | nothing | failed | refused
    booked: int = 0
    booked_amount: Decimal = Decimal("0.00")
    deleted: bool = False
    error: str | None = None
    error_line: int | None = None
    rows: int = 0
    not_booked: list[NotBooked] = field(default_factory=list)
    error_kind: str = ""  # the error's type name; set whenever this file is a failure
    case_ids: list[int] = field(default_factory=list)  # Klärungsfälle opened or seen again
    error_en: str = ""  # ``error`` in English ("": none, or only the German is known)
    sha256: str = ""  # the content read ("": not downloaded)
    # A refused file: when a failure report to the same address already named this
    # content refused by the same checks (None: never).
    reported_on: datetime | None = None
    # A refused file: what refused it, the failed Offene-Posten checks ("older", "share",
    # …) or, refused before any check, the refusal's reason code.
    refused_checks: tuple[str, ...] = ()
    refused_share_limit: int | None = None  # refused by the share: its limit in percent
    file_date: date | None = None  # the day the file is of, as the checks took it
    file_date_source: str | None = None  # where that day came from (``FileDateSource``)

    @property
    def awaits_decision(self) -> bool:
        """Refused by an Offene-Posten check: only a person's decision moves it."""
        return self.outcome == "refused" and self.error_kind == GUARD_REFUSED

    def set_error(self, text: ErrorText | None) -> None:
        self.error, self.error_en = (text.de, text.en) if text else (None, "")

    def error_text(self, lang: str = "de") -> str:
        return (self.error_en if lang == "en" and self.error_en else self.error) or ""

    def record(self) -> FileOutcome:
        """As the run's file row keeps it."""
        return FileOutcome(
            outcome=self.outcome,
            rows=self.rows,
            booked_count=self.booked,
            booked_amount=self.booked_amount,
            deleted=self.deleted,
            error=self.error or "",
            error_en=self.error_en if self.error else "",
            error_line=self.error_line,
            not_booked=[n.record() for n in self.not_booked],
            refused_checks=self.refused_checks,
            refused_share_limit=self.refused_share_limit,
        )

    def to_json(self, lang: str = "de") -> dict:
        """For programs; ``error`` in ``lang``."""
        return {
            "name": self.name,
            "outcome": self.outcome,
            "booked": self.booked,
            "booked_amount": str(self.booked_amount),
            "deleted": self.deleted,
            "error": self.error_text(lang) or None,
            "cases": self.case_ids,
            "file_date": self.file_date.isoformat() if self.file_date else None,
            "file_date_source": self.file_date_source,
        }


@dataclass
class RunResult:
    interface: str
    status: RunStatus
    files: list[RunFileResult] = field(default_factory=list)
    run_id: int | None = None
    error: str | None = None  # German, for people
    error_kind: str = ""
    skipped: list[SkippedReport] = field(default_factory=list)  # left on the server unread
    mailed: bool = False
    error_en: str = ""  # ``error`` in English
    mailed_to: str = ""  # the address the failure report went to ("": not mailed)
    # Every file listed was read to its content: a refused content not among them was gone.
    read_every_file: bool = False
    # Failed only on files that wait for a person's decision (see ``awaits_decision``):
    # trying again gives the same answer, so the scheduler does not back off for them.
    awaits_decision: bool = False

    def fail(self, status: RunStatus, text: ErrorText, kind: str) -> None:
        self.status, self.error, self.error_en, self.error_kind = status, text.de, text.en, kind

    def error_text(self, lang: str = "de") -> str:
        return (self.error_en if lang == "en" and self.error_en else self.error) or ""

    @property
    def skipped_files(self) -> list[str]:
        """The skipped files as lines "name: reason", in German."""
        return [s.line("de") for s in self.skipped]

    @classmethod
    def not_run(cls, name: str, status: RunStatus, text: ErrorText, kind: str) -> RunResult:
        return cls(name, status, error=text.de, error_kind=kind, error_en=text.en)

    def to_json(self, lang: str = "de") -> dict:
        """For programs; the errors in ``lang``."""
        return {
            "interface": self.interface,
            "status": self.status.value,
            "error": self.error_text(lang) or None,
            "files": [f.to_json(lang) for f in self.files],
            "skipped_files": [s.to_json(lang) for s in self.skipped],
        }


@dataclass(frozen=True)
class RunProgress:
    """A step of a run, for the progress shown in the GUI and the log."""

    interface: str
    step: str  # connect | list | download | settle | delete | done
    message_de: str
    file_index: int = 0
    file_count: int = 0
    subject: str = ""  # the host (connect) or file name (download, settle, delete)


class RunCancelled(Exception):
    pass


class RunTakenOver(Exception):
    """The run's lease ran out and another holder took it: the interface is theirs now."""


def file_result(name: str, imported: ImportResult) -> RunFileResult:
    plan = imported.plan
    not_booked = [
        NotBooked(
            line=r.line,
            reason=r.reason_de,
            invoice=r.reference_raw or "",
            amount=r.amount,
            where=r.where_de,
            code=r.status.value,
            detail=r.reason or None,
            entry=r.entry_id if r.line is None else "",
        )
        for r in (plan.reported if plan else ())
    ]
    error = None
    error_line = None
    error_kind = ""
    if imported.outcome in (ImportOutcome.FAILED, ImportOutcome.REFUSED):
        error = imported.refused_text
        error_line = imported.error.line if imported.error else None
        # Only a check's refusal keeps the outcome's name: it alone waits for a decision.
        cause = imported.error or imported.not_allowed
        error_kind = type(cause).__name__ if cause else imported.outcome.value
    result = RunFileResult(
        name=name,
        outcome=imported.outcome.value,
        booked=imported.booked_count,
        booked_amount=imported.booked_amount,
        error_line=error_line,
        rows=imported.rows,
        not_booked=not_booked,
        error_kind=error_kind,
        case_ids=sorted({*imported.case_ids, *imported.seen_case_ids}),
        sha256=imported.sha256,
        refused_checks=refused_by(plan) if imported.outcome is ImportOutcome.REFUSED else (),
        refused_share_limit=(
            share_limit_of(plan) if imported.outcome is ImportOutcome.REFUSED else None
        ),
        file_date=imported.file_date,
        file_date_source=str(imported.file_date_source) if imported.file_date_source else None,
    )
    result.set_error(error)
    return result


def refused_by(plan: SettlementPlan | None) -> tuple[str, ...]:
    """What refused ``plan``: its failed checks, sorted, or the reason refused before any
    check (no Mandant chosen)."""
    if plan is None:
        return ()
    failed = sorted({g.name for g in plan.guards if not g.passed})
    if failed:
        return tuple(failed)
    return (plan.refused_reason.code,) if plan.refused_reason else ()


def share_limit_of(plan: SettlementPlan | None) -> int | None:
    """The limit in percent of ``plan``'s share check when it refused; None otherwise.
    Limits are set in whole percent (``OpenItemGuards.max_share_percent``)."""
    for guard in plan.guards if plan else ():
        if guard.name == "share" and not guard.passed and guard.limit_percent is not None:
            return int(guard.limit_percent)
    return None


def failure_report(
    stored: StoredInterface,
    result: RunResult,
    started: datetime,
    open_cases: tuple[OpenCase, ...] = (),
) -> RunReport:
    """What the failure e-mail of a run says, with the cases its files opened that are
    still open."""
    settings = stored.settings
    return RunReport(
        interface_name=settings.name,
        started_at=started,
        failure=result.error or UNKNOWN.de,
        failure_en=result.error_en if result.error else UNKNOWN.en,
        host=settings.ftp.host,
        directory=settings.ftp.directory,
        branch=settings.branch,
        files=tuple(file_report(f) for f in result.files),
        open_cases=open_cases,
        skipped=tuple(result.skipped),
    )


def file_report(f: RunFileResult) -> FileReport:
    committed = f.outcome in ("booked", "nothing", "duplicate")
    return FileReport(
        name=f.name,
        rows=f.rows,
        booked=f.booked,
        booked_amount=f.booked_amount,
        committed=committed,
        error=f.error,
        error_en=f.error_en,
        error_line=f.error_line,
        not_booked=tuple(f.not_booked),
        deleted_on_server=f.deleted,
        awaits_decision=f.awaits_decision,
        reported_before=f.reported_on is not None,
        gone_before_delete=committed and f.error_kind == "RemoteFileVanished",
    )


def delete_failure(exc: Exception) -> tuple[ErrorText, str]:
    """What a failed delete says in the file's error, and its kind."""
    if isinstance(exc, RunCancelled):
        return CANCELLED, "cancelled"
    return of_error(exc), type(exc).__name__


def summary_de(result: RunResult) -> str:
    booked = sum(f.booked for f in result.files)
    if result.status is RunStatus.OK:
        files = counted(len(result.files), "Datei", "Dateien", "de")
        return f"Fertig: {files}, {counted(booked, 'Buchung', 'Buchungen', 'de')}."
    return result.error or result.status.value


def check_size(file_name: str, size: int | None) -> None:
    """The parser's own limit (ParseOptions.max_file_bytes), checked before reading."""
    if size is not None and size > MAX_FILE_BYTES:
        # In bytes: just above the limit, "50.0 MB, erlaubt sind 50.0 MB" would say nothing.
        size_de, limit_de = (format_count(n, "de") for n in (size, MAX_FILE_BYTES))
        size_en, limit_en = (format_count(n, "en") for n in (size, MAX_FILE_BYTES))
        raise FileTooLargeError(
            f"Die Datei hat {size_de} Bytes, erlaubt sind {limit_de} Bytes "
            f"({MAX_FILE_BYTES / 1_048_576:g} MB).",
            f"The file has {size_en} bytes; {limit_en} bytes "
            f"({MAX_FILE_BYTES / 1_048_576:g} MB) are allowed.",
            log_en=f"the file has {size} bytes, the limit is {MAX_FILE_BYTES}",
            file_name=file_name,
        )
