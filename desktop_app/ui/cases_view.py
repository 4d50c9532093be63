"""Buchhaltung → Klärungsfälle: the payments no booking has placed yet, filtered by
interface, Mandant, reason and age; for the chosen case its facts, the ranked invoices it
may be meant for, its bookings, and the actions: Zuordnen, Erledigt ohne Buchung,
Stornieren.

The view holds the two halves (``case_list_panel``, ``case_detail_pane``) together, reads
for them and starts the actions. Every read and every action runs through ``Op`` on a
pool thread; a read overtaken by a newer one (the user moved on) is dropped. Keyboard:
the filters, the list, the suggestions and the buttons in that order by Tab; Alt+letter
on each label and button; Enter is "Zuordnen…".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QSplitter, QVBoxLayout, QWidget

from ..domain.cases import CaseStatus
from ..jobs.case_desk import CaseDesk, CaseView, FilterChoices
from .case_detail_pane import CaseDetailPane
from .case_dialogs import AssignDialog, CloseCaseDialog, ReverseBookingDialog
from .case_list_panel import CaseFilterBar, CaseListPanel
from .latest_reads import LatestReads
from .ops import error_text
from .widgets.message_label import MessageLabel
from .widgets.screen_fit import resize_within_screen
from .widgets.wheel_guard import guard_wheel

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1180, 760)


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
        self._reads = LatestReads(self, lambda: self._update_busy())
        self._overdue_days = 14
        self.setObjectName("casesView")
        self.setWindowTitle(self.tr("Payments to clarify"))
        self.setSizeGripEnabled(True)
        resize_within_screen(self, *DEFAULT_SIZE)

        self.filters = CaseFilterBar(run_id, self)
        self.filters.changed.connect(self.reload)
        self.filters.allRunsRequested.connect(lambda: self.show_run(None))
        self.case_list = CaseListPanel(lang, self)
        self.case_list.caseChosen.connect(self._on_case_chosen)
        self.detail = CaseDetailPane(lang, today, self)
        self._connect_actions()
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.case_list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 400])
        layout.addWidget(splitter, 1)
        self.message_label = MessageLabel()
        layout.addWidget(self.message_label)
        layout.addWidget(self._build_close())
        self._set_tab_order()
        guard_wheel(self)
        self.detail.show_case(None)
        self._run("choices", self._desk.filter_choices, self._choices_loaded)

    @property
    def _desk(self) -> CaseDesk:
        return self._desk_of()

    def _connect_actions(self) -> None:
        detail = self.detail
        detail.suggestion_table.doubleClicked.connect(lambda _i: self.assign())
        detail.assign_button.clicked.connect(self.assign)
        detail.close_case_button.clicked.connect(self.close_case)
        detail.reverse_button.clicked.connect(self.reverse)

    def _build_close(self) -> QDialogButtonBox:
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        close.rejected.connect(self.reject)
        return close

    def _set_tab_order(self) -> None:
        f, d = self.filters, self.detail
        chain = [
            f.interface_combo, f.mandant_combo, f.reason_combo, f.age_combo, f.open_check,
            f.reload_button, f.all_runs_button, self.case_list.table, d.suggestion_table,
            d.assign_button, d.close_case_button, d.booking_table, d.reverse_button,
            self.close_button,
        ]  # fmt: skip
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- state that tests and callers read -----------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._reads.running)

    @property
    def busy_with_detail(self) -> bool:
        return "detail" in self._reads.running

    @property
    def selected_case(self) -> CaseView | None:
        return self.detail.case

    def shown_case_ids(self) -> list[int]:
        return self.case_list.shown_ids()

    def select_case(self, case_id: int) -> None:
        self.case_list.select(case_id)

    def show_run(self, run_id: int | None) -> None:
        """Only the cases ``run_id`` opened (None: all), e.g. from the run window."""
        self.filters.show_run(run_id)
        self.reload()

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        desk, flt = self._desk, self.filters.filter()
        self._run("cases", lambda: desk.cases(flt), self._cases_loaded)

    def _choices_loaded(self, choices: FilterChoices) -> None:
        self._overdue_days = choices.overdue_days
        self.filters.add_choices(choices)
        self.reload()

    def _cases_loaded(self, cases: list[CaseView]) -> None:
        keep = self.selected_case.id if self.selected_case is not None else None
        current = self.case_list.show_cases(cases, self._today(), self._overdue_days, keep)
        if current is not None:
            self._load_detail(current.id)
        else:
            self.detail.show_case(None)
        self.casesShown.emit()

    def _on_case_chosen(self, case: CaseView) -> None:
        if self.selected_case is None or case.id != self.selected_case.id:
            self._load_detail(case.id)

    def _load_detail(self, case_id: int) -> None:
        desk = self._desk

        def work() -> tuple:
            case = desk.case(case_id)
            is_open = case.status is CaseStatus.OPEN
            suggestions = desk.suggestions(case_id) if is_open else []
            booked_before = desk.booked_before(case_id, suggestions) if is_open else []
            rights = (desk.may_close(), desk.may_reverse())
            return case, suggestions, desk.bookings(case_id=case_id), rights, booked_before

        self._run("detail", work, self._detail_loaded)

    def _detail_loaded(self, loaded: tuple) -> None:
        self.detail.show_found(*loaded)
        self.detailShown.emit()

    # --- actions ------------------------------------------------------------------------

    def assign(self) -> AssignDialog | None:
        case = self.selected_case
        if case is None or case.status is not CaseStatus.OPEN:
            return None
        chosen = self.detail.selected_suggestions()
        dialog = AssignDialog(self._desk, case, chosen, self._lang, self)
        self._open_action(dialog, self.tr("Booked."))
        return dialog

    def close_case(self) -> CloseCaseDialog | None:
        case = self.selected_case
        if case is None or case.status is not CaseStatus.OPEN:
            return None
        dialog = CloseCaseDialog(self._desk, case.id, self._lang, self)
        self._open_action(dialog, self.tr("The case is closed."))
        return dialog

    def reverse(self) -> ReverseBookingDialog | None:
        booking = self.detail.selected_booking()
        if booking is None or not booking.reversible:
            return None
        dialog = ReverseBookingDialog(self._desk, booking, self._lang, self)
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
        def failed(exc: Exception) -> None:
            log.error("reading the cases failed", exc_info=exc)
            self.message_label.show_error(
                self.tr("The cases could not be read: {detail}").format(
                    detail=error_text(exc, self._lang)
                )
            )

        self._reads.run(kind, work, success, failed)

    def _update_busy(self) -> None:
        self.filters.set_busy(self.busy)
        self.detail.set_loading(self.busy_with_detail)
