"""Failures sending e-mail through the SMTP server: one type per failure a user can act on
(see ``errors`` for what ``str()`` and the messages are)."""

from __future__ import annotations

from .errors import ImplicitTls, TransferError
from .login_errors import TlsNotSupported

# --- e-mail --------------------------------------------------------------------------


class SmtpNotConfigured(TransferError):
    def __init__(self) -> None:
        super().__init__(
            "no SMTP server configured",
            "Es ist kein SMTP-Postausgangsserver eingerichtet. Ein Administrator muss ihn "
            "zuerst einrichten (Server, Port, Absenderadresse).",
            "No SMTP server for outgoing mail is set up. An administrator must set it up "
            "first (server, port, sender address).",
        )


class SmtpLoginFailed(TransferError):
    def __init__(self, host: str, user: str) -> None:
        self.host, self.user = host, user
        super().__init__(
            f"SMTP login as {user!r} on {host} failed",
            f"Anmeldung am SMTP-Server „{host}“ als „{user}“ fehlgeschlagen. Prüfen Sie "
            "Benutzer und Passwort in den SMTP-Einstellungen.",
            f"Login to the SMTP server “{host}” as “{user}” failed. Check user name and "
            "password in the SMTP settings.",
        )


class SmtpRefused(TransferError):
    """``detail`` is English or the server's own reply; ``detail_de`` is its German
    wording when ours differs (a server reply reads the same in both)."""

    def __init__(self, host: str, detail: str, *, detail_de: str | None = None) -> None:
        self.host, self.detail = host, detail
        german = detail if detail_de is None else detail_de
        super().__init__(
            f"SMTP server {host} refused the message: {detail}",
            f"Der SMTP-Server „{host}“ hat die Nachricht abgelehnt ({german}). Prüfen Sie "
            "Empfänger- und Absenderadresse; manche Server verlangen eine Anmeldung oder "
            "eine Absenderadresse der eigenen Domain.",
            f"The SMTP server “{host}” refused the message ({detail}). Check the recipient and "
            "sender addresses; some servers require a login or a sender address of their own "
            "domain.",
        )


class SmtpTlsNotSupported(TlsNotSupported):
    def __init__(self, host: str) -> None:
        self.host = host
        TransferError.__init__(
            self,
            f"SMTP server {host} does not offer STARTTLS",
            f"Der SMTP-Server „{host}“ bietet kein STARTTLS an. Wählen Sie als Sicherheit "
            "„SSL/TLS“ (meist Port 465) oder fragen Sie den Betreiber.",
            f"The SMTP server “{host}” does not offer STARTTLS. Choose “SSL/TLS” as "
            "security (usually port 465) or ask the operator.",
        )


class SmtpImplicitTls(ImplicitTls):
    """STARTTLS or no security chosen for a port that expects TLS from the start (465)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        TransferError.__init__(
            self,
            f"SMTP server {host}:{port} expects TLS from the start",
            f"Am Port {port} von „{host}“ erwartet der SMTP-Server eine verschlüsselte "
            "Verbindung von Anfang an. Wählen Sie als Sicherheit „SSL/TLS“ (Port meist 465).",
            f"Port {port} of the SMTP server “{host}” expects an encrypted connection from "
            "the start. Choose “SSL/TLS” as the security (port usually 465).",
        )


class SmtpExpectsStartTls(TransferError):
    """SSL/TLS chosen for a port where the server greets unencrypted (587, 25)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        super().__init__(
            f"SMTP server {host}:{port} greets without TLS",
            f"Am Port {port} von „{host}“ meldet sich der SMTP-Server unverschlüsselt, "
            "„SSL/TLS“ passt hier nicht. Wählen Sie als Sicherheit „STARTTLS“ (Port meist "
            "587).",
            f"The SMTP server “{host}” greets without encryption on port {port}, so "
            "“SSL/TLS” does not fit there. Choose “STARTTLS” as the security (port usually "
            "587).",
        )


class InvalidRecipient(TransferError):
    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__(
            f"invalid e-mail address {address!r}",
            f"„{address}“ ist keine gültige E-Mail-Adresse. Bitte korrigieren Sie die Adresse.",
            f"“{address}” is not a valid e-mail address. Please correct the address.",
        )
