"""The case list's suggestions: for every listed open case the same as the single case's
(``cases show``), found in a fixed number of queries however many cases are listed. On
SQLite and PostgreSQL, with real imports into a ledger of several Mandanten: typos,
swapped digits, equal amounts, another prefix, paid invoices, an account that paid
before."""

# The fixtures imported are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

import zlib
from decimal import Decimal

import pytest
from sqlalchemy import event

from desktop_app.domain.interface import SettleUntil
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.case_desk import CaseFilter
from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
from desktop_app.store import case_lookup
from desktop_app.store.ledger import Ledger
from tests.domain.formats.builders import CamtEntry, CamtTx, camt_file, csv_bytes
from tests.jobs.test_case_desk import TODAY, db, desk  # noqa: F401

D = Decimal
INVOICE_HEADER = "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;Kunde"
INVOICES = [
    # Mandant 1
    "RE-2026-1001;1;Nord;02.02.2026;120,00;Max Mustermann",
    "RE-2026-1002;1;Nord;03.02.2026;89,90;Erika Musterfrau",
    "RE-2026-1003;1;Nord;04.02.2026;250,00;Hans Meier",  # paid below
    "RE-2026-1045;1;Nord;05.02.2026;120,00;Jürgen Schulz",
    "RE-2026-1054;1;Nord;06.02.2026;75,00;Anna Becker",
    "RE-2026-31415;1;Nord;07.02.2026;99,00;Paula Koch",
    "RE-2026-1060;1;Nord;08.02.2026;33,00;Erika Musterfrau",
    # Mandant 2: the same number as Mandant 1's, another prefix, swapped digits
    "RE-2026-1001;2;Süd;02.02.2026;120,00;Max Mustermann",
    "AB-2026-1002;2;Süd;03.02.2026;89,90;Erika Musterfrau",
    "RE-2026-31451;2;Süd;09.02.2026;99,00;Otto Wolf",
    "RE-2026-2210;2;Süd;10.02.2026;75,00;Anne Becker",
    # Mandant 3: not looked at by the first statement's cases
    "RE-2026-1001;3;West;02.02.2026;120,00;Karl Klein",
    "RE-2026-1030;3;West;04.02.2026;250,00;Hans Meier",
    "RE-2026-9876;3;West;11.02.2026;120,00;Vera Braun",
    "RE-2026-1540;3;West;12.02.2026;75,00;Anna Becker",
]
ERIKA = "DE02100100109307118603"
PAYMENT_HEADER = "Rechnungsnummer;Betrag;Zahldatum;Mandant"


def run(db, data: bytes, mandants: tuple[str, ...], fmt="camt053", name="auszug.xml"):
    return SettlementEngine(db).run(
        ImportRequest(data, name, fmt, mandants, SettleUntil.YESTERDAY, TODAY)
    )


def pays(amount: str, ref: str, text: str, debtor: str, iban: str = "") -> CamtEntry:
    tx = CamtTx(
        ustrd=(text,), debtor=debtor, debtor_iban=iban or f"DE{zlib.crc32(ref.encode()):020d}"
    )
    return CamtEntry(D(amount), ref=ref, txs=[tx])


PAYMENTS = [
    pays("75.00", "B-1", "Rechnung RE-2026-1504", "BECKER, ANNA"),  # two digits swapped
    pays("99.00", "B-2", "Re 2026-31541 Danke", "Paula Koch"),  # swapped: Mandant 2's 31451
    pays("120.00", "B-3", "Vielen Dank", "MUSTERMANN, MAX"),  # equal amounts everywhere
    pays("250.00", "B-4", "RE-2026-1003 Hörgerät", "Hans Meier"),  # Mandant 1's is paid
    pays("10.00", "B-5", "Danke", "E. M.", ERIKA),  # the account paid Erika's invoice before
    pays("89.90", "B-6", "GS 2026 1002", "Erika Musterfrau"),  # another prefix
    pays("120.00", "B-7", "RE-2026-100", "Klein"),  # a digit left out
    pays("42.00", "B-8", "nichts", "Niemand"),  # nothing to suggest
]


@pytest.fixture
def mandanten(db):
    text = "\n".join([INVOICE_HEADER, *INVOICES]).encode()
    Ledger(db).import_invoices(read_invoices(text, file_name="r.csv"))
    # Paid in full: RE-2026-1003 of Mandant 1; Erika's account pays RE-2026-1002.
    paid = csv_bytes(PAYMENT_HEADER, "RE-2026-1003;250,00;20260301;1")
    assert run(db, paid, ("1",), "closed-items", "paid.csv").booked_count == 1
    erika = pays("89.90", "B-0", "RE-2026-1002", "Erika Musterfrau", ERIKA)
    assert run(db, camt_file(erika, statement_id="S0"), ("1",)).booked_count == 1
    return db


def realistic_cases(db) -> list[int]:
    """The payments as cases of Mandanten 1 and 2, and some again as cases of Mandant 3."""
    first = run(db, camt_file(*PAYMENTS, statement_id="S1"), ("1", "2"))
    again = [pays(e.amount, e.ref + "-3", e.txs[0].ustrd[0], e.txs[0].debtor) for e in PAYMENTS]
    third = run(db, camt_file(*again, statement_id="S3"), ("3",), name="west.xml")
    assert len(first.case_ids) == len(PAYMENTS) and len(third.case_ids) == len(PAYMENTS)
    return first.case_ids + third.case_ids


def typo_cases(db, count: int) -> list[int]:
    """Cases whose number is unknown, some one typo off an invoice's, some of an amount
    open on invoices of both Mandanten."""
    amount = lambda n: (75, 99, 120, n + 1)[n % 4]  # noqa: E731
    rows = [f"RE-2026-20{n + 10:02};{amount(n)},00;20260301;1" for n in range(count)]
    result = run(db, csv_bytes(PAYMENT_HEADER, *rows), ("1", "2"), "closed-items", "x.csv")
    assert len(result.case_ids) == count
    return result.case_ids


def listed(db) -> tuple[dict[int, list], int]:
    """The list's suggestions per open case, and how many statements the look-up took."""
    d = desk(db)
    cases = d.cases(CaseFilter(open_only=True, limit=None))
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        found = d.suggestions_of(cases)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert set(found) == {c.id for c in cases}
    return found, len(statements)


def numbers(suggestions) -> list[tuple[str, str]]:
    return [(s.number, s.mandant) for s in suggestions]


def test_the_list_suggests_for_each_case_what_the_single_case_does(mandanten):
    db = mandanten
    case_ids = realistic_cases(db)
    found, _queries = listed(db)
    single = {case_id: desk(db).suggestions(case_id) for case_id in found}
    assert found == single
    assert sorted(found) == sorted(case_ids)
    b1, b2, b3, b4, b5, b6, b7, b8, w1, _w2, w3, w4, *_ = case_ids
    assert ("RE-2026-1054", "1") in numbers(found[b1])  # two digits swapped
    assert ("RE-2026-1540", "3") in numbers(found[w1])  # its own Mandant's look-alike
    assert {("RE-2026-31451", "2"), ("RE-2026-31415", "1")} <= set(numbers(found[b2]))
    assert {("RE-2026-1001", "1"), ("RE-2026-1001", "2")} <= set(numbers(found[b3]))
    assert not {m for _, m in numbers(found[b3]) + numbers(found[b4])} & {"3"}
    assert ("RE-2026-1003", "1") not in numbers(found[b4])  # paid: never suggested
    assert numbers(found[w4])[0] == ("RE-2026-1030", "3")
    assert "payer" in {r.code for s in found[b5] for r in s.reasons}
    assert ("AB-2026-1002", "2") in numbers(found[b6])
    assert numbers(found[b7]) and found[b8] == []
    assert numbers(found[w3]) and {m for _, m in numbers(found[w3])} == {"3"}


def test_the_look_up_takes_as_many_queries_for_many_cases_as_for_few(mandanten):
    db = mandanten
    two = [PAYMENTS[0], PAYMENTS[2]]  # every signal: numbers, amount, names, accounts
    two = [pays(e.amount, "F" + e.ref, e.txs[0].ustrd[0], e.txs[0].debtor) for e in two]
    run(db, camt_file(*two, statement_id="S2"), ("1", "2"), name="two.xml")
    few_found, few = listed(db)
    assert len(few_found) == 2 and all(few_found.values())
    realistic_cases(db)
    typo_cases(db, 14)
    many_found, many = listed(db)
    assert len(many_found) == 32
    assert many == few
    assert many_found == {case_id: desk(db).suggestions(case_id) for case_id in many_found}


def test_a_case_keeps_its_own_newest_rows_when_a_look_up_is_cut(mandanten, monkeypatch):
    """Past ``PER_LOOKUP`` rows a signal, each case keeps the newest of its own Mandanten,
    whichever other cases are looked up with it."""
    db = mandanten
    monkeypatch.setattr(case_lookup, "PER_LOOKUP", 1)
    realistic_cases(db)
    typo_cases(db, 8)
    found, _queries = listed(db)
    assert found == {case_id: desk(db).suggestions(case_id) for case_id in found}
    assert all(len(s) <= 4 for s in found.values())  # a row at most per signal
