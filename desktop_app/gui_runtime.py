"""The desktop program after its first paint: database, login, window, scheduler, tray.

``app.run_gui`` shows the main window before any of this is imported; ``_Start`` then
opens the database on a worker thread (that is where SQLAlchemy and what the window
needs get imported), asks who logs in, and attaches the window: the list and the form
are usable at once and read their data in the background. The run pipeline (scheduler,
"Jetzt ausführen", tray) loads behind the usable window.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer

from .config import AppPaths, check_database_folder
from .jobs.changes import ChangeHub
from .jobs.interface_edit import InterfaceEditor
from .jobs.quiet_gc import collections_held_back, freeze_startup_heap, thaw_heap
from .jobs.user_session import LoginAttempt, UserSession
from .store.audit import AuditLog
from .store.db import Database
from .store.interfaces import InterfaceRepository
from .store.secrets import SecretStore
from .store.users import UserRepository
from .ui.main_window import MainWindow
from .ui.ops import Op, hold_secondary, release_secondary
from .ui.workstation import branch_setting

if TYPE_CHECKING:
    from .domain.users import User
    from .jobs.run_now import ManualRun
    from .jobs.scheduler_thread import SchedulerThread
    from .ui.tray import RunTray

log = logging.getLogger(__name__)

# The window paints before any of these is loaded (bench/startup.py); what its ``attach``
# needs is imported on the worker while the database opens, so the GUI thread waits for
# no import. The dialogs of the menus load when they are first opened.
DEFERRED_MODULES = (
    "desktop_app.domain.validation",
    "desktop_app.jobs.change_audit",
    "desktop_app.jobs.form_saving",
    "desktop_app.jobs.mail_test",
    "desktop_app.jobs.smtp_setup",
    "desktop_app.jobs.user_session",
    "desktop_app.jobs.view_queries",
    "desktop_app.jobs.window_jobs",
    "desktop_app.ui.administration",
    "desktop_app.ui.case_status",
    "desktop_app.ui.changes",
    "desktop_app.ui.interface_editing",
    "desktop_app.ui.interface_form",
    "desktop_app.ui.interface_list_panel",
    "desktop_app.ui.run_actions",
    "desktop_app.ui.widgets.connection_banner",
    "desktop_app.ui.window_refresh",
    "desktop_app.ui.window_rights",
    "desktop_app.ui.workstation",
)


def load_deferred_modules(*, login: bool = True) -> None:
    """Import what ``attach`` needs (``login``: and the login dialog); for a worker thread
    at start-up."""
    for name in DEFERRED_MODULES:
        importlib.import_module(name)
    if login:
        importlib.import_module("desktop_app.ui.login_dialog")


# What the scheduler, "Jetzt ausführen" and the tray need: loaded once the window is usable.
RUN_MODULES = (
    "desktop_app.jobs.scheduled_runs",
    "desktop_app.jobs.scheduler_thread",
    "desktop_app.ui.run_progress",
    "desktop_app.ui.tray",
)


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
    "Jetzt ausführen". Both are optional, for tests that need neither. The editor and the
    session announce their changes on one hub, as in the program.
    """
    if editor.changes is None:
        editor = dataclasses.replace(editor, changes=ChangeHub())
    if session is not None and session.changes is None:
        session = dataclasses.replace(session, changes=editor.changes)
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
    return UserSession.open(editor.repository.db, editor.secrets, user, changes=editor.changes)


def build_runs(
    db: Database, secrets: SecretStore, settings: QSettings, changes: ChangeHub | None = None
) -> tuple[SchedulerThread, ManualRun]:
    """The scheduler and "Jetzt ausführen" on the real run pipeline, as ``serve`` has it."""
    from .jobs.scheduled_runs import scheduled_runs
    from .jobs.scheduler_thread import SchedulerThread
    from .ui.translations import ui_language

    runs = scheduled_runs(
        db, secrets, changes=changes, hold_collections=True, mail_language=ui_language()
    )
    # The computer's name as the password records have it (jobs.computer), not Qt's: the
    # scheduler must find the holder record this program's own form wrote.
    options = runs.loop_options(this_branch=branch_setting(settings))
    return SchedulerThread(db, runs, **options), runs.manual_run()


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
    """What the worker thread opened: the database and the keyring to use, the hub on
    which the jobs announce what they changed, and whether there is anyone to log in."""

    db: Database
    secrets: SecretStore
    changes: ChangeHub = field(default_factory=ChangeHub)
    first_admin_needed: bool = False  # a fresh installation: nobody to log in yet


def open_backend(paths: AppPaths, secrets: SecretStore | None, *, login: bool = True) -> Backend:
    """On a worker thread: the database (upgraded if old) and the modules the window
    needs next (``login``: the login dialog too), so that the GUI thread neither waits for
    the disk nor for imports."""
    check_database_folder(paths)  # before Database, which would make the folder
    with collections_held_back(freeze=True):  # modules and classes are never garbage
        load_deferred_modules(login=login)
        db = Database(paths.db_url)
    first_admin_needed = UserRepository(db).needs_first_admin()
    return Backend(db, secrets or SecretStore(), first_admin_needed=first_admin_needed)


def check_login(backend: Backend, name: str, password: str) -> LoginAttempt:
    """On a worker thread: the login dialog's check on the opened database (audited)."""
    from .ui.login_dialog import login_check

    return login_check(UserRepository(backend.db), AuditLog(backend.db))(name, password)


def load_run_modules() -> None:
    """On a worker thread: what the run pipeline needs (behind the usable window)."""
    with collections_held_back(freeze=True):
        for name in RUN_MODULES:
            importlib.import_module(name)


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
        self._editor: InterfaceEditor | None = None

    def start(self, logged_in: User | None = None) -> None:
        """Login (not in a smoke run; ``logged_in``: done already, in the dialog shown
        while the database opened), then the window; the runs load behind it."""
        db, secrets, window = self.backend.db, self.backend.secrets, self._window
        log.info("desktop program started on %s", db.display_url)
        user: User | None = logged_in  # the smoke run only checks that the window opens
        if not self._smoke and user is None:
            from .ui.login_dialog import log_in_at_start

            window.set_start_notice(QCoreApplication.translate("App", "Please log in."))
            user = log_in_at_start(
                UserRepository(db),
                AuditLog(db),
                first_admin=self.backend.first_admin_needed,
                parent=window,
            )
            if user is None:
                log.info("no one logged in: the program ends")
                self._exit_with(0)
                return
        changes = self.backend.changes
        self._editor = InterfaceEditor(InterfaceRepository(db), secrets, changes=changes)
        hold_secondary()  # the list's first read goes alone
        window.attach(self._editor, session=UserSession.open(db, secrets, user, changes=changes))
        window.filled.connect(self._window_ready)
        window.editing.readFailed.connect(lambda _exc: release_secondary())
        if self._smoke:
            window.editing.readFailed.connect(lambda _exc: self._exit_with(1))

    def _window_ready(self) -> None:
        """The list shows its rows and the form the first of them (or a new one): the run
        pipeline loads behind them, not in the way of their first read."""
        log.info("main window ready")  # bench/startup.py reads this line's time
        release_secondary()
        Op(load_run_modules, parent=self._window).success(lambda _none: self._start_runs()).failure(
            self._runs_failed
        ).run_in_background()

    def _start_runs(self) -> None:
        """The scheduler, "Jetzt ausführen" and the tray, once their modules are loaded."""
        from .ui.tray import RunTray

        db, window = self.backend.db, self._window
        if not window.isVisible():
            return  # closed meanwhile: nothing to start
        scheduler, manual_run = build_runs(
            db, self.backend.secrets, self._settings, self.backend.changes
        )
        window.attach_runs(scheduler, manual_run)
        queries = window.queries()
        tray = RunTray(window, load_last_statuses=queries.last_statuses)
        connect_tray(tray, window, scheduler)
        self._scheduler, self._tray = scheduler, tray
        freeze_startup_heap()  # full collections then skip it: shorter GUI stalls
        if self._smoke:  # ends once the scheduler's first pass has planned the runs
            scheduler.next_runs_changed.connect(lambda _runs: self._quit_when_filled())
            scheduler.error.connect(lambda _message: self._exit_with(1))
        scheduler.start()
        log.info("runs started")

    def _runs_failed(self, exc: Exception) -> None:
        log.error("the runs could not be started", exc_info=exc)
        if self._smoke:
            self._exit_with(1)

    def _quit_when_filled(self) -> None:
        """The smoke run ends from inside the event loop once the window shows its data."""
        window = self._window

        def quit_now() -> None:
            QTimer.singleShot(0, lambda: self._exit_with(0 if window.isVisible() else 1))

        if window.is_filled:
            quit_now()
        else:
            window.filled.connect(quit_now)

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
        release_secondary(run=False)  # closed before the list had its data


def _stop_runs(scheduler: SchedulerThread, window: MainWindow) -> None:
    """On quit: "Jetzt ausführen" finishes its file, the scheduler's run stops at its next
    safe point (a booking in progress still commits)."""
    log.info("stopping: the running imports end at their next safe point")
    runs = window.run_controller
    if runs is not None and not runs.stop():
        log.warning("the manual run did not end in time")
    if not scheduler.stop(abort=True):
        log.warning("the scheduler did not end in time")
