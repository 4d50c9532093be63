"""Starting the desktop program: the Qt application, its language, and the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .config import APP_AUTHOR, APP_NAME, AppPaths, setup_logging
from .jobs.interface_edit import InterfaceEditor
from .store.db import Database, DatabaseError
from .store.interfaces import InterfaceRepository
from .store.secrets import SecretStore
from .ui.main_window import MainWindow
from .ui.ops import error_text
from .ui.resources import APP_ICON, icon_file
from .ui.translations import choose_language, install_translators, remove_translators

log = logging.getLogger(__name__)


def build_main_window(
    editor: InterfaceEditor,
    settings: QSettings,
    lang: str = "de",
    *,
    host_name: str | None = None,
) -> MainWindow:
    """The main window on ``editor``'s database and keyring; tests inject their own.

    ``settings`` holds window geometry only; ``host_name`` defaults to this computer's.
    """
    return MainWindow(editor, settings, lang, host_name=host_name)


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
        editor = InterfaceEditor(InterfaceRepository(db), secrets or SecretStore())
        try:
            window = build_main_window(editor, settings, language)
            window.show()
            if smoke:
                # Quit from inside the event loop: the window has been shown and painted.
                QTimer.singleShot(0, lambda: app.exit(0 if window.isVisible() else 1))
            return app.exec()
        finally:
            db.dispose()
    finally:
        remove_translators(app, translators)
