"""One entry of the catalogue in a small dialog: renaming a branch, editing or adding a
Mandant. The catalogue dialog and the interface form's "add in place" share it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.datev_numbers import BERATER_RANGE, MANDANT_RANGE
from .widgets.message_label import MessageLabel


def digits_edit(max_digits: int, value: int | None = None) -> QLineEdit:
    edit = QLineEdit("" if value is None else str(value))
    # Digits only; the range gets a German message on "Add", not a silent refusal.
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{max_digits}}}")))
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * (max_digits + 4))
    return edit


def name_edit(name: str = "") -> QLineEdit:
    # No maximum length: a field with one cuts a pasted name silently and the cut one is
    # saved; the save refuses a long name with its limit instead, keeping what was typed.
    return QLineEdit(name)


class EntryDialog(QDialog):
    """Renaming a branch or editing a Mandant. OK only asks (``submitted``): the catalogue
    dialog saves, then closes this one, or shows in ``message`` why it could not."""

    submitted = Signal()

    def __init__(
        self,
        parent: QWidget,
        title: str,
        fields: list[tuple[str, str, QLineEdit]],
        ok_text: str,
        cancel_text: str,
    ):
        super().__init__(parent)
        self.setObjectName("catalogEntryDialog")
        self.setWindowTitle(title)
        self.fields = {key: edit for key, _label, edit in fields}
        form = QFormLayout()
        # Added before the buttons exist, so that Tab goes through the fields first.
        for key, label, edit in fields:
            edit.setObjectName(f"{key}Field")
            form.addRow(label, edit)
        self.message = MessageLabel()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submitted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # Only now, inside the dialog: made default before, it would not stay default.
        self.ok_button.setDefault(True)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)


def read_mandant(
    name_edit: QLineEdit, berater_edit: QLineEdit, number_edit: QLineEdit, problems: list[str]
) -> tuple[str, int | None, int | None]:
    """Name and DATEV numbers as typed; what is wrong with them goes to ``problems``."""
    name = name_edit.text().strip()
    if not name:
        problems.append(
            QCoreApplication.translate("CatalogDialog", "Please enter the name of the client.")
        )
    berater = _number(
        berater_edit,
        BERATER_RANGE,
        QCoreApplication.translate(
            "CatalogDialog", "The DATEV adviser number has 4 to 7 digits (1001 to 9999999)."
        ),
        problems,
    )
    number = _number(
        number_edit,
        MANDANT_RANGE,
        QCoreApplication.translate(
            "CatalogDialog", "The DATEV client number lies between 1 and 99999."
        ),
        problems,
    )
    return name, berater, number


def _number(
    edit: QLineEdit, allowed: tuple[int, int], message: str, problems: list[str]
) -> int | None:
    text = edit.text().strip()
    if not text:
        return None
    value = int(text)
    if not allowed[0] <= value <= allowed[1]:
        problems.append(message)
        return None
    return value
