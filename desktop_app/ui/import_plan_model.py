"""The rows of a settlement plan as a table: what each line of the file would do.

A plan may hold a million rows; ``SettlementPlan.rows`` builds each ``RowResult`` on
access, so this model asks for a row only when the view paints it and keeps the last
few it built (a view asks for every cell and role of a row separately).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..domain.formats.text import normalise_invoice_number
from ..domain.settlement import Booking, RowResult, RowStatus, SettlementPlan
from .money_text import money_text

LINE, NUMBER, AMOUNT, STATUS, TO_BOOK, REASON = range(6)
COLUMN_COUNT = 6

_CACHE_SIZE = 256

BOOKED_COLOR = QColor("#1b5e20")
WARNING_COLOR = QColor("#8a5300")
PROBLEM_COLOR = QColor("#b3261e")
QUIET_COLOR = QColor("#5f6368")

_Index = QModelIndex | QPersistentModelIndex

#: Rows rightly left unbooked that need nobody, shown grey: no money waits on them and
#: they open no Klärungsfall. The list agrees with the ledger (or adds to a row above); it
#: names an invoice dated after the booking date, which a later list settles; it says
#: more is open than is, as a list older than a payment booked since does (never taken
#: back); or the payment was booked, or its case dealt with, before. A debit or an amount
#: not above zero, a storno and a credit note are no money received: the product does not
#: book them on purpose, so red (something went wrong) would mislead; the status says why.
_NEEDS_NOBODY = frozenset(
    {
        RowStatus.UNCHANGED,
        RowStatus.COMBINED,
        RowStatus.OUT_OF_SCOPE,
        RowStatus.NEGATIVE_DIFFERENCE,
        RowStatus.DUPLICATE,
        RowStatus.NOT_MONEY_IN,
        RowStatus.REVERSAL,
        RowStatus.CREDIT_NOTE,
    }
)


class ImportPlanModel(QAbstractTableModel):
    """One table row per row of the file, then the Offene-Posten invoices missing from
    the file (they are booked, yet have no line of their own)."""

    def __init__(self, lang: str = "de", parent: QObject | None = None):
        super().__init__(parent)
        self._lang = lang
        self._plan: SettlementPlan | None = None
        self._missing: Sequence[Booking] = ()
        self._open_items = False
        self._cache: dict[int, RowResult] = {}
        self._status_texts = {
            RowStatus.BOOKED: self.tr("Payment"),
            RowStatus.OVERPAID: self.tr("Overpaid"),
            RowStatus.NOT_MONEY_IN: self.tr("No payment"),
            RowStatus.REVERSAL: self.tr("Reversal"),
            RowStatus.RETURN: self.tr("Returned payment"),
            RowStatus.NOT_A_PAYMENT: self.tr("No payment posting"),
            RowStatus.NO_CUSTOMER_ACCOUNT: self.tr("No customer account"),
            RowStatus.PENDING: self.tr("Pending"),
            RowStatus.DUPLICATE: self.tr("Already booked"),
            RowStatus.POSSIBLE_DUPLICATE: self.tr("Possibly booked"),
            RowStatus.POSSIBLE_MATCH: self.tr("Possible match"),
            RowStatus.OTHER_MANDANT: self.tr("Other client"),
            RowStatus.FOREIGN_CURRENCY: self.tr("Foreign currency"),
            RowStatus.NO_REFERENCE: self.tr("No invoice number"),
            RowStatus.NOT_FOUND: self.tr("Not found"),
            RowStatus.AMBIGUOUS: self.tr("Ambiguous"),
            RowStatus.ALREADY_SETTLED: self.tr("Already settled"),
            RowStatus.UNCHANGED: self.tr("Unchanged"),
            RowStatus.COMBINED: self.tr("Combined"),
            RowStatus.OUT_OF_SCOPE: self.tr("Out of scope"),
            RowStatus.NEGATIVE_DIFFERENCE: self.tr("Negative difference"),
            RowStatus.CREDIT_NOTE: self.tr("Credit note"),
        }
        self._missing_text = self.tr("Missing from file")

    # -- filling ------------------------------------------------------------------------

    def set_plan(
        self, plan: SettlementPlan | None, missing: Sequence[Booking] = (), open_items: bool = False
    ) -> None:
        """Show ``plan``; ``missing`` are its bookings without a line (Offene Posten)."""
        self.beginResetModel()
        self._plan = plan
        self._missing = missing
        self._open_items = open_items
        self._cache.clear()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    @property
    def refused(self) -> bool:
        return self._plan is not None and self._plan.refused

    def status_text(self, status: RowStatus) -> str:
        return self._status_texts[status]

    # -- reading ------------------------------------------------------------------------

    def _file_rows(self) -> int:
        return len(self._plan.rows) if self._plan is not None else 0

    def row_result(self, row: int) -> RowResult | None:
        """The file row shown at ``row``; None for a missing-invoice row."""
        if self._plan is None or row >= self._file_rows():
            return None
        found = self._cache.get(row)
        if found is None:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            found = self._cache[row] = self._plan.rows[row]
        return found

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._file_rows() + len(self._missing)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == AMOUNT and self._open_items:
            return self.tr("Open in file")
        if section == TO_BOOK and self.refused:
            return self.tr("Would book")  # a refused plan books nothing at all
        return {
            LINE: self.tr("Line"),
            NUMBER: self.tr("Invoice number"),
            AMOUNT: self.tr("Amount"),
            STATUS: self.tr("Status"),
            TO_BOOK: self.tr("To book"),
            REASON: self.tr("Note / reason"),
        }.get(section)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        result = self.row_result(row)
        if result is None:
            missing = self._missing[row - self._file_rows()]
            return self._missing_data(missing, column, role)
        return self._row_data(result, column, role)

    def _money(self, value: Decimal | None) -> str:
        return "" if value is None else money_text(value, self._lang)

    def _row_data(self, r: RowResult, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == LINE:
                return str(r.line) if r.line is not None else r.where(self._lang)
            if column == NUMBER:
                return self._number_text(r)
            if column == AMOUNT:
                return self._money(r.amount) if r.amount is not None else "—"
            if column == STATUS:
                return self._status_texts[r.status]
            if column == TO_BOOK:
                return self._money(r.booked) if r.booked > 0 else ""
            if column == REASON:
                return r.reason_text(self._lang)
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == REASON and r.reason:
                return r.reason_text(self._lang)  # long reasons are cut off in the column
            if column == AMOUNT and r.amount is None:
                return self.tr("No amount in the file: the whole open amount is booked.")
        elif role == Qt.ItemDataRole.ForegroundRole and column in (STATUS, TO_BOOK):
            return QBrush(self._status_color(r))
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        return None

    def _number_text(self, r: RowResult) -> str:
        reference = r.reference_raw or ""
        number = r.invoice_number
        if number is None and r.possible_invoices and r.status is RowStatus.POSSIBLE_MATCH:
            maybe = ", ".join(r.possible_invoices) + " ?"  # only a person may say yes
            return f"{reference} → {maybe}" if reference else maybe
        if number and normalise_invoice_number(number) != normalise_invoice_number(reference):
            # Matched by its digits, or found in a longer text: say which invoice it is.
            return f"{reference} → {number}" if reference else number
        return reference or "—"

    def _status_color(self, r: RowResult) -> QColor:
        if self.refused:
            return QUIET_COLOR
        if r.status is RowStatus.OVERPAID:
            return WARNING_COLOR
        if r.booked > 0:
            return BOOKED_COLOR
        if r.status in _NEEDS_NOBODY or self._stays_settled(r):
            return QUIET_COLOR
        if r.status in (RowStatus.POSSIBLE_MATCH, RowStatus.POSSIBLE_DUPLICATE):
            return WARNING_COLOR  # for a person to decide
        return PROBLEM_COLOR

    def _stays_settled(self, r: RowResult) -> bool:
        """An invoice paid before that the row leaves as it is: an open-items list older
        than the payment, or a payment row naming no amount ("the whole open amount").
        A payment of an amount for it is money to place, a Klärungsfall, and no such row."""
        return r.status is RowStatus.ALREADY_SETTLED and (self._open_items or r.amount is None)

    def _missing_data(self, b: Booking, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                LINE: "—",
                NUMBER: b.invoice_number,
                AMOUNT: "—",
                STATUS: self._missing_text,
                TO_BOOK: self._money(b.amount),
                REASON: self.tr("{note}: counts as paid in full.").format(note=b.note(self._lang)),
            }.get(column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (STATUS, TO_BOOK):
            return QBrush(BOOKED_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        return None

    @staticmethod
    def _alignment(column: int) -> Qt.AlignmentFlag:
        horizontal = (
            Qt.AlignmentFlag.AlignRight
            if column in (LINE, AMOUNT, TO_BOOK)
            else Qt.AlignmentFlag.AlignLeft
        )
        return horizontal | Qt.AlignmentFlag.AlignVCenter
