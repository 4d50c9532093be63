"""SMTP through aiosmtpd: plain, STARTTLS, implicit TLS, login, and typed failures."""

from __future__ import annotations

import json
from email.message import EmailMessage

import pytest

from desktop_app.jobs.mail_test import send_test_mail
from desktop_app.transfer.errors import ConnectionRefused, ReadTimeout
from desktop_app.transfer.login_errors import CertificateInvalid, TlsOutdated
from desktop_app.transfer.smtp import SmtpSecurity, SmtpSettings, send
from desktop_app.transfer.smtp_errors import (
    SmtpExpectsStartTls,
    SmtpImplicitTls,
    SmtpLoginFailed,
    SmtpNotConfigured,
    SmtpTlsNotSupported,
)

from .servers import HOST, ImplicitTlsServer

# the plain test server offers AUTH without TLS on purpose; aiosmtpd rightly warns about it
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

SMTP_PASSWORD = "Smtp-Geheim-99!"
SENDER = "import@filiale.example"
TO = "buchhaltung@filiale.example"


def message() -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = "Prüfung äöü"
    mail["To"] = TO
    mail.set_content("Hallo Buchhaltung")
    return mail


def settings(port: int, security: SmtpSecurity, user: str = "") -> SmtpSettings:
    return SmtpSettings(host=HOST, port=port, security=security, user=user, sender=SENDER)


def test_plain_smtp_delivers(serve_smtp) -> None:
    server = serve_smtp()
    send(settings(server.port, SmtpSecurity.NONE), None, message(), timeout=2)
    [envelope] = server.inbox.envelopes
    assert envelope.mail_from == SENDER and envelope.rcpt_tos == [TO]
    assert "Hallo Buchhaltung" in envelope.content.decode()


def test_starttls_with_login_delivers(serve_smtp, certificate) -> None:
    cert = certificate("smtp")
    server = serve_smtp(starttls=cert, login=("mailer", SMTP_PASSWORD))
    config = settings(server.port, SmtpSecurity.STARTTLS, user="mailer")
    send(config, SMTP_PASSWORD, message(), timeout=2, ssl_context=cert.client_context())
    assert len(server.inbox.envelopes) == 1


def test_implicit_tls_delivers(serve_smtp, certificate) -> None:
    cert = certificate("smtps")
    server = serve_smtp(implicit_tls=cert)
    send(settings(server.port, SmtpSecurity.SSL), None, message(), timeout=2,
         ssl_context=cert.client_context())  # fmt: skip
    assert len(server.inbox.envelopes) == 1


def test_wrong_smtp_password(serve_smtp) -> None:
    server = serve_smtp(login=("mailer", SMTP_PASSWORD))
    with pytest.raises(SmtpLoginFailed) as caught:
        send(settings(server.port, SmtpSecurity.NONE, "mailer"), "falsch", message(), timeout=2)
    assert "„mailer“" in caught.value.message_de
    assert server.inbox.envelopes == []


def test_starttls_demanded_but_not_offered(serve_smtp) -> None:
    server = serve_smtp()
    with pytest.raises(SmtpTlsNotSupported) as caught:
        send(settings(server.port, SmtpSecurity.STARTTLS), None, message(), timeout=2)
    assert "SSL/TLS" in caught.value.message_de


@pytest.mark.parametrize("security", [SmtpSecurity.STARTTLS, SmtpSecurity.NONE])
def test_a_port_for_tls_from_the_start_asks_for_ssl_tls(serve_smtp, certificate, security):
    """Port 465 with STARTTLS chosen: the server waits in silence for a TLS handshake."""
    server = serve_smtp(implicit_tls=certificate("smtps"))
    with pytest.raises(SmtpImplicitTls) as caught:
        send(settings(server.port, security), None, message(), timeout=1)
    assert caught.value.message_de == (
        f"Am Port {server.port} von „{HOST}“ erwartet der SMTP-Server eine verschlüsselte "
        "Verbindung von Anfang an. Wählen Sie als Sicherheit „SSL/TLS“ (Port meist 465)."
    )
    assert server.inbox.envelopes == []


@pytest.mark.parametrize("starttls", [True, False], ids=["starttls-port", "plain-port"])
def test_ssl_tls_on_a_port_that_greets_in_plain_text_asks_for_starttls(
    serve_smtp, certificate, starttls
):
    server = serve_smtp(starttls=certificate("smtp")) if starttls else serve_smtp()
    with pytest.raises(SmtpExpectsStartTls) as caught:
        send(settings(server.port, SmtpSecurity.SSL), None, message(), timeout=2)
    assert "meldet sich der SMTP-Server unverschlüsselt" in caught.value.message_de
    assert "Choose “STARTTLS” as the security" in caught.value.message_en


def test_a_server_with_only_tls_1_1_is_named_outdated(certificate) -> None:
    cert = certificate("old")
    server = ImplicitTlsServer(cert, outdated=True)
    try:
        with pytest.raises(TlsOutdated) as caught:
            send(settings(server.port, SmtpSecurity.SSL), None, message(), timeout=2,
                 ssl_context=cert.client_context())  # fmt: skip
    finally:
        server.stop()
    assert "veraltete Verschlüsselung" in caught.value.message_de
    assert "TLS 1.2 oder neuer" in caught.value.message_de


def test_untrusted_certificate_is_refused(serve_smtp, certificate) -> None:
    server = serve_smtp(starttls=certificate("self-signed"))
    with pytest.raises(CertificateInvalid):
        send(settings(server.port, SmtpSecurity.STARTTLS), None, message(), timeout=2)
    assert server.inbox.envelopes == []


def test_not_configured() -> None:
    with pytest.raises(SmtpNotConfigured):
        send(SmtpSettings(), None, message())


def test_network_failures(closed_port: int, silent_server) -> None:
    with pytest.raises(ConnectionRefused):
        send(settings(closed_port, SmtpSecurity.NONE), None, message(), timeout=1)
    with pytest.raises(ReadTimeout):
        send(settings(silent_server.port, SmtpSecurity.NONE), None, message(), timeout=0.5)


def test_send_test_mail_reports_success_and_failure(serve_smtp) -> None:
    server = serve_smtp(login=("mailer", SMTP_PASSWORD))
    config = settings(server.port, SmtpSecurity.NONE, "mailer")

    ok = send_test_mail(config, SMTP_PASSWORD, f"Chef <{TO}>", timeout=2)
    assert ok.ok and TO in ok.message
    [envelope] = server.inbox.envelopes
    assert envelope.rcpt_tos == [TO]
    assert "Testnachricht" in envelope.content.decode()

    failed = send_test_mail(config, "falsch", TO, timeout=2)
    assert not failed.ok and isinstance(failed.error, SmtpLoginFailed)
    assert failed.to_json() == {"ok": False, "message": failed.error.message_de}
    assert SMTP_PASSWORD not in json.dumps(failed.to_json())

    bad = send_test_mail(config, SMTP_PASSWORD, "kein-at-zeichen", timeout=2)
    assert not bad.ok and "keine gültige E-Mail-Adresse" in bad.message

    unconfigured = send_test_mail(SmtpSettings(), None, TO)
    assert not unconfigured.ok and "SMTP-Postausgangsserver" in unconfigured.message
