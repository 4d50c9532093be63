"""Datei → Einstellungen: what this computer's program is like for its user; for now
the language, which applies from the next start."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..language import LANGUAGE_KEY, stored_language
from .widgets.wheel_guard import guard_wheel
from .widgets.wrapped_text import fit_to_text, text_width


class SettingsDialog(QDialog):
    def __init__(self, settings: QSettings, current: str, parent: QWidget | None = None):
        """``current``: the language the program runs in now."""
        super().__init__(parent)
        self._settings = settings
        self._current = current
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        # Each language in its own words: found also by who cannot read the other.
        self.language_combo.addItem(self.tr("As the system"), "")
        self.language_combo.addItem("Deutsch", "de")
        self.language_combo.addItem("English", "en")
        chosen = stored_language(settings) or ""
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(chosen)))
        label = QLabel(self.tr("&Language:"))
        label.setBuddy(self.language_combo)
        form = QFormLayout()
        form.addRow(label, self.language_combo)
        self.note = QLabel(self.tr("A new language applies when the program starts next."))
        self.note.setObjectName("settingsNote")
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.ok_button.setDefault(True)  # inside the dialog by now: it stays the default
        fit_to_text(layout, text_width(self, 48), self.note)
        guard_wheel(self)

    def chosen_language(self) -> str:
        """ "de", "en", or "" (the system's)."""
        return self.language_combo.currentData()

    def accept(self) -> None:
        self._settings.setValue(LANGUAGE_KEY, self.chosen_language())
        self._settings.sync()
        super().accept()
