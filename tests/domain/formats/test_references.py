"""Invoice numbers are found by the ledger: whole tokens of a text that the ledger knows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.domain.formats.options import ParseOptions
from desktop_app.domain.formats.records import ImportRecord, RecordSource
from desktop_app.domain.formats.references import (
    Found,
    ReferenceTexts,
    TextTokens,
    find_references,
    pattern_references,
)
from desktop_app.domain.formats.text import normalise_invoice_number

LEDGER = {
    normalise_invoice_number(n)
    for n in ("RE-2026-0001", "RE-2026-0002", "INV-00002", "INV-00003", "42", "4711", "2026-17")
}


def found(fields: tuple[str, ...] = (), free: tuple[str, ...] = ()) -> Found:
    groups = (
        [TextTokens(t, structured=True) for t in fields],
        [TextTokens(t, structured=False) for t in free],
    )
    return find_references(groups, LEDGER.__contains__)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("SVWZ+Rechnung RE-2026-0001 danke", ("RE20260001",)),
        ("Rechnung-Nr.: INV-00002 v. 13.02.21", ("INV00002",)),
        ("INV-00003", ("INV00003",)),
        ("re 2026/0001", ("RE20260001",)),  # case, spaces and slashes do not count
        ("RE-2026- 0001 Kunde", ("RE20260001",)),  # wrapped inside the number
        ("RE-2026-0001/RE-2026-0002", ("RE20260001", "RE20260002")),
        ("RE-2026-0001 RE 2026 0001", ("RE20260001",)),  # the same invoice twice
    ],
)
def test_whole_tokens_the_ledger_knows(text: str, numbers: tuple[str, ...]) -> None:
    assert found(free=(text,)).strong == numbers


@pytest.mark.parametrize(
    "text",
    [
        "0420 Zahlung",  # 42 is no substring hit
        "RE-2026-42",  # nor the end of a hyphenated token
        "PRE-2026-0001",  # nor inside a longer word
        "RE-2026-00011",
        "GS-2026-0001",  # another prefix is another number
        "XY20260002",
        "Datum 13.02.42",  # a date is one token
        "Betrag 1.042,00",
    ],
)
def test_never_part_of_a_token(text: str) -> None:
    assert found(free=(text,)) == Found()


def test_digits_alone_need_the_whole_field_or_a_keyword() -> None:
    assert found(fields=("4711",)).strong == ("4711",)
    assert found(free=("Kunde 4711 Filiale 3",)) == Found((), ("4711",))
    assert found(free=("Rechnung 4711",)).strong == ("4711",)
    assert found(free=("Re.-Nr. 4711 vom 1.3.",)).strong == ("4711",)
    assert found(free=("RG-Nr.: 42",)).strong == ("42",)
    # Digits with another separator are not digits alone.
    assert found(free=("Zahlung 2026-17",)).strong == ("202617",)


def test_structured_fields_before_free_text() -> None:
    result = found(fields=("RE-2026-0002",), free=("RE-2026-0001",))
    assert result.strong == ("RE20260002",)
    assert found(fields=("NOTHING 9",), free=("RE-2026-0001",)).strong == ("RE20260001",)


def test_candidates_hold_a_digit_and_are_bounded() -> None:
    tokens = TextTokens("Rechnung RE-2026-0001 vom Kunden", structured=False)
    keys = tokens.candidates()
    assert "RE20260001" in keys and "RECHNUNG" not in keys
    assert all(any(c.isdigit() for c in k) for k in keys)
    long = TextTokens(" ".join(["1"] * 50), structured=False)
    assert max(len(k) for k in long.candidates()) <= 8


def test_configured_pattern_adds_references() -> None:
    regex = ParseOptions(invoice_pattern=r"AR\d{6}").invoice_regex
    assert pattern_references(["ZahlungAR123456 und AR654321"], regex) == ("AR654321",)
    assert pattern_references(["AR123456"], None) == ()


def test_a_patterns_hits_add_to_the_references_never_replace_them() -> None:
    groups = (
        [],
        [TextTokens("RE-2026-0001 Kunde 4711", structured=False)],
        [TextTokens("4711", structured=True)],  # what a pattern \d{4} found
    )
    assert find_references(groups, LEDGER.__contains__).strong == ("RE20260001", "4711")
    assert found(free=("RE-2026-0001 Kunde 4711",)).strong == ("RE20260001",)


def test_a_reference_field_that_is_a_number_does_not_hide_another_field() -> None:
    record = ImportRecord(
        source=RecordSource("0" * 64, "S1/61#1", 1),
        reference_raw="RE-2026-0001",
        reference="RE20260001",
        amount=Decimal("1.00"),
        texts=ReferenceTexts(("RE-2026-0001", "RE-2026-0002")),
    )
    assert record.references(LEDGER.__contains__).strong == ("RE20260001", "RE20260002")
    alone = ImportRecord(
        source=RecordSource("0" * 64, "L2", 2),
        reference_raw="RE-2026-0001",
        reference="RE20260001",
        amount=Decimal("1.00"),
    )
    assert alone.reference_alone
    assert alone.references(LEDGER.__contains__).strong == ("RE20260001",)


def test_a_field_is_also_its_number_as_a_whole() -> None:
    """A dot or a hash cuts ``RE.2026.0007`` into words no candidate joins; a field (or a
    pattern's hit) that is the number as a whole names it, as the reference field alone
    does, while the free text keeps to whole tokens."""
    ledger = {*LEDGER, "RE20260007"}
    record = ImportRecord(
        source=RecordSource("0" * 64, "S1/61#1", 1),
        reference_raw="RE.2026.0007",
        reference="RE20260007",
        amount=Decimal("1.00"),
        texts=ReferenceTexts(("RE.2026.0007", "Zahlung")),
    )
    assert "RE20260007" in record.lookup_keys()
    assert record.references(ledger.__contains__).strong == ("RE20260007",)
    free = find_references(
        ([], [TextTokens("RE.2026.0007", structured=False)]), ledger.__contains__
    )
    assert free.strong == ()
