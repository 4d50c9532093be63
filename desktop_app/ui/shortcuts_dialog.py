"""Hilfe → Tastenkürzel: every key the main window answers, in one table."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .widgets.wheel_guard import guard_wheel

# (keys, what they do): keys as a QKeySequence, or a text for what is no single sequence
Row = tuple[QKeySequence | str, str]


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[Row], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        # Too narrow a window wraps an action over more lines rather than cut it.
        self.table.setWordWrap(True)
        rows_header = self.table.verticalHeader()
        rows_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Rows as tall as their text only would crowd it against the grid.
        rows_header.setMinimumSectionSize(self.fontMetrics().lineSpacing() * 3 // 2)
        for row, (keys, text) in enumerate(rows):
            shown = (
                keys.toString(QKeySequence.SequenceFormat.NativeText)
                if isinstance(keys, QKeySequence)
                else keys
            )
            self.table.setItem(row, 0, QTableWidgetItem(shown))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(self._opening_size())
        guard_wheel(self)

    def _opening_size(self) -> QSize:
        """Every row and both columns without scrolling, as far as the screen allows."""
        table = self.table
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        around = QSize(
            margins.left() + margins.right(),
            layout.totalSizeHint().height() - table.sizeHint().height(),
        )
        wanted = self._table_size() + around
        parent = self.parentWidget()
        screen = (parent or self).screen().availableGeometry().size()
        if parent is not None:  # less a window frame like the parent's
            screen -= parent.frameGeometry().size() - parent.size()
        return wanted.boundedTo(screen)

    def _table_size(self) -> QSize:
        """The table with every text on one line."""
        table = self.table
        model = table.model()
        grid = 1 if table.showGrid() else 0
        header = table.horizontalHeader()
        width = sum(
            max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
            for column in range(model.columnCount())
        )
        least_row = table.verticalHeader().minimumSectionSize()
        height = header.sizeHint().height() + sum(
            max(
                least_row,
                *(table.sizeHintForIndex(model.index(row, column)).height() + grid
                  for column in range(model.columnCount())),
            )
            for row in range(model.rowCount())
        )  # fmt: skip
        frame = 2 * table.frameWidth()
        return QSize(width + frame, height + frame)

    def rows(self) -> list[tuple[str, str]]:
        """The table as shown: (keys, action)."""
        return [(self._text(r, 0), self._text(r, 1)) for r in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
