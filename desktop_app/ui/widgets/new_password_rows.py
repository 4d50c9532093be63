"""A new user password, typed twice, with the rules shown under it.

Used by the first-administrator dialog, "Neuer Benutzer", "Passwort zurücksetzen" and
"Eigenes Passwort ändern". The rules themselves are the domain's (``password_problems``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from ...domain.users import MIN_PASSWORD_LENGTH, password_problems
from ..translations import ui_language


def password_edit(accessible_name: str) -> QLineEdit:
    """A line edit for a password: masked, no context menu (nothing to copy out)."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    edit.setAccessibleName(accessible_name)
    return edit


class NewPasswordRows(QObject):
    """Two password rows plus a hint, added to a dialog's form layout."""

    changed = Signal()

    def __init__(self, form: QFormLayout, label: str | None = None):
        super().__init__(form)
        self.password_edit = password_edit(self.tr("New password"))
        self.password_edit.setObjectName("newPasswordEdit")
        self.repeat_edit = password_edit(self.tr("Repeat the new password"))
        self.repeat_edit.setObjectName("repeatPasswordEdit")
        self.hint = QLabel(
            self.tr(
                "At least {count} characters, no spaces at the start or end, not the same "
                "as the user name."
            ).format(count=MIN_PASSWORD_LENGTH)
        )
        self.hint.setWordWrap(True)
        palette = self.hint.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
        )
        self.hint.setPalette(palette)
        first = QLabel(label or self.tr("&Password:"))
        first.setBuddy(self.password_edit)
        second = QLabel(self.tr("&Repeat:"))
        second.setBuddy(self.repeat_edit)
        form.addRow(first, self.password_edit)
        form.addRow(second, self.repeat_edit)
        form.addRow(self.hint)  # across both columns: the dialog gives it its width
        self.password_edit.textEdited.connect(lambda _t: self.changed.emit())
        self.repeat_edit.textEdited.connect(lambda _t: self.changed.emit())

    def password(self) -> str:
        return self.password_edit.text()

    def problems(self, user_name: str) -> list[str]:
        """Messages in the window's language; empty when the password may be set."""
        password = self.password_edit.text()
        problems = password_problems(password, user_name=user_name, lang=ui_language())
        if password != self.repeat_edit.text():
            problems.append(self.tr("The two passwords do not match."))
        return problems

    def clear(self) -> None:
        self.password_edit.clear()
        self.repeat_edit.clear()
