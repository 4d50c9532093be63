"""Files of tests/data against a known ledger: exactly these invoices are booked, with
exactly these amounts, and nothing else.

The expected bookings were read off the files by hand; each test says from which lines.
The constructed files (tests/data/README.md, "Constructed from real files") carry the
cases of issue 13 that no public file shows.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.domain.formats import BalanceMismatchError
from desktop_app.domain.interface import SettleUntil
from desktop_app.jobs.settle_file import ImportRequest, ImportResult, SettlementEngine
from desktop_app.store.ledger import Ledger
from tests.cli.test_interfaces_cli import run_cli
from tests.corpus_count import count

from .small_ledger import ledger_of

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = date(2026, 3, 14)
D = Decimal


def settle(db, path: str, format_id: str, data: bytes | None = None) -> ImportResult:
    request = ImportRequest(
        data=(DATA / path).read_bytes() if data is None else data,
        file_name=Path(path).name,
        format_id=format_id,
        mandants=("1",),
        settle_until=SettleUntil.TODAY,
        today=TODAY,
    )
    return SettlementEngine(db).run(request)


def booked(result: ImportResult) -> list[tuple[str, Decimal]]:
    assert result.error is None, result.error
    return sorted((b.invoice_number, b.amount) for b in result.plan.bookings)


def reasons(result: ImportResult) -> dict[int | str | None, str]:
    """Each reported row's reason by its line, or by its entry where the file has no lines
    (a camt file written on one line)."""
    return {
        row["line"] if row["line"] is not None else row["entry"]: row["reason"]
        for row in result.to_json()["unmatched"]
    }


def open_amounts(ledger: Ledger, *numbers: str) -> list[Decimal]:
    return [ledger.invoice("1", n).open_amount for n in numbers]


# -- real files ---------------------------------------------------------------------------


def test_kontist_mt940_books_rechnung_nr_and_a_bare_invoice_number(db):
    # Kontist_sample: :61:2102170217C95,95 with ?20 "Rechnung-Nr.: INV-00002 v. 13.02.21"
    # and :61:2102170217C250,00 with ?20 "INV-00003"; the other four lines are credits of
    # 50,00 and 120,00 without a reference and two debits. INV-00001 is not in the file.
    ledger = ledger_of(db, {"INV-00001": "80,00", "INV-00002": "95,95", "INV-00003": "250,00"})
    result = settle(db, "corpus/mt940/fruitl00p-php-mt940/Kontist_sample", "mt940")
    assert booked(result) == [("INV-00002", D("95.95")), ("INV-00003", D("250.00"))]
    assert open_amounts(ledger, "INV-00001", "INV-00002", "INV-00003") == [D("80.00"), 0, 0]


def test_triodos_mt940_books_a_number_the_bank_wrapped_across_lines(db):
    # triodos_iban_2.txt: :61:180222C4383,23 with /REMI/USTD//201801001/ and
    # :61:180227C3456,29 whose :86: wraps "Factuurnummer 201801-00" / "1/" onto the next
    # line; both name invoice 201801-001 (hyphens do not count), 7839,52 in all. The two
    # debits (90,91 and 19,83) are purchases.
    ledger = ledger_of(db, {"201801-001": "7.839,52"})
    result = settle(db, "corpus/mt940/zilverline-mt940/triodos_iban_2.txt", "mt940")
    assert booked(result) == [("201801-001", D("3456.29")), ("201801-001", D("4383.23"))]
    assert open_amounts(ledger, "201801-001") == [0]


DATEV_LEDGER = {
    "AR-78/13": "2.500,00",  # invoice line 31, paid from bank 1200 in line 32
    "AR-456/13": "119,00",  # invoice line 33, paid 116,62 + 2,38 Skonto from 1200 in line 34
    "AR-2013": "35,00",  # lines 35-37: debit, its BU 20 correction, debit again: no payment
    "2345": "119,00",  # line 46: customer 10001 credited against revenue 8400: no payment
    "AR1234": "1.190,00",  # line 25: revenue 8050 against customer 10100: an invoice
    "AR2345": "1.190,00",  # line 28: revenue 8400 against customer 10100: an invoice
    "ar1111": "55,55",  # line 48 (EXTF 700 only): a Generalumkehr
}


@pytest.mark.parametrize(
    ("path", "lines"),
    [
        ("constructed/datev_sample_700_without_stray_line.csv", 54),
        ("constructed/datev_sample_510.csv", 45),
    ],
)
def test_datev_sample_books_the_two_bank_payments_and_nothing_else(db, path, lines):
    # DATEV's sample Buchungsstapel, Sachkontenlänge 4, Debitoren 10001-10500. Only two
    # lines credit a customer against a bank account: 2500,00 for AR-78/13 (line 32,
    # 1200 S against 10100) and 116,62 + 2,38 Skonto for AR-456/13 (line 34).
    ledger = ledger_of(db, DATEV_LEDGER)
    result = settle(db, path, "datev-extf")
    assert booked(result) == [("AR-456/13", D("119.00")), ("AR-78/13", D("2500.00"))]
    assert result.to_json()["rows"] == lines == count((DATA / path).read_bytes(), "datev-extf").rows
    listed = reasons(result)
    assert {36, 46} <= set(listed), listed  # the BU 20 correction, the credit against revenue
    still_open = open_amounts(ledger, "AR-2013", "2345", "ar1111")
    assert still_open == [D("35.00"), D("119.00"), D("55.55")]


def test_payments_out_naming_open_invoices_book_nothing(db):
    # BE68793230773034-202411.xml (camt.053.001.02): "Payment for invoice JQMLUG8868"
    # (27), "... WHPNEH5433" (941.8) and "... YJDJUQ4178" (82.81) are DBIT entries: this
    # account paid them. The file's only credits (50000, 50000, 50000, 30000) name none.
    ledger = ledger_of(db, {"JQMLUG8868": "27,00", "WHPNEH5433": "941,80", "YJDJUQ4178": "82,81"})
    path = "corpus/camt053/Subite-eu-camt-to-coda/Other_BE68793230773034-202411.xml"
    result = settle(db, path, "camt053")
    assert booked(result) == []
    assert open_amounts(ledger, "JQMLUG8868", "WHPNEH5433", "YJDJUQ4178") == [
        D("27.00"),
        D("941.80"),
        D("82.81"),
    ]


def test_an_inconsistent_camt_statement_is_refused_with_its_figures(db):
    # camt053.v2.minimal.xml: OPBD 18.15 CRDT, one booked entry 8.85 CRDT, CLBD 27.00 DBIT.
    result = settle(db, "corpus/camt053/genkgo-camt/camt053.v2.minimal.xml", "camt053")
    assert isinstance(result.error, BalanceMismatchError), result.error
    message = result.error.message_de
    assert all(figure in message for figure in ("18,15", "8,85", "27,00")), message
    assert result.to_json()["booked"] == 0


# -- constructed from real files ---------------------------------------------------------


def test_camt_reference_only_in_cdtrrefinf_books(db):
    # camt053_v08_cdtrrefinf_only.xml: the credit of 10 (REF000000284080) names
    # RE-2026-0007 in RmtInf/Strd/CdtrRefInf/Ref and nowhere else; no entry has <Sts>,
    # and the statement's balances add up with every entry.
    ledger = ledger_of(db, {"RE-2026-0007": "10,00"})
    result = settle(db, "constructed/camt053_v08_cdtrrefinf_only.xml", "camt053")
    assert booked(result) == [("RE-2026-0007", D("10.00"))]
    assert open_amounts(ledger, "RE-2026-0007") == [0]


LOOKALIKES_CSV = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "GS-2026-0001;95,95;13.03.2026;1\r\n"
    "XY20260002;250,00;13.03.2026;1\r\n"
).encode("cp1252")


@pytest.mark.parametrize(
    ("path", "format_id", "data"),
    [
        ("constructed/kontist_lookalikes.sta", "mt940", None),
        ("geschlossene_posten_lookalikes.csv", "closed-items", LOOKALIKES_CSV),
    ],
)
def test_look_alike_numbers_are_reported_as_possible_matches_not_booked(db, path, format_id, data):
    # GS-2026-0001 (a credit note's number) and XY20260002 only resemble RE-2026-0001 and
    # RE-2026-0002: in the MT940 they stand in ?20 of the 95,95 and 250,00 credits.
    ledger = ledger_of(db, {"RE-2026-0001": "95,95", "RE-2026-0002": "250,00"})
    result = settle(db, path, format_id, data)
    assert booked(result) == []
    texts = " | ".join(reasons(result).values())
    for number in ("RE-2026-0001", "RE-2026-0002"):
        assert any(
            number in r and "möglicher treffer" in r.lower() for r in reasons(result).values()
        ), texts
    assert open_amounts(ledger, "RE-2026-0001", "RE-2026-0002") == [D("95.95"), D("250.00")]


def test_the_same_payment_in_two_overlapping_mt940_statements_books_once(any_db):
    # kontist_overlap_a.sta holds :61: lines 1-4 of the Kontist statement, _b lines 3-6:
    # the 95,95 credit for INV-00002 is in both. MT940 lines here carry no bank reference
    # (NONREF), so the second one is held as a possible duplicate, not booked.
    ledger = ledger_of(any_db, {"INV-00002": "191,90", "INV-00003": "250,00"})
    first = settle(any_db, "constructed/kontist_overlap_a.sta", "mt940")
    assert booked(first) == [("INV-00002", D("95.95"))]
    second = settle(any_db, "constructed/kontist_overlap_b.sta", "mt940")
    assert booked(second) == [("INV-00003", D("250.00"))]
    assert "bereits gebucht" in reasons(second).get(6, ""), reasons(second)
    assert open_amounts(ledger, "INV-00002", "INV-00003") == [D("95.95"), 0]
    assert len(ledger.bookings_of(ledger.invoice("1", "INV-00002").id)) == 1


def test_the_same_payment_in_two_overlapping_camt_statements_books_once(any_db):
    # camt053_overlap_a.xml holds the statements of 2024-03-07 and -08, _b those of -08
    # and -11; the credit REF000000144477 of 03-08 (64177.06, RE-2026-0008) is in both.
    ledger = ledger_of(any_db, {"RE-2026-0008": "70.000,00"})
    first = settle(any_db, "constructed/camt053_overlap_a.xml", "camt053")
    assert booked(first) == [("RE-2026-0008", D("64177.06"))]
    second = settle(any_db, "constructed/camt053_overlap_b.xml", "camt053")
    assert booked(second) == []
    assert any("bereits gebucht" in r.lower() for r in reasons(second).values()), reasons(second)
    assert open_amounts(ledger, "RE-2026-0008") == [D("5822.94")]


def test_import_file_dry_run_json_lists_the_generalumkehr_and_books_only_payments(tmp_path):
    """The issue's "Must show", through the real command line."""
    data_dir = tmp_path / "cli-data"
    ledger_csv = tmp_path / "rechnungen.csv"
    ledger_csv.write_text(
        "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag\r\n"
        + "".join(f"{n};1;Optik Nord;04.01.2021;{a}\r\n" for n, a in DATEV_LEDGER.items()),
        encoding="utf-8",
    )
    done = run_cli(data_dir, "invoices", "import", str(ledger_csv))
    assert done.returncode == 0, done.stderr
    path = DATA / "constructed" / "datev_sample_510.csv"
    done = run_cli(
        data_dir, "import-file", str(path), "--format", "datev-extf", "--mandant", "1",
        "--dry-run", "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["rows"] == count(path.read_bytes(), "datev-extf").rows == 45
    assert (report["booked"], report["booked_amount"]) == (2, "2619.00")
    correction = [u for u in report["unmatched"] if u["line"] == 36]
    assert correction and correction[0]["reference"] == "AR-2013", report["unmatched"]
