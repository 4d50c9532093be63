"""The lower half of the Klärungsfälle: the chosen case's payment, the invoices it may be
meant for, its bookings, and the buttons of the actions (enabled by the case's state and
the user's rights)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.case_suggestions import Suggestion
from ..domain.cases import CaseStatus
from ..domain.same_payment import BookedBefore
from ..jobs.case_desk import BookingRecord, CaseView
from .case_list_panel import sorted_table, source_row
from .case_table_models import S_REASONS, CaseBookingTableModel, SuggestionTableModel
from .case_texts import age_label, case_status_text
from .money_text import money_text, timestamp_text
from .widgets.field_box import ERROR_COLOR


class CaseDetailPane(QWidget):
    """Shows one case (``show_case``, then ``show_found`` once its suggestions and
    bookings are read); the view connects the action buttons."""

    def __init__(
        self,
        lang: str = "de",
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._lang, self._today = lang, today
        self.case: CaseView | None = None
        self._may_close = self._may_reverse = False
        self._loading = False
        self.suggestion_model = SuggestionTableModel(lang, self)
        self.booking_model = CaseBookingTableModel(lang, self)
        right = QVBoxLayout()
        right.addWidget(self._build_suggestions(), 3)
        right.addWidget(self._build_bookings(), 2)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_facts(), 2)
        layout.addLayout(right, 5)

    # --- building ---------------------------------------------------------------------

    def _build_facts(self) -> QGroupBox:
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
        return self.facts_box

    def _build_suggestions(self) -> QGroupBox:
        self.suggestions_box = QGroupBox(self.tr("Suggestions"))
        self.suggestion_table = sorted_table(self.suggestion_model, multi=True)
        self.suggestion_table.setObjectName("suggestionTable")
        self.suggestion_table.setAccessibleName(self.tr("Suggested invoices"))
        self.suggestion_table.setWordWrap(True)  # the reasons in full, line by line
        self.suggestion_hint = QLabel()
        self.suggestion_hint.setWordWrap(True)
        # The payment booked another way already (a corrected file): close, do not book.
        self.booked_before_label = QLabel()
        self.booked_before_label.setObjectName("bookedBeforeHint")
        self.booked_before_label.setWordWrap(True)
        self.booked_before_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.booked_before_label.setStyleSheet(f"color: {ERROR_COLOR.name()};")
        self.booked_before_label.hide()
        self.assign_button = QPushButton(self.tr("&Assign …"))
        self.assign_button.setObjectName("assignButton")
        self.assign_button.setToolTip(
            self.tr("Book the payment on the selected invoices (or on one you type in).")
        )
        self.close_case_button = QPushButton(self.tr("Close &without booking …"))
        self.close_case_button.setObjectName("closeCaseButton")
        self.close_case_button.setAutoDefault(False)
        actions = QHBoxLayout()
        actions.addWidget(self.assign_button)
        actions.addWidget(self.close_case_button)
        actions.addStretch(1)
        suggestions = QVBoxLayout(self.suggestions_box)
        suggestions.addWidget(self.booked_before_label)
        suggestions.addWidget(self.suggestion_hint)
        suggestions.addWidget(self.suggestion_table, 1)
        suggestions.addLayout(actions)
        return self.suggestions_box

    def _build_bookings(self) -> QGroupBox:
        self.bookings_box = QGroupBox(self.tr("Bookings of this case"))
        self.booking_table = sorted_table(self.booking_model)
        self.booking_table.setObjectName("caseBookingTable")
        self.booking_table.setAccessibleName(self.tr("Bookings of this case"))
        self.booking_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._update_actions()
        )
        self.reverse_button = QPushButton(self.tr("Re&verse …"))
        self.reverse_button.setObjectName("reverseButton")
        self.reverse_button.setAutoDefault(False)
        bookings = QVBoxLayout(self.bookings_box)
        bookings.addWidget(self.booking_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.reverse_button)
        row.addStretch(1)
        bookings.addLayout(row)
        return self.bookings_box

    # --- showing ------------------------------------------------------------------------

    def show_case(self, case: CaseView | None) -> None:
        """The payment's facts (None: nothing chosen, everything cleared)."""
        self.case = case
        if case is None:
            self._may_close = self._may_reverse = False
            for label in self.fact_labels.values():
                label.clear()
            self.suggestion_model.set_rows([])
            self.booking_model.set_rows([])
            self.show_booked_before([])
            self.suggestion_hint.setText(self.tr("Choose a case to see its suggestions."))
            self._update_actions()
            return
        for key, text in self._fact_texts(case).items():
            self.fact_labels[key].setText(text)
        self.facts_box.setTitle(self.tr("Payment – case {id}").format(id=case.id))

    def _fact_texts(self, case: CaseView) -> dict[str, str]:
        lang = self._lang
        amount = money_text(case.amount, lang) if case.amount is not None else "—"
        if case.currency != "EUR":
            amount = f"{case.amount} {case.currency}"
        remaining = case.remaining
        return {
            "amount": amount,
            "remaining": money_text(remaining, lang) if remaining is not None else "—",
            "payer": " · ".join(p for p in (case.payer_name, case.payer_iban) if p) or "—",
            "text": case.text or case.reference or "—",
            "where": case.file_place(lang),
            "reason": case.reason_text(lang),
            "opened": f"{timestamp_text(case.opened_at, lang)} "
            f"({age_label(case.age_days(self._today()))})",
            "status": case_status_text(case, lang),
        }

    def show_found(
        self,
        case: CaseView,
        suggestions: Sequence[Suggestion],
        bookings: Sequence[BookingRecord],
        rights: tuple[bool, bool],
        booked_before: Sequence[BookedBefore] = (),
    ) -> None:
        """The case with its suggestions and bookings; ``rights``: (may close without a
        booking, may reverse); ``booked_before``: bookings of its payment made another
        way (see ``CaseDesk.booked_before``)."""
        self._may_close, self._may_reverse = rights
        self.show_case(case)
        self.show_booked_before(booked_before)
        self.suggestion_model.set_rows(list(suggestions))
        self.booking_model.set_rows(list(bookings))
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

    def show_booked_before(self, booked_before: Sequence[BookedBefore]) -> None:
        text = "\n".join(b.hint(self._lang) for b in booked_before)
        self.booked_before_label.setText(text)
        self.booked_before_label.setVisible(bool(text))

    def set_loading(self, loading: bool) -> None:
        """While a case is read, what is shown may be the last one's: no Zuordnen."""
        self._loading = loading
        self._update_actions()

    def _update_actions(self) -> None:
        is_open = self.case is not None and self.case.status is CaseStatus.OPEN
        self.assign_button.setEnabled(is_open and not self._loading)
        self.assign_button.setDefault(is_open)
        self.close_case_button.setEnabled(is_open and self._may_close)
        self.close_case_button.setToolTip(
            ""
            if self._may_close
            else self.tr("Only administrators may close a case without a booking.")
        )
        booking = self.selected_booking()
        self.reverse_button.setEnabled(
            booking is not None and booking.reversible and self._may_reverse
        )
        self.reverse_button.setToolTip(
            "" if self._may_reverse else self.tr("Only administrators may reverse a booking.")
        )

    # --- what is selected ---------------------------------------------------------------

    def selected_booking(self) -> BookingRecord | None:
        index = self.booking_table.currentIndex()
        if not index.isValid():
            return None
        return self.booking_model.booking_at(source_row(self.booking_table, index))

    def selected_suggestions(self) -> list[Suggestion]:
        rows = sorted({source_row(self.suggestion_table, i)
                       for i in self.suggestion_table.selectionModel().selectedRows()})  # fmt: skip
        return [self.suggestion_model.suggestion_at(r) for r in rows]
