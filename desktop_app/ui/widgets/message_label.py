"""The line of a dialog that says what went wrong (red) or what is happening (plain)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget

from .field_box import ERROR_COLOR


class MessageLabel(QLabel):
    """Hidden while empty; ``text()`` is what the user was told last."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dialogMessage")
        self.setWordWrap(True)
        self.hide()

    def sizeHint(self) -> QSize:
        # At a fixed width (see wrapped_text.fit_to_text) the exact height of the wrapped
        # text, not QLabel's guess for some other width.
        if self.wordWrap() and self.minimumWidth() == self.maximumWidth():
            width = self.maximumWidth()
            return QSize(width, self.heightForWidth(width))
        return super().sizeHint()

    def show_error(self, text: str) -> None:
        self._show(text, error=True)

    def show_info(self, text: str) -> None:
        self._show(text, error=False)

    def clear(self) -> None:
        self._show("", error=False)

    def is_error(self) -> bool:
        return bool(self.property("error"))

    def _show(self, text: str, *, error: bool) -> None:
        self.setText(text)
        self.setProperty("error", error)
        self.setStyleSheet(f"color: {ERROR_COLOR.name()};" if error else "")
        self.setVisible(bool(text))
