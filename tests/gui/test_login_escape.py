"""Esc at the login and at the first administrator does not end the program: only their
Beenden button or the window's close button does. Other dialogs still close on Esc."""

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

from keyring.backends import fail
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.config import AppPaths
from desktop_app.domain.users import Group
from desktop_app.jobs.user_session import UserSession
from desktop_app.store.secrets import SecretStore
from desktop_app.store.users import UserRepository
from desktop_app.ui.login_dialog import LoginDialog, login_check
from desktop_app.ui.new_user_dialog import NewUserDialog

from .helpers import run_gui_polling, wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    ADMIN_PASSWORD,
    FAST,
    STAFF,
    STAFF_PASSWORD,
    admin,
    audit_log,
    session_window,
    staff,
    users,
)


def _show(qtbot, dialog: QDialog) -> list[int]:
    """Shows ``dialog``; the returned list collects how it finished."""
    finished: list[int] = []
    dialog.finished.connect(finished.append)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return finished


def test_escape_leaves_the_login_open_and_quit_still_quits(qtbot, german, users, audit_log):
    dialog = LoginDialog(login_check(users, audit_log))
    finished = _show(qtbot, dialog)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Escape)
    wait_idle(qtbot)
    assert finished == [] and dialog.isVisible()

    dialog.close()  # the window's close button
    assert finished == [QDialog.DialogCode.Rejected]


def test_escape_leaves_the_first_administrator_open_but_cancels_a_new_user(
    qtbot, german, users, audit_log
):
    first = NewUserDialog(lambda *_a: None, first_admin=True)
    finished = _show(qtbot, first)
    QTest.keyClick(first.name_edit, Qt.Key.Key_Escape)
    wait_idle(qtbot)
    assert finished == [] and first.isVisible()
    quit_button = next(
        b for b in first.findChildren(type(first.ok_button)) if b.text() == "Beenden"
    )
    quit_button.click()
    assert finished == [QDialog.DialogCode.Rejected]

    another = NewUserDialog(lambda *_a: None)
    finished = _show(qtbot, another)
    QTest.keyClick(another.name_edit, Qt.Key.Key_Escape)
    assert finished == [QDialog.DialogCode.Rejected]


def test_escape_at_the_start_login_keeps_the_program_running(
    qtbot, tmp_path, restore_app_state, db
):
    paths = AppPaths(data_dir=tmp_path, db_url=db.url)
    UserRepository(db, FAST).create(ADMIN, ADMIN_PASSWORD, Group.ADMINISTRATORS)
    pressed: list[LoginDialog] = []
    after: list[bool] = []

    def tick() -> None:
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, LoginDialog) or not widget.isVisible():
                continue
            if not pressed:
                pressed.append(widget)
                QTest.keyClick(widget, Qt.Key.Key_Escape)
            elif not after:
                after.append(widget is pressed[0])  # still there, the program still runs
                widget.reject()  # Beenden

    assert run_gui_polling(paths, tick) == 0
    assert after == [True]


def test_escape_at_the_login_after_log_out_keeps_the_window(
    qtbot, db, session_window, no_keyring_editor, admin, staff
):
    """The real login dialog after Abmelden: Esc changes nothing, then staff logs in."""
    window = session_window(
        no_keyring_editor, UserSession.open(db, SecretStore(fail.Keyring()), admin, hasher=FAST)
    )
    still_open: list[bool] = []

    def tick() -> None:
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, LoginDialog) and w.isVisible()
        ]
        if not shown or shown[0].busy:
            return
        dialog = shown[0]
        if not still_open:
            still_open.append(False)
            QTest.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
            return
        if not still_open[-1]:
            still_open.append(window.isVisible())
            dialog.name_edit.setText(STAFF)
            dialog.password_edit.setText(STAFF_PASSWORD)
            dialog.ok_button.click()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    try:
        window.logout_action.trigger()  # returns once someone logged in, or the window closed
    finally:
        timer.stop()
    wait_idle(qtbot)
    assert still_open == [False, True]
    assert window.isVisible() and window.session.user == staff
