"""The view "Rechnungen": the invoices per Mandant, and the bookings of the chosen one.

Read-only but for "Stornieren" (administrators: a booking is reversed by a
counter-booking, asked for with a reason). Every read runs through ``Op`` on a pool
thread; results of a read that a newer one has overtaken (the user changed the filter
meanwhile) are dropped. A chain's ledger may hold millions of invoices: the table shows
at most ``MAX_SHOWN`` of them, while the count and the sum of the open amounts are
computed by the database over all
invoices the filter selects.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..jobs.changes import Change
from ..jobs.view_queries import MAX_INVOICES_SHOWN, InvoiceList
from .changes import refresh_on
from .invoice_table_models import (
    AMOUNT,
    B_AMOUNT,
    B_CREATED,
    B_DATE,
    B_FILE,
    B_LINE,
    B_NO_EXPORT,
    B_NOTE,
    BRANCH,
    DATE,
    MANDANT,
    NUMBER,
    OPEN,
    SORT_ROLE,
    BookingTableModel,
    InvoiceTableModel,
)
from .latest_reads import LatestReads
from .money_text import money_text
from .ops import error_text
from .widgets.screen_fit import resize_within_screen
from .widgets.wheel_guard import guard_wheel

if TYPE_CHECKING:
    from ..jobs.view_queries import ViewQueries
    from ..store.booking_list import BookingRecord
    from .changes import ChangeSignal

log = logging.getLogger(__name__)

SEARCH_PAUSE_MS = 300
MAX_SHOWN = MAX_INVOICES_SHOWN  # rows in the table; the sum and the count always cover all
DEFAULT_SIZE = (1000, 720)


class InvoicesView(QDialog):
    """Invoices by Mandant with their open amounts; below, the chosen one's bookings."""

    invoicesShown = Signal()
    bookingsShown = Signal()
    changed = Signal()  # a booking was reversed here

    def __init__(
        self,
        queries: ViewQueries,
        lang: str = "de",
        parent: QWidget | None = None,
        *,
        changes: ChangeSignal | None = None,
        desk: Callable[[], Any] | None = None,
    ):
        """``changes``: the application's change signal; a booking elsewhere shows here.
        ``desk``: the Klärungsfälle's jobs as the logged-in user (``CaseDesk``), for
        "Stornieren"; without it the bookings are only shown."""
        super().__init__(parent)
        self._queries = queries
        self._desk = desk
        self._may_reverse = False
        self._lang = lang
        self._reads = LatestReads(self, lambda: self._update_busy())
        self._selected_id: int | None = None  # kept across reloads
        self.max_shown = MAX_SHOWN
        self.setWindowTitle(self.tr("Invoices"))
        self.setSizeGripEnabled(True)
        resize_within_screen(self, *DEFAULT_SIZE)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filter())
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._build_invoices())
        splitter.addWidget(self._build_bookings())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        guard_wheel(self)
        self._update_busy()
        self._run("mandants", queries.mandant_names, self._mandants_loaded)
        refresh_on(changes, (Change.LEDGER,), self.reload)
        refresh_on(changes, (Change.CATALOGUE,), self._reload_mandants)

    # --- building ---------------------------------------------------------------------------

    def _build_filter(self) -> QHBoxLayout:
        self.mandant_combo = QComboBox()
        self.mandant_combo.addItem(self.tr("all"), None)
        self.mandant_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mandant_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.open_only_check = QCheckBox(self.tr("Open only"))
        self.open_only_check.setChecked(True)
        self.open_only_check.toggled.connect(lambda _on: self.reload())
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("invoiceSearch")
        self.search_edit.setPlaceholderText(self.tr("Search invoice number or branch"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search invoices"))
        # Asked once the typing pauses: not one database query per key.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.reload_button = QPushButton(self.tr("Refresh"))
        self.reload_button.clicked.connect(self.reload)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Client:")))
        row.addWidget(self.mandant_combo)
        row.addSpacing(12)
        row.addWidget(self.open_only_check)
        row.addSpacing(12)
        row.addWidget(self.search_edit, 1)
        row.addSpacing(12)
        row.addWidget(self.reload_button)
        row.addWidget(self.progress)
        return row

    def _table(self, model: Any) -> tuple[QTableView, QSortFilterProxyModel]:
        """The view and the sorting proxy it shows ``model`` through."""
        view = QTableView()
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view.setModel(proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        vertical = view.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # No sort indicator at first: the ledger's order (Mandant, date, number) stands
        # until the user clicks a column.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        return view, proxy

    def _set_widths(self, view: QTableView, widths: tuple[tuple[int, int], ...]) -> None:
        """Room for ``chars`` digits, and never less than the column's heading needs."""
        advance = view.fontMetrics().horizontalAdvance
        header = view.horizontalHeader()
        for column, chars in widths:
            header.resizeSection(
                column, max(advance("0" * chars), header.sectionSizeFromContents(column).width())
            )

    def _build_invoices(self) -> QWidget:
        panel = QWidget()
        self.invoice_model = InvoiceTableModel(self._lang, self)
        self.invoice_table, self.invoice_proxy = self._table(self.invoice_model)
        self._set_widths(
            self.invoice_table,
            ((NUMBER, 16), (MANDANT, 14), (BRANCH, 20), (DATE, 11), (AMOUNT, 13), (OPEN, 13)),
        )
        self.invoice_table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.sum_label = QLabel()
        self.sum_label.setObjectName("openSum")
        self.sum_label.setStyleSheet("font-weight: bold;")
        self.sum_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.limit_label = QLabel()
        self.limit_label.setWordWrap(True)
        self.limit_label.hide()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.invoice_table, 1)
        layout.addWidget(self.limit_label)
        layout.addWidget(self.sum_label)
        return panel

    def _build_bookings(self) -> QGroupBox:
        self.bookings_box = QGroupBox(self.tr("Bookings"))
        self.booking_model = BookingTableModel(self._lang, self)
        self.booking_table, self.booking_proxy = self._table(self.booking_model)
        self._set_widths(
            self.booking_table,
            (
                (B_DATE, 11),
                (B_AMOUNT, 13),
                (B_FILE, 28),
                (B_LINE, 6),
                (B_NO_EXPORT, 8),
                (B_CREATED, 18),
                (B_NOTE, 24),
            ),
        )
        # The file name takes the spare width; "gebucht am" stays next to the others.
        header = self.booking_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(B_FILE, QHeaderView.ResizeMode.Stretch)
        self.bookings_hint = QLabel(self.tr("Choose an invoice to see its bookings."))
        self.booking_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._update_reverse()
        )
        self.reverse_button = QPushButton(self.tr("Re&verse …"))
        self.reverse_button.setObjectName("invoiceReverseButton")
        self.reverse_button.setAutoDefault(False)
        self.reverse_button.setToolTip(
            self.tr("A counter-booking: the open amount returns; administrators only.")
        )
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.reverse_button.setVisible(self._desk is not None)
        self.reverse_button.setEnabled(False)
        layout = QVBoxLayout(self.bookings_box)
        layout.addWidget(self.bookings_hint)
        layout.addWidget(self.booking_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.reverse_button)
        row.addStretch(1)
        layout.addLayout(row)
        return self.bookings_box

    # --- state that tests and callers read ------------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._reads.running)

    def shown_numbers(self) -> list[str]:
        """The invoice numbers in the table, in its order."""
        proxy = self.invoice_proxy
        return [proxy.index(r, NUMBER).data() for r in range(proxy.rowCount())]

    def select_invoice(self, number: str, mandant: str | None = None) -> None:
        """Select an invoice as a click would; its bookings load in the background."""
        proxy = self.invoice_proxy
        for r in range(proxy.rowCount()):
            invoice = self.invoice_model.invoice_at(proxy.mapToSource(proxy.index(r, 0)).row())
            if invoice.number == number and mandant in (None, invoice.mandant):
                self.invoice_table.setCurrentIndex(proxy.index(r, NUMBER))
                return
        raise KeyError(number)

    def set_mandant(self, name: str | None) -> None:
        self.mandant_combo.setCurrentIndex(self.mandant_combo.findData(name))

    # --- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the invoices again for the current filter (e.g. after an import)."""
        queries, mandant, limit = self._queries, self.mandant_combo.currentData(), self.max_shown
        open_only = self.open_only_check.isChecked()
        search = self.search_edit.text()
        self._search_timer.stop()

        def work() -> InvoiceList:
            return queries.invoices(mandant, open_only, limit, search)

        self._run("invoices", work, self._invoices_loaded)

    def _reload_mandants(self) -> None:
        self._run("mandants", self._queries.mandant_names, self._mandants_loaded)

    def _mandants_loaded(self, names: list[str]) -> None:
        self.mandant_combo.blockSignals(True)
        current = self.mandant_combo.currentData()
        self.mandant_combo.clear()
        self.mandant_combo.addItem(self.tr("all"), None)
        for name in names:
            self.mandant_combo.addItem(name, name)
        index = self.mandant_combo.findData(current)
        self.mandant_combo.setCurrentIndex(max(index, 0))
        self.mandant_combo.blockSignals(False)
        self.reload()

    def _invoices_loaded(self, result: InvoiceList) -> None:
        keep = self._selected_id
        self.invoice_model.set_invoices(result.invoices)
        shown = len(result.invoices)
        if result.count > shown:
            self.limit_label.setText(
                self.tr(
                    "Showing the first {shown} of {count} invoices; choose a client to see "
                    "fewer. The sum covers all of them."
                ).format(
                    shown=_count_text(shown, self._lang),
                    count=_count_text(result.count, self._lang),
                )
            )
            self.limit_label.show()
        else:
            self.limit_label.hide()
        # %Ln: the count with the locale's thousands separator, and the right plural.
        if self.open_only_check.isChecked():
            label = self.tr("Open amount: {amount} (%Ln open invoice(s))", "", result.count)
        else:
            label = self.tr("Open amount: {amount} (of %Ln invoice(s))", "", result.count)
        self.sum_label.setText(label.format(amount=money_text(result.open_sum, self._lang)))
        row = self.invoice_model.row_of(keep) if keep is not None else None
        if keep is not None and row is not None:
            proxy = self.invoice_proxy
            index = proxy.mapFromSource(self.invoice_model.index(row, NUMBER))
            self.invoice_table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._load_bookings(keep)  # they may have changed, too
        else:
            self._clear_bookings()
        self.invoicesShown.emit()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        proxy = self.invoice_proxy
        invoice = self.invoice_model.invoice_at(proxy.mapToSource(current).row())
        if invoice.id != self._selected_id:
            self._load_bookings(invoice.id)

    def _load_bookings(self, invoice_id: int) -> None:
        self._selected_id = invoice_id
        # The desk reads the window's session: taken here, never in the pool thread.
        queries, desk = self._queries, self._desk() if self._desk is not None else None

        def work() -> tuple[list[BookingRecord], bool]:
            may_reverse = desk is not None and desk.may_reverse()
            return queries.bookings_of(invoice_id), may_reverse

        self._run("bookings", work, self._bookings_loaded)

    def _bookings_loaded(self, loaded: tuple[list[BookingRecord], bool]) -> None:
        bookings, self._may_reverse = loaded
        row = self.invoice_model.row_of(self._selected_id) if self._selected_id else None
        invoice = self.invoice_model.invoice_at(row) if row is not None else None
        self.booking_model.set_bookings(bookings)
        if invoice is not None:
            self.bookings_box.setTitle(
                self.tr("Bookings of invoice {number} (client {mandant})").format(
                    number=invoice.number, mandant=invoice.mandant
                )
            )
        self.bookings_hint.setText(self.tr("No bookings yet.") if not bookings else "")
        self.bookings_hint.setVisible(not bookings)
        self._update_reverse()
        self.bookingsShown.emit()

    def selected_booking(self) -> BookingRecord | None:
        index = self.booking_table.currentIndex()
        if not index.isValid():
            return None
        proxy = self.booking_proxy
        return self.booking_model.booking_at(proxy.mapToSource(index).row())

    def select_booking(self, booking_id: int) -> None:
        row = self.booking_model.row_of(booking_id)
        if row is None:
            raise KeyError(booking_id)
        proxy = self.booking_proxy
        self.booking_table.setCurrentIndex(proxy.mapFromSource(self.booking_model.index(row, 0)))

    def _update_reverse(self) -> None:
        booking = self.selected_booking()
        self.reverse_button.setEnabled(
            self._may_reverse and booking is not None and booking.reversible
        )

    def reverse_selected(self):
        """Stornieren: asks for the reason, then reverses in the background."""
        from .case_dialogs import ReasonDialog

        booking = self.selected_booking()
        if self._desk is None or booking is None or not booking.reversible:
            return None
        desk, booking_id = self._desk(), booking.id
        dialog = ReasonDialog(
            self.tr("Reverse booking {id}").format(id=booking_id),
            self.tr(
                "A counter-booking of {amount} on invoice {number}: its open amount returns "
                "and the payment becomes a case to clarify again. Nothing is deleted; the "
                "reversal is written to the audit log."
            ).format(amount=money_text(booking.amount, self._lang), number=booking.invoice_number),
            self.tr("&Reverse"),
            lambda reason: desk.reverse(booking_id, reason),
            self._lang,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._reversed)
        dialog.open()
        return dialog

    def _reversed(self) -> None:
        self.changed.emit()
        self.reload()

    def _clear_bookings(self) -> None:
        """Nothing chosen: an empty bookings table and a hint what to do."""
        self._selected_id = None
        self._reads.drop("bookings")
        self._update_busy()
        self.booking_model.set_bookings([])
        self.reverse_button.setEnabled(False)
        self.bookings_box.setTitle(self.tr("Bookings"))
        self.bookings_hint.setText(self.tr("Choose an invoice to see its bookings."))
        self.bookings_hint.show()

    # --- background -----------------------------------------------------------------------------

    def _run(self, kind: str, work: Callable[[], Any], success: Callable[[Any], None]) -> None:
        def failed(exc: Exception) -> None:
            log.error("reading the ledger failed", exc_info=exc)
            self.sum_label.setText(
                self.tr("The ledger could not be read: {detail}").format(
                    detail=error_text(exc, self._lang)
                )
            )

        self._reads.run(kind, work, success, failed)

    def _update_busy(self) -> None:
        self.progress.setVisible(self.busy)


def _count_text(n: int, lang: str) -> str:
    """``12345`` → ``12.345`` (German thousands dots)."""
    text = f"{n:,}"
    return text if lang == "en" else text.replace(",", ".")
