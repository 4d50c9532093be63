"""Amounts and counts as each language writes them, in messages and mails."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.domain.money_text import counted, format_count, format_money


def test_amounts_are_exact_in_either_language():
    assert format_money(Decimal("1234.5"), "de") == "1.234,50 €"
    assert format_money(Decimal("-1234.5"), "en") == "-€1,234.50"


def test_another_currency_is_written_by_its_code():
    # A bank statement in Swiss francs must not read as euros.
    assert format_money(Decimal("1234.5"), "de", "CHF") == "1.234,50 CHF"
    assert format_money(Decimal("-1234.5"), "en", "chf") == "-CHF 1,234.50"


def test_counts_take_the_nouns_form_and_the_languages_thousands_mark():
    assert format_count(1234567, "de") == "1.234.567"
    assert counted(1, "Datei", "Dateien", "de") == "1 Datei"
    assert counted(0, "Datei", "Dateien", "de") == "0 Dateien"
    assert counted(10_000, "Datei", "Dateien", "de") == "10.000 Dateien"
    assert counted(1, "file", "files", "en") == "1 file"
    assert counted(2_500, "file", "files", "en") == "2,500 files"


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("0"), "0,00 €"),
        (Decimal("1234567.891"), "1.234.567,89 €"),
        (Decimal("-5.5"), "-5,50 €"),
        (Decimal("0.005"), "0,00 €"),  # to the cent, half to even as Decimal formats
        (Decimal("0.015"), "0,02 €"),
    ],
)
def test_money_in_german_to_the_cent(amount: Decimal, text: str) -> None:
    assert format_money(amount, "de") == text
