from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.formats.errors import FormatError
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.store.ledger import Ledger

CSV = (
    "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;OffenerBetrag\r\n"
    "RE-2026-0001;1;Optik Nord;01.03.2026;119,00;119,00\r\n"
    '"RE-2026-0002";1;"Optik Nord";2026-03-02;"1.234,56";234,56\r\n'
    "RE-2026-0003;7;Hörakustik Süd;03.03.2026;59,90;0,00\r\n"
).encode("cp1252")


def test_load_creates_unknown_mandants_and_branches(db, catalog):
    ledger = Ledger(db)
    report = ledger.import_invoices(read_invoices(CSV, file_name="r.csv"))
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert report.new_mandants == ["7"]
    assert report.new_branches == ["Hörakustik Süd"]
    second = ledger.import_invoices(read_invoices(CSV, file_name="r.csv"))
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    invoice = ledger.invoice("1", "re 2026 0002")
    assert invoice.amount == Decimal("1234.56") and invoice.open_amount == Decimal("234.56")
    assert invoice.invoice_date == date(2026, 3, 2) and invoice.status == "open"
    assert [i.number for i in ledger.invoices(open_only=True)] == ["RE-2026-0001", "RE-2026-0002"]
    assert [i.number for i in ledger.invoices(mandants=["7"])] == ["RE-2026-0003"]


def test_refresh_updates_amounts(db, catalog):
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices(CSV, file_name="r.csv"))
    changed = CSV.replace(b"119,00;119,00", b"119,00;19,00")
    report = ledger.import_invoices(read_invoices(changed, file_name="r.csv"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("19.00")


def test_money_keeps_cents_exact(db, catalog):
    rows = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + "".join(
        f"R{i};1;01.01.2026;{i},{i % 100:02d}\n" for i in range(1, 200)
    )
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices(rows.encode(), file_name="r.csv"))
    assert sum(i.amount for i in ledger.invoices()) == sum(
        Decimal(f"{i}.{i % 100:02d}") for i in range(1, 200)
    )


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"", "r.csv"),
        (b"Nummer;Mandant\n1;1\n", "Zeile 1"),
        (b"Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nR1;1;31.02.2026;1,00\n", "Zeile 2"),
        (b"Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nR1;1;01.02.2026;eins\n", "Betrag"),
        (b"Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n;1;01.02.2026;1\n", "Rechnungsnummer"),
    ],
)
def test_bad_files_name_the_place(content, where):
    with pytest.raises(FormatError) as err:
        list(read_invoices(content, file_name="r.csv"))
    assert where in err.value.message_de


def test_import_never_undoes_a_booking(db, catalog):
    from desktop_app.domain.interface import SettleUntil
    from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine

    ledger = Ledger(db)
    ledger.import_invoices(read_invoices(CSV, file_name="r.csv"))
    payment = b"Rechnungsnummer;Betrag;Mandant\nRE-2026-0001;100,00;1\n"
    SettlementEngine(db).run(
        ImportRequest(
            payment, "z.csv", "closed-items", ("1",), SettleUntil.TODAY, date(2026, 3, 14)
        )
    )
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("19.00")
    # The same list again, and once with another Betrag and a changed branch.
    again = ledger.import_invoices(read_invoices(CSV, file_name="r.csv"))
    assert ledger.invoice("1", "RE-2026-0001").open_amount == Decimal("19.00")
    assert again.kept == 1
    assert [(d.number, d.field, d.in_file, d.in_ledger) for d in again.differences] == [
        ("RE-2026-0001", "OffenerBetrag", Decimal("119.00"), Decimal("19.00"))
    ]
    changed = CSV.replace(
        b"RE-2026-0001;1;Optik Nord;01.03.2026;119,00;119,00",
        "RE-2026-0001;1;Optik Süd;01.03.2026;129,00;".encode("cp1252"),
    )
    report = ledger.import_invoices(read_invoices(changed, file_name="r.csv"))
    invoice = ledger.invoice("1", "RE-2026-0001")
    assert (invoice.amount, invoice.open_amount, invoice.branch) == (
        Decimal("119.00"),
        Decimal("19.00"),
        "Optik Süd",
    )
    assert [(d.field, d.line) for d in report.differences] == [("Betrag", 2)]
    assert "bleibt unverändert" in report.differences[0].message_de()


def test_a_list_without_open_amounts_never_reopens_an_invoice(db, catalog):
    from desktop_app.domain.interface import SettleUntil
    from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine

    ledger = Ledger(db)
    first = (
        "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;OffenerBetrag\n"
        "RE-9;M1;F1;01.03.2025;100,00;60,00\n"
        "RE-10;M1;F1;01.03.2025;100,00;0,00\n"
        "RE-11;M1;F1;01.03.2025;100,00;100,00\n"
    )
    ledger.import_invoices(read_invoices(first.encode(), file_name="l1.csv"))
    # No OffenerBetrag column; RE-11's Betrag was corrected, nothing was paid on it.
    second = (
        "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;Kunde\n"
        "RE-9;M1;F1;01.03.2025;100,00;A\n"
        "RE-10;M1;F1;01.03.2025;100,00;B\n"
        "RE-11;M1;F1;01.03.2025;80,00;C\n"
        "RE-12;M1;F1;01.03.2025;50,00;D\n"
    )
    ledger.import_invoices(read_invoices(second.encode(), file_name="l2.csv"))
    opens = {n: ledger.invoice("M1", n).open_amount for n in ("RE-9", "RE-10", "RE-11", "RE-12")}
    assert opens == {
        "RE-9": Decimal("60.00"),
        "RE-10": Decimal("0.00"),
        "RE-11": Decimal("80.00"),
        "RE-12": Decimal("50.00"),
    }
    assert ledger.invoice("M1", "RE-10").status == "paid"
    payment = b"Rechnungsnummer;Betrag;Zahldatum;Mandant\nRE-9;;20250313;M1\nRE-10;;20250313;M1\n"
    SettlementEngine(db).run(
        ImportRequest(
            payment, "z.csv", "closed-items", ("M1",), SettleUntil.TODAY, date(2025, 3, 14)
        )
    )
    booked = [b.amount for n in ("RE-9", "RE-10") for b in ledger.bookings_of(_id(ledger, n))]
    assert booked == [Decimal("60.00")]


def _id(ledger, number):
    return ledger.invoice("M1", number).id


def test_an_invoice_booked_while_the_list_loads_keeps_its_booking(db, catalog, monkeypatch):
    from desktop_app.domain.interface import SettleUntil
    from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
    from desktop_app.store import ledger as ledger_module

    ledger = Ledger(db)
    head = "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;OffenerBetrag\n"
    first = head + "RE-1;M1;F1;01.03.2025;100,00;100,00\nRE-2;M1;F1;01.03.2025;200,00;200,00\n"
    ledger.import_invoices(read_invoices(first.encode(), file_name="l1.csv"))
    read_bookings = ledger_module._invoices_with_bookings

    def payment_commits_meanwhile(session, invoice_ids):
        found = read_bookings(session, invoice_ids)
        payment = b"Rechnungsnummer;Betrag;Zahldatum;Mandant\nRE-1;100,00;20250313;M1\n"
        SettlementEngine(db).run(
            ImportRequest(
                payment, "z.csv", "closed-items", ("M1",), SettleUntil.TODAY, date(2025, 3, 14)
            )
        )
        return found

    monkeypatch.setattr(ledger_module, "_invoices_with_bookings", payment_commits_meanwhile)
    second = head + "RE-1;M1;F1;02.03.2025;100,00;100,00\nRE-2;M1;F1;01.03.2025;200,00;150,00\n"
    report = ledger.import_invoices(read_invoices(second.encode(), file_name="l2.csv"))
    booked = ledger.invoice("M1", "RE-1")
    assert (booked.open_amount, booked.status) == (Decimal("0.00"), "paid")
    assert booked.invoice_date == date(2025, 3, 2)
    assert ledger.invoice("M1", "RE-2").open_amount == Decimal("150.00")
    assert (report.created, report.updated, report.unchanged, report.kept) == (0, 2, 0, 1)
    assert [(d.number, d.field, d.in_file, d.in_ledger) for d in report.differences] == [
        ("RE-1", "OffenerBetrag", Decimal("100.00"), Decimal("0.00"))
    ]


def test_two_lines_for_one_invoice_refuse_the_file(db, catalog):
    ledger = Ledger(db)
    rows = (
        "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;OffenerBetrag\n"
        "RE-1;M1;F1;01.03.2025;100,00;100,00\n"
        "RE-1;M2;F1;01.03.2025;10,00;10,00\n"  # another Mandant: another invoice
        "RE-2;M1;F1;01.03.2025;20,00;20,00\n"
        "re 1;M1;F1;01.03.2025;50,00;50,00\n"
    )
    with pytest.raises(FormatError) as err:
        ledger.import_invoices(read_invoices(rows.encode(), file_name="l.csv"))
    error = err.value
    assert (error.file_name, error.line, error.field) == ("l.csv", 5, "Rechnungsnummer")
    for text in (error.message_de, error.message_en):
        assert "l.csv" in text and "re 1" in text and "RE-1" in text and "2" in text
    assert "Zeile 5" in error.message_de and "Zeile 2" in error.message_de
    assert "line 5" in error.message_en and "line 2" in error.message_en
    assert ledger.invoices() == []


@pytest.mark.parametrize(
    ("amount", "open_amount", "refused"),
    [
        ("100,00", "150,00", True),
        ("100,00", "-20,00", True),
        ("100,00", "100,01", True),
        ("-50,00", "-60,00", True),
        ("-50,00", "10,00", True),
        ("100,00", "100,00", False),
        ("100,00", "0,00", False),
        ("-50,00", "-20,00", False),
        ("-50,00", "0,00", False),
    ],
)
def test_an_open_amount_outside_the_invoice_is_a_bad_row(amount, open_amount, refused):
    rows = (
        "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;OffenerBetrag\n"
        "RE-5;M1;F1;01.03.2025;10,00;10,00\n"
        f"RE-6;M1;F1;01.03.2025;{amount};{open_amount}\n"
    ).encode()
    if not refused:
        assert len(list(read_invoices(rows, file_name="l.csv"))) == 2
        return
    with pytest.raises(FormatError) as err:
        list(read_invoices(rows, file_name="l.csv"))
    assert (err.value.file_name, err.value.line, err.value.field) == ("l.csv", 3, "OffenerBetrag")
    assert open_amount in err.value.message_de and open_amount in err.value.message_en
