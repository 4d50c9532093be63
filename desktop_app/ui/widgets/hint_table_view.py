"""A table that says why it is empty instead of showing a blank area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QTableView, QWidget


class HintTableView(QTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._hint = ""

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
