"""A property of the ledger under any sequence of imports, assignments, closings and
stornos: for every invoice the bookings (stornos negative) add up to its amount less its
open amount; no open amount is negative or above the invoice's amount; no case places
more than its payment. Random files, random choices, a real SQLite ledger each time."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.booking_policy import FutureBookingNotAllowed
from desktop_app.domain.cases import CaseError
from desktop_app.domain.interface import SettleUntil
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.case_desk import AllocationRequest, CaseActor, CaseDesk
from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
from desktop_app.store.booking_list import list_bookings
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.ledger import Ledger

AMOUNTS = ("10.00", "59.90", "120.00", "200.00", "35.50")
NUMBERS = [f"RE-2026-{i:04d}" for i in range(1, len(AMOUNTS) + 1)]
# What a payment row may name: an invoice, a look-alike of one, nothing known.
REFERENCES = [*NUMBERS, "GS-2026-0001", "20260003", "RE-2026-0099", "Danke"]
TODAY = date(2026, 3, 14)
ADMIN = CaseActor("prop", None, True)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A ledger with the invoices, open in full: copied for every example."""
    path = tmp_path_factory.mktemp("ledger") / "template.sqlite3"
    db = Database(sqlite_url(path))
    lines = ["Rechnungsnummer;Mandant;Rechnungsdatum;Betrag"] + [
        f"{n};1;01.02.2026;{a.replace('.', ',')}" for n, a in zip(NUMBERS, AMOUNTS, strict=True)
    ]
    Ledger(db).import_invoices(read_invoices("\n".join(lines).encode(), file_name="r.csv"))
    db.dispose()
    return path


cents = st.integers(min_value=1, max_value=25_000).map(lambda c: f"{c // 100},{c % 100:02d}")
rows = st.lists(
    st.tuples(st.sampled_from(REFERENCES), st.one_of(st.just(""), cents)), min_size=1, max_size=4
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("import"), rows, st.integers(0, 2)),
        st.tuples(
            st.just("assign"),
            st.integers(0, 20),
            st.lists(
                st.tuples(st.integers(0, len(NUMBERS) - 1), st.one_of(st.none(), cents)),
                min_size=1,
                max_size=2,
            ),
        ),
        st.tuples(st.just("close"), st.integers(0, 20)),
        st.tuples(st.just("reverse"), st.integers(0, 40)),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150)
@given(operations)
def test_bookings_always_add_up_to_what_is_paid_of_each_invoice(template, ops):
    work = Path(tempfile.mkdtemp(prefix="case-prop-"))
    try:
        shutil.copyfile(template, work / "ledger.sqlite3")
        db = Database(sqlite_url(work / "ledger.sqlite3"))
        try:
            _run(db, ops)
        finally:
            db.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(db: Database, ops) -> None:
    engine = SettlementEngine(db)
    desk = CaseDesk(db, ADMIN, today=lambda: TODAY)
    for op in ops:
        kind = op[0]
        try:
            if kind == "import":
                _, payment_rows, day = op
                lines = ["Rechnungsnummer;Betrag;Zahldatum;Mandant"] + [
                    f"{ref};{amount};2026030{day + 1};1" for ref, amount in payment_rows
                ]
                engine.run(_request("\r\n".join(lines).encode()))
            elif kind == "assign":
                cases = desk.cases()
                if cases:
                    case = cases[op[1] % len(cases)]
                    wanted = [
                        AllocationRequest(number=NUMBERS[i], amount=_amount(a)) for i, a in op[2]
                    ]
                    desk.assign(case.id, wanted)
            elif kind == "close":
                cases = desk.cases()
                if cases:
                    desk.close(cases[op[1] % len(cases)].id, "geklärt")
            else:
                bookings = list_bookings(db)
                if bookings:
                    desk.reverse(bookings[op[1] % len(bookings)].id, "Storno")
        except (CaseError, FutureBookingNotAllowed):
            pass  # refused: and nothing of it may stay, as the check below sees
        _check(db, desk)


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text.replace(",", "."))


def _request(data: bytes) -> ImportRequest:
    return ImportRequest(
        data=data,
        file_name="gp.csv",
        format_id="closed-items",
        mandants=("1",),
        settle_until=SettleUntil.YESTERDAY,
        today=TODAY,
    )


def _check(db: Database, desk: CaseDesk) -> None:
    bookings = list_bookings(db, limit=None)
    for invoice in Ledger(db).invoices():
        booked = sum((b.amount for b in bookings if b.invoice_id == invoice.id), Decimal("0.00"))
        assert booked == invoice.amount - invoice.open_amount, invoice.number
        assert Decimal(0) <= invoice.open_amount <= invoice.amount, invoice.number
        assert invoice.status == ("open" if invoice.open_amount > 0 else "paid")
    reversed_ids = [b.reverses_id for b in bookings if b.reverses_id is not None]
    assert len(reversed_ids) == len(set(reversed_ids))  # each booking reversed at most once
    for case in desk.cases():
        remaining = case.remaining
        assert remaining is None or remaining >= 0, case.id
        if case.amount is not None:
            # What a person closed of the payment is never placed again, storno or not.
            assert case.booked_by_import + case.placed + case.closed_amount <= case.amount
        if case.status.value == "settled":
            assert remaining == 0, case.id
        elif case.status.value == "open":
            assert remaining is None or remaining > 0 or case.code == "foreign-currency", case.id
