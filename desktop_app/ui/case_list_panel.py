"""The upper half of the Klärungsfälle: the filters (interface, Mandant, reason, age, open
only), which run's cases are shown, and the list of cases with its count."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..jobs.case_desk import CaseFilter, CaseView, FilterChoices
from .case_table_models import (
    C_AGE,
    C_AMOUNT,
    C_ID,
    C_OPENED,
    C_PAYER,
    C_REASON,
    C_REMAINING,
    C_TEXT,
    SORT_ROLE,
    CaseTableModel,
)
from .case_texts import reason_labels

AGES = (7, 14, 30, 90)  # "older than" choices, with the chain's own limit


def sorted_table(model: Any, *, multi: bool = False) -> QTableView:
    """A read-only table of ``model``'s rows, sorted by a click on a column."""
    view = QTableView()
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # one Tab stop: the arrows move inside
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    # No sort indicator at first: the given order (oldest case, best suggestion first)
    # stands until the user clicks a column.
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


def source_row(view: QTableView, index: QModelIndex) -> int:
    return view.model().mapToSource(index).row()  # type: ignore[attr-defined]


class CaseFilterBar(QWidget):
    """What the list shows; ``filter()`` is the request for it."""

    changed = Signal()  # a filter changed, or Refresh: read the list again
    allRunsRequested = Signal()

    def __init__(self, run_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._run_id = run_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_filters())
        self.run_row = self._build_run_row()
        layout.addWidget(self.run_row)
        self.show_run(run_id)

    def _combo(self, name: str, label: str) -> tuple[QLabel, QComboBox]:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(self.tr("all"), None)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        caption = QLabel(label)
        caption.setBuddy(combo)
        return caption, combo

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        interface_label, self.interface_combo = self._combo("caseInterfaceFilter",
                                                            self.tr("&Interface:"))  # fmt: skip
        mandant_label, self.mandant_combo = self._combo("caseMandantFilter", self.tr("&Client:"))
        reason_label, self.reason_combo = self._combo("caseReasonFilter", self.tr("Rea&son:"))
        for code, text in reason_labels().items():
            self.reason_combo.addItem(text, code)
        age_label, self.age_combo = self._combo("caseAgeFilter", self.tr("A&ge:"))
        self.open_check = QCheckBox(self.tr("&Open only"))
        # A run's cases are shown whatever became of them.
        self.open_check.setChecked(self._run_id is None)
        self.open_check.toggled.connect(lambda _on: self.changed.emit())
        self.reload_button = QPushButton(self.tr("&Refresh"))
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(lambda: self.changed.emit())
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(100)
        self.progress.setTextVisible(False)
        for widget in (interface_label, self.interface_combo, mandant_label, self.mandant_combo,
                       reason_label, self.reason_combo, age_label, self.age_combo,
                       self.open_check):  # fmt: skip
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.reload_button)
        row.addWidget(self.progress)
        return row

    def _build_run_row(self) -> QWidget:
        panel = QWidget()
        self.run_label = QLabel()
        self.all_runs_button = QPushButton(self.tr("Show &all cases"))
        self.all_runs_button.setAutoDefault(False)
        self.all_runs_button.clicked.connect(lambda: self.allRunsRequested.emit())
        row = QHBoxLayout(panel)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.run_label)
        row.addWidget(self.all_runs_button)
        row.addStretch(1)
        return panel

    def show_run(self, run_id: int | None) -> None:
        """Only the cases ``run_id`` opened, every one of them (None: all cases)."""
        self._run_id = run_id
        self.run_row.setVisible(run_id is not None)
        if run_id is not None:
            self.run_label.setText(self.tr("Cases opened by run {id}").format(id=run_id))
            self.open_check.setChecked(False)  # shows every case of the run, whatever became

    def add_choices(self, choices: FilterChoices) -> None:
        """The interfaces, Mandanten and ages to choose from (read in the background)."""
        for combo, items in (
            (self.interface_combo, [(name, i) for i, name in choices.interfaces]),
            (self.mandant_combo, [(name, name) for name in choices.mandants]),
        ):
            combo.blockSignals(True)
            for text, data in items:
                combo.addItem(text, data)
            combo.blockSignals(False)
        self.age_combo.blockSignals(True)
        for days in sorted({*AGES, choices.overdue_days}):
            self.age_combo.addItem(self.tr("older than %n day(s)", "", days), days)
        self.age_combo.blockSignals(False)

    def filter(self) -> CaseFilter:
        return CaseFilter(
            open_only=self.open_check.isChecked(),
            interface_id=self.interface_combo.currentData(),
            mandant=self.mandant_combo.currentData(),
            code=self.reason_combo.currentData(),
            older_than_days=self.age_combo.currentData(),
            run_id=self._run_id,
        )

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)


class CaseListPanel(QWidget):
    """The cases, oldest first, and how many (and how many overdue) there are."""

    caseChosen = Signal(object)  # the CaseView the user moved to

    def __init__(self, lang: str = "de", parent: QWidget | None = None):
        super().__init__(parent)
        self.model = CaseTableModel(lang, self)
        self.table = sorted_table(self.model)
        self.table.setObjectName("caseTable")
        self.table.setAccessibleName(self.tr("Cases"))
        # Measured in bold: the overdue rows are drawn so, and must not be cut.
        bold = QFont(self.table.font())
        bold.setBold(True)
        advance = QFontMetrics(bold).horizontalAdvance
        header = self.table.horizontalHeader()
        for column, chars in ((C_ID, 5), (C_OPENED, 17), (C_AGE, 9), (C_AMOUNT, 12),
                              (C_REMAINING, 12), (C_PAYER, 20), (C_TEXT, 24),
                              (C_REASON, 18)):  # fmt: skip
            header.resizeSection(column, advance("0" * chars))
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.count_label = QLabel()
        self.count_label.setObjectName("caseCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.caseChosen.emit(self.model.case_at(source_row(self.table, current)))

    def show_cases(
        self, cases: Sequence[CaseView], today: date, overdue_days: int, keep: int | None
    ) -> CaseView | None:
        """Show ``cases``; the current one is ``keep`` if still listed, else the first.
        Returns the current case (None: the list is empty)."""
        self.model.set_cases(cases, today, overdue_days)
        overdue = sum(1 for c in cases if self.model.is_overdue(c))
        text = self.tr("%n case(s)", "", len(cases))
        if overdue:
            text += " · " + self.tr("%n overdue (older than {days} days)", "", overdue).format(
                days=overdue_days
            )
        self.count_label.setText(text)
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and cases:
            row = 0
        if row is None:
            return None
        self.select_row(row)
        return self.model.case_at(row)

    def select_row(self, row: int) -> None:
        proxy = self.table.model()
        self.table.setCurrentIndex(proxy.mapFromSource(self.model.index(row, C_ID)))  # type: ignore[attr-defined]

    def shown_ids(self) -> list[int]:
        proxy = self.table.model()
        return [self.model.case_at(source_row(self.table, proxy.index(r, 0))).id
                for r in range(proxy.rowCount())]  # fmt: skip

    def select(self, case_id: int) -> None:
        row = self.model.row_of(case_id)
        if row is None:
            raise KeyError(case_id)
        self.select_row(row)
