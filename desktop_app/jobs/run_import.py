"""One run of an interface: list → download → parse → settle → commit → delete → record.

The same code serves "Jetzt ausführen", the scheduler, ``desktop-app run`` and the
service. Per file the state is written down as it advances (listed, downloaded,
committed, deleted), so a crash between commit and delete leaves a trace; the next run
sees the same content as already booked and only deletes it. A file that failed or was
refused is never deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from ..domain.booking_policy import FutureBookingNotAllowed, check_booking_date
from ..domain.formats import FileTooLargeError
from ..domain.formats.options import FileDateSource
from ..domain.interface import ChainOptions, OpenItemGuards
from ..domain.release import NotReleasedYet, check_released
from ..domain.schedule import in_window
from ..store.catalog import Catalog
from ..store.db import Database
from ..store.db_errors import DatabaseBusy, DatabaseError
from ..store.interfaces import InterfaceRepository, StoredInterface
from ..store.lease import RunLease
from ..store.models import utcnow
from ..store.run_records import RefusalReport
from ..store.secrets import SecretStore, SecretStoreError
from ..transfer import errors as transfer_errors
from ..transfer.clients import make_client
from ..transfer.download import download_entry, is_plain_name, private_download_dir
from ..transfer.file_errors import (
    DownloadIncomplete,
    RemoteFileChanged,
    ReplacedWhileBooking,
    UnsafeRemoteName,
)
from ..transfer.limits import DownloadLimits
from ..transfer.listing import DEFAULT_SETTLE_SECONDS, Listing, SkipReason, find_files
from ..transfer.printable import printable
from ..transfer.remote import RemoteClient, RemoteEntry
from ..transfer.report import RunReport
from .cancel_watch import CancelWatch
from .case_mail import open_cases_of
from .changes import Change, ChangeHub
from .computer import this_computer
from .credentials import stored_ftp_password
from .password_takeover import take_over_if_found
from .refused_files import awaits_decision_only, note_refusal, report_address, report_is_news
from .run_connection import (
    DEFAULT_BACKOFF,
    CurrentClient,
    RunConnection,
    RunDeadline,
    with_retry,
)
from .run_errors import (
    CANCELLED,
    OUTSIDE_WINDOW,
    RUNNING_ELSEWHERE,
    TAKEN_OVER,
    internal,
    not_deleted,
    of_error,
)
from .run_journal import RunJournal
from .run_results import (
    GUARD_REFUSED,
    FileState,
    RunCancelled,
    RunFileResult,
    RunProgress,
    RunResult,
    RunStatus,
    RunTakenOver,
    check_size,
    delete_failure,
    failure_report,
    file_result,
    summary_de,
)
from .schedule_planner import Trigger
from .settle_file import ImportOutcome, SettlementEngine, interface_request

log = logging.getLogger(__name__)

# The run's result types live in run_results.py; these names stay importable from here.
__all__ = [
    "NOT_RELEASED",
    "ImportRunner",
    "RunFileResult",
    "RunProgress",
    "RunResult",
    "RunStatus",
]

NOT_RELEASED = "not_released"  # a result's error_kind: refused before the Start date
# Runs the scheduler started (its own check of the window decided), and how long after
# such a decision, or a click's, the window still lets a run begin (see
# ``ImportRunner.outside_window``).
SCHEDULED_TRIGGERS = frozenset(t.value for t in Trigger)
START_GRACE = timedelta(minutes=1)

Mailer = Callable[[StoredInterface, RunReport], bool]


@dataclass(frozen=True)
class _FileRow:
    """A file's row in the run's record: its id, when work on it began, its shown name."""

    id: int
    began: float
    name: str


@dataclass(frozen=True)
class _Booked:
    """What a file's booking committed, to compare the server's file with before deleting."""

    sha256: str
    local_dir: Path


@dataclass
class ImportRunner:
    db: Database
    secrets: SecretStore
    mailer: Mailer | None = None  # sends the failure e-mail; returns whether it went out
    timeout: float = 30.0
    settle_seconds: float = DEFAULT_SETTLE_SECONDS
    backoff: tuple[float, ...] = DEFAULT_BACKOFF
    today: Callable[[], date] = date.today
    # The pauses between tries and of the listing's settle check; None: they wait on the
    # run's cancel, so that Cancel (or the service's stop) ends a 30 s pause at once.
    sleep: Callable[[float], object] | None = None
    clock: Callable[[], float] = time.monotonic  # the run's deadline counts on it
    on_progress: Callable[[RunProgress], None] | None = None
    client_factory: Callable[..., RemoteClient] = make_client
    lease: RunLease | None = None
    limits: DownloadLimits | None = None  # None: the chain options', read at every run
    # The zone of the 06:00-22:00 window this runner keeps (the program, the service and
    # the CLI give the scheduler's, ``local_zone()``); None: no window (tests, tools).
    time_window: tzinfo | None = None
    now: Callable[[], datetime] = utcnow
    changes: ChangeHub | None = None  # hears of each recorded run (and its bookings)
    computer: str = field(default_factory=this_computer)  # whose keyring the runs read

    def __post_init__(self) -> None:
        self.repository = InterfaceRepository(self.db)
        self.catalog = Catalog(self.db)
        self.engine = SettlementEngine(self.db)
        self.records = RunJournal(self.db)
        if self.lease is None:
            self.lease = RunLease(self.db)
        self._lease: RunLease = self.lease  # the field's None is only "make one"

    def outside_window(self, trigger: str = "manual", *, checked: bool = False) -> bool:
        """Whether it is outside 06:00-22:00 now (``in_window``, as the scheduler counts).
        A scheduled run was started by the scheduler's own check, to the second, and a
        run by hand (``checked``) by the check at the user's click; between that decision
        and this one lie the lease, the slot's claim and reading the interface, which on a
        far database may take a second or more. A run decided in time is not turned away
        for that (a 22:00 slot would be lost, a click at 21:59:59 would end as skipped
        without the question a later click gets): for it the window holds
        ``START_GRACE`` longer."""
        if self.time_window is None:
            return False
        now = self.now()
        if in_window(now, self.time_window):
            return False
        late = checked or trigger in SCHEDULED_TRIGGERS
        return not (late and in_window(now - START_GRACE, self.time_window))

    def not_released(self, stored: StoredInterface) -> NotReleasedYet | None:
        """Why ``stored`` may not run today (its Start date is still ahead); None if it may."""
        try:
            check_released(stored.settings, self.today())
        except NotReleasedYet as exc:
            return exc
        return None

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
        window_checked: bool = False,
    ) -> RunResult:
        """Run ``name`` now. ``cancel`` aborts as soon as it is safe (never inside the
        booking transaction); ``stop_after_file`` finishes the current file first.
        Outside 06:00-22:00 nothing runs unless ``force`` (a user confirmed it);
        ``window_checked``: the caller found the time inside a moment ago (see
        ``outside_window``). Before
        the Start date nothing runs, ``force`` or not; only a dry run, which books and
        deletes nothing, may look ahead."""
        cancel = cancel or threading.Event()
        stop_after_file = stop_after_file or threading.Event()
        stored = self.repository.get(name)
        refusal = None if dry_run else self.not_released(stored)
        if refusal is not None:
            log.info("run of %r (%s) refused: released only from %s", name, trigger, refusal.start)
            return RunResult.not_run(name, RunStatus.SKIPPED, of_error(refusal), NOT_RELEASED)
        if not force and self.outside_window(trigger, checked=window_checked):
            log.info("run of %r (%s) skipped: outside 06:00-22:00", name, trigger)
            return RunResult.not_run(name, RunStatus.SKIPPED, OUTSIDE_WINDOW, "outside_window")
        try:
            run_id = self._begin(stored, trigger, slot_at, dry_run)
        except DatabaseBusy as exc:
            log.warning("run of %r not started: %s", name, exc)
            return RunResult.not_run(name, RunStatus.FAILED, of_error(exc), "DatabaseBusy")
        if run_id is None:
            log.info("run of %r skipped: running elsewhere", name)
            return RunResult.not_run(name, RunStatus.SKIPPED, RUNNING_ELSEWHERE, "busy")
        result = RunResult(name, RunStatus.OK, run_id=run_id)
        started = utcnow()
        try:
            self._run_guarded(stored, result, dry_run, cancel, stop_after_file)
        finally:
            self._lease.release(stored.id)
        self._conclude(stored, result, dry_run, started)
        return result

    def _run_guarded(
        self,
        stored: StoredInterface,
        result: RunResult,
        dry_run: bool,
        cancel: threading.Event,
        stop_after_file: threading.Event,
    ) -> None:
        """The run's files; whatever ends them early is written into ``result``."""
        deadline = RunDeadline(self.clock)
        try:
            self._run_files(stored, result, dry_run, cancel, stop_after_file, deadline)
        except RunCancelled:
            result.fail(RunStatus.CANCELLED, CANCELLED, "cancelled")
        except RunTakenOver:
            # Not a failure, even after a file that failed: the files left are the other
            # run's, and a failed one stayed on the server, where that run meets it again.
            log.warning("run of %r stopped: another holder took its lease", stored.settings.name)
            result.fail(RunStatus.CANCELLED, TAKEN_OVER, "taken-over")
        except transfer_errors.TransferError as exc:
            if cancel.is_set():  # the abort broke the connection: not the server's fault
                result.fail(RunStatus.CANCELLED, CANCELLED, "cancelled")
            else:
                # Past the run's deadline the watcher broke the connection: that is the cause.
                exc = deadline.error() or exc
                result.fail(RunStatus.FAILED, of_error(exc), type(exc).__name__)
        except (SecretStoreError, FutureBookingNotAllowed, DatabaseError) as exc:
            result.fail(RunStatus.FAILED, of_error(exc), type(exc).__name__)
        except Exception as exc:  # a bug: recorded and mailed, never lost silently
            log.exception("run of %r failed unexpectedly", stored.settings.name)
            result.fail(RunStatus.FAILED, internal(type(exc).__name__), "internal")

    def _conclude(
        self, stored: StoredInterface, result: RunResult, dry_run: bool, started: datetime
    ) -> None:
        # A file whose booking stands but which could not be deleted is a failure too; its
        # error_kind says so. The run's kind is the first file's typed error.
        run_failed = result.status is RunStatus.FAILED
        bad = [f for f in result.files if f.error_kind]
        if bad and result.status is RunStatus.OK:
            result.status = RunStatus.FAILED
            result.error, result.error_en = bad[0].error, bad[0].error_en
            result.error_kind = bad[0].error_kind
        result.awaits_decision = awaits_decision_only(result, run_failed)
        # A refused list the last report named already is not mailed again (refused_files).
        news = report_is_news(result, run_failed)
        if result.status is RunStatus.FAILED and not dry_run and self.mailer and news:
            result.mailed = self._mail(stored, result, started)
            result.mailed_to = report_address(stored) if result.mailed else ""
        self.records.finish(result)
        self._announce(result)
        self._progress(result.interface, "done", summary_de(result))

    def _announce(self, result: RunResult) -> None:
        if self.changes is None:
            return
        booked = any(f.booked for f in result.files)
        self.changes.publish(Change.RUNS, *((Change.LEDGER,) if booked else ()))

    def _begin(
        self, stored: StoredInterface, trigger: str, slot_at: datetime | None, dry_run: bool
    ) -> int | None:
        """Take the lease and open the run's record; None when it runs elsewhere."""
        if not self._lease.acquire(stored.id):
            return None
        try:
            return self.records.start_run(stored.id, trigger, slot_at, dry_run, self.computer)
        except BaseException:
            with contextlib.suppress(DatabaseError):  # the lease runs out by itself then
                self._lease.release(stored.id)
            raise

    # -- the pipeline -----------------------------------------------------------------

    def _run_files(
        self,
        stored: StoredInterface,
        result: RunResult,
        dry_run: bool,
        cancel: threading.Event,
        stop_after_file: threading.Event,
        deadline: RunDeadline,
    ) -> None:
        settings = stored.settings
        run_id = result.run_id
        assert run_id is not None  # ``run`` made the record before the files
        password, options = self._prepare(stored)
        limits = self.limits or DownloadLimits.from_options(options)
        guards = options.guards_for(settings)  # as the run's prepare step read them
        # The watcher starts before connecting: a cancel must also break off a server that
        # accepts the connection and never answers.
        current = CurrentClient()
        watcher = CancelWatch(
            current, cancel, expired=lambda: deadline.passed, poll=0.2, name="run-cancel-watch"
        )
        connection: RunConnection | None = None
        try:
            connection = RunConnection(
                lambda: self._connect(stored, password, cancel, current, limits), limits, deadline
            )
            listing = self._list(connection, stored, result, run_id, cancel)
            files = listing.files
            deadline.start(limits.run_seconds(entry.size for entry in files))
            with private_download_dir() as local_dir:
                for index, entry in enumerate(files, 1):
                    if cancel.is_set() or stop_after_file.is_set():
                        raise RunCancelled
                    deadline.check()
                    if not self._lease.renew(stored.id):
                        # Carrying on would race the new holder for the same files.
                        raise RunTakenOver
                    name = printable(entry.name)
                    message = f"Datei {index} von {len(files)}: {name}"
                    self._progress(settings.name, "download", message, index, len(files), name)
                    result.files.append(
                        self._one_file(
                            connection,
                            stored,
                            guards,
                            entry,
                            local_dir,
                            run_id,
                            dry_run,
                            cancel,
                            listing.day_of(entry),
                            listing.day_source(entry),
                        )
                    )
                    if connection.failure is not None:
                        raise connection.failure  # the server is gone: the rest waits
            # Only a run that knows every listed file's content can tell a refused list gone.
            # A hidden name is never read by any run (``.ftpquota``): it tells nothing.
            unread = [s for s in listing.skipped if s.reason is not SkipReason.HIDDEN_NAME]
            result.read_every_file = not unread and all(f.sha256 for f in result.files)
        finally:
            watcher.stop(timeout=1)
            if connection is not None:
                connection.close()

    def _prepare(self, stored: StoredInterface) -> tuple[str | None, ChainOptions]:
        """The run's prepare step, inside its record so that a refusal is in the history:
        the booking date still allowed (the option may have been switched off since the
        interface was saved), the password and the chain options the run goes by. Raises
        ``FutureBookingNotAllowed`` or ``SecretStoreError``."""
        today = self.today()
        options = self.catalog.chain_options()
        settle_until = stored.settings.settle_until
        assert settle_until is not None  # a saved interface passed validation, which asks it
        check_booking_date(settle_until.booking_date(today), today, options)
        password = stored_ftp_password(self.secrets, stored)
        take_over_if_found(self.db, stored, self.computer, lambda: password)
        return password, options

    def _list(
        self,
        connection: RunConnection,
        stored: StoredInterface,
        result: RunResult,
        run_id: int,
        cancel: threading.Event,
    ) -> Listing:
        """The files to import; those skipped (still being written) go to the history."""
        settings = stored.settings
        self._progress(settings.name, "list", "Verzeichnis wird gelesen …")
        listing = self._with_retry(
            lambda: find_files(
                connection.usable(),
                settings.ftp,
                settings.filename_filter,
                self.today(),
                settle_seconds=self.settle_seconds,
                sleep=self._pause(cancel),
                zone=self.time_window,
            ),
            cancel,
            before_retry=connection.reconnect,
        )
        result.skipped_files = [
            f"{printable(s.entry.remote_path)}: {s.reason.label_de}" for s in listing.skipped
        ]
        for skipped in listing.skipped:
            self.records.add_skipped(run_id, skipped)
        return listing

    def _connect(
        self,
        stored: StoredInterface,
        password: str | None,
        cancel: threading.Event,
        current: CurrentClient,
        limits: DownloadLimits,
    ) -> RemoteClient:
        host = stored.settings.ftp.host
        self._progress(stored.settings.name, "connect", f"Verbinde mit {host}", subject=host)

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

    def _with_retry(self, action, cancel: threading.Event, **options):
        """``action()``, tried again after a transient failure (see ``with_retry``)."""
        return with_retry(
            action, cancel, backoff=self.backoff, sleep=self._pause(cancel), **options
        )

    def _pause(self, cancel: threading.Event) -> Callable[[float], object]:
        return self.sleep or cancel.wait

    def _one_file(
        self,
        connection: RunConnection,
        stored: StoredInterface,
        guards: OpenItemGuards,
        entry: RemoteEntry,
        local_dir: Path,
        run_id: int,
        dry_run: bool,
        cancel: threading.Event,
        file_day: date | None,
        day_source: FileDateSource | None,
    ) -> RunFileResult:
        # The name as shown and logged; the server gets the real one.
        row = _FileRow(
            self.records.add_file(run_id, entry), time.monotonic(), printable(entry.remote_path)
        )
        data = self._fetch(connection, entry, local_dir, row, cancel)
        if isinstance(data, RunFileResult):
            return data
        request = interface_request(
            stored,
            guards,
            data=data,
            file_name=printable(entry.name),  # recorded and shown, never sent
            file_date=file_day,  # the listing's: a date in the file wins
            file_date_source=day_source,
            today=self.today(),
            run_id=run_id,
        )
        name = printable(entry.name)
        self._progress(stored.settings.name, "settle", f"{name} wird gebucht …", subject=name)
        try:
            imported = self._with_retry(
                lambda: self.engine.run(request, dry_run=dry_run), cancel, retry_on=(DatabaseBusy,)
            )
        except DatabaseBusy as exc:
            # Nothing was booked (the transaction rolled back); the file stays for next time.
            return self._kept(row, exc)
        outcome = file_result(row.name, imported)
        if outcome.awaits_decision:
            told = self._refusal_report(stored, outcome)
            note_refusal(outcome, told, self.time_window, imported.file_date)
        if dry_run or imported.outcome in (ImportOutcome.FAILED, ImportOutcome.REFUSED):
            self.records.update_file(
                row.id,
                FileState.KEPT,
                outcome,
                row.began,
                import_file_id=imported.import_file_id,
                error_kind=outcome.error_kind,
            )
            return outcome
        # Committed (or booked before): only now may the file leave the server.
        self.records.update_file(
            row.id, FileState.COMMITTED, outcome, row.began, import_file_id=imported.import_file_id
        )
        booked = _Booked(imported.sha256, local_dir)
        return self._delete_booked(connection, stored, entry, row, outcome, booked, cancel)

    def _fetch(
        self,
        connection: RunConnection,
        entry: RemoteEntry,
        local_dir: Path,
        row: _FileRow,
        cancel: threading.Event,
    ) -> bytes | RunFileResult:
        """The file's content, or the outcome of a download that failed (the file stays)."""
        try:
            if not is_plain_name(entry.name):
                # "../Zahlungen.csv" would be fetched, booked and deleted one directory up.
                raise UnsafeRemoteName(entry.remote_path)
            # Bounded memory: the file is read whole below, so a file the parser would
            # refuse anyway is not even fetched.
            check_size(printable(entry.name), entry.size)
            data = self._download(connection, entry, local_dir, cancel)
        except (transfer_errors.TransferError, FileTooLargeError) as exc:
            if cancel.is_set():
                self.records.update_file(
                    row.id, FileState.KEPT, None, row.began, error_kind="cancelled"
                )
                raise RunCancelled from None
            late = connection.deadline.error()
            if late is not None:  # the watcher broke the download off at the run's deadline
                self._kept(row, late)
                raise late from None
            return self._kept(row, exc)
        sha256 = hashlib.sha256(data).hexdigest()
        self.records.update_file(row.id, FileState.DOWNLOADED, None, row.began, sha256=sha256)
        return data

    def _kept(self, row: _FileRow, exc: Exception) -> RunFileResult:
        """A file that failed before anything was booked: it stays on the server."""
        kind = type(exc).__name__
        outcome = RunFileResult(row.name, "failed", error_kind=kind)
        outcome.set_error(of_error(exc))
        self.records.update_file(row.id, FileState.KEPT, outcome, row.began, error_kind=kind)
        return outcome

    def _delete_booked(
        self,
        connection: RunConnection,
        stored: StoredInterface,
        entry: RemoteEntry,
        row: _FileRow,
        outcome: RunFileResult,
        booked: _Booked,
        cancel: threading.Event,
    ) -> RunFileResult:
        name = printable(entry.name)
        self._progress(
            stored.settings.name, "delete", f"{name} wird auf dem Server gelöscht", subject=name
        )
        try:
            self._check_unchanged(connection, entry, booked, cancel)
            connection.delete(
                entry.remote_path,
                lambda attempt, again: self._with_retry(
                    attempt, cancel, before_retry=again, deadline=connection.deadline
                ),
            )
        except (transfer_errors.TransferError, RunCancelled) as exc:
            # Booked and kept: the next run recognises the content and deletes it then.
            log.warning("could not delete %s after booking: %s", row.name, exc)
            reason, kind = delete_failure(exc)
            outcome.set_error(not_deleted(reason, outcome.outcome))
            outcome.error_kind = kind
            self.records.update_file(
                row.id, FileState.COMMITTED, outcome, row.began, error_kind=kind
            )
            return outcome
        outcome.deleted = True
        self.records.update_file(row.id, FileState.DELETED, outcome, row.began)
        return outcome

    def _check_unchanged(
        self,
        connection: RunConnection,
        entry: RemoteEntry,
        booked: _Booked,
        cancel: threading.Event,
    ) -> None:
        """Raise ``ReplacedWhileBooking`` unless the file on the server is still the content
        that was booked: a file written again under its name meanwhile (the next day's
        list, a corrected one) must not be deleted unread. Its size and time stamp could
        stay the same, so its content is compared."""
        try:
            data = self._download(connection, entry, booked.local_dir, cancel)
        except (DownloadIncomplete, RemoteFileChanged):
            raise ReplacedWhileBooking(entry.remote_path) from None  # another size
        if hashlib.sha256(data).hexdigest() != booked.sha256:
            raise ReplacedWhileBooking(entry.remote_path)

    def _download(
        self,
        connection: RunConnection,
        entry: RemoteEntry,
        local_dir: Path,
        cancel: threading.Event,
    ) -> bytes:
        """``entry``'s content, fetched with the run's retries; the local copy is gone."""
        path = self._with_retry(
            lambda: download_entry(connection.usable(), entry, local_dir, connection.limits),
            cancel,
            before_retry=connection.reconnect,
            deadline=connection.deadline,
        )
        try:
            return path.read_bytes()
        finally:
            path.unlink(missing_ok=True)

    # -- records ----------------------------------------------------------------------

    def _refusal_report(self, stored: StoredInterface, refused: RunFileResult) -> RefusalReport:
        """What failure reports to the interface's address now told of ``refused``'s
        content refused the same way; nothing when unknown (the database did not answer:
        then it is reported again rather than not at all)."""
        try:
            return self.records.refusal_report(
                stored.id,
                refused.sha256,
                GUARD_REFUSED,
                refused.refused_checks,
                report_address(stored),
                refused.refused_share_limit,
            )
        except DatabaseError as exc:
            log.warning("earlier reports of a refused file not read: %s", exc)
            return RefusalReport()

    def _mail(self, stored: StoredInterface, result: RunResult, started: datetime) -> bool:
        settings = stored.settings
        if self.mailer is None or not settings.error_email:
            return False
        try:
            cases = open_cases_of(self.db, [i for f in result.files for i in f.case_ids])
            return bool(self.mailer(stored, failure_report(stored, result, started, cases)))
        except Exception as exc:  # the report must not turn a failed run into a crash
            log.warning("failure e-mail for %r not sent: %s", settings.name, exc)
            return False

    def _progress(
        self, name: str, step: str, message: str, index: int = 0, total: int = 0, subject=""
    ):
        log.info("%s: %s", name, message)
        if self.on_progress:
            self.on_progress(RunProgress(name, step, message, index, total, subject))
