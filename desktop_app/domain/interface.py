"""The settings of one import interface ("Schnittstelle"), as the manual describes them.

Pure data: no Qt, no database. The store, the GUI form, the CLI and the scheduler all
speak in these types. Validation lives in ``validation.py``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import Any


class ImportFormat(enum.StrEnum):
    """Importart. The value is the id used in JSON and the CLI."""

    CLOSED_ITEMS = "closed-items"
    OPEN_ITEMS = "open-items"
    DATEV_EXTF = "datev-extf"
    DATEV_OPOS = "datev-opos"
    MT940 = "mt940"
    CAMT053 = "camt053"

    @property
    def label_de(self) -> str:
        return _FORMAT_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _FORMAT_LABELS[self][1]

    @property
    def has_open_items_semantics(self) -> bool:
        """Formats where a missing invoice counts as paid (guarded: ``OpenItemGuards``)."""
        return self in (ImportFormat.OPEN_ITEMS, ImportFormat.DATEV_OPOS)

    @property
    def uses_invoice_pattern(self) -> bool:
        """Formats whose payments' texts an interface's own pattern is searched in; the
        others name the invoice in a column of their own."""
        return self in (ImportFormat.MT940, ImportFormat.CAMT053, ImportFormat.DATEV_EXTF)


_FORMAT_LABELS = {
    ImportFormat.CLOSED_ITEMS: ("Geschlossene Posten", "Closed items"),
    ImportFormat.OPEN_ITEMS: ("Offene Posten", "Open items"),
    ImportFormat.DATEV_EXTF: ("DATEV Buchungsstapel", "DATEV posting batch"),
    ImportFormat.DATEV_OPOS: ("DATEV OPOS", "DATEV open items (OPOS)"),
    ImportFormat.MT940: ("MT940", "MT940"),
    ImportFormat.CAMT053: ("camt.053", "camt.053"),
}


class SettleUntil(enum.StrEnum):
    """Rechnungen bezahlt setzen bis zum: the date given to settlement bookings."""

    YESTERDAY = "yesterday"
    TODAY = "today"
    TOMORROW = "tomorrow"

    def booking_date(self, today: date) -> date:
        from datetime import timedelta

        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[self.value]
        return today + timedelta(days=offset)


class IntervalKind(enum.StrEnum):
    HOURLY = "hourly"  # Stündlich: every 60 minutes or every x minutes
    DAILY = "daily"  # Täglich
    WEEKLY = "weekly"  # Wöchentlich an folgenden Tagen
    MONTHLY = "monthly"  # Tag des Monats


class Weekday(enum.StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def iso_index(self) -> int:
        """0 = Monday, as ``date.weekday()``."""
        return list(Weekday).index(self)


class Protocol(enum.StrEnum):
    FTP = "ftp"
    FTPS = "ftps"  # explicit TLS (AUTH TLS) on the control port
    FTPS_IMPLICIT = "ftps-implicit"  # TLS from the first byte, mostly on port 990
    SFTP = "sftp"

    @property
    def default_port(self) -> int:
        return {Protocol.SFTP: 22, Protocol.FTPS_IMPLICIT: 990}.get(self, 21)

    @property
    def uses_tls(self) -> bool:
        """FTP over TLS, explicit or implicit: certificate checks, PROT P."""
        return self in (Protocol.FTPS, Protocol.FTPS_IMPLICIT)


LAST_DAY = "last"  # Tag des Monats: "letzter"

# The maintenance window: no run starts before or after these.
WINDOW_START = time(6, 0)
WINDOW_END = time(22, 0)

MIN_EVERY_MINUTES = 5
MAX_EVERY_MINUTES = 720


@dataclass(frozen=True)
class Interval:
    kind: IntervalKind = IntervalKind.DAILY
    every_minutes: int = 60  # only for HOURLY
    weekdays: frozenset[Weekday] = frozenset()  # only for WEEKLY
    day_of_month: int | str = 1  # only for MONTHLY: 1..28 or LAST_DAY

    def normalised(self) -> Interval:
        """Drop the values that do not apply to the kind, so equal schedules compare equal."""
        return Interval(
            kind=self.kind,
            every_minutes=self.every_minutes if self.kind is IntervalKind.HOURLY else 60,
            weekdays=self.weekdays if self.kind is IntervalKind.WEEKLY else frozenset(),
            day_of_month=self.day_of_month if self.kind is IntervalKind.MONTHLY else 1,
        )

    def describe_de(self) -> str:
        if self.kind is IntervalKind.HOURLY:
            if self.every_minutes == 60:
                return "Stündlich"
            return f"Alle {self.every_minutes} Minuten"
        if self.kind is IntervalKind.DAILY:
            return "Täglich"
        if self.kind is IntervalKind.WEEKLY:
            names = [WEEKDAY_SHORT_DE[d] for d in Weekday if d in self.weekdays]
            return "Wöchentlich: " + ", ".join(names) if names else "Wöchentlich"
        if self.day_of_month == LAST_DAY:
            return "Monatlich am letzten Tag"
        return f"Monatlich am {self.day_of_month}."

    def describe_en(self) -> str:
        if self.kind is IntervalKind.HOURLY:
            if self.every_minutes == 60:
                return "Hourly"
            return f"Every {self.every_minutes} minutes"
        if self.kind is IntervalKind.DAILY:
            return "Daily"
        if self.kind is IntervalKind.WEEKLY:
            names = [d.value.capitalize() for d in Weekday if d in self.weekdays]
            return "Weekly: " + ", ".join(names) if names else "Weekly"
        if self.day_of_month == LAST_DAY:
            return "Monthly on the last day"
        return f"Monthly on day {self.day_of_month}"


WEEKDAY_SHORT_DE = {
    Weekday.MON: "Mo",
    Weekday.TUE: "Di",
    Weekday.WED: "Mi",
    Weekday.THU: "Do",
    Weekday.FRI: "Fr",
    Weekday.SAT: "Sa",
    Weekday.SUN: "So",
}


@dataclass(frozen=True)
class FtpSettings:
    protocol: Protocol = Protocol.FTP
    host: str = ""
    port: int | None = None  # None: the protocol's default port
    directory: str = ""  # "" = the root; otherwise ends with "/"
    date_subdirectories: bool = False
    user: str = ""
    passive: bool = True

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else self.protocol.default_port

    def same_server(self, other: FtpSettings) -> bool:
        """Whether a password stored for ``other`` may be sent with these values: the same
        protocol (no FTPS password over plain FTP), host, port and user."""
        return (
            self.protocol is other.protocol
            and self.host.strip().lower() == other.host.strip().lower()
            and self.effective_port == other.effective_port
            and self.user == other.user
        )


DEFAULT_MAX_SHARE_PERCENT = 20


@dataclass(frozen=True)
class OpenItemGuards:
    """The guards of Offene Posten and DATEV OPOS, all on by default: an
    empty, older or sweeping list would otherwise settle invoices that are still open."""

    refuse_empty: bool = True  # refuse a file without data rows
    refuse_older: bool = True  # refuse a file older than the last one of the interface
    #: Refuse when the file would settle more than this share of the open invoices in
    #: scope, in percent; None: no limit.
    max_share_percent: int | None = DEFAULT_MAX_SHARE_PERCENT


@dataclass(frozen=True)
class InterfaceSettings:
    """One interface. ``name`` is its identity for users, the CLI and JSON files."""

    name: str = ""
    enabled: bool = True
    branch: str | None = None  # Filiale; None = every branch
    workstation: str | None = None  # Rechner; None = set up for the whole branch chain
    start_date: date | None = None  # released from this day on; None = at once
    import_format: ImportFormat | None = None
    mandants: tuple[str, ...] = ()
    settle_until: SettleUntil | None = SettleUntil.TODAY
    filename_filter: str = ""
    run_time: time | None = None  # Ausführungszeit; not for hourly
    interval: Interval = field(default_factory=Interval)
    ftp: FtpSettings = field(default_factory=FtpSettings)
    error_email: str = ""
    #: An optional regular expression for invoice numbers: what it finds in a payment's
    #: text is taken as a reference too. "" (the default): the ledger alone decides.
    invoice_pattern: str = ""
    #: This interface's Offene-Posten guards; None: the chain's (ChainOptions).
    open_item_guards: OpenItemGuards | None = None

    @property
    def workstation_bound(self) -> bool:
        return bool(self.workstation)

    @property
    def pattern_in_use(self) -> str:
        """The pattern, or "" where the Importart names its invoices in a column of its
        own: there a pattern would do nothing, so it is neither stored nor exported."""
        fmt = self.import_format
        return self.invoice_pattern if fmt is None or fmt.uses_invoice_pattern else ""

    def with_changes(self, **changes: Any) -> InterfaceSettings:
        # Any: the fields differ in type; ``replace`` rejects an unknown name at run time.
        return replace(self, **changes)

    def as_stored(self) -> InterfaceSettings:
        """The settings as the store keeps them: texts without surrounding blanks, the
        values the interval kind does not use dropped, no run time for an hourly one, no
        pattern for an Importart that never reads one."""
        interval = self.interval.normalised()
        ftp = self.ftp
        return replace(
            self,
            name=self.name.strip(),
            branch=self.branch or None,
            workstation=self.workstation or None,
            filename_filter=self.filename_filter.strip(),
            run_time=None if interval.kind is IntervalKind.HOURLY else self.run_time,
            interval=interval,
            ftp=replace(
                ftp, host=ftp.host.strip(), directory=ftp.directory.strip(), user=ftp.user.strip()
            ),
            error_email=self.error_email.strip(),
            invoice_pattern=self.pattern_in_use,
        )


# Downloads: a file's deadline is the grace plus its size at the minimum rate, a run's the
# grace plus its files' deadlines. 16 KiB/s (128 kbit/s) is slower than any line a branch
# office has, even mobile EDGE, yet 80 times faster than a server trickling 1 KB every 5 s;
# a 100 KB payment file gets 66 s, a file at the 50 MB limit 54 minutes.
DEFAULT_DOWNLOAD_MIN_KIB_PER_SECOND = 16
DOWNLOAD_MIN_KIB_PER_SECOND_RANGE = (1, 10_240)
# What each file gets on top of its size (data connection, TLS, the server's first byte):
# twice the run's 30 s read timeout, so a silent server still ends as that timeout.
DEFAULT_DOWNLOAD_GRACE_SECONDS = 60
DOWNLOAD_GRACE_SECONDS_RANGE = (10, 3_600)
# A Klärungsfall open longer than this many days is highlighted (list, daily summary).
DEFAULT_CASE_OVERDUE_DAYS = 14
CASE_OVERDUE_DAYS_RANGE = (1, 365)
DEFAULT_CASE_SUMMARY_TIME = time(7, 30)
# The most months ahead the chain options let bookings be dated.
FUTURE_BOOKING_MONTHS_MAX = 24


@dataclass(frozen=True)
class CaseOptions:
    """The chain's rules for Klärungsfälle."""

    #: Mitarbeiter may close a case without a booking (else only administrators).
    staff_may_close: bool = False
    overdue_days: int = DEFAULT_CASE_OVERDUE_DAYS
    #: A daily e-mail listing the open cases, at ``summary_time`` to ``summary_recipient``.
    summary_enabled: bool = False
    summary_time: time = DEFAULT_CASE_SUMMARY_TIME
    summary_recipient: str = ""

    def __post_init__(self) -> None:
        low, high = CASE_OVERDUE_DAYS_RANGE
        if not low <= self.overdue_days <= high:
            raise ValueError(f"case overdue days {self.overdue_days} outside {low}..{high}")


@dataclass(frozen=True)
class ChainOptions:
    """Filialkettenoptionen: options for the whole branch chain."""

    admins_may_reveal_passwords: bool = False
    future_booking_months: int = 0  # 0: bookings in the future are not allowed
    download_min_kib_per_second: int = DEFAULT_DOWNLOAD_MIN_KIB_PER_SECOND
    download_grace_seconds: int = DEFAULT_DOWNLOAD_GRACE_SECONDS
    #: The Offene-Posten guards of every interface that has none of its own.
    open_item_guards: OpenItemGuards = field(default_factory=OpenItemGuards)
    cases: CaseOptions = field(default_factory=CaseOptions)

    def __post_init__(self) -> None:
        for value, (low, high), what in (
            (self.download_min_kib_per_second, DOWNLOAD_MIN_KIB_PER_SECOND_RANGE, "min rate"),
            (self.download_grace_seconds, DOWNLOAD_GRACE_SECONDS_RANGE, "grace"),
        ):
            if not low <= value <= high:
                raise ValueError(f"download {what} {value} outside {low}..{high}")

    def guards_for(self, settings: InterfaceSettings) -> OpenItemGuards:
        return settings.open_item_guards or self.open_item_guards

    @property
    def future_bookings_allowed(self) -> bool:
        return self.future_booking_months > 0
