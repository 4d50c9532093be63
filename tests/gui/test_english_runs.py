""" "Jetzt ausführen" and the history in English: the run's steps, its result and the
reasons of the rows not booked, from a real FTP server, with no German that bypassed the
catalogue."""

# ruff: noqa: F811 (the fixtures imported by name are the tests' parameters)

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop_app.gui_runtime import build_main_window
from desktop_app.ui.main_window import UnsavedChoice

from ..integration.conftest import PASSWORD, USER, serve_ftp, serve_smtp  # noqa: F401 - fixtures by name
from .conftest import TEST_HOST
from .english_texts import german_in, german_texts
from .helpers import wait_idle
from .run_fixtures import *  # noqa: F403 (the fixtures)
from .run_fixtures import BAD, GOOD, step_messages
from .test_english import english  # noqa: F401 - a fixture by name

RUN_TIMEOUT = 30_000  # ms; a loaded 2-core machine, never a timing assertion
# The test's data: the interface, its file, host and the ledger's names.
DATA = ("Zahlungen_0313.csv", "Zahlungen", "Optik Nord", "127.0.0.1", "IMPORT/")


def test_a_run_and_its_history_are_english(
    qtbot, english, settings_file, editor, payments, import_dir, ledger, manual_run
):
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)  # RE-2026-0999 is no invoice
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = build_main_window(editor, settings, "en", host_name=TEST_HOST, manual_run=manual_run)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)
    window.select_interface("Zahlungen")
    wait_idle(qtbot)
    window.run_now_action.trigger()
    dialog = window.run_dialog
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=RUN_TIMEOUT)
    steps = step_messages(dialog)
    assert "Connecting to 127.0.0.1" in steps
    assert "File 1 of 1: Zahlungen_0313.csv" in steps
    assert "Deleting Zahlungen_0313.csv on the server" in steps
    assert german_texts(dialog, DATA) == []

    history = window.show_history("Zahlungen")
    qtbot.waitUntil(lambda: history.skipped_model.rowCount() == 1, timeout=10_000)
    reason = history.skipped_model.index(0, 3).data()
    assert reason == "No invoice with this number for the chosen clients."
    assert german_texts(history, DATA) == []
    history.close()
    wait_idle(qtbot)
    window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
    window.close()
    window.deleteLater()


def test_a_reason_stored_before_it_had_a_code_shows_its_stored_text(english):
    from desktop_app.ui.history_view import reason_text

    old = {"line": 4, "reason": "Keine Rechnung mit dieser Nummer bei den gewählten Mandanten."}
    assert reason_text(old) == old["reason"]
    new = {**old, "detail": {"code": "not-found", "params": {}}}
    assert reason_text(new) == "No invoice with this number for the chosen clients."
    unknown = {**old, "detail": {"code": "from-a-newer-version", "params": {}}}
    assert reason_text(unknown) == old["reason"]


def test_the_ftp_test_speaks_english(qtbot, english, no_keyring_editor, serve_ftp):
    """Every step's line, a success and a refused login, against a real FTP server."""
    from desktop_app.ui.interface_form import InterfaceForm

    from .test_ftp_test_gui import enter_ftp, run_test

    server = serve_ftp()
    texts = []
    for password in (PASSWORD, "wrong"):
        form = InterfaceForm("en", TEST_HOST, editor=no_keyring_editor, test_timeout=5.0)
        qtbot.addWidget(form)
        form.resize(640, 1000)
        form.show()
        enter_ftp(qtbot, form, server.host, server.port, password=password)
        run_test(qtbot, form.ftp_test)
        view = form.ftp_test.steps_view
        texts += [view.message(key) for key in view.step_keys()]
        assert german_texts(form.ftp_test, (server.host, USER)) == []
    assert f"Logged in as “{USER}”." in texts
    assert "Not run, because an earlier step failed." in texts
    refused = f"Login as “{USER}” on “{server.host}” failed. Check user name and password"
    assert any(text.startswith(refused) for text in texts), texts
    assert not any(german_in(text) for text in texts), texts
    wait_idle(qtbot)


# --- a run that fails: its error, its file's error and its mail in English -------------

BAD_FILE = "Zahlungen_kaputt.csv"
# The bad file names its column (a header of the file) and the value it could not read.
FAILING_DATA = (*DATA, BAD_FILE, "IMPORT/", "field “Betrag”", "zwei Euro")


def _english_run(qtbot, editor, settings_file, manual_run, name: str):
    """The English window, after "Run now" of ``name`` ended: (window, run dialog)."""
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = build_main_window(editor, settings, "en", host_name=TEST_HOST, manual_run=manual_run)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)
    window.select_interface(name)
    wait_idle(qtbot)
    window.run_now_action.trigger()
    dialog = window.run_dialog
    qtbot.waitUntil(lambda: dialog.run_result is not None, timeout=RUN_TIMEOUT)
    return window, dialog


def _history(qtbot, window, name: str):
    history = window.show_history(name)
    qtbot.waitUntil(lambda: history.runs_model.rowCount() == 1, timeout=10_000)
    wait_idle(qtbot)
    return history


def _close(qtbot, window, *others) -> None:
    for other in others:
        other.close()
    wait_idle(qtbot)
    window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
    window.close()
    window.deleteLater()


def test_a_refused_login_is_english_in_the_run_dialog_the_history_and_the_list(
    qtbot, english, settings_file, editor, payments, import_dir, manual_run
):
    from desktop_app.ui.interface_list_model import LAST_RUN

    from .run_fixtures import cell, payment_settings

    port = payments.settings.ftp.port
    editor.save(payment_settings(port, name="Wrongpass"), password="not-the-password-1")
    window, dialog = _english_run(qtbot, editor, settings_file, manual_run, "Wrongpass")
    advice = "Check user name and password (they are case-sensitive)."
    assert dialog.run_result.error_kind == "LoginFailed"
    assert advice in dialog.result_label.text()
    assert german_texts(dialog, (*DATA, "Wrongpass")) == []

    history = _history(qtbot, window, "Wrongpass")
    assert advice in history.runs_model.index(0, history.runs_model.columnCount() - 1).data()
    assert german_texts(history, (*DATA, "Wrongpass")) == []
    wait_idle(qtbot)
    tooltip = cell(window, "Wrongpass", LAST_RUN, Qt.ItemDataRole.ToolTipRole)
    assert advice in tooltip and german_in(tooltip) is None, tooltip
    _close(qtbot, window, history, dialog)


def test_a_file_that_cannot_be_read_is_english_in_the_run_dialog_and_the_history(
    qtbot, english, settings_file, editor, payments, import_dir, ledger, manual_run
):
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)
    (import_dir / BAD_FILE).write_bytes(BAD)
    window, dialog = _english_run(qtbot, editor, settings_file, manual_run, "Zahlungen")
    assert dialog.run_result.status.value == "failed"
    advice = "The file is not booked; please have the row corrected."
    assert advice in dialog.result_label.text()
    assert any(advice in (t or "") for t in _column(dialog.files_model, -1))
    assert german_texts(dialog, FAILING_DATA) == []

    history = _history(qtbot, window, "Zahlungen")
    assert any(advice in (t or "") for t in _column(history.files_model, -1))
    assert advice in history.error_label.text()
    assert german_texts(history, FAILING_DATA) == []
    _close(qtbot, window, history, dialog)


def _column(model, column: int) -> list[str]:
    column = column % model.columnCount()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_run_now_names_the_files_it_skipped_in_english(
    qtbot, english, settings_file, editor, payments, import_dir, manual_run
):
    (import_dir / "Zahlungen_0314.csv.part").write_bytes(GOOD)  # still being uploaded
    window, dialog = _english_run(qtbot, editor, settings_file, manual_run, "Zahlungen")

    assert dialog.step_label.text() == "Finished."
    assert dialog.result_label.text().splitlines() == [
        "1 file skipped, left on the server:",
        "• IMPORT/Zahlungen_0314.csv.part: temporary name, still being uploaded",
    ]
    assert german_texts(dialog, (*DATA, "Zahlungen_0314.csv.part")) == []
    _close(qtbot, window, dialog)


def test_the_failure_mail_is_english_with_its_case_lines(
    db, secret_store, editor, payments, import_dir, ledger, serve_smtp
):
    """Sent through a real SMTP server: the run's and the file's error and the open
    Klärungsfall of the unknown invoice, all in English."""
    import email
    import email.policy

    from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
    from desktop_app.jobs.failure_mail import FailureMailer
    from desktop_app.store.cases import CaseFilter, list_cases
    from desktop_app.store.smtp_store import SmtpStore

    from .run_fixtures import make_runner, payment_settings

    server = serve_smtp()
    SmtpStore(db).save(
        SmtpSettings(server.host, server.port, SmtpSecurity.NONE, "", "import@example.org")
    )
    port = payments.settings.ftp.port
    editor.save(
        payment_settings(port, error_email="filiale@example.org"), original_name="Zahlungen"
    )
    (import_dir / "Zahlungen_0313.csv").write_bytes(GOOD)  # RE-2026-0999: a Klärungsfall
    (import_dir / BAD_FILE).write_bytes(BAD)
    mailer = FailureMailer(db, secret_store, timeout=5, lang="en")
    result = make_runner(db, secret_store, mailer=mailer).run("Zahlungen")
    assert result.mailed and result.status.value == "failed"

    (envelope,) = server.inbox.envelopes
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    body = mail.get_content()
    assert "The file is not booked; please have the row corrected." in body
    case_line = next(line for line in body.splitlines() if line.startswith("  - Case "))
    assert "file “Zahlungen_0313.csv”, line 4: No invoice with this number" in case_line
    assert [line for line in body.splitlines() if german_in(_without(line, FAILING_DATA))] == []
    # The Klärungsfälle list and detail read the stored case the same way.
    (case,) = list_cases(db, CaseFilter(open_only=True))
    assert case.reason_text("en") == "No invoice with this number for the chosen clients."
    assert (case.where_text("en"), case.where_text("de")) == ("Line 4", "Zeile 4")
    # After the file name, mid-sentence: "line" in English, "Zeile" in German.
    places = (case.file_place("en"), case.file_place("de"))
    assert places == ("Zahlungen_0313.csv, line 4", "Zahlungen_0313.csv, Zeile 4")


def _without(text: str, data: tuple[str, ...]) -> str:
    for value in data:
        text = text.replace(value, "")
    return text


def test_a_run_stored_before_its_error_had_english_shows_its_german(english):
    from desktop_app.store.history import FileHistory

    old = FileHistory("a.csv", "kept", "failed", 0, 0, Decimal("0.00"), False, [], "Kaputt.", 2, 0)
    assert old.error_text("en") == "Kaputt."
    new = FileHistory(
        "a.csv", "kept", "failed", 0, 0, Decimal("0.00"), False, [], "Kaputt.", 2, 0, "Broken."
    )
    assert (new.error_text("en"), new.error_text("de")) == ("Broken.", "Kaputt.")


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only
def test_a_failed_test_mail_says_in_english_what_to_do(serve_smtp):
    """Against a real SMTP server that refuses the password."""
    from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
    from desktop_app.jobs.mail_test import send_test_mail

    server = serve_smtp(login=("mailer", "the-password"))
    settings = SmtpSettings(
        server.host, server.port, SmtpSecurity.NONE, "mailer", "import@example.org"
    )
    result = send_test_mail(settings, "wrong", "filiale@example.org", timeout=5)
    assert not result.ok
    assert result.text("en") == (
        f"Login to the SMTP server “{server.host}” as “mailer” failed. Check user name and "
        "password in the SMTP settings."
    )
    assert result.text("de").startswith("Anmeldung am SMTP-Server")


def test_a_keyring_that_is_gone_is_english_in_the_run_dialog_and_the_history(
    qtbot, english, settings_file, editor, payments, db
):
    """The password was stored, but this run's computer has no keyring (keyring's own
    fail backend): the run says in English what to set up, as the German does."""
    from keyring.backends import fail

    from desktop_app.jobs.run_now import ManualRun
    from desktop_app.store.secrets import SecretStore

    from .run_fixtures import make_runner

    without_keyring = ManualRun(make_runner(db, SecretStore(fail.Keyring())))
    window, dialog = _english_run(qtbot, editor, settings_file, without_keyring, "Zahlungen")
    advice = (
        "Please set up a keyring (Windows Credential Manager, macOS Keychain or GNOME Keyring)."
    )
    assert dialog.run_result.error_kind == "KeyringUnavailable"
    assert advice in dialog.result_label.text()
    # A run reads the password: it cannot say that the password was not saved.
    assert "The password could not be read." in dialog.result_label.text()
    assert "not saved" not in dialog.result_label.text()
    assert german_texts(dialog, DATA) == []
    history = _history(qtbot, window, "Zahlungen")
    assert advice in history.runs_model.index(0, history.runs_model.columnCount() - 1).data()
    assert german_texts(history, DATA) == []
    _close(qtbot, window, history, dialog)


def _mails(server) -> list:
    import email
    import email.policy

    return [
        email.message_from_bytes(e.content, policy=email.policy.default)
        for e in server.inbox.envelopes
    ]


def test_the_test_mail_of_the_english_smtp_dialog_is_english(qtbot, english, db, serve_smtp):
    """The SMTP dialog's Test, through a real SMTP server: the message itself in English."""
    from keyring.backends import fail

    from desktop_app.jobs.smtp_setup import SmtpSetup
    from desktop_app.store.secrets import SecretStore
    from desktop_app.ui.smtp_dialog import SmtpDialog

    from .test_smtp_dialog import fill

    server = serve_smtp()
    dialog = SmtpDialog(SmtpSetup(db, SecretStore(fail.Keyring())), "en", timeout=5.0)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=RUN_TIMEOUT)
    fill(qtbot, dialog, host=server.host, port=server.port, sender="import@example.org")
    dialog.recipient_edit.setText("branch@example.org")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(server.inbox.envelopes) == 1, timeout=RUN_TIMEOUT)
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=RUN_TIMEOUT)
    wait_idle(qtbot)
    (mail,) = _mails(server)
    assert mail["Subject"] == "Test message from the accounting import"
    body = mail.get_content()
    assert body.startswith("This is a test message from the accounting import.")
    assert f"through the SMTP server {server.host}." in body
    assert german_in(mail["Subject"] + body) is None, body
    assert dialog.test_result_label.text().startswith("Test message sent to branch@example.org.")


def test_the_test_mail_stays_german_in_german(serve_smtp):
    from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
    from desktop_app.jobs.mail_test import send_test_mail

    server = serve_smtp()
    settings = SmtpSettings(server.host, server.port, SmtpSecurity.NONE, "", "import@example.org")
    assert send_test_mail(settings, None, "filiale@example.org", timeout=5).ok
    (mail,) = _mails(server)
    assert mail["Subject"] == "Testnachricht vom Buchhaltungsimport"
    assert mail.get_content().startswith("Dies ist eine Testnachricht des Buchhaltungsimports.")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_daily_summary_is_written_in_the_configured_language(
    db, secret_store, ledger, serve_smtp, data_dir, lang
):
    """settings.ini's ui/language, as ``serve`` reads it, reaches the daily summary of
    open cases that the scheduler sends through a real SMTP server."""
    from datetime import date, datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from desktop_app.config import AppPaths, configured_language
    from desktop_app.domain.interface import CaseOptions, ChainOptions, SettleUntil
    from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
    from desktop_app.jobs.scheduled_runs import scheduled_runs
    from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
    from desktop_app.store.catalog import Catalog
    from desktop_app.store.smtp_store import SmtpStore

    server = serve_smtp()
    SmtpStore(db).save(
        SmtpSettings(server.host, server.port, SmtpSecurity.NONE, "", "import@example.org")
    )
    options = CaseOptions(overdue_days=2, summary_enabled=True, summary_time=time(7, 30),
                          summary_recipient="buchhaltung@example.org")  # fmt: skip
    Catalog(db).set_chain_options(ChainOptions(cases=options))
    # RE-2026-0999 names no invoice: an open case of 10,00.
    request = ImportRequest(GOOD, "gp.csv", "closed-items", ("1",), SettleUntil.TODAY, date.today())
    SettlementEngine(db).run(request)
    (data_dir / "settings.ini").write_text(f"[ui]\nlanguage={lang}\n", encoding="utf-8")
    mail_language = configured_language(AppPaths(data_dir=data_dir, db_url=db.url))
    (summary,) = scheduled_runs(db, secret_store, mail_language=mail_language).timed_jobs
    berlin = ZoneInfo("Europe/Berlin")
    summary.tz, summary.timeout = berlin, 5
    # The job counts days in its own zone, not this machine's.
    later = datetime.now(berlin).date() + timedelta(days=3)  # three days old then: overdue
    assert summary.run(datetime.combine(later, time(7, 31), berlin))

    (mail,) = _mails(server)
    body = mail.get_content()
    if lang == "de":
        assert mail["Subject"].startswith("Klärungsfälle: 1 offen")
        assert "[ÜBERFÄLLIG] Fall 1, seit 3 Tagen offen: 10,00 €" in body
        assert "Bitte im Programm unter Buchhaltung → Klärungsfälle" in body
        return
    assert mail["Subject"] == f"Payments to clarify: 1 open ({later:%d/%m/%Y}), 1 older than 2 days"
    assert f"Open payments to clarify on {later:%d/%m/%Y}: 1, together €10.00." in body
    assert "1 of them is older than 2 days and marked [OVERDUE]." in body
    assert "  - [OVERDUE] Case 1, open for 3 days: €10.00; file “gp.csv”, line 4: " in body
    assert german_in(_without(mail["Subject"] + body, ("gp.csv",))) is None, body
