"""Verwaltung → Filialen und Mandanten: the lists the interface form offers; adding,
renaming and deleting their entries. A Mandant may carry its DATEV Berater- and
Mandantennummer, which a DATEV file is checked against."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..jobs.change_audit import AuditedCatalog
from ..jobs.user_session import UserSession
from .catalog_entry import EntryDialog, digits_edit, name_edit, read_mandant
from .ops import Op, error_text
from .widgets.message_label import MessageLabel

if TYPE_CHECKING:
    from ..store.catalog import MandantInfo


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _buttons_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        button.setAutoDefault(False)
        row.addWidget(button)
    row.addStretch(1)
    return row


class CatalogDialog(QDialog):
    """Each "Add", rename, change and delete saves at once (and is audited); ``changed``
    says whether anything was, so that the form's lists are refreshed."""

    # (old, new) after a rename: this computer's branch setting (outside the database)
    # follows it (see ui/workstation.py). Open forms hear of changes from the jobs.
    branch_renamed = Signal(str, str)

    def __init__(self, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.changed = False  # whether something was changed (the form's lists are stale)
        self.entry_dialog: EntryDialog | None = None  # the rename or edit dialog, if open
        self._mandants: list[MandantInfo] = []
        self.setObjectName("catalogDialog")
        self.setWindowTitle(self.tr("Branches and clients"))

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_branches(), self.tr("Branches"))
        self.tabs.addTab(self._build_mandants(), self.tr("Clients"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 26)
        self._update_buttons()
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _build_branches(self) -> QWidget:
        page = QWidget()
        self.branch_list = QListWidget()
        self.branch_list.setAccessibleName(self.tr("Branches"))
        self.branch_list.itemSelectionChanged.connect(self._update_buttons)
        # Later, not in the key event: the Enter that activated the entry would otherwise
        # travel on to this dialog and press the new dialog's OK button at once.
        self.branch_list.itemActivated.connect(
            lambda _item: QTimer.singleShot(0, self.rename_branch)
        )
        self.rename_branch_button = QPushButton(self.tr("Rename …"))
        self.rename_branch_button.setObjectName("renameBranchButton")
        self.rename_branch_button.clicked.connect(self.rename_branch)
        self.delete_branch_button = QPushButton(self.tr("Delete"))
        self.delete_branch_button.setObjectName("deleteBranchButton")
        self.delete_branch_button.clicked.connect(self.delete_branch)
        self.branch_name_edit = name_edit()
        self.branch_name_edit.setObjectName("branchNameEdit")
        self.branch_name_edit.setPlaceholderText(self.tr("e.g. Optik Nord"))
        self.branch_name_edit.returnPressed.connect(self.add_branch)
        self.add_branch_button = QPushButton(self.tr("Add branch"))
        self.add_branch_button.setAutoDefault(False)
        self.add_branch_button.clicked.connect(self.add_branch)
        self.branch_message = MessageLabel()
        form = QFormLayout()
        form.addRow(self.tr("New branch:"), self.branch_name_edit)
        form.addRow("", self.add_branch_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.branch_list, 1)
        layout.addLayout(_buttons_row(self.rename_branch_button, self.delete_branch_button))
        layout.addLayout(form)
        layout.addWidget(self.branch_message)
        return page

    def _build_mandants(self) -> QWidget:
        page = QWidget()
        self.mandant_table = QTableWidget(0, 3)
        self.mandant_table.setAccessibleName(self.tr("Clients"))
        self.mandant_table.setHorizontalHeaderLabels(
            [self.tr("Client"), self.tr("Adviser number"), self.tr("Client number")]
        )
        self.mandant_table.setToolTip(self.tr("The numbers are the DATEV ones (optional)."))
        self.mandant_table.setWordWrap(False)
        self.mandant_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mandant_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.mandant_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mandant_table.itemSelectionChanged.connect(self._update_buttons)
        self.mandant_table.itemActivated.connect(
            lambda _item: QTimer.singleShot(0, self.edit_mandant)
        )
        self.mandant_table.verticalHeader().hide()
        header = self.mandant_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.edit_mandant_button = QPushButton(self.tr("Edit …"))
        self.edit_mandant_button.setObjectName("editMandantButton")
        self.edit_mandant_button.clicked.connect(self.edit_mandant)
        self.delete_mandant_button = QPushButton(self.tr("Delete"))
        self.delete_mandant_button.setObjectName("deleteMandantButton")
        self.delete_mandant_button.clicked.connect(self.delete_mandant)
        self.mandant_name_edit = name_edit()
        self.mandant_name_edit.setObjectName("mandantNameEdit")
        self.berater_edit = digits_edit(7)
        self.berater_edit.setObjectName("beraterEdit")
        self.berater_edit.setPlaceholderText(self.tr("optional"))
        self.mandant_number_edit = digits_edit(5)
        self.mandant_number_edit.setObjectName("mandantNumberEdit")
        self.mandant_number_edit.setPlaceholderText(self.tr("optional"))
        self.add_mandant_button = QPushButton(self.tr("Add client"))
        self.add_mandant_button.setAutoDefault(False)
        self.add_mandant_button.clicked.connect(self.add_mandant)
        self.mandant_message = MessageLabel()
        form = QFormLayout()
        form.addRow(self.tr("New client:"), self.mandant_name_edit)
        form.addRow(self.tr("DATEV adviser number:"), self.berater_edit)
        form.addRow(self.tr("DATEV client number:"), self.mandant_number_edit)
        form.addRow("", self.add_mandant_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mandant_table, 1)
        layout.addLayout(_buttons_row(self.edit_mandant_button, self.delete_mandant_button))
        layout.addLayout(form)
        layout.addWidget(self.mandant_message)
        return page

    # --- the lists --------------------------------------------------------------------------

    def reload(self, *, branch: str | None = None, mandant: str | None = None) -> None:
        """Load both lists; ``branch`` and ``mandant`` are selected after, else whatever
        was selected before stays selected."""
        branch = branch or self.selected_branch()
        selected = self.selected_mandant()
        mandant = mandant or (selected.name if selected else None)
        self._run(
            self._session.catalogue,
            lambda lists: self._show(lists[0], lists[1], branch, mandant),
            self._error_in(self.branch_message),
        )

    def branch_names(self) -> list[str]:
        return [self.branch_list.item(i).text() for i in range(self.branch_list.count())]

    def mandant_rows(self) -> list[tuple[str, str, str]]:
        table = self.mandant_table
        return [
            (cell_text(table, r, 0), cell_text(table, r, 1), cell_text(table, r, 2))
            for r in range(table.rowCount())
        ]

    def selected_branch(self) -> str | None:
        items = self.branch_list.selectedItems()
        return items[0].text() if items else None

    def selected_mandant(self) -> MandantInfo | None:
        rows = self.mandant_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._mandants):
            return None
        return self._mandants[rows[0].row()]

    def select_branch(self, name: str) -> None:
        for item in self.branch_list.findItems(name, Qt.MatchFlag.MatchExactly):
            self.branch_list.setCurrentItem(item)

    def select_mandant(self, name: str) -> None:
        for row, m in enumerate(self._mandants):
            if m.name == name:
                self.mandant_table.selectRow(row)

    def _show(
        self,
        branches: list[str],
        mandants: list[MandantInfo],
        branch: str | None = None,
        mandant: str | None = None,
    ) -> None:
        self.branch_list.clear()
        self.branch_list.addItems(branches)
        self.mandant_table.clearSelection()
        self._mandants = mandants
        self.mandant_table.setRowCount(len(mandants))
        for row, m in enumerate(mandants):
            for column, value in enumerate((m.name, m.datev_berater, m.datev_mandant)):
                self.mandant_table.setItem(
                    row, column, QTableWidgetItem("" if value is None else str(value))
                )
        if branch:
            self.select_branch(branch)
        if mandant:
            self.select_mandant(mandant)
        self._update_buttons()

    def _update_buttons(self) -> None:
        # Rename, edit and delete act on the selected entry: without one there is none.
        has_branch = self.selected_branch() is not None
        has_mandant = self.selected_mandant() is not None
        self.rename_branch_button.setEnabled(has_branch)
        self.delete_branch_button.setEnabled(has_branch)
        self.edit_mandant_button.setEnabled(has_mandant)
        self.delete_mandant_button.setEnabled(has_mandant)

    # --- adding -----------------------------------------------------------------------------

    def add_branch(self) -> None:
        name = self.branch_name_edit.text().strip()
        if not name:
            self.branch_message.show_error(self.tr("Please enter the name of the branch."))
            return
        self._change(
            lambda c: c.add_branch(name),
            self.branch_message,
            self.tr("Branch “{name}” added.").format(name=name),
            after=self.branch_name_edit.clear,
            branch=name,
        )

    def add_mandant(self) -> None:
        problems: list[str] = []
        name, berater, number = read_mandant(
            self.mandant_name_edit, self.berater_edit, self.mandant_number_edit, problems
        )
        if problems:
            self.mandant_message.show_error("\n".join(problems))
            return

        def clear() -> None:
            for edit in (self.mandant_name_edit, self.berater_edit, self.mandant_number_edit):
                edit.clear()

        self._change(
            lambda c: c.add_mandant(name, berater, number),
            self.mandant_message,
            self.tr("Client “{name}” added.").format(name=name),
            after=clear,
            mandant=name,
        )

    # --- renaming, editing, deleting --------------------------------------------------------

    def rename_branch(self) -> EntryDialog | None:
        old = self.selected_branch()
        if old is None:
            return None
        dialog = self._open_entry_dialog(
            self.tr("Rename branch"),
            [("name", self.tr("New name:"), name_edit(old))],
            self.tr("Rename"),
        )

        def submitted() -> None:
            new = dialog.fields["name"].text().strip()
            if not new:
                dialog.message.show_error(self.tr("Please enter the name of the branch."))
                return
            if new == old:  # nothing to rename: no "renamed" for the name it had
                dialog.accept()
                return
            done = self.tr("Branch “{old}” renamed to “{new}”.").format(old=old, new=new)
            self._change(
                lambda c: c.rename_branch(old, new),
                self.branch_message,
                done,
                dialog,
                after=lambda: self.branch_renamed.emit(old, new),
                branch=new,
            )

        dialog.submitted.connect(submitted)
        return dialog

    def edit_mandant(self) -> EntryDialog | None:
        mandant = self.selected_mandant()
        if mandant is None:
            return None
        berater, number = (
            digits_edit(7, mandant.datev_berater),
            digits_edit(5, mandant.datev_mandant),
        )
        for edit in (berater, number):
            edit.setPlaceholderText(self.tr("optional"))
        dialog = self._open_entry_dialog(
            self.tr("Edit client"),
            [
                ("name", self.tr("Name:"), name_edit(mandant.name)),
                ("datev_berater", self.tr("DATEV adviser number:"), berater),
                ("datev_mandant", self.tr("DATEV client number:"), number),
            ],
            self.tr("Save"),
        )

        def submitted() -> None:
            problems: list[str] = []
            values = read_mandant(dialog.fields["name"], berater, number, problems)
            if problems:
                dialog.message.show_error("\n".join(problems))
                return
            done = self.tr("Client “{name}” saved.").format(name=values[0])
            self._change(
                lambda c: c.update_mandant(mandant.name, *values),
                self.mandant_message,
                done,
                dialog,
                mandant=values[0],
            )

        dialog.submitted.connect(submitted)
        return dialog

    def delete_branch(self) -> None:
        name = self.selected_branch()
        if name is None:
            return
        question = self.tr("Really delete the branch “{name}”?").format(name=name)
        if not self.confirm_delete(question):
            return
        done = self.tr("Branch “{name}” deleted.").format(name=name)
        self._change(lambda c: c.delete_branch(name), self.branch_message, done)

    def delete_mandant(self) -> None:
        mandant = self.selected_mandant()
        if mandant is None:
            return
        question = self.tr("Really delete the client “{name}”?").format(name=mandant.name)
        if not self.confirm_delete(question):
            return
        done = self.tr("Client “{name}” deleted.").format(name=mandant.name)
        self._change(lambda c: c.delete_mandant(mandant.name), self.mandant_message, done)

    def confirm_delete(self, question: str) -> bool:
        """Asks before a delete; tests replace it to answer."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete"), question, parent=self)
        box.setInformativeText(
            self.tr("Only an entry that no interface and no invoice uses can be deleted.")
        )
        yes = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.YesRole)
        no = box.addButton(self.tr("Do not delete"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no)  # a slip of the Enter key must not delete anything
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def _open_entry_dialog(
        self, title: str, fields: list[tuple[str, str, QLineEdit]], ok_text: str
    ) -> EntryDialog:
        dialog = EntryDialog(self, title, fields, ok_text, self.tr("Cancel"))
        dialog.finished.connect(lambda _result: self._entry_dialog_closed(dialog))
        self.entry_dialog = dialog
        dialog.open()
        return dialog

    def _entry_dialog_closed(self, dialog: EntryDialog) -> None:
        if self.entry_dialog is dialog:
            self.entry_dialog = None
        dialog.deleteLater()

    def _change(
        self,
        change: Callable[[AuditedCatalog], object],
        message: MessageLabel,
        done: str,
        dialog: EntryDialog | None = None,
        after: Callable[[], None] | None = None,
        **select: str,
    ) -> None:
        """Save one change in the background; on success close ``dialog``, say ``done``
        and reload; a refusal is shown in ``dialog`` if still open, else under the list."""
        session = self._session

        def work() -> object:
            return change(session.catalog_changes())  # administrators only

        def saved(_result: object) -> None:
            self.changed = True
            if dialog is not None and isValid(dialog):
                dialog.accept()
            message.show_info(done)
            self.reload(**select)
            if after is not None:
                after()

        def failed(exc: Exception) -> None:
            if dialog is not None and isValid(dialog) and dialog.isVisible():
                dialog.ok_button.setEnabled(True)
                dialog.message.show_error(error_text(exc))
            else:
                message.show_error(error_text(exc))

        if dialog is not None:
            dialog.ok_button.setEnabled(False)  # one save at a time
            dialog.message.clear()
        message.clear()
        self._run(work, saved, failed)

    # --- running ----------------------------------------------------------------------------

    @staticmethod
    def _error_in(message: MessageLabel) -> Callable[[Exception], None]:
        return lambda exc: message.show_error(error_text(exc))

    def _run(
        self,
        work: Callable[[], Any],
        success: Callable[[Any], None],
        failure: Callable[[Exception], None],
    ) -> None:
        def delivered(result: Any) -> None:
            if isValid(self):
                success(result)

        def failed(exc: Exception) -> None:
            if isValid(self):
                failure(exc)

        Op(work, parent=self).success(delivered).failure(failed).run_in_background()
