"""One run of an interface: list → download → parse → settle → commit → delete → record.

The same code serves "Jetzt ausführen", the scheduler, ``desktop-app run`` and the
service. Per file the state is written down as it advances (listed, downloaded,
committed, deleted), so a crash between commit and delete leaves a trace; the next run
sees the same content as already booked and only deletes it. A file that failed or was
refused is never deleted.

The steps live in run_files.py (connect, list, each file in turn) and run_one_file.py
(one file's download, booking and delete); this module decides whether a run begins and
what its end reports.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from ..domain.booking_policy import FutureBookingNotAllowed
from ..domain.release import NotReleasedYet, check_released
from ..domain.schedule import in_window
from ..store.catalog import Catalog
from ..store.db import Database
from ..store.db_errors import DatabaseBusy, DatabaseError
from ..store.interfaces import InterfaceRepository, StoredInterface
from ..store.lease import RunLease
from ..store.models import utcnow
from ..store.secrets import SecretStore, SecretStoreError
from ..transfer import errors as transfer_errors
from ..transfer.clients import make_client
from ..transfer.limits import DownloadLimits
from ..transfer.listing import DEFAULT_SETTLE_SECONDS
from ..transfer.remote import RemoteClient
from ..transfer.report import RunReport
from .case_mail import open_cases_of
from .changes import Change, ChangeHub
from .computer import this_computer
from .refused_files import awaits_decision_only, report_address, report_is_news
from .run_connection import DEFAULT_BACKOFF, RunDeadline
from .run_errors import (
    CANCELLED,
    OUTSIDE_WINDOW,
    RUNNING_ELSEWHERE,
    TAKEN_OVER,
    internal,
    of_error,
)
from .run_files import RunFiles
from .run_journal import RunJournal
from .run_results import (
    RunCancelled,
    RunFileResult,
    RunProgress,
    RunResult,
    RunStatus,
    RunTakenOver,
    failure_report,
    summary_de,
)
from .schedule_planner import Trigger
from .settle_file import SettlementEngine

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


@dataclass
class ImportRunner(RunFiles):
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
