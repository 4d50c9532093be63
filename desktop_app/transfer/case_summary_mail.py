"""The daily summary of open Klärungsfälle: plain data in, a message out (German, or
English when the program is set to English)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..domain.reason_texts import day, money
from .report import OpenCase, case_lines

MAX_LISTED_CASES = 200

#: The summary's words per language; the German ones are the product's.
SUMMARY_TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "subject": "Klärungsfälle: {count} offen ({day})",
        "subject_overdue": ", {overdue} älter als {days} Tage",
        "open": "Offene Klärungsfälle am {day}: {count}",
        "total": ", zusammen {total}.",
        "overdue": "{overdue} davon sind älter als {days} Tage und mit [ÜBERFÄLLIG] markiert.",
        "overdue_one": "{overdue} davon sind älter als {days} Tage und mit [ÜBERFÄLLIG] markiert.",
        "todo": "Bitte im Programm unter Buchhaltung → Klärungsfälle zuordnen oder erledigen.",
        "automatic": "Diese Nachricht wurde automatisch erstellt.",
    },
    "en": {
        "subject": "Payments to clarify: {count} open ({day})",
        "subject_overdue": ", {overdue} older than {days} days",
        "open": "Open payments to clarify on {day}: {count}",
        "total": ", together {total}.",
        "overdue": "{overdue} of them are older than {days} days and marked [OVERDUE].",
        "overdue_one": "{overdue} of them is older than {days} days and marked [OVERDUE].",
        "todo": "Please assign or settle them in the program under Ledger → Payments to clarify.",
        "automatic": "This message was written automatically.",
    },
}


def compose_case_summary(
    cases: Sequence[OpenCase],
    *,
    sender: str,
    recipient: str,
    when: datetime,
    overdue_days: int,
    lang: str = "de",
) -> EmailMessage:
    """``when`` must be timezone-aware (the computer's local time); ``lang`` "de" or "en"."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("when must be timezone-aware")
    lang = "en" if lang == "en" else "de"
    words = SUMMARY_TEXTS[lang]
    overdue = sum(1 for c in cases if c.overdue)
    amounts = [c.amount for c in cases if c.amount is not None]
    total = sum(amounts, Decimal("0.00")) if amounts else None
    today = day(when.date(), lang)
    subject = words["subject"].format(count=len(cases), day=today)
    if overdue:
        subject += words["subject_overdue"].format(overdue=overdue, days=overdue_days)
    lines = [
        words["open"].format(day=today, count=len(cases))
        + (words["total"].format(total=money(total, lang)) if total is not None else "."),
    ]
    if overdue:
        key = "overdue_one" if overdue == 1 else "overdue"
        lines.append(words[key].format(overdue=overdue, days=overdue_days))
    lines += ["", *case_lines(cases, MAX_LISTED_CASES, lang=lang), ""]
    lines += [words["todo"], "", words["automatic"]]
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain="ftpimport.invalid")
    message.set_content("\n".join(lines) + "\n")
    return message
