"""The eye button on the SMTP dialog's password field, and its saves in the audit log
(issue 6): the same PasswordField, told its keyring entry by the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.store import audit
from desktop_app.store.secrets import SMTP_KEY
from desktop_app.store.smtp_store import SmtpStore

from .helpers import type_into, wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    admin,
    audit_log,
    clock,
    reveal,
    reveal_on,
    session_for,
    session_window,
    staff,
    users,
)

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

SMTP_SECRET = "Smtp-Geheim-4242"
NEW_SMTP_SECRET = "Smtp-Neu-4343"
WAIT = 15000


def _stored_smtp(db, secret_store) -> SmtpSettings:
    settings = SmtpSettings("smtp.alt.example", 587, SmtpSecurity.STARTTLS, "mailer", "a@b.de")
    secret_store.set(SMTP_KEY, SMTP_SECRET)
    SmtpStore(db).save(settings, password_stored=True)
    return settings


def _open(qtbot, window):
    dialog = window.open_smtp_dialog()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    wait_idle(qtbot)
    return dialog


def test_an_administrator_reveals_the_smtp_password(
    qtbot, session_window, editor, session_for, admin, reveal_on, db, secret_store, audit_log
):
    _stored_smtp(db, secret_store)
    window = session_window(editor, session_for(admin))
    dialog = _open(qtbot, window)
    field = dialog.password_field
    assert field.reveal_button().isVisible()
    reveal(qtbot, field)
    assert field.line_edit().text() == SMTP_SECRET
    entry = audit_log.entries(action=audit.REVEAL)[0]
    assert (entry.actor, entry.target) == (ADMIN, "SMTP-Server")
    dialog.reject()  # the dialog closes: the password leaves the widget
    assert not field.is_revealed()


def test_staff_see_no_eye_on_the_smtp_password(
    qtbot, session_window, editor, session_for, staff, reveal_on, db, secret_store
):
    _stored_smtp(db, secret_store)
    window = session_window(editor, session_for(staff))
    dialog = _open(qtbot, window)
    assert dialog.password_field.is_stored()
    assert not dialog.password_field.reveal_button().isVisible()
    dialog.reject()


def test_saving_the_smtp_settings_is_audited_without_the_password(
    qtbot, session_window, editor, session_for, admin, db, secret_store, audit_log
):
    _stored_smtp(db, secret_store)
    window = session_window(editor, session_for(admin))
    dialog = _open(qtbot, window)
    type_into(qtbot, dialog.host_edit, "smtp.neu.example")
    type_into(qtbot, dialog.password_field.line_edit(), NEW_SMTP_SECRET)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert secret_store.get(SMTP_KEY) == NEW_SMTP_SECRET
    entry = audit_log.entries(action=audit.SMTP_CHANGED)[0]
    assert entry.actor == ADMIN
    assert entry.details == {"fields": ["host", "password"], "password": "changed"}
    assert NEW_SMTP_SECRET not in repr(audit_log.entries())
    assert SMTP_SECRET not in repr(audit_log.entries())
