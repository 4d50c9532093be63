"""The eye button's question: "enter your own password" before a stored one is shown.

The check (argon2, then the keyring read) runs in the background; the dialog only shows
the outcome. What is allowed, the attempt count and the lock are decided in
``jobs.password_reveal``, which also writes every attempt to the audit log. A password
field only announces that it may reveal (``revealRequested``); ``offer_reveal`` answers
that with this dialog, so the reusable widget does not depend on it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.users import MAX_PASSWORD_FAILURES, PASSWORD_LOCK_DURATION
from ..jobs.password_reveal import RevealOutcome, RevealResult
from .ops import Op, error_text
from .translations import ui_language
from .widgets.message_label import MessageLabel
from .widgets.password_field import PasswordField, RevealAccess
from .widgets.submit_dialog import SubmitDialog
from .widgets.wrapped_text import fit_to_text, text_width

if TYPE_CHECKING:
    from ..jobs.credentials import SecretRef

_STYLE = "QLabel#revealNote { color: palette(placeholder-text); }"


class RevealDialog(SubmitDialog):
    """Opened with ``open()`` by the password field; emits ``secret_shown`` once, then
    closes. Wrong entries keep it open with the attempts left; a lock disables it."""

    secret_shown = Signal(str)

    def __init__(
        self, access: RevealAccess, key: SecretRef, target: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._access = access
        self._key = key
        self._target = target
        self._blocked = False  # locked or not allowed: no further attempt from here
        self.setObjectName("revealDialog")
        self.setWindowTitle(self.tr("Show stored password"))
        self.setStyleSheet(_STYLE)

        intro = QLabel(
            self.tr(
                "The stored password of “{target}” is shown only after you have entered "
                "your own password."
            ).format(target=target)
            if target
            else self.tr("The stored password is shown only after you have entered your own.")
        )
        intro.setWordWrap(True)
        note = QLabel(
            self.tr(
                "Every view and every wrong entry is written to the audit log. After {count} "
                "wrong entries in a row, here or at the login, showing passwords and logging "
                "in are locked for {minutes} minutes."
            ).format(
                count=MAX_PASSWORD_FAILURES,
                minutes=int(PASSWORD_LOCK_DURATION.total_seconds() // 60),
            )
        )
        note.setObjectName("revealNote")
        note.setWordWrap(True)

        form = self._build_form(access.user_name)

        self.message_label = MessageLabel()
        self.message_label.setObjectName("revealMessage")

        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        fit_to_text(layout, text_width(self), intro, note, self.message_label)
        self.password_edit.setFocus()
        self._check_lock()

    def _build_form(self, user_name: str) -> QFormLayout:
        self.user_label = QLabel(user_name)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("ownPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.password_edit.setAccessibleName(self.tr("Your own password"))
        self.password_edit.textEdited.connect(lambda _text: self.message_label.clear())
        form = QFormLayout()
        form.addRow(self.tr("Logged in as:"), self.user_label)
        password_label = QLabel(self.tr("Your &password:"))
        password_label.setBuddy(self.password_edit)
        form.addRow(password_label, self.password_edit)
        return form

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.show_button = self.buttons.addButton(
            self.tr("Show"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit_button = self.show_button
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # --- the check --------------------------------------------------------------------------

    def _check_lock(self) -> None:
        access = self._access

        def locked(until: datetime | None) -> None:
            if until is not None and isValid(self):
                self._block(self._locked_text(until))

        # Opening the dialog does not wait for the database; a lock shows a moment later.
        Op(access.reveal_locked_until, parent=self).success(locked).failure(
            lambda _exc: None  # the attempt itself will say what is wrong
        ).run_in_background()

    def accept(self) -> None:
        """ "Show": check the password in the background; close only when it was right."""
        if self._busy or self._blocked:
            return
        password = self.password_edit.text()
        if not password:
            self._show_message(self.tr("Please enter your own password."))
            self.password_edit.setFocus()
            return
        access, key, target = self._access, self._key, self._target
        self._submit(
            lambda: access.reveal(password, key, target),
            self._on_result,
            self._on_error,
            self.tr("Checking …"),
        )

    def _on_result(self, result: RevealResult) -> None:
        if not self.isVisible():
            return  # cancelled meanwhile: the attempt is logged, nothing is shown
        outcome = result.outcome
        if outcome is RevealOutcome.SHOWN and result.secret is not None:
            self.secret_shown.emit(result.secret)
            super().accept()
            return
        self.password_edit.clear()
        if outcome is RevealOutcome.WRONG_PASSWORD:
            left = result.attempts_left or 0
            self._show_message(self.tr("The password is wrong. %n attempt(s) left.", "", left))
            self.password_edit.setFocus()
        elif outcome is RevealOutcome.LOCKED:
            self._block(self._locked_text(result.locked_until))
        elif outcome is RevealOutcome.NOT_ALLOWED:
            self._block(
                self.tr(
                    "Only administrators may see stored passwords, and only while the chain "
                    "option allows it."
                )
            )
        elif outcome is RevealOutcome.NOTHING_STORED:
            self._block(self.tr("No password is stored in the keyring."))
        else:  # the keyring failed: its own message says what to do; a retry may work
            self._show_message(result.text(ui_language()))

    def _on_error(self, exc: Exception) -> None:
        self._show_message(
            self.tr("The password could not be checked: {detail}").format(detail=error_text(exc))
        )

    def _locked_text(self, until: datetime | None) -> str:
        if until is None:
            return self.tr("Too many wrong entries: showing passwords is locked for a while.")
        return self.tr("Too many wrong entries: showing passwords is locked until {time}.").format(
            time=until.astimezone().strftime("%H:%M")
        )

    def _block(self, message: str) -> None:
        self._blocked = True
        self.password_edit.setEnabled(False)
        self.show_button.setEnabled(False)
        self._show_message(message)

    def busy_widgets(self) -> list[QWidget]:
        return [self.password_edit, self.show_button]

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        if self._blocked:  # a blocked dialog takes no more input, busy or not
            for widget in self.busy_widgets():
                widget.setEnabled(False)

    def _show_message(self, text: str) -> None:
        self.message_label.show_error(text)


def offer_reveal(field: PasswordField) -> None:
    """Answer ``field``'s eye button with this dialog (the owner of a field calls this)."""
    field.revealRequested.connect(lambda: ask_own_password(field))


def ask_own_password(field: PasswordField) -> RevealDialog | None:
    """Open the question over ``field``; the password it then reads goes back to the field,
    which decides once more whether to show it."""
    access, key = field.reveal_access(), field.secret_key()
    if access is None or key is None:
        return None
    dialog = RevealDialog(access, key, field.target(), parent=field)
    dialog.secret_shown.connect(lambda secret: field.reveal_with(key, secret))
    dialog.finished.connect(lambda _result: field.forget_prompt(dialog))
    field.set_prompt(dialog)
    dialog.open()
    return dialog
