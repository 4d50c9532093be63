"""A user password: "Eigenes Passwort ändern" (asks for the current one first) or an
administrator's "Passwort zurücksetzen" for another user (does not)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..domain.users import same_password_problem
from .ops import error_text
from .translations import ui_language
from .widgets.message_label import MessageLabel
from .widgets.new_password_rows import NewPasswordRows, password_edit
from .widgets.submit_dialog import SubmitDialog
from .widgets.wrapped_text import fit_to_text, text_width

# Sets the password (in the background): (current password or None, new password).
ApplyPassword = Callable[[str | None, str], None]


class ChangePasswordDialog(SubmitDialog):
    def __init__(
        self,
        user_name: str,
        apply: ApplyPassword,
        *,
        ask_current: bool,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._user_name = user_name
        self._apply = apply
        self.setObjectName("changePasswordDialog")
        if ask_current:
            self.setWindowTitle(self.tr("Change own password"))
            intro_text = self.tr(
                "Enter your current password, then the new one twice. You log in with the "
                "new password from now on."
            )
        else:
            self.setWindowTitle(self.tr("Reset password"))
            intro_text = self.tr(
                "Set a new password for “{name}”. Tell it to the user in person; they can "
                "change it afterwards under “Change own password”."
            ).format(name=user_name)
        intro = QLabel(intro_text)
        intro.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("User:"), QLabel(user_name))
        self.current_edit = None
        if ask_current:
            self.current_edit = password_edit(self.tr("Current password"))
            self.current_edit.setObjectName("currentPasswordEdit")
            current_label = QLabel(self.tr("&Current password:"))
            current_label.setBuddy(self.current_edit)
            form.addRow(current_label, self.current_edit)
        self.passwords = NewPasswordRows(form, self.tr("&New password:"))

        self.message_label = MessageLabel()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("Change password") if ask_current else self.tr("Set password"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.submit_button = self.ok_button
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.passwords.changed.connect(self.message_label.clear)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        fit_to_text(layout, text_width(self), intro, self.passwords.hint, self.message_label)
        (self.current_edit or self.passwords.password_edit).setFocus()

    def accept(self) -> None:
        if self._busy:
            return
        current = self.current_edit.text() if self.current_edit is not None else None
        problems = []
        if current is not None and not current:
            problems.append(self.tr("Please enter your current password."))
        problems += self.passwords.problems(self._user_name)
        if current:
            same = same_password_problem(current, self.passwords.password(), ui_language())
            if same is not None:
                problems.append(same)
        if problems:
            self.message_label.show_error("\n".join(problems))
            return
        apply, new = self._apply, self.passwords.password()
        self._submit(
            lambda: apply(current, new),
            self._saved,
            self._failed,
            self.tr("Saving …"),
        )

    def _saved(self, _result: object) -> None:
        super().accept()

    def _failed(self, exc: Exception) -> None:
        if self.current_edit is not None:
            self.current_edit.clear()
            self.current_edit.setFocus()
        self.message_label.show_error(error_text(exc))

    def busy_widgets(self) -> list[QWidget]:
        widgets = [self.ok_button, self.passwords.password_edit, self.passwords.repeat_edit]
        if self.current_edit is not None:
            widgets.append(self.current_edit)
        return widgets
