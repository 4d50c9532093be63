"""The desktop program after its first paint: database, login, scheduler, tray.

``app.run_gui`` shows the main window before any of this is imported; ``GuiStart`` then
opens the database on a worker thread (that is where SQLAlchemy, the jobs and the
dialogs get imported), asks who logs in, and attaches the window to the data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QSysInfo, QTimer

from .config import AppPaths
from .domain.users import User
from .jobs.case_mail import CaseSummaryJob
from .jobs.failure_mail import FailureMailer
from .jobs.interface_edit import InterfaceEditor
from .jobs.quiet_gc import collections_held_back, freeze_startup_heap, thaw_heap
from .jobs.run_import import ImportRunner
from .jobs.run_now import ManualRun
from .jobs.scheduler import local_zone
from .jobs.scheduler_thread import SchedulerThread
from .jobs.user_session import UserSession
from .store.audit import AuditLog
from .store.db import Database
from .store.interfaces import InterfaceRepository
from .store.last_runs import last_runs
from .store.lease import RunLease
from .store.secrets import SecretStore
from .store.users import UserRepository
from .ui.login_dialog import log_in_at_start
from .ui.main_window import MainWindow, load_deferred_modules
from .ui.tray import RunTray
from .ui.workstation import branch_setting

log = logging.getLogger(__name__)


def build_main_window(
    editor: InterfaceEditor,
    settings: QSettings,
    lang: str = "de",
    *,
    host_name: str | None = None,
    scheduler: SchedulerThread | None = None,
    manual_run: ManualRun | None = None,
    user: User | None = None,
    session: UserSession | None = None,
) -> MainWindow:
    """The main window on ``editor``'s database and keyring, attached at once; for tests.

    ``settings`` holds window geometry only; ``host_name`` defaults to this computer's.
    ``user``: who logged in; ``session`` instead brings its own clock and timings (tests).
    Neither: no login, so no administration menu and no eye button (see MainWindow).
    ``scheduler`` fills the next runs and the staleness in the list; ``manual_run`` enables
    "Jetzt ausführen". Both are optional, for tests that need neither.
    """
    return MainWindow(
        editor,
        settings,
        lang,
        host_name=host_name,
        scheduler=scheduler,
        manual_run=manual_run,
        session=session or _session_for(editor, user),
    )


def _session_for(editor: InterfaceEditor, user: User | None) -> UserSession | None:
    if user is None:
        return None
    return UserSession.open(editor.repository.db, editor.secrets, user)


def build_runs(
    db: Database, secrets: SecretStore, settings: QSettings
) -> tuple[SchedulerThread, ManualRun]:
    """The scheduler and "Jetzt ausführen" on the real run pipeline, as ``serve`` has it.

    The scheduler and its runner share one lease (re-entrant for its holder), so a run the
    scheduler started is not refused as busy by itself; ``ManualRun`` takes a lease of its
    own so that a manual and a scheduled run of one interface exclude each other.
    """
    lease = RunLease(db)
    runner = ImportRunner(
        db, secrets, mailer=FailureMailer(db, secrets), lease=lease, time_window=local_zone()
    )

    def run(name: str, trigger: str, slot_at, cancel) -> str:
        # The loop's cancel (on quit) stops the run at its next safe point, as Cancel does:
        # a booking in progress still commits; a download of a slow server ends at once.
        with collections_held_back():  # a full collection would stall the GUI (quiet_gc.py)
            result = runner.run(name, trigger=trigger, slot_at=slot_at, cancel=cancel)
        return result.status.value

    branch = branch_setting(settings)
    scheduler = SchedulerThread(
        db,
        run,
        this_computer=QSysInfo.machineHostName(),
        this_branch=branch,
        lease=lease,
        timed_jobs=(CaseSummaryJob(db, secrets),),
    )
    return scheduler, ManualRun(runner)


def connect_tray(tray: RunTray, window: MainWindow, scheduler: SchedulerThread) -> None:
    """The tray hears of every run: the scheduler's and "Jetzt ausführen"."""
    scheduler.run_started.connect(tray.run_started)
    scheduler.run_finished.connect(tray.run_finished)
    scheduler.stale_changed.connect(tray.stale_changed)
    scheduler.next_runs_changed.connect(tray.next_runs_changed)
    runs = window.run_controller
    if runs is not None:
        runs.started.connect(tray.run_started)
        runs.finished.connect(
            lambda name, result: tray.manual_run_finished(name, result.status.value)
        )


@dataclass
class Backend:
    """What the worker thread opened: the database and the keyring to use."""

    db: Database
    secrets: SecretStore


def open_backend(paths: AppPaths, secrets: SecretStore | None) -> Backend:
    """On a worker thread: the database (upgraded if old) and the modules the window
    needs next, so that the GUI thread neither waits for the disk nor for imports."""
    load_deferred_modules()
    db = Database(paths.db_url)
    return Backend(db=db, secrets=secrets or SecretStore())


class Runtime(QObject):
    """The program behind an already painted ``window``, from the login to the quit.

    ``exit_with`` ends the event loop with an exit code (the login quit: 0).
    """

    def __init__(
        self,
        window: MainWindow,
        backend: Backend,
        settings: QSettings,
        *,
        smoke: bool,
        exit_with: Callable[[int], None],
    ):
        super().__init__(window)
        self._window = window
        self.backend = backend
        self._settings = settings
        self._smoke = smoke
        self._exit_with = exit_with
        self._scheduler: SchedulerThread | None = None
        self._tray: RunTray | None = None

    def start(self) -> None:
        """Login (not in a smoke run), then the editor, the scheduler and the tray."""
        db, secrets, window = self.backend.db, self.backend.secrets, self._window
        log.info("desktop program started on %s", db.display_url)
        user: User | None = None  # the smoke run only checks that the window opens
        if not self._smoke:
            window.set_start_notice(QCoreApplication.translate("App", "Please log in."))
            user = log_in_at_start(UserRepository(db), AuditLog(db), parent=window)
            if user is None:
                log.info("no one logged in: the program ends")
                self._exit_with(0)
                return
        editor = InterfaceEditor(InterfaceRepository(db), secrets)
        scheduler, manual_run = build_runs(db, secrets, self._settings)
        window.attach(
            editor,
            scheduler=scheduler,
            manual_run=manual_run,
            session=UserSession.open(db, secrets, user),
        )
        tray = RunTray(window, load_last_statuses=lambda: _last_statuses(db))
        connect_tray(tray, window, scheduler)
        self._scheduler, self._tray = scheduler, tray
        freeze_startup_heap()  # full collections then skip it: shorter GUI stalls
        scheduler.start()
        log.info("main window ready")  # bench/startup.py reads this line's time
        if self._smoke:
            # Quit from inside the event loop, once the attached window has painted.
            QTimer.singleShot(0, lambda: self._exit_with(0 if window.isVisible() else 1))

    def cancel_runs(self) -> None:
        """Cancel "Jetzt ausführen" and the scheduler's run as the user's Cancel does;
        does not wait (``stop`` does, after the event loop)."""
        runs = self._window.run_controller
        if runs is not None:
            runs.cancel()
        if self._scheduler is not None:
            self._scheduler.worker.stop(abort=True)

    def stop(self) -> None:
        """After the event loop: the runs end (the scheduler's at its next safe point,
        "Jetzt ausführen" after its file), then all closes."""
        if self._scheduler is not None:
            _stop_runs(self._scheduler, self._window)
            thaw_heap()
        if self._tray is not None:
            self._tray.hide()


def _last_statuses(db: Database) -> dict[str, str]:
    names = {stored.id: stored.settings.name for stored in InterfaceRepository(db).list()}
    return {names[i]: run.status for i, run in last_runs(db).items() if i in names}


def _stop_runs(scheduler: SchedulerThread, window: MainWindow) -> None:
    """On quit: "Jetzt ausführen" finishes its file, the scheduler's run stops at its next
    safe point (a booking in progress still commits)."""
    log.info("stopping: the running imports end at their next safe point")
    runs = window.run_controller
    if runs is not None and not runs.stop():
        log.warning("the manual run did not end in time")
    if not scheduler.stop(abort=True):
        log.warning("the scheduler did not end in time")
