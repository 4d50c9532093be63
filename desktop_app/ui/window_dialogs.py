"""The windows the main window opens from its menus: Datei importieren, Rechnungen, the
SMTP server, Einstellungen, Handbuch and Tastenkürzel. Each is imported when first
opened, not at start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

# ``QtCore.Qt`` where used: see window_panels (its enums are built on first use).
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from ..jobs.changes import Change
from .changes import refresh_on

if TYPE_CHECKING:
    from ..jobs.file_import import LocalFileImport
    from ..jobs.smtp_setup import SmtpSetup
    from .cases_view import CasesView
    from .import_preview_dialog import ImportPreviewDialog
    from .invoices_view import InvoicesView
    from .main_window import MainWindow
    from .smtp_dialog import SmtpDialog


def _ledger_jobs(window: MainWindow) -> LocalFileImport:
    """Datei importieren as the logged-in user (audited under their name)."""
    from ..jobs.window_jobs import file_import_for

    assert window.session is not None
    return file_import_for(window.base_editor, window.session)


def _smtp_jobs(window: MainWindow) -> SmtpSetup:
    """The SMTP server, its saves audited as the logged-in user."""
    from ..jobs.window_jobs import smtp_setup_for

    assert window.session is not None
    return smtp_setup_for(window.base_editor, window.session)


def open_import_preview(window: MainWindow) -> ImportPreviewDialog:
    """Datei importieren…: preview a local payment file, then book it or not."""
    from .import_preview_dialog import ImportPreviewDialog

    session = window.session
    assert session is not None  # only an attached window has the ledger actions
    dialog = ImportPreviewDialog(_ledger_jobs(window), window.lang, parent=window)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_invoices(window: MainWindow) -> InvoicesView:
    """Rechnungen (not modal): one view, shown again and re-read on each call."""
    from .invoices_view import InvoicesView

    view = window.findChild(InvoicesView)
    if view is None:
        view = InvoicesView(
            window.queries(),
            window.lang,
            parent=window,
            changes=window.change_signal,
            desk=window.case_desk,
        )
    else:
        view.reload()
    _raise(view)
    return view


def open_cases(window: MainWindow, run_id: int | None = None) -> CasesView:
    """Buchhaltung → Klärungsfälle (not modal): one view; ``run_id``: the cases of one
    run (from the run window and the history)."""
    from .cases_view import CasesView

    view = window.findChild(CasesView)
    if view is None:
        view = CasesView(window.case_desk, window.lang, parent=window, run_id=run_id)
        # A run opens cases; the view's own changes it re-reads itself.
        refresh_on(window.change_signal, (Change.RUNS,), view.reload)
    elif run_id is not None:
        view.show_run(run_id)
    else:
        view.reload()
    _raise(view)
    return view


def open_smtp_dialog(window: MainWindow) -> SmtpDialog:
    """The SMTP-Postausgangsserver dialog (window-modal); administrators reach it from
    Verwaltung and from the form's hint."""
    from .admin_dialogs import mark_admin_dialog
    from .smtp_dialog import SmtpDialog

    assert window.administration is not None
    dialog = SmtpDialog(_smtp_jobs(window), window.lang, parent=window)
    mark_admin_dialog(dialog)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    window.administration.watch_smtp_dialog(dialog)  # its eye button; its saves audited
    dialog.open()
    return dialog


def open_settings(window: MainWindow) -> QDialog:
    """Datei → Einstellungen (also before the data is there: it needs none)."""
    from .settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window.lang, window)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    saved = QCoreApplication.translate(
        "MainWindow", "Saved; the language applies when the program starts next."
    )
    dialog.accepted.connect(lambda: window.statusBar().showMessage(saved, 10000))
    dialog.open()
    return dialog


def show_handbook(window: MainWindow) -> QDialog:
    """Hilfe → Handbuch (F1): one window, raised again when already open."""
    from .handbook_dialog import HandbookDialog

    dialog = window.findChild(HandbookDialog)
    if dialog is None:
        dialog = HandbookDialog(window, window.lang)
    _raise(dialog)
    return dialog


def show_shortcuts(window: MainWindow) -> QDialog:
    from .shortcuts_dialog import ShortcutsDialog
    from .window_actions import shortcut_rows

    dialog = ShortcutsDialog(shortcut_rows(window), window)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _raise(dialog: QDialog) -> None:
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
