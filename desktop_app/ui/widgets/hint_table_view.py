"""A read-only table that fits its width: columns as wide as their content while there
is room, else the widest ones elided (their full text as a tooltip), never a horizontal
scroll bar; and when empty, a hint why instead of a blank area."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QToolTip, QWidget

MIN_COLUMN_CHARS = 4  # an elided column still shows this much (plus the "…")
FIRST_COLUMN_SHARE = 0.4  # the first column (the name) keeps up to this much of the width
CELL_PADDING = 12  # the style's margins around a cell's text


class HintTableView(QTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._hint = ""
        self._fitting = False
        self._user_sized = False  # a column dragged by hand: its widths are the user's
        self._whole: frozenset[int] = frozenset()  # cut after the others (``keep_whole``)
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
        """``columns`` show their values whole while the others can still show a few
        letters each: what a row says at a glance (its run times), not what it describes."""
        self._whole = frozenset(columns)
        self.schedule_fit()

    def fit_columns(self) -> None:
        """Content widths while they fit; else the widest columns share what is left."""
        if self._user_sized or self.model() is None:
            return
        header = self.horizontalHeader()
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not columns:
            return
        full = {c: self.content_width(c) for c in columns}
        available = self.viewport().width()
        # The first column in view (the name) says which row it is: it is cut last.
        first = min(columns, key=header.visualIndex)
        needed = full[first]
        first_width = min(needed, max(self._min_width(), int(available * FIRST_COLUMN_SHARE)))
        wanted = {c: w for c, w in full.items() if c != first}
        rest = available - first_width
        if sum(wanted.values()) > rest:
            # Too narrow for every title: the cells decide, so that a column with short
            # or no values ("Ja", an empty Rechner) leaves its room to those with long
            # ones (the run times); a cut title shows itself as its tooltip.
            wanted = {c: max(self._min_width(), self.sizeHintForColumn(c)) for c in wanted}
        widths = self._share_keeping_whole(wanted, rest)
        left_over = rest - sum(widths.values())
        if needed > first_width and left_over > 0:  # cut while others leave room
            grown = min(needed, first_width + left_over)
            left_over -= grown - first_width
            first_width = grown
        for column in sorted(widths, key=header.visualIndex):  # then the cut titles
            extra = min(left_over, full[column] - widths[column])
            if extra > 0:
                widths[column] += extra
                left_over -= extra
        widths[first] = first_width
        self._fitting = True
        try:
            for column, width in widths.items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _share_keeping_whole(self, wanted: dict[int, int], available: int) -> dict[int, int]:
        minimum = self._min_width()
        whole = {c: w for c, w in wanted.items() if c in self._whole}
        others = {c: w for c, w in wanted.items() if c not in self._whole}
        if not whole:
            return _share(wanted, available, minimum)
        # The others keep a few letters each; what is left goes to the whole ones first.
        kept = _share(whole, max(0, available - minimum * len(others)), minimum)
        return {**_share(others, available - sum(kept.values()), minimum), **kept}

    def content_width(self, column: int) -> int:
        """What ``column`` needs to show every cell and its title in full."""
        return max(self.sizeHintForColumn(column), self.horizontalHeader().sectionSizeHint(column))

    def _min_width(self) -> int:
        return self.fontMetrics().averageCharWidth() * MIN_COLUMN_CHARS + CELL_PADDING

    def _on_section_resized(self, *_args: object) -> None:
        # Only a drag by hand counts: our own fitting and Qt's stretching do not.
        if not self._fitting and self.horizontalHeader().underMouse():
            self._user_sized = True

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
        """The cell's own tooltip, led by its full text when the cell cuts it."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        own = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        if text and self.is_elided(index) and text not in own:
            return f"{text}\n{own}" if own else text
        return own

    def is_elided(self, index: QModelIndex) -> bool:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        needed = self.fontMetrics().horizontalAdvance(text) + CELL_PADDING
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            needed += self.iconSize().width() + 4 if self.iconSize().isValid() else 20
        return needed > self.columnWidth(index.column())


def _share(wanted: dict[int, int], available: int, minimum: int) -> dict[int, int]:
    """Widths for ``wanted`` in ``available``: all in full when they fit, else a common
    cap so that narrow columns stay whole and only the wide ones are cut (water filling)."""
    if sum(wanted.values()) <= available:
        return dict(wanted)
    low, high = minimum, max(wanted.values())
    while low < high:  # the largest cap at which everything still fits
        cap = (low + high + 1) // 2
        if sum(min(w, cap) for w in wanted.values()) <= available:
            low = cap
        else:
            high = cap - 1
    return {column: max(minimum, min(width, low)) for column, width in wanted.items()}
