"""Logging in at start: name and password, checked in the background (argon2 takes a
moment), every attempt audited. Five wrong passwords in a row lock the name on this
computer (and its eye button) for five minutes; a name no user has is answered and locked
just the same, so the dialog never tells which names exist. The very first start asks
for the first administrator.

Loads no database code itself: at start-up the dialog shows while the database still
opens behind it (``app``), and only its check waits for that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .new_user_dialog import NewUserDialog
from .ops import error_text
from .widgets.message_label import MessageLabel
from .widgets.new_password_rows import password_edit
from .widgets.submit_dialog import SubmitDialog
from .widgets.wrapped_text import fit_to_text, text_width

if TYPE_CHECKING:
    from ..domain.users import User
    from ..jobs.user_session import LoginAttempt
    from ..store.audit import AuditLog
    from ..store.users import UserRepository

# Name and password → the audited attempt; called on a pool thread, never the GUI's.
LoginCheck = Callable[[str, str], "LoginAttempt"]


def login_check(users: UserRepository, audit_log: AuditLog) -> LoginCheck:
    """The check of ``users`` (each attempt audited in ``audit_log``)."""

    def check(name: str, password: str) -> LoginAttempt:
        from ..jobs.user_session import log_in

        return log_in(users, audit_log, name, password)

    return check


class LoginDialog(SubmitDialog):
    """``user`` holds the logged-in user after the dialog was accepted. Rejecting it
    (Beenden, the window's close button) ends the program, so Esc does nothing here."""

    escape_cancels = False

    def __init__(
        self,
        check: LoginCheck,
        parent: QWidget | None = None,
        *,
        name: str = "",
    ):
        super().__init__(parent)
        self._check = check
        self.user: User | None = None
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in"))

        intro = QLabel(self.tr("Please log in with your user name and password."))
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("loginNameEdit")
        self.password_edit = password_edit(self.tr("Password"))
        self.password_edit.setObjectName("loginPasswordEdit")
        form = QFormLayout()
        name_label = QLabel(self.tr("User &name:"))
        name_label.setBuddy(self.name_edit)
        password_label = QLabel(self.tr("&Password:"))
        password_label.setBuddy(self.password_edit)
        form.addRow(name_label, self.name_edit)
        form.addRow(password_label, self.password_edit)

        self.message_label = MessageLabel()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit_button = self.ok_button
        buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name_edit.textEdited.connect(lambda _t: self.message_label.clear())
        self.password_edit.textEdited.connect(lambda _t: self.message_label.clear())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        fit_to_text(layout, text_width(self, 48), intro, self.message_label)
        (self.password_edit if name else self.name_edit).setFocus()

    def accept(self) -> None:
        if self._busy:
            return
        name = self.name_edit.text().strip()
        password = self.password_edit.text()
        if not name or not password:
            self.message_label.show_error(self.tr("Please enter your user name and password."))
            return
        check = self._check
        self._submit(
            lambda: check(name, password),
            self._checked,
            self._failed,
            self.tr("Checking …"),
        )

    def _checked(self, attempt: LoginAttempt) -> None:
        if attempt.user is None:
            self.password_edit.clear()
            self.password_edit.setFocus()
            if attempt.locked_until is not None:
                self.message_label.show_error(
                    self.tr(
                        "Too many wrong passwords in a row: logging in with this name is "
                        "locked on this computer until {time}. An administrator can lift "
                        "the lock."
                    ).format(time=attempt.locked_until.astimezone().strftime("%H:%M"))
                )
                return
            self.message_label.show_error(
                self.tr("The user name or the password is wrong, or the account is disabled.")
            )
            return
        self.user = attempt.user
        super().accept()

    def _failed(self, exc: Exception) -> None:
        self.message_label.show_error(
            self.tr("Logging in failed: {detail}").format(detail=error_text(exc))
        )

    def busy_widgets(self) -> list[QWidget]:
        return [self.name_edit, self.password_edit, self.ok_button]


def log_in_at_start(
    users: UserRepository,
    audit_log: AuditLog,
    *,
    first_admin: bool,
    parent: QWidget | None = None,
) -> User | None:
    """The user to work as: the first administrator on a fresh installation
    (``first_admin``, found out off the GUI thread), else whoever logs in; the login too
    when another computer made the first administrator meanwhile. None when the user
    quits instead."""
    from ..jobs.user_session import create_first_admin

    notice = ""  # why the login follows the first administrator's dialog
    if first_admin:
        first = NewUserDialog(
            lambda name, password, _group: create_first_admin(users, audit_log, name, password),
            first_admin=True,
            parent=parent,
        )
        if first.exec() == QDialog.DialogCode.Accepted:
            return first.created_user
        notice = first.taken_meanwhile
        if not notice:
            return None
    login = LoginDialog(login_check(users, audit_log), parent)
    if notice:
        login.message_label.show_info(notice)
    if login.exec() != QDialog.DialogCode.Accepted:
        return None
    return login.user
