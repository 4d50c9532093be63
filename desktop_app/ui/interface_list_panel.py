"""The left side of the main window: the search, the workstation filter, the interface
list and the buttons under it.

The panel shows what it is given (``set_interfaces``) and says what the user does with
it; which interface the form shows, and asking about unsaved changes, is the window's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

# ``QtCore.Qt`` where used: see window_panels (its enums are built on first use).
from PySide6 import QtCore
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .interface_columns import LAST_RUN, NAME, NEXT_RUN
from .interface_list_model import InterfaceFilterModel, InterfaceListModel
from .widgets.hint_table_view import HintTableView

if TYPE_CHECKING:
    from ..store.interfaces import StoredInterface


class InterfaceListPanel(QWidget):
    """The list and its controls. ``chosen`` is the user moving to another row;
    selecting a row from code (``select``) says nothing."""

    chosen = Signal(str)  # the name of the interface the user moved to
    # What the list shows changed: True by the user's search or filter, False by new rows.
    filterChanged = Signal(bool)
    activated = Signal()  # a double click on a row

    def __init__(
        self,
        lang: str,
        list_actions: Sequence[QAction],
        run_actions: Sequence[QAction],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._silent = False  # selecting from code: not the user's choice
        self._shown: str | None = None  # what the form shows: selected whenever listed
        self._loaded = False  # until the first list arrived the hint says "loading"
        self.model = InterfaceListModel(lang, self)
        self.proxy = InterfaceFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self._build_filter()
        self._build_view()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.workstation_filter_check)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._button_row(list_actions))
        # A row of their own: one row would not fit the list.
        layout.addLayout(self._button_row(run_actions))
        self.last_control = self._buttons[-1]  # Tab goes on from here to the form
        self._update_hint()

    # --- building -------------------------------------------------------------------------

    def _build_filter(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search name, branch, computer, import type"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(
            lambda text: self._change(lambda: self.proxy.set_search(text), by_user=True)
        )
        self.workstation_filter_check = QCheckBox(self.tr("With workstation settings"))
        self.workstation_filter_check.setToolTip(
            self.tr("Show only interfaces that are bound to a workstation.")
        )
        self.workstation_filter_check.toggled.connect(
            lambda on: self._change(lambda: self.proxy.set_workstation_only(on), by_user=True)
        )

    def _build_view(self) -> None:
        view = HintTableView()
        view.setObjectName("interfaceList")
        view.setModel(self.proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One tab stop: Tab leaves the list, the arrow keys move inside it.
        view.setTabKeyNavigation(False)
        view.setSortingEnabled(True)
        view.sortByColumn(NAME, QtCore.Qt.SortOrder.AscendingOrder)
        view.verticalHeader().hide()
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.keep_whole(NEXT_RUN, LAST_RUN)  # when it runs, and how it went, at a glance
        # A narrow list hides what it cannot show readably; the name's tooltip says it.
        view.hide_unreadable()
        view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        view.doubleClicked.connect(lambda _index: self.activated.emit())
        self.view = view

    def _button_row(self, actions: Sequence[QAction]) -> QHBoxLayout:
        row = QHBoxLayout()
        self._buttons = getattr(self, "_buttons", [])
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setVisible(action.isVisible())
            # A button for an action that is not there ("Jetzt ausführen" without a runner)
            # is not there either.
            action.changed.connect(lambda b=button, a=action: b.setVisible(a.isVisible()))
            row.addWidget(button)
            self._buttons.append(button)
        row.addStretch(1)
        return row

    def set_keyboard(self, delete_action: QAction) -> None:
        """Del deletes only from the list; Esc in the search empties it, then leaves it.
        Set once the window is attached (the key sequences build Qt's enums, see top)."""
        delete_action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(delete_action)
        escape = QShortcut(QKeySequence(QtCore.Qt.Key.Key_Escape), self.search_edit)
        escape.setContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.leave_search)

    def place_columns(self) -> None:
        """Next and last run beside the name (unless the user arranged the columns): what
        a user watching the runs looks for."""
        header = self.view.horizontalHeader()
        header.moveSection(header.visualIndex(NEXT_RUN), 1)
        header.moveSection(header.visualIndex(LAST_RUN), 2)

    # --- what the window gives and asks ------------------------------------------------------

    def set_interfaces(self, interfaces: list[StoredInterface]) -> None:
        """The rows, read in the background; what the form shows stays selected."""
        self._loaded = True
        self._change(lambda: self.model.set_interfaces(interfaces), by_user=False)

    def is_loaded(self) -> bool:
        return self._loaded

    def has_interfaces(self) -> bool:
        """Whether any interface exists, listed or hidden by the search or the filter."""
        return self.model.rowCount() > 0

    def interface(self, name: str) -> StoredInterface | None:
        """``name`` as the list last read it."""
        row = self.model.row_of(name)
        return self.model.interface_at(row) if row is not None else None

    def first_name(self) -> str | None:
        """The name in the list's first row, as sorted and filtered."""
        return self.name_at(self.proxy.index(0, NAME))

    def name_at(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        return self.model.interface_at(self.proxy.mapToSource(index).row()).settings.name

    def visible_names(self) -> list[str]:
        """The names the list shows now, in its order."""
        return [self.name_at(self.proxy.index(r, NAME)) or "" for r in range(self.proxy.rowCount())]

    def is_listed(self, name: str) -> bool:
        """Whether ``name`` is in the list and not hidden by the search or the filter."""
        return self._proxy_index(name).isValid()

    def is_filtering(self) -> bool:
        """Whether a search or the filter is set (an empty search shows every row)."""
        return self.proxy.filters()

    def select(self, name: str | None) -> None:
        """The form shows ``name`` (None: a new interface): select it, now and after each
        change of the rows or the search, without that counting as the user's choice."""
        self._shown = name
        self._silent = True
        try:
            index = self._proxy_index(name) if name is not None else QModelIndex()
            selection = self.view.selectionModel()
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
            self._silent = False

    def choose(self, name: str) -> None:
        """Move to ``name`` as a click would (the window may still ask about changes)."""
        row = self.model.row_of(name)
        if row is None:
            raise KeyError(name)
        self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, NAME)))

    def focus_search(self) -> None:
        """Ctrl+F: into the search field, its text selected to be typed over."""
        self.search_edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def leave_search(self) -> None:
        # Esc empties the search; in an empty one it goes back to the list.
        if self.search_edit.text():
            self.search_edit.clear()
        else:
            self.view.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    # --- internals ----------------------------------------------------------------------------

    def _proxy_index(self, name: str) -> QModelIndex:
        row = self.model.row_of(name)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, NAME))

    def _change(self, change: Callable[[], None], *, by_user: bool) -> None:
        """Change what the list shows, then select what the form shows again."""
        # Reloading or hiding the selected row moves Qt's current index; that is not the
        # user choosing another interface.
        self._silent = True
        try:
            change()
        finally:
            self._silent = False
        self.select(self._shown)
        self._update_hint()
        self.filterChanged.emit(by_user)

    def _update_hint(self) -> None:
        """What the empty list says: that it loads, how to start, or that the search
        found nothing."""
        if not self._loaded:
            hint = self.tr("Loading the interfaces …")
        elif self.model.rowCount() == 0:
            hint = self.tr(
                "No interface is set up yet.\nFill in the form on the right and save it; "
                "“New” (Ctrl+N) starts another one."
            )
        else:
            hint = self.tr("No interface matches the search or the filter.")
        self.view.set_empty_hint(hint)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._silent:
            return
        name = self.name_at(current)
        if name is not None:
            self.chosen.emit(name)
