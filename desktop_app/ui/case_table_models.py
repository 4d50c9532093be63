"""Table models of the Klärungsfälle view: the cases, a case's suggestions, its bookings.

Amounts sort by whole cents and dates by their ISO text (``SORT_ROLE``); a case older
than the chain's limit is drawn bold on a warm background.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..domain.case_suggestions import Suggestion
from ..domain.cases import CaseStatus
from ..jobs.case_desk import BookingRecord, CaseView
from .case_texts import age_label, case_status_label, reason_label
from .money_text import cents, date_text, money_text, timestamp_text
from .row_table_model import Index, RowTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_BACKGROUND = QColor("#fde2dd")
OVERDUE_TEXT = QColor("#8b1a10")

(C_ID, C_OPENED, C_AGE, C_AMOUNT, C_REMAINING, C_PAYER, C_TEXT, C_REASON, C_STATUS,
 C_INTERFACE, C_FILE) = range(11)  # fmt: skip
S_NUMBER, S_MANDANT, S_CUSTOMER, S_OPEN, S_SCORE, S_REASONS = range(6)
B_DATE, B_INVOICE, B_AMOUNT, B_BY, B_NOTE = range(5)

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _amount(value, lang: str) -> str:
    return "—" if value is None else money_text(value, lang)


class CaseTableModel(RowTableModel[CaseView]):
    def __init__(self, lang: str = "de", parent: QObject | None = None):
        super().__init__(parent)
        self._lang = lang
        self.today = date.today()
        self.overdue_days = 14
        self._headers = (
            self.tr("No."),
            self.tr("Received"),
            self.tr("Age"),
            self.tr("Amount"),
            self.tr("To place"),
            self.tr("Payer"),
            self.tr("Reference / text"),
            self.tr("Reason"),
            self.tr("Status"),
            self.tr("Interface"),
            self.tr("File"),
        )

    def set_cases(self, cases: Sequence[CaseView], today: date, overdue_days: int) -> None:
        self.today, self.overdue_days = today, overdue_days
        self.set_rows(cases)

    def case_at(self, row: int) -> CaseView:
        return self.row_at(row)

    def row_of(self, case_id: int) -> int | None:
        return next((r for r, c in enumerate(self._rows) if c.id == case_id), None)

    def is_overdue(self, case: CaseView) -> bool:
        return case.status is CaseStatus.OPEN and case.age_days(self.today) > self.overdue_days

    def _text(self, case: CaseView, column: int) -> str:
        lang = self._lang
        where = case.file_place(lang)
        return {
            C_ID: str(case.id),
            C_OPENED: timestamp_text(case.opened_at, lang),
            C_AGE: age_label(case.age_days(self.today)),
            C_AMOUNT: _amount(case.amount, lang),
            C_REMAINING: _amount(case.remaining, lang),
            C_PAYER: case.payer_name,
            C_TEXT: case.text or case.reference,
            C_REASON: reason_label(case.code),
            C_STATUS: case_status_label(case),
            C_INTERFACE: case.interface or "",
            C_FILE: where,
        }[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(case, column)
        if role == SORT_ROLE:
            if column in (C_ID, C_AGE):
                return case.id if column == C_ID else -case.opened_at.timestamp()
            if column == C_OPENED:
                return case.opened_at.isoformat()
            if column in (C_AMOUNT, C_REMAINING):
                value = case.amount if column == C_AMOUNT else case.remaining
                return cents(value) if value is not None else -1
            return self._text(case, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (C_TEXT, C_FILE):
                return self._text(case, column)
            if column == C_REASON:
                return case.reason_text(self._lang)
            if self.is_overdue(case):
                return self.tr("Open for more than %n day(s)", "", self.overdue_days)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (C_ID, C_AGE, C_AMOUNT, C_REMAINING) else _LEFT
        if self.is_overdue(case):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(OVERDUE_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(OVERDUE_TEXT)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None


class SuggestionTableModel(RowTableModel[Suggestion]):
    def __init__(self, lang: str = "de", parent: QObject | None = None):
        super().__init__(parent)
        self._lang = lang
        self._headers = (
            self.tr("Invoice"),
            self.tr("Client"),
            self.tr("Customer"),
            self.tr("Open"),
            self.tr("Points"),
            self.tr("Why"),
        )

    def suggestion_at(self, row: int) -> Suggestion:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if role == SORT_ROLE and column in (S_OPEN, S_SCORE):
                return cents(s.open_amount) if column == S_OPEN else s.score
            return {
                S_NUMBER: s.number,
                S_MANDANT: s.mandant,
                S_CUSTOMER: s.customer,
                S_OPEN: money_text(s.open_amount, self._lang),
                S_SCORE: str(s.score),
                S_REASONS: "\n".join(r.text(self._lang) for r in s.reasons),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == S_REASONS:
            return "\n".join(r.text(self._lang) for r in s.reasons)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (S_OPEN, S_SCORE) else _LEFT
        return None


class CaseBookingTableModel(RowTableModel[BookingRecord]):
    """A case's (or an invoice's) bookings, each storno beside what it reversed."""

    def __init__(self, lang: str = "de", parent: QObject | None = None):
        super().__init__(parent)
        self._lang = lang
        self._headers = (
            self.tr("Date"),
            self.tr("Invoice"),
            self.tr("Amount"),
            self.tr("Booked by"),
            self.tr("Note"),
        )

    def booking_at(self, row: int) -> BookingRecord:
        return self.row_at(row)

    def note(self, b: BookingRecord) -> str:
        if b.reverses_id is not None:
            return self.tr("Reversal of booking {id}: {reason}").format(
                id=b.reverses_id, reason=b.note
            )
        if b.reversed_by_id is not None:
            return self.tr("Reversed (booking {id})").format(id=b.reversed_by_id)
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if role == SORT_ROLE and column in (B_DATE, B_AMOUNT):
                return b.booking_date.isoformat() if column == B_DATE else cents(b.amount)
            return {
                B_DATE: date_text(b.booking_date, self._lang),
                B_INVOICE: b.invoice_number,
                B_AMOUNT: money_text(b.amount, self._lang),
                B_BY: b.created_by or self.tr("Import"),
                B_NOTE: self.note(b),
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (B_DATE, B_AMOUNT) else _LEFT
        return None
