"""Buchhaltung → Klärungsfälle: the payments no booking has placed yet, filtered by
interface, Mandant, reason and age; for the chosen case its facts, the ranked invoices it
may be meant for, its bookings, and the actions: Zuordnen, Erledigt ohne Buchung,
Stornieren.

Every read and every action runs through ``Op`` on a pool thread; a read overtaken by a
newer one (the user moved on) is dropped. Keyboard: the filters, the list, the
suggestions and the buttons in that order by Tab; Alt+letter on each label and button;
Enter is "Zuordnen…".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.cases import CaseStatus
from ..jobs.case_desk import CaseDesk, CaseFilter, CaseView, FilterChoices
from .case_dialogs import AssignDialog, ReasonDialog
from .case_table_models import (
    C_AGE,
    C_AMOUNT,
    C_ID,
    C_OPENED,
    C_PAYER,
    C_REASON,
    C_REMAINING,
    C_TEXT,
    S_REASONS,
    SORT_ROLE,
    CaseBookingTableModel,
    CaseTableModel,
    SuggestionTableModel,
)
from .case_texts import age_label, reason_labels, status_label
from .money_text import money_text, timestamp_text
from .ops import Op, error_text
from .widgets.message_label import MessageLabel
from .widgets.screen_fit import resize_within_screen
from .widgets.wheel_guard import guard_wheel

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1180, 760)
AGES = (7, 14, 30, 90)  # "older than" choices, with the chain's own limit


def _table(model: Any, *, multi: bool = False) -> QTableView:
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


def _source_row(view: QTableView, index: QModelIndex) -> int:
    return view.model().mapToSource(index).row()  # type: ignore[attr-defined]


class CasesView(QDialog):
    """Not modal: it stays open beside the main window; ``reload()`` after a run."""

    casesShown = Signal()
    detailShown = Signal()
    changed = Signal()  # a case was assigned or closed, a booking reversed

    def __init__(
        self,
        desk: CaseDesk | Callable[[], CaseDesk],
        lang: str = "de",
        parent: QWidget | None = None,
        *,
        run_id: int | None = None,
        today: Callable[[], date] = date.today,
    ):
        super().__init__(parent)
        # A function: whoever is logged in at the time acts (the user may change).
        self._desk_of = desk if callable(desk) else (lambda: desk)
        self._lang, self._today = lang, today
        self._run_id = run_id
        self._generation = {"cases": 0, "detail": 0, "choices": 0}
        self._running: set[str] = set()
        self._selected: CaseView | None = None
        self._overdue_days = 14
        self.setObjectName("casesView")
        self.setWindowTitle(self.tr("Payments to clarify"))
        self.setSizeGripEnabled(True)
        resize_within_screen(self, *DEFAULT_SIZE)

        self.case_model = CaseTableModel(lang, self)
        self.suggestion_model = SuggestionTableModel(lang, self)
        self.booking_model = CaseBookingTableModel(lang, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        self.run_row = self._build_run_row()
        layout.addWidget(self.run_row)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 400])
        layout.addWidget(splitter, 1)
        self.message_label = MessageLabel()
        layout.addWidget(self.message_label)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self._set_tab_order()
        guard_wheel(self)
        self._show_detail(None)
        self._run("choices", self._desk.filter_choices, self._choices_loaded)

    @property
    def _desk(self) -> CaseDesk:
        return self._desk_of()

    # --- building ---------------------------------------------------------------------

    def _combo(self, name: str, label: str) -> tuple[QLabel, QComboBox]:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(self.tr("all"), None)
        combo.currentIndexChanged.connect(lambda _i: self.reload())
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
        age_label_, self.age_combo = self._combo("caseAgeFilter", self.tr("A&ge:"))
        self.open_check = QCheckBox(self.tr("&Open only"))
        # A run's cases are shown whatever became of them.
        self.open_check.setChecked(self._run_id is None)
        self.open_check.toggled.connect(lambda _on: self.reload())
        self.reload_button = QPushButton(self.tr("&Refresh"))
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(100)
        self.progress.setTextVisible(False)
        for widget in (interface_label, self.interface_combo, mandant_label, self.mandant_combo,
                       reason_label, self.reason_combo, age_label_, self.age_combo,
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
        self.all_runs_button.clicked.connect(lambda: self.show_run(None))
        row = QHBoxLayout(panel)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.run_label)
        row.addWidget(self.all_runs_button)
        row.addStretch(1)
        panel.setVisible(self._run_id is not None)
        if self._run_id is not None:
            self.run_label.setText(self.tr("Cases opened by run {id}").format(id=self._run_id))
        return panel

    def _build_list(self) -> QWidget:
        panel = QWidget()
        self.case_table = _table(self.case_model)
        self.case_table.setObjectName("caseTable")
        self.case_table.setAccessibleName(self.tr("Cases"))
        advance = self.case_table.fontMetrics().horizontalAdvance
        header = self.case_table.horizontalHeader()
        for column, chars in ((C_ID, 5), (C_OPENED, 16), (C_AGE, 9), (C_AMOUNT, 12),
                              (C_REMAINING, 12), (C_PAYER, 22), (C_TEXT, 30),
                              (C_REASON, 20)):  # fmt: skip
            header.resizeSection(column, advance("0" * chars))
        self.case_table.selectionModel().currentRowChanged.connect(self._on_case_changed)
        self.count_label = QLabel()
        self.count_label.setObjectName("caseCount")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.case_table, 1)
        layout.addWidget(self.count_label)
        return panel

    def _build_detail(self) -> QWidget:
        panel = QWidget()
        self.facts_box = QGroupBox(self.tr("Payment"))
        facts = QFormLayout(self.facts_box)
        self.fact_labels: dict[str, QLabel] = {}
        for key, caption in (
            ("amount", self.tr("Amount:")),
            ("remaining", self.tr("Still to place:")),
            ("payer", self.tr("Payer:")),
            ("text", self.tr("Reference / text:")),
            ("where", self.tr("File:")),
            ("reason", self.tr("Reason:")),
            ("opened", self.tr("Received:")),
            ("status", self.tr("Status:")),
        ):
            label = QLabel()
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(caption, label)
            self.fact_labels[key] = label

        self.suggestions_box = QGroupBox(self.tr("Suggestions"))
        self.suggestion_table = _table(self.suggestion_model, multi=True)
        self.suggestion_table.setObjectName("suggestionTable")
        self.suggestion_table.setAccessibleName(self.tr("Suggested invoices"))
        self.suggestion_table.doubleClicked.connect(lambda _i: self.assign())
        self.suggestion_table.setWordWrap(True)  # the reasons in full, line by line
        self.suggestion_hint = QLabel()
        self.suggestion_hint.setWordWrap(True)
        self.assign_button = QPushButton(self.tr("&Assign …"))
        self.assign_button.setObjectName("assignButton")
        self.assign_button.setToolTip(
            self.tr("Book the payment on the selected invoices (or on one you type in).")
        )
        self.assign_button.clicked.connect(self.assign)
        self.close_case_button = QPushButton(self.tr("Close &without booking …"))
        self.close_case_button.setObjectName("closeCaseButton")
        self.close_case_button.setAutoDefault(False)
        self.close_case_button.clicked.connect(self.close_case)
        actions = QHBoxLayout()
        actions.addWidget(self.assign_button)
        actions.addWidget(self.close_case_button)
        actions.addStretch(1)
        suggestions = QVBoxLayout(self.suggestions_box)
        suggestions.addWidget(self.suggestion_hint)
        suggestions.addWidget(self.suggestion_table, 1)
        suggestions.addLayout(actions)

        self.bookings_box = QGroupBox(self.tr("Bookings of this case"))
        self.booking_table = _table(self.booking_model)
        self.booking_table.setObjectName("caseBookingTable")
        self.booking_table.setAccessibleName(self.tr("Bookings of this case"))
        self.booking_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._update_actions()
        )
        self.reverse_button = QPushButton(self.tr("Re&verse …"))
        self.reverse_button.setObjectName("reverseButton")
        self.reverse_button.setAutoDefault(False)
        self.reverse_button.clicked.connect(self.reverse)
        bookings = QVBoxLayout(self.bookings_box)
        bookings.addWidget(self.booking_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.reverse_button)
        row.addStretch(1)
        bookings.addLayout(row)

        right = QVBoxLayout()
        right.addWidget(self.suggestions_box, 3)
        right.addWidget(self.bookings_box, 2)
        layout = QHBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.facts_box, 2)
        layout.addLayout(right, 5)
        return panel

    def _set_tab_order(self) -> None:
        chain = [
            self.interface_combo, self.mandant_combo, self.reason_combo, self.age_combo,
            self.open_check, self.reload_button, self.all_runs_button, self.case_table,
            self.suggestion_table, self.assign_button, self.close_case_button,
            self.booking_table, self.reverse_button, self.close_button,
        ]  # fmt: skip
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- state that tests and callers read -----------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def selected_case(self) -> CaseView | None:
        return self._selected

    def shown_case_ids(self) -> list[int]:
        proxy = self.case_table.model()
        return [self.case_model.case_at(_source_row(self.case_table, proxy.index(r, 0))).id
                for r in range(proxy.rowCount())]  # fmt: skip

    def select_case(self, case_id: int) -> None:
        row = self.case_model.row_of(case_id)
        if row is None:
            raise KeyError(case_id)
        proxy = self.case_table.model()
        self.case_table.setCurrentIndex(proxy.mapFromSource(self.case_model.index(row, C_ID)))

    def show_run(self, run_id: int | None) -> None:
        """Only the cases ``run_id`` opened (None: all), e.g. from the run window."""
        self._run_id = run_id
        self.run_row.setVisible(run_id is not None)
        if run_id is not None:
            self.run_label.setText(self.tr("Cases opened by run {id}").format(id=run_id))
            self.open_check.setChecked(False)  # shows every case of the run, whatever became
        self.reload()

    # --- loading ------------------------------------------------------------------------

    def _filter(self) -> CaseFilter:
        return CaseFilter(
            open_only=self.open_check.isChecked(),
            interface_id=self.interface_combo.currentData(),
            mandant=self.mandant_combo.currentData(),
            code=self.reason_combo.currentData(),
            older_than_days=self.age_combo.currentData(),
            run_id=self._run_id,
        )

    def reload(self) -> None:
        desk, flt = self._desk, self._filter()
        self._run("cases", lambda: desk.cases(flt), self._cases_loaded)

    def _choices_loaded(self, choices: FilterChoices) -> None:
        self._overdue_days = choices.overdue_days
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
        self.reload()

    def _cases_loaded(self, cases: list[CaseView]) -> None:
        keep = self._selected.id if self._selected is not None else None
        self.case_model.set_cases(cases, self._today(), self._overdue_days)
        overdue = sum(1 for c in cases if self.case_model.is_overdue(c))
        text = self.tr("%n case(s)", "", len(cases))
        if overdue:
            text += " · " + self.tr("%n overdue (older than {days} days)", "", overdue).format(
                days=self._overdue_days
            )
        self.count_label.setText(text)
        row = self.case_model.row_of(keep) if keep is not None else None
        if row is None and cases:
            row = 0
        if row is not None:
            proxy = self.case_table.model()
            self.case_table.setCurrentIndex(proxy.mapFromSource(self.case_model.index(row, C_ID)))
            self._load_detail(self.case_model.case_at(row).id)
        else:
            self._show_detail(None)
        self.casesShown.emit()

    def _on_case_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        case = self.case_model.case_at(_source_row(self.case_table, current))
        if self._selected is None or case.id != self._selected.id:
            self._load_detail(case.id)

    def _load_detail(self, case_id: int) -> None:
        desk = self._desk

        def work() -> tuple:
            case = desk.case(case_id)
            suggestions = desk.suggestions(case_id) if case.status is CaseStatus.OPEN else []
            rights = (desk.may_close(), desk.may_reverse())
            return case, suggestions, desk.bookings(case_id=case_id), rights

        self._run("detail", work, self._detail_loaded)

    def _detail_loaded(self, loaded: tuple) -> None:
        case, suggestions, bookings, (may_close, may_reverse) = loaded
        self._may_close, self._may_reverse = may_close, may_reverse
        self._show_detail(case)
        self.suggestion_model.set_rows(suggestions)
        self.booking_model.set_rows(bookings)
        for column in range(S_REASONS):  # the reasons take the rest, wrapped
            self.suggestion_table.resizeColumnToContents(column)
        self.suggestion_table.resizeRowsToContents()
        self.booking_table.resizeColumnsToContents()
        if suggestions:
            self.suggestion_table.selectRow(0)
            self.suggestion_hint.setText(
                self.tr("Best first. Select one or more invoices, then “Assign …”.")
            )
        elif case.status is CaseStatus.OPEN:
            self.suggestion_hint.setText(
                self.tr("No invoice fits. “Assign …” books on an invoice you type in.")
            )
        else:
            self.suggestion_hint.setText(self.tr("The case is done; nothing to suggest."))
        self._update_actions()
        self.detailShown.emit()

    def _show_detail(self, case: CaseView | None) -> None:
        self._selected = case
        if case is None:
            self._may_close = self._may_reverse = False
            for label in self.fact_labels.values():
                label.clear()
            self.suggestion_model.set_rows([])
            self.booking_model.set_rows([])
            self.suggestion_hint.setText(self.tr("Choose a case to see its suggestions."))
            self._update_actions()
            return
        lang = self._lang
        amount = money_text(case.amount, lang) if case.amount is not None else "—"
        if case.currency != "EUR":
            amount = f"{case.amount} {case.currency}"
        remaining = case.remaining
        texts = {
            "amount": amount,
            "remaining": money_text(remaining, lang) if remaining is not None else "—",
            "payer": " · ".join(p for p in (case.payer_name, case.payer_iban) if p) or "—",
            "text": case.text or case.reference or "—",
            "where": f"{case.file_name}, {case.where}" if case.where else case.file_name,
            "reason": case.reason,
            "opened": f"{timestamp_text(case.opened_at, lang)} "
            f"({age_label(case.age_days(self._today()))})",
            "status": status_label(case.status)
            + (f": {case.close_reason}" if case.close_reason else ""),
        }
        for key, text in texts.items():
            self.fact_labels[key].setText(text)
        self.facts_box.setTitle(self.tr("Payment – case {id}").format(id=case.id))

    def _update_actions(self) -> None:
        case = self._selected
        is_open = case is not None and case.status is CaseStatus.OPEN
        self.assign_button.setEnabled(is_open and not self.busy_with_detail)
        self.assign_button.setDefault(is_open)
        self.close_case_button.setEnabled(is_open and self._may_close)
        self.close_case_button.setToolTip(
            ""
            if self._may_close
            else self.tr("Only administrators may close a case without a booking.")
        )
        booking = self._selected_booking()
        self.reverse_button.setEnabled(
            booking is not None and booking.reversible and self._may_reverse
        )
        self.reverse_button.setToolTip(
            "" if self._may_reverse else self.tr("Only administrators may reverse a booking.")
        )

    @property
    def busy_with_detail(self) -> bool:
        return "detail" in self._running

    def _selected_booking(self):
        index = self.booking_table.currentIndex()
        if not index.isValid():
            return None
        return self.booking_model.booking_at(_source_row(self.booking_table, index))

    def selected_suggestions(self) -> list:
        rows = sorted({_source_row(self.suggestion_table, i)
                       for i in self.suggestion_table.selectionModel().selectedRows()})  # fmt: skip
        return [self.suggestion_model.suggestion_at(r) for r in rows]

    # --- actions ------------------------------------------------------------------------

    def assign(self) -> AssignDialog | None:
        case = self._selected
        if case is None or case.status is not CaseStatus.OPEN:
            return None
        dialog = AssignDialog(self._desk, case, self.selected_suggestions(), self._lang, self)
        self._open_action(dialog, self.tr("Booked."))
        return dialog

    def close_case(self) -> ReasonDialog | None:
        case = self._selected
        if case is None or case.status is not CaseStatus.OPEN:
            return None
        desk, case_id = self._desk, case.id
        dialog = ReasonDialog(
            self.tr("Close case {id} without booking").format(id=case_id),
            self.tr(
                "Nothing is booked; the case is closed with your reason (e.g. “refunded to "
                "the customer”). It is written to the audit log."
            ),
            self.tr("&Close case"),
            lambda reason: desk.close(case_id, reason),
            self._lang,
            self,
        )
        self._open_action(dialog, self.tr("The case is closed."))
        return dialog

    def reverse(self) -> ReasonDialog | None:
        booking = self._selected_booking()
        if booking is None or not booking.reversible:
            return None
        desk, booking_id = self._desk, booking.id
        dialog = ReasonDialog(
            self.tr("Reverse booking {id}").format(id=booking_id),
            self.tr(
                "A counter-booking of {amount} on invoice {number}: its open amount returns "
                "and the payment's case is open again. Nothing is deleted; the reversal is "
                "written to the audit log."
            ).format(amount=money_text(booking.amount, self._lang), number=booking.invoice_number),
            self.tr("&Reverse"),
            lambda reason: desk.reverse(booking_id, reason),
            self._lang,
            self,
        )
        self._open_action(dialog, self.tr("The booking is reversed."))
        return dialog

    def _open_action(self, dialog: QDialog, done: str) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished() -> None:
            self.message_label.show_info(done)
            self.changed.emit()
            self.reload()

        dialog.accepted.connect(finished)
        dialog.open()

    # --- background ---------------------------------------------------------------------

    def _run(self, kind: str, work: Callable[[], Any], success: Callable[[Any], None]) -> None:
        self._generation[kind] += 1
        generation = self._generation[kind]
        self._running.add(kind)
        self._update_busy()

        def current() -> bool:
            return isValid(self) and self._generation[kind] == generation

        def succeeded(result: Any) -> None:
            if current():
                self._running.discard(kind)
                self._update_busy()
                success(result)

        def failed(exc: Exception) -> None:
            if current():
                self._running.discard(kind)
                self._update_busy()
                log.error("reading the cases failed", exc_info=exc)
                self.message_label.show_error(
                    self.tr("The cases could not be read: {detail}").format(
                        detail=error_text(exc, self._lang)
                    )
                )

        Op(work, parent=self).success(succeeded).failure(failed).run_in_background()

    def _update_busy(self) -> None:
        self.progress.setVisible(self.busy)
        if hasattr(self, "assign_button"):
            self._update_actions()
