"""A refusal by the SMTP server reads wholly in the person's language."""

from __future__ import annotations

import smtplib

import pytest

from desktop_app.transfer.smtp import _smtp_errors
from desktop_app.transfer.smtp_errors import SmtpRefused

HOST = "mail.filiale.example"
REFUSALS = {
    "recipient": smtplib.SMTPRecipientsRefused({"chef@filiale.example": (550, b"no")}),
    "sender": smtplib.SMTPSenderRefused(553, b"no", "import@filiale.example"),
}


@pytest.mark.parametrize("kind", REFUSALS)
def test_a_refusal_names_the_address_in_each_language(kind: str) -> None:
    with pytest.raises(SmtpRefused) as caught, _smtp_errors(HOST, 5.0):
        raise REFUSALS[kind]
    error = caught.value
    english, german = {
        "recipient": ("recipient refused: chef@", "Empfänger abgelehnt: chef@"),
        "sender": ("sender refused: import@", "Absender abgelehnt: import@"),
    }[kind]
    assert english in error.message_en
    assert german in error.message_de
    assert "abgelehnt" not in error.message_en
    assert "Empfänger" not in error.message_en and "Absender" not in error.message_en
    assert "refused:" not in error.message_de


def test_a_server_reply_is_quoted_alike_in_both() -> None:
    with pytest.raises(SmtpRefused) as caught, _smtp_errors(HOST, 5.0):
        raise smtplib.SMTPDataError(554, b"5.7.1 spam")
    assert "554 5.7.1 spam" in caught.value.message_en
    assert "554 5.7.1 spam" in caught.value.message_de
