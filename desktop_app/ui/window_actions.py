"""The main window's actions and menus, from one table: each action's text, tooltip and
the window's method it calls. The actions are the window's attributes (``save_action``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

# ``QtCore.Qt`` where used: see window_panels (its enums are built on first use).
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from ..tr_noop import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from .main_window import MainWindow

CONTEXT = "MainWindow"  # the translations' context, as when these lived in the window


@dataclass(frozen=True)
class ActionSpec:
    attribute: str  # the window's attribute, e.g. "save_action"
    text: str  # untranslated, with its mnemonic
    slot: str  # the window's method it calls (without arguments)
    tooltip: str = ""


ACTIONS = (
    ActionSpec("save_action", QT_TRANSLATE_NOOP("MainWindow", "&Save"), "save"),
    ActionSpec(
        "smtp_action",
        QT_TRANSLATE_NOOP("MainWindow", "SMTP &outgoing mail server …"),
        "open_smtp_dialog",
        QT_TRANSLATE_NOOP("MainWindow", "The server that sends the failure reports."),
    ),
    ActionSpec(
        "settings_action",
        QT_TRANSLATE_NOOP("MainWindow", "Se&ttings …"),
        "open_settings",
        QT_TRANSLATE_NOOP("MainWindow", "The language of the program, among others."),
    ),
    ActionSpec(
        "logout_action",
        QT_TRANSLATE_NOOP("MainWindow", "Log &out"),
        "log_out",
        QT_TRANSLATE_NOOP("MainWindow", "Back to the login; someone else may log in."),
    ),
    ActionSpec("quit_action", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), "close"),
    ActionSpec(
        "new_action",
        QT_TRANSLATE_NOOP("MainWindow", "&New"),
        "new_interface",
        QT_TRANSLATE_NOOP("MainWindow", "Set up a new interface."),
    ),
    ActionSpec(
        "duplicate_action",
        QT_TRANSLATE_NOOP("MainWindow", "D&uplicate"),
        "duplicate_selected",
        QT_TRANSLATE_NOOP(
            "MainWindow", "Copy the selected interface (inactive, without its password)."
        ),
    ),
    ActionSpec(
        "delete_action",
        QT_TRANSLATE_NOOP("MainWindow", "&Delete"),
        "delete_selected",
        QT_TRANSLATE_NOOP("MainWindow", "Delete the selected interface."),
    ),
    ActionSpec(  # its text follows the interface shown (set_toggle_text)
        "toggle_action",
        QT_TRANSLATE_NOOP("MainWindow", "On/off"),
        "toggle_selected_enabled",
    ),
    ActionSpec(
        "find_action",
        QT_TRANSLATE_NOOP("MainWindow", "&Find"),
        "focus_search",
        QT_TRANSLATE_NOOP("MainWindow", "Search the interface list."),
    ),
    ActionSpec(
        "refresh_action",
        QT_TRANSLATE_NOOP("MainWindow", "R&efresh"),
        "refresh",
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Read the interfaces, their last runs and your rights again, as other computers"
            " left them (Ctrl+R).",
        ),
    ),
    ActionSpec(
        "import_file_action",
        QT_TRANSLATE_NOOP("MainWindow", "&Import file …"),
        "open_import_preview",
    ),
    ActionSpec("invoices_action", QT_TRANSLATE_NOOP("MainWindow", "In&voices"), "open_invoices"),
    ActionSpec(
        "cases_action",
        QT_TRANSLATE_NOOP("MainWindow", "Payments to &clarify"),
        "open_cases",
        QT_TRANSLATE_NOOP("MainWindow", "Payments that no booking has placed yet."),
    ),
    ActionSpec(
        "run_now_action",
        QT_TRANSLATE_NOOP("MainWindow", "&Run now"),
        "run_selected_now",
        QT_TRANSLATE_NOOP("MainWindow", "Run the selected interface now, in the background (F5)."),
    ),
    ActionSpec(
        "history_action",
        QT_TRANSLATE_NOOP("MainWindow", "&History …"),
        "show_selected_history",
        QT_TRANSLATE_NOOP("MainWindow", "The past runs of the selected interface."),
    ),
    ActionSpec(
        "shortcuts_action",
        QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts …"),
        "show_shortcuts",
    ),
    ActionSpec(
        "handbook_action",
        QT_TRANSLATE_NOOP("MainWindow", "&Manual …"),
        "show_handbook",
        QT_TRANSLATE_NOOP("MainWindow", "The fields, the import types and the checks."),
    ),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def create_actions(window: MainWindow) -> None:
    """Every action of ``ACTIONS`` as ``window``'s attribute, calling its method."""
    for spec in ACTIONS:
        action = QAction(_tr(spec.text), window)
        if spec.tooltip:
            action.setToolTip(_tr(spec.tooltip))
        slot = getattr(window, spec.slot)
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        setattr(window, spec.attribute, action)
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.logout_action.setVisible(False)  # until someone logged in
    window.run_now_action.setVisible(False)  # until ``attach`` brings a runner
    # Hovered in the menu, the status bar says what it reads.
    window.refresh_action.setStatusTip(window.refresh_action.toolTip())
    window.list_actions = (
        window.new_action,
        window.duplicate_action,
        window.delete_action,
        window.toggle_action,
    )  # in the menu and as buttons under the list
    window.run_actions = (window.run_now_action, window.history_action)
    # The ledger by hand: book a local payment file, look at the invoices and the payments
    # no booking placed.
    window.ledger_actions = (window.import_file_action, window.invoices_action, window.cases_action)


def create_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addAction(window.save_action)
    file_menu.addSeparator()
    file_menu.addAction(window.settings_action)
    file_menu.addSeparator()
    file_menu.addAction(window.logout_action)
    file_menu.addAction(window.quit_action)
    interface_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Interface"))
    interface_menu.addActions([*window.list_actions, window.find_action, window.refresh_action])
    interface_menu.addSeparator()
    interface_menu.addAction(window.run_now_action)
    interface_menu.addAction(window.history_action)
    ledger_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Ledger"))
    ledger_menu.addActions(list(window.ledger_actions))
    window.help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    window.help_menu.addAction(window.handbook_action)
    window.help_menu.addAction(window.shortcuts_action)


def set_shortcuts(window: MainWindow) -> None:
    """Set in ``attach``, not with the actions: ``setShortcut`` builds PySide's ``Qt``
    enums (see window_panels), and until ``attach`` only Quit works anyway."""
    window.save_action.setShortcut(QKeySequence.StandardKey.Save)
    window.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    window.new_action.setShortcut(QKeySequence.StandardKey.New)
    window.run_now_action.setShortcut(QKeySequence("F5"))
    window.find_action.setShortcut(QKeySequence.StandardKey.Find)
    # Not StandardKey.Refresh: that is F5 on some platforms, and F5 is "Jetzt ausführen".
    window.refresh_action.setShortcut(QKeySequence("Ctrl+R"))
    window.handbook_action.setShortcut(QKeySequence.StandardKey.HelpContents)
    # Del deletes only from the list (and its button): in a field it deletes a character.
    window.delete_action.setShortcut(QKeySequence.StandardKey.Delete)


def shortcut_rows(window: MainWindow) -> list[tuple[QKeySequence | str, str]]:
    """What Hilfe → Tastenkürzel lists: the actions' own keys, then the fixed ones."""
    rows: list[tuple[QKeySequence | str, str]] = [
        (action.shortcut(), action.text().replace("&", ""))
        for action in (
            window.handbook_action,
            window.find_action,
            window.new_action,
            window.save_action,
            window.delete_action,
            window.run_now_action,
            window.refresh_action,
            window.quit_action,
        )
        if not action.shortcut().isEmpty() and action.isVisible()
    ]
    return [
        *rows,
        (
            QKeySequence(QtCore.Qt.Key.Key_Escape),
            QCoreApplication.translate(
                "MainWindow", "Empty the search; close a dialog (not the login)"
            ),
        ),
        (
            QCoreApplication.translate("MainWindow", "Alt + underlined letter"),
            QCoreApplication.translate("MainWindow", "Go to that field or menu"),
        ),
        (
            QCoreApplication.translate("MainWindow", "Tab, Shift+Tab"),
            QCoreApplication.translate("MainWindow", "Next, previous field"),
        ),
        (
            QCoreApplication.translate("MainWindow", "Arrow keys"),
            QCoreApplication.translate("MainWindow", "Choose another interface in the list"),
        ),
    ]


def enable_attached(window: MainWindow, attached: bool) -> None:
    """Before ``attach`` only Quit (and the settings, the help) work."""
    for action in (
        *window.list_actions,
        window.find_action,
        window.refresh_action,
        *window.run_actions,
    ):
        action.setEnabled(attached)
    for action in window.ledger_actions:
        action.setEnabled(attached)
    window.save_action.setEnabled(False)
    if attached:
        window.update_actions()


def update_actions(window: MainWindow) -> None:
    """What may be done now, with what the form shows and whether a write runs."""
    form = window.form
    if form is None:
        return  # before ``attach`` everything but Quit stays disabled
    current, busy = window.editing.current, window.editing.busy
    selected = current is not None and not busy
    window.duplicate_action.setEnabled(selected)
    window.delete_action.setEnabled(selected)
    window.toggle_action.setEnabled(selected)
    window.new_action.setEnabled(not busy)
    window.refresh_action.setEnabled(not busy)  # the write re-reads when it is done
    window.run_now_action.setEnabled(selected and window.run_controller is not None)
    window.history_action.setEnabled(selected)
    # Where the search hides every interface the form is not there to save.
    window.save_action.setEnabled(form.can_save() and not busy and not window.editing.shows_nothing)
    set_toggle_text(window, None if current is None else current.settings.enabled)
    window.setWindowModified(form.is_dirty())


def set_toggle_text(window: MainWindow, enabled: bool | None) -> None:
    """Aktivieren or Deaktivieren, as the interface shown is (``enabled`` None: none is
    shown, a new one or none at all; the disabled button then promises neither)."""
    if enabled is None:
        text = QCoreApplication.translate("MainWindow", "On/off")
        tooltip = QCoreApplication.translate(
            "MainWindow", "Stop or resume the automatic runs of the selected interface."
        )
    elif enabled:
        text = QCoreApplication.translate("MainWindow", "Deactivate")
        tooltip = QCoreApplication.translate(
            "MainWindow", "Stop the automatic runs of this interface."
        )
    else:
        text = QCoreApplication.translate("MainWindow", "Activate")
        tooltip = QCoreApplication.translate(
            "MainWindow", "Let this interface run automatically again."
        )
    window.toggle_action.setText(text)
    window.toggle_action.setToolTip(tooltip)
