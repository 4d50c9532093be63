"""A bar above the window's content while the database cannot be reached: what is wrong,
when the next try comes, and a button to try at once. It tries again by itself, waiting
longer after each failure, until a read succeeds (``clear``)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

RETRY_SECONDS = (2, 5, 10, 20, 30)  # after the last, every 30 s
_STYLE = (
    "QFrame#connectionBanner { background: #fce8e6; border: 1px solid #e8a29b;"
    " border-radius: 4px; } QFrame#connectionBanner QLabel { color: #8c1d18; }"
)


class ConnectionBanner(QFrame):
    retry = Signal()  # time for the next try (or the user asked for it)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setStyleSheet(_STYLE)
        self._failures = 0
        self._left = 0
        self._message = ""
        self.label = QLabel()
        self.label.setObjectName("connectionBannerText")
        self.label.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Try again now"))
        self.retry_button.setAutoDefault(False)
        self.retry_button.clicked.connect(self._retry_now)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.retry_button)
        self.hide()

    def is_lost(self) -> bool:
        return self._failures > 0

    def show_lost(self, message: str) -> None:
        """A read failed because the database is not reachable (``message`` says what to
        check): say so, try again later."""
        self._message = message
        delay = RETRY_SECONDS[min(self._failures, len(RETRY_SECONDS) - 1)]
        self._failures += 1
        self._left = delay
        self._show_text()
        self.retry_button.setEnabled(True)
        self._tick.start()
        self.show()

    def clear(self) -> None:
        """A read succeeded: the connection is back."""
        self._failures = 0
        self._tick.stop()
        self.hide()

    def _count_down(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._retry_now()
        else:
            self._show_text()

    def _retry_now(self) -> None:
        self._tick.stop()
        self.retry_button.setEnabled(False)  # until this try has an answer
        self.label.setText(self._message + "\n" + self.tr("Trying again …"))
        self.retry.emit()

    def _show_text(self) -> None:
        again = self.tr("Trying again in %n second(s).", "", self._left)
        self.label.setText(self._message + "\n" + again)
