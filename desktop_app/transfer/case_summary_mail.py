"""The daily summary of open Klärungsfälle: plain data in, a German message out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from .report import OpenCase, case_lines, format_euro

MAX_LISTED_CASES = 200


def compose_case_summary(
    cases: Sequence[OpenCase],
    *,
    sender: str,
    recipient: str,
    when: datetime,
    overdue_days: int,
) -> EmailMessage:
    """``when`` must be timezone-aware (the computer's local time)."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("when must be timezone-aware")
    overdue = sum(1 for c in cases if c.overdue)
    amounts = [c.amount for c in cases if c.amount is not None]
    total = sum(amounts, Decimal("0.00")) if amounts else None
    subject = f"Klärungsfälle: {len(cases)} offen ({when:%d.%m.%Y})"
    if overdue:
        subject += f", {overdue} älter als {overdue_days} Tage"
    lines = [
        f"Offene Klärungsfälle am {when:%d.%m.%Y}: {len(cases)}"
        + (f", zusammen {format_euro(total)}." if total is not None else "."),
    ]
    if overdue:
        lines.append(
            f"{overdue} davon sind älter als {overdue_days} Tage und mit [ÜBERFÄLLIG] markiert."
        )
    lines += ["", *case_lines(cases, MAX_LISTED_CASES), ""]
    lines += [
        "Bitte im Programm unter Buchhaltung → Klärungsfälle zuordnen oder erledigen.",
        "",
        "Diese Nachricht wurde automatisch erstellt.",
    ]
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain="ftpimport.invalid")
    message.set_content("\n".join(lines) + "\n")
    return message
