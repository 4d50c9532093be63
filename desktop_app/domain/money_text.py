"""Amounts written the German way, for messages; apart from the file formats, so that
the windows can write money without loading the parsers."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial


def format_amount_de(value: Decimal) -> str:
    """``Decimal("-1234.5")`` → ``-1.234,50`` for messages."""
    text = f"{value:,.2f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_amount_en(value: Decimal) -> str:
    """``Decimal("-1234.5")`` → ``-1,234.50``: ``format_amount_de`` for English messages."""
    return f"{value:,.2f}"


def format_count(n: int, lang: str) -> str:
    """A count with its thousands marked: ``10.000`` (German) or ``10,000`` (English)."""
    text = f"{n:,}"
    return text if lang == "en" else text.replace(",", ".")


def counted(n: int, one: str, many: str, lang: str) -> str:
    """``1 Datei``, ``2 Dateien``, ``10.000 Dateien``: German and English both have one
    singular and one plural form, so the noun's two forms are all it takes."""
    return f"{format_count(n, lang)} {one if n == 1 else many}"


# The sign a currency is written with; any other by its ISO code.
CURRENCY_SIGNS = {"EUR": "€"}


def format_money(value: Decimal, lang: str, currency: str = "EUR") -> str:
    """``1.234,50 €`` (German) or ``€1,234.50`` (English), to the cent; in
    another ``currency`` its code stands for the sign (``1.234,50 USD``, ``USD 1,234.50``)."""
    sign = CURRENCY_SIGNS.get(currency.upper(), currency.upper())
    if lang == "en":
        return f"{'-' if value < 0 else ''}{sign}{'' if len(sign) == 1 else ' '}{abs(value):,.2f}"
    return f"{format_amount_de(value)} {sign}"


def money_texts(currency: str | None) -> tuple[Callable[[Decimal], str], Callable[[Decimal], str]]:
    """``format_money`` in German and in English for amounts in ``currency`` (a bank
    statement's; none named: the euros the ledger keeps)."""
    ccy = currency or "EUR"
    return partial(format_money, lang="de", currency=ccy), partial(
        format_money, lang="en", currency=ccy
    )
