from decimal import Decimal

import pytest

from desktop_app.domain.formats.errors import BadRowError, FileTooLargeError
from desktop_app.domain.formats.text import (
    FinerThanCents,
    amount_field,
    decode_text,
    digits_key,
    iter_lines,
    normalise_invoice_number,
    parse_amount,
    parse_date,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("-1.234,56", "-1234.56"),
        ("1.234,56-", "-1234.56"),
        ("+59,90", "59.90"),
        ("0,00", "0.00"),
        ("1.234.567,8", "1234567.8"),
        ("1.234", "1234"),  # a German thousands group, not a decimal point
        ("12.50", "12.50"),  # two decimals after a point cannot be a thousands group
        (" 7 ", "7"),
    ],
)
def test_german_amounts_are_exact_decimals(raw: str, expected: str) -> None:
    value = parse_amount(raw)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1234.56", "1234.56"), ("-0.01", "-0.01"), ("1,234.56", "1234.56"), ("10", "10")],
)
def test_decimal_point_amounts(raw: str, expected: str) -> None:
    assert parse_amount(raw, decimal_point=True) == Decimal(expected)


@pytest.mark.parametrize(
    "raw", ["", "-", "abc", "1,2,3", "12.34.56,7", "1.23,45", "NaN", "Infinity", "1e5", "--1"]
)
def test_bad_amounts_are_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(raw)


@pytest.mark.parametrize(("raw", "point"), [("0.500", False), ("00.100", False), ("0,500", True)])
def test_a_thousands_group_led_by_zero_is_no_amount(raw: str, point: bool) -> None:
    with pytest.raises(ValueError):
        parse_amount(raw, decimal_point=point)


def test_amounts_finer_than_cents_are_refused_with_their_own_reason() -> None:
    assert parse_amount("10,000") == Decimal("10")  # zeros beyond the cents are exact
    for raw, point in (("10,005", False), ("40.005", True), ("1.234,5601", False)):
        with pytest.raises(FinerThanCents):
            parse_amount(raw, decimal_point=point)
    with pytest.raises(BadRowError) as info:
        amount_field("10,005", file_name="gp.csv", line=3, field="Betrag")
    assert "zwei Nachkommastellen" in info.value.message_de
    assert (info.value.line, info.value.field) == (3, "Betrag")


def test_dates() -> None:
    assert parse_date("20250313").isoformat() == "2025-03-13"
    assert parse_date("13.03.2025").isoformat() == "2025-03-13"
    with pytest.raises(ValueError):
        parse_date("20251332")


def test_decoding_chain() -> None:
    assert decode_text("Müller".encode()).encoding == "utf-8"
    assert decode_text(b"\xef\xbb\xbfM\xc3\xbcller").text == "Müller"
    assert decode_text("Müller €".encode("cp1252")) == decode_text("Müller €".encode("cp1252"))
    assert decode_text("Müller €".encode("cp1252")).text == "Müller €"
    # 0x81 is undefined in Windows-1252: ISO-8859-1 takes over.
    assert decode_text(b"a\x81b").encoding == "iso-8859-1"
    # Bytes that are valid UTF-8 are read as UTF-8, DATEV included, BOM or not.
    assert decode_text("Ã¼".encode("cp1252")).text == "ü"


def test_lines_split_on_crlf_lf_and_cr_only() -> None:
    lines = list(iter_lines("a\r\nb\nc\rd", file_name="f", max_chars=10))
    assert lines == [(1, "a"), (2, "b"), (3, "c"), (4, "d")]
    # A form feed is data, not a line break (str.splitlines would split here).
    assert list(iter_lines("a\x0cb", file_name="f", max_chars=10)) == [(1, "a\x0cb")]


def test_overlong_line_is_refused_with_its_number() -> None:
    with pytest.raises(FileTooLargeError) as info:
        list(iter_lines("ok\n" + "x" * 11, file_name="f.csv", max_chars=10))
    assert info.value.line == 2
    assert "Zeile 2" in info.value.message_de


def test_invoice_number_normalisation() -> None:
    assert normalise_invoice_number(" re-2026/0001 ") == "RE20260001"
    assert digits_key("RE20260042") == "20260042"
    assert digits_key("0042") == "42"
    assert digits_key("0420") == "420"
