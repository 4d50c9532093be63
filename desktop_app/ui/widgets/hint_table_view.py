"""A read-only table that fits its width: columns as wide as their content while there
is room, else the widest ones elided (their full text as a tooltip), never a horizontal
scroll bar; and when empty, a hint why instead of a blank area."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QAbstractItemModel, QByteArray, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QToolTip, QWidget

from .column_widths import ColumnNeeds, FitRules, fit_or_hide, fit_widths

MIN_COLUMN_CHARS = 4  # an elided column still shows this much (plus the "…")
SQUEEZED_COLUMN_CHARS = 2  # ... unless the columns kept whole need that room
# The first column (the name) says which row it is: it keeps this much before the columns
# kept whole are cut, and up to FIRST_COLUMN_SHARE of the width before the others widen.
FIRST_COLUMN_MIN_CHARS = 12
FIRST_COLUMN_SHARE = 0.4
CELL_PADDING = 12  # about the style's margins around a cell's text
# A column that may give way (``hide_unreadable``) is hidden rather than shown without its
# title whole or this many letters of its values (unless it needs less): narrower, it
# shows "…" or a word's start, which tells nothing and looks broken; its values go to
# the first column's tooltip instead.
READABLE_COLUMN_CHARS = 6


class HintTableView(QTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._hint = ""
        self._fitting = False
        self._user_sized = False  # a column dragged by hand: its widths are the user's
        self._whole: frozenset[int] = frozenset()  # cut after the others (``keep_whole``)
        self._hide_unreadable = False  # ``hide_unreadable``: off, the columns are cut instead
        # Hidden by the fitting, apart from columns hidden by the user or other code: only
        # these come back when the room grows.
        self._fit_hidden: frozenset[int] = frozenset()
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_columns)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._on_section_resized)

    # --- the hint -------------------------------------------------------------------------

    def set_empty_hint(self, text: str) -> None:
        """What the empty table says (word-wrapped, in the middle)."""
        if text != self._hint:
            self._hint = text
            self.viewport().update()

    def empty_hint(self) -> str:
        """The hint shown now: "" while the table has rows."""
        model = self.model()
        return self._hint if model is None or model.rowCount() == 0 else ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        hint = self.empty_hint()
        if not hint:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(12, 12, -12, -12)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, hint)

    # --- the columns ----------------------------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (
                model.modelReset,
                model.layoutChanged,
                model.rowsInserted,
                model.rowsRemoved,
                model.dataChanged,
            ):
                signal.connect(self.schedule_fit)

    def schedule_fit(self, *_args: object) -> None:
        """Fit the columns once the current changes are done (many signals, one fit)."""
        self._fit_timer.start()

    def keep_whole(self, *columns: int) -> None:
        """``columns`` show their values whole while the first column keeps its minimum
        and the others a few letters each: what a row says at a glance (its run times),
        before what it describes."""
        self._whole = frozenset(columns)
        self.schedule_fit()

    def hide_unreadable(self, on: bool = True) -> None:
        """Too narrow, the columns other than the first and those kept whole are hidden
        rather than cut to a few letters (see ``READABLE_COLUMN_CHARS``), and shown again
        when the room grows; the first column's tooltip says what they would show."""
        self._hide_unreadable = on
        self.schedule_fit()

    def fit_hidden(self) -> frozenset[int]:
        """The columns the fitting hides now for want of room."""
        return self._fit_hidden

    def header_state(self) -> QByteArray:
        """The header's state to remember: the columns hidden for want of room count as
        shown (the next start's width decides about them)."""
        header = self.horizontalHeader()
        with self._own_changes():
            for column in self._fit_hidden:
                header.setSectionHidden(column, False)
            state = header.saveState()
            for column in self._fit_hidden:
                header.setSectionHidden(column, True)
        return state

    def fit_columns(self) -> None:
        """Content widths while they fit; else the columns give way in the order of
        ``fit_widths``: the kept ones last but for the first column's minimum."""
        if self._user_sized or self.model() is None:
            return
        header = self.horizontalHeader()
        # A model reset may have shown them again: only what is still hidden counts.
        self._fit_hidden = frozenset(c for c in self._fit_hidden if header.isSectionHidden(c))
        columns = [
            c
            for c in range(header.count())
            if not header.isSectionHidden(c) or c in self._fit_hidden
        ]
        if not columns:
            return
        # A hidden section measures as empty: shown again while the widths are worked out
        # (no paint comes in between), its title counts as before.
        with self._own_changes():
            for column in self._fit_hidden:
                header.setSectionHidden(column, False)
        # Too narrow for every title, the cells decide, so that a column with short or
        # no values ("Ja", an empty Rechner) leaves its room to those with long ones (the
        # run times); a cut title shows itself as its tooltip.
        needs = {c: ColumnNeeds(self.sizeHintForColumn(c), self.content_width(c)) for c in columns}
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        rules = FitRules(
            # Less than the style's least section is not shown anyway.
            squeezed=max(header.minimumSectionSize(), char * SQUEEZED_COLUMN_CHARS + CELL_PADDING),
            minimum=self._min_width(),
            first_minimum=char * FIRST_COLUMN_MIN_CHARS
            + metrics.horizontalAdvance("…")
            + CELL_PADDING,
            first_share=FIRST_COLUMN_SHARE,
        )
        order = sorted(columns, key=header.visualIndex)
        available = self.viewport().width()
        if self._hide_unreadable:
            readable = {c: self._readable_width(c, needs[c]) for c in order}
            widths, hidden = fit_or_hide(needs, order, available, self._whole, rules, readable)
        else:
            widths, hidden = fit_widths(needs, order, available, self._whole, rules), []
        with self._own_changes():
            for column in order:
                header.setSectionHidden(column, column in hidden)
            self._fit_hidden = frozenset(hidden)
            for column, width in widths.items():
                header.resizeSection(column, width)

    @contextmanager
    def _own_changes(self) -> Iterator[None]:
        """Sections hidden, shown or resized by the view itself: no drag by the user."""
        self._fitting = True
        try:
            yield
        finally:
            self._fitting = False

    def content_width(self, column: int) -> int:
        """What ``column`` needs to show every cell and its title in full."""
        return max(self.sizeHintForColumn(column), self.horizontalHeader().sectionSizeHint(column))

    def _readable_width(self, column: int, needs: ColumnNeeds) -> int:
        letters = self.fontMetrics().averageCharWidth() * READABLE_COLUMN_CHARS + CELL_PADDING
        title = self.horizontalHeader().sectionSizeHint(column)
        return min(needs.full, max(title, letters))

    def _min_width(self) -> int:
        return self.fontMetrics().averageCharWidth() * MIN_COLUMN_CHARS + CELL_PADDING

    def _on_section_resized(self, *_args: object) -> None:
        # Only a drag by hand counts: our own fitting and Qt's stretching do not.
        if not self._fitting and self.horizontalHeader().underMouse():
            self._user_sized = True
            self._show_fit_hidden()

    def _show_fit_hidden(self) -> None:
        # The widths are the user's from now on and the fitting stops: a column it hid
        # for want of room would otherwise stay out of reach until the next start.
        header = self.horizontalHeader()
        hidden, self._fit_hidden = self._fit_hidden, frozenset()
        with self._own_changes():
            for column in hidden:
                header.setSectionHidden(column, False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.schedule_fit()

    # --- tooltips of cut cells ------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            if index.isValid():
                tip = self.cell_tooltip(index)
                if tip:
                    QToolTip.showText(
                        event.globalPos(), tip, self.viewport(), self.visualRect(index)
                    )
                else:
                    QToolTip.hideText()
                return True
        return super().viewportEvent(event)

    def cell_tooltip(self, index: QModelIndex) -> str:
        """The cell's own tooltip, led by its full text when the cell cuts it; the first
        column's adds what the columns hidden for want of room would show."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        own = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        if text and self.is_elided(index) and text not in own:
            own = f"{text}\n{own}" if own else text
        if self._fit_hidden and index.column() == self._first_shown():
            lines = [own] if own else []
            lines += self.hidden_values(index)
            return "\n".join(lines)
        return own

    def hidden_values(self, index: QModelIndex) -> list[str]:
        """What the columns hidden for want of room show in ``index``'s row, as "Title:
        value" lines in the header's order (the titles as translated as the header's)."""
        model, header = index.model(), self.horizontalHeader()
        lines = []
        for column in sorted(self._fit_hidden, key=header.visualIndex):
            value = str(index.siblingAtColumn(column).data(Qt.ItemDataRole.DisplayRole) or "")
            if value:
                title = model.headerData(column, Qt.Orientation.Horizontal)
                lines.append(f"{title}: {value}")
        return lines

    def _first_shown(self) -> int:
        header = self.horizontalHeader()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        return min(shown, key=header.visualIndex) if shown else -1

    def is_elided(self, index: QModelIndex) -> bool:
        # The delegate's own measure (text, icon and margins), as the column widths are
        # fitted: a cell as wide as its size hint shows whole. The grid takes a pixel.
        room = self.columnWidth(index.column()) - (1 if self.showGrid() else 0)
        return self.sizeHintForIndex(index).width() > room
