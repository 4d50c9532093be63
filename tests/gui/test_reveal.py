"""The eye button (PRODUCT.md §5, issue 6): who sees it, the re-entered password, the
lock, the audit, and every way the shown password is hidden again."""

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout

from desktop_app.jobs.credentials import SecretRef
from desktop_app.jobs.interface_edit import KEEP_PASSWORD
from desktop_app.store import audit
from desktop_app.store.secrets import SMTP_KEY, ftp_key
from desktop_app.ui.reveal_dialog import offer_reveal
from desktop_app.ui.widgets.password_field import PasswordField

from .helpers import type_into, wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    ADMIN_PASSWORD,
    FTP_SECRET,
    admin,
    audit_log,
    clock,
    enter_own_password,
    open_reveal_dialog,
    reveal,
    reveal_on,
    session_for,
    session_window,
    staff,
    users,
)

SECOND = "Zahlungen Zweitbank"  # listed after the first, which the window shows


@pytest.fixture
def stored(editor, sample_settings):
    """Two interfaces with FTP passwords in the real keyring."""
    first = editor.save(sample_settings.with_changes(workstation=None), password=FTP_SECRET)
    editor.save(
        sample_settings.with_changes(name=SECOND, workstation=None), password="Anderes-1234"
    )
    return first


def _field(window) -> PasswordField:
    return window.form.password_field


def _actions(audit_log) -> list[str]:
    return [e.action for e in reversed(audit_log.entries())]


def test_staff_sees_no_eye(qtbot, session_window, editor, session_for, staff, reveal_on, stored):
    window = session_window(editor, session_for(staff))
    field = _field(window)
    assert field.is_stored()
    assert not field.reveal_button().isVisible()
    field.set_revealed(True)  # the property is the one way in; it refuses
    assert not field.is_revealed()
    assert field.reveal_dialog() is None
    assert field.line_edit().text() == ""


def test_without_a_login_there_is_no_eye(qtbot, session_window, editor, reveal_on, stored):
    window = session_window(editor, None)
    assert not _field(window).reveal_button().isVisible()


def test_the_option_off_hides_the_eye_for_administrators_too(
    qtbot, session_window, editor, session_for, admin, catalog, stored
):
    window = session_window(editor, session_for(admin))
    field = _field(window)
    assert not field.reveal_button().isVisible()
    field.set_revealed(True)
    assert field.reveal_dialog() is None

    # Switched on in the chain options dialog: the eye appears at once.
    dialog = window.administration.open_chain_options()
    wait_idle(qtbot)
    assert not dialog.reveal_check.isChecked()
    dialog.reveal_check.setChecked(True)
    dialog.ok_button.click()
    wait_idle(qtbot)
    assert field.reveal_button().isVisible()

    reveal(qtbot, field)
    # Switched off again while shown: hidden, and the eye is gone.
    dialog = window.administration.open_chain_options()
    wait_idle(qtbot)
    dialog.reveal_check.setChecked(False)
    dialog.ok_button.click()
    wait_idle(qtbot)
    assert not field.is_revealed()
    assert field.line_edit().text() == ""
    assert not field.reveal_button().isVisible()


def test_an_administrator_sees_the_password_after_entering_their_own(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored, audit_log
):
    window = session_window(editor, session_for(admin))
    field = _field(window)
    eye = field.reveal_button()
    assert eye.isVisible()
    assert eye.accessibleName() == "Passwort anzeigen"
    assert eye.toolTip()
    assert not eye.icon().isNull()
    assert field.line_edit().text() == ""  # nothing read from the keyring yet

    dialog = open_reveal_dialog(qtbot, field)
    assert dialog.windowTitle() == "Gespeichertes Passwort anzeigen"
    assert dialog.user_label.text() == ADMIN
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    enter_own_password(qtbot, dialog, ADMIN_PASSWORD)
    qtbot.waitUntil(field.is_revealed)

    edit = field.line_edit()
    assert edit.text() == FTP_SECRET
    assert edit.echoMode() == QLineEdit.EchoMode.Normal
    assert eye.accessibleName() == "Passwort verbergen"
    assert "30 Sekunden" in field.findChild(QLabel, "passwordState").text()
    assert field.reveal_timer().isActive()
    assert field.reveal_timer().interval() == 30_000
    # Shown is not changed: saving keeps the stored password, the form is not dirty.
    assert field.password_change() is KEEP_PASSWORD
    assert not window.form.is_dirty()
    qtbot.waitUntil(lambda: field.reveal_dialog() is None)  # closed (and deleted)

    entry = audit_log.entries(action=audit.REVEAL)[0]
    assert (entry.actor, entry.target, entry.outcome) == (ADMIN, stored.settings.name, "shown")
    assert FTP_SECRET not in repr(audit_log.entries())


def test_a_wrong_password_is_refused_with_the_attempts_left(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored, audit_log
):
    window = session_window(editor, session_for(admin))
    field = _field(window)
    dialog = open_reveal_dialog(qtbot, field)
    enter_own_password(qtbot, dialog, "falsch-falsch")
    assert dialog.message() == "Das Passwort ist falsch. Noch 4 Versuche."
    assert dialog.isVisible() and dialog.password_edit.isEnabled()
    assert dialog.password_edit.text() == ""
    assert not field.is_revealed()
    assert field.line_edit().text() == ""
    entry = audit_log.entries(action=audit.REVEAL_FAILED)[0]
    assert (entry.actor, entry.target, entry.outcome) == (
        ADMIN,
        stored.settings.name,
        "wrong_password",
    )

    dialog.reject()  # Abbrechen
    qtbot.waitUntil(lambda: field.reveal_dialog() is None)
    assert not field.is_revealed()


def test_five_wrong_attempts_lock_the_reveal_also_after_a_restart(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored, clock, audit_log
):
    window = session_window(editor, session_for(admin))
    field = _field(window)
    dialog = open_reveal_dialog(qtbot, field)
    for left in (4, 3, 2, 1):
        enter_own_password(qtbot, dialog, "falsch-falsch")
        expected = "Versuch." if left == 1 else "Versuche."
        assert dialog.message() == f"Das Passwort ist falsch. Noch {left} {expected}"
    enter_own_password(qtbot, dialog, "falsch-falsch")
    assert "gesperrt" in dialog.message()
    assert not dialog.password_edit.isEnabled()
    assert not dialog.show_button.isEnabled()
    assert audit.REVEAL_LOCKED in _actions(audit_log)
    dialog.reject()
    window.close()

    # A restart: a new session and window on the same database.
    restarted = session_window(editor, session_for(admin))
    field = _field(restarted)
    dialog = open_reveal_dialog(qtbot, field)
    qtbot.waitUntil(lambda: "gesperrt" in dialog.message())
    assert not dialog.show_button.isEnabled()
    dialog.reject()

    # Five minutes later the right password works again.
    clock.advance(timedelta(minutes=5, seconds=1))
    reveal(qtbot, field)
    assert field.line_edit().text() == FTP_SECRET


def test_the_password_hides_itself_after_the_show_duration(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored
):
    # The 30 seconds come from the session; this one's clock runs fast.
    window = session_window(editor, session_for(admin, show_duration=timedelta(milliseconds=300)))
    field = _field(window)
    reveal(qtbot, field)
    assert field.reveal_timer().interval() == 300
    qtbot.waitUntil(lambda: not field.is_revealed(), timeout=10_000)
    assert field.line_edit().text() == ""
    assert field.line_edit().echoMode() == QLineEdit.EchoMode.Password
    assert field.reveal_button().accessibleName() == "Passwort anzeigen"


def test_a_second_click_hides_it(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored
):
    window = session_window(editor, session_for(admin))
    field = _field(window)
    reveal(qtbot, field)
    with qtbot.waitSignal(field.revealedChanged) as hidden:
        qtbot.mouseClick(field.reveal_button(), Qt.MouseButton.LeftButton)
    assert hidden.args == [False]
    assert field.line_edit().text() == ""
    assert not field.reveal_timer().isActive()
    assert field.reveal_dialog() is None  # hiding asks nothing


def test_showing_another_interface_hides_it(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored
):
    window = session_window(editor, session_for(admin))
    field = _field(window)
    reveal(qtbot, field)
    window.select_interface(SECOND)
    assert window.form.original_name == SECOND
    assert not field.is_revealed()
    assert field.line_edit().text() == ""
    assert field.reveal_button().isVisible()  # the other one may be revealed, after asking


def test_closing_the_window_hides_it(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored
):
    window = session_window(editor, session_for(admin))
    field = _field(window)
    reveal(qtbot, field)
    window.close()
    assert not window.isVisible()
    assert not field.is_revealed()
    assert field.line_edit().text() == ""


def test_the_shown_password_cannot_be_copied_selected_or_edited(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored
):
    window = session_window(editor, session_for(admin))
    field = _field(window)
    reveal(qtbot, field)
    edit = field.line_edit()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("vorher")

    qtbot.mouseDClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    assert not edit.hasSelectedText()
    assert clipboard.text() == "vorher"
    assert edit.text() == FTP_SECRET  # not cut
    assert edit.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert not edit.dragEnabled()
    assert edit.isReadOnly()
    assert edit.focusPolicy() == Qt.FocusPolicy.NoFocus

    qtbot.mouseClick(field.reveal_button(), Qt.MouseButton.LeftButton)
    assert not edit.isReadOnly()
    assert edit.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert edit.echoMode() == QLineEdit.EchoMode.Password


def test_typing_a_new_password_takes_the_eye_away(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored
):
    window = session_window(editor, session_for(admin))
    field = _field(window)
    type_into(qtbot, field.line_edit(), "Neu-123456")
    assert not field.reveal_button().isVisible()  # the stored one is about to be replaced
    type_into(qtbot, field.line_edit(), "")
    assert field.reveal_button().isVisible()


def test_a_new_interface_has_no_eye(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored
):
    window = session_window(editor, session_for(admin))
    window.new_interface()
    assert not _field(window).reveal_button().isVisible()


def test_the_same_widget_in_a_dialog_over_the_window_reveals_the_smtp_password(
    qtbot, session_window, editor, session_for, admin, reveal_on, secret_store, audit_log
):
    # As the SMTP dialog uses it: a PasswordField told its keyring entry, in a dialog whose
    # parent is the main window; the session is found through the parents.
    secret_store.set(SMTP_KEY, "Smtp-Geheimnis-7")
    window = session_window(editor, session_for(admin))
    dialog = QDialog(window)
    field = PasswordField(secret_key=SecretRef.smtp(), target="SMTP")
    offer_reveal(field)  # the dialog that owns the field answers its eye button
    QVBoxLayout(dialog).addWidget(field)
    field.set_stored(True)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    wait_idle(qtbot)  # shown, the field asks the session whether its eye may show
    assert field.reveal_button().isVisible()
    reveal(qtbot, field)
    assert field.line_edit().text() == "Smtp-Geheimnis-7"
    dialog.close()  # the dialog closes: hidden
    assert not field.is_revealed() and field.line_edit().text() == ""
    assert audit_log.entries(action=audit.REVEAL)[0].target == "SMTP"


def test_nothing_stored_in_the_keyring_is_said(
    qtbot, session_window, editor, session_for, admin, reveal_on, stored, secret_store
):
    secret_store.delete(ftp_key(stored.uid))  # gone from the keyring behind our back
    window = session_window(editor, session_for(admin))
    dialog = open_reveal_dialog(qtbot, _field(window))
    enter_own_password(qtbot, dialog, ADMIN_PASSWORD)
    assert dialog.message() == "Im Schlüsselbund ist kein Passwort gespeichert."
    assert not _field(window).is_revealed()


def test_the_eye_icons_exist():
    from desktop_app.resources import icon_file

    for name in ("eye.svg", "eye-slash.svg"):
        assert not QIcon(str(icon_file(name))).isNull(), name
