"""What a field still lacks on a first start, with a button that sets it up in place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from .test_steps_view import MUTED_COLOR
from .wrapped_label import WrappedLabel


class SetupHint(QWidget):
    """Hidden until ``show_hint``; ``requested`` when its button is pressed."""

    requested = Signal()

    def __init__(self, button_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = WrappedLabel()
        self.label.setObjectName("setupHint")
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, MUTED_COLOR)
        self.label.setPalette(palette)
        self.button = QPushButton(button_text)
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.hide()

    def show_hint(self, text: str, *, with_button: bool) -> None:
        """Say ``text``; the button only for someone allowed to set it up ("" hides all)."""
        self.label.setText(text)
        self.button.setVisible(with_button)
        self.setVisible(bool(text))

    def text(self) -> str:
        """What it says now ("" while hidden)."""
        return "" if self.isHidden() else self.label.text()
