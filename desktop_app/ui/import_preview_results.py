"""The lower half of "Datei importieren…": what the plan would book, as a banner, the
totals, the Offene-Posten checks and a row per booking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.interface import ImportFormat
from ..domain.settlement import GuardConfig
from .import_plan_model import AMOUNT, LINE, NUMBER, STATUS, TO_BOOK, ImportPlanModel
from .money_text import date_text, money_text
from .ops import error_text

if TYPE_CHECKING:
    from ..jobs.file_import import Preview
    from ..jobs.settle_file import ImportResult

STYLE = """
QLabel#hint { color: #8a5300; }
QLabel#banner { padding: 8px; border-radius: 4px; }
QLabel#banner[kind="error"] { background: #fce8e6; color: #8c1d18; border: 1px solid #e8a29b; }
QLabel#banner[kind="warning"] { background: #fef3e0; color: #6b4100; border: 1px solid #f0c27b; }
QLabel#banner[kind="success"] { background: #e6f4ea; color: #0d5223; border: 1px solid #9fd3ad; }
QLabel#banner[kind="info"] { background: #e8f0fe; color: #174ea6; border: 1px solid #a8c7fa; }
"""


class ImportPreviewResults(QGroupBox):
    """Shows a preview, a booking, an error or nothing."""

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(self.tr("Preview"), parent)
        self._lang = lang
        layout = QVBoxLayout(self)
        self.banner = self._selectable_label("banner")
        layout.addWidget(self.banner)
        self.totals_label = self._selectable_label("")
        layout.addWidget(self.totals_label)
        self.guards_box = QGroupBox(self.tr("Checks for open items"))
        guards_layout = QVBoxLayout(self.guards_box)
        self.guards_label = QLabel()
        self.guards_label.setWordWrap(True)
        self.guards_label.setTextFormat(Qt.TextFormat.RichText)
        guards_layout.addWidget(self.guards_label)
        layout.addWidget(self.guards_box)
        self.model = ImportPlanModel(lang, self)
        self.table = self._build_table()
        layout.addWidget(self.table, 1)
        self.show_nothing()

    @staticmethod
    def _selectable_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        vertical = table.verticalHeader()
        vertical.hide()
        # Fixed row heights: the view never measures a million rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table = table
        self._fit_header()
        return table

    # --- what the dialog shows ----------------------------------------------------------------

    def show_nothing(self) -> None:
        self.model.set_plan(None)
        self.banner.hide()
        self.totals_label.clear()
        self.guards_box.hide()

    def show_error(self, exc: Exception) -> None:
        self.model.set_plan(None)
        self.totals_label.clear()
        self.guards_box.hide()
        self.set_banner("error", error_text(exc, self._lang))

    def show_preview(self, preview: Preview, notice: str = "") -> None:
        """``notice``: why the plan was made again, shown above what it says."""
        result, plan = preview.result, preview.result.plan
        open_items = ImportFormat(preview.request.format_id).has_open_items_semantics
        self.model.set_plan(plan, preview.missing, open_items)
        self._fit_header()  # "Wäre zu buchen", "Offen in Datei": titles change with the plan
        kind, text = self._verdict(preview)
        self.set_banner(kind, text)
        if notice:
            self.set_banner("warning", notice + "\n" + self.banner.text())
        self._show_totals(result)
        self._show_guards(result)

    def _verdict(self, preview: Preview) -> tuple[str, str]:
        """The banner's kind and text for a plan."""
        from ..jobs.settle_file import ImportOutcome

        result, plan = preview.result, preview.result.plan
        if result.outcome is ImportOutcome.FAILED and result.error is not None:
            return "error", error_text(result.error, self._lang)
        if result.outcome is ImportOutcome.DUPLICATE:
            return "warning", self.tr(
                "This file (the same content) has already been booked. It is not booked again."
            )
        if plan is not None and plan.refused:
            return "error", self.tr("Refused, nothing will be booked: {reason}").format(
                reason=plan.refused_reason.text(self._lang) if plan.refused_reason else ""
            )
        if result.outcome is not ImportOutcome.BOOKED or plan is None:
            return "info", self.tr("Nothing to book: no row settles an open invoice.")
        if preview.overriding:
            text = self.tr(
                "Checks passed by on your request: %n booking(s) totalling {amount}, dated "
                "{date}. “Book” books this file once and writes it to the audit log.",
                "",
                plan.totals.bookings,
            )
            kind = "warning"
        else:
            text = self.tr(
                "Ready to book: %n booking(s) totalling {amount}, dated {date}, "
                "flagged “do not export”.",
                "",
                plan.totals.bookings,
            )
            kind = "info"
        return kind, text.format(
            amount=money_text(plan.totals.booked_amount, self._lang),
            date=date_text(plan.booking_date, self._lang),
        )

    def show_booked(self, result: ImportResult) -> None:
        self.set_banner(
            "success",
            self.tr(
                "Booked: %n booking(s) totalling {amount}, dated {date}.", "", result.booked_count
            ).format(
                amount=money_text(result.booked_amount, self._lang),
                date=date_text(result.plan.booking_date, self._lang) if result.plan else "",
            ),
        )

    def set_banner(self, kind: str, text: str) -> None:
        self.banner.setProperty("kind", kind)
        self.banner.setText(text)
        # A changed dynamic property needs the style sheet applied again.
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def banner_kind(self) -> str:
        return str(self.banner.property("kind") or "")

    # --- internals ----------------------------------------------------------------------------

    def _show_totals(self, result: ImportResult) -> None:
        plan = result.plan
        if plan is None:
            self.totals_label.clear()
            return
        t = plan.totals
        parts = [
            self.tr("Rows: {n}").format(n=t.rows),
            self.tr("Matched: {n}").format(n=len(plan.matches)),
            self.tr("Bookings: {n}").format(n=t.bookings),
            self.tr("Amount: {amount}").format(amount=money_text(t.booked_amount, self._lang)),
            self.tr("Surplus: {amount}").format(amount=money_text(t.surplus_amount, self._lang)),
            self.tr("Rows with a note: {n}").format(n=t.reported_rows),
        ]
        if t.invoices_in_scope is not None:
            parts.append(self.tr("Open invoices in scope: {n}").format(n=t.invoices_in_scope))
        self.totals_label.setText("   ·   ".join(parts))

    def _fit_header(self) -> None:
        """Each column wide enough for its values and its whole title."""
        header = self.table.horizontalHeader()
        widths = ((LINE, 6), (NUMBER, 20), (AMOUNT, 15), (STATUS, 18), (TO_BOOK, 12))
        for column, chars in widths:
            values = self.fontMetrics().horizontalAdvance("0" * chars)
            header.resizeSection(column, max(values, header.sectionSizeHint(column)))

    def _show_guards(self, result: ImportResult) -> None:
        guards = result.plan.guards if result.plan else ()
        if not guards:
            self.guards_box.hide()
            return
        names = {
            "empty": self.tr("Data rows"),
            "older": self.tr("File date"),
            "share": self.tr("Share of open invoices"),
        }
        lines = []
        for g in guards:
            mark, color = ("✔", "#1b5e20") if g.passed else ("✘", "#b3261e")
            name = names.get(g.name, g.name)
            lines.append(
                f'<span style="color:{color}">{mark}</span> <b>{_html(name)}:</b> '
                f"{_html(g.text(self._lang))}"
            )
        why = self._guard_explanations()
        notes = [why[g.name] for g in guards if g.name in why]
        text = "<br>".join(lines)
        if notes:
            text += '<p style="color:#6b6b6b">' + "<br>".join(_html(n) for n in notes) + "</p>"
        self.guards_label.setText(text)
        self.guards_box.show()

    def _guard_explanations(self) -> dict[str, str]:
        """What each check of an open-items file protects against."""
        limit = GuardConfig().max_share
        share = f"{limit * 100:.0f} %" if limit is not None else ""
        return {
            "empty": self.tr(
                "An open-items file lists what is still open: whatever it leaves out counts "
                "as paid. An empty file would mark every open invoice paid, so it is refused."
            ),
            "older": self.tr(
                "A file older than the last one read would mark as open again what was paid "
                "since; it is refused."
            ),
            "share": self.tr(
                "A file may settle at most {share} of the open invoices at once: more looks "
                "like an incomplete or wrong list rather than payments, and nothing is booked."
            ).format(share=share),
        }


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
