"""The main window's working area: the list beside the form under the banner of a lost
database connection (built at ``attach``), and the start-up notice before them. Where the
form stands, a page says so when the search or the filter hides every interface."""

from __future__ import annotations

from typing import TYPE_CHECKING

# ``QtCore.Qt``, not ``from PySide6.QtCore import Qt``: PySide builds the Qt namespace's
# hundred enums on first use (15 ms), and the first paint does not need them.
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ..jobs.interface_edit import InterfaceEditor
    from ..jobs.run_now import ManualRun
    from ..jobs.scheduler_thread import SchedulerThread
    from .interface_form import InterfaceForm
    from .main_window import MainWindow
    from .window_state import WindowState


def build_panels(
    window: MainWindow, editor: InterfaceEditor, state: WindowState, host_name: str | None
) -> None:
    """The list beside the form: ``window.panel``, ``form``, ``editing``, ``splitter``,
    ``banner`` and ``nothing_shown_label``; they replace the start notice. ``state``: the
    list's remembered columns."""
    from .interface_editing import InterfaceEditing
    from .interface_form import InterfaceForm
    from .interface_list_panel import InterfaceListPanel
    from .widgets.connection_banner import ConnectionBanner

    panel = InterfaceListPanel(window.lang, window.list_actions, window.run_actions)
    if not state.restore_list_header(panel.view.horizontalHeader()):
        panel.place_columns()
    form = InterfaceForm(window.lang, host_name, editor=editor)
    form.addMandantRequested.connect(lambda: _add_mandant_in_place(window, form))
    form.addBranchRequested.connect(lambda: _add_branch_in_place(window, form))
    form.smtpSetupRequested.connect(window.open_smtp_dialog)
    window.panel, window.form = panel, form
    window.editing = InterfaceEditing(window, panel, form)
    window.splitter = QSplitter(QtCore.Qt.Orientation.Horizontal)
    window.splitter.setObjectName("mainSplitter")
    window.splitter.addWidget(panel)
    window.splitter.addWidget(_form_or_nothing(window, form))
    window.splitter.setStretchFactor(1, 1)
    window.splitter.setChildrenCollapsible(False)
    window.banner = ConnectionBanner()
    page = QWidget()
    column = QVBoxLayout(page)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(window.banner)
    column.addWidget(window.splitter, 1)
    window.setCentralWidget(page)  # deletes the start notice
    form.set_tab_order_after(panel.last_control)
    window.start_notice = None


def _form_or_nothing(window: MainWindow, form: InterfaceForm) -> QStackedWidget:
    """The form, or instead of it a page saying that the search or the filter hides every
    interface: a blank form there would invite typing a new one by mistake."""
    label = QLabel(
        QCoreApplication.translate(
            "MainWindow",
            "No interface matches the search or the filter.\n"
            "Change the search or the filter to show one here; "
            "“New” (Ctrl+N) starts a new interface.",
        )
    )
    label.setObjectName("nothingShown")
    label.setWordWrap(True)
    label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
    place = QStackedWidget()
    place.addWidget(form)
    place.addWidget(label)
    window.nothing_shown_label = label
    window.editing.nothingShownChanged.connect(
        lambda nothing: place.setCurrentWidget(label if nothing else form)
    )
    return place


def _add_mandant_in_place(window: MainWindow, form: InterfaceForm) -> None:
    if window.administration is not None:  # only an administrator is offered it
        window.administration.add_mandant_in_place(form.check_mandant)


def _add_branch_in_place(window: MainWindow, form: InterfaceForm) -> None:
    if window.administration is not None:  # only an administrator is offered it
        window.administration.add_branch_in_place(form.choose_branch)


def connect_runs(
    window: MainWindow, scheduler: SchedulerThread | None, manual_run: ManualRun | None
) -> None:
    """The scheduler fills the next runs and the staleness in the list; ``manual_run``
    brings "Jetzt ausführen"."""
    window.editing.use_scheduler(scheduler)  # the editor stays the session's (audited)
    window.workstation.set_scheduler(scheduler)
    if scheduler is None and manual_run is None:
        return
    from .run_progress import RunNowController

    controller = RunNowController(manual_run, window) if manual_run else None
    window.run_now_action.setVisible(manual_run is not None)
    assert window.runs is not None
    window.runs.connect_runs(controller, scheduler)
    window.update_actions()


def lay_out_now(window: MainWindow) -> None:
    """Show and lay out the new splitter now (Qt would show it only from the event loop):
    the default split is measured on its width and the form."""
    page = window.centralWidget()
    assert page is not None  # build_panels set it
    page.show()
    for layout in (window.layout(), page.layout()):
        if layout is not None:  # both have one; Qt types it as optional
            layout.activate()


def centred(widget: QWidget) -> QWidget:
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
