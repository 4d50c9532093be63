"""Hilfe → Handbuch: docs/handbuch.md, or docs/manual.md in English, shown inside the
program."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..resources import handbook_file
from .translations import ui_language
from .widgets.screen_fit import resize_within_screen


class HandbookDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, lang: str | None = None):
        """``lang``: the window's language; None: the one the program started in."""
        super().__init__(parent)
        self.setObjectName("handbookDialog")
        self.setWindowTitle(self.tr("Manual"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("handbookText")
        self.browser.setAccessibleName(self.tr("Manual"))
        self.browser.setOpenExternalLinks(True)
        path = handbook_file(lang or ui_language())
        try:
            path.read_text(encoding="utf-8")  # unreadable: said below, not a blank page
        except OSError:
            self.browser.setPlainText(
                self.tr("The manual could not be read: {path}").format(path=path)
            )
        else:
            # As a source, not as text: a link to the other manual then opens it, and
            # Back (Alt+Left) returns; set as text, the link showed a blank page.
            self.browser.setSource(
                QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        resize_within_screen(self, metrics.averageCharWidth() * 110, metrics.height() * 45)
        self.browser.setFocus()
