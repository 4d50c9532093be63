"""The e-mail "Test" buttons (PRODUCT.md §4): send a test message now and say how it went."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Any

from ..transfer.errors import InvalidRecipient, TransferError
from ..transfer.smtp import DEFAULT_TIMEOUT, SmtpSettings, send


@dataclass(frozen=True)
class MailTestResult:
    ok: bool
    message: str  # German
    error: TransferError | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "message": self.message}


def check_address(address: str) -> str:
    """The bare address, or InvalidRecipient. Deliverability is what sending tests."""
    _name, bare = parseaddr(address)
    local, at, domain = bare.rpartition("@")
    if (
        not at
        or not local
        or "." not in domain
        or any(ch.isspace() for ch in bare)
        or any(ord(ch) < 32 for ch in address)  # CR/LF would smuggle in headers
    ):
        raise InvalidRecipient(address)
    return bare


def compose_test_mail(settings: SmtpSettings, to_address: str) -> EmailMessage:
    now = datetime.now().astimezone()
    message = EmailMessage()
    message["Subject"] = "Testnachricht vom Buchhaltungsimport"
    message["From"] = settings.sender
    message["To"] = to_address
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="ftpimport.invalid")
    message.set_content(
        "Dies ist eine Testnachricht des Buchhaltungsimports.\n\n"
        f"Gesendet am {now:%d.%m.%Y um %H:%M:%S} über den SMTP-Server {settings.host}.\n"
        "Wenn Sie diese Nachricht lesen, kommen auch die Fehlerberichte bei Ihnen an.\n"
    )
    return message


def send_test_mail(
    smtp_settings: SmtpSettings,
    smtp_password: str | None,
    to_address: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    ssl_context: ssl.SSLContext | None = None,
) -> MailTestResult:
    try:
        bare = check_address(to_address.strip())
        message = compose_test_mail(smtp_settings, bare)
        send(smtp_settings, smtp_password, message, timeout=timeout, ssl_context=ssl_context)
    except TransferError as exc:
        return MailTestResult(ok=False, message=exc.message_de, error=exc)
    return MailTestResult(
        ok=True,
        message=f"Testnachricht an {bare} gesendet. Bitte prüfen Sie den Posteingang "
        "(auch den Spam-Ordner).",
    )
