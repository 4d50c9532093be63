"""The failure e-mail of a run: plain data in, a German message out.

The composer only sees what the dataclasses below carry, and none of them has a field for
a password. As a last guard against a secret that slipped into an error text, credentials
in URLs, "password=…" pairs and any ``known_secrets`` are masked before sending.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

MAX_LISTED_ROWS = 50  # per file; a broken file can have thousands of lines
_MASK = "***"
_URL_CREDENTIALS = re.compile(r"(?P<head>\b[a-z][a-z0-9+.\-]*://[^\s/:@]+):[^\s/@]+@", re.I)
_SECRET_PAIR = re.compile(
    r"(?P<key>\b(?:passwor[dt]|kennwort|passwd|pwd|secret|token)\w*\s*[=:]\s*)\S+", re.I
)


@dataclass(frozen=True)
class NotBooked:
    """One row that was not booked, and why (German)."""

    line: int | None
    reason: str
    invoice: str = ""
    amount: Decimal | None = None
    where: str = ""  # where the file has no usable lines: "Auszug 1, Buchung 4, Posten 1"
    code: str = ""  # the machine-readable reason (RowStatus value)


@dataclass(frozen=True)
class FileReport:
    name: str
    rows: int = 0
    booked: int = 0
    booked_amount: Decimal | None = None
    committed: bool = False  # the file's transaction committed: its bookings stand
    error: str | None = None  # German: what went wrong with this file
    error_line: int | None = None
    not_booked: tuple[NotBooked, ...] = ()
    deleted_on_server: bool = False


@dataclass(frozen=True)
class OpenCase:
    """A Klärungsfall still open: a payment nobody has placed yet."""

    id: int
    age_days: int
    amount: Decimal | None  # None: the row named no amount
    payer: str
    where: str  # 'Datei „zahlungen.csv“, Zeile 3'
    reason: str
    overdue: bool = False  # older than the chain's limit: highlighted


@dataclass(frozen=True)
class RunReport:
    interface_name: str
    started_at: datetime  # must be timezone-aware
    failure: str  # German: what failed, e.g. a TransferError's message_de
    host: str = ""
    directory: str = ""
    branch: str | None = None
    files: tuple[FileReport, ...] = ()
    open_cases: tuple[OpenCase, ...] = ()  # the cases of this run's rows still open


def compose_failure_mail(
    report: RunReport,
    *,
    sender: str,
    recipient: str,
    tz: tzinfo | None = None,
    known_secrets: Iterable[str] = (),
) -> EmailMessage:
    """The e-mail for a failed run; ``tz`` defaults to this computer's zone."""
    if report.started_at.tzinfo is None or report.started_at.utcoffset() is None:
        raise ValueError("started_at must be timezone-aware")
    when = report.started_at.astimezone(tz)
    secrets = [s for s in known_secrets if s]
    subject = (
        f"Buchhaltungsimport „{_one_line(report.interface_name)}“ fehlgeschlagen "
        f"({when:%d.%m.%Y %H:%M})"
    )
    message = EmailMessage()
    message["Subject"] = mask_secrets(subject, secrets)
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain="ftpimport.invalid")
    message.set_content(mask_secrets(_body(report, when), secrets))
    return message


def mask_secrets(text: str, known_secrets: Iterable[str] = ()) -> str:
    text = _URL_CREDENTIALS.sub(lambda m: f"{m['head']}:{_MASK}@", text)
    text = _SECRET_PAIR.sub(lambda m: f"{m['key']}{_MASK}", text)
    for secret in sorted((s for s in known_secrets if s), key=len, reverse=True):
        text = text.replace(secret, _MASK)
    return text


def _body(report: RunReport, when: datetime) -> str:
    lines = [
        f"Der Buchhaltungsimport über die Schnittstelle „{report.interface_name}“ ist "
        "fehlgeschlagen.",
        "",
        f"Zeitpunkt:  {_timestamp(when)}",
    ]
    if report.branch:
        lines.append(f"Filiale:    {report.branch}")
    if report.host:
        lines.append(f"Server:     {report.host}")
        lines.append(f"Verzeichnis: {report.directory or '/'}")
    lines += ["", "Was ist fehlgeschlagen:", f"  {report.failure}", ""]
    if report.files:
        lines.append("Dateien:")
        for number, file in enumerate(report.files, 1):
            lines += _file_lines(number, file)
        lines += ["", _summary(report.files)]
    else:
        lines.append("Es wurde keine Datei verarbeitet; nichts wurde gebucht.")
    if report.open_cases:
        lines += ["", "Offene Klärungsfälle dieses Laufs (Buchhaltung → Klärungsfälle):"]
        lines += case_lines(report.open_cases)
    lines += [
        "",
        "Dateien, die nicht vollständig gebucht wurden, bleiben auf dem Server und werden "
        "beim nächsten Lauf erneut versucht. Bereits gebuchte Dateien werden nie doppelt "
        "gebucht.",
        "",
        "Diese Nachricht wurde automatisch erstellt.",
    ]
    return "\n".join(lines) + "\n"


def _file_lines(number: int, file: FileReport) -> list[str]:
    lines = [f"{number}. {file.name}"]
    booked = f"   Zeilen: {file.rows}, gebucht: {file.booked}"
    if file.booked_amount is not None:
        booked += f" ({format_euro(file.booked_amount)})"
    lines.append(booked)
    if file.error:
        where = f" in Zeile {file.error_line}" if file.error_line is not None else ""
        lines.append(f"   Fehler{where}: {file.error}")
    if file.committed:
        lines.append("   Status: Buchungen übernommen.")
        if not file.deleted_on_server:
            lines.append("   Die Datei konnte auf dem Server nicht gelöscht werden.")
    else:
        lines.append("   Status: Nichts aus dieser Datei wurde gebucht; sie bleibt auf dem Server.")
    if file.not_booked:
        lines.append("   Nicht gebucht:")
        for row in file.not_booked[:MAX_LISTED_ROWS]:
            lines.append(f"   - {_row(row)}")
        hidden = len(file.not_booked) - MAX_LISTED_ROWS
        if hidden > 0:
            lines.append(f"   … und {hidden} weitere Zeilen")
    return lines


def _row(row: NotBooked) -> str:
    parts = [f"Zeile {row.line}" if row.line is not None else (row.where or "ohne Zeile")]
    if row.invoice:
        parts.append(f"Rechnung {row.invoice}")
    if row.amount is not None:
        parts.append(format_euro(row.amount))
    return ", ".join(parts) + f": {row.reason}"


def case_lines(cases: Iterable[OpenCase], limit: int = MAX_LISTED_ROWS) -> list[str]:
    """One line per case, the overdue ones marked; at most ``limit``."""
    cases = list(cases)
    lines = []
    for case in cases[:limit]:
        mark = "[ÜBERFÄLLIG] " if case.overdue else ""
        amount = format_euro(case.amount) if case.amount is not None else "Betrag offen"
        payer = f", {case.payer}" if case.payer else ""
        lines.append(
            f"  - {mark}Fall {case.id}, {age_de(case.age_days)}: {amount}{payer}; "
            f"{case.where}: {case.reason}"
        )
    if len(cases) > limit:
        lines.append(f"  … und {len(cases) - limit} weitere")
    return lines


def age_de(days: int) -> str:
    if days <= 0:
        return "seit heute offen"
    return "seit 1 Tag offen" if days == 1 else f"seit {days} Tagen offen"


def _summary(files: tuple[FileReport, ...]) -> str:
    committed = [f for f in files if f.committed]
    booked = sum(f.booked for f in committed)
    not_booked = sum(len(f.not_booked) for f in files)
    failed = sum(1 for f in files if not f.committed)
    return (
        f"Zusammenfassung: {booked} Buchungen übernommen aus {len(committed)} Datei(en); "
        f"{failed} Datei(en) nicht gebucht; {not_booked} Zeilen nicht gebucht."
    )


def _timestamp(when: datetime) -> str:
    offset = when.strftime("%z")
    zone = when.tzname() or ""
    shown_offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return f"{when:%d.%m.%Y %H:%M:%S} {zone} ({shown_offset})".replace("  ", " ")


def format_euro(amount: Decimal) -> str:
    """German notation: 1.234,56 €."""
    text = f"{amount.quantize(Decimal('0.01')):,.2f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") + " €"


def _one_line(text: str) -> str:
    return " ".join(text.split())
