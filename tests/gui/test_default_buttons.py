"""Enter after a failed try submits again: the submit button stays the dialog's default in
the login, the eye button's re-authentication and the password change."""

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop_app.jobs.user_session import UserSession
from desktop_app.store.secrets import SMTP_KEY, SecretStore
from desktop_app.ui.change_password_dialog import ChangePasswordDialog
from desktop_app.ui.login_dialog import LoginDialog, login_check
from desktop_app.ui.reveal_dialog import RevealDialog

from .helpers import type_into, wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    ADMIN_PASSWORD,
    FAST,
    admin,
    audit_log,
    reveal_on,
    users,
)


def _session(db, user) -> UserSession:
    # The dialogs here never reach the keyring: the password check comes first.
    return UserSession.open(db, SecretStore(fail.Keyring()), user, hasher=FAST)


def _show(qtbot, dialog) -> None:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()


def _enter(qtbot, edit: QLineEdit, text: str) -> None:
    """Type ``text`` and press Enter in ``edit``, then wait for the check to finish."""
    edit.setFocus()
    type_into(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    wait_idle(qtbot)


def test_login_enter_after_a_wrong_password_logs_in(qtbot, german, users, admin, audit_log):
    dialog = LoginDialog(login_check(users, audit_log), name=ADMIN)
    _show(qtbot, dialog)
    _enter(qtbot, dialog.password_edit, "falsch-falsch")
    assert dialog.isVisible() and dialog.message_label.is_error()
    assert dialog.ok_button.isDefault()

    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        _enter(qtbot, dialog.password_edit, ADMIN_PASSWORD)
    assert dialog.user is not None and dialog.user.name == ADMIN


def test_login_enter_on_whatever_has_focus_after_a_failure_does_not_quit(
    qtbot, german, users, admin, audit_log
):
    dialog = LoginDialog(login_check(users, audit_log), name=ADMIN)
    _show(qtbot, dialog)
    _enter(qtbot, dialog.password_edit, "falsch-falsch")
    rejected = []
    dialog.rejected.connect(lambda: rejected.append(True))
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    wait_idle(qtbot)
    assert rejected == [] and dialog.isVisible()


def test_reveal_enter_after_a_wrong_password_tries_again(qtbot, german, db, admin, reveal_on):
    dialog = RevealDialog(_session(db, admin), SMTP_KEY, "SMTP-Server")
    _show(qtbot, dialog)
    wait_idle(qtbot)  # the lock check on opening
    _enter(qtbot, dialog.password_edit, "falsch-falsch")
    assert dialog.message() == "Das Passwort ist falsch. Noch 4 Versuche."
    assert dialog.show_button.isDefault()

    _enter(qtbot, dialog.password_edit, "wieder-falsch")
    assert dialog.isVisible(), "Enter cancelled the dialog"
    assert dialog.message() == "Das Passwort ist falsch. Noch 3 Versuche."


def test_change_password_enter_after_a_wrong_current_password_tries_again(
    qtbot, german, db, users, admin
):
    session = _session(db, admin)
    dialog = ChangePasswordDialog(
        ADMIN,
        lambda current, new: session.change_own_password(current or "", new),
        ask_current=True,
    )
    _show(qtbot, dialog)
    type_into(qtbot, dialog.passwords.password_edit, "Neues-Passwort-1")
    type_into(qtbot, dialog.passwords.repeat_edit, "Neues-Passwort-1")
    _enter(qtbot, dialog.current_edit, "Falsch-1234")
    assert dialog.isVisible() and dialog.message_label.is_error()
    assert dialog.ok_button.isDefault()

    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        _enter(qtbot, dialog.current_edit, ADMIN_PASSWORD)
    assert users.authenticate(ADMIN, "Neues-Passwort-1") is not None
