from decimal import Decimal

import pytest

from desktop_app.domain.formats import BadRowError, detect, parse

from .builders import csv_bytes


def test_open_items_with_synonyms() -> None:
    data = csv_bytes(
        "Rechnungsnummer;Restbetrag;Mandant",
        "RE-2026-0001;0,00;1",
        "RE-2026-0002;1.000,50;1",
        "GS-2026-0001;-25,00;1",
    )
    parsed = parse(data, "open-items", file_name="op.csv")
    assert [r.open_amount for r in parsed.records] == [
        Decimal("0.00"),
        Decimal("1000.50"),
        Decimal("-25.00"),
    ]
    assert all(r.amount is None for r in parsed.records)
    assert parsed.records[0].mandant_hint == "1"
    assert detect(data) == "open-items"


def test_header_only_file_has_no_data_rows() -> None:
    parsed = parse(csv_bytes("Rechnungsnummer;OffenerBetrag"), "open-items", file_name="op.csv")
    assert parsed.records == ()
    assert parsed.data_rows == 0


def test_empty_open_amount_is_an_error_not_zero() -> None:
    # Zero would mean "paid": an empty cell must never settle an invoice.
    data = csv_bytes("Rechnungsnummer;OffenerBetrag", "RE-1;")
    with pytest.raises(BadRowError) as info:
        parse(data, "open-items", file_name="op.csv")
    assert info.value.field == "Offener Betrag"
    assert info.value.line == 2


def test_file_date_comes_from_options() -> None:
    from datetime import date

    from desktop_app.domain.formats import ParseOptions

    options = ParseOptions(file_date=date(2026, 3, 1))
    data = csv_bytes("Rechnungsnummer;Saldo", "RE-1;1,00")
    assert parse(data, "open-items", file_name="op.csv", options=options).file_date == date(
        2026, 3, 1
    )


def test_the_day_given_keeps_where_it_came_from() -> None:
    from datetime import date

    from desktop_app.domain.formats import ParseOptions
    from desktop_app.domain.formats.options import FileDateSource

    data = csv_bytes("Rechnungsnummer;Saldo", "RE-1;1,00")
    folder = ParseOptions(file_date=date(2026, 3, 1), file_date_source=FileDateSource.FOLDER)
    parsed = parse(data, "open-items", file_name="op.csv", options=folder)
    assert (parsed.file_date, parsed.file_date_source) == (date(2026, 3, 1), "folder")
    # no day given, none known: no source either
    undated = ParseOptions(file_date_source=FileDateSource.FOLDER)
    assert parse(data, "open-items", file_name="op.csv", options=undated).file_date_source is None


def test_quote_left_open_at_the_end_is_an_error() -> None:
    # Swallowing the following rows would make their invoices look "missing", i.e. paid.
    data = csv_bytes("Rechnungsnummer;OffenerBetrag", '"RE-1;1,00', "RE-2;2,00")
    with pytest.raises(BadRowError) as info:
        parse(data, "open-items", file_name="op.csv")
    assert info.value.line == 2
