"""Amounts, dates and times as every window shows them, one style per language:
``1.234,56 €``, ``14.03.2026 07:30`` in German; ``€1,234.56``, ``14/03/2026 07:30`` in
English (the British order: day, month, year, as QLocale("en_GB") writes it).

Amounts stay ``Decimal`` all the way to the text: Qt's locale formatting would take a
``double`` and could show a cent off on large sums.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ..domain.date_text import day_month_pattern, format_day, format_time
from ..domain.money_text import format_money
from .translations import ui_language

# The domain's date patterns (date_text.py) in Qt's notation, for QDateEdit
QT_DATE_FORMATS = {"de": "dd.MM.yyyy", "en": "dd/MM/yyyy"}


def qt_date_format(lang: str | None = None) -> str:
    return QT_DATE_FORMATS.get(lang or ui_language(), QT_DATE_FORMATS["de"])


def money_text(value: Decimal, lang: str | None = None) -> str:
    """``Decimal("1234.5")`` → ``1.234,50 €`` (German) or ``€1,234.50`` (English)."""
    return format_money(value, lang or ui_language())


def date_text(value: date, lang: str | None = None) -> str:
    return format_day(value, lang or ui_language())


def timestamp_text(value: datetime, lang: str | None = None, *, seconds: bool = False) -> str:
    """A stored (UTC) time in the computer's local time zone, to the minute (or second)."""
    local = value.astimezone() if value.tzinfo is not None else value
    return format_time(local, lang or ui_language(), seconds=seconds)


def short_time_text(value: datetime, lang: str | None = None) -> str:
    """Day, month and time, for narrow columns: ``14.03. 07:30`` / ``14/03 07:30``."""
    return value.astimezone().strftime(day_month_pattern(lang or ui_language()) + " %H:%M")


def cents(value: Decimal) -> int:
    """An exact integer sort key for an amount (Qt's sort compares numbers, not Decimal)."""
    return int(value.scaleb(2).to_integral_value())
