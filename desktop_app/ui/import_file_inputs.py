"""The inputs of "Datei importieren…": the file, Importart, settle day, file day, Mandanten.

They say what is still missing and make the request the preview plans; the dialog owns
the file itself, the background work and the buttons.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..domain.formats.options import FileDateSource
from ..domain.interface import ImportFormat, OpenItemGuards, SettleUntil
from ..domain.settlement import GuardConfig
from ..jobs.file_import import LoadedFile
from ..jobs.settle_file import ImportRequest
from .money_text import date_text, qt_date_format
from .widgets.checkable_list import CheckableList


class ImportFileInputs(QGroupBox):
    """ "Datei und Einstellungen": every change of a choice emits ``changed``."""

    changed = Signal()

    def __init__(self, lang: str, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("File and settings"))
        self._lang = lang
        self._today = today
        # The day the field was preset to, and where that day came from.
        self._preset: tuple[date | None, FileDateSource | None] = (None, None)
        grid = QGridLayout(self)
        # Columns: label, value | label, Mandant list | the file's "Choose" button.
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        self.browse_button = QPushButton(self.tr("Choose …"))
        grid.addWidget(QLabel(self.tr("File:")), 0, 0)
        grid.addWidget(self.path_edit, 0, 1, 1, 3)
        grid.addWidget(self.browse_button, 0, 4)

        label = (lambda f: f.label_en) if self._lang == "en" else (lambda f: f.label_de)
        self.format_combo = QComboBox()
        for f in ImportFormat:
            self.format_combo.addItem(label(f), f.value)
        self.format_combo.setPlaceholderText(self.tr("Please choose"))
        self.format_combo.setCurrentIndex(-1)
        self.format_combo.currentIndexChanged.connect(self._changed)
        self.detected_label = QLabel()
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_combo)
        format_row.addSpacing(8)
        format_row.addWidget(self.detected_label, 1)
        grid.addWidget(QLabel(self.tr("Import type:")), 1, 0)
        grid.addLayout(format_row, 1, 1)

        self.settle_combo = QComboBox()
        self.fill_settle_combo(future_allowed=False)
        # One width for both choices: they line up under each other.
        width = max(self.format_combo.sizeHint().width(), self.settle_combo.sizeHint().width())
        self.format_combo.setMinimumWidth(width)
        self.settle_combo.setMinimumWidth(width)
        self.settle_combo.currentIndexChanged.connect(self._changed)
        settle_row = QHBoxLayout()
        settle_row.addWidget(self.settle_combo)
        settle_row.addStretch(1)
        grid.addWidget(QLabel(self.tr("Set invoices paid up to:")), 2, 0)
        grid.addLayout(settle_row, 2, 1)

        grid.addWidget(self._build_file_date(), 3, 0)
        date_row = QHBoxLayout()
        date_row.addWidget(self.file_date_edit)
        date_row.addStretch(1)
        grid.addLayout(date_row, 3, 1)

        self.hint_label = QLabel()
        self.hint_label.setObjectName("hint")
        grid.addWidget(self.hint_label, 4, 1)

        self.mandant_list = CheckableList()
        self.mandant_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.mandant_list.setFixedWidth(self.fontMetrics().horizontalAdvance("0" * 32))
        self.mandant_list.changed.connect(self._changed)
        mandant_label = QLabel(self.tr("Clients:"))
        mandant_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(mandant_label, 1, 2)
        grid.addWidget(self.mandant_list, 1, 3, 4, 2)

    def _changed(self, *_args: Any) -> None:
        self.changed.emit()

    def _build_file_date(self) -> QLabel:
        """The day the file was written: an Offene-Posten list does not know the invoices
        of that day and later, so their absence is no payment. Preset from the file's
        modification time once it is read; empty (off) until then."""
        self.file_date_edit = QDateEdit()
        self.file_date_edit.setDisplayFormat(qt_date_format(self._lang))
        self.file_date_edit.setCalendarPopup(True)
        # No file is written later than today (see file_import._not_after). The minimum
        # stays Qt's own: any earlier day (31.12.1999 too) may be a file's real day.
        today = self._today
        self.file_date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.show_file_day(None)
        self.file_date_edit.setEnabled(False)
        tip = self.tr(
            "Invoices dated on or after this day are not taken as paid when an open-items "
            "list leaves them out: the list may not know them yet. Preset: the day the file "
            "was last modified. A date inside the file itself takes precedence."
        )
        self.file_date_edit.setToolTip(tip)
        self.file_date_edit.setAccessibleName(self.tr("File as of"))
        self.file_date_edit.setAccessibleDescription(tip)
        self.file_date_edit.dateChanged.connect(self._changed)
        label = QLabel(self.tr("File &as of:"))
        label.setBuddy(self.file_date_edit)
        label.setToolTip(tip)
        return label

    def show_file_day(self, day: date | None, source: FileDateSource | None = None) -> None:
        """``day`` in the field, or "–" (not a made-up day) while no file is read: the
        minimum shows that mark only then, so that no real day turns into it. ``source``:
        where ``day`` came from, as long as nobody changes it."""
        field = self.file_date_edit
        if day is None:
            field.setSpecialValueText("–")
            field.setDate(field.minimumDate())
            self._preset = (None, None)
            return
        field.setSpecialValueText("")
        field.setDate(QDate(day.year, day.month, day.day))
        # As shown: a day after today is shown as today, which is not what ``source`` said.
        self._preset = (self.file_date(), source if self.file_date() == day else None)

    def fill_settle_combo(self, future_allowed: bool) -> None:
        current = self.settle_combo.currentData() or SettleUntil.TODAY.value
        texts = {
            SettleUntil.YESTERDAY: self.tr("yesterday ({date})"),
            SettleUntil.TODAY: self.tr("today ({date})"),
            SettleUntil.TOMORROW: self.tr("tomorrow ({date})"),
        }
        self.settle_combo.blockSignals(True)
        self.settle_combo.clear()
        for choice, text in texts.items():
            # "morgen" books into the future: only when the chain options allow it.
            if choice is SettleUntil.TOMORROW and not future_allowed:
                continue
            day = date_text(choice.booking_date(self._today), self._lang)
            self.settle_combo.addItem(text.format(date=day), choice.value)
        index = self.settle_combo.findData(current)
        self.settle_combo.setCurrentIndex(index if index >= 0 else 1)
        self.settle_combo.blockSignals(False)

    def file_date(self) -> date:
        """The day the file was written, as the field shows it."""
        return cast(date, self.file_date_edit.date().toPython())  # typed as object

    def file_date_source(self) -> FileDateSource | None:
        """Where the day in the field came from: its preset while it shows that day, else
        the person's hand (typing the preset day back gives it back its source too)."""
        preset, source = self._preset
        if preset is None:
            return None
        return source if self.file_date() == preset else FileDateSource.MANUAL

    def request(
        self, file: LoadedFile | None, guards: OpenItemGuards, file_date: date | None
    ) -> ImportRequest | None:
        """What "Vorschau" plans for ``file``; None while a choice is missing."""
        fmt = self.format_combo.currentData()
        mandants = self.mandant_list.checked()
        if file is None or not fmt or not mandants:
            return None
        return ImportRequest(
            data=file.data,
            file_name=file.name,
            format_id=fmt,
            mandants=mandants,
            settle_until=SettleUntil(self.settle_combo.currentData()),
            today=self._today,
            file_date=file_date,
            file_date_source=self.file_date_source() if file_date is not None else None,
            guards=GuardConfig.of(guards),
        )

    def missing_input(self, file: LoadedFile | None, busy: str | None) -> str:
        """The hint what to choose next; empty when all is there (or the file is read)."""
        if file is None:
            if busy == "reading":
                return ""
            return self.tr("Please choose a file.")
        if not self.format_combo.currentData():
            return self.tr("Please choose the import type.")
        if not self.mandant_list.checked():
            if self.mandant_list.count() == 0 and busy != "loading":
                return self.tr("There is no client yet: please import the invoices first.")
            return self.tr("Please tick at least one client.")
        return ""
