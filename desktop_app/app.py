"""Starting the desktop program: the Qt application, its language, and the main window.

The window paints first; the database, SQLAlchemy, the jobs and the dialogs load on a
worker thread behind it (``gui_runtime``), so the program is on screen about as fast as
an empty Qt window (bench/startup.py measures it). This module therefore imports nothing
heavy at its top.
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings, QThreadPool
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from .config import (
    APP_AUTHOR,
    APP_NAME,
    AppPaths,
    DatabaseFolderMissing,
    is_new_sqlite_database,
    setup_logging,
)
from .jobs.stop_signals import stop_signals_call
from .language import start_language
from .resources import APP_ICON, icon_file
from .ui.gui_collector import GuiCollector
from .ui.main_window import MainWindow
from .ui.ops import Op, error_text
from .ui.signal_wakeup import SignalWakeup
from .ui.translations import install_translators, remove_translators

if TYPE_CHECKING:
    from .domain.users import User
    from .gui_runtime import Backend, Runtime
    from .jobs.user_session import LoginAttempt
    from .store.secrets import SecretStore
    from .ui.login_dialog import LoginDialog

log = logging.getLogger(__name__)

START_WAIT_SECONDS = 120  # on quit during the start-up: how long its worker may still take
BACKGROUND_WAIT_MS = 2_000  # on quit: how long reads still running may take


def run_gui(
    paths: AppPaths,
    lang: str | None = None,
    *,
    smoke: bool = False,
    secrets: SecretStore | None = None,
) -> int:
    """Run the desktop program until its window closes; returns the exit code.

    ``smoke``: start everything without a login, let the window paint, and exit 0
    (checks a bundle). ``secrets``: the keyring to use (the demo may bring its own).
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    icon = icon_file(APP_ICON)
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    language = start_language(lang, settings)
    QLocale.setDefault(
        QLocale(QLocale.Language.German, QLocale.Country.Germany)
        if language == "de"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    translators = install_translators(app, language)
    app.setApplicationDisplayName(QCoreApplication.translate("App", "Accounting import"))
    collector = GuiCollector()  # garbage Qt objects must die on this thread (gui_collector)
    collector.start()
    try:
        window = MainWindow(None, settings, language)
        start = _Start(app, window, paths, settings, language, smoke=smoke, secrets=secrets)
        window.first_painted.connect(start.begin)
        window.show()

        def on_stop_signal(name: str) -> None:
            log.info("received %s: cancelling the runs, then quitting", name)
            start.cancel_runs()
            app.exit(0)

        wakeup = SignalWakeup()  # Ctrl+C and SIGTERM must reach Python while Qt waits
        try:
            with stop_signals_call(on_stop_signal):
                return app.exec()
        finally:
            wakeup.close()
            start.stop()
            window.hide()  # a quit from the start-up leaves it open; nothing may show it
    finally:
        collector.stop()
        remove_translators(app, translators)


class _Start(QObject):
    """Opens the database behind the painted window, then hands over to ``Runtime``.

    The login dialog shows at once over the painted window, while the database opens;
    only its check waits for the database. A first start (no database file yet) asks for
    the first administrator instead, once the database exists."""

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        paths: AppPaths,
        settings: QSettings,
        lang: str,
        *,
        smoke: bool,
        secrets: SecretStore | None,
    ):
        super().__init__(window)
        self._app = app
        self._window = window
        self._paths = paths
        self._settings = settings
        self._lang = lang
        self._smoke = smoke
        self._secrets = secrets
        self._worker_done = threading.Event()
        self._opened: list[Backend] = []  # by the worker, even if the loop ended meanwhile
        self._runtime: Runtime | None = None
        self._begun = False
        self._open_error: Exception | None = None
        self._early_login = False  # the login was asked for while the database opened
        self._login: LoginDialog | None = None  # that dialog, while it is open
        self._logged_in: User | None = None

    def begin(self) -> None:
        """Once, after the first paint (``MainWindow.first_painted`` fires only once)."""
        self._begun = True
        # Only now: its rotating handler costs 10 ms of imports the first paint need not
        # wait for, and nothing before it logs.
        setup_logging(self._paths)
        # Before the worker starts: it creates the file of a first start, and a login
        # asked for then would come before the first administrator exists.
        first_start = is_new_sqlite_database(self._paths.db_url)
        Op(self._open, parent=self._window).success(self._hand_over).failure(
            self._failed
        ).run_in_background()
        if not self._smoke and not first_start:
            self._ask_login()

    def _open(self) -> Backend:
        """On the worker thread: the heavy imports, then the database."""
        try:
            from .gui_runtime import open_backend

            backend = open_backend(self._paths, self._secrets, login=not self._smoke)
            self._opened.append(backend)
            return backend
        except Exception as exc:
            self._open_error = exc  # the login's check, waiting, says it too
            raise
        finally:
            self._worker_done.set()

    def _ask_login(self) -> None:
        """The login dialog over the painted window, before the database is open."""
        from .ui.login_dialog import LoginDialog

        self._window.set_start_notice(QCoreApplication.translate("App", "Please log in."))
        dialog = LoginDialog(self._check_login, self._window)
        dialog.finished.connect(self._login_finished)
        self._early_login, self._login = True, dialog
        dialog.open()

    def _check_login(self, name: str, password: str) -> LoginAttempt:
        """On a pool thread: the check, once the worker has opened the database."""
        self._worker_done.wait()
        if not self._opened:
            raise self._open_error or RuntimeError("the database was not opened")
        from .gui_runtime import check_login

        return check_login(self._opened[0], name, password)

    def _login_finished(self, result: int) -> None:
        dialog, self._login = self._login, None
        if dialog is None:
            return  # withdrawn: the first administrator is asked for instead
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            log.info("no one logged in: the program ends")
            self._app.exit(0)
            return
        self._logged_in = dialog.user
        # The keyboard goes back to the window, also where no window manager hands it on.
        self._window.activateWindow()
        if self._runtime is not None:
            self._runtime.start(dialog.user)

    def _withdraw_login(self) -> None:
        """Close the login dialog without an answer (no users yet, or no database)."""
        dialog, self._login = self._login, None
        self._early_login = False
        if dialog is not None:
            dialog.blockSignals(True)
            dialog.close()
            dialog.deleteLater()

    def _hand_over(self, backend: Backend) -> None:
        from .gui_runtime import Runtime

        if not self._window.isVisible():
            return  # closed while the database opened: ``stop`` closes it again
        if self._login is not None and backend.first_admin_needed:
            self._withdraw_login()  # a database without users: its first administrator
        self._runtime = Runtime(
            self._window, backend, self._settings, smoke=self._smoke, exit_with=self._app.exit
        )
        if not self._early_login:
            self._runtime.start()
        elif self._logged_in is not None:
            self._runtime.start(self._logged_in)
        # else the login dialog, still open, starts it once the user is in

    def _failed(self, exc: Exception) -> None:
        """The start-up failed: say so in German, then end with code 1."""
        self._withdraw_login()
        if getattr(exc, "message_de", None):  # ours: it says what to do
            log.error("cannot start: %s", exc, exc_info=exc)
            title = (
                QCoreApplication.translate("App", "Database")
                if _is_database_error(exc)
                else QCoreApplication.translate("App", "Start-up")
            )
            text = error_text(exc, self._lang)
        else:  # a bug or a broken installation (a module missing from a bundle)
            log.error("the start-up failed", exc_info=exc)
            title = QCoreApplication.translate("App", "Start-up")
            text = QCoreApplication.translate(
                "App",
                "The program could not be started ({kind}). The details are in the log "
                "file {path}.",
            ).format(kind=type(exc).__name__, path=self._paths.log_file)
        QMessageBox.critical(self._window, title, text)
        self._app.exit(1)

    def cancel_runs(self) -> None:
        """On Ctrl+C or SIGTERM: every run stops at its next safe point, as on Cancel."""
        if self._runtime is not None:
            self._runtime.cancel_runs()

    def stop(self) -> None:
        """After the event loop: stop the runs, then close the database."""
        if self._runtime is not None:
            self._runtime.stop()
        if self._begun and not self._worker_done.wait(START_WAIT_SECONDS):
            log.warning("the start-up did not end in time")
        # Reads still running (the list, the run modules) finish before the database closes.
        if not QThreadPool.globalInstance().waitForDone(BACKGROUND_WAIT_MS):
            log.warning("background work did not end in time")
        for backend in self._opened:
            backend.db.dispose()


def _is_database_error(exc: Exception) -> bool:
    if isinstance(exc, DatabaseFolderMissing):
        return True
    try:
        from .store.db import DatabaseError
    except ImportError:  # the failure may have been this very import
        return False
    return isinstance(exc, DatabaseError)
