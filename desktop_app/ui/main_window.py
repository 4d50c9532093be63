"""The main window, "Schnittstellen suchen": the interface list beside the form.

It is the frame around its rooms: how it comes to its data (``window_attach``), the list
beside the form (``window_panels``), the list (``interface_list_panel``), the flow between
them (``interface_editing``), the runs (``run_actions``), who works at it
(``window_session``), what it remembers (``window_state``), its actions and menus and what
they allow now (``window_actions``), what it asks (``window_questions``), the windows it
opens (``window_dialogs``) and how it closes (``window_closing``). It never reads the
database itself: every read and write goes to the jobs through ``Op``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QWidget

from . import window_attach, window_dialogs, window_panels, window_questions, window_session
from .window_actions import create_actions, create_menus, enable_attached, update_actions
from .window_closing import WindowClosing
from .window_questions import UnsavedChoice
from .window_state import WindowState, default_split

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QMenu, QSplitter

    from ..domain.users import User
    from ..jobs.case_desk import CaseDesk
    from ..jobs.interface_edit import InterfaceEditor
    from ..jobs.run_now import ManualRun
    from ..jobs.scheduler_thread import SchedulerThread
    from ..jobs.user_session import UserSession
    from ..jobs.view_queries import ViewQueries
    from .administration import Administration
    from .case_status import CaseCountLabel
    from .cases_view import CasesView
    from .changes import ChangeSignal
    from .history_view import HistoryDialog
    from .import_preview_dialog import ImportPreviewDialog
    from .interface_editing import InterfaceEditing
    from .interface_form import InterfaceForm
    from .interface_list_panel import InterfaceListPanel
    from .invoices_view import InvoicesView
    from .run_actions import RunActions
    from .run_progress import RunNowController, RunProgressDialog
    from .smtp_dialog import SmtpDialog
    from .widgets.connection_banner import ConnectionBanner
    from .widgets.hint_table_view import HintTableView
    from .window_refresh import WindowRefresh
    from .window_rights import RightsFollower
    from .workstation import WorkstationBranch

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Built in two steps, so that it can paint before the database is open: the window
    itself (menus and a start-up notice where the list and form go), then ``attach`` with
    the editor and the logged-in user; the list and the form then show a loading state
    until their data arrives. Given an ``editor`` it attaches at once."""

    attached = Signal()  # the list and the form are there: the window can be used
    filled = Signal()  # their first data arrived
    first_painted = Signal()  # once, after the first frame: time to load the rest

    # Made elsewhere: the actions from window_actions.ACTIONS (``save_action``, …, and the
    # groups ``list_actions``, ``run_actions``, ``ledger_actions``), the status labels
    # ``user_label``, ``branch_label`` and ``case_count`` by window_session.
    editing: InterfaceEditing  # the list and the form working together (``attach``)
    splitter: QSplitter  # the list beside the form (``window_panels``)
    banner: ConnectionBanner  # over them, when the database connection is lost
    nothing_shown_label: QLabel  # instead of the form when the search hides every row
    save_action: QAction
    smtp_action: QAction
    settings_action: QAction
    logout_action: QAction
    quit_action: QAction
    new_action: QAction
    duplicate_action: QAction
    delete_action: QAction
    toggle_action: QAction
    find_action: QAction
    refresh_action: QAction
    import_file_action: QAction
    invoices_action: QAction
    cases_action: QAction
    run_now_action: QAction
    history_action: QAction
    shortcuts_action: QAction
    handbook_action: QAction
    list_actions: tuple[QAction, ...]
    run_actions: tuple[QAction, ...]
    ledger_actions: tuple[QAction, ...]
    help_menu: QMenu
    user_label: QLabel
    rights: RightsFollower  # the user's group as it is now (``attach``)
    workstation: WorkstationBranch  # this computer's branch (``attach``)
    branch_label: QLabel
    case_count: CaseCountLabel

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
        self.settings = settings
        self.lang = lang
        self._host_name = host_name
        self.session: UserSession | None = None
        self.reveal_access: UserSession | None = None  # what every password field asks
        self.form: InterfaceForm | None = None
        self.panel: InterfaceListPanel | None = None
        self.administration: Administration | None = None
        self.runs: RunActions | None = None
        self.change_signal: ChangeSignal | None = None
        self.refresher: WindowRefresh | None = None  # what keeps the window current (attach)
        self._painted = False
        self._filled = False

        self.setWindowTitle(self.tr("Search interfaces") + "[*]")
        create_actions(self)
        create_menus(self)
        # Until ``attach`` the window says what the program is doing, centred.
        self.start_notice: QLabel | None = QLabel(self.tr("The program is starting …"))
        self.start_notice.setObjectName("startNotice")
        self.setCentralWidget(window_panels.centred(self.start_notice))
        self._state = WindowState(self, settings)
        self._state.restore_window()
        self.closing = WindowClosing(self, self._state)
        enable_attached(self, False)
        if editor is not None:
            self.attach(editor, scheduler=scheduler, manual_run=manual_run, session=session)

    # --- attaching to the data --------------------------------------------------------------

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
        The list and the form are there at once; their data is read in the background.

        ``session`` None: no login (tests, the smoke run): no administration, no eye
        button, changes audited as the OS account like the CLI.
        """
        from ..jobs.window_jobs import queries_for

        if self.form is not None:
            raise RuntimeError("the main window is attached already")
        self.base_editor = editor
        self._queries = queries_for(editor)
        window_attach.attach(self, self._state, self._host_name, scheduler, manual_run, session)
        if self.isVisible():
            window_panels.lay_out_now(self)
            self._restore_splitter()
        self.attached.emit()

    def attach_runs(self, scheduler: SchedulerThread | None, manual_run: ManualRun | None) -> None:
        """The runs, given at ``attach`` or, at start-up, once the run pipeline has loaded
        behind the usable window (``window_panels.connect_runs``)."""
        window_panels.connect_runs(self, scheduler, manual_run)

    def refresh(self) -> None:
        """Read again what the window shows (Aktualisieren, the banner's retry, the window
        becoming active again after a while, its timer)."""
        if self.refresher is not None:
            self.refresher.refresh()

    def mark_filled(self) -> None:
        """The list's first data arrived."""
        if not self._filled:
            self._filled = True
            self.filled.emit()

    def update_actions(self) -> None:
        """What may be done now, with what the form shows and whether a write runs."""
        update_actions(self)

    # --- the jobs the views need -------------------------------------------------------------

    def queries(self) -> ViewQueries:
        return self._queries

    # --- what the menus and the buttons do ----------------------------------------------------

    def save(self, after=None, on_cancel=None) -> None:
        """Check the form; if it passes, save it (and its password) in the background."""
        if self.is_attached:
            self.editing.save(after=after, on_cancel=on_cancel)

    def discard(self) -> None:
        if self.is_attached:
            self.editing.discard()

    def new_interface(self) -> None:
        if self.is_attached:
            self.editing.new_interface()

    def duplicate_selected(self) -> None:
        if self.is_attached:
            self.editing.duplicate_selected()

    def delete_selected(self) -> None:
        if self.is_attached:
            self.editing.delete_selected()

    def toggle_selected_enabled(self) -> None:
        if self.is_attached:
            self.editing.toggle_selected_enabled()

    def run_selected_now(self) -> None:
        if self.runs is not None:
            self.runs.run_selected_now()

    def show_selected_history(self) -> None:
        if self.runs is not None:
            self.runs.show_selected_history()

    def show_history(self, name: str) -> HistoryDialog | None:
        """The history window of ``name``: one per interface, refreshed when shown again."""
        return self.runs.show_history(name) if self.runs is not None else None

    def focus_search(self) -> None:
        if self.panel is not None:
            self.panel.focus_search()

    def open_import_preview(self) -> ImportPreviewDialog:
        return window_dialogs.open_import_preview(self)

    def open_invoices(self) -> InvoicesView:
        return window_dialogs.open_invoices(self)

    def open_cases(self, run_id: int | None = None) -> CasesView:
        return window_dialogs.open_cases(self, run_id)

    def case_desk(self) -> CaseDesk:
        """The Klärungsfälle's jobs, acting as whoever is logged in now."""
        from ..jobs.window_jobs import case_desk_for

        return case_desk_for(self.base_editor, self.session)

    def open_smtp_dialog(self) -> SmtpDialog:
        return window_dialogs.open_smtp_dialog(self)

    def open_settings(self) -> QDialog:
        return window_dialogs.open_settings(self)

    def show_handbook(self) -> None:
        self.handbook_dialog = window_dialogs.show_handbook(self)

    def show_shortcuts(self) -> None:
        self.shortcuts_dialog = window_dialogs.show_shortcuts(self)

    def log_out(self) -> None:
        """Datei → Abmelden: back to the login; whoever logs in works in this window."""
        if self.session is None or self.session.user is None or self.busy:
            return
        self.editing.with_clean_form(lambda: window_session.log_out(self))

    # --- questions to the user (overridable, so tests can answer them) ---------------------

    def ask_login(self, session: UserSession) -> User | None:
        """The login dialog over this window; None when the user quits (tests answer)."""
        return window_questions.ask_login(self, session)

    def ask_unsaved_changes(self) -> UnsavedChoice:
        assert self.form is not None  # only an attached window has changes
        return window_questions.ask_unsaved_changes(self, self.form.original_name)

    def confirm_outside_window(self, name: str) -> bool:
        """Asked once before "Jetzt ausführen" between 22:00 and 06:00."""
        return window_questions.confirm_outside_window(self, name)

    def tell_run_refused(self, text: str) -> None:
        """Why "Jetzt ausführen" starts nothing (the Start date is still ahead)."""
        window_questions.tell_run_refused(self, text)

    def confirm_delete(self, name: str) -> bool:
        return window_questions.confirm_delete(self, name)

    def show_error(self, text: str) -> None:
        window_questions.show_error(self, text)

    # --- state that tests and callers read -------------------------------------------------

    @property
    def is_filled(self) -> bool:
        """True once the list's first data arrived (``filled``)."""
        return self._filled

    @property
    def busy(self) -> bool:
        """True while a write runs in the background."""
        return self.is_attached and self.editing.busy

    @property
    def view(self) -> HintTableView:
        assert self.panel is not None
        return self.panel.view

    @property
    def search_edit(self) -> QLineEdit:
        assert self.panel is not None
        return self.panel.search_edit

    @property
    def workstation_filter_check(self) -> QCheckBox:
        assert self.panel is not None
        return self.panel.workstation_filter_check

    @property
    def run_controller(self) -> RunNowController | None:
        return self.runs.controller if self.runs is not None else None

    @property
    def run_dialog(self) -> RunProgressDialog | None:
        """The progress window of the last "Jetzt ausführen" (tests read it)."""
        return self.runs.run_dialog if self.runs is not None else None

    def visible_names(self) -> list[str]:
        """The names the list shows now, in its order."""
        return self.panel.visible_names() if self.panel is not None else []

    def select_interface(self, name: str) -> None:
        """Select ``name`` in the list, as a click would (asks about unsaved changes)."""
        assert self.panel is not None
        self.panel.choose(name)

    def reload_list(self) -> None:
        """Read the list again in the background."""
        if self.is_attached:
            self.editing.reload()

    # --- closing and remembering the window ---------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.close_event(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Attached, and back to a window that may show what is old by now.
        active = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if active and self.refresher is not None:
            self.refresher.activated()

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
        if self.form is not None:
            self._state.restore_splitter(self.splitter, self._default_split)

    def _default_split(self) -> list[int]:
        assert self.form is not None
        return default_split(
            sum(self.splitter.sizes()),
            self.form.width_without_scrolling(),
            self.form.width_in_one_column(),
        )
