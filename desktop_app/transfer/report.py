"""The failure e-mail of a run: plain data in, a message out (German, or English when the
program is set to English).

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
from typing import Any

from ..domain.date_text import format_time
from ..domain.formats.records import entry_label
from ..domain.money_text import counted
from ..domain.reason_texts import Reason, money
from .listing import SkipReason

MAX_LISTED_ROWS = 50  # per file; a broken file can have thousands of lines
_MASK = "***"
_URL_CREDENTIALS = re.compile(r"(?P<head>\b[a-z][a-z0-9+.\-]*://[^\s/:@]+):[^\s/@]+@", re.I)
_SECRET_PAIR = re.compile(
    r"(?P<key>\b(?:passwor[dt]|kennwort|passwd|pwd|secret|token)\w*\s*[=:]\s*)\S+", re.I
)


@dataclass(frozen=True)
class NotBooked:
    """One row that was not booked, and why (``reason`` in German; ``detail`` in either
    language)."""

    line: int | None
    reason: str
    invoice: str = ""
    amount: Decimal | None = None
    where: str = ""  # where the file has no usable lines: "Auszug 1, Buchung 4, Posten 1"
    code: str = ""  # the machine-readable reason (RowStatus value)
    detail: Reason | None = None
    entry: str = ""  # the entry ``where`` names ("S1/N4/T1")

    def reason_text(self, lang: str = "de") -> str:
        return self.detail.text(lang) if self.detail else self.reason

    def where_text(self, lang: str = "de") -> str:
        return entry_label(self.entry, lang) if self.entry else self.where

    def record(self) -> dict[str, Any]:
        """As the run history keeps it (``detail``: the reason in either language)."""
        kept: dict[str, Any] = {"line": self.line, "reason": self.reason, "invoice": self.invoice,
                "where": self.where, "code": self.code}  # fmt: skip
        if self.detail:
            kept["detail"] = self.detail.to_json()
        return kept


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
    error_en: str = ""  # ``error`` in English ("": only the German is known)
    # Refused by an Offene-Posten check: it waits for a decision, and this content is
    # reported once, not by every run that refuses it again.
    awaits_decision: bool = False
    # Such a file reported before: it is listed again because the run reports more.
    reported_before: bool = False
    # Committed, then gone from the server before its delete: nothing failed to delete.
    gone_before_delete: bool = False

    def error_text(self, lang: str = "de") -> str | None:
        return self.error_en if lang == "en" and self.error_en else self.error


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
    where_en: str = ""  # ``where`` and ``reason`` in English ("": only the German is known)
    reason_en: str = ""

    def texts(self, lang: str = "de") -> tuple[str, str]:
        """``where`` and ``reason`` in ``lang``."""
        if lang != "en":
            return self.where, self.reason
        return self.where_en or self.where, self.reason_en or self.reason


@dataclass(frozen=True)
class SkippedReport:
    """A file the run left on the server without reading it, and why: the reason is kept
    as the code, so that each face (mail, window, command line) says it in its language."""

    name: str  # the remote path as shown
    reason: SkipReason

    def reason_text(self, lang: str = "de") -> str:
        return self.reason.label_en if lang == "en" else self.reason.label_de

    def line(self, lang: str = "de") -> str:
        return f"{self.name}: {self.reason_text(lang)}"

    def to_json(self, lang: str = "de") -> dict:
        """``reason`` in ``lang``, ``code`` for programs (as a skipped row's in the history)."""
        return {"name": self.name, "reason": self.reason_text(lang), "code": self.reason.value}


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
    failure_en: str = ""  # ``failure`` in English ("": only the German is known)
    skipped: tuple[SkippedReport, ...] = ()  # left on the server unread by this run


def compose_failure_mail(
    report: RunReport,
    *,
    sender: str,
    recipient: str,
    tz: tzinfo | None = None,
    known_secrets: Iterable[str] = (),
    lang: str = "de",
) -> EmailMessage:
    """The e-mail for a failed run, in ``lang`` ("de" or "en"); ``tz`` defaults to this
    computer's zone."""
    if report.started_at.tzinfo is None or report.started_at.utcoffset() is None:
        raise ValueError("started_at must be timezone-aware")
    when = report.started_at.astimezone(tz)
    secrets = [s for s in known_secrets if s]
    words = MAIL_TEXTS["en" if lang == "en" else "de"]
    subject = words["subject"].format(
        name=_one_line(report.interface_name), when=format_time(when, lang)
    )
    message = EmailMessage()
    message["Subject"] = mask_secrets(subject, secrets)
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain="ftpimport.invalid")
    message.set_content(mask_secrets(_body(report, when, words, lang), secrets))
    return message


def mask_secrets(text: str, known_secrets: Iterable[str] = ()) -> str:
    text = _URL_CREDENTIALS.sub(lambda m: f"{m['head']}:{_MASK}@", text)
    text = _SECRET_PAIR.sub(lambda m: f"{m['key']}{_MASK}", text)
    for secret in sorted((s for s in known_secrets if s), key=len, reverse=True):
        text = text.replace(secret, _MASK)
    return text


#: The mail's words per language; the German ones are the product's.
MAIL_TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "subject": "Buchhaltungsimport „{name}“ fehlgeschlagen ({when})",
        "intro": "Der Buchhaltungsimport über die Schnittstelle „{name}“ ist fehlgeschlagen.",
        "when": "Zeitpunkt:  {when}",
        "branch": "Filiale:    {branch}",
        "server": "Server:     {host}",
        "directory": "Verzeichnis: {directory}",
        "what": "Was ist fehlgeschlagen:",
        "files": "Dateien:",
        "skipped": "Übersprungen (nicht gelesen, bleiben auf dem Server):",
        "no_file": "Es wurde keine Datei verarbeitet; nichts wurde gebucht.",
        # A run can also stop (timeout, cancel) before reading files it did not skip, so
        # this does not claim that every file found was skipped.
        "all_skipped": "Keine Datei wurde gelesen (die übersprungenen stehen unten); nichts "
        "wurde gebucht.",
        "outro": "Dateien, die nicht vollständig gebucht wurden, bleiben auf dem Server und "
        "werden beim nächsten Lauf erneut versucht. Bereits gebuchte Dateien werden nie "
        "doppelt gebucht.",
        "automatic": "Diese Nachricht wurde automatisch erstellt.",
        "cases": "Offene Klärungsfälle dieses Laufs (Buchhaltung → Klärungsfälle):",
        "rows": "   Zeilen: {rows}, gebucht: {booked}",
        "error": "   Fehler: {error}",
        "error_line": "   Fehler in Zeile {line}: {error}",
        "committed": "   Status: Buchungen übernommen.",
        "not_deleted": "   Die Datei konnte auf dem Server nicht gelöscht werden.",
        "kept": "   Status: Nichts aus dieser Datei wurde gebucht; sie bleibt auf dem Server.",
        "once": "   Wegen dieser Datei allein kommt keine weitere E-Mail, solange sie unverändert "
        "aus denselben Gründen abgelehnt wird; erst eine geänderte Datei, ein anderer Grund "
        "oder eine neue Adresse für den Fehlerbericht wird wieder gemeldet. Der Verlauf "
        "zeigt jeden Lauf, der sie erneut ablehnt.",
        "again": "   Diese Datei wurde bereits gemeldet; sie steht hier, weil dieser Lauf auch "
        "anderes meldet. Wegen ihr allein kommt keine weitere E-Mail, solange sie unverändert "
        "aus denselben Gründen abgelehnt wird. Der Verlauf zeigt jeden Lauf, der sie erneut "
        "ablehnt.",
        "not_booked": "   Nicht gebucht:",
        "more": "   … und {hidden} weitere Zeilen",
        "line": "Zeile {line}",
        "no_line": "ohne Zeile",
        "invoice": "Rechnung {invoice}",
        "summary": "Zusammenfassung: {booked} übernommen aus {committed}; {failed} nicht "
        "gebucht; {not_booked} nicht gebucht.",
        "bookings": "Buchung|Buchungen",
        "files_counted": "Datei|Dateien",
        "rows_counted": "Zeile|Zeilen",
    },
    "en": {
        "subject": "Accounting import “{name}” failed ({when})",
        "intro": "The accounting import through the interface “{name}” failed.",
        "when": "Time:      {when}",
        "branch": "Branch:    {branch}",
        "server": "Server:    {host}",
        "directory": "Directory: {directory}",
        "what": "What failed:",
        "files": "Files:",
        "skipped": "Skipped (not read, they stay on the server):",
        "no_file": "No file was processed; nothing was booked.",
        "all_skipped": "No file was read (the skipped ones are listed below); nothing was booked.",
        "outro": "Files that were not booked in full stay on the server and are tried again "
        "by the next run. Files booked already are never booked twice.",
        "automatic": "This message was written automatically.",
        "cases": "Payments to clarify that this run opened (Ledger → Payments to clarify):",
        "rows": "   Rows: {rows}, booked: {booked}",
        "error": "   Error: {error}",
        "error_line": "   Error in line {line}: {error}",
        "committed": "   Status: bookings kept.",
        "not_deleted": "   The file could not be deleted on the server.",
        "kept": "   Status: nothing from this file was booked; it stays on the server.",
        "once": "   This file alone sends no further e-mail while it is refused unchanged for "
        "the same reasons; only a changed file, another reason or a new address for the "
        "error report is reported again. The history shows every run that refuses it again.",
        "again": "   This file was reported already; it is listed here because this run "
        "reports something else too. It alone sends no further e-mail while it is refused "
        "unchanged for the same reasons. The history shows every run that refuses it again.",
        "not_booked": "   Not booked:",
        "more": "   … and {hidden} more rows",
        "line": "Line {line}",
        "no_line": "no line",
        "invoice": "Invoice {invoice}",
        "summary": "Summary: {booked} kept from {committed}; {failed} not booked; "
        "{not_booked} not booked.",
        "bookings": "booking|bookings",
        "files_counted": "file|files",
        "rows_counted": "row|rows",
    },
}


def _body(report: RunReport, when: datetime, words: dict[str, str], lang: str) -> str:
    lines = [
        words["intro"].format(name=report.interface_name),
        "",
        words["when"].format(when=_timestamp(when, lang)),
    ]
    if report.branch:
        lines.append(words["branch"].format(branch=report.branch))
    if report.host:
        lines.append(words["server"].format(host=report.host))
        lines.append(words["directory"].format(directory=report.directory or "/"))
    failure = report.failure_en if lang == "en" and report.failure_en else report.failure
    lines += ["", words["what"], f"  {failure}", ""]
    if report.files:
        lines.append(words["files"])
        for number, file in enumerate(report.files, 1):
            lines += _file_lines(number, file, words, lang)
        lines += ["", _summary(report.files, words, lang)]
    else:
        lines.append(words["all_skipped" if report.skipped else "no_file"])
    if report.skipped:
        lines += ["", words["skipped"]]
        lines += [f"  - {s.name}: {s.reason_text(lang)}" for s in report.skipped[:MAX_LISTED_ROWS]]
        hidden = len(report.skipped) - MAX_LISTED_ROWS
        if hidden > 0:
            lines.append(f"  … and {hidden} more" if lang == "en" else f"  … und {hidden} weitere")
    if report.open_cases:
        lines += ["", words["cases"]]
        lines += case_lines(report.open_cases, lang=lang)
    lines += ["", words["outro"], "", words["automatic"]]
    return "\n".join(lines) + "\n"


def _file_lines(number: int, file: FileReport, words: dict[str, str], lang: str) -> list[str]:
    lines = [f"{number}. {file.name}"]
    booked = words["rows"].format(rows=file.rows, booked=file.booked)
    if file.booked_amount is not None:
        booked += f" ({money(file.booked_amount, lang)})"
    lines.append(booked)
    error = file.error_text(lang)
    if error:
        if file.error_line is not None:
            lines.append(words["error_line"].format(line=file.error_line, error=error))
        else:
            lines.append(words["error"].format(error=error))
    if file.committed:
        lines.append(words["committed"])
        if not file.deleted_on_server and not file.gone_before_delete:
            lines.append(words["not_deleted"])
    else:
        lines.append(words["kept"])
        if file.awaits_decision:
            lines.append(words["again" if file.reported_before else "once"])
    if file.not_booked:
        lines.append(words["not_booked"])
        for row in file.not_booked[:MAX_LISTED_ROWS]:
            lines.append(f"   - {_row(row, words, lang)}")
        hidden = len(file.not_booked) - MAX_LISTED_ROWS
        if hidden > 0:
            lines.append(words["more"].format(hidden=hidden))
    return lines


def _row(row: NotBooked, words: dict[str, str], lang: str) -> str:
    if row.line is not None:
        parts = [words["line"].format(line=row.line)]
    else:
        parts = [row.where_text(lang) or words["no_line"]]
    if row.invoice:
        parts.append(words["invoice"].format(invoice=row.invoice))
    if row.amount is not None:
        parts.append(money(row.amount, lang))
    return ", ".join(parts) + f": {row.reason_text(lang)}"


def case_lines(
    cases: Iterable[OpenCase], limit: int = MAX_LISTED_ROWS, *, lang: str = "de"
) -> list[str]:
    """One line per case, the overdue ones marked; at most ``limit``. A case stored before
    its reason had an English text keeps its German one."""
    cases = list(cases)
    english = lang == "en"
    lines = []
    for case in cases[:limit]:
        mark = ("[OVERDUE] " if english else "[ÜBERFÄLLIG] ") if case.overdue else ""
        if case.amount is not None:
            amount = money(case.amount, lang)
        else:
            amount = "amount open" if english else "Betrag offen"
        payer = f", {case.payer}" if case.payer else ""
        label = "Case" if english else "Fall"
        where, reason = case.texts(lang)
        lines.append(
            f"  - {mark}{label} {case.id}, {_age(case.age_days, lang)}: {amount}{payer}; "
            f"{where}: {reason}"
        )
    if len(cases) > limit:
        hidden = len(cases) - limit
        lines.append(f"  … and {hidden} more" if english else f"  … und {hidden} weitere")
    return lines


def _age(days: int, lang: str) -> str:
    if lang == "en":
        if days <= 0:
            return "open since today"
        return "open for 1 day" if days == 1 else f"open for {days} days"
    if days <= 0:
        return "seit heute offen"
    return "seit 1 Tag offen" if days == 1 else f"seit {days} Tagen offen"


def _summary(files: tuple[FileReport, ...], words: dict[str, str], lang: str) -> str:
    committed = [f for f in files if f.committed]

    def count(n: int, nouns: str) -> str:
        one, many = words[nouns].split("|")
        return counted(n, one, many, lang)

    return words["summary"].format(
        booked=count(sum(f.booked for f in committed), "bookings"),
        committed=count(len(committed), "files_counted"),
        failed=count(sum(1 for f in files if not f.committed), "files_counted"),
        not_booked=count(sum(len(f.not_booked) for f in files), "rows_counted"),
    )


def _timestamp(when: datetime, lang: str) -> str:
    offset = when.strftime("%z")
    zone = when.tzname() or ""
    shown_offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return f"{format_time(when, lang, seconds=True)} {zone} ({shown_offset})".replace("  ", " ")


def _one_line(text: str) -> str:
    return " ".join(text.split())
