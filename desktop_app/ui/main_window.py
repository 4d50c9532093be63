"""The main window, "Schnittstellen suchen": the interface list beside the form.

It owns the flow between them: which interface is shown, asking before unsaved changes
are lost, and running every write through ``Op`` so the keyring (which may wait for an
unlock prompt) never blocks the GUI thread.
"""

from __future__ import annotations

import enum
import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

# ``QtCore.Qt``, not ``from PySide6.QtCore import Qt``: PySide builds the Qt namespace's
# hundred enums on first use (15 ms), and the first paint does not need them.
from PySide6 import QtCore
from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    QSysInfo,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QPaintEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .interface_columns import LAST_RUN, NAME, NEXT_RUN
from .ops import Op, error_text

if TYPE_CHECKING:
    from ..domain.users import User
    from ..jobs.interface_edit import InterfaceEditor
    from ..jobs.run_now import ManualRun
    from ..jobs.scheduler_thread import SchedulerThread
    from ..jobs.user_session import UserSession
    from ..store.interfaces import StoredInterface
    from .history_view import HistoryDialog
    from .import_preview_dialog import ImportPreviewDialog
    from .interface_form import InterfaceForm
    from .invoices_view import InvoicesView
    from .run_progress import RunNowController, RunProgressDialog
    from .smtp_dialog import SmtpDialog

# The window paints first and gets its data later (``attach``): what needs the database,
# SQLAlchemy or the jobs is imported where it is first used, not here, so that the first
# paint does not wait for them (issue 7, bench/startup.py). ``load_deferred_modules``
# imports them off the GUI thread while the start-up opens the database.
DEFERRED_MODULES = (
    "desktop_app.domain.validation",
    "desktop_app.jobs.change_audit",
    "desktop_app.jobs.user_session",
    "desktop_app.store.interfaces",
    "desktop_app.store.last_runs",
    "desktop_app.store.secrets",
    "desktop_app.store.smtp_store",
    "desktop_app.ui.administration",
    "desktop_app.ui.case_status",
    "desktop_app.ui.cases_view",
    "desktop_app.ui.history_view",
    "desktop_app.ui.import_preview_dialog",
    "desktop_app.ui.interface_form",
    "desktop_app.ui.interface_list_model",
    "desktop_app.ui.invoices_view",
    "desktop_app.ui.run_progress",
    "desktop_app.ui.smtp_dialog",
    "desktop_app.ui.workstation",
)


def load_deferred_modules() -> None:
    """Import what ``attach`` and the menus need; for a worker thread at start-up."""
    for name in DEFERRED_MODULES:
        importlib.import_module(name)


log = logging.getLogger(__name__)

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
SPLITTER_KEY = "main_window/splitter"
LIST_HEADER_KEY = "main_window/list_header"
DEFAULT_SIZE = (1240, 760)  # fits a 1280x800 screen with room for a task bar
LIST_WIDTH_RANGE = (300, 560)  # the list's share of a default split


class UnsavedChoice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class MainWindow(QMainWindow):
    """Built in two steps, so that it can paint before the database is open: the window
    itself (menus, an empty list, a start-up notice where the form goes), then ``attach``
    with the editor and the logged-in user. Given an ``editor`` it attaches at once."""

    attached = Signal()  # the list and the form are there: the window can be used
    first_painted = Signal()  # once, after the first frame: time to load the rest

    def __init__(
        self,
        editor: InterfaceEditor | None,
        settings: QSettings,
        lang: str = "de",
        host_name: str | None = None,
        parent: QWidget | None = None,
        *,
        scheduler: SchedulerThread | None = None,
        manual_run: ManualRun | None = None,
        session: UserSession | None = None,
    ):
        """``scheduler`` and ``manual_run`` are optional so that tests of the list and the
        form need neither; without ``manual_run`` there is no "Jetzt ausführen"."""
        super().__init__(parent)
        self.session: UserSession | None = None
        self.reveal_access: UserSession | None = None  # what every password field asks
        self.form: InterfaceForm | None = None
        self.administration = None
        self.run_controller: RunNowController | None = None
        self._scheduler: SchedulerThread | None = None
        self._settings = settings
        self._lang = lang
        self._host_name = host_name
        self._current: StoredInterface | None = None  # what the form shows, as stored
        self._hidden_by_filter: str | None = None  # shown until the search hid it
        self._busy = False
        self._close_requested = False
        self._syncing_selection = False
        self._splitter_restored = False
        self._painted = False

        self.setWindowTitle(self.tr("Search interfaces") + "[*]")
        self._create_actions()
        self._create_run_actions()
        self._create_menus()
        # Until ``attach`` the window says what the program is doing, centred.
        self.start_notice: QLabel | None = QLabel(self.tr("The program is starting …"))
        self.start_notice.setObjectName("startNotice")
        self.setCentralWidget(_centred(self.start_notice))
        self._restore_window_state()
        self._set_attached_enabled(False)
        if editor is not None:
            self.attach(editor, scheduler=scheduler, manual_run=manual_run, session=session)

    @property
    def is_attached(self) -> bool:
        """True once the list and the form work on the database (``attach``)."""
        return self.form is not None

    def set_start_notice(self, text: str) -> None:
        """What the start-up does now (before ``attach``)."""
        if self.start_notice is not None:
            self.start_notice.setText(text)

    def attach(
        self,
        editor: InterfaceEditor,
        *,
        scheduler: SchedulerThread | None = None,
        manual_run: ManualRun | None = None,
        session: UserSession | None = None,
    ) -> None:
        """Give the window its data: the editor's database and keyring, and who works.

        ``session`` None: no login (tests, the smoke run): no administration, no eye
        button, changes audited as the OS account like the CLI.
        """
        from ..jobs.user_session import UserSession
        from .interface_form import InterfaceForm
        from .interface_list_model import InterfaceFilterModel, InterfaceListModel
        from .run_progress import RunNowController
        from .workstation import WorkstationBranch

        if self.form is not None:
            raise RuntimeError("the main window is attached already")
        self._base_editor = editor
        self._repository = editor.repository
        self._scheduler = scheduler
        self.run_controller = RunNowController(manual_run, self) if manual_run else None
        self.run_now_action.setVisible(manual_run is not None)
        if manual_run is not None:
            self._interface_menu.insertAction(self.history_action, self.run_now_action)

        self.workstation = WorkstationBranch(
            self._settings,
            self._host_name or QSysInfo.machineHostName(),
            scheduler=scheduler,
            parent=self,
        )
        self._use_session(session or UserSession.open(editor.repository.db, editor.secrets, None))

        self._model = InterfaceListModel(self._lang, self)
        self._proxy = InterfaceFilterModel(self)
        self._proxy.setSourceModel(self._model)
        form = InterfaceForm(self._lang, self._host_name, editor=editor)
        form.saveRequested.connect(lambda: self.save())
        form.discardRequested.connect(self.discard)
        form.dirtyChanged.connect(self._on_dirty_changed)
        form.set_setup_allowed(self.session.is_admin)
        form.addMandantRequested.connect(
            lambda: self.administration.add_mandant_in_place(form.check_mandant)
        )
        form.addBranchRequested.connect(
            lambda: self.administration.add_branch_in_place(form.choose_branch)
        )
        form.smtpSetupRequested.connect(self.open_smtp_dialog)
        self.form = form
        self.splitter = QSplitter(QtCore.Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self._build_list_panel())
        self.splitter.addWidget(form)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)  # deletes the start notice
        form.set_tab_order_after(self._last_list_control)
        self.start_notice = None
        self.user_label = QLabel(self._user_text())
        self.user_label.setObjectName("loggedInUser")
        self.branch_label = QLabel()
        self.branch_label.setObjectName("workstationBranch")
        self.branch_label.setToolTip(
            self.tr("Interfaces restricted to another branch do not run on this computer.")
        )
        self._show_branch(self.workstation.branch())
        self.workstation.changed.connect(self._show_branch)
        self.statusBar().addPermanentWidget(self.branch_label)
        self.statusBar().addPermanentWidget(self.user_label)
        from .case_status import CaseCountLabel

        self.case_count = CaseCountLabel(self.case_desk, self)
        self.case_count.activated.connect(lambda: self.open_cases())
        self.statusBar().addPermanentWidget(self.case_count)
        self._restore_list_header()
        self._set_shortcuts()
        self._set_attached_enabled(True)

        self.reload_list()
        if not self._header_restored:
            header = self.view.horizontalHeader()
            # Next and last run beside the name: what a user watching the runs looks for.
            header.moveSection(header.visualIndex(NEXT_RUN), 1)
            header.moveSection(header.visualIndex(LAST_RUN), 2)
        self._connect_runs()
        self.case_count.refresh()
        first = self._proxy.index(0, NAME)
        self._show(self._name_at(first) if first.isValid() else None)
        if self.isVisible():
            # Show and lay out the new splitter now (Qt would show it only from the event
            # loop): the default split is measured on its width and the loaded form.
            self.splitter.show()
            self.layout().activate()
            self._restore_splitter()
        self.attached.emit()

    def _set_attached_enabled(self, attached: bool) -> None:
        """Before ``attach`` only Quit works."""
        for action in (*self._list_actions, *self._run_actions, *self._ledger_actions):
            action.setEnabled(attached)
        self.save_action.setEnabled(False)
        if attached:
            self._update_actions()

    # --- building -------------------------------------------------------------------------

    def _create_actions(self) -> None:
        self.save_action = QAction(self.tr("&Save"), self)
        self.save_action.triggered.connect(lambda: self.save())  # not save(checked)
        self.smtp_action = QAction(self.tr("SMTP &outgoing mail server …"), self)
        self.smtp_action.setToolTip(self.tr("The server that sends the failure reports."))
        self.smtp_action.triggered.connect(self.open_smtp_dialog)
        self.settings_action = QAction(self.tr("Se&ttings …"), self)
        self.settings_action.setToolTip(self.tr("The language of the program, among others."))
        self.settings_action.triggered.connect(self.open_settings)
        self.logout_action = QAction(self.tr("Log &out"), self)
        self.logout_action.setToolTip(self.tr("Back to the login; someone else may log in."))
        self.logout_action.triggered.connect(self.log_out)
        self.logout_action.setVisible(False)  # until someone logged in
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.new_action = QAction(self.tr("&New"), self)
        self.new_action.setToolTip(self.tr("Set up a new interface."))
        self.new_action.triggered.connect(self.new_interface)
        self.duplicate_action = QAction(self.tr("D&uplicate"), self)
        self.duplicate_action.setToolTip(
            self.tr("Copy the selected interface (inactive, without its password).")
        )
        self.duplicate_action.triggered.connect(self.duplicate_selected)
        self.delete_action = QAction(self.tr("&Delete"), self)
        self.delete_action.setToolTip(self.tr("Delete the selected interface."))
        self.delete_action.triggered.connect(self.delete_selected)
        self.toggle_action = QAction(self.tr("Deactivate"), self)
        self.toggle_action.triggered.connect(self.toggle_selected_enabled)
        # In the menu and as buttons under the list.
        self._list_actions = (
            self.new_action,
            self.duplicate_action,
            self.delete_action,
            self.toggle_action,
        )
        # The ledger by hand: book a local payment file, look at the invoices.
        self.import_file_action = QAction(self.tr("&Import file …"), self)
        self.import_file_action.triggered.connect(self.open_import_preview)
        self.invoices_action = QAction(self.tr("In&voices"), self)
        self.invoices_action.triggered.connect(self.open_invoices)
        self.cases_action = QAction(self.tr("Payments to &clarify"), self)
        self.cases_action.setToolTip(self.tr("Payments that no booking has placed yet."))
        self.cases_action.triggered.connect(lambda: self.open_cases())
        self._ledger_actions = (self.import_file_action, self.invoices_action, self.cases_action)
        self.find_action = QAction(self.tr("&Find"), self)
        self.find_action.setToolTip(self.tr("Search the interface list."))
        self.find_action.triggered.connect(self.focus_search)
        self._list_actions = (*self._list_actions, self.find_action)
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts …"), self)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.handbook_action = QAction(self.tr("&Manual …"), self)
        self.handbook_action.setToolTip(self.tr("The fields, the import types and the checks."))
        self.handbook_action.triggered.connect(self.show_handbook)

    def _set_shortcuts(self) -> None:
        # Set in ``attach``, not with the actions: ``setShortcut`` builds PySide's ``Qt``
        # enums (see top), and until ``attach`` only Quit works anyway.
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.run_now_action.setShortcut(QKeySequence("F5"))
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.handbook_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        # Del deletes only from the list (and its button): in a field it deletes a character.
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(self.delete_action)
        escape = QShortcut(QKeySequence(QtCore.Qt.Key.Key_Escape), self.search_edit)
        escape.setContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._leave_search)

    def _create_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.logout_action)
        file_menu.addAction(self.quit_action)
        interface_menu = self.menuBar().addMenu(self.tr("&Interface"))
        interface_menu.addActions(list(self._list_actions))
        interface_menu.addSeparator()
        interface_menu.addAction(self.history_action)  # "Jetzt ausführen": ``attach``
        self._interface_menu = interface_menu
        ledger_menu = self.menuBar().addMenu(self.tr("&Ledger"))
        ledger_menu.addActions(list(self._ledger_actions))
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.handbook_action)
        self.help_menu.addAction(self.shortcuts_action)

    def open_import_preview(self) -> ImportPreviewDialog:
        """Datei importieren…: preview a local payment file, then book it or not."""
        from .import_preview_dialog import ImportPreviewDialog
        from .invoices_view import InvoicesView

        audit = self.session.change_audit if self.session is not None else None
        dialog = ImportPreviewDialog(self._repository.db, self._lang, parent=self, audit=audit)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        # An open invoices view shows the new bookings at once.
        dialog.booked.connect(lambda: [view.reload() for view in self.findChildren(InvoicesView)])
        dialog.booked.connect(self.ledger_changed)
        dialog.open()
        return dialog

    def case_desk(self):
        """The Klärungsfälle's jobs, acting as whoever is logged in now."""
        from ..jobs.case_desk import CaseActor, CaseDesk

        user = self.session.user if self.session is not None else None
        return CaseDesk(self._repository.db, CaseActor.of_user(user))

    def open_cases(self, run_id: int | None = None):
        """Buchhaltung → Klärungsfälle (not modal): one view; ``run_id``: the cases of one
        run (from the run window and the history)."""
        from .cases_view import CasesView

        view = self.findChild(CasesView)
        if view is None:
            view = CasesView(self.case_desk, self._lang, parent=self, run_id=run_id)
            view.changed.connect(self.ledger_changed)
        elif run_id is not None:
            view.show_run(run_id)
        else:
            view.reload()
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def ledger_changed(self) -> None:
        """Bookings or cases changed: the count and the open ledger views follow."""
        from .invoices_view import InvoicesView

        if hasattr(self, "case_count"):
            self.case_count.refresh()
        for view in self.findChildren(InvoicesView):
            view.reload()

    def open_invoices(self) -> InvoicesView:
        """Rechnungen (not modal): one view, shown again and re-read on each call."""
        from .invoices_view import InvoicesView

        view = self.findChild(InvoicesView)
        if view is None:
            view = InvoicesView(self._repository.db, self._lang, parent=self, desk=self.case_desk)
            view.changed.connect(self.ledger_changed)
        else:
            view.reload()
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def _build_list_panel(self) -> QWidget:
        from .widgets.hint_table_view import HintTableView  # after the first paint (see top)

        panel = QWidget()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search name, branch, computer, import type"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.workstation_filter_check = QCheckBox(self.tr("With workstation settings"))
        self.workstation_filter_check.setToolTip(
            self.tr("Show only interfaces that are bound to a workstation.")
        )
        self.workstation_filter_check.toggled.connect(self._on_workstation_filter_changed)

        self.view = HintTableView()
        self.view.setObjectName("interfaceList")
        self.view.setModel(self._proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One tab stop: Tab leaves the list, the arrow keys move inside it.
        self.view.setTabKeyNavigation(False)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(NAME, QtCore.Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)

        buttons = QHBoxLayout()
        for action in self._list_actions[:-1]:  # not "Suchen": the field is above
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        run_buttons = QHBoxLayout()  # a row of their own: one row would not fit the list
        for action in (a for a in self._run_actions if a.isVisible()):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
            run_buttons.addWidget(button)
        self._last_list_control = button  # Tab goes on from here to the form
        run_buttons.addStretch(1)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.workstation_filter_check)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addLayout(run_buttons)
        return panel

    # --- the keyboard -------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+F: into the search field, its text selected to be typed over."""
        self.search_edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _leave_search(self) -> None:
        # Esc empties the search; in an empty one it goes back to the list.
        if self.search_edit.text():
            self.search_edit.clear()
        else:
            self.view.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def shortcut_rows(self) -> list[tuple[QKeySequence | str, str]]:
        """What Hilfe → Tastenkürzel lists: the actions' own keys, then the fixed ones."""
        rows: list[tuple[QKeySequence | str, str]] = [
            (action.shortcut(), action.text().replace("&", ""))
            for action in (
                self.handbook_action,
                self.find_action,
                self.new_action,
                self.save_action,
                self.delete_action,
                self.run_now_action,
                self.quit_action,
            )
            if not action.shortcut().isEmpty() and action.isVisible()
        ]
        return [
            *rows,
            (QKeySequence(QtCore.Qt.Key.Key_Escape), self.tr("Empty the search; close a dialog")),
            (self.tr("Alt + underlined letter"), self.tr("Go to that field or menu")),
            (self.tr("Tab, Shift+Tab"), self.tr("Next, previous field")),
            (self.tr("Arrow keys"), self.tr("Choose another interface in the list")),
        ]

    def open_settings(self) -> QDialog:
        """Datei → Einstellungen (also before the data is there: it needs none)."""
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._settings, self._lang, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        saved = self.tr("Saved; the language applies when the program starts next.")
        dialog.accepted.connect(lambda: self.statusBar().showMessage(saved, 10000))
        dialog.open()
        return dialog

    def show_handbook(self) -> None:
        """Hilfe → Handbuch (F1): one window, raised again when already open."""
        from .handbook_dialog import HandbookDialog

        dialog = self.findChild(HandbookDialog)
        if dialog is None:
            dialog = HandbookDialog(self)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.handbook_dialog = dialog

    def show_shortcuts(self) -> None:
        from .shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.shortcut_rows(), self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.shortcuts_dialog = dialog

    # --- questions to the user (overridable, so tests can answer them) ---------------------

    def ask_unsaved_changes(self) -> UnsavedChoice:
        assert self.form is not None  # only an attached window has changes
        name = self.form.original_name
        text = (
            self.tr("The interface “{name}” has unsaved changes.").format(name=name)
            if name is not None
            else self.tr("The new interface has not been saved.")
        )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"), text, parent=self)
        box.setInformativeText(self.tr("Do you want to save the changes?"))
        save = box.addButton(self.tr("Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return UnsavedChoice.SAVE
        if clicked is discard:
            return UnsavedChoice.DISCARD
        return UnsavedChoice.CANCEL

    def confirm_outside_window(self, name: str) -> bool:
        """Asked once before "Jetzt ausführen" between 22:00 and 06:00."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Run now"),
            self.tr(
                "It is outside 06:00 to 22:00, when maintenance work may run and no import "
                "runs on its own. Run “{name}” now anyway?"
            ).format(name=name),
            parent=self,
        )
        run = box.addButton(self.tr("Run anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(run)
        box.exec()
        return box.clickedButton() is run

    def confirm_delete(self, name: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete interface"),
            self.tr("Really delete the interface “{name}”?").format(name=name),
            parent=self,
        )
        box.setInformativeText(self.tr("Its stored password is deleted from the keyring, too."))
        yes = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.YesRole)
        no = box.addButton(self.tr("Do not delete"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no)  # a slip of the Enter key must not delete anything
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Error"), text)

    # --- state that tests and callers read -------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while a write runs in the background."""
        return self._busy

    def visible_names(self) -> list[str]:
        """The names the list shows now, in its order."""
        return [
            self._name_at(self._proxy.index(r, NAME)) or "" for r in range(self._proxy.rowCount())
        ]

    def select_interface(self, name: str) -> None:
        """Select ``name`` in the list, as a click would (asks about unsaved changes)."""
        row = self._model.row_of(name)
        if row is None:
            raise KeyError(name)
        index = self._proxy.mapFromSource(self._model.index(row, NAME))
        self.view.setCurrentIndex(index)

    # --- the list --------------------------------------------------------------------------

    def reload_list(self) -> None:
        if not self.is_attached:
            return
        interfaces = self._repository.list()
        self._change_list(lambda: self._model.set_interfaces(interfaces))
        if self._scheduler is not None:
            # Every save, delete, enable and duplicate ends here: the scheduler re-reads.
            self._scheduler.interfaces_changed()

    def _name_at(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        source = self._proxy.mapToSource(index)
        return self._model.interface_at(source.row()).settings.name

    def _sync_selection(self) -> None:
        """Make the list select what the form shows (nothing for a new interface)."""
        self._syncing_selection = True
        try:
            selection = self.view.selectionModel()
            row = self._model.row_of(self._current.settings.name) if self._current else None
            index = (
                self._proxy.mapFromSource(self._model.index(row, NAME))
                if row is not None
                else QModelIndex()
            )
            if index.isValid():
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.view.scrollTo(index)
            else:
                selection.clear()
        finally:
            self._syncing_selection = False

    def _on_search_changed(self, text: str) -> None:
        self._change_list(lambda: self._proxy.set_search(text))

    def _on_workstation_filter_changed(self, on: bool) -> None:
        self._change_list(lambda: self._proxy.set_workstation_only(on))

    def _change_list(self, change: Callable[[], None]) -> None:
        """Change what the list shows, then select what the form shows again."""
        # Reloading or hiding the selected row moves Qt's current index; that is not the
        # user choosing another interface.
        self._syncing_selection = True
        try:
            change()
        finally:
            self._syncing_selection = False
        self._sync_selection()
        self._follow_filter()
        self._update_list_hint()

    def _follow_filter(self) -> None:
        """A search that hides the interface shown clears the form (so Löschen and Jetzt
        ausführen act on nothing unseen); one that shows it again brings it back. Unsaved
        changes stay in the form either way."""
        if self.form is None or self.form.is_dirty() or self._busy:
            return
        current, hidden = self._current, self._hidden_by_filter
        if current is not None and not self._is_listed(current.settings.name):
            self._show_stored(None)
            self._hidden_by_filter = current.settings.name
        elif current is None and hidden is not None and self._is_listed(hidden):
            self._show(hidden)

    def _is_listed(self, name: str) -> bool:
        row = self._model.row_of(name)
        return row is not None and self._proxy.mapFromSource(self._model.index(row, NAME)).isValid()

    def _update_list_hint(self) -> None:
        """What the empty list says: how to start, or that the search found nothing."""
        if self._model.rowCount() == 0:
            hint = self.tr(
                "No interface is set up yet.\nFill in the form on the right and save it; "
                "“New” (Ctrl+N) starts another one."
            )
        else:
            hint = self.tr("No interface matches the search or the filter.")
        self.view.set_empty_hint(hint)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_selection or self.form is None:
            return
        name = self._name_at(current)
        if name is None or name == self.form.original_name:
            return
        self._with_clean_form(lambda: self._show(name), on_cancel=self._sync_selection)

    # --- showing an interface ----------------------------------------------------------------

    def _show(self, name: str | None) -> None:
        """Load the stored interface ``name`` (None: a new one) into the form."""
        from ..store.interfaces import InterfaceNotFound

        stored = self._repository.find(name) if name is not None else None
        if name is not None and stored is None:
            self.statusBar().showMessage(InterfaceNotFound(name).message_de, 8000)
            self.reload_list()
        self._show_stored(stored)

    def _show_stored(self, stored: StoredInterface | None) -> None:
        from ..store.secrets import ftp_key

        assert self.form is not None
        self._current = stored
        self._hidden_by_filter = None  # another choice: no going back to the hidden one
        catalog = self._repository.catalog
        self.form.set_choices(
            catalog.branch_names(),
            catalog.mandant_names(),
            catalog.chain_options().open_item_guards,
        )
        self.form.load(stored)
        self.form.password_field.set_secret(  # the eye button's keyring entry and audit name
            ftp_key(stored.uid) if stored is not None else None,
            stored.settings.name if stored is not None else "",
        )
        self.setWindowModified(False)
        self._sync_selection()
        self._update_actions()

    def _update_actions(self) -> None:
        if self.form is None:
            return  # before ``attach`` everything but Quit stays disabled
        selected = self._current is not None and not self._busy
        self.duplicate_action.setEnabled(selected)
        self.delete_action.setEnabled(selected)
        self.toggle_action.setEnabled(selected)
        self.new_action.setEnabled(not self._busy)
        self.run_now_action.setEnabled(selected and self.run_controller is not None)
        self.history_action.setEnabled(selected)
        self.save_action.setEnabled(self.form.can_save() and not self._busy)
        enabled = self._current is not None and self._current.settings.enabled
        self.toggle_action.setText(self.tr("Deactivate") if enabled else self.tr("Activate"))
        self.toggle_action.setToolTip(
            self.tr("Stop the automatic runs of this interface.")
            if enabled
            else self.tr("Let this interface run automatically again.")
        )

    def _on_dirty_changed(self, dirty: bool) -> None:
        self.setWindowModified(dirty)
        self._update_actions()

    def _with_clean_form(
        self, then: Callable[[], None], on_cancel: Callable[[], None] | None = None
    ) -> None:
        """Run ``then`` once the form has no unsaved changes: saved, discarded or none."""
        if self.form is None:
            return
        if not self.form.is_dirty():
            then()
            return
        choice = self.ask_unsaved_changes()
        if choice is UnsavedChoice.SAVE:
            self.save(after=then, on_cancel=on_cancel)
        elif choice is UnsavedChoice.DISCARD:
            then()
        elif on_cancel is not None:
            on_cancel()

    # --- actions -----------------------------------------------------------------------------

    def new_interface(self) -> None:
        self._with_clean_form(lambda: self._show_stored(None))

    def discard(self) -> None:
        if self.form is not None:
            self._show(self.form.original_name)

    def save(
        self,
        after: Callable[[], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        """Check the form; if it passes, save it (and its password) in the background."""
        from ..domain.validation import ftp_password_problems

        if self._busy or self.form is None:
            return
        settings = self.form.settings()
        original_name = self.form.original_name
        password = self.form.password_change()
        problems = self._repository.problems(settings, original_name)
        if isinstance(password, str):
            problems += ftp_password_problems(password)
        if problems:
            self.form.show_problems(problems)
            if on_cancel is not None:
                on_cancel()
            return
        trusted = self.form.pending_trusted_fingerprint()  # from the Test of a new interface
        editor = self._editor

        def work() -> StoredInterface:
            stored = editor.save(settings, original_name=original_name, password=password)
            if trusted is None:
                return stored
            editor.repository.set_trusted_fingerprint(stored.settings.name, trusted)
            return editor.repository.get(stored.settings.name)

        def saved(stored: StoredInterface) -> None:
            self.reload_list()
            self._show_stored(stored)
            self.form.set_status(self.tr("Saved."))
            if after is not None:
                after()

        def failed(exc: Exception) -> None:
            self._save_failed(exc)
            if on_cancel is not None:
                on_cancel()

        self.form.set_status(self.tr("Saving …"))
        self._run(work, saved, failed)

    def _save_failed(self, exc: Exception) -> None:
        from ..domain.validation import ValidationError
        from ..store.secrets import KeyringUnavailable, SecretStoreError

        assert self.form is not None
        if isinstance(exc, ValidationError):  # the data changed since the check above
            self.form.show_problems(list(exc.problems))
            return
        if isinstance(exc, SecretStoreError):
            # Nothing was saved; the typed values, the password included, stay in the form.
            # Said once, next to the password, with what to do; the status points there.
            self.form.set_status(
                self.tr("Not saved: the password could not be stored (see Password)."),
                error=True,
            )
            self.form.show_password_problem(
                error_text(exc, self._lang), without_keyring=isinstance(exc, KeyringUnavailable)
            )
        else:
            self.form.set_status(self.tr("Not saved."), error=True)
            self._report_error(exc)

    def duplicate_selected(self) -> None:
        name = self.form.original_name if self.form is not None else None
        if name is None or self._busy:
            return
        editor = self._editor

        def duplicated(copy: StoredInterface) -> None:
            self.reload_list()
            self._show_stored(copy)
            self.statusBar().showMessage(
                self.tr("Copy “{name}” created: inactive and without password.").format(
                    name=copy.settings.name
                ),
                8000,
            )

        self._with_clean_form(lambda: self._run(lambda: editor.duplicate(name), duplicated))

    def delete_selected(self) -> None:
        name = self.form.original_name if self.form is not None else None
        if name is None or self._busy or not self.confirm_delete(name):
            return
        editor = self._editor

        def deleted(_result: None) -> None:
            self.reload_list()
            self._show_stored(None)
            self.statusBar().showMessage(
                self.tr("Interface “{name}” deleted.").format(name=name), 8000
            )

        self._run(lambda: editor.delete(name), deleted)

    def toggle_selected_enabled(self) -> None:
        if self._current is None or self._busy:
            return
        name = self._current.settings.name
        enable = not self._current.settings.enabled
        editor = self._editor

        def work() -> StoredInterface:
            return editor.set_enabled(name, enable)

        def toggled(stored: StoredInterface) -> None:
            self.reload_list()
            self._show_stored(stored)

        self._with_clean_form(lambda: self._run(work, toggled))

    def open_smtp_dialog(self) -> SmtpDialog:
        """The SMTP-Postausgangsserver dialog (window-modal; anyone may open it until the
        user rights of a later issue arrive)."""
        from ..store.smtp_store import SmtpStore
        from .smtp_dialog import SmtpDialog

        assert self.form is not None and self.administration is not None
        dialog = SmtpDialog(
            SmtpStore(self._repository.db), self._editor.secrets, self._lang, parent=self
        )
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _settings: self.form.refresh_smtp_state())
        self.administration.watch_smtp_dialog(dialog)  # its eye button; its saves audited
        dialog.open()
        return dialog

    # --- runs: "Jetzt ausführen", the history, what the scheduler says -----------------------

    def _create_run_actions(self) -> None:
        self._run_dialog: RunProgressDialog | None = None
        self._history_dialogs: dict[int, HistoryDialog] = {}
        self.run_now_action = QAction(self.tr("&Run now"), self)
        self.run_now_action.setToolTip(
            self.tr("Run the selected interface now, in the background (F5).")
        )
        self.run_now_action.triggered.connect(self.run_selected_now)
        self.run_now_action.setVisible(False)  # until ``attach`` brings a runner
        self.history_action = QAction(self.tr("&History …"), self)
        self.history_action.setToolTip(self.tr("The past runs of the selected interface."))
        self.history_action.triggered.connect(self.show_selected_history)
        self._run_actions = (self.run_now_action, self.history_action)

    def _connect_runs(self) -> None:
        self.view.doubleClicked.connect(lambda _index: self.show_selected_history())
        model = self._model
        if self.run_controller is not None:
            runs = self.run_controller
            runs.started.connect(lambda name: model.set_running(name, True))
            runs.finished.connect(lambda name, _result: self._manual_run_ended(name))
            runs.crashed.connect(lambda name, _message: self._manual_run_ended(name))
        if self._scheduler is not None:
            scheduler = self._scheduler
            scheduler.next_runs_changed.connect(model.set_next_runs)
            # Published after every run and re-plan: a good moment to re-read the last runs
            # too (they may come from another computer of the chain).
            scheduler.next_runs_changed.connect(lambda _runs: self.refresh_last_runs())
            scheduler.stale_changed.connect(model.set_stale)
            scheduler.run_started.connect(lambda name, _trigger: model.set_running(name, True))
            scheduler.run_finished.connect(lambda name, _status: self._run_ended(name))
            scheduler.error.connect(lambda message: self.statusBar().showMessage(message, 30000))
        self.refresh_last_runs()

    def refresh_last_runs(self) -> None:
        """Read every interface's last run in the background into the list."""
        from ..store.last_runs import last_runs

        db = self._repository.db

        def failed(exc: Exception) -> None:
            log.warning("last runs not read: %s", exc)
            self.statusBar().showMessage(
                self.tr("The last runs could not be read: {detail}").format(
                    detail=error_text(exc, self._lang)
                ),
                15000,
            )

        Op(lambda: last_runs(db), parent=self).success(self._show_last_runs).failure(
            failed
        ).run_in_background()

    def _show_last_runs(self, runs: dict) -> None:
        self._model.set_last_runs(runs)  # the list fits its columns to the new texts

    def _run_ended(self, name: str) -> None:
        self._model.set_running(name, False)
        self.refresh_last_runs()
        self.case_count.refresh()
        for dialog in self._history_dialogs.values():
            if dialog.interface.settings.name == name and dialog.isVisible():
                dialog.reload()

    def _manual_run_ended(self, name: str) -> None:
        self._run_ended(name)
        if self._scheduler is not None:
            # The run changed the schedule state (last success, failures): re-read it.
            self._scheduler.interfaces_changed()

    def run_selected_now(self) -> None:
        """ "Jetzt ausführen" for the selected interface, as stored (unsaved changes first)."""
        runs = self.run_controller
        if runs is None or self._current is None or self._busy:
            return
        if runs.running_name is not None:
            # A second click starts no second run; it shows the one that runs.
            if self._run_dialog is not None:
                self._run_dialog.show()
                self._run_dialog.raise_()
                self._run_dialog.activateWindow()
            return
        self._with_clean_form(self._start_run)

    def _start_run(self) -> None:
        runs = self.run_controller
        if runs is None or self._current is None:
            return
        from .run_progress import RunProgressDialog

        name = self._current.settings.name  # after a save it may have a new name
        # The run itself refuses the hours of maintenance unless the user said yes here.
        force = runs.run.outside_window()
        if force and not self.confirm_outside_window(name):
            return
        if self._run_dialog is not None:
            self._run_dialog.deleteLater()
        dialog = RunProgressDialog(runs, name, self)
        dialog.historyRequested.connect(self.show_history)
        dialog.casesRequested.connect(self.open_cases)
        self._run_dialog = dialog
        if runs.start(name, force=force):
            dialog.show()

    @property
    def run_dialog(self) -> RunProgressDialog | None:
        """The progress window of the last "Jetzt ausführen" (tests read it)."""
        return self._run_dialog

    def show_selected_history(self) -> None:
        if self._current is not None:
            self.show_history(self._current.settings.name)

    def show_history(self, name: str) -> HistoryDialog | None:
        """The history window of ``name``: one per interface, refreshed when shown again."""
        from ..store.interfaces import InterfaceNotFound
        from .history_view import HistoryDialog

        stored = self._repository.find(name)
        if stored is None:
            self.statusBar().showMessage(InterfaceNotFound(name).message_de, 8000)
            return None
        dialog = self._history_dialogs.get(stored.id)
        if dialog is None:
            dialog = HistoryDialog(self._repository.db, stored, self)
            dialog.casesRequested.connect(self.open_cases)
            self._history_dialogs[stored.id] = dialog
        elif not dialog.loading:
            dialog.reload()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # --- the logged-in user ---------------------------------------------------------------

    def _use_session(self, session: UserSession) -> None:
        """Who works now: the audit of every change, the Verwaltung menu, the eye."""
        from ..jobs.change_audit import AuditedInterfaceEditor
        from .administration import Administration
        from .widgets.password_field import PasswordField

        self.session = session
        self.reveal_access = session
        self._editor = AuditedInterfaceEditor.wrap(self._base_editor, session.change_audit)
        self.workstation.set_audit(session.change_audit)
        if self.administration is not None:
            self.administration.uninstall()
        self.administration = Administration(
            self, session, catalog_changed=self._catalog_changed, workstation=self.workstation
        )
        self.administration.install(self.menuBar(), self.logout_action, self.help_menu.menuAction())
        if self.administration.menu is not None:
            # PRODUCT.md §4: an administrator sets the SMTP server up, nobody else.
            self.administration.menu.addSeparator()
            self.administration.menu.addAction(self.smtp_action)
        self.logout_action.setVisible(session.user is not None)
        if self.form is not None:
            self.case_count.refresh()
            self.user_label.setText(self._user_text())
            self.form.set_setup_allowed(session.is_admin)
            for field in self.findChildren(PasswordField):
                field.update_reveal_button()

    def log_out(self) -> None:
        """Datei → Abmelden: back to the login; whoever logs in works in this window."""
        if self.session is None or self.session.user is None or self._busy:
            return
        self._with_clean_form(self._log_out_now)

    def _log_out_now(self) -> None:
        session = self.session
        assert session is not None
        for dialog in self.findChildren(QDialog):
            dialog.close()  # the next user sees none of what this one had open
        self.form.password_field.set_revealed(False)
        Op(session.log_out, parent=self).failure(
            lambda exc: log.error("logout not audited: %s", type(exc).__name__)
        ).run_in_background()
        central = self.centralWidget()
        central.hide()  # nothing to read while nobody is logged in
        self.statusBar().showMessage(self.tr("Logged out."))
        user = self.ask_login(session)
        if user is None:
            self.close()
            return
        self._use_session(session.for_user(user))
        central.show()
        self.statusBar().showMessage(self.tr("Logged in as {name}.").format(name=user.name), 8000)

    def ask_login(self, session: UserSession) -> User | None:
        """The login dialog over this window; None when the user quits (tests answer)."""
        from .login_dialog import LoginDialog

        dialog = LoginDialog(session.users, session.audit_log, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        user = dialog.user if accepted else None
        dialog.deleteLater()
        return user

    def _user_text(self) -> str:
        user = self.session.user if self.session is not None else None
        if user is None:
            return self.tr("Not logged in")
        group = self.tr("Administrators") if user.is_admin else self.tr("Staff")
        return self.tr("Logged in: {name} ({group})").format(name=user.name, group=group)

    def _show_branch(self, branch: str | None) -> None:
        self.branch_label.setText(
            self.tr("Branch: {name}").format(name=branch) if branch else self.tr("No branch")
        )

    def _catalog_changed(self) -> None:
        """New, renamed or deleted branches or Mandanten: the form offers them at once,
        keeping what was typed (a clean form shows the interface as stored again)."""
        if self.form is None or self._busy:
            return
        if not self.form.is_dirty():
            self._show(self.form.original_name)
            return
        catalog = self._repository.catalog
        self.form.set_choices(catalog.branch_names(), catalog.mandant_names())

    # --- running writes in the background ----------------------------------------------------

    def _run(
        self,
        work: Callable[[], Any],
        success: Callable[[Any], None],
        failure: Callable[[Exception], None] | None = None,
    ) -> None:
        self._set_busy(True)

        def succeeded(result: Any) -> None:
            self._set_busy(False)
            success(result)
            self._close_if_requested()

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            (failure or self._report_error)(exc)
            self._close_if_requested()

        Op(work, parent=self).success(succeeded).failure(failed).run_in_background()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if self.form is not None:
            self.form.set_busy(busy)
        self.view.setEnabled(not busy)
        self._update_actions()

    def _report_error(self, exc: Exception) -> None:
        from ..store.interfaces import InterfaceNotFound

        if isinstance(exc, InterfaceNotFound):
            self.reload_list()  # someone else deleted it; the list should say so too
        else:
            log.error("operation failed", exc_info=exc)
        detail = error_text(exc, self._lang)
        self.show_error(self.tr("The operation failed: {detail}").format(detail=detail))

    def _close_if_requested(self) -> None:
        if self._close_requested:
            self._close_requested = False
            QTimer.singleShot(0, self.close)

    # --- closing and remembering the window ---------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            # A keyring prompt may still be open; close once the save has finished.
            self._close_requested = True
            self.statusBar().showMessage(self.tr("Closing after the current save …"))
            event.ignore()
            return
        if self.form is not None and self.form.is_dirty():
            choice = self.ask_unsaved_changes()
            if choice is UnsavedChoice.CANCEL:
                event.ignore()
                return
            if choice is UnsavedChoice.SAVE:
                event.ignore()
                self.save(after=self.close)
                return
        self._save_window_state()
        event.accept()

    def _save_window_state(self) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(STATE_KEY, self.saveState())
        # Closed before ``attach``: the split and the columns were never set up; what they
        # were saved as last time stays.
        if self._splitter_restored:
            self._settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        if self.is_attached:
            self._settings.setValue(LIST_HEADER_KEY, self.view.horizontalHeader().saveState())
        self._settings.sync()

    def _restore_window_state(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            available = self.screen().availableGeometry()
            self.resize(
                min(DEFAULT_SIZE[0], available.width()), min(DEFAULT_SIZE[1], available.height())
            )
        state = self._settings.value(STATE_KEY)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def _restore_list_header(self) -> None:
        header = self._settings.value(LIST_HEADER_KEY)
        self._header_restored = isinstance(
            header, QByteArray
        ) and self.view.horizontalHeader().restoreState(header)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Queued: the children of this frame are drawn and it is flushed first.
            QTimer.singleShot(0, self.first_painted.emit)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Only now has the splitter its real width; restored earlier, its sizes would be
        # stretched again when the window takes its size.
        self._restore_splitter()

    def _restore_splitter(self) -> None:
        """The saved split, else the default one (once ``attach`` built the splitter)."""
        if self._splitter_restored or self.form is None:
            return
        splitter = self._settings.value(SPLITTER_KEY)
        if isinstance(splitter, QByteArray) and self.splitter.restoreState(splitter):
            self._splitter_restored = True
        else:
            self._splitter_restored = True
            self.splitter.setSizes(self._default_split())

    def _default_split(self) -> list[int]:
        """The form gets the width its two columns need; the list the rest. Where that
        leaves the list too little (a 1024 pixel screen), the form goes to one column and
        the list gets the room it would have had."""
        total = sum(self.splitter.sizes())
        low, high = LIST_WIDTH_RANGE
        assert self.form is not None
        list_width = total - self.form.width_without_scrolling()
        if list_width < low:
            list_width = total - self.form.width_in_one_column()
        list_width = max(low, min(high, list_width))
        return [list_width, max(0, total - list_width)]


def _centred(widget: QWidget) -> QWidget:
    """``widget`` in the middle of a page (stretches, no ``Qt`` alignment flags: see top)."""
    page = QWidget()
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    column = QVBoxLayout(page)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(1)
    return page
