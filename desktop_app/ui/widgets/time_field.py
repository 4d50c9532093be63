"""A time of day typed as people type it: "10", "1030", "10:30", "7.5" all work.

QTimeEdit refuses anything that is not already "HH:mm" while typing, so "10" did
nothing at all. This field takes the digits, reads them when they make a time, and
writes the time back as "HH:MM" when the user leaves it.
"""

from __future__ import annotations

import re
from datetime import time

from PySide6.QtCore import QRegularExpression, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

_PATTERN = re.compile(r"^(\d{1,2})(?:[:.](\d{1,2})|(\d{2}))?$")
STEP_MINUTES = 5  # Up and Down move the time by this much


def parse_time(text: str) -> time | None:
    """The time ``text`` stands for, or None. "7" is 07:00, "730" and "7.30" 07:30,
    "7:5" 07:05; hours 0-23, minutes 0-59."""
    text = text.strip()
    digits = text.isdigit()
    if digits and len(text) in (3, 4):  # "730", "1030": the last two are the minutes
        hour, minute = int(text[:-2]), int(text[-2:])
    else:
        match = _PATTERN.match(text)
        if match is None:
            return None
        hour = int(match.group(1))
        minute = int(match.group(2) or match.group(3) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class TimeField(QLineEdit):
    """``value()`` is the typed time (None while the text is none); ``timeChanged`` fires
    with each new valid time. ``time()``/``setTime()`` speak QTime like QTimeEdit."""

    timeChanged = Signal(QTime)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value: time | None = None
        self.setPlaceholderText("HH:MM")
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9:.]{0,5}"), self))
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00") * 3)
        self.textChanged.connect(self._on_text_changed)
        self.editingFinished.connect(self._tidy)

    def value(self) -> time | None:
        return self._value

    def time(self) -> QTime:
        value = self._value
        return QTime(value.hour, value.minute) if value is not None else QTime()

    def setTime(self, value: QTime) -> None:
        self.setText(value.toString("HH:mm") if value.isValid() else "")

    def has_unreadable_text(self) -> bool:
        """Text that is no time ("25", "7:99"): the user has to say what was meant."""
        return bool(self.text().strip()) and self._value is None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps: dict[int, int] = {Qt.Key.Key_Up: STEP_MINUTES, Qt.Key.Key_Down: -STEP_MINUTES}
        step = steps.get(event.key())
        if step is not None and self._value is not None and not self.isReadOnly():
            minutes = (self._value.hour * 60 + self._value.minute + step) % (24 * 60)
            self.setText(f"{minutes // 60:02d}:{minutes % 60:02d}")
            return
        super().keyPressEvent(event)

    def _on_text_changed(self, text: str) -> None:
        value = parse_time(text)
        if value != self._value:
            self._value = value
            if value is not None:
                self.timeChanged.emit(QTime(value.hour, value.minute))

    def _tidy(self) -> None:
        # Leaving the field, "10" becomes "10:00": what will be saved, as it will look.
        if self._value is not None and self.text() != f"{self._value:%H:%M}":
            self.setText(f"{self._value:%H:%M}")
