"""One run of an interface: list → download → parse → settle → commit → delete → record.

The same code serves "Jetzt ausführen", the scheduler, ``desktop-app run`` and the
service. Per file the state is written down as it advances (listed, downloaded,
committed, deleted), so a crash between commit and delete leaves a trace; the next run
sees the same content as already booked and only deletes it. A file that failed or was
refused is never deleted.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
import logging
import math
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal

from ..domain.booking_policy import FutureBookingNotAllowed, check_booking_date
from ..domain.formats import FileTooLargeError
from ..domain.formats.options import MAX_FILE_BYTES
from ..domain.schedule import in_window
from ..domain.settlement import GuardConfig
from ..store.catalog import Catalog
from ..store.db import Database
from ..store.db_errors import DatabaseBusy, DatabaseError
from ..store.interfaces import InterfaceRepository, StoredInterface
from ..store.lease import RunLease
from ..store.models import utcnow
from ..store.run_models import RunFileRow, RunRow
from ..store.run_records import close_interrupted_runs, finish_run
from ..store.secrets import SecretStore, SecretStoreError, ftp_key
from ..transfer import errors as transfer_errors
from ..transfer.clients import make_client
from ..transfer.download import download_entry, is_plain_name, private_download_dir
from ..transfer.limits import DownloadLimits
from ..transfer.listing import DEFAULT_SETTLE_SECONDS, SkippedFile, find_files
from ..transfer.printable import printable
from ..transfer.remote import RemoteClient, RemoteEntry
from ..transfer.report import FileReport, NotBooked, RunReport
from .case_mail import open_cases_of
from .settle_file import ImportOutcome, ImportRequest, ImportResult, SettlementEngine

log = logging.getLogger(__name__)

# Failures that may pass by themselves: retried with back-off before the run fails.
TRANSIENT = (
    transfer_errors.ConnectTimeout,
    transfer_errors.ReadTimeout,
    transfer_errors.ConnectionLost,
    transfer_errors.ConnectionRefused,
    transfer_errors.HostUnreachable,
    transfer_errors.ServerUnavailable,
    transfer_errors.IdleDisconnect,
)
DEFAULT_BACKOFF = (2.0, 8.0, 30.0)
OUTSIDE_WINDOW_DE = (
    "Außerhalb der Zeit von 06:00 bis 22:00 Uhr läuft kein Import: Dann laufen "
    "Wartungsarbeiten. Ein manueller Lauf ist nach ausdrücklicher Bestätigung möglich."
)


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

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "outcome": self.outcome,
            "booked": self.booked,
            "booked_amount": str(self.booked_amount),
            "deleted": self.deleted,
            "error": self.error,
            "cases": self.case_ids,
        }


@dataclass
class RunResult:
    interface: str
    status: RunStatus
    files: list[RunFileResult] = field(default_factory=list)
    run_id: int | None = None
    error: str | None = None  # German, for people
    error_kind: str = ""
    skipped_files: list[str] = field(default_factory=list)
    mailed: bool = False

    def to_json(self) -> dict:
        return {
            "interface": self.interface,
            "status": self.status.value,
            "error": self.error,
            "files": [f.to_json() for f in self.files],
        }


@dataclass(frozen=True)
class RunProgress:
    """A step of a run, for the progress shown in the GUI and the log."""

    interface: str
    step: str  # connect | list | download | settle | delete | done
    message_de: str
    file_index: int = 0
    file_count: int = 0


class RunCancelled(Exception):
    pass


Mailer = Callable[[StoredInterface, RunReport], bool]


@dataclass
class ImportRunner:
    db: Database
    secrets: SecretStore
    mailer: Mailer | None = None  # sends the failure e-mail; returns whether it went out
    timeout: float = 30.0
    settle_seconds: float = DEFAULT_SETTLE_SECONDS
    backoff: tuple[float, ...] = DEFAULT_BACKOFF
    today: Callable[[], date] = date.today
    sleep: Callable[[float], None] = time.sleep
    on_progress: Callable[[RunProgress], None] | None = None
    client_factory: Callable[..., RemoteClient] = make_client
    lease: RunLease | None = None
    limits: DownloadLimits | None = None  # None: the chain options', read at every run
    # The zone of the 06:00-22:00 window this runner keeps (the program, the service and
    # the CLI give the scheduler's, ``local_zone()``); None: no window (tests, tools).
    time_window: tzinfo | None = None
    now: Callable[[], datetime] = utcnow

    def __post_init__(self) -> None:
        self.repository = InterfaceRepository(self.db)
        self.catalog = Catalog(self.db)
        self.engine = SettlementEngine(self.db)
        if self.lease is None:
            self.lease = RunLease(self.db)

    def outside_window(self) -> bool:
        """Whether it is outside 06:00-22:00 now (whole minutes, as the scheduler counts)."""
        if self.time_window is None:
            return False
        return not in_window(self.now().replace(second=0, microsecond=0), self.time_window)

    # -- entry point ------------------------------------------------------------------

    def run(
        self,
        name: str,
        *,
        trigger: str = "manual",
        slot_at: datetime | None = None,
        dry_run: bool = False,
        cancel: threading.Event | None = None,
        stop_after_file: threading.Event | None = None,
        force: bool = False,
    ) -> RunResult:
        """Run ``name`` now. ``cancel`` aborts as soon as it is safe (never inside the
        booking transaction); ``stop_after_file`` finishes the current file first.
        Outside 06:00-22:00 nothing runs unless ``force`` (a user confirmed it)."""
        cancel = cancel or threading.Event()
        stop_after_file = stop_after_file or threading.Event()
        stored = self.repository.get(name)
        if not force and self.outside_window():
            log.info("run of %r (%s) skipped: outside 06:00-22:00", name, trigger)
            return RunResult(
                name, RunStatus.SKIPPED, error=OUTSIDE_WINDOW_DE, error_kind="outside_window"
            )
        try:
            run_id = self._begin(stored, trigger, slot_at, dry_run)
        except DatabaseBusy as exc:
            log.warning("run of %r not started: %s", name, exc)
            return RunResult(
                name, RunStatus.FAILED, error=exc.message_de, error_kind="DatabaseBusy"
            )
        if run_id is None:
            log.info("run of %r skipped: running elsewhere", name)
            return RunResult(
                name,
                RunStatus.SKIPPED,
                error="Die Schnittstelle läuft gerade auf einem anderen Rechner oder Prozess.",
                error_kind="busy",
            )
        result = RunResult(name, RunStatus.OK, run_id=run_id)
        started = utcnow()
        deadline = _RunDeadline()
        try:
            self._run_files(stored, result, dry_run, cancel, stop_after_file, deadline)
        except RunCancelled:
            result.status = RunStatus.CANCELLED
            result.error = "Der Lauf wurde abgebrochen."
            result.error_kind = "cancelled"
        except transfer_errors.TransferError as exc:
            if cancel.is_set():  # the abort broke the connection: not the server's fault
                result.status = RunStatus.CANCELLED
                result.error, result.error_kind = "Der Lauf wurde abgebrochen.", "cancelled"
            else:
                # Past the run's deadline the watcher broke the connection: that is the cause.
                exc = deadline.error() or exc
                result.status = RunStatus.FAILED
                result.error, result.error_kind = exc.message_de, type(exc).__name__
        except (SecretStoreError, FutureBookingNotAllowed, DatabaseError) as exc:
            result.status = RunStatus.FAILED
            result.error, result.error_kind = exc.message_de, type(exc).__name__
        except Exception as exc:  # a bug: recorded and mailed, never lost silently
            log.exception("run of %r failed unexpectedly", name)
            result.status = RunStatus.FAILED
            result.error = f"Interner Fehler ({type(exc).__name__}); Details im Protokoll."
            result.error_kind = "internal"
        finally:
            self.lease.release(stored.id)
        # A file whose booking stands but which could not be deleted is a failure too
        # (PRODUCT.md §7.7); its error_kind says so. The run's kind is the first file's
        # typed error, not just "failed" (both found by the fault matrix, tests/faults).
        bad = [f for f in result.files if f.error_kind]
        if bad and result.status is RunStatus.OK:
            result.status = RunStatus.FAILED
            result.error, result.error_kind = bad[0].error, bad[0].error_kind
        if result.status is RunStatus.FAILED and not dry_run and self.mailer:
            result.mailed = self._mail(stored, result, started)
        self._finish_run(result)
        self._progress(name, "done", _summary_de(result))
        return result

    def _begin(
        self, stored: StoredInterface, trigger: str, slot_at: datetime | None, dry_run: bool
    ) -> int | None:
        """Take the lease and open the run's record; None when it runs elsewhere."""
        if not self.lease.acquire(stored.id):
            return None
        try:
            self._close_interrupted_runs(stored.id)
            return self._start_run(stored, trigger, slot_at, dry_run)
        except BaseException:
            with contextlib.suppress(DatabaseError):  # the lease runs out by itself then
                self.lease.release(stored.id)
            raise

    # -- the pipeline -----------------------------------------------------------------

    def _run_files(
        self,
        stored: StoredInterface,
        result: RunResult,
        dry_run: bool,
        cancel: threading.Event,
        stop_after_file: threading.Event,
        deadline: _RunDeadline,
    ) -> None:
        settings = stored.settings
        # The option may have been switched off since the interface was saved.
        today = self.today()
        check_booking_date(
            settings.settle_until.booking_date(today), today, self.catalog.chain_options()
        )
        password = self.secrets.get(ftp_key(stored.uid)) if stored.password_stored else None
        limits = self.limits or DownloadLimits.from_options(self.repository.catalog.chain_options())
        # The watcher starts before connecting: a cancel must also break off a server that
        # accepts the connection and never answers (found by the GUI's cancel test).
        current = _CurrentClient()
        watcher = _AbortOnCancel(current, cancel, deadline)
        connection: _Connection | None = None
        try:
            connection = _Connection(
                lambda: self._connect(stored, password, cancel, current, limits), limits, deadline
            )
            self._progress(settings.name, "list", "Verzeichnis wird gelesen …")
            listing = self._with_retry(
                lambda: find_files(
                    connection.usable(),
                    settings.ftp,
                    settings.filename_filter,
                    self.today(),
                    settle_seconds=self.settle_seconds,
                    sleep=self.sleep,
                ),
                cancel,
                before_retry=connection.reconnect,
            )
            result.skipped_files = [
                f"{printable(s.entry.remote_path)}: {s.reason.label_de}" for s in listing.skipped
            ]
            # PRODUCT.md §7.6 "skipped with reasons": the history showed no trace of a file
            # skipped while still being written (found by the fault matrix).
            for skipped in listing.skipped:
                self._record_skipped(result.run_id, skipped)
            total = len(listing.files)
            deadline.start(limits.run_seconds(entry.size for entry in listing.files))
            with private_download_dir() as local_dir:
                for index, entry in enumerate(listing.files, 1):
                    if cancel.is_set() or stop_after_file.is_set():
                        raise RunCancelled
                    deadline.check()
                    self.lease.renew(stored.id)
                    self._progress(
                        settings.name,
                        "download",
                        f"Datei {index} von {total}: {printable(entry.name)}",
                        index,
                        total,
                    )
                    result.files.append(
                        self._one_file(
                            connection, stored, entry, local_dir, result.run_id, dry_run, cancel
                        )
                    )
                    if connection.failure is not None:
                        raise connection.failure  # the server is gone: the rest waits
        finally:
            watcher.stop()
            if connection is not None:
                connection.close()

    def _connect(
        self,
        stored: StoredInterface,
        password: str | None,
        cancel: threading.Event,
        current: _CurrentClient,
        limits: DownloadLimits,
    ) -> RemoteClient:
        self._progress(stored.settings.name, "connect", f"Verbinde mit {stored.settings.ftp.host}")

        def attempt() -> RemoteClient:
            client = self.client_factory(
                stored.settings.ftp,
                password,
                stored.trusted_fingerprint,
                self.timeout,
                limits=limits,
            )
            current.client = client  # abortable while it connects
            try:
                return client.open()
            except BaseException:
                client.close()
                raise

        return self._with_retry(attempt, cancel)

    def _with_retry(
        self,
        action,
        cancel: threading.Event,
        before_retry: Callable[[], None] | None = None,
        deadline: _RunDeadline | None = None,
        retry_on: tuple[type[BaseException], ...] = TRANSIENT,
    ):
        for attempt, pause in enumerate((*self.backoff, None), 1):
            if cancel.is_set():
                raise RunCancelled
            if deadline is not None:
                deadline.check()
            try:
                return action()
            except retry_on as exc:
                if pause is None or cancel.is_set():
                    raise
                if isinstance(exc, transfer_errors.IdleDisconnect) and attempt == 1:
                    pause = 0  # the server only closed an idle session: connect again at once
                if deadline is not None:
                    pause = min(pause, deadline.left())  # then the check above ends the run
                log.warning("attempt %d failed (%s); retrying in %g s", attempt, exc, pause)
                self.sleep(pause)
                if before_retry is not None:
                    before_retry()
        raise AssertionError("unreachable")

    def _one_file(
        self,
        connection: _Connection,
        stored: StoredInterface,
        entry: RemoteEntry,
        local_dir,
        run_id: int,
        dry_run: bool,
        cancel: threading.Event,
    ) -> RunFileResult:
        began = time.monotonic()
        file_row = self._record_file(run_id, entry)
        name = printable(entry.remote_path)  # as shown and logged; the server gets the real one
        try:
            if not is_plain_name(entry.name):
                # Found by the fault matrix: "../Zahlungen.csv" in a listing was fetched,
                # booked and deleted one directory up. Such a name is never fetched.
                raise transfer_errors.UnsafeRemoteName(entry.remote_path)
            # Bounded memory: the file is read whole below, so a file the parser would
            # refuse anyway is not even fetched (the fault matrix saw 50 MB read first).
            _check_size(printable(entry.name), entry.size)
            path = self._with_retry(
                lambda: download_entry(connection.usable(), entry, local_dir, connection.limits),
                cancel,
                before_retry=connection.reconnect,
                deadline=connection.deadline,
            )
        except (transfer_errors.TransferError, FileTooLargeError) as exc:
            if cancel.is_set():
                self._update_file(file_row, FileState.KEPT, None, began, error_kind="cancelled")
                raise RunCancelled from None
            late = connection.deadline.error()
            if late is not None:  # the watcher broke the download off at the run's deadline
                kind = type(late).__name__
                outcome = RunFileResult(name, "failed", error=late.message_de, error_kind=kind)
                self._update_file(file_row, FileState.KEPT, outcome, began, error_kind=kind)
                raise late from None
            kind = type(exc).__name__
            outcome = RunFileResult(name, "failed", error=exc.message_de, error_kind=kind)
            self._update_file(file_row, FileState.KEPT, outcome, began, error_kind=kind)
            return outcome
        data = path.read_bytes()
        path.unlink(missing_ok=True)
        sha256 = hashlib.sha256(data).hexdigest()
        self._update_file(file_row, FileState.DOWNLOADED, None, began, sha256=sha256)

        settings = stored.settings
        guards = self.repository.catalog.chain_options().guards_for(settings)
        request = ImportRequest(
            data=data,
            file_name=printable(entry.name),  # recorded and shown, never sent
            format_id=settings.import_format.value,
            mandants=settings.mandants,
            settle_until=settings.settle_until,
            today=self.today(),
            interface_id=stored.id,
            server=settings.ftp.host,
            file_date=entry.mtime.date() if entry.mtime else None,
            run_id=run_id,
            guards=GuardConfig.of(guards),
            invoice_pattern=settings.invoice_pattern,
        )
        self._progress(settings.name, "settle", f"{printable(entry.name)} wird gebucht …")
        try:
            imported = self._with_retry(
                lambda: self.engine.run(request, dry_run=dry_run), cancel, retry_on=(DatabaseBusy,)
            )
        except DatabaseBusy as exc:
            # Nothing was booked (the transaction rolled back); the file stays for next time.
            kind = type(exc).__name__
            outcome = RunFileResult(name, "failed", error=exc.message_de, error_kind=kind)
            self._update_file(file_row, FileState.KEPT, outcome, began, error_kind=kind)
            return outcome
        outcome = _file_result(name, imported)
        if dry_run or imported.outcome in (ImportOutcome.FAILED, ImportOutcome.REFUSED):
            self._update_file(
                file_row,
                FileState.KEPT,
                outcome,
                began,
                import_file_id=imported.import_file_id,
                error_kind=outcome.error_kind,
            )
            return outcome
        # Committed (or booked before): only now may the file leave the server.
        self._update_file(
            file_row, FileState.COMMITTED, outcome, began, import_file_id=imported.import_file_id
        )
        self._progress(
            settings.name, "delete", f"{printable(entry.name)} wird auf dem Server gelöscht"
        )
        try:
            self._delete(connection, entry.remote_path, cancel)
        except (transfer_errors.TransferError, RunCancelled) as exc:
            # Booked and kept: the next run recognises the content and deletes it then.
            log.warning("could not delete %s after booking: %s", name, exc)
            reason, kind = _delete_failure(exc)
            outcome.error = f"Gebucht, aber nicht vom Server gelöscht: {reason}"
            outcome.error_kind = kind
            self._update_file(
                file_row, FileState.COMMITTED, outcome, began, error_kind=outcome.error_kind
            )
            return outcome
        outcome.deleted = True
        self._update_file(file_row, FileState.DELETED, outcome, began)
        return outcome

    def _delete(self, connection: _Connection, remote_path: str, cancel: threading.Event) -> None:
        """Delete a booked file, connecting again and retrying as every other step does
        (an idle session may have been closed while the file was booked). A retry that
        finds the file gone is done: the first DELE took effect before the answer was lost."""
        retried = False

        def attempt() -> None:
            try:
                connection.usable().delete(remote_path)
            except transfer_errors.RemoteFileVanished:
                if not retried:
                    raise
                log.info("%s was deleted by the attempt before", printable(remote_path))

        def again() -> None:
            nonlocal retried
            retried = True
            connection.reconnect()

        self._with_retry(attempt, cancel, before_retry=again, deadline=connection.deadline)

    # -- records ----------------------------------------------------------------------

    def _start_run(
        self, stored: StoredInterface, trigger: str, slot_at: datetime | None, dry_run: bool
    ) -> int:
        with self.db.session() as s:
            row = RunRow(
                interface_id=stored.id,
                trigger=trigger,
                slot_at=slot_at,
                host=socket.gethostname(),
                started_at=utcnow(),
                status="running",
                dry_run=dry_run,
                files=0,
                rows=0,
                booked_count=0,
                booked_amount=Decimal("0.00"),
                error_kind="",
                error="",
                mailed=False,
            )
            s.add(row)
            s.flush()
            return row.id

    def _close_interrupted_runs(self, interface_id: int) -> None:
        """Runs still 'running' while we hold the lease were cut off (killed, power loss):
        say so in the history, with what they booked, instead of 'running' for ever."""
        closed = close_interrupted_runs(self.db, interface_id)
        if closed:
            log.info("closed %d interrupted run(s) of interface %d", closed, interface_id)

    def _finish_run(self, result: RunResult) -> None:
        finish_run(
            self.db,
            result.run_id,
            status=result.status.value,
            error_kind=result.error_kind,
            error=result.error or "",
            mailed=result.mailed,
        )

    def _record_file(self, run_id: int, entry: RemoteEntry) -> int:
        with self.db.session() as s:
            row = RunFileRow(
                run_id=run_id,
                remote_path=printable(entry.remote_path)[:1024],
                size=entry.size,
                sha256="",
                state=FileState.LISTED.value,
                outcome="",
                rows=0,
                booked_count=0,
                booked_amount=Decimal("0.00"),
                deleted=False,
                skipped="",
                error_kind="",
                error="",
                duration_ms=0,
            )
            s.add(row)
            s.flush()
            return row.id

    def _record_skipped(self, run_id: int, skipped: SkippedFile) -> None:
        file_id = self._record_file(run_id, skipped.entry)
        outcome = RunFileResult(
            printable(skipped.entry.remote_path), "skipped", error=skipped.reason.label_de
        )
        self._update_file(
            file_id, FileState.KEPT, outcome, time.monotonic(), error_kind=skipped.reason.value
        )

    def _update_file(
        self,
        file_id: int,
        state: FileState,
        outcome: RunFileResult | None,
        began: float,
        *,
        sha256: str | None = None,
        import_file_id: int | None = None,
        error_kind: str | None = None,
    ) -> None:
        with self.db.session() as s:
            row = s.get(RunFileRow, file_id)
            row.state = state.value
            row.duration_ms = int((time.monotonic() - began) * 1000)
            if sha256 is not None:
                row.sha256 = sha256
            if import_file_id is not None:
                row.import_file_id = import_file_id
            if error_kind is not None:
                row.error_kind = error_kind
            if outcome is not None:
                row.outcome = outcome.outcome
                row.rows = outcome.rows
                row.booked_count = outcome.booked
                row.booked_amount = outcome.booked_amount
                row.deleted = outcome.deleted
                row.error = outcome.error or ""
                row.error_line = outcome.error_line
                row.skipped = json.dumps(
                    [
                        {
                            "line": n.line,
                            "reason": n.reason,
                            "invoice": n.invoice,
                            "where": n.where,
                            "code": n.code,
                        }
                        for n in outcome.not_booked
                    ],
                    ensure_ascii=False,
                )

    def _mail(self, stored: StoredInterface, result: RunResult, started: datetime) -> bool:
        settings = stored.settings
        if not settings.error_email:
            return False
        report = RunReport(
            interface_name=settings.name,
            started_at=started,
            failure=result.error or "Unbekannter Fehler",
            host=settings.ftp.host,
            directory=settings.ftp.directory,
            branch=settings.branch,
            files=tuple(_file_report(f) for f in result.files),
            open_cases=open_cases_of(self.db, [i for f in result.files for i in f.case_ids]),
        )
        try:
            return bool(self.mailer(stored, report))
        except Exception as exc:  # the report must not turn a failed run into a crash
            log.warning("failure e-mail for %r not sent: %s", settings.name, exc)
            return False

    def _progress(self, name: str, step: str, message: str, index: int = 0, total: int = 0):
        log.info("%s: %s", name, message)
        if self.on_progress:
            self.on_progress(RunProgress(name, step, message, index, total))


class _Connection:
    """The run's session with the server, opened again for a retry.

    A transient failure usually leaves the connection dead (a "421" closes it, a cut
    drops it), so a retry on the same one could never succeed, and every later file
    failed with it; found by the fault matrix (tests/faults). A retry reconnects.
    """

    def __init__(
        self,
        open_client: Callable[[], RemoteClient],
        limits: DownloadLimits,
        deadline: _RunDeadline,
    ) -> None:
        self._open = open_client
        self.limits, self.deadline = limits, deadline
        self.client = open_client()
        self.failure: transfer_errors.TransferError | None = None  # reconnecting failed

    def usable(self) -> RemoteClient:
        """The client, connected again first if a broken-off transfer dropped it."""
        if not self.client.connected:
            self.reconnect()
        return self.client

    def reconnect(self) -> None:
        self.client.close()
        try:
            self.client = self._open()
        except transfer_errors.TransferError as exc:
            self.failure = exc
            raise

    def abort(self) -> None:
        self.client.abort()

    def close(self) -> None:
        self.client.close()


class _RunDeadline:
    """The run's deadline: set once the listing says what there is to fetch (before it,
    each step has its own bounds: connect timeouts, retries, the listing's rate)."""

    def __init__(self) -> None:
        self._at: float | None = None
        self.seconds = 0.0

    def start(self, seconds: float) -> None:
        self.seconds, self._at = seconds, time.monotonic() + seconds

    def left(self) -> float:
        return math.inf if self._at is None else max(0.0, self._at - time.monotonic())

    @property
    def passed(self) -> bool:
        return self._at is not None and time.monotonic() >= self._at

    def error(self) -> transfer_errors.RunTimedOut | None:
        return transfer_errors.RunTimedOut(self.seconds) if self.passed else None

    def check(self) -> None:
        late = self.error()
        if late is not None:
            raise late


class _CurrentClient:
    """The client of the moment, also while it is still connecting, for the watcher."""

    client: RemoteClient | None = None

    def abort(self) -> None:
        if self.client is not None:
            self.client.abort()


class _AbortOnCancel:
    """Breaks a blocked network call when the user cancels (from the cancel's thread) or
    the run's deadline passes."""

    def __init__(
        self,
        client: RemoteClient | _CurrentClient,
        cancel: threading.Event,
        deadline: _RunDeadline | None = None,
    ):
        self._done = threading.Event()
        self._thread = threading.Thread(
            target=self._watch,
            args=(client, cancel, deadline or _RunDeadline()),
            name="run-cancel-watch",
            daemon=True,
        )
        self._thread.start()

    def _watch(
        self, client: RemoteClient | _CurrentClient, cancel: threading.Event, deadline: _RunDeadline
    ) -> None:
        # Again and again until the run ends: a reconnect after the first abort, or a
        # socket still being created at that moment, must be broken off too.
        while not self._done.is_set():
            if cancel.wait(0.2) or deadline.passed:
                client.abort()
                self._done.wait(0.2)

    def stop(self) -> None:
        self._done.set()
        self._thread.join(timeout=1)


def _file_result(name: str, imported: ImportResult) -> RunFileResult:
    plan = imported.plan
    not_booked = [
        NotBooked(
            line=r.line,
            reason=r.reason_de,
            invoice=r.reference_raw or "",
            amount=r.amount,
            where=r.where_de,
            code=r.status.value,
        )
        for r in (plan.reported if plan else ())
    ]
    error = None
    error_line = None
    error_kind = ""
    if imported.outcome in (ImportOutcome.FAILED, ImportOutcome.REFUSED):
        error = imported.refused_reason
        error_line = imported.error.line if imported.error else None
        error_kind = type(imported.error).__name__ if imported.error else imported.outcome.value
    return RunFileResult(
        name=name,
        outcome=imported.outcome.value,
        booked=imported.booked_count,
        booked_amount=imported.booked_amount,
        error=error,
        error_line=error_line,
        rows=imported.rows,
        not_booked=not_booked,
        error_kind=error_kind,
        case_ids=sorted({*imported.case_ids, *imported.seen_case_ids}),
    )


def _file_report(f: RunFileResult) -> FileReport:
    return FileReport(
        name=f.name,
        rows=f.rows,
        booked=f.booked,
        booked_amount=f.booked_amount,
        committed=f.outcome in ("booked", "nothing", "duplicate"),
        error=f.error,
        error_line=f.error_line,
        not_booked=tuple(f.not_booked),
        deleted_on_server=f.deleted,
    )


def _delete_failure(exc: Exception) -> tuple[str, str]:
    """What a failed delete says in the file's error, and its kind."""
    if isinstance(exc, RunCancelled):
        return "Der Lauf wurde abgebrochen.", "cancelled"
    return exc.message_de, type(exc).__name__  # type: ignore[attr-defined]


def _summary_de(result: RunResult) -> str:
    booked = sum(f.booked for f in result.files)
    if result.status is RunStatus.OK:
        return f"Fertig: {len(result.files)} Datei(en), {booked} Buchung(en)."
    return result.error or result.status.value


def _check_size(file_name: str, size: int | None) -> None:
    """The parser's own limit (ParseOptions.max_file_bytes), checked before reading."""
    if size is not None and size > MAX_FILE_BYTES:
        # In bytes: just above the limit, "50.0 MB, erlaubt sind 50.0 MB" would say nothing.
        size_de, limit_de = (f"{n:,}".replace(",", ".") for n in (size, MAX_FILE_BYTES))
        raise FileTooLargeError(
            f"Die Datei hat {size_de} Bytes, erlaubt sind {limit_de} Bytes "
            f"({MAX_FILE_BYTES / 1_048_576:g} MB).",
            f"the file has {size} bytes, the limit is {MAX_FILE_BYTES}",
            file_name=file_name,
        )
