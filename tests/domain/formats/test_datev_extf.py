from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.formats import (
    BadRowError,
    ClientMismatchError,
    DatevClient,
    ParseOptions,
    WrongFormatError,
    detect,
    parse,
)

from .builders import datev_file, datev_row


def _parse(data: bytes, **options: object):
    return parse(data, "datev-extf", file_name="EXTF_Buchungsstapel.csv",
                 options=ParseOptions(**options))  # type: ignore[arg-type]  # fmt: skip


def test_payment_directions() -> None:
    data = datev_file(
        # Bank (Sachkonto 1200) in Konto, customer in Gegenkonto: S is inverted to H.
        datev_row("357,00", "S", "1200", "10001", invoice="RE-2026-0007"),
        # Customer in Konto with H: a payment as written.
        datev_row("178,50", "H", "10003", "1200", invoice="RE-2026-0010"),
        # The invoice itself: S on the customer account, not money in.
        datev_row("595,00", "S", "10004", "8400", invoice="RE-2026-0009"),
        # A supplier (7xxxx) is not a customer: row skipped with a warning.
        datev_row("12,50", "S", "1200", "70001", invoice=""),
    )
    parsed = _parse(data)
    pay, pay2, invoice = parsed.records
    assert (pay.amount, pay.is_debit, pay.customer_account) == (Decimal("357.00"), False, "10001")
    assert (pay2.amount, pay2.is_debit) == (Decimal("178.50"), False)
    assert (invoice.amount, invoice.is_debit) == (Decimal("-595.00"), True)
    assert parsed.data_rows == 4
    assert [w.line for w in parsed.warnings] == [6]
    assert "Debitorenkonto" in parsed.warnings[0].message_de


def test_discount_is_added_and_date_gets_the_year_of_datum_vom() -> None:
    data = datev_file(
        datev_row("24,49", "S", "1200", "10002", discount="0,50", doc_date="603"),
        period_from="20251201",
    )
    (record,) = _parse(data).records
    assert record.amount == Decimal("24.99")
    # 06.03 lies before "Datum vom" 01.12.2025: the batch runs over New Year.
    assert record.booking_date == date(2026, 3, 6)


def test_generalumkehr_inverts_and_is_a_reversal() -> None:
    data = datev_file(
        datev_row("357,00", "S", "1200", "10001", reversal=True),
        datev_row("595,00", "S", "10004", "8400", reversal=True),  # storno of an invoice
    )
    payment_storno, invoice_storno = _parse(data).records
    assert payment_storno.is_reversal and payment_storno.is_debit
    assert invoice_storno.is_reversal and not invoice_storno.is_debit


def test_rows_with_fewer_columns_than_the_heading_line() -> None:
    short = '100,00;"H";"EUR";;;;10001;1200;;0503;"RE-2026-0001"'  # ends at Belegfeld 1
    (record,) = _parse(datev_file(short)).records
    assert record.amount == Decimal("100.00")
    assert record.reference == "RE20260001"


def test_quoted_text_with_semicolons_quotes_and_line_break_utf8_bom() -> None:
    row = datev_row("10,00", "H", "10001", "1200", text='Zahlung ""Müller; Söhne""\nRest')
    parsed = _parse(datev_file(row, encoding="utf-8", bom=True))
    assert parsed.encoding == "utf-8-sig"
    assert parsed.records[0].free_text == 'Zahlung "Müller; Söhne"\nRest'


def test_windows_1252_by_default() -> None:
    parsed = _parse(datev_file(datev_row("1,00", "H", "10001", "1200", text="Bäckerei")))
    assert parsed.encoding == "cp1252"
    assert parsed.records[0].free_text == "Bäckerei"
    assert parsed.header["Beraternummer"] == "29098"
    assert parsed.file_date == date(2026, 3, 6)


def test_detect_and_category() -> None:
    assert detect(datev_file()) == "datev-extf"
    assert detect(datev_file(kind="DTVF")) == "datev-extf"
    assert detect(datev_file(category="16")) is None
    with pytest.raises(WrongFormatError) as info:
        _parse(datev_file(category="16"))
    assert info.value.field == "Datenkategorie"


def test_client_numbers_are_checked_when_set() -> None:
    data = datev_file(datev_row("1,00", "H", "10001", "1200"))
    ok = _parse(data, datev_clients=(DatevClient("1", 29098, 55003),))
    assert ok.records[0].mandant_hint == "1"
    with pytest.raises(ClientMismatchError) as info:
        _parse(data, datev_clients=(DatevClient("1", 29098, 11111),))
    assert "55003" in info.value.message_de
    # Mandanten without DATEV numbers do not restrict anything.
    assert _parse(data, datev_clients=(DatevClient("1"),)).records[0].mandant_hint is None


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (datev_row("1,0x", "H", "10001", "1200"), "Umsatz"),
        (datev_row("-1,00", "H", "10001", "1200"), "Umsatz"),
        (datev_row("1,00", "X", "10001", "1200"), "Soll/Haben-Kennzeichen"),
        (datev_row("1,00", "H", "10001", "1200", doc_date="3102"), "Belegdatum"),
        (datev_row("1,00", "H", "10001", "1200", discount="abc"), "Skonto"),
    ],
)
def test_bad_rows_name_line_and_field(row: str, field: str) -> None:
    with pytest.raises(BadRowError) as info:
        _parse(datev_file(datev_row("1,00", "H", "10001", "1200"), row))
    assert (info.value.line, info.value.field) == (4, field)
    assert "EXTF_Buchungsstapel.csv" in info.value.message_de
