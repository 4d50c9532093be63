"""The interface JSON format of the CLI's export and import (documented in README.md).

Reading is forgiving about order and strict about types: every malformed value becomes a
``Problem`` tied to its field, so one import reports every mistake at once.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from .interface import (
    LAST_DAY,
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    OpenItemGuards,
    Protocol,
    SettleUntil,
    Weekday,
)
from .text_rules import shown
from .validation import Problem

KEYS = (
    "name",
    "enabled",
    "branch",
    "workstation",
    "start_date",
    "import_format",
    "mandants",
    "settle_until",
    "filename_filter",
    "run_time",
    "interval",
    "ftp",
    "error_email",
    "invoice_pattern",
    "open_item_guards",
)
GUARD_KEYS = ("refuse_empty", "refuse_older", "max_share_percent")


def to_json(settings: InterfaceSettings) -> dict[str, Any]:
    """Every field, no secret. Values that do not apply to the interval kind are kept at
    their neutral defaults so an export always has the same shape."""
    interval = settings.interval.normalised()
    ftp = settings.ftp
    return {
        "name": settings.name,
        "enabled": settings.enabled,
        "branch": settings.branch,
        "workstation": settings.workstation,
        "start_date": settings.start_date.isoformat() if settings.start_date else None,
        "import_format": settings.import_format.value if settings.import_format else None,
        "mandants": list(settings.mandants),
        "settle_until": settings.settle_until.value if settings.settle_until else None,
        "filename_filter": settings.filename_filter,
        "run_time": settings.run_time.strftime("%H:%M") if settings.run_time else None,
        "interval": {
            "kind": interval.kind.value,
            "every_minutes": interval.every_minutes,
            "weekdays": [d.value for d in Weekday if d in interval.weekdays],
            "day_of_month": interval.day_of_month,
        },
        "ftp": {
            "protocol": ftp.protocol.value,
            "host": ftp.host,
            "port": ftp.port,
            "directory": ftp.directory,
            "date_subdirectories": ftp.date_subdirectories,
            "user": ftp.user,
            "passive": ftp.passive,
        },
        "error_email": settings.error_email,
        # A ledger of an older version may hold one its Importart never reads.
        "invoice_pattern": settings.pattern_in_use,
        "open_item_guards": guards_to_json(settings.open_item_guards),
    }


def guards_to_json(guards: OpenItemGuards | None) -> dict[str, Any] | None:
    """``None`` (the chain's guards) or the three settings."""
    if guards is None:
        return None
    return {
        "refuse_empty": guards.refuse_empty,
        "refuse_older": guards.refuse_older,
        "max_share_percent": guards.max_share_percent,
    }


class FieldReader:
    """Reads typed values out of a JSON object; every wrong one becomes a Problem."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def bad(self, field: str, de: str, en: str) -> None:
        self.problems.append(Problem(field, de, en))

    def text(self, obj: dict, key: str, field: str, *, optional: bool = False) -> str | None:
        value = obj.get(key)
        if value is None:
            return None if optional else ""
        if not isinstance(value, str):
            self.bad(field, "Hier wird ein Text erwartet.", "A string is expected here.")
            return None if optional else ""
        return value

    def flag(self, obj: dict, key: str, field: str, default: bool) -> bool:
        value = obj.get(key, default)
        if not isinstance(value, bool):
            self.bad(field, "Hier wird true oder false erwartet.", "Expected true or false.")
            return default
        return value

    def integer(self, obj: dict, key: str, field: str, default: int | None) -> int | None:
        value = obj.get(key, default)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        self.bad(field, "Hier wird eine ganze Zahl erwartet.", "An integer is expected here.")
        return default

    def choice(self, obj: dict, key: str, field: str, enum_type, default=None):
        value = obj.get(key)
        if value is None:
            return default
        try:
            return enum_type(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum_type)
            self.bad(
                field,
                f"„{shown(value)}“ ist kein erlaubter Wert (erlaubt: {allowed}).",
                f"'{shown(value)}' is not allowed (allowed: {allowed}).",
            )
            return default


def from_json(data: Any) -> tuple[InterfaceSettings, list[Problem]]:
    """Settings plus the problems found while reading them (types, unknown keys)."""
    reader = FieldReader()
    if not isinstance(data, dict):
        reader.bad("", "Die Datei muss ein JSON-Objekt enthalten.", "Expected a JSON object.")
        return InterfaceSettings(), reader.problems
    unknown = sorted(set(data) - set(KEYS))
    for key in unknown[:10]:  # a file of a million keys needs no million lines
        reader.bad(shown(key), f"Unbekanntes Feld „{shown(key)}“.", f"Unknown key '{shown(key)}'.")

    start_date = None
    raw_start = reader.text(data, "start_date", "start_date", optional=True)
    if raw_start:
        try:
            start_date = date.fromisoformat(raw_start)
        except ValueError:
            reader.bad(
                "start_date",
                f"„{shown(raw_start)}“ ist kein Datum im Format JJJJ-MM-TT.",
                f"'{shown(raw_start)}' is not an ISO date (YYYY-MM-DD).",
            )

    run_time = None
    raw_time = reader.text(data, "run_time", "run_time", optional=True)
    if raw_time:
        run_time = _read_time(reader, raw_time)

    mandants_raw = data.get("mandants", [])
    mandants: tuple[str, ...] = ()
    if isinstance(mandants_raw, list) and all(isinstance(m, str) for m in mandants_raw):
        mandants = tuple(dict.fromkeys(m.strip() for m in mandants_raw if m.strip()))
    else:
        reader.bad("mandants", "Mandanten als Liste von Namen angeben.", "Expected a list.")

    interval = _read_interval(reader, data.get("interval", {}))
    ftp = _read_ftp(reader, data.get("ftp", {}))

    settings = InterfaceSettings(
        name=reader.text(data, "name", "name") or "",
        enabled=reader.flag(data, "enabled", "enabled", True),
        branch=reader.text(data, "branch", "branch", optional=True) or None,
        workstation=reader.text(data, "workstation", "workstation", optional=True) or None,
        start_date=start_date,
        import_format=reader.choice(data, "import_format", "import_format", ImportFormat),
        mandants=mandants,
        settle_until=reader.choice(data, "settle_until", "settle_until", SettleUntil),
        filename_filter=reader.text(data, "filename_filter", "filename_filter") or "",
        run_time=run_time,
        interval=interval,
        ftp=ftp,
        error_email=reader.text(data, "error_email", "error_email") or "",
        invoice_pattern=reader.text(data, "invoice_pattern", "invoice_pattern") or "",
        open_item_guards=_read_guards(reader, data.get("open_item_guards")),
    )
    return settings, reader.problems


def _read_guards(reader: FieldReader, obj: Any) -> OpenItemGuards | None:
    if obj is None:
        return None
    if not isinstance(obj, dict):
        reader.bad(
            "open_item_guards",
            "„open_item_guards“ ist null (die der Filialkette) oder ein Objekt.",
            "Expected null or an object.",
        )
        return None
    for key in sorted(set(obj) - set(GUARD_KEYS)):
        reader.bad(f"open_item_guards.{key}", f"Unbekanntes Feld „{key}“.", f"Unknown key {key!r}.")
    default = OpenItemGuards()
    return OpenItemGuards(
        refuse_empty=reader.flag(obj, "refuse_empty", "open_item_guards.refuse_empty", True),
        refuse_older=reader.flag(obj, "refuse_older", "open_item_guards.refuse_older", True),
        max_share_percent=reader.integer(
            obj,
            "max_share_percent",
            "open_item_guards.max_share_percent",
            default.max_share_percent,
        ),
    )


def _read_interval(reader: FieldReader, obj: Any) -> Interval:
    if not isinstance(obj, dict):
        reader.bad("interval", "Das Intervall muss ein Objekt sein.", "Expected an object.")
        return Interval()
    kind = reader.choice(obj, "kind", "interval.kind", IntervalKind, IntervalKind.DAILY)
    every = reader.integer(obj, "every_minutes", "interval.every_minutes", 60)
    # A value the kind does not use may be null (a hand-written file often says so).
    weekdays_raw = obj.get("weekdays") or []
    weekdays: set[Weekday] = set()
    if isinstance(weekdays_raw, list):
        for value in weekdays_raw:
            try:
                weekdays.add(Weekday(value))
            except (ValueError, TypeError):
                reader.bad(
                    "interval.weekdays",
                    f"„{shown(value)}“ ist kein Wochentag (mon … sun).",
                    f"'{shown(value)}' is not a weekday (mon … sun).",
                )
    else:
        reader.bad("interval.weekdays", "Wochentage als Liste angeben.", "Expected a list.")
    day = obj.get("day_of_month")
    if day is None:
        # Only a monthly interval needs a day; validation then says that it is missing.
        day = 1 if kind is not IntervalKind.MONTHLY else 0
    elif not (day == LAST_DAY or (isinstance(day, int) and not isinstance(day, bool))):
        reader.bad(
            "interval.day_of_month",
            "Der Tag des Monats ist eine Zahl von 1 bis 28 oder „last“.",
            "day_of_month is 1..28 or 'last'.",
        )
        day = 1
    return Interval(
        kind=kind,
        every_minutes=every if every is not None else 60,
        weekdays=frozenset(weekdays),
        day_of_month=day,
    )


def _read_time(reader: FieldReader, raw: str) -> time | None:
    """``HH:MM`` (seconds allowed) of the computer's local time; nothing else."""
    try:
        value = time.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is not None or len(raw) > 8:
        reader.bad(
            "run_time",
            f"„{shown(raw)}“ ist keine Uhrzeit im Format HH:MM (ohne Zeitzone; es gilt die "
            "Uhrzeit des Rechners).",
            f"'{shown(raw)}' is not a time HH:MM (without a time zone; the computer's local "
            "time applies).",
        )
        return None
    return value


def _read_ftp(reader: FieldReader, obj: Any) -> FtpSettings:
    if not isinstance(obj, dict):
        reader.bad("ftp", "„ftp“ muss ein Objekt sein.", "Expected an object.")
        return FtpSettings()
    return FtpSettings(
        protocol=reader.choice(obj, "protocol", "ftp.protocol", Protocol, Protocol.FTP),
        host=reader.text(obj, "host", "ftp.host") or "",
        port=reader.integer(obj, "port", "ftp.port", None),
        directory=reader.text(obj, "directory", "ftp.directory") or "",
        date_subdirectories=reader.flag(
            obj, "date_subdirectories", "ftp.date_subdirectories", False
        ),
        user=reader.text(obj, "user", "ftp.user") or "",
        passive=reader.flag(obj, "passive", "ftp.passive", True),
    )
