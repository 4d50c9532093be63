"""Dates and times for a person, one style per language, wherever they are written: the
windows, the command line, the row reasons, the e-mails and the errors.

German ``14.03.2026``; English ``14/03/2026``, the British order (day, month, year) that
the English window's date fields also take. Output meant for machines (JSON, the
tab-separated lists' date columns, the stored history) keeps ISO in either language.
"""

from __future__ import annotations

from datetime import date, datetime

#: strftime patterns per language: the whole date, and day and month for narrow columns.
DATE_PATTERNS = {"de": "%d.%m.%Y", "en": "%d/%m/%Y"}
DAY_MONTH_PATTERNS = {"de": "%d.%m.", "en": "%d/%m"}


def date_pattern(lang: str) -> str:
    """The strftime pattern of a date in ``lang``; German for anything else."""
    return DATE_PATTERNS.get(lang, DATE_PATTERNS["de"])


def day_month_pattern(lang: str) -> str:
    return DAY_MONTH_PATTERNS.get(lang, DAY_MONTH_PATTERNS["de"])


def format_day(value: date, lang: str) -> str:
    """``14.03.2026`` (German) or ``14/03/2026`` (English)."""
    return value.strftime(date_pattern(lang))


def format_time(value: datetime, lang: str, *, seconds: bool = False) -> str:
    """``14.03.2026 07:30`` / ``14/03/2026 07:30`` (``:05`` more with ``seconds``), in
    ``value``'s own zone: the caller chooses the zone it is shown in."""
    return value.strftime(date_pattern(lang) + (" %H:%M:%S" if seconds else " %H:%M"))
