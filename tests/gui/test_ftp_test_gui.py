"""The form's FTP Test and e-mail Test against real servers on loopback ports.

The servers come from the integration fixtures (pyftpdlib, FTPS with a self-signed
certificate, aiosmtpd, a host that accepts and never answers).
"""

# ruff: noqa: F811 (pytest hands the imported server fixtures to the tests by name)
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel

from desktop_app.domain.interface import FtpSettings, Protocol
from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.jobs.connection_test import FtpTestResult, StepId
from desktop_app.store.smtp_store import SmtpStore
from desktop_app.transfer.trust import openssh_fingerprint
from desktop_app.ui.ftp_test_panel import FtpTestPanel, format_fingerprint
from desktop_app.ui.interface_form import InterfaceForm
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.trust_dialog import TrustDialog
from desktop_app.ui.widgets.test_steps_view import StepState

from ..integration.conftest import (  # noqa: F401 (fixtures used by name)
    PASSWORD,
    USER,
    certificate,
    ftp_root,
    serve_ftp,
    serve_sftp,
    serve_smtp,
    silent_server,
)
from .conftest import TEST_HOST
from .helpers import answering_modal, fill_form, type_into, wait_idle

FTP_LABELS = [
    "Server suchen (DNS)",
    "Verbinden",
    "Anmelden",
    "Verzeichnis öffnen",
    "Verzeichnis auflisten",
    "Testdatei schreiben",
    "Testdatei zurücklesen",
    "Testdatei löschen",
]
FTP_KEYS = [
    "resolve", "connect", "login", "open_directory", "list", "write_probe", "read_probe",
    "delete_probe",
]  # fmt: skip
RESULT_WAIT = 30000  # ms; generous: the machine is shared, and no test measures time
NO_SMTP_HINT = "Zuerst muss ein Administrator den SMTP-Postausgangsserver einrichten."


@pytest.fixture
def make_form(qtbot, german):
    """``make_form(editor, timeout=…)``: a shown form on its own, with a test timeout."""

    def make(editor, timeout: float = 5.0) -> InterfaceForm:
        form = InterfaceForm("de", TEST_HOST, editor=editor, test_timeout=timeout)
        qtbot.addWidget(form)
        form.resize(640, 1000)
        form.show()
        return form

    yield make
    wait_idle(qtbot, RESULT_WAIT)  # before qtbot closes the forms


def enter_ftp(qtbot, form: InterfaceForm, host: str, port: int, *, protocol=Protocol.FTP,
              user: str = USER, password: str | None = PASSWORD) -> None:  # fmt: skip
    form.protocol_combo.setCurrentIndex(form.protocol_combo.findData(protocol.value))
    type_into(qtbot, form.host_edit, host)
    type_into(qtbot, form.port_edit, str(port))
    type_into(qtbot, form.user_edit, user)
    if password is not None:
        type_into(qtbot, form.password_field.line_edit(), password)


def click(qtbot, button) -> None:
    """Click as a user does, once the button is laid out (it may have just appeared)."""
    qtbot.waitUntil(lambda: button.isVisible() and not button.rect().isEmpty())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def run_test(qtbot, panel: FtpTestPanel, button=None) -> FtpTestResult:
    with qtbot.waitSignal(panel.finished, timeout=RESULT_WAIT) as blocker:
        click(qtbot, button or panel.test_button)
    return blocker.args[0]


def states(panel: FtpTestPanel) -> dict[str, StepState]:
    view = panel.steps_view
    return {key: view.state(key) for key in view.step_keys()}


def all_label_texts(form: InterfaceForm) -> str:
    return "\n".join(label.text() for label in form.findChildren(QLabel))


# --- the FTP Test ------------------------------------------------------------------------


def test_success_shows_every_step_ok_without_saving(qtbot, make_form, no_keyring_editor,
                                                     repository, serve_ftp):  # fmt: skip
    server = serve_ftp()
    form = make_form(no_keyring_editor)
    enter_ftp(qtbot, form, server.host, server.port)
    panel = form.ftp_test
    assert not panel.steps_view.isVisible()  # no results before the first test

    result = run_test(qtbot, panel)

    assert result.ok
    view = panel.steps_view
    assert view.isVisible()
    assert [view.label(key) for key in view.step_keys()] == FTP_LABELS
    assert set(states(panel).values()) == {StepState.OK}
    assert view.message("login") == f"Angemeldet als „{USER}“."
    assert view.message("delete_probe").endswith("Alles bereit.")
    assert panel.summary_label.text() == "Test erfolgreich: Alle Schritte bestanden."
    assert panel.test_button.text() == "Test" and panel.trust_button is None
    # Tested with the unsaved values; nothing was saved, the password shows nowhere.
    assert repository.names() == [] and form.is_dirty()
    assert PASSWORD not in all_label_texts(form)


def test_wrong_password_fails_at_login_with_its_message(qtbot, make_form, no_keyring_editor,
                                                        serve_ftp):  # fmt: skip
    server = serve_ftp()
    form = make_form(no_keyring_editor)
    enter_ftp(qtbot, form, server.host, server.port, password="falsch")

    result = run_test(qtbot, form.ftp_test)

    assert not result.ok and result.failed_step.step is StepId.LOGIN
    panel = form.ftp_test
    assert states(panel) == {
        "resolve": StepState.OK,
        "connect": StepState.OK,
        "login": StepState.FAILED,
        "open_directory": StepState.NOT_RUN,
        "list": StepState.NOT_RUN,
        "write_probe": StepState.NOT_RUN,
        "read_probe": StepState.NOT_RUN,
        "delete_probe": StepState.NOT_RUN,
    }
    assert panel.steps_view.message("login") == (
        f"Anmeldung als „{USER}“ an „{server.host}“ fehlgeschlagen. Prüfen Sie Benutzer und "
        "Passwort (Groß-/Kleinschreibung beachten)."
    )
    assert panel.steps_view.message("list").startswith("Nicht ausgeführt")
    assert panel.summary_label.text() == "Test fehlgeschlagen bei „Anmelden“."


def test_missing_host_is_said_before_anything_runs(qtbot, make_form, no_keyring_editor):
    form = make_form(no_keyring_editor)
    qtbot.mouseClick(form.ftp_test.test_button, Qt.MouseButton.LeftButton)
    assert not form.ftp_test.is_running()
    assert "Bitte den FTP-Hostnamen eingeben." in form.ftp_test.summary_label.text()


def test_the_stored_password_comes_from_the_keyring_and_is_never_shown(
    qtbot, make_form, editor, serve_ftp, sample_settings
):
    server = serve_ftp()
    ftp = FtpSettings(Protocol.FTP, host=server.host, port=server.port, user=USER)
    stored = editor.save(sample_settings.with_changes(ftp=ftp), password=PASSWORD)
    form = make_form(editor)
    form.load(stored)
    assert form.password_field.is_stored() and form.password_field.line_edit().text() == ""

    result = run_test(qtbot, form.ftp_test)

    assert result.ok, result.steps
    assert form.password_field.line_edit().text() == ""
    assert PASSWORD not in all_label_texts(form)


def test_self_signed_certificate_trusted_in_a_new_interface_is_stored_on_save(
    qtbot, make_window, editor, repository, serve_ftp, certificate, sample_settings
):
    cert = certificate("server")
    server = serve_ftp(tls=cert)
    window = make_window(editor)
    window.new_interface()
    ftp = FtpSettings(Protocol.FTPS, host=server.host, port=server.port, user=USER)
    settings = sample_settings.with_changes(ftp=ftp)
    form = window.form
    fill_form(qtbot, form, settings, password=PASSWORD)
    panel = form.ftp_test

    refused = run_test(qtbot, panel)

    assert refused.refused_fingerprint == cert.fingerprint
    assert states(panel)["tls"] is StepState.FAILED
    assert "nicht von einer bekannten Stelle bestätigt" in panel.steps_view.message("tls")
    assert panel.trust_button is not None and panel.trust_button.isVisible()
    assert panel.trust_button.text() == "Diesem Zertifikat vertrauen …"
    shown = panel.findChild(QLabel, "trustFingerprint")
    assert shown.text() == format_fingerprint(cert.fingerprint)
    asked = []
    panel.confirm_trust = lambda step: asked.append(step.fingerprint) or True

    trusted = run_test(qtbot, panel, panel.trust_button)

    assert asked == [cert.fingerprint]
    assert trusted.ok, trusted.steps
    assert "als vertrauenswürdig bestätigte" in panel.steps_view.message("tls")
    # Not saved yet: the fingerprint waits for the save of the new interface.
    assert repository.names() == []
    assert form.pending_trusted_fingerprint() == cert.fingerprint
    assert panel.pending_label.isVisible()

    window.save()
    wait_idle(qtbot)

    assert window.errors == []
    assert repository.get(settings.name).trusted_fingerprint == cert.fingerprint
    assert form.pending_trusted_fingerprint() is None and not panel.pending_label.isVisible()
    assert panel.last_result is trusted  # the results still describe the saved values


def test_trust_for_a_saved_interface_is_stored_at_once_and_a_changed_certificate_warns(
    qtbot, make_form, no_keyring_editor, repository, serve_ftp, certificate, sample_settings
):
    first, second = certificate("first"), certificate("second")
    server = serve_ftp(tls=first)
    ftp = FtpSettings(Protocol.FTPS, host=server.host, port=server.port, user=USER)
    name = sample_settings.name
    form = make_form(no_keyring_editor)
    form.load(repository.save(sample_settings.with_changes(ftp=ftp)))
    type_into(qtbot, form.password_field.line_edit(), PASSWORD)  # typed, not saved
    panel = form.ftp_test
    run_test(qtbot, panel)
    panel.confirm_trust = lambda step: True

    trusted = run_test(qtbot, panel, panel.trust_button)

    assert trusted.ok, trusted.steps
    assert repository.get(name).trusted_fingerprint == first.fingerprint
    assert form.pending_trusted_fingerprint() is None

    # The same host now shows another certificate (here: another server, another port;
    # the servers share pyftpdlib's one IO loop, so the first must stop first).
    server.stop()
    other = serve_ftp(tls=second)
    type_into(qtbot, form.port_edit, str(other.port))
    changed = run_test(qtbot, panel)
    assert changed.refused_fingerprint == second.fingerprint
    assert panel.steps_view.message("tls").startswith("WARNUNG: Das Zertifikat")
    del panel.confirm_trust  # the real question this time

    def refuse(dialog: TrustDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter is Cancel: trusting is deliberate

    with answering_modal(TrustDialog, refuse) as dialogs:
        click(qtbot, panel.trust_button)

    (dialog,) = dialogs
    assert dialog.changed and dialog.windowTitle() == "Warnung: Der Server weist sich anders aus"
    question = dialog.question_label.text()
    assert "hat sich geändert" in question and "Angriff" in question
    shown = dialog.fingerprint_label.text()
    assert format_fingerprint(first.fingerprint) in shown
    assert format_fingerprint(second.fingerprint) in shown
    assert openssh_fingerprint(second.fingerprint) in shown
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert repository.get(name).trusted_fingerprint == first.fingerprint
    assert not panel.is_running()


def _ssh_keygen_line(fingerprint: str) -> str:
    """What ``ssh-keygen -l -f host.pub`` prints for a host key with this fingerprint."""
    return f"256 {openssh_fingerprint(fingerprint)} root@sftp.example (ECDSA)"


def test_the_trust_dialog_compares_a_pasted_fingerprint_in_either_form(qtbot, german):
    fingerprint = "AB:" * 31 + "CD"
    dialog = TrustDialog("sftp.example", fingerprint, ssh_key=True)
    qtbot.addWidget(dialog)
    assert openssh_fingerprint(fingerprint) in dialog.fingerprint_label.text()
    assert dialog.cancel_button.isDefault() and dialog.trust_button.isEnabled()
    for pasted in (_ssh_keygen_line(fingerprint), fingerprint.lower().replace(":", "")):
        dialog.compare_edit.setText(pasted)
        assert dialog.compare_label.text() == "Stimmt mit dem Fingerabdruck des Servers überein."
        assert dialog.trust_button.isEnabled()
    dialog.compare_edit.setText(_ssh_keygen_line("AB:" * 32))
    assert "Stimmt NICHT" in dialog.compare_label.text()
    assert not dialog.trust_button.isEnabled()
    dialog.compare_edit.setText("MD5:ab:cd")
    assert "Ein MD5-Fingerabdruck genügt nicht" in dialog.compare_label.text()
    assert not dialog.trust_button.isEnabled()
    dialog.compare_edit.setText("AB:CD")
    assert "kein SHA-256-Fingerabdruck" in dialog.compare_label.text()
    assert not dialog.trust_button.isEnabled()
    dialog.compare_edit.clear()
    assert dialog.trust_button.isEnabled() and dialog.compare_label.text() == ""


def test_an_sftp_key_is_trusted_after_comparing_what_ssh_keygen_printed(
    qtbot, make_form, no_keyring_editor, serve_sftp
):
    server = serve_sftp()
    form = make_form(no_keyring_editor)
    enter_ftp(qtbot, form, server.host, server.port, protocol=Protocol.SFTP)
    panel = form.ftp_test
    refused = run_test(qtbot, panel)
    assert refused.refused_fingerprint == server.fingerprint
    openssh = panel.findChild(QLabel, "trustOpensshFingerprint")
    assert openssh.isVisible() and openssh.text() == openssh_fingerprint(server.fingerprint)

    def compare_and_trust(dialog: TrustDialog) -> None:
        dialog.compare_edit.setText(_ssh_keygen_line(server.fingerprint))
        qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)

    with (
        answering_modal(TrustDialog, compare_and_trust) as dialogs,
        qtbot.waitSignal(panel.finished, timeout=RESULT_WAIT) as blocker,
    ):
        click(qtbot, panel.trust_button)

    assert len(dialogs) == 1 and not dialogs[0].changed
    assert blocker.args[0].ok, blocker.args[0].steps
    assert panel.pending_trusted_fingerprint() == server.fingerprint


def test_a_silent_server_leaves_the_gui_responsive_and_ends_with_a_timeout(
    qtbot, make_form, no_keyring_editor, silent_server
):
    form = make_form(no_keyring_editor, timeout=3.0)
    enter_ftp(qtbot, form, "127.0.0.1", silent_server.port)
    panel = form.ftp_test
    ticks_while_running: list[bool] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks_while_running.append(panel.is_running()))
    typed_while_running: list[bool] = []
    form.filename_edit.textEdited.connect(lambda _t: typed_while_running.append(panel.is_running()))

    with qtbot.waitSignal(panel.finished, timeout=RESULT_WAIT) as blocker:
        timer.start()
        qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
        assert panel.is_running() and panel.test_button.text() == "Abbrechen"
        qtbot.waitUntil(lambda: sum(ticks_while_running) >= 10, timeout=RESULT_WAIT)
        qtbot.keyClicks(form.filename_edit, "Zahlungen")
    timer.stop()

    assert form.filename_edit.text() == "Zahlungen"
    assert typed_while_running and all(typed_while_running)  # typed during the test
    assert sum(ticks_while_running) >= 10  # the event loop kept running
    result: FtpTestResult = blocker.args[0]
    assert not result.ok and not result.cancelled
    assert states(panel)["connect"] is StepState.FAILED
    message = panel.steps_view.message("connect")
    assert "antwortet aber nicht" in message and "Zeitüberschreitung nach 3 Sekunden" in message
    assert panel.summary_label.text() == "Test fehlgeschlagen bei „Verbinden“."
    assert panel.test_button.text() == "Test" and panel.test_button.isEnabled()


def test_clicking_again_cancels_a_running_test(qtbot, make_form, no_keyring_editor,
                                               silent_server):  # fmt: skip
    # Longer than any wait below: only the cancel can end the test in time.
    form = make_form(no_keyring_editor, timeout=20.0)
    enter_ftp(qtbot, form, "127.0.0.1", silent_server.port)
    panel = form.ftp_test
    heard = []
    panel.finished.connect(heard.append)
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: states(panel)["connect"] is StepState.RUNNING, timeout=RESULT_WAIT)
    assert panel.test_button.text() == "Abbrechen"

    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)

    (result,) = heard  # at once, without waiting for the blocked network call
    assert result.cancelled and not panel.is_running()
    assert states(panel) == {
        "resolve": StepState.OK,
        "connect": StepState.NOT_RUN,
        **{key: StepState.NOT_RUN for key in FTP_KEYS[2:]},
    }
    assert panel.steps_view.message("connect") == "Vom Benutzer abgebrochen."
    assert panel.steps_view.message("login").startswith("Nicht ausgeführt")
    assert panel.summary_label.text() == "Test abgebrochen."
    assert panel.test_button.text() == "Test" and panel.test_button.isEnabled()
    assert panel.trust_button is None
    wait_idle(qtbot, RESULT_WAIT)  # the job itself ends too, and nothing more is shown
    assert len(heard) == 1 and panel.summary_label.text() == "Test abgebrochen."


def test_showing_another_interface_abandons_a_running_test(qtbot, make_form, no_keyring_editor,
                                                           silent_server):  # fmt: skip
    form = make_form(no_keyring_editor, timeout=20.0)
    enter_ftp(qtbot, form, "127.0.0.1", silent_server.port)
    panel = form.ftp_test
    finished: list[FtpTestResult] = []
    panel.finished.connect(finished.append)
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    assert panel.is_running()

    form.load(None)

    assert not panel.is_running() and not panel.steps_view.isVisible()
    assert panel.test_button.text() == "Test"
    wait_idle(qtbot, RESULT_WAIT)  # the abandoned job ends at once (it was cancelled) …
    assert finished == []  # … and its result is not shown for the other interface


def test_discarding_a_typed_password_after_its_test_clears_the_result(
    qtbot, make_form, no_keyring_editor, repository, serve_ftp, sample_settings
):
    server = serve_ftp()
    ftp = FtpSettings(Protocol.FTP, host=server.host, port=server.port, user=USER)
    stored = repository.save(sample_settings.with_changes(ftp=ftp))
    form = make_form(no_keyring_editor)
    form.load(stored)
    type_into(qtbot, form.password_field.line_edit(), PASSWORD)
    panel = form.ftp_test
    assert run_test(qtbot, panel).ok

    form.load(stored)  # Verwerfen: the password tested is no longer in the form

    assert panel.last_result is None and not panel.steps_view.isVisible()


def _tested_with_a_typed_password(
    qtbot, make_window, editor, repository, serve_ftp, sample_settings
) -> tuple[MainWindow, FtpTestResult]:
    """A window on an interface of a real FTP server, Tested with the password typed in."""
    server = serve_ftp()
    ftp = FtpSettings(Protocol.FTP, host=server.host, port=server.port, user=USER)
    repository.save(sample_settings.with_changes(ftp=ftp))
    window = make_window(editor)
    wait_idle(qtbot)
    type_into(qtbot, window.form.password_field.line_edit(), PASSWORD)
    return window, run_test(qtbot, window.form.ftp_test)


def test_saving_the_typed_password_just_tested_keeps_the_result_through_a_refresh(
    qtbot, make_window, editor, repository, serve_ftp, sample_settings
):
    window, tested = _tested_with_a_typed_password(
        qtbot, make_window, editor, repository, serve_ftp, sample_settings
    )
    panel = window.form.ftp_test

    window.save()
    wait_idle(qtbot)
    assert window.errors == [] and repository.get(sample_settings.name).password_stored
    window.refresh()
    wait_idle(qtbot)

    assert panel.last_result is tested and panel.steps_view.isVisible()


def test_saving_another_password_than_the_one_tested_clears_the_result(
    qtbot, make_window, editor, repository, serve_ftp, sample_settings
):
    """Tested with one typed password, then another typed over it and saved: the result
    told of a password the interface no longer has."""
    window, tested = _tested_with_a_typed_password(
        qtbot, make_window, editor, repository, serve_ftp, sample_settings
    )
    form, panel = window.form, window.form.ftp_test
    assert tested.ok
    type_into(qtbot, form.password_field.line_edit(), "ein-anderes-Passwort")

    window.save()
    wait_idle(qtbot)

    assert window.errors == [] and repository.get(sample_settings.name).password_stored
    assert panel.last_result is None and not panel.steps_view.isVisible()


# --- the e-mail Test ---------------------------------------------------------------------


def test_without_smtp_server_the_email_field_says_so(qtbot, window):
    form = window.form
    qtbot.waitUntil(lambda: form.email_test.is_smtp_configured() is False)
    type_into(qtbot, form.email_edit, "buchhaltung@filiale.example")
    assert form.email_test.status_label.text() == NO_SMTP_HINT
    assert form.email_test.status_label.isVisible()
    assert not form.email_test.button.isEnabled()


def test_email_test_sends_to_the_address_in_the_field(qtbot, make_window, no_keyring_editor,
                                                      db, serve_smtp):  # fmt: skip
    server = serve_smtp()
    SmtpStore(db).save(
        SmtpSettings(server.host, server.port, SmtpSecurity.NONE, sender="import@kette.example")
    )
    window = make_window(no_keyring_editor)
    control = window.form.email_test
    qtbot.waitUntil(lambda: control.is_smtp_configured() is True)
    assert not control.button.isEnabled()  # no address yet
    type_into(qtbot, window.form.email_edit, "buchhaltung@filiale.example")
    assert control.button.isEnabled() and not control.status_label.isVisible()

    qtbot.mouseClick(control.button, Qt.MouseButton.LeftButton)
    assert not control.button.isEnabled()  # while sending
    qtbot.waitUntil(control.button.isEnabled, timeout=RESULT_WAIT)

    assert control.status_label.text().startswith(
        "Testnachricht an buchhaltung@filiale.example gesendet."
    )
    (envelope,) = server.inbox.envelopes
    assert envelope.rcpt_tos == ["buchhaltung@filiale.example"]
    assert envelope.mail_from == "import@kette.example"
    # Another address: the old result no longer applies.
    type_into(qtbot, window.form.email_edit, "andere@filiale.example")
    assert not control.status_label.isVisible()
