"""The case list's "booked already" warnings: for every listed open case the same as the
single case's (``CaseDesk.booked_before``), found in a fixed number of queries however
many cases are listed. On SQLite and PostgreSQL, with real imports."""

# The fixtures imported are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import event

from desktop_app.jobs.case_desk import CaseFilter
from desktop_app.jobs.settle_file import SettlementEngine
from tests.domain.formats.builders import CamtEntry, CamtTx, csv_bytes
from tests.jobs.test_case_booked_before import HEADER, case_then_corrected_file
from tests.jobs.test_case_desk import db, desk, ledger, request, statement  # noqa: F401

D = Decimal
IBAN = "DE02100100109307118603"


def bank_case_booked_by_iban(db) -> int:
    """A transfer without a usable reference, then the same money booked by a statement
    that names the invoice: found by the payer's IBAN, not by a suggestion."""
    engine = SettlementEngine(db)
    unknown = CamtEntry(
        D("40.00"), ref="BANK-7", txs=[CamtTx(ustrd=("Danke",), debtor="Meier", debtor_iban=IBAN)]
    )
    (case_id,) = engine.run(request(statement(unknown, statement_id="S0"))).case_ids
    named = CamtEntry(
        D("40.00"), ref="BANK-8", txs=[CamtTx(ustrd=("RE-2026-0043",), debtor_iban=IBAN)]
    )
    assert engine.run(request(statement(named, statement_id="S2"), name="b.xml")).booked_count
    return case_id


def plain_cases(db, count: int) -> list[int]:
    """Cases whose payment nobody booked: another amount on a typo'd number each."""
    rows = [f"RE-2026-99{n:02};{n + 1},00;20260301;1" for n in range(count)]
    result = SettlementEngine(db).run(request(csv_bytes(HEADER, *rows), "closed-items", "x.csv"))
    assert len(result.case_ids) == count
    return result.case_ids


def listed_warnings(db) -> tuple[dict[int, list], dict[int, list], int]:
    """Per open case: the list's warnings and the single case's; and how many statements
    the list's look-up took."""
    d = desk(db)
    cases = d.cases(CaseFilter(open_only=True, limit=None))
    suggestions = {c.id: d.suggestions(c.id) for c in cases}
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        listed = d.booked_before_of(suggestions)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    single = {c.id: d.booked_before(c.id, suggestions[c.id]) for c in cases}
    return listed, single, len(statements)


def test_the_list_warns_of_each_case_as_the_single_case_does(db, ledger):
    typo = case_then_corrected_file(db)
    bank = bank_case_booked_by_iban(db)
    plain_cases(db, 2)
    listed, single, _queries = listed_warnings(db)
    assert listed == single
    assert [b.file_name for b in listed[typo]] == ["gp-korr.csv"]
    assert [b.file_name for b in listed[bank]] == ["b.xml"]
    assert sum(1 for found in listed.values() if not found) == 2


def test_the_look_up_takes_as_many_queries_for_many_cases_as_for_few(db, ledger):
    case_then_corrected_file(db)
    bank_case_booked_by_iban(db)
    _listed, _single, few = listed_warnings(db)
    plain_cases(db, 30)
    listed, single, many = listed_warnings(db)
    assert listed == single and len(listed) == 32
    assert many == few
