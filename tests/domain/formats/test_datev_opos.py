from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.formats import BadRowError, WrongFormatError, detect, parse

from .builders import csv_bytes


def test_columns_found_by_synonyms_in_any_order() -> None:
    data = csv_bytes(
        '"Debitor";"Name";"Datum";"OP-Nummer";"Fälligkeit";"Saldo"',
        '"10001";"Müller GmbH";"01.02.2026";"RE-2026-0001";"01.03.2026";"119,00"',
        '"10001";"Müller GmbH";"02.02.2026";"RE-2026-0002";"02.03.2026";"0,00"',
        '"10002";"Café Sonne";"03.02.2026";"GS-2026-0001";"";"-15,00"',
    )
    parsed = parse(data, "datev-opos", file_name="opos.csv")
    first, closed, credit = parsed.records
    assert first.reference == "RE20260001"
    assert first.customer_account == "10001"
    assert first.booking_date == date(2026, 2, 1)
    assert first.open_amount == Decimal("119.00")
    assert "Fälligkeit 01.03.2026" in first.free_text
    assert closed.open_amount == 0
    assert credit.open_amount == Decimal("-15.00")
    assert detect(data) == "datev-opos"


def test_belegfeld_1_is_the_invoice_beside_a_belegnummer() -> None:
    """DATEV's order: Belegfeld 1 holds the invoice number; the Belegnummer beside it is
    the posting's own, whichever column comes first."""
    for header, row in (
        ("Konto;Belegnummer;Belegfeld 1;Saldo", "10001;4711;RE-1;10,00"),
        ("Konto;Belegfeld 1;Belegnummer;Saldo", "10001;RE-1;4711;10,00"),
        ("Konto;OP-Nummer;Belegfeld 1;Saldo", "10001;4711;RE-1;10,00"),
    ):
        parsed = parse(csv_bytes(header, row), "datev-opos", file_name="opos.csv")
        assert [r.reference for r in parsed.records] == ["RE1"], header


def test_credit_side_column_makes_the_balance_negative() -> None:
    data = csv_bytes("Konto;Belegfeld 1;OP-Betrag;S/H", "10001;RE-1;10,00;S", "10001;RE-2;10,00;H")
    parsed = parse(data, "datev-opos", file_name="opos.csv")
    assert [r.open_amount for r in parsed.records] == [Decimal("10.00"), Decimal("-10.00")]


def test_soll_and_haben_written_out_in_any_case() -> None:
    marks = ("Haben", "HABEN", "h", "Soll", "soll", "s", "")
    rows = [f"10001;RE-{n};30,00;{mark}" for n, mark in enumerate(marks)]
    parsed = parse(csv_bytes("Konto;Belegfeld 1;Saldo;Soll/Haben", *rows), "datev-opos",
                   file_name="opos.csv")  # fmt: skip
    assert [r.open_amount for r in parsed.records] == [Decimal("-30.00")] * 3 + [
        Decimal("30.00")
    ] * 4


@pytest.mark.parametrize("mark", ["X", "Gutschrift", "Habenbuchung", "-"])
def test_any_other_debit_credit_mark_is_a_bad_row(mark: str) -> None:
    data = csv_bytes("Konto;Belegfeld 1;Saldo;Soll/Haben", "10001;RE-1;30,00;S",
                     f"10001;RE-2;30,00;{mark}")  # fmt: skip
    with pytest.raises(BadRowError) as info:
        parse(data, "datev-opos", file_name="opos.csv")
    assert (info.value.line, info.value.field) == (3, "Soll/Haben")
    assert f"„{mark}“" in info.value.message_de


def test_a_signed_credit_balance_stays_a_credit_on_the_credit_side() -> None:
    rows = ("10001;RE-1;-30,00;H", "10001;RE-2;-30,00;S", "10001;RE-3;30,00-;H")
    data = csv_bytes("Konto;Belegfeld 1;Saldo;S/H", *rows)
    parsed = parse(data, "datev-opos", file_name="opos.csv")
    assert [r.open_amount for r in parsed.records] == [Decimal("-30.00")] * 3


def test_an_unread_debit_credit_column_refuses_the_file() -> None:
    data = csv_bytes("Konto;Belegfeld 1;Saldo;Soll/Haben-Kz.", "10001;RE-1;30,00;H")
    with pytest.raises(WrongFormatError) as info:
        parse(data, "datev-opos", file_name="opos.csv")
    assert info.value.field == "Soll/Haben-Kz."
