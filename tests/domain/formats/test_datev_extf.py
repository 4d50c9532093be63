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
        # A supplier (7xxxx) is not a customer: a row of its own, with the reason.
        datev_row("12,50", "S", "1200", "70001", invoice=""),
    )
    parsed = _parse(data)
    pay, pay2, invoice, supplier = parsed.records
    assert (pay.amount, pay.is_debit, pay.customer_account) == (Decimal("357.00"), False, "10001")
    assert pay.non_payment is None and pay2.non_payment is None
    assert (pay2.amount, pay2.is_debit) == (Decimal("178.50"), False)
    assert (invoice.amount, invoice.is_debit) == (Decimal("-595.00"), True)
    assert invoice.non_payment[0] == "not-money-in"
    assert parsed.data_rows == len(parsed.records) == 4  # every data line is a record
    assert supplier.line == 6 and supplier.non_payment[0] == "no-customer-account"
    assert "Debitorenkonto" in supplier.non_payment[1].de


def test_discount_is_added_and_date_gets_the_year_of_datum_vom() -> None:
    data = datev_file(
        datev_row("24,49", "S", "1200", "10002", discount="0,50", doc_date="603"),
        period_from="20251201",
    )
    (record,) = _parse(data).records
    assert record.amount == Decimal("24.99")
    # 06.03 lies before "Datum vom" 01.12.2025: the batch runs over New Year.
    assert record.booking_date == date(2026, 3, 6)


def test_a_discount_without_turnover_settles_nothing() -> None:
    data = datev_file(datev_row("0,00", "H", "10001", "1200", discount="6,00"))
    (record,) = _parse(data).records
    assert record.amount == 0


def test_29_february_in_a_batch_over_new_year_has_the_next_year() -> None:
    data = datev_file(datev_row("1,00", "H", "10001", "1200", doc_date="2902"),
                      period_from="20231201")  # fmt: skip
    (record,) = _parse(data).records
    assert record.booking_date == date(2024, 2, 29)
    with pytest.raises(BadRowError) as info:  # 2023 has none
        _parse(datev_file(datev_row("1,00", "H", "10001", "1200", doc_date="2902"),
                          period_from="20230101"))  # fmt: skip
    assert info.value.field == "Belegdatum"


def test_generalumkehr_by_its_column_or_the_bu_key_is_a_reversal() -> None:
    data = datev_file(
        datev_row("357,00", "S", "1200", "10001", reversal=True),
        datev_row("595,00", "S", "10004", "8400", reversal=True),  # storno of an invoice
        datev_row("357,00", "S", "1200", "10001", key="20"),  # Berichtigungsschlüssel 2
        datev_row("357,00", "S", "1200", "10001", key="2"),  # tax key 2: no reversal
    )
    payment_storno, invoice_storno, by_key, plain = _parse(data).records
    for storno in (payment_storno, invoice_storno, by_key):
        assert storno.is_reversal and storno.non_payment[0] == "reversal"
    assert plain.non_payment is None


def test_version_510_without_generalumkehr_column_reads_the_bu_key() -> None:
    from .builders import DATEV_HEADINGS_510

    data = datev_file(
        datev_row("100,00", "S", "1200", "10001", invoice="RE-1"),
        datev_row("100,00", "S", "1200", "10001", invoice="RE-1", key="20", text="Berichtigung"),
        headings=DATEV_HEADINGS_510,
        version="510",
    )
    payment, correction = _parse(data).records
    assert payment.non_payment is None and payment.amount == Decimal("100.00")
    assert correction.non_payment[0] == "reversal"


def test_columns_are_found_by_their_headings() -> None:
    # A short export in its own order: Konto before Umsatz, Belegfeld 1 last.
    headings = ["Konto", "Gegenkonto", "Umsatz", "Soll/Haben", "Belegdatum", "Belegfeld 1"]
    row = '"10001";"1200";"59,90";"H";"0503";"RE-2026-0002"'
    (record,) = _parse(datev_file(row, headings=headings)).records
    assert (record.amount, record.reference, record.customer_account) == (
        Decimal("59.90"),
        "RE20260002",
        "10001",
    )
    assert record.non_payment is None


def test_headings_in_ascii_spelling_are_read() -> None:
    headings = ["Umsatz", "S/H", "WKZ", "Kurs", "Basis-Umsatz", "WKZ Basis-Umsatz", "Konto",
                "Gegenkonto (ohne BU-Schluessel)", "BU-Schluessel", "Belegdatum"]  # fmt: skip
    row = datev_row("100,00", "H", "10001", "1200", key="20")
    (record,) = _parse(datev_file(row, headings=headings)).records
    assert record.is_reversal and record.non_payment[0] == "reversal"


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("BU-Schlüsel", "BU-Schlüssel"),
        ("BU-Schlussel", "BU-Schlüssel"),
        ("BU-SchlÃ¼ssel", "BU-Schlüssel"),  # UTF-8 read as Windows-1252
        ("Generalumk.", "Generalumkehr"),
        ("Soll/Haben-Kz", "Soll/Haben"),
        ("Skonto-Betrag", "Skonto"),
        ("Belegfeld1 (Rechnung)", "Belegfeld 1"),
    ],
)
def test_an_unread_heading_like_one_that_changes_the_booking_refuses_the_file(
    heading: str, label: str
) -> None:
    headings = ["Umsatz", "S/H", "Konto", "Gegenkonto", "Belegdatum", heading]
    row = '"100,00";"H";"10001";"1200";"0503";"20"'
    # Windows-1252 with a "ä" in a text: not valid UTF-8, so read as Windows-1252.
    data = datev_file(row, '"1,00";"H";"10001";"1200";"0503";"Bäckerei"', headings=headings)
    with pytest.raises(WrongFormatError) as info:
        _parse(data)
    assert (info.value.line, info.value.field) == (2, heading)
    assert f"„{heading}“" in info.value.message_de
    assert f"„{label}“ ändern" in info.value.message_de
    assert f"rename the heading to “{label}”." in info.value.message_en


def test_datev_headings_of_other_fields_are_no_look_alikes() -> None:
    from .builders import DATEV_HEADINGS

    headings = list(DATEV_HEADINGS)
    headings[90:94] = ["Skontotyp", "Skontosperre", "Textschlüssel", "Abw. Skontokonto"]
    row = datev_row("100,00", "H", "10001", "1200")
    (record,) = _parse(datev_file(row, headings=headings)).records
    assert record.non_payment is None


def test_a_heading_line_without_konto_is_refused() -> None:
    with pytest.raises(WrongFormatError) as info:
        _parse(datev_file('"1,00";"H"', headings=["Umsatz", "Soll/Haben"]))
    assert info.value.line == 2 and "Konto" in info.value.message_de


@pytest.mark.parametrize(
    ("contra", "chart", "length", "status"),
    [
        ("1200", "03", "4", None),  # SKR 03 bank
        ("1000", "03", "4", None),  # SKR 03 cash
        ("8400", "03", "4", "not-a-payment"),  # revenue: a credit note or write-off
        ("1600", "03", "4", "not-a-payment"),  # SKR 03: Verbindlichkeiten, no bank
        ("1800", "04", "4", None),  # SKR 04 bank
        ("1200", "04", "4", "not-a-payment"),  # SKR 04: Forderungen, no bank
        ("120000", "03", "6", None),  # Sachkontenlänge 6: 1200 scaled
        ("1200", "", "4", "not-a-payment"),  # no chart in the header: not checkable
    ],
)
def test_only_a_credit_against_a_bank_or_cash_account_is_a_payment(
    contra: str, chart: str, length: str, status: str | None
) -> None:
    customer = "1" + "0" * (int(length) - 1) + "1"  # one digit longer than Sachkonten
    row = datev_row("10,00", "H", customer, contra)
    (record,) = _parse(datev_file(row, chart=chart, account_length=length)).records
    assert (record.non_payment[0] if record.non_payment else None) == status


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


def test_utf8_without_bom_is_read_as_utf8() -> None:
    # Written by tools that ignore DATEV's Windows-1252: read as Windows-1252, the heading
    # "BU-Schlüssel" would be "BU-SchlÃ¼ssel", and the Generalumkehr by key 20 a payment.
    row = datev_row("100,00", "H", "10001", "1200", key="20", text="Müller")
    parsed = _parse(datev_file(row, encoding="utf-8"))
    assert parsed.encoding == "utf-8"
    (record,) = parsed.records
    assert record.is_reversal and record.non_payment[0] == "reversal"
    assert record.free_text == "Müller"


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
        (datev_row("100,00", "H", "10001", "1200", discount="-20,00"), "Skonto"),
        (datev_row("100,00", "H", "10001", "1200", discount="20,00-"), "Skonto"),
    ],
)
def test_bad_rows_name_line_and_field(row: str, field: str) -> None:
    with pytest.raises(BadRowError) as info:
        _parse(datev_file(datev_row("1,00", "H", "10001", "1200"), row))
    assert (info.value.line, info.value.field) == (4, field)
    assert "EXTF_Buchungsstapel.csv" in info.value.message_de
