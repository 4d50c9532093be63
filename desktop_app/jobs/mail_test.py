"""The e-mail "Test": send a test message now and say how it went.

``prepare_test_mail`` checks the SMTP values and reads the password (the typed one, else the
stored one); it returns a ``MailTestRequest`` or raises ``ValidationError``. The recipient is
checked when sending, and a wrong one is reported in the result like any other failure.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Any

from ..domain.date_text import format_day
from ..domain.smtp_settings import smtp_problems
from ..domain.validation import ValidationError
from ..store.secrets import SecretStore
from ..store.smtp_store import StoredSmtp
from ..transfer.errors import TransferError
from ..transfer.smtp import DEFAULT_TIMEOUT, SmtpSettings, send
from ..transfer.smtp_errors import InvalidRecipient
from .credentials import stored_smtp_password, typed_or_stored
from .interface_edit import KEEP_PASSWORD, PasswordChange


@dataclass(frozen=True)
class MailTestResult:
    ok: bool
    message: str  # German
    error: TransferError | None = field(default=None, compare=False, repr=False)
    message_en: str = ""

    def text(self, lang: str = "de") -> str:
        """What the result says, in ``lang``."""
        return self.message_en if lang == "en" and self.message_en else self.message

    def to_json(self, lang: str = "de") -> dict[str, Any]:
        """For programs; ``message`` in ``lang``."""
        return {"ok": self.ok, "message": self.text(lang)}


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


#: The test message's words per language, as the failure mail's (transfer/report.py).
TEST_MAIL_TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "subject": "Testnachricht vom Buchhaltungsimport",
        "body": "Dies ist eine Testnachricht des Buchhaltungsimports.\n\n"
        "Gesendet am {day} um {now:%H:%M:%S} über den SMTP-Server {host}.\n"
        "Wenn Sie diese Nachricht lesen, kommen auch die Fehlerberichte bei Ihnen an.\n",
    },
    "en": {
        "subject": "Test message from the accounting import",
        "body": "This is a test message from the accounting import.\n\n"
        "Sent on {day} at {now:%H:%M:%S} through the SMTP server {host}.\n"
        "If you can read this message, the failure reports reach you too.\n",
    },
}


def compose_test_mail(settings: SmtpSettings, to_address: str, lang: str = "de") -> EmailMessage:
    """The test message, in ``lang`` ("de" or "en": the program's language)."""
    now = datetime.now().astimezone()
    words = TEST_MAIL_TEXTS["en" if lang == "en" else "de"]
    message = EmailMessage()
    message["Subject"] = words["subject"]
    message["From"] = settings.sender
    message["To"] = to_address
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="ftpimport.invalid")
    message.set_content(
        words["body"].format(day=format_day(now.date(), lang), now=now, host=settings.host)
    )
    return message


def send_test_mail(
    smtp_settings: SmtpSettings,
    smtp_password: str | None,
    to_address: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    ssl_context: ssl.SSLContext | None = None,
    lang: str = "de",
) -> MailTestResult:
    try:
        bare = check_address(to_address.strip())
        message = compose_test_mail(smtp_settings, bare, lang)
        send(smtp_settings, smtp_password, message, timeout=timeout, ssl_context=ssl_context)
    except TransferError as exc:
        return MailTestResult(
            ok=False, message=exc.message_de, error=exc, message_en=exc.message_en
        )
    return MailTestResult(
        ok=True,
        message=f"Testnachricht an {bare} gesendet. Bitte prüfen Sie den Posteingang "
        "(auch den Spam-Ordner).",
        message_en=f"Test message sent to {bare}. Please check the inbox (and the spam folder).",
    )


@dataclass(frozen=True)
class MailTestRequest:
    """A test message ready to send: the server, the password to use, the recipient and
    the language the message is written in."""

    settings: SmtpSettings
    password: str | None = field(repr=False)
    recipient: str
    lang: str = "de"

    def send(
        self, *, timeout: float = DEFAULT_TIMEOUT, ssl_context: ssl.SSLContext | None = None
    ) -> MailTestResult:
        return send_test_mail(
            self.settings,
            self.password,
            self.recipient,
            timeout=timeout,
            ssl_context=ssl_context,
            lang=self.lang,
        )


def prepare_test_mail(
    secrets: SecretStore,
    stored: StoredSmtp,
    recipient: str,
    *,
    settings: SmtpSettings | None = None,
    password: PasswordChange = KEEP_PASSWORD,
    lang: str = "de",
) -> MailTestRequest:
    """A test of ``settings`` (default: the stored ones) with the typed ``password``, else
    the stored one, written in ``lang``. Raises ``ValidationError`` or
    ``SecretStoreError``; may block."""
    settings = stored.settings if settings is None else settings
    problems = smtp_problems(settings, password if isinstance(password, str) else None)
    if problems:
        raise ValidationError(problems)
    secret = typed_or_stored(password, lambda: stored_smtp_password(secrets, stored))
    return MailTestRequest(settings, secret, recipient, lang)
