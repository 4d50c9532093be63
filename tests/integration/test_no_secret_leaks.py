"""After a whole session no secret is anywhere but in the keyring (PRODUCT.md §5, issue 6).

The session, as users do it: the first administrator is created and logs in, switches the
reveal option on, sets up an interface with an FTP password through the form, reveals it
(once with a wrong own password), changes it, and the interface runs against a real FTP
server (pyftpdlib) with a broken file, so a failure e-mail goes through a real SMTP server
(aiosmtpd) that wants a login. The command line exports and lists on the same data.
Then: no secret in the database file (with -wal and -shm), the settings .ini, the logs,
the audit log or the e-mails sent, in UTF-8, UTF-16 or base64.
"""

from __future__ import annotations

import base64
import email
import email.policy
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop_app.config import AppPaths, setup_logging
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.gui_runtime import build_main_window
from desktop_app.jobs.change_audit import Actor, ChangeAudit
from desktop_app.jobs.failure_mail import FailureMailer
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import RunStatus
from desktop_app.jobs.user_session import UserSession, create_first_admin
from desktop_app.store import audit
from desktop_app.store.audit import AuditLog
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger
from desktop_app.store.secrets import SMTP_KEY
from desktop_app.store.smtp_store import SmtpStore
from desktop_app.store.users import UserRepository
from desktop_app.ui.login_dialog import LoginDialog, login_check
from desktop_app.ui.main_window import UnsavedChoice
from desktop_app.ui.new_user_dialog import NewUserDialog
from tests.cli.test_interfaces_cli import run_cli
from tests.gui.conftest import german  # noqa: F401 - the German UI, as users see it
from tests.gui.helpers import fill_form, type_into, wait_idle
from tests.gui.users_support import enter_own_password, open_reveal_dialog, reveal

from .conftest import PASSWORD as FTP_SERVER_PASSWORD
from .payment_run import payment_settings, quick_runner
from .test_run_pipeline import BAD, GOOD

ADMIN = "chefin"
ADMIN_PASSWORD = "Chefin-Login-Passwort-9"
FIRST_FTP_PASSWORD = "Erstes-Ftp-Passwort-31!"
SMTP_PASSWORD = "Smtp-Geheim-Passwort-58"
SECRETS = (ADMIN_PASSWORD, FIRST_FTP_PASSWORD, FTP_SERVER_PASSWORD, SMTP_PASSWORD)
NAME = "Zahlungen Steuerberater"


def _forms(secret: str) -> list[bytes]:
    """The ways a secret could be written down: plain, UTF-16, base64 (e-mail, SMTP AUTH)."""
    raw = secret.encode()
    return [
        raw,
        secret.encode("utf-16-le"),
        secret.encode("utf-16-be"),
        base64.b64encode(raw),
        base64.b64encode(b"\0" + raw),  # SMTP AUTH PLAIN's tail
    ]


def _leaks(content: bytes) -> list[str]:
    return [s for s in SECRETS if any(form in content for form in _forms(s))]


@pytest.fixture
def app_log(data_dir, db):
    """The program's real log file at DEBUG, as the desktop program writes it."""
    paths = AppPaths(data_dir=data_dir, db_url=db.url)
    root = logging.getLogger()
    level = root.level
    setup_logging(paths, level=logging.DEBUG)
    yield paths.log_file
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_desktop_app", False):
            root.removeHandler(handler)
            handler.close()


def _first_admin_and_login(qtbot, db) -> UserSession:
    users, audit_log = UserRepository(db), AuditLog(db)
    first = NewUserDialog(
        lambda name, password, _g: create_first_admin(users, audit_log, name, password),
        first_admin=True,
    )
    qtbot.addWidget(first)
    first.show()
    type_into(qtbot, first.name_edit, ADMIN)
    type_into(qtbot, first.passwords.password_edit, ADMIN_PASSWORD)
    type_into(qtbot, first.passwords.repeat_edit, ADMIN_PASSWORD)
    with qtbot.waitSignal(first.accepted, timeout=20000):
        first.ok_button.click()

    login = LoginDialog(login_check(users, audit_log))
    qtbot.addWidget(login)
    login.show()
    type_into(qtbot, login.name_edit, ADMIN)
    type_into(qtbot, login.password_edit, "Falsch-Vertippt-1")  # a failed login, too
    login.ok_button.click()
    wait_idle(qtbot)
    type_into(qtbot, login.password_edit, ADMIN_PASSWORD)
    with qtbot.waitSignal(login.accepted, timeout=20000):
        login.ok_button.click()
    return login.user


def test_no_secret_outside_the_keyring_after_a_whole_session(
    qtbot,
    german,  # noqa: F811
    data_dir,
    db,
    catalog,
    secret_store,
    serve_ftp,
    serve_smtp,
    ftp_root,
    app_log,
    caplog,
):
    caplog.set_level(logging.DEBUG)
    ftp = serve_ftp()
    (ftp_root / "IMPORT").mkdir()
    smtp = serve_smtp(login=("mailer", SMTP_PASSWORD))
    Ledger(db).import_invoices(
        read_invoices(
            b"Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n"
            b"RE-2026-0001;1;01.02.2026;119,00\nRE-2026-0002;1;02.02.2026;59,90\n",
            file_name="ledger.csv",
        )
    )

    # The first start, the login, and the option, through their dialogs.
    user = _first_admin_and_login(qtbot, db)
    session = UserSession.open(db, secret_store, user)
    editor = InterfaceEditor(InterfaceRepository(db), secret_store)
    settings_file = data_dir / "settings.ini"
    window = build_main_window(
        editor,
        QSettings(str(settings_file), QSettings.Format.IniFormat),
        "de",
        host_name="KASSE-TEST",
        session=session,
    )
    window.errors = []
    window.show_error = window.errors.append
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()  # without a window manager (Xvfb) nobody else does
    wait_idle(qtbot)  # the list is read in the background
    options = window.administration.open_chain_options()
    wait_idle(qtbot)
    options.reveal_check.setChecked(True)
    with qtbot.waitSignal(options.accepted, timeout=20000):
        options.ok_button.click()

    # The SMTP server with its password (what the SMTP dialog and `smtp set` store).
    smtp_settings = SmtpSettings(smtp.host, smtp.port, SmtpSecurity.NONE, "mailer", "a@b.example")
    secret_store.set(SMTP_KEY, SMTP_PASSWORD)
    SmtpStore(db).save(smtp_settings, password_stored=True)
    ChangeAudit(AuditLog(db), Actor.of(user)).smtp_changed(
        SmtpSettings(), smtp_settings, SMTP_PASSWORD
    )

    # An interface with a password, typed into the form and saved.
    settings = payment_settings(ftp.host, ftp.port, name=NAME, error_email="filiale@example.org")
    window.new_interface()
    fill_form(qtbot, window.form, settings, password=FIRST_FTP_PASSWORD)
    window.save()
    wait_idle(qtbot)
    assert window.errors == []
    assert window.form.original_name == NAME

    # Revealed: once with a wrong own password, then right.
    field = window.form.password_field
    dialog = open_reveal_dialog(qtbot, field)
    enter_own_password(qtbot, dialog, "Falsch-Vertippt-2")
    assert "falsch" in dialog.message()
    enter_own_password(qtbot, dialog, ADMIN_PASSWORD)
    qtbot.waitUntil(field.is_revealed)
    assert field.line_edit().text() == FIRST_FTP_PASSWORD
    qtbot.mouseClick(field.reveal_button(), Qt.MouseButton.LeftButton)  # hidden again

    # Changed to the one the server wants, through the form.
    type_into(qtbot, field.line_edit(), FTP_SERVER_PASSWORD)
    window.save()
    wait_idle(qtbot)
    assert window.errors == []
    reveal(qtbot, field, ADMIN_PASSWORD)
    assert field.line_edit().text() == FTP_SERVER_PASSWORD

    # The run: one good file, one broken one -> a failure e-mail through the SMTP login.
    (ftp_root / "IMPORT" / "Zahlungen_0313.csv").write_bytes(GOOD)
    (ftp_root / "IMPORT" / "Zahlungen_kaputt.csv").write_bytes(BAD)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    result = runner.run(NAME, trigger="manual")
    assert result.status is RunStatus.FAILED
    assert len(smtp.inbox.envelopes) == 1  # the login worked, the e-mail went out

    # The command line on the same data: exports and lists.
    outputs = [
        run_cli(data_dir, *args, "--db", db.url)
        for args in (
            ("interfaces", "export", NAME),
            ("interfaces", "list", "--json"),
            ("smtp", "show", "--json"),
            ("users", "list", "--json"),
            ("history", NAME, "--json"),
        )
    ]
    assert all(o.returncode == 0 for o in outputs), [o.stderr for o in outputs]

    window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
    window.close()  # hides the password, writes the settings file
    assert not field.is_revealed() and field.line_edit().text() == ""
    wait_idle(qtbot)

    # --- nothing anywhere ----------------------------------------------------------------
    files_while_open = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    db.dispose()  # checkpoints the write-ahead log into the file
    files = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    names = {p.name for p in {**files_while_open, **files}}
    assert "test.sqlite3" in names and "settings.ini" in names
    assert settings_file.exists() and app_log.exists()
    for path, content in [*files_while_open.items(), *files.items()]:
        assert _leaks(content) == [], path

    entries = AuditLog(db).entries()
    actions = {e.action for e in entries}
    assert {
        audit.USER_CREATED,
        audit.LOGIN,
        audit.LOGIN_FAILED,
        audit.OPTIONS_CHANGED,
        audit.SMTP_CHANGED,
        audit.INTERFACE_CREATED,
        audit.INTERFACE_CHANGED,
        audit.REVEAL,
        audit.REVEAL_FAILED,
    } <= actions
    changed = next(e for e in entries if e.action == audit.INTERFACE_CHANGED)
    assert changed.details == {"fields": ["ftp.password"], "password": "changed"}
    assert _leaks(repr(entries).encode()) == []

    for envelope in smtp.inbox.envelopes:
        raw = envelope.original_content or envelope.content
        assert _leaks(raw if isinstance(raw, bytes) else raw.encode()) == []
        message = email.message_from_bytes(
            raw if isinstance(raw, bytes) else raw.encode(), policy=email.policy.default
        )
        for part in message.walk():
            payload = part.get_payload(decode=True)
            if payload:
                assert _leaks(payload) == [], part.get_content_type()
        assert _leaks(str(message).encode()) == []

    for output in outputs:
        assert _leaks((output.stdout + output.stderr).encode()) == []
    assert _leaks(caplog.text.encode()) == []
    assert all(_leaks(repr(r.args).encode()) == [] for r in caplog.records)
    assert _leaks(Path(app_log).read_bytes()) == []
