"""The first start while another computer makes the first administrator of the same
database: this one is told so and asked to log in, not left in a dialog that cannot
succeed (nor given a second "first" administrator)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.domain.users import Group
from desktop_app.ui.login_dialog import LoginDialog, log_in_at_start
from desktop_app.ui.new_user_dialog import NewUserDialog

from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    ADMIN_PASSWORD,
    StartDialogAnswers,
    audit_log,
    users,
)

# ruff: noqa: F811


def test_a_first_administrator_made_meanwhile_leads_to_the_login(qtbot, german, users, audit_log):
    # The start found no user; then another computer made its administrator.
    users.create(ADMIN, ADMIN_PASSWORD, Group.ADMINISTRATORS)
    answers = StartDialogAnswers(
        first_admin=("zweite", "Zweites-Passwort-1"), login=(ADMIN, ADMIN_PASSWORD)
    )
    login_messages: list[str] = []

    def tick() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, LoginDialog) and widget.isVisible() and not login_messages:
                login_messages.append(widget.message())  # before the answer clears it
            stuck = isinstance(widget, NewUserDialog) and widget in answers.seen
            if stuck and widget.isVisible() and not widget.busy and widget.message():
                widget.reject()  # refused and left open: the user could only quit
        answers()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    try:
        user = log_in_at_start(users, audit_log, first_admin=True)
    finally:
        timer.stop()

    assert [type(w) for w in answers.seen] == [NewUserDialog, LoginDialog]
    assert "Inzwischen wurde schon ein Administrator angelegt" in login_messages[0]
    assert "Bitte melden Sie sich" in login_messages[0]
    assert user is not None and user.name == ADMIN
    assert [u.name for u in users.list()] == [ADMIN]
