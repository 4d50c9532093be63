"""Verwaltung → Filialen und Mandanten: the lists the interface form offers, and adding to
them. A Mandant may carry its DATEV Berater- and Mandantennummer, which a DATEV file is
checked against."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..jobs.user_session import UserSession
from ..store.catalog import MandantInfo
from .ops import Op, error_text
from .widgets.message_label import MessageLabel

# DATEV: the Beraternummer has four to seven digits, the Mandantennummer up to five.
BERATER_RANGE = (1001, 9_999_999)
MANDANT_RANGE = (1, 99_999)
MAX_NAME_LENGTH = 100


def _digits_edit(max_digits: int) -> QLineEdit:
    edit = QLineEdit()
    # Digits only; the range gets a German message on "Add", not a silent refusal.
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{max_digits}}}")))
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * (max_digits + 4))
    return edit


class CatalogDialog(QDialog):
    """Each "Add" saves at once (and is audited); ``changed`` says whether anything was."""

    def __init__(self, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.changed = False  # whether something was added (the form's lists are stale)
        self.setObjectName("catalogDialog")
        self.setWindowTitle(self.tr("Branches and Mandanten"))

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_branches(), self.tr("Branches"))
        self.tabs.addTab(self._build_mandants(), self.tr("Mandanten"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 26)
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _build_branches(self) -> QWidget:
        page = QWidget()
        self.branch_list = QListWidget()
        self.branch_name_edit = QLineEdit()
        self.branch_name_edit.setObjectName("branchNameEdit")
        self.branch_name_edit.setMaxLength(MAX_NAME_LENGTH)
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
        layout.addLayout(form)
        layout.addWidget(self.branch_message)
        return page

    def _build_mandants(self) -> QWidget:
        page = QWidget()
        self.mandant_table = QTableWidget(0, 3)
        self.mandant_table.setHorizontalHeaderLabels(
            [self.tr("Mandant"), self.tr("Beraternummer"), self.tr("Mandantennummer")]
        )
        self.mandant_table.setToolTip(self.tr("The numbers are the DATEV ones (optional)."))
        self.mandant_table.setWordWrap(False)
        self.mandant_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mandant_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mandant_table.verticalHeader().hide()
        header = self.mandant_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.mandant_name_edit = QLineEdit()
        self.mandant_name_edit.setObjectName("mandantNameEdit")
        self.mandant_name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.berater_edit = _digits_edit(7)
        self.berater_edit.setObjectName("beraterEdit")
        self.berater_edit.setPlaceholderText(self.tr("optional"))
        self.mandant_number_edit = _digits_edit(5)
        self.mandant_number_edit.setObjectName("mandantNumberEdit")
        self.mandant_number_edit.setPlaceholderText(self.tr("optional"))
        self.add_mandant_button = QPushButton(self.tr("Add Mandant"))
        self.add_mandant_button.setAutoDefault(False)
        self.add_mandant_button.clicked.connect(self.add_mandant)
        self.mandant_message = MessageLabel()
        form = QFormLayout()
        form.addRow(self.tr("New Mandant:"), self.mandant_name_edit)
        form.addRow(self.tr("DATEV Beraternummer:"), self.berater_edit)
        form.addRow(self.tr("DATEV Mandantennummer:"), self.mandant_number_edit)
        form.addRow("", self.add_mandant_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mandant_table, 1)
        layout.addLayout(form)
        layout.addWidget(self.mandant_message)
        return page

    # --- the lists --------------------------------------------------------------------------

    def reload(self) -> None:
        catalog = self._session.catalog
        self._run(
            lambda: (catalog.branch_names(), catalog.mandants()),
            lambda lists: self._show(*lists),
            self.branch_message,
        )

    def branch_names(self) -> list[str]:
        return [self.branch_list.item(i).text() for i in range(self.branch_list.count())]

    def mandant_rows(self) -> list[tuple[str, str, str]]:
        table = self.mandant_table
        return [
            tuple(table.item(r, c).text() for c in range(3))  # type: ignore[misc]
            for r in range(table.rowCount())
        ]

    def _show(self, branches: list[str], mandants: list[MandantInfo]) -> None:
        self.branch_list.clear()
        self.branch_list.addItems(branches)
        self.mandant_table.setRowCount(len(mandants))
        for row, m in enumerate(mandants):
            for column, value in enumerate((m.name, m.datev_berater, m.datev_mandant)):
                self.mandant_table.setItem(
                    row, column, QTableWidgetItem("" if value is None else str(value))
                )

    # --- adding -----------------------------------------------------------------------------

    def add_branch(self) -> None:
        name = self.branch_name_edit.text().strip()
        if not name:
            self.branch_message.show_error(self.tr("Please enter the name of the branch."))
            return
        session = self._session

        def added(_result: object) -> None:
            self.changed = True
            self.branch_name_edit.clear()
            self.branch_message.show_info(self.tr("Branch “{name}” added.").format(name=name))
            self.reload()

        self._run(lambda: session.add_branch(name), added, self.branch_message)

    def add_mandant(self) -> None:
        name = self.mandant_name_edit.text().strip()
        problems = [] if name else [self.tr("Please enter the name of the Mandant.")]
        berater = self._number(
            self.berater_edit,
            BERATER_RANGE,
            self.tr("The DATEV Beraternummer has 4 to 7 digits (1001 to 9999999)."),
            problems,
        )
        number = self._number(
            self.mandant_number_edit,
            MANDANT_RANGE,
            self.tr("The DATEV Mandantennummer lies between 1 and 99999."),
            problems,
        )
        if problems:
            self.mandant_message.show_error("\n".join(problems))
            return
        session = self._session

        def added(_result: object) -> None:
            self.changed = True
            for edit in (self.mandant_name_edit, self.berater_edit, self.mandant_number_edit):
                edit.clear()
            self.mandant_message.show_info(self.tr("Mandant “{name}” added.").format(name=name))
            self.reload()

        self._run(lambda: session.add_mandant(name, berater, number), added, self.mandant_message)

    @staticmethod
    def _number(
        edit: QLineEdit, allowed: tuple[int, int], message: str, problems: list[str]
    ) -> int | None:
        text = edit.text().strip()
        if not text:
            return None
        value = int(text)
        if not allowed[0] <= value <= allowed[1]:
            problems.append(message)
            return None
        return value

    def _run(
        self, work: Callable[[], Any], success: Callable[[Any], None], message: MessageLabel
    ) -> None:
        def delivered(result: Any) -> None:
            if isValid(self):
                success(result)

        def failed(exc: Exception) -> None:
            if isValid(self):
                message.show_error(error_text(exc))

        Op(work, parent=self).success(delivered).failure(failed).run_in_background()
