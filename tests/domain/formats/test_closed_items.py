from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.formats import BadRowError, WrongFormatError, detect, parse
from desktop_app.domain.formats.options import ParseOptions

from .builders import csv_bytes


def test_example_from_the_spec() -> None:
    data = csv_bytes(
        "Rechnungsnummer;Betrag;Zahldatum;Mandant",
        "RE-2025-0042;;20250313;1",
        "RE-2025-0043;59,90;20250313;1",
    )
    parsed = parse(data, "closed-items", file_name="gp.csv")
    first, second = parsed.records
    assert first.reference_raw == "RE-2025-0042"
    assert first.reference == "RE20250042"
    assert first.amount is None  # settle the whole open amount
    assert first.booking_date == date(2025, 3, 13)
    assert first.mandant_hint == "1"
    assert first.line == 2
    assert second.amount == Decimal("59.90")
    assert parsed.data_rows == 2
    assert detect(data) == "closed-items"


def test_windows_1252_quoted_fields_with_semicolon_and_line_break() -> None:
    data = csv_bytes(
        "Rechnungs-Nr.;Betrag;Zahldatum",
        '"RE-2026-0001";"1.234,56";"05.03.2026"',
        '"RE-2026-0002 ""Müller; Söhne""\r\nzweite Zeile";"10,00-";20260305',
        "RE-2026-0003;5,00;20260305",
    )
    parsed = parse(data, "closed-items", file_name="gp.csv")
    assert parsed.encoding == "cp1252"
    a, b, c = parsed.records
    assert a.amount == Decimal("1234.56")
    assert b.reference_raw == 'RE-2026-0002 "Müller; Söhne"\r\nzweite Zeile'
    assert b.amount == Decimal("-10.00")
    # The row after a quoted line break keeps its physical line number.
    assert (a.line, b.line, c.line) == (2, 3, 5)


def test_utf8_bom_lf_and_header_synonyms() -> None:
    data = b"\xef\xbb\xbf" + b"Belegfeld 1;Betrag\nRE-2026-0009;12,00\n\nRE-2026-0010;\n"
    parsed = parse(data, "closed-items", file_name="gp.csv")
    assert parsed.encoding == "utf-8-sig"
    assert [r.reference for r in parsed.records] == ["RE20260009", "RE20260010"]
    assert parsed.records[1].line == 4  # the blank line 3 is skipped but still counted


def test_configured_synonym() -> None:
    options = ParseOptions(invoice_headers=("Beleg",))
    parsed = parse(csv_bytes("Beleg", "RE-1"), "closed-items", file_name="x", options=options)
    assert parsed.records[0].reference == "RE1"


def test_missing_header_is_named() -> None:
    with pytest.raises(WrongFormatError) as info:
        parse(csv_bytes("RE-2026-0001;12,00"), "closed-items", file_name="gp.csv")
    assert "gp.csv" in info.value.message_de
    assert "Zeile 1" in info.value.message_de
    assert "Rechnungsnummer" in info.value.message_de


@pytest.mark.parametrize(
    ("row", "field"),
    [("RE-1;12,3x;", "Betrag"), ("RE-1;;2026-13-45", "Zahldatum"), (";12,00;", "Rechnungsnummer")],
)
def test_bad_cell_names_file_line_and_field(row: str, field: str) -> None:
    data = csv_bytes("Rechnungsnummer;Betrag;Zahldatum", "RE-0;1,00;", row)
    with pytest.raises(BadRowError) as info:
        parse(data, "closed-items", file_name="gp.csv")
    error = info.value
    assert (error.file_name, error.line, error.field) == ("gp.csv", 3, field)
    assert f"Datei „gp.csv“, Zeile 3, Feld „{field}“" in error.message_de
    assert "gp.csv" in str(error) and "line 3" in str(error)


def test_unclosed_quote_is_a_bad_row_not_a_crash() -> None:
    data = csv_bytes("Rechnungsnummer;Betrag", '"RE-1;1,00', *(["x" * 1000] * 200))
    with pytest.raises(BadRowError) as info:
        parse(data, "closed-items", file_name="gp.csv")
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Rechnungsnummer;Betrag (EUR);Zahldatum", "Betrag (EUR)"),
        ("Rechnungsnummer;Zahldatum;Mandant-Nummer", "Mandant-Nummer"),
    ],
)
def test_a_column_that_only_resembles_betrag_or_mandant_refuses_the_file(
    header: str, field: str
) -> None:
    data = csv_bytes(header, "RE-1;10,00;20250313")
    with pytest.raises(WrongFormatError) as info:
        parse(data, "closed-items", file_name="gp.csv")
    assert info.value.field == field and info.value.line == 1
    assert "umbenennen" in info.value.message_de


def test_a_resembling_column_beside_the_real_one_is_only_extra() -> None:
    data = csv_bytes("Rechnungsnummer;Betrag;Rechnungsbetrag", "RE-1;10,00;99,00")
    (record,) = parse(data, "closed-items", file_name="gp.csv").records
    assert record.amount == Decimal("10.00")


def test_the_invoice_column_is_the_first_synonym_not_the_leftmost_column() -> None:
    data = csv_bytes("Belegnummer;Rechnungsnummer;Betrag", "ZB-77;RE-1;10,00")
    (record,) = parse(data, "closed-items", file_name="gp.csv").records
    assert record.reference_raw == "RE-1"
