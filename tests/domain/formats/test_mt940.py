from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.formats import (
    BadRowError,
    BalanceMismatchError,
    ParseOptions,
    WrongFormatError,
    detect,
    parse,
)
from desktop_app.domain.formats.options import FileDateSource

from .builders import Mt940Line, Mt940Statement, mt940_file


def _parse(data: bytes):
    return parse(data, "mt940", file_name="kontoauszug.sta")


def test_several_statements_with_envelope() -> None:
    data = mt940_file(
        Mt940Statement([Mt940Line("C", Decimal("99.00"))], number="00042/001"),
        Mt940Statement(
            [Mt940Line("C", Decimal("1428.00"), bank_ref="X2", value_date="260306")],
            number="00043/001",
            opening=Decimal("1099.00"),
        ),
        envelope=True,
    )
    parsed = _parse(data)
    assert detect(data) == "mt940"
    assert [s.number for s in parsed.statements] == ["00042/001", "00043/001"]
    assert [r.amount for r in parsed.records] == [Decimal("99.00"), Decimal("1428.00")]
    assert parsed.records[0].source.entry_id == "S1/61#1"
    assert parsed.records[1].source.entry_id == "S2/61#1"
    assert parsed.records[0].currency == "EUR"
    assert parsed.file_date == date(2026, 3, 5)
    assert parsed.records[0].dedup_key != parsed.records[1].dedup_key


def test_a_date_the_file_names_wins_over_the_one_given_and_says_so() -> None:
    data = mt940_file(Mt940Statement([Mt940Line("C", Decimal("99.00"))]))
    given = ParseOptions(file_date=date(2026, 3, 9), file_date_source=FileDateSource.FOLDER)
    parsed = parse(data, "mt940", file_name="kontoauszug.sta", options=given)
    assert (parsed.file_date, parsed.file_date_source) == (date(2026, 3, 5), "content")


def test_marks_reversals_and_returns() -> None:
    lines = [
        Mt940Line("C", Decimal("10.00"), bank_ref="A"),
        Mt940Line("D", Decimal("3.00"), details="805?00ENTGELT?20Kontoführung", bank_ref="B"),
        Mt940Line("RC", Decimal("2.00"), bank_ref="C"),
        Mt940Line("RD", Decimal("4.00"), bank_ref="D"),
        Mt940Line("D", Decimal("5.00"), details="109?00RUECKLASTSCHRIFT?20RE-2026-0001"),
    ]
    records = _parse(mt940_file(Mt940Statement(lines))).records
    assert [r.amount for r in records] == [
        Decimal("10.00"),
        Decimal("-3.00"),
        Decimal("-2.00"),
        Decimal("4.00"),
        Decimal("-5.00"),
    ]
    assert [r.is_debit for r in records] == [False, True, True, False, True]
    assert [r.is_reversal for r in records] == [False, False, True, True, False]
    assert records[4].is_return


def test_details_subfields_joined_across_lines_and_sepa_keywords() -> None:
    details = (
        "166?00SEPA-UEBERWEISUNG?109310?20EREF+NOTPROVIDED?21SVWZ+Rechnung RE-2026-?220016 "
        "Küchenmöbel?30COBADEFFXXX?31DE89370400440532013000?32Möbelhaus Weber?33 GmbH & Co. KG"
    )
    (record,) = _parse(mt940_file(Mt940Statement([Mt940Line("C", Decimal(1), details)]))).records
    # EREF NOTPROVIDED names nothing; SVWZ keeps a space where the bank wrapped the line,
    # which the reference finder reads through (test_references.py).
    assert record.texts.fields == ("Rechnung RE-2026- 0016 Küchenmöbel",)
    assert record.counterparty_name == "Möbelhaus Weber GmbH & Co. KG"
    assert record.counterparty_iban == "DE89370400440532013000"
    assert "Küchenmöbel" in record.free_text


def test_reference_with_spaces_and_in_eref() -> None:
    details = "166?20EREF+RE 2026 0017?21SVWZ+Danke"
    (record,) = _parse(mt940_file(Mt940Statement([Mt940Line("C", Decimal(1), details)]))).records
    assert record.reference == "RE20260017"


def test_entry_date_rolls_over_new_year() -> None:
    line = Mt940Line("C", Decimal(1), value_date="251231", entry_date="0102")
    statement = Mt940Statement([line], opening_date="251230", closing_date="260102")
    (record,) = _parse(mt940_file(statement)).records
    assert record.value_date == date(2025, 12, 31)
    assert record.booking_date == date(2026, 1, 2)


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_line_endings_and_utf8(newline: str) -> None:
    details = "166?20SVWZ+RE-2026-0001?32Bäckerei Schmidt"
    data = mt940_file(
        Mt940Statement([Mt940Line("C", Decimal(1), details)]), newline=newline, encoding="utf-8"
    )
    (record,) = _parse(b"\xef\xbb\xbf" + data).records
    assert record.counterparty_name == "Bäckerei Schmidt"


def test_balance_mismatch_refuses_the_statement() -> None:
    statement = Mt940Statement([Mt940Line("C", Decimal(5))], closing_delta=Decimal("0.01"))
    with pytest.raises(BalanceMismatchError) as info:
        _parse(mt940_file(statement))
    assert info.value.field == ":62F:"
    assert "Schlusssaldo" in info.value.message_de
    assert "Zeile" in info.value.message_de


def test_mt942_is_refused() -> None:
    data = b":20:X\r\n:25:1/2\r\n:28C:1\r\n:34F:EURD0,\r\n:13D:2603051200+0100\r\n"
    with pytest.raises(WrongFormatError) as info:
        _parse(data)
    assert "MT942" in info.value.message_de


def test_broken_statement_line_names_its_line() -> None:
    data = mt940_file(Mt940Statement([Mt940Line("C", Decimal(1))])).replace(
        b":61:2603050305C1,00", b":61:26AB050305C1,00"
    )
    with pytest.raises(BadRowError) as info:
        _parse(data)
    assert (info.value.line, info.value.field) == (5, ":61:")


def test_an_amount_finer_than_cents_names_its_line() -> None:
    data = mt940_file(Mt940Statement([Mt940Line("C", Decimal(1))])).replace(
        b":61:2603050305C1,00", b":61:2603050305C1,005"
    )
    with pytest.raises(BadRowError) as info:
        _parse(data)
    assert (info.value.line, info.value.field) == (5, ":61:")
    assert "zwei Nachkommastellen" in info.value.message_de


def test_a_statement_without_its_20_is_refused_not_dropped() -> None:
    complete = Mt940Statement([Mt940Line("C", Decimal(5))])
    headless = mt940_file(Mt940Statement([Mt940Line("C", Decimal(1))]))
    data = headless.replace(b":20:", b":NS:", 1) + mt940_file(complete)
    with pytest.raises(BadRowError) as info:
        _parse(data)
    assert info.value.field == ":25:" and info.value.line == 2


def test_missing_closing_balance() -> None:
    data = b":20:X\r\n:25:1/2\r\n:28C:1\r\n:60F:C260304EUR1,00\r\n"
    with pytest.raises(BadRowError) as info:
        _parse(data)
    assert info.value.field == ":62F:"


def test_details_with_a_space_after_the_tag_are_split_into_subfields() -> None:
    details = " 166?00SEPA-UEBERWEISUNG?20EREF+RE-2026-0021?21SVWZ+Danke?32Kunde"
    (record,) = _parse(mt940_file(Mt940Statement([Mt940Line("C", Decimal(1), details)]))).records
    assert record.texts.fields == ("RE-2026-0021", "Danke")
    assert record.counterparty_name == "Kunde"


def test_a_bank_reference_used_once_keys_the_line_across_statements() -> None:
    line = Mt940Line("C", Decimal("10.00"), bank_ref="2603051234567")
    first = _parse(mt940_file(Mt940Statement([line], number="00042/001"))).records[0]
    again = _parse(
        mt940_file(Mt940Statement([Mt940Line("C", Decimal(1), bank_ref="X"), line], number="7"))
    ).records[1]
    assert first.bank_reference and first.dedup_key == again.dedup_key
    # A reference the bank gives several different lines is no identity.
    lines = [
        Mt940Line("C", Decimal(1), bank_ref="STARTUMS"),
        Mt940Line("C", Decimal(2), bank_ref="STARTUMS"),
    ]
    records = _parse(mt940_file(Mt940Statement(lines))).records
    assert not any(r.bank_reference for r in records)
    assert records[0].dedup_key != records[1].dedup_key


def _statement(*lines: str) -> bytes:
    body = [":20:X", ":25:NL86TRIO0000000001", ":28C:1", ":60F:C180222EUR0,00", *lines]
    return ("\r\n".join(body) + "\r\n").encode()


def test_a_long_customer_reference_and_wrapped_supplementary_details_are_read() -> None:
    data = _statement(
        ":61:1801020102C20,00NOVBNL29INGB0006475121 j blom",  # 25 characters after NOVB
        ":61:1801020102C1,56NTRFEREF//00000000001",
        "005",
        "/TRCD/00100/",
        ":62F:C180102EUR21,56",
    )
    records = _parse(data).records
    assert [r.amount for r in records] == [Decimal("20.00"), Decimal("1.56")]


def test_the_code_form_of_86_gives_remi_and_eref_as_reference_fields() -> None:
    data = _statement(
        ":61:180222C4383,23NET0NONREF",
        ":86:/CNTP/NL21RABO0999999999/RABONL2U/G-AAAAA N.V./3000AA WESTBEE",
        "N Nederland//EREF/7293-201801001//RE",
        "MI/USTD//Factuurnummer 201801-00",
        "1/",
        ":62F:C180222EUR4383,23",
    )
    (record,) = _parse(data).records
    # The lines are glued where the bank wrapped them, inside the word "REMI" too.
    assert record.texts.fields == ("7293-201801001", "Factuurnummer 201801-001")
