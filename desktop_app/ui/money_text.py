"""Amounts and dates as the ledger views show them: ``1.234,56 €``, ``14.03.2026``.

Amounts stay ``Decimal`` all the way to the text: Qt's locale formatting would take a
``double`` and could show a cent off on large sums.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ..domain.formats.text import format_amount_de


def money_text(value: Decimal, lang: str = "de") -> str:
    """``Decimal("1234.5")`` → ``1.234,50 €`` (German) or ``€1,234.50`` (English)."""
    if lang == "en":
        sign = "-" if value < 0 else ""
        return f"{sign}€{abs(value):,.2f}"
    return f"{format_amount_de(value)} €"


def date_text(value: date, lang: str = "de") -> str:
    return value.strftime("%Y-%m-%d" if lang == "en" else "%d.%m.%Y")


def timestamp_text(value: datetime, lang: str = "de") -> str:
    """A stored (UTC) time in the computer's local time zone, to the minute."""
    local = value.astimezone() if value.tzinfo is not None else value
    return local.strftime("%Y-%m-%d %H:%M" if lang == "en" else "%d.%m.%Y %H:%M")


def cents(value: Decimal) -> int:
    """An exact integer sort key for an amount (Qt's sort compares numbers, not Decimal)."""
    return int(value.scaleb(2).to_integral_value())
