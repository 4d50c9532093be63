"""The windows the main window opens from its menus: Datei importieren, Rechnungen, the
SMTP server, Einstellungen, Handbuch and Tastenkürzel. Each is imported when first
opened, not at start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

# ``QtCore.Qt`` where used: see main_window (its enums are built on first use).
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from .import_preview_dialog import ImportPreviewDialog
    from .invoices_view import InvoicesView
    from .main_window import MainWindow
    from .smtp_dialog import SmtpDialog


def open_import_preview(window: MainWindow) -> ImportPreviewDialog:
    """Datei importieren…: preview a local payment file, then book it or not."""
    from .import_preview_dialog import ImportPreviewDialog

    session = window.session
    assert session is not None  # only an attached window has the ledger actions
    dialog = ImportPreviewDialog(window.ledger_jobs(), window.lang, parent=window)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_invoices(window: MainWindow) -> InvoicesView:
    """Rechnungen (not modal): one view, shown again and re-read on each call."""
    from .invoices_view import InvoicesView

    view = window.findChild(InvoicesView)
    if view is None:
        view = InvoicesView(
            window.queries(), window.lang, parent=window, changes=window.change_signal
        )
    else:
        view.reload()
    _raise(view)
    return view


def open_smtp_dialog(window: MainWindow) -> SmtpDialog:
    """The SMTP-Postausgangsserver dialog (window-modal); administrators reach it from
    Verwaltung and from the form's hint."""
    from .smtp_dialog import SmtpDialog

    assert window.administration is not None
    dialog = SmtpDialog(window.smtp_jobs(), window.lang, parent=window)
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
        dialog = HandbookDialog(window)
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
