"""Every rule of the interface form, returning all problems at once.

Messages come in German (the product's language) and English. They live here, not in
Qt's translation files, because the CLI and the headless service report them too and the
domain layer must not import Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import text_rules
from .host_names import host_problem
from .interface import (
    LAST_DAY,
    MAX_EVERY_MINUTES,
    MIN_EVERY_MINUTES,
    WINDOW_END,
    WINDOW_START,
    ChainOptions,
    FtpSettings,
    InterfaceSettings,
    IntervalKind,
    OpenItemGuards,
    Protocol,
    SettleUntil,
)

# Field keys: the same names as the JSON export, dotted for nested values.
NAME = "name"
BRANCH = "branch"
WORKSTATION = "workstation"
START_DATE = "start_date"
IMPORT_FORMAT = "import_format"
MANDANTS = "mandants"
SETTLE_UNTIL = "settle_until"
FILENAME_FILTER = "filename_filter"
RUN_TIME = "run_time"
INTERVAL_KIND = "interval.kind"
EVERY_MINUTES = "interval.every_minutes"
WEEKDAYS = "interval.weekdays"
DAY_OF_MONTH = "interval.day_of_month"
FTP_HOST = "ftp.host"
FTP_PORT = "ftp.port"
FTP_DIRECTORY = "ftp.directory"
FTP_USER = "ftp.user"
# The key of the password field (its messages, its row in the form), never a password:
# the password itself lives only in the keyring and is never exported.
FTP_PASSWORD = "ftp.password"
ERROR_EMAIL = "error_email"
INVOICE_PATTERN = "invoice_pattern"
GUARD_MAX_SHARE = "open_item_guards.max_share_percent"

MAX_PATTERN_LENGTH = 200

MAX_NAME_LENGTH = text_rules.NAME_MAX

# Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is what the
# e-mail Test button checks, not a regular expression.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field."""

    field: str
    message_de: str
    message_en: str

    @property
    def message(self) -> str:
        return self.message_de

    def text(self, lang: str = "de") -> str:
        return self.message_en if lang == "en" else self.message_de


class ValidationError(Exception):
    """Raised by the store and the CLI when settings break the rules; carries every problem."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field}: {p.message_en}" for p in self.problems))


def validate(
    settings: InterfaceSettings,
    options: ChainOptions,
    *,
    known_mandants: Iterable[str] | None = None,
    known_branches: Iterable[str] | None = None,
) -> list[Problem]:
    """All problems of ``settings``, in form order. Empty when it may be saved."""
    problems: list[Problem] = []

    def add(field_key: str, de: str, en: str) -> None:
        problems.append(Problem(field_key, de, en))

    unusable = _text_problems(settings, add)

    _validate_names(settings, add, unusable, known_branches)
    _validate_import(settings, options, add, unusable, known_mandants)
    _validate_schedule(settings, add)
    _validate_ftp(settings, add, unusable)
    # A pattern the Importart never reads is not stored: nothing to refuse the save for.
    for problem in invoice_pattern_problems(settings.pattern_in_use):
        add(problem.field, problem.message_de, problem.message_en)
    if settings.open_item_guards is not None:
        for problem in guard_problems(settings.open_item_guards):
            add(problem.field, problem.message_de, problem.message_en)

    email = settings.error_email.strip()
    if email and ERROR_EMAIL not in unusable and not _EMAIL.fullmatch(email):
        add(
            ERROR_EMAIL,
            f"„{email}“ ist keine gültige E-Mail-Adresse (Beispiel: buchhaltung@filiale.de).",
            f"'{email}' is not a valid e-mail address.",
        )
    return problems


def _validate_names(
    settings: InterfaceSettings,
    add: Callable[[str, str, str], None],
    unusable: set[str],
    known_branches: Iterable[str] | None,
) -> None:
    """The name, the branch and the workstation."""
    name = settings.name.strip()
    if not name:
        add(NAME, "Bitte einen Namen für die Schnittstelle eingeben.", "Please enter a name.")
    elif NAME in unusable:
        pass
    elif len(name) > MAX_NAME_LENGTH:
        add(
            NAME,
            f"Der Name darf höchstens {MAX_NAME_LENGTH} Zeichen lang sein.",
            f"The name may be at most {MAX_NAME_LENGTH} characters long.",
        )

    if (
        settings.branch
        and BRANCH not in unusable
        and known_branches is not None
        and settings.branch not in set(known_branches)
    ):
        add(
            BRANCH,
            f"Die Filiale „{settings.branch}“ gibt es nicht. Bitte eine vorhandene wählen.",
            f"There is no branch '{settings.branch}'.",
        )

    if WORKSTATION in unusable:
        pass
    elif settings.workstation is not None and not settings.workstation.strip():
        # "" means: bound to a workstation ("Mit Arbeitsplatzeinstellungen"), name missing.
        add(
            WORKSTATION,
            "Bitte den Rechnernamen des Arbeitsplatzes eingeben oder „Mit "
            "Arbeitsplatzeinstellungen“ abwählen.",
            "Enter the workstation's computer name or untick the workstation setting.",
        )
    elif settings.workstation is not None and settings.workstation != settings.workstation.strip():
        add(
            WORKSTATION,
            "Der Rechnername darf nicht mit Leerzeichen beginnen oder enden.",
            "The computer name must not start or end with spaces.",
        )


def _validate_import(
    settings: InterfaceSettings,
    options: ChainOptions,
    add: Callable[[str, str, str], None],
    unusable: set[str],
    known_mandants: Iterable[str] | None,
) -> None:
    """The import format, the Mandanten, the settlement date and the file name filter."""
    if settings.import_format is None:
        add(IMPORT_FORMAT, "Bitte eine Importart wählen.", "Please choose an import format.")

    if not settings.mandants:
        add(MANDANTS, "Bitte mindestens einen Mandanten wählen.", "Choose at least one client.")
    elif known_mandants is not None and MANDANTS not in unusable:
        known = set(known_mandants)
        missing = [m for m in settings.mandants if m not in known]
        if missing:
            add(
                MANDANTS,
                "Unbekannte Mandanten: " + ", ".join(missing) + ". Bitte zuerst anlegen.",
                "Unknown clients: " + ", ".join(missing) + ".",
            )

    if settings.settle_until is None:
        add(
            SETTLE_UNTIL,
            "Bitte wählen, bis zu welchem Tag Rechnungen bezahlt gesetzt werden.",
            "Please choose the settlement date.",
        )
    elif settings.settle_until is SettleUntil.TOMORROW and not options.future_bookings_allowed:
        add(
            SETTLE_UNTIL,
            "„morgen“ ist nicht erlaubt: Buchungen in der Zukunft sind in den "
            "Filialkettenoptionen nicht freigegeben. Bitte „heute“ oder „gestern“ wählen "
            "oder einen Administrator die Option einschalten lassen.",
            "'tomorrow' is not allowed: the chain options do not allow bookings in the future.",
        )

    if FILENAME_FILTER not in unusable and (
        "/" in settings.filename_filter or "\\" in settings.filename_filter
    ):
        add(
            FILENAME_FILTER,
            "Der Dateiname ist nur ein Teil des Namens, ohne Verzeichnis („/“).",
            "The file name filter is part of a name and must not contain '/'.",
        )


def pattern_not_kept(settings: InterfaceSettings) -> Problem | None:
    """The warning for a pattern that is dropped on saving, because its Importart names
    the invoice in a column of its own (``pattern_in_use``); None when nothing is lost.
    A warning, not a refusal: files exported by older versions may carry one."""
    fmt, name = settings.import_format, settings.name.strip()
    # Without an Importart ``pattern_in_use`` keeps the pattern; the test of ``fmt`` names
    # it for the label below.
    if fmt is None or settings.pattern_in_use or not settings.invoice_pattern.strip():
        return None
    return Problem(
        INVOICE_PATTERN,
        f"Schnittstelle „{name}“: Das Muster der Rechnungsnummer wird für „{fmt.label_de}“ "
        "nicht verwendet und nicht gespeichert.",
        f"Interface “{name}”: the invoice number pattern is not used for “{fmt.label_en}” "
        "and is not stored.",
    )


def invoice_pattern_problems(pattern: str) -> list[Problem]:
    """An interface's own invoice-number pattern: a regular expression that finds
    something, never the empty text (it would stand everywhere)."""
    if not pattern:
        return []
    if len(pattern) > MAX_PATTERN_LENGTH:
        return [
            Problem(
                INVOICE_PATTERN,
                f"Das Muster darf höchstens {MAX_PATTERN_LENGTH} Zeichen lang sein.",
                f"The pattern may be at most {MAX_PATTERN_LENGTH} characters long.",
            )
        ]
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        return [
            Problem(
                INVOICE_PATTERN,
                f"Das Muster ist kein gültiger regulärer Ausdruck ({exc.msg}), z. B. "
                r"„\d{6}“.",
                f"The pattern is not a valid regular expression ({exc.msg}), e.g. "
                r"'\d{6}'.",
            )
        ]
    if compiled.fullmatch("") is not None:
        return [
            Problem(
                INVOICE_PATTERN,
                "Das Muster passt auf einen leeren Text; es muss mindestens ein Zeichen verlangen.",
                "The pattern matches the empty text.",
            )
        ]
    return []


def guard_problems(guards: OpenItemGuards, prefix: str = "open_item_guards.") -> list[Problem]:
    share = guards.max_share_percent
    if share is not None and (not isinstance(share, int) or not 1 <= share <= 100):
        return [
            Problem(
                prefix + "max_share_percent",
                "Der Anteil muss zwischen 1 und 100 % liegen (oder ohne Grenze).",
                "The share must be between 1 and 100 percent (or no limit).",
            )
        ]
    return []


def _validate_schedule(settings: InterfaceSettings, add) -> None:
    interval = settings.interval
    if interval.kind is IntervalKind.HOURLY:
        every = interval.every_minutes
        if not isinstance(every, int) or not MIN_EVERY_MINUTES <= every <= MAX_EVERY_MINUTES:
            add(
                EVERY_MINUTES,
                f"Das Intervall muss zwischen {MIN_EVERY_MINUTES} und {MAX_EVERY_MINUTES} "
                "Minuten liegen.",
                f"The interval must be between {MIN_EVERY_MINUTES} and "
                f"{MAX_EVERY_MINUTES} minutes.",
            )
        return

    if settings.run_time is None:
        add(RUN_TIME, "Bitte eine Ausführungszeit eingeben.", "Please enter a run time.")
    elif not WINDOW_START <= settings.run_time <= WINDOW_END:
        add(
            RUN_TIME,
            "Die Ausführungszeit muss zwischen 06:00 und 22:00 Uhr liegen; "
            "außerhalb laufen Wartungsarbeiten.",
            "The run time must be between 06:00 and 22:00.",
        )

    if interval.kind is IntervalKind.WEEKLY and not interval.weekdays:
        add(
            WEEKDAYS,
            "Bitte mindestens einen Wochentag wählen.",
            "Please choose at least one weekday.",
        )
    if interval.kind is IntervalKind.MONTHLY:
        day = interval.day_of_month
        if day != LAST_DAY and (not isinstance(day, int) or not 1 <= day <= 28):
            add(
                DAY_OF_MONTH,
                "Der Tag des Monats muss zwischen 1 und 28 liegen oder „letzter“ sein.",
                "The day of the month must be 1 to 28 or 'last'.",
            )


def _validate_ftp(settings: InterfaceSettings, add, unusable: set[str]) -> None:
    ftp = settings.ftp
    host = ftp.host.strip()
    if FTP_HOST in unusable:
        pass
    elif not host:
        add(FTP_HOST, "Bitte den FTP-Hostnamen eingeben.", "Please enter the FTP host name.")
    elif "://" in host:
        add(
            FTP_HOST,
            "Bitte nur den Hostnamen ohne „ftp://“ eingeben (z. B. ftp.steuerberater.de).",
            "Enter only the host name, without 'ftp://'.",
        )
    elif "@" in host:
        # "user:password@host": the password must not be repeated in a message.
        add(
            FTP_HOST,
            "Benutzer und Passwort gehören nicht in den Hostnamen, sondern in „Benutzer“ und "
            "„Passwort“; hier nur den Hostnamen eingeben (z. B. ftp.steuerberater.de).",
            "User and password do not belong in the host name but in 'User' and 'Password'; "
            "enter only the host name here.",
        )
    elif (problem := host_problem(host)) is not None:
        add(FTP_HOST, *problem)

    if ftp.port is not None and not (isinstance(ftp.port, int) and 1 <= ftp.port <= 65535):
        add(
            FTP_PORT,
            "Der Port muss zwischen 1 und 65535 liegen (Standard: 21).",
            "The port must be between 1 and 65535.",
        )

    if FTP_DIRECTORY in unusable:
        pass
    elif ftp.directory and not ftp.directory.endswith("/"):
        add(
            FTP_DIRECTORY,
            "Das Verzeichnis muss mit „/“ enden, z. B. BUCHHALTUNG/IMPORTE/.",
            "The directory must end with '/'.",
        )
    if "\\" in ftp.directory:
        add(
            FTP_DIRECTORY,
            "Das Verzeichnis darf keinen Rückwärtsschrägstrich („\\“) enthalten; bitte „/“ "
            "verwenden.",
            "The directory must not contain a backslash.",
        )

    if FTP_USER not in unusable and not ftp.user.strip():
        add(FTP_USER, "Bitte den Benutzernamen für den FTP-Server eingeben.", "Enter the user.")


def _text_problems(settings: InterfaceSettings, add) -> set[str]:
    """Every text field against its length limit and for refused characters; returns the
    fields that failed, whose other rules then need not speak."""
    ftp = settings.ftp
    fields = [
        (NAME, settings.name, text_rules.NAME_MAX),
        (BRANCH, settings.branch or "", text_rules.NAME_MAX),
        (WORKSTATION, settings.workstation or "", text_rules.WORKSTATION_MAX),
        *((MANDANTS, m, text_rules.NAME_MAX) for m in settings.mandants),
        (FILENAME_FILTER, settings.filename_filter, text_rules.FILENAME_FILTER_MAX),
        (FTP_HOST, ftp.host, text_rules.HOST_MAX),
        (FTP_DIRECTORY, ftp.directory, text_rules.DIRECTORY_MAX),
        (FTP_USER, ftp.user, text_rules.LOGIN_MAX),
        (ERROR_EMAIL, settings.error_email, text_rules.EMAIL_MAX),
    ]
    failed: set[str] = set()
    for key, value, limit in fields:
        problem = None if key in failed else text_rules.text_problem(value, limit)
        if problem is not None:
            add(key, *problem)
            failed.add(key)
    return failed


def name_taken(name: str) -> Problem:
    """Another interface has this name already."""
    return Problem(
        NAME,
        f"Eine Schnittstelle „{name}“ gibt es bereits. Bitte einen anderen Namen wählen.",
        f"An interface named '{name}' exists already.",
    )


def interface_problems(
    settings: InterfaceSettings,
    options: ChainOptions,
    *,
    original_name: str | None,
    known_names: Iterable[str],
    known_mandants: Iterable[str],
    known_branches: Iterable[str],
) -> list[Problem]:
    """``validate`` against the catalogue, and a name no other interface has."""
    problems = validate(
        settings, options, known_mandants=known_mandants, known_branches=known_branches
    )
    name = settings.name.strip()
    if name and name != original_name and name in set(known_names):
        problems.insert(0, name_taken(name))
    return problems


# Said as words where the stored name ("ftps-implicit") would read as a code.
_PROTOCOL_WORDS = {Protocol.FTPS_IMPLICIT: {"de": "FTPS implizit", "en": "implicit FTPS"}}


def stored_password_place(saved: FtpSettings, lang: str = "de") -> str:
    """The server, port, user and protocol a stored password is bound to, as said to
    the user: "FTP ftp.example:21, anna"."""
    words = _PROTOCOL_WORDS.get(saved.protocol)
    protocol = words.get(lang, words["de"]) if words else saved.protocol.value.upper()
    return f"{protocol} {saved.host}:{saved.effective_port}, {saved.user}"


def stored_password_bound(saved: FtpSettings) -> Problem:
    """The stored password is only ever sent to the server it was stored for: whoever may
    edit a form must not be able to have it sent elsewhere (only an administrator may see
    it, after entering their own password)."""
    return Problem(
        FTP_PASSWORD,
        f"Das gespeicherte Passwort gilt nur für {stored_password_place(saved)}. Für einen "
        "anderen Server, Port, Benutzer oder ein anderes Protokoll bitte das Passwort neu "
        "eingeben.",
        f"The stored password is only for {stored_password_place(saved, 'en')}. For another "
        "server, port, user or "
        "protocol, please enter the password again.",
    )


def ftp_password_problems(password: str) -> list[Problem]:
    """The rules for a new FTP password (see ``text_rules.server_password_problem``)."""
    problem = text_rules.server_password_problem(password)
    return [Problem(FTP_PASSWORD, *problem)] if problem else []
