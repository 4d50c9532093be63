"""Sending mail through the installation's SMTP server ("SMTP-Postausgangsserver").

Unlike FTPS there is no certificate pinning here: an administrator sets the server up
once, and it must present a certificate valid under the system's CAs (``ssl_context``
exists for intranet CAs and tests).
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

# The settings are plain domain data shared with the store; re-exported for callers here.
from ..domain.smtp_settings import SmtpSecurity, SmtpSettings
from . import network
from .errors import (
    ConnectionLost,
    ImplicitTls,
    ProtocolError,
    ReadTimeout,
    ServerUnavailable,
    TransferError,
)
from .login_errors import CertificateInvalid, tls_error
from .smtp_errors import (
    SmtpExpectsStartTls,
    SmtpImplicitTls,
    SmtpLoginFailed,
    SmtpNotConfigured,
    SmtpRefused,
    SmtpTlsNotSupported,
)

__all__ = ["DEFAULT_TIMEOUT", "SmtpSecurity", "SmtpSettings", "send"]

DEFAULT_TIMEOUT = 30.0


class _Smtp(smtplib.SMTP):
    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        sock = network.connect(host, port, timeout)
        try:
            network.peek_greeting(sock, host, port)  # smtplib reads it next
        except ImplicitTls:
            sock.close()
            raise SmtpImplicitTls(host, port) from None
        except TransferError:
            sock.close()
            raise
        return sock


class _SmtpSsl(smtplib.SMTP_SSL):
    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        sock = network.connect(host, port, timeout)
        try:
            return self.context.wrap_socket(sock, server_hostname=host)
        except ssl.SSLCertVerificationError:
            sock.close()
            raise
        except ssl.SSLError as exc:
            sock.close()
            # A greeting in plain text is no TLS record: OpenSSL says "wrong version number".
            if network.greets_in_plain_text(host, port, timeout):
                raise SmtpExpectsStartTls(host, port) from exc
            raise


def send(
    settings: SmtpSettings,
    password: str | None,
    message: EmailMessage,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    ssl_context: ssl.SSLContext | None = None,
) -> None:
    """Send ``message`` (its From defaults to the configured sender); raises TransferError."""
    if not settings.is_configured:
        raise SmtpNotConfigured()
    if "From" not in message:
        message["From"] = settings.sender
    host, port = settings.host.strip(), settings.effective_port
    context = ssl_context or ssl.create_default_context()
    with _smtp_errors(host, timeout):
        # connecting in the constructor also records the host name that STARTTLS checks
        if settings.security is SmtpSecurity.SSL:
            client: smtplib.SMTP = _SmtpSsl(host, port, timeout=timeout, context=context)
        else:
            client = _Smtp(host, port, timeout=timeout)
        try:
            client.ehlo()
            if settings.security is SmtpSecurity.STARTTLS:
                if not client.has_extn("starttls"):
                    raise SmtpTlsNotSupported(host)
                client.starttls(context=context)
                client.ehlo()
            if settings.user:
                _login(client, host, settings.user, password)
            client.send_message(message, from_addr=settings.sender)
        finally:
            _close(client)


def _login(client: smtplib.SMTP, host: str, user: str, password: str | None) -> None:
    if not password:
        raise SmtpLoginFailed(host, user)
    try:
        client.login(user, password)
    except (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError) as exc:
        # not supported: typically AUTH is only offered after STARTTLS
        raise SmtpLoginFailed(host, user) from exc


def _close(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()  # the server is gone already; just release the socket


@contextmanager
def _smtp_errors(host: str, timeout: float) -> Iterator[None]:
    try:
        yield
    except TransferError:
        raise
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(sorted(exc.recipients))
        raise SmtpRefused(
            host, f"recipient refused: {refused}", detail_de=f"Empfänger abgelehnt: {refused}"
        ) from exc
    except smtplib.SMTPSenderRefused as exc:
        sender = exc.sender
        raise SmtpRefused(
            host, f"sender refused: {sender}", detail_de=f"Absender abgelehnt: {sender}"
        ) from exc
    except smtplib.SMTPDataError as exc:
        raise SmtpRefused(host, f"{exc.smtp_code} {_text(exc.smtp_error)}") from exc
    except smtplib.SMTPConnectError as exc:
        raise ServerUnavailable(host, f"{exc.smtp_code} {_text(exc.smtp_error)}") from exc
    except smtplib.SMTPServerDisconnected as exc:
        # smtplib turns a read timeout into "disconnected"; the timeout is its context
        if isinstance(exc.__context__, TimeoutError):
            raise ReadTimeout(host, timeout) from exc
        raise ConnectionLost(host) from exc
    except smtplib.SMTPResponseException as exc:
        raise ProtocolError(host, f"{exc.smtp_code} {_text(exc.smtp_error)}") from exc
    except smtplib.SMTPException as exc:
        raise ProtocolError(host, str(exc)) from exc
    except TimeoutError as exc:
        raise ReadTimeout(host, timeout) from exc
    except ssl.SSLCertVerificationError as exc:
        raise CertificateInvalid(host, exc.verify_message or str(exc)) from exc
    except ssl.SSLError as exc:
        raise tls_error(host, exc) from exc
    except OSError as exc:
        raise ConnectionLost(host) from exc


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
