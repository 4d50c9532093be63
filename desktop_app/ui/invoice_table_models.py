"""Table models of the invoices view: the invoices, and one invoice's bookings.

Sorting goes through ``SORT_ROLE``: amounts sort by whole cents (exact integers), dates
by their ISO text, so a proxy never compares ``Decimal`` or display text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from .money_text import cents, date_text, money_text, timestamp_text
from .row_table_model import Index, RowTableModel

if TYPE_CHECKING:
    from ..store.booking_list import BookingRecord
    from ..store.ledger import InvoiceView

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

NUMBER, MANDANT, BRANCH, DATE, AMOUNT, OPEN, STATUS = range(7)
B_DATE, B_AMOUNT, B_FILE, B_LINE, B_NO_EXPORT, B_CREATED, B_NOTE = range(7)

OPEN_COLOR = QColor("#8a5300")
PAID_COLOR = QColor("#1b5e20")

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class InvoiceTableModel(RowTableModel["InvoiceView"]):
    def __init__(self, lang: str = "de", parent: QObject | None = None):
        super().__init__(parent)
        self._lang = lang
        self._headers = (
            self.tr("Number"),
            self.tr("Client"),
            self.tr("Branch"),
            self.tr("Date"),
            self.tr("Amount"),
            self.tr("Open"),
            self.tr("Status"),
        )
        self._open_text = self.tr("open")
        self._paid_text = self.tr("paid")

    def set_invoices(self, invoices: Sequence[InvoiceView]) -> None:
        self.set_rows(invoices)

    def invoice_at(self, row: int) -> InvoiceView:
        return self.row_at(row)

    def row_of(self, invoice_id: int) -> int | None:
        return next((r for r, i in enumerate(self._rows) if i.id == invoice_id), None)

    def status_text(self, invoice: InvoiceView) -> str:
        return self._open_text if invoice.is_open else self._paid_text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        invoice, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                NUMBER: invoice.number,
                MANDANT: invoice.mandant,
                BRANCH: invoice.branch or "",
                DATE: date_text(invoice.invoice_date, self._lang),
                AMOUNT: money_text(invoice.amount, self._lang),
                OPEN: money_text(invoice.open_amount, self._lang),
                STATUS: self.status_text(invoice),
            }.get(column)
        if role == SORT_ROLE:
            return {
                DATE: invoice.invoice_date.isoformat(),
                AMOUNT: cents(invoice.amount),
                OPEN: cents(invoice.open_amount),
            }.get(column, self.data(index, Qt.ItemDataRole.DisplayRole))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (DATE, AMOUNT, OPEN) else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QBrush(OPEN_COLOR if invoice.is_open else PAID_COLOR)
        return None


class BookingTableModel(RowTableModel["BookingRecord"]):
    def __init__(self, lang: str = "de", parent: QObject | None = None):
        super().__init__(parent)
        self._lang = lang
        self._headers = (
            self.tr("Date"),
            self.tr("Amount"),
            self.tr("File"),
            self.tr("Line"),
            self.tr("Do not export"),
            self.tr("Booked on"),
            self.tr("Reversal"),
        )
        self._yes, self._no = self.tr("yes"), self.tr("no")

    def set_bookings(self, bookings: Sequence[BookingRecord]) -> None:
        self.set_rows(bookings)

    def booking_at(self, row: int) -> BookingRecord:
        return self.row_at(row)

    def row_of(self, booking_id: int) -> int | None:
        return next((r for r, b in enumerate(self._rows) if b.id == booking_id), None)

    def note(self, b: BookingRecord) -> str:
        if b.reverses_id is not None:
            return self.tr("Reverses booking {id} ({who}): {reason}").format(
                id=b.reverses_id, who=b.created_by, reason=b.note
            )
        if b.reversed_by_id is not None:
            return self.tr("Reversed")
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                B_DATE: date_text(b.booking_date, self._lang),
                B_AMOUNT: money_text(b.amount, self._lang),
                B_FILE: b.file_name,
                # An Offene-Posten invoice missing from the file has no line.
                B_LINE: str(b.source_line) if b.source_line is not None else "—",
                B_NO_EXPORT: self._yes if b.no_export else self._no,
                B_CREATED: timestamp_text(b.created_at, self._lang),
                B_NOTE: self.note(b),
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (B_FILE, B_NOTE):
            return b.file_name if column == B_FILE else self.note(b)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (B_DATE, B_AMOUNT, B_LINE, B_CREATED) else _LEFT
        return None
