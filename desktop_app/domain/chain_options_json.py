"""The chain options (Filialkettenoptionen) as JSON, for the configuration file.

Reading checks every value against the limits the options dialog has, and a value that
is missing takes its default (a file of an older program lacks the newer options).
"""

from __future__ import annotations

from datetime import time
from typing import Any

from .cases import summary_recipient_problem
from .interface import (
    CASE_OVERDUE_DAYS_RANGE,
    DOWNLOAD_GRACE_SECONDS_RANGE,
    DOWNLOAD_MIN_KIB_PER_SECOND_RANGE,
    FUTURE_BOOKING_MONTHS_MAX,
    CaseOptions,
    ChainOptions,
    OpenItemGuards,
)
from .interface_json import GUARD_KEYS, FieldReader, guards_to_json
from .text_rules import shown
from .validation import guard_problems

PREFIX = "chain_options."
KEYS = (
    "admins_may_reveal_passwords",
    "future_booking_months",
    "download_min_kib_per_second",
    "download_grace_seconds",
    "open_item_guards",
    "cases",
)
CASE_KEYS = (
    "staff_may_close",
    "overdue_days",
    "summary_enabled",
    "summary_time",
    "summary_recipient",
)


def options_to_json(options: ChainOptions) -> dict[str, Any]:
    cases = options.cases
    return {
        "admins_may_reveal_passwords": options.admins_may_reveal_passwords,
        "future_booking_months": options.future_booking_months,
        "download_min_kib_per_second": options.download_min_kib_per_second,
        "download_grace_seconds": options.download_grace_seconds,
        "open_item_guards": guards_to_json(options.open_item_guards),
        "cases": {
            "staff_may_close": cases.staff_may_close,
            "overdue_days": cases.overdue_days,
            "summary_enabled": cases.summary_enabled,
            "summary_time": cases.summary_time.strftime("%H:%M"),
            "summary_recipient": cases.summary_recipient,
        },
    }


def options_from_json(reader: FieldReader, data: Any) -> ChainOptions:
    """The options ``data`` holds; what is wrong goes to ``reader.problems`` and takes the
    default, so that one reading reports every mistake."""
    default = ChainOptions()
    if not isinstance(data, dict):
        reader.bad("chain_options", "Hier wird ein Objekt erwartet.", "Expected an object.")
        return default
    _unknown(reader, data, KEYS, PREFIX)
    months = _within(reader, data, "future_booking_months", (0, FUTURE_BOOKING_MONTHS_MAX), 0)
    return ChainOptions(
        admins_may_reveal_passwords=reader.flag(
            data, "admins_may_reveal_passwords", PREFIX + "admins_may_reveal_passwords", False
        ),
        future_booking_months=months,
        download_min_kib_per_second=_within(
            reader,
            data,
            "download_min_kib_per_second",
            DOWNLOAD_MIN_KIB_PER_SECOND_RANGE,
            default.download_min_kib_per_second,
        ),
        download_grace_seconds=_within(
            reader,
            data,
            "download_grace_seconds",
            DOWNLOAD_GRACE_SECONDS_RANGE,
            default.download_grace_seconds,
        ),
        open_item_guards=_read_guards(reader, data.get("open_item_guards", {})),
        cases=_read_cases(reader, data.get("cases", {})),
    )


def _unknown(reader: FieldReader, data: dict, keys: tuple[str, ...], prefix: str) -> None:
    for key in sorted(set(data) - set(keys))[:10]:
        reader.bad(
            prefix + shown(key), f"Unbekanntes Feld „{shown(key)}“.", f"Unknown key '{shown(key)}'."
        )


def _within(
    reader: FieldReader, data: dict, key: str, bounds: tuple[int, int], default: int, prefix=PREFIX
) -> int:
    value = reader.integer(data, key, prefix + key, default)
    if value is None:
        return default
    low, high = bounds
    if not low <= value <= high:
        reader.bad(
            prefix + key,
            f"Der Wert muss zwischen {low} und {high} liegen (angegeben: {value}).",
            f"The value must lie between {low} and {high} (got {value}).",
        )
        return default
    return value


def _read_guards(reader: FieldReader, data: Any) -> OpenItemGuards:
    field = PREFIX + "open_item_guards"
    if not isinstance(data, dict):
        reader.bad(field, "Hier wird ein Objekt erwartet.", "Expected an object.")
        return OpenItemGuards()
    _unknown(reader, data, GUARD_KEYS, field + ".")
    guards = OpenItemGuards(
        refuse_empty=reader.flag(data, "refuse_empty", field + ".refuse_empty", True),
        refuse_older=reader.flag(data, "refuse_older", field + ".refuse_older", True),
        max_share_percent=reader.integer(
            data,
            "max_share_percent",
            field + ".max_share_percent",
            OpenItemGuards().max_share_percent,
        ),
    )
    problems = guard_problems(guards, field + ".")
    reader.problems += problems
    return OpenItemGuards() if problems else guards


def _read_cases(reader: FieldReader, data: Any) -> CaseOptions:
    prefix = PREFIX + "cases."
    default = CaseOptions()
    if not isinstance(data, dict):
        reader.bad(prefix.rstrip("."), "Hier wird ein Objekt erwartet.", "Expected an object.")
        return default
    _unknown(reader, data, CASE_KEYS, prefix)
    enabled = reader.flag(data, "summary_enabled", prefix + "summary_enabled", False)
    recipient = reader.text(data, "summary_recipient", prefix + "summary_recipient") or ""
    problem = summary_recipient_problem(recipient) if enabled else None
    if problem is not None:
        reader.bad(prefix + "summary_recipient", *problem)
    return CaseOptions(
        staff_may_close=reader.flag(data, "staff_may_close", prefix + "staff_may_close", False),
        overdue_days=_within(
            reader, data, "overdue_days", CASE_OVERDUE_DAYS_RANGE, default.overdue_days, prefix
        ),
        summary_enabled=enabled,
        summary_time=_read_time(reader, data, prefix + "summary_time", default.summary_time),
        summary_recipient=recipient.strip(),
    )


def _read_time(reader: FieldReader, data: dict, field: str, default: time) -> time:
    raw = reader.text(data, "summary_time", field, optional=True)
    if raw is None:
        return default
    try:
        value = time.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is not None or len(raw) != 5:
        reader.bad(
            field,
            f"„{shown(raw)}“ ist keine Uhrzeit im Format HH:MM.",
            f"'{shown(raw)}' is not a time HH:MM.",
        )
        return default
    return value
