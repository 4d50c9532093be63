"""The suggestion engine's pure halves: what a case looks up, and how candidates rank."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from desktop_app.domain.case_suggestions import (
    Candidate,
    one_typo,
    prepare_name,
    rank,
    search_keys,
    similar_names,
)

GERMAN_WORDS = re.compile(r"\b(?:Die|der|Zahlung|Nummer|Betrag|Kunde|Konto|gleich)\b|[äöüß„]")


def candidate(number: str, open_amount: str = "100.00", **kw) -> Candidate:
    from desktop_app.domain.formats.text import digits_key, normalise_invoice_number

    norm = normalise_invoice_number(number)
    return Candidate(
        invoice_id=kw.pop("invoice_id", abs(hash(number)) % 10_000),
        number=number,
        mandant=kw.pop("mandant", "1"),
        customer=kw.pop("customer", ""),
        invoice_date=kw.pop("invoice_date", date(2026, 2, 1)),
        amount=Decimal(open_amount),
        open_amount=Decimal(open_amount),
        number_norm=norm,
        number_digits=digits_key(norm),
        **kw,
    )


def test_keys_take_the_numbers_of_the_text_their_digits_and_one_typo_away():
    keys = search_keys("", "SVWZ+Rechnung RE 2026 0042 Max Mustermann")
    assert "RE20260042" in keys.numbers
    assert "20260042" in keys.digits
    assert {"20260043", "2026042", "20206042", "202600042"} <= keys.typos
    assert "20260042" not in keys.typos


def test_short_numbers_have_no_typo_neighbours():
    """One typo from "77" is half of every short number: never looked up."""
    keys = search_keys("Kundennr 77", "Kundennr 77")
    assert keys.typos == frozenset()


def test_one_typo_covers_every_single_edit_and_drops_leading_zeros():
    found = one_typo("1203")
    assert {"203", "123", "1303", "2103", "1230", "12030", "11203"} <= found
    assert "1203" not in found
    assert "0203".lstrip("0") in found  # the first digit replaced by a zero


def test_names_are_compared_without_order_and_case():
    names = [prepare_name(n) for n in ("Erika Musterfrau", "Max Mustermann", "Hans Meier")]
    (best, score), *_ = similar_names("MUSTERMANN, MAX", names)
    assert names[best] == "max mustermann" and score == 100
    assert prepare_name("Mustermann, Max") == prepare_name("max  MUSTERMANN")
    assert similar_names("", names) == []
    assert similar_names("Zzyzx Qwerty", names) == []


def test_rank_puts_the_named_number_first_and_explains_every_candidate():
    keys = search_keys("", "Zahlung RE-2026-0042 GS-2026-0050", possible=["RE-2026-0051"])
    ranked = rank(
        [
            candidate("RE-2026-0042", "50.00"),
            candidate("XY-2026-0050", "70.00"),  # the same digits as GS-2026-0050
            candidate("RE-2026-0051"),  # named by the import as a look-alike
            candidate("RE-2026-0099", "89.90"),  # only the amount
            candidate("RE-2026-0100", "10.00"),  # nothing at all: left out
        ],
        keys,
        Decimal("89.90"),
    )
    assert [s.number for s in ranked] == [
        "RE-2026-0042",
        "RE-2026-0051",
        "XY-2026-0050",
        "RE-2026-0099",
    ]
    assert [[r.code for r in s.reasons] for s in ranked] == [
        ["number"],
        ["possible"],
        ["digits"],
        ["amount"],
    ]
    assert all(s.reasons_text() for s in ranked)


def test_a_paid_invoice_is_never_suggested():
    keys = search_keys("RE-2026-0042", "RE-2026-0042")
    assert rank([candidate("RE-2026-0042", "0.00")], keys, Decimal("10.00")) == []


def test_the_amount_decides_between_equal_signals():
    keys = search_keys("", "RE-2026-0042 RE-2026-0043")
    ranked = rank(
        [candidate("RE-2026-0042", "50.00"), candidate("RE-2026-0043", "89.90")],
        keys,
        Decimal("89.90"),
    )
    assert [(s.number, s.score) for s in ranked] == [("RE-2026-0043", 140), ("RE-2026-0042", 100)]


def test_the_same_number_of_two_mandanten_ranks_alike_however_it_was_found():
    """A list looks its cases up together: the rows come in another order than for one
    case alone, and the suggestions must not change with it."""
    keys = search_keys("", "RE-2026-0042")
    found = [
        candidate("RE-2026-0042", mandant="2", invoice_id=7),
        candidate("RE-2026-0042", mandant="1", invoice_id=9),
        candidate("RE-2026-0042", mandant="1", invoice_id=3),
    ]
    ranked = rank(found, keys, None)
    assert rank(reversed(found), keys, None) == ranked
    assert [(s.mandant, s.invoice_id) for s in ranked] == [("1", 3), ("1", 9), ("2", 7)]


def test_name_and_earlier_payer_add_up():
    keys = search_keys("", "")
    c = candidate("RE-1", customer="Max Mustermann", name_score=100.0, payer_paid=2)
    (s,) = rank([c], keys, Decimal("1.00"), payer_name="Mustermann Max")
    assert [r.code for r in s.reasons] == ["name", "payer"]
    assert "Mustermann Max" in s.reasons[0].text_de


def test_every_reason_is_said_in_both_languages():
    keys = search_keys("RE-2026-0042", "RE-2026-0043")
    ranked = rank(
        [
            candidate("RE-2026-0042", "89.90"),
            candidate("RE-2026-0043", "10.00", customer="Max Mustermann", name_score=100.0),
            candidate("RE-2026-0045", "5.00", payer_paid=1),
        ],
        keys,
        Decimal("89.90"),
        payer_name="Mustermann Max",
    )
    reasons = [r for s in ranked for r in s.reasons]
    assert {r.code for r in reasons} >= {"number", "amount", "name", "payer"}
    for reason in reasons:
        assert reason.text("de") == reason.text_de and reason.text("en") == reason.text_en
        assert not GERMAN_WORDS.search(reason.text("en")), reason.text("en")
    amount = next(r for r in reasons if r.code == "amount")
    assert amount.text("en") == "The open amount €89.90 equals the payment."
    assert amount.text("de") == "Offener Betrag 89,90 € gleich der Zahlung."
    first = next(s for s in ranked if s.number == "RE-2026-0042")
    assert first.reasons_text("en") == (
        "The payment names the number RE-2026-0042. The open amount €89.90 equals the payment."
    )


def test_a_typo_reason_names_every_edit_it_stands_for():
    # RE-2026-0070 for RE-2026-0007 is two digits swapped, not "one digit" different.
    keys = search_keys("RE-2026-0070", "RE-2026-0070")
    (s,) = rank([candidate("RE-2026-0007")], keys, Decimal("1.00"))
    (reason,) = s.reasons
    assert reason.code == "typo"
    assert "zwei vertauscht" in reason.text_de and "two swapped" in reason.text_en
