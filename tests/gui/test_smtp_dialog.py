"""The SMTP-Postausgangsserver dialog: saving (password in the keyring), its Test against
aiosmtpd (plain and STARTTLS), the messages next to its fields, and the menu entry."""

# ruff: noqa: F811 (pytest hands the imported server fixtures to the tests by name)
from __future__ import annotations

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.jobs.smtp_setup import SmtpSetup
from desktop_app.store.secrets import SMTP_KEY, SecretStore
from desktop_app.store.smtp_store import SmtpStore
from desktop_app.ui.smtp_dialog import HOST, PASSWORD, PORT, RECIPIENT, SENDER, SmtpDialog

from ..integration.conftest import certificate, serve_smtp  # noqa: F401 (fixtures)
from ..integration.servers import ImplicitTlsServer
from .helpers import choose, settled, type_into, wait_idle

# The plain test server requires AUTH without TLS on purpose; aiosmtpd warns about that.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

SMTP_USER, SMTP_PASSWORD = "mailer", "Smtp-Geheim-0815!"
SENDER_ADDRESS = "import@filialkette.example"
WAIT = 30000  # ms: generous, the machine is shared; nothing here measures time


@pytest.fixture
def open_dialog(qtbot, german, db):
    """``open_dialog(secrets, **options)``: a shown dialog whose settings have loaded."""

    def make(secrets: SecretStore, **options) -> SmtpDialog:
        dialog = SmtpDialog(SmtpSetup(db, secrets), "de", timeout=5.0, **options)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
        return dialog

    yield make
    wait_idle(qtbot, WAIT)


@pytest.fixture
def no_keyring() -> SecretStore:
    return SecretStore(fail.Keyring())


def fill(qtbot, dialog: SmtpDialog, *, host: str = "127.0.0.1", port: int | None = None,
         security: SmtpSecurity = SmtpSecurity.NONE, user: str = "", password: str = "",
         sender: str = SENDER_ADDRESS) -> None:  # fmt: skip
    type_into(qtbot, dialog.host_edit, host)
    choose(dialog.security_combo, security.value)
    type_into(qtbot, dialog.port_edit, "" if port is None else str(port))
    type_into(qtbot, dialog.user_edit, user)
    if password:
        type_into(qtbot, dialog.password_field.line_edit(), password)
    type_into(qtbot, dialog.sender_edit, sender)


def save(qtbot, dialog: SmtpDialog) -> SmtpSettings:
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def send_test(qtbot, dialog: SmtpDialog) -> str:
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert not dialog.test_button.isEnabled()  # while sending
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=WAIT)
    return dialog.test_result_label.text()


def test_looks_like_the_manual(open_dialog, no_keyring):
    dialog = open_dialog(no_keyring)
    assert dialog.windowTitle() == "SMTP-Postausgangsserver"
    securities = [dialog.security_combo.itemText(i) for i in range(dialog.security_combo.count())]
    assert securities == ["STARTTLS (empfohlen)", "SSL/TLS", "Keine (unverschlüsselt)"]
    # An empty port means the security's usual one; the placeholder says which.
    ports = {}
    for security in SmtpSecurity:
        choose(dialog.security_combo, security.value)
        ports[security] = dialog.port_edit.placeholderText()
    assert ports == {SmtpSecurity.STARTTLS: "587", SmtpSecurity.SSL: "465", SmtpSecurity.NONE: "25"}
    assert dialog.save_button.text() == "Speichern" and dialog.cancel_button.text() == "Abbrechen"
    examples = (dialog.host_edit.placeholderText(), dialog.sender_edit.placeholderText())
    assert examples == ("smtp.filialkette.de", "buchhaltung@filialkette.de")


def test_saves_the_settings_and_the_password_only_in_the_keyring(
    qtbot, open_dialog, secret_store, db, data_dir
):
    dialog = open_dialog(secret_store)
    assert not dialog.password_field.is_stored()
    fill(qtbot, dialog, host="smtp.filialkette.example", port=2525,
         security=SmtpSecurity.STARTTLS, user=SMTP_USER, password=SMTP_PASSWORD)  # fmt: skip

    saved = save(qtbot, dialog)

    expected = SmtpSettings(
        "smtp.filialkette.example", 2525, SmtpSecurity.STARTTLS, SMTP_USER, SENDER_ADDRESS
    )
    assert saved == expected
    assert not dialog.isVisible()
    stored = SmtpStore(db).get()
    assert stored.settings == expected and stored.password_stored
    assert secret_store.get(SMTP_KEY) == SMTP_PASSWORD
    for path in data_dir.iterdir():  # the database and whatever SQLite writes beside it
        assert SMTP_PASSWORD.encode() not in path.read_bytes(), path

    again = open_dialog(secret_store)  # shows "stored" without reading the password
    assert again.host_edit.text() == "smtp.filialkette.example"
    assert again.port_edit.text() == "2525" and again.user_edit.text() == SMTP_USER
    assert again.password_field.is_stored()
    assert again.password_field.line_edit().text() == ""
    assert "gespeichert" in again.password_field.line_edit().placeholderText()


def test_empty_port_means_the_default_of_the_security(qtbot, open_dialog, no_keyring, db):
    dialog = open_dialog(no_keyring)
    fill(qtbot, dialog, host="smtp.example", security=SmtpSecurity.SSL)
    save(qtbot, dialog)
    stored = SmtpStore(db).get().settings
    assert stored.port is None and stored.effective_port == 465


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"host": ""}, HOST, "Bitte den SMTP-Server (Hostname) angeben."),
        ({"host": "smtp://mail.example"}, HOST, "Bitte nur den Hostnamen angeben"),
        ({"host": "-bad-.de"}, HOST, "„-bad-.de“ ist kein gültiger Hostname"),
        ({"host": "a..b"}, HOST, "„a..b“ ist kein gültiger Hostname"),
        (
            {"port": 0},
            PORT,
            "Der Port muss zwischen 1 und 65535 liegen (leer: der übliche Port, 25).",
        ),
        ({"port": 65536}, PORT, "Der Port muss zwischen 1 und 65535 liegen"),
        ({"sender": ""}, SENDER, "Bitte die Absenderadresse der Berichte angeben."),
        (
            {"sender": "import(at)kette.example"},
            SENDER,
            "„import(at)kette.example“ ist keine gültige E-Mail-Adresse",
        ),
        ({"password": "x"}, PASSWORD, "Ein Passwort gilt nur zusammen mit einem Benutzer."),
    ],
)
def test_a_bad_value_gets_its_message_next_to_its_field_and_nothing_is_saved(
    qtbot, open_dialog, no_keyring, db, values, field, message
):
    dialog = open_dialog(no_keyring)
    fill(qtbot, dialog, **values)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.message_for(field).startswith(message), dialog.message_for(field)
    assert [key for key in (HOST, PORT, SENDER, PASSWORD) if dialog.message_for(key)] == [field]
    assert dialog.status_label.text() == "Bitte die markierten Eingaben korrigieren."
    assert dialog.isVisible() and not SmtpStore(db).get().settings.is_configured
    # Editing the field takes its message away.
    edit = {HOST: dialog.host_edit, PORT: dialog.port_edit, SENDER: dialog.sender_edit,
            PASSWORD: dialog.password_field.line_edit()}[field]  # fmt: skip
    qtbot.keyClicks(edit, "1")
    assert dialog.message_for(field) == ""


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ("-bad-.de", "„-bad-.de“ ist kein gültiger Hostname"),
        ("a..b", "„a..b“ ist kein gültiger Hostname"),
        ("host name with spaces", "Bitte nur den Hostnamen angeben"),
    ],
)
def test_a_host_that_can_be_none_is_named_on_leaving_the_field(
    qtbot, open_dialog, no_keyring, host, message
):
    dialog = open_dialog(no_keyring)
    dialog.activateWindow()
    dialog.host_edit.setFocus()
    qtbot.waitUntil(dialog.host_edit.hasFocus)
    type_into(qtbot, dialog.host_edit, host)
    assert dialog.message_for(HOST) == ""  # not while typing
    qtbot.keyClick(dialog.host_edit, Qt.Key.Key_Tab)
    assert dialog.message_for(HOST).startswith(message), dialog.message_for(HOST)
    assert dialog.host_edit.text() == host


@pytest.mark.parametrize("host", ["smtp.example.com", "localhost", "192.0.2.7", "[::1]", "::1"])
def test_a_host_name_or_address_passes_on_leaving_the_field(qtbot, open_dialog, no_keyring, host):
    dialog = open_dialog(no_keyring)
    dialog.activateWindow()
    dialog.host_edit.setFocus()
    qtbot.waitUntil(dialog.host_edit.hasFocus)
    type_into(qtbot, dialog.host_edit, host)
    qtbot.keyClick(dialog.host_edit, Qt.Key.Key_Tab)
    assert dialog.message_for(HOST) == ""


def test_correcting_the_marked_fields_takes_the_summary_and_the_room_back(
    qtbot, open_dialog, no_keyring
):
    dialog = open_dialog(no_keyring)
    fill(qtbot, dialog, port=0, sender="")
    opened = settled(qtbot, dialog.height)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.message_for(PORT) and dialog.message_for(SENDER)
    assert dialog.status_label.text() == "Bitte die markierten Eingaben korrigieren."
    shown = [dialog._boxes[key].message for key in (PORT, SENDER)]
    spacing = 2  # FieldBox's, above its message
    grown = settled(qtbot, dialog.height)
    # It grows by its messages (the summary stands beside the buttons), no more.
    assert grown <= opened + sum(label.height() + spacing for label in shown)
    assert all(label.height() >= label.heightForWidth(label.width()) for label in shown)

    type_into(qtbot, dialog.port_edit, "25")
    assert dialog.message_for(PORT) == ""
    assert dialog.status_label.text() == "Bitte die markierten Eingaben korrigieren."  # sender
    type_into(qtbot, dialog.sender_edit, SENDER_ADDRESS)

    assert dialog.message_for(SENDER) == "" and dialog.status_label.text() == ""
    # Back to the height its contents need: no empty room above the text or in the Test box.
    assert settled(qtbot, dialog.height) <= opened
    needed = dialog.layout().totalHeightForWidth(dialog.width())
    assert dialog.height() <= needed + 1  # Qt's height-for-width rounding


def test_a_dialog_made_taller_by_the_user_stays_so(qtbot, open_dialog, no_keyring):
    dialog = open_dialog(no_keyring)
    fill(qtbot, dialog, sender="")
    taller = settled(qtbot, dialog.height) + 200
    dialog.resize(dialog.width(), taller)
    qtbot.waitUntil(lambda: dialog.height() == taller)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.sender_edit, SENDER_ADDRESS)
    assert settled(qtbot, dialog.height) == taller


def test_a_refusing_keyring_saves_nothing_and_says_so_by_the_password(
    qtbot, open_dialog, no_keyring, db
):
    dialog = open_dialog(no_keyring)
    fill(qtbot, dialog, user=SMTP_USER, password=SMTP_PASSWORD)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, WAIT)

    assert dialog.isVisible()
    assert "Schlüsselbund" in dialog.message_for(PASSWORD)
    assert dialog.status_label.text() == "Nicht gespeichert."
    assert not SmtpStore(db).get().settings.is_configured
    assert dialog.password_field.line_edit().text() == SMTP_PASSWORD  # still typed


def test_test_sends_with_the_unsaved_values_over_plain_smtp_with_login(
    qtbot, open_dialog, no_keyring, db, serve_smtp
):
    server = serve_smtp(login=(SMTP_USER, SMTP_PASSWORD))
    dialog = open_dialog(no_keyring)
    fill(qtbot, dialog, port=server.port, user=SMTP_USER, password=SMTP_PASSWORD)
    assert dialog.recipient_edit.text() == SENDER_ADDRESS  # prefilled with the sender
    type_into(qtbot, dialog.recipient_edit, "admin@filialkette.example")

    result = send_test(qtbot, dialog)

    assert result.startswith("Testnachricht an admin@filialkette.example gesendet.")
    (envelope,) = server.inbox.envelopes
    assert envelope.rcpt_tos == ["admin@filialkette.example"]
    assert envelope.mail_from == SENDER_ADDRESS
    assert SMTP_PASSWORD not in envelope.content.decode()
    assert not SmtpStore(db).get().settings.is_configured  # tested, not saved


def test_test_over_starttls(qtbot, open_dialog, no_keyring, serve_smtp, certificate):
    cert = certificate("smtp")
    server = serve_smtp(starttls=cert)
    dialog = open_dialog(no_keyring, ssl_context=cert.client_context())
    fill(qtbot, dialog, port=server.port, security=SmtpSecurity.STARTTLS)

    result = send_test(qtbot, dialog)

    assert result.startswith(f"Testnachricht an {SENDER_ADDRESS} gesendet."), result
    (envelope,) = server.inbox.envelopes
    assert envelope.rcpt_tos == [SENDER_ADDRESS]


def test_test_names_a_server_with_only_outdated_tls(qtbot, open_dialog, no_keyring, certificate):
    cert = certificate("old")
    server = ImplicitTlsServer(cert, outdated=True)
    try:
        dialog = open_dialog(no_keyring, ssl_context=cert.client_context())
        fill(qtbot, dialog, port=server.port, security=SmtpSecurity.SSL)
        result = send_test(qtbot, dialog)
    finally:
        server.stop()
    assert "bietet nur eine veraltete Verschlüsselung an" in result, result
    assert "Bitten Sie den Betreiber, TLS 1.2 oder neuer einzuschalten." in result


def test_test_names_the_security_that_fits_the_port(
    qtbot, open_dialog, no_keyring, serve_smtp, certificate
):
    """STARTTLS (the default) on port 465, and SSL/TLS on a port that greets unencrypted:
    each says which choice fits, not only that the server did not answer."""
    cert = certificate("smtps")
    implicit, starttls = serve_smtp(implicit_tls=cert), serve_smtp(starttls=cert)
    dialog = open_dialog(no_keyring, ssl_context=cert.client_context())
    fill(qtbot, dialog, port=implicit.port, security=SmtpSecurity.STARTTLS)
    assert "Wählen Sie als Sicherheit „SSL/TLS“ (Port meist 465)." in send_test(qtbot, dialog)
    fill(qtbot, dialog, port=starttls.port, security=SmtpSecurity.SSL)
    assert "Wählen Sie als Sicherheit „STARTTLS“ (Port meist 587)." in send_test(qtbot, dialog)


def test_test_uses_the_stored_password_and_names_a_wrong_one(
    qtbot, open_dialog, secret_store, serve_smtp
):
    server = serve_smtp(login=(SMTP_USER, SMTP_PASSWORD))
    first = open_dialog(secret_store)
    fill(qtbot, first, port=server.port, user=SMTP_USER, password=SMTP_PASSWORD)
    save(qtbot, first)
    dialog = open_dialog(secret_store)

    assert send_test(qtbot, dialog).startswith(f"Testnachricht an {SENDER_ADDRESS} gesendet.")
    assert len(server.inbox.envelopes) == 1

    type_into(qtbot, dialog.password_field.line_edit(), "falsch")
    result = send_test(qtbot, dialog)
    assert result.startswith("Anmeldung am SMTP-Server „127.0.0.1“ als „mailer“ fehlgeschlagen.")
    assert len(server.inbox.envelopes) == 1


def test_test_checks_the_test_address_first(qtbot, open_dialog, no_keyring):
    dialog = open_dialog(no_keyring)
    fill(qtbot, dialog)
    type_into(qtbot, dialog.recipient_edit, "niemand")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.message_for(RECIPIENT) == "„niemand“ ist keine gültige E-Mail-Adresse."
    assert dialog.test_button.isEnabled()  # nothing was sent


# --- from the main window -------------------------------------------------------------------


def test_the_administration_menu_opens_it_and_saving_lifts_the_email_hint(
    qtbot, make_window, no_keyring_editor, db
):
    from desktop_app.domain.users import Group
    from desktop_app.store.users import UserRepository

    staff = UserRepository(db).create("anna", "Anna-Passwort-1", Group.STAFF)
    staff_window = make_window(no_keyring_editor, user=staff)
    menus = [a.menu() for a in staff_window.menuBar().actions()]
    assert not any(staff_window.smtp_action in m.actions() for m in menus)

    admin = UserRepository(db).create("chefin", "Chefin-Passwort-1", Group.ADMINISTRATORS)
    window = make_window(no_keyring_editor, user=admin)
    hint = window.form.email_test
    qtbot.waitUntil(lambda: hint.is_smtp_configured() is False, timeout=WAIT)
    assert window.smtp_action in window.administration.menu.actions()
    assert window.smtp_action.text() == "SMTP-&Postausgangsserver …"

    window.smtp_action.trigger()
    dialog = window.findChild(SmtpDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    fill(qtbot, dialog, host="smtp.filialkette.example")
    save(qtbot, dialog)

    qtbot.waitUntil(lambda: hint.is_smtp_configured() is True, timeout=WAIT)
    assert not hint.status_label.isVisible()


def test_pasted_line_breaks_are_refused_next_to_their_fields(qtbot, open_dialog, no_keyring, db):
    dialog = open_dialog(no_keyring)
    fill(qtbot, dialog, user="mailer")
    dialog.user_edit.setText("mailer\r\nRCPT TO:<x@y.example>")
    dialog.password_field.line_edit().setText("geheim\nQUIT")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert "Steuerzeichen (U+000D, Wagenrücklauf)" in dialog.message_for("user")
    assert "Steuerzeichen (U+000A, Zeilenumbruch)" in dialog.message_for(PASSWORD)
    assert SmtpStore(db).get().settings.host == ""  # nothing saved


@pytest.mark.parametrize(
    "sender", ["import@kette.example, chefin@kette.example", "import@kette.example (Import)"]
)
def test_a_sender_that_is_more_than_one_bare_address_is_refused(
    qtbot, open_dialog, no_keyring, db, sender
):
    # Mail would go out from the first address alone, or with a From the server refuses.
    dialog = open_dialog(no_keyring)
    fill(qtbot, dialog)
    dialog.sender_edit.setText(sender)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.message_for(SENDER) == (
        f"„{sender}“ ist keine gültige E-Mail-Adresse (z. B. buchhaltung@filialkette.de)."
    )
    assert dialog.sender_edit.text() == sender
    assert not SmtpStore(db).get().settings.is_configured


def test_the_test_goes_to_one_address_only(qtbot, open_dialog, no_keyring):
    dialog = open_dialog(no_keyring)
    fill(qtbot, dialog)
    both = "chefin@kette.example, anna@kette.example"
    dialog.recipient_edit.setText(both)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.message_for(RECIPIENT) == f"„{both}“ ist keine gültige E-Mail-Adresse."
    assert dialog.test_button.isEnabled()  # nothing was sent
