"""An optional date: a checkbox that switches a date field on. Unchecked means "none"."""

from __future__ import annotations

from datetime import date
from typing import cast

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from ..money_text import qt_date_format


class OptionalDateEdit(QWidget):
    changed = Signal()

    def __init__(self, check_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(check_text, self)
        self.edit = QDateEdit(self)
        self.edit.setDisplayFormat(qt_date_format())
        self.edit.setCalendarPopup(True)
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        return cast(date, self.edit.date().toPython())  # PySide6 types toPython as object

    def set_value(self, value: date | None) -> None:
        # An empty value still shows today, so ticking the box starts from a sensible day.
        self.edit.setDate(
            QDate(value.year, value.month, value.day) if value is not None else QDate.currentDate()
        )
        self.check.setChecked(value is not None)
