"""Starting the desktop program: the Qt application, its language, and the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QSysInfo, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .config import APP_AUTHOR, APP_NAME, AppPaths, setup_logging
from .domain.users import User
from .jobs.failure_mail import FailureMailer
from .jobs.interface_edit import InterfaceEditor
from .jobs.quiet_gc import collections_held_back, freeze_startup_heap, thaw_heap
from .jobs.run_import import ImportRunner
from .jobs.run_now import ManualRun
from .jobs.scheduler_thread import SchedulerThread
from .jobs.user_session import UserSession
from .store.audit import AuditLog
from .store.db import Database, DatabaseError
from .store.interfaces import InterfaceRepository
from .store.last_runs import last_runs
from .store.lease import RunLease
from .store.secrets import SecretStore
from .store.users import UserRepository
from .ui.login_dialog import log_in_at_start
from .ui.main_window import MainWindow
from .ui.ops import error_text
from .ui.resources import APP_ICON, icon_file
from .ui.translations import choose_language, install_translators, remove_translators
from .ui.tray import RunTray

log = logging.getLogger(__name__)

BRANCH_SETTING = "workstation/branch"  # this computer's branch (Filiale), if it has one


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
    """The main window on ``editor``'s database and keyring; tests inject their own.

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
    runner = ImportRunner(db, secrets, mailer=FailureMailer(db, secrets), lease=lease)

    def run(name: str, trigger: str, slot_at, stop) -> str:
        # The loop's cancel means "stop": finish the current file, then end the run.
        with collections_held_back():  # a full collection would stall the GUI (quiet_gc.py)
            result = runner.run(name, trigger=trigger, slot_at=slot_at, stop_after_file=stop)
        return result.status.value

    branch = str(settings.value(BRANCH_SETTING, "") or "").strip() or None
    scheduler = SchedulerThread(
        db, run, this_computer=QSysInfo.machineHostName(), this_branch=branch, lease=lease
    )
    return scheduler, ManualRun(runner)


def _last_statuses(db: Database) -> dict[str, str]:
    names = {stored.id: stored.settings.name for stored in InterfaceRepository(db).list()}
    return {names[i]: run.status for i, run in last_runs(db).items() if i in names}


def run_gui(
    paths: AppPaths,
    lang: str | None = None,
    *,
    smoke: bool = False,
    secrets: SecretStore | None = None,
) -> int:
    """Run the desktop program until its window closes; returns the exit code.

    ``smoke``: open the main window, let it paint once, and exit 0 (checks a bundle).
    ``secrets``: the keyring to use (the demo may bring its own).
    """
    setup_logging(paths)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    icon = icon_file(APP_ICON)
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    language = choose_language(lang)
    QLocale.setDefault(
        QLocale(QLocale.Language.German if language == "de" else QLocale.Language.English)
    )
    translators = install_translators(app, language)
    app.setApplicationDisplayName(QCoreApplication.translate("App", "Accounting import"))
    try:
        try:
            db = Database(paths.db_url)
        except DatabaseError as exc:
            log.error("cannot open the database: %s", exc)
            QMessageBox.critical(
                None,
                QCoreApplication.translate("App", "Database"),
                error_text(exc, language),
            )
            return 1
        log.info("desktop program started on %s", db.display_url)
        settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        user: User | None = None  # the smoke run only checks that the window opens
        if not smoke:
            user = log_in_at_start(UserRepository(db), AuditLog(db))
            if user is None:
                log.info("no one logged in: the program ends")
                return 0
        editor = InterfaceEditor(InterfaceRepository(db), secrets or SecretStore())
        try:
            scheduler, manual_run = build_runs(db, editor.secrets, settings)
            window = build_main_window(
                editor,
                settings,
                language,
                scheduler=scheduler,
                manual_run=manual_run,
                session=UserSession.open(db, editor.secrets, user),
            )
            tray = RunTray(window, load_last_statuses=lambda: _last_statuses(db))
            connect_tray(tray, window, scheduler)
            freeze_startup_heap()  # full collections then skip it: shorter GUI stalls
            scheduler.start()
            try:
                window.show()
                if smoke:
                    # Quit from inside the event loop: the window has been shown and painted.
                    QTimer.singleShot(0, lambda: app.exit(0 if window.isVisible() else 1))
                return app.exec()
            finally:
                _stop_runs(scheduler, window)
                tray.hide()
                thaw_heap()
        finally:
            db.dispose()
    finally:
        remove_translators(app, translators)


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


def _stop_runs(scheduler: SchedulerThread, window: MainWindow) -> None:
    """On quit: every run finishes the file it is booking, then stops."""
    log.info("stopping: the running imports finish their current file first")
    runs = window.run_controller
    if runs is not None and not runs.stop():
        log.warning("the manual run did not end in time")
    if not scheduler.stop(abort=True):
        log.warning("the scheduler did not end in time")
