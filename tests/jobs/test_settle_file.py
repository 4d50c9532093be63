"""The settlement engine against a real ledger, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.domain.interface import SettleUntil
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.settle_file import ImportOutcome, ImportRequest, SettlementEngine
from desktop_app.store.ledger import Ledger
from desktop_app.store.ledger_models import Booking, ImportFile, Invoice

SAMPLES = Path(__file__).parents[2] / "resources" / "samples"
AMOUNTS = [
    "119,00",
    "59,90",
    "238,00",
    "1.190,00",
    "47,60",
    "89,25",
    "357,00",
    "24,99",
    "595,00",
    "178,50",
    "65,45",
    "714,00",
    "29,75",
    "416,50",
    "99,00",
    "1.428,00",
    "83,30",
    "249,90",
    "142,80",
    "476,00",
]
TODAY = date(2026, 3, 14)


@pytest.fixture
def db(any_db):
    return any_db


@pytest.fixture
def ledger(db):
    """RE-2026-0001 … 0020 of Mandant 1, as resources/samples/README.md assumes."""
    lines = ["Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag"] + [
        f"RE-2026-{i:04d};1;Optik Nord;{i:02d}.02.2026;{a}" for i, a in enumerate(AMOUNTS, 1)
    ]
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices("\n".join(lines).encode(), file_name="l.csv"))
    return ledger


def request(name: str, fmt: str, data: bytes | None = None, **kw) -> ImportRequest:
    return ImportRequest(
        data=data if data is not None else (SAMPLES / name).read_bytes(),
        file_name=name,
        format_id=fmt,
        mandants=kw.pop("mandants", ("1",)),
        settle_until=kw.pop("settle_until", SettleUntil.YESTERDAY),
        today=kw.pop("today", TODAY),
        **kw,
    )


def snapshot(db):
    with db.session() as s:
        return (
            sorted(s.execute(select(Invoice.number, Invoice.open_amount, Invoice.status)).all()),
            s.scalar(select(func.count()).select_from(Booking)),
            s.scalar(select(func.count()).select_from(ImportFile)),
        )


def open_amount(ledger, number):
    return ledger.invoice("1", number).open_amount


def test_closed_items_book_dated_and_flagged(db, ledger):
    result = SettlementEngine(db).run(request("geschlossene_posten.csv", "closed-items"))
    assert result.outcome is ImportOutcome.BOOKED
    assert open_amount(ledger, "RE-2026-0001") == 0
    assert open_amount(ledger, "RE-2026-0005") == 0  # overpaid: open amount booked
    assert open_amount(ledger, "RE-2026-0006") == Decimal("89.25")  # other Mandant: skipped
    bookings = ledger.bookings_of(ledger.invoice("1", "RE-2026-0003").id)
    # Two equal part payments on one day are two bookings.
    assert len(bookings) == 2 and bookings[0].amount == bookings[1].amount
    assert all(b.booking_date == date(2026, 3, 13) and b.no_export for b in bookings)
    surplus = [r for r in result.plan.reported if r.invoice_number == "RE-2026-0005"]
    assert surplus and surplus[0].surplus == Decimal("2.40")
    assert ledger.invoice("1", "RE-2026-0001").status == "paid"


def test_same_file_twice_books_once(db, ledger):
    engine = SettlementEngine(db)
    first = engine.run(request("geschlossene_posten.csv", "closed-items"))
    after_first = snapshot(db)
    second = engine.run(request("geschlossene_posten.csv", "closed-items"))
    assert first.outcome is ImportOutcome.BOOKED
    assert second.outcome is ImportOutcome.DUPLICATE and second.booked_count == 0
    assert snapshot(db)[:2] == after_first[:2]


def test_same_rows_in_another_file_book_once(db, ledger):
    """A bank statement delivered again inside a different file: rows keyed by the bank."""
    engine = SettlementEngine(db)
    data = (SAMPLES / "kontoauszug.sta").read_bytes()
    engine.run(request("a.sta", "mt940", data))
    before = snapshot(db)[:2]
    again = engine.run(request("b.sta", "mt940", data + b"\r\n"))
    assert again.booked_count == 0
    assert snapshot(db)[:2] == before


def test_failure_halfway_leaves_the_ledger_as_before(db, ledger, monkeypatch):
    # Patched: a failure inside the booking transaction cannot be arranged for real.
    from desktop_app.store import booking_writer

    write_bookings = booking_writer._write_bookings

    def crashing(s, plan, file_id, run_id, *more):
        write_bookings(s, plan, file_id, run_id, *more)
        s.flush()
        raise OSError("disk full")

    monkeypatch.setattr(booking_writer, "_write_bookings", crashing)
    before = snapshot(db)
    with pytest.raises(OSError):
        SettlementEngine(db).run(request("geschlossene_posten.csv", "closed-items"))
    assert snapshot(db) == before


def test_concurrent_change_is_planned_again(db, ledger):
    """Another process pays part of an invoice between plan and apply."""
    engine = SettlementEngine(db)
    req = request("x.csv", "closed-items", b"Rechnungsnummer\nRE-2026-0001\n")
    planned = engine.plan(req)
    from sqlalchemy import update

    with db.session() as s:
        s.execute(
            update(Invoice)
            .where(Invoice.number == "RE-2026-0001")
            .values(open_amount=Decimal("19.00"))
        )
    result = engine.run(req)
    assert planned.plan.bookings[0].amount == Decimal("119.00")
    assert result.plan.bookings[0].amount == Decimal("19.00")
    assert open_amount(ledger, "RE-2026-0001") == 0


def test_dry_run_writes_nothing(db, ledger):
    before = snapshot(db)
    result = SettlementEngine(db).run(request("camt053.xml", "camt053"), dry_run=True)
    assert result.dry_run and result.to_json()["booked"] == 3
    assert snapshot(db) == before


def test_unreadable_file_fails_and_books_nothing(db, ledger):
    before = snapshot(db)
    result = SettlementEngine(db).run(request("x.sta", "mt940", b":20:X\n:61:kaputt\n"))
    assert result.outcome is ImportOutcome.FAILED
    assert "x.sta" in result.refused_reason
    assert snapshot(db)[:2] == before[:2]


OP_HEADER = "Rechnungsnummer;OffenerBetrag\n"


def op_file(open_numbers: range, last: int = 20) -> bytes:
    """An Offene-Posten file listing the given invoices still fully open."""
    rows = [f"RE-2026-{i:04d};{AMOUNTS[i - 1]}" for i in open_numbers]
    return (OP_HEADER + "\n".join(rows) + "\n").encode()


def test_open_items_missing_invoices_are_paid(db, ledger):
    result = SettlementEngine(db).run(
        request("op.csv", "open-items", op_file(range(1, 19)), file_date=date(2026, 3, 13))
    )
    assert result.outcome is ImportOutcome.BOOKED
    assert open_amount(ledger, "RE-2026-0019") == 0 and open_amount(ledger, "RE-2026-0020") == 0
    assert open_amount(ledger, "RE-2026-0018") == Decimal("249.90")


@pytest.fixture
def op_interface(db, ledger):
    from datetime import time

    from desktop_app.domain.interface import FtpSettings, ImportFormat, InterfaceSettings
    from desktop_app.store.interfaces import InterfaceRepository

    return InterfaceRepository(db).save(
        InterfaceSettings(
            name="OP",
            import_format=ImportFormat.OPEN_ITEMS,
            mandants=("1",),
            run_time=time(7, 0),
            ftp=FtpSettings(host="ftp.example.org", user="u"),
        )
    )


@pytest.mark.parametrize(
    ("data", "file_date", "reason"),
    [
        (OP_HEADER.encode(), date(2026, 3, 13), "keine datenzeilen"),  # empty file
        (op_file(range(1, 15)), date(2026, 3, 13), "%"),  # 6 of 20 = 30 % > 20 %
        (op_file(range(1, 19)), date(2026, 3, 1), "älter"),  # older than the last one
    ],
    ids=["empty", "share", "stale"],
)
def test_open_items_guards_refuse_and_book_nothing(db, op_interface, data, file_date, reason):
    engine = SettlementEngine(db)
    earlier = engine.run(
        request(
            "earlier.csv",
            "open-items",
            op_file(range(1, 20)),
            file_date=date(2026, 3, 10),
            interface_id=op_interface.id,
        )
    )
    assert earlier.outcome is ImportOutcome.BOOKED  # RE-2026-0020 missing: paid
    before = snapshot(db)
    result = engine.run(
        request("op.csv", "open-items", data, file_date=file_date, interface_id=op_interface.id)
    )
    assert result.outcome is ImportOutcome.REFUSED, result.to_json()
    assert reason in result.refused_reason.lower()
    assert result.booked_count == 0
    assert snapshot(db)[:2] == before[:2]


# --- the same transaction in another file ------------------------------------------------


def camt_statement(statement_id: str, *entries) -> bytes:
    from tests.domain.formats.builders import camt_file

    return camt_file(*entries, statement_id=statement_id)


def test_overlapping_camt_statements_book_a_payment_once(db, ledger):
    from tests.domain.formats.builders import CamtEntry, CamtTx

    day1 = CamtEntry(Decimal("119.00"), ref="BANK-1", txs=[CamtTx(strd_ref="RE-2026-0001")])
    day2 = CamtEntry(
        Decimal("59.90"),
        ref="BANK-2",
        booking_date="2026-03-07",
        txs=[CamtTx(ustrd=("Rechnung RE-2026-0002",))],
    )
    engine = SettlementEngine(db)
    first = engine.run(request("a.xml", "camt053", camt_statement("S-1", day1)))
    assert first.booked_count == 1
    # The next statement repeats the first day: a new file, the same bank references.
    second = engine.run(request("b.xml", "camt053", camt_statement("S-2", day1, day2)))
    assert second.booked_count == 1 and open_amount(ledger, "RE-2026-0001") == 0
    repeated = second.to_json()["unmatched"][0]
    assert repeated["code"] == "duplicate"
    assert repeated["reason"].startswith("Bereits gebucht (Datei „a.xml“, Zeile ")
    assert repeated["earlier"]["file"] == "a.xml"
    assert open_amount(ledger, "RE-2026-0002") == 0


def test_a_corrected_csv_sent_again_holds_its_old_rows(db, ledger):
    engine = SettlementEngine(db)
    old = "Rechnungsnummer;Betrag;Zahldatum\nRE-2026-0003;100,00;20260303\n"
    assert engine.run(request("z1.csv", "closed-items", old.encode())).booked_count == 1
    corrected = old + "RE-2026-0004;190,00;20260304\n"
    result = engine.run(request("z2.csv", "closed-items", corrected.encode()))
    assert result.booked_count == 1  # only the new row
    assert open_amount(ledger, "RE-2026-0003") == Decimal("138.00")  # 238 - 100, once
    (held,) = result.to_json()["unmatched"]
    assert held["code"] == "possible-duplicate" and held["line"] == 2
    assert "Möglicherweise bereits gebucht (Datei „z1.csv“, Zeile 2)" in held["reason"]
    assert held["earlier"] == {"file": "z1.csv", "line": 2}


def test_json_names_code_and_possible_invoice(db, ledger):
    data = b"Rechnungsnummer;Betrag\nGS-2026-0001;10,00\nXY20260002;5,00\n"
    result = SettlementEngine(db).run(request("gs.csv", "closed-items", data), dry_run=True)
    summary = result.to_json()
    assert summary["booked"] == 0 and summary["rows"] == 2
    assert [(r["code"], r["possible_invoices"]) for r in summary["unmatched"]] == [
        ("possible-match", ["RE-2026-0001"]),
        ("possible-match", ["RE-2026-0002"]),
    ]


def test_one_content_fetched_by_two_interfaces_books_each_its_own_mandants_rows(db, ledger):
    """The head office puts one list into each branch's folder; each interface books the
    rows of its own Mandanten, and a row never twice, whichever fetches it first."""
    from datetime import time

    from desktop_app.domain.interface import FtpSettings, ImportFormat, InterfaceSettings
    from desktop_app.store.catalog import Catalog
    from desktop_app.store.interfaces import InterfaceRepository

    Catalog(db).add_mandant("2")
    Ledger(db).import_invoices(
        read_invoices(b"Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nRE-2026-0900;2;01.02.2026;"
                      b"90,00\n", file_name="m2.csv")
    )  # fmt: skip

    def interface(name: str, *mandants: str) -> int:
        settings = InterfaceSettings(
            name=name, import_format=ImportFormat.CLOSED_ITEMS, mandants=mandants,
            run_time=time(7, 0), ftp=FtpSettings(host="ftp.example.org", user="u"),
        )  # fmt: skip
        return InterfaceRepository(db).save(settings).id

    data = b"Rechnungsnummer;Betrag;Mandant\nRE-2026-0001;;1\nRE-2026-0900;;2\nRE-2026-0002;;1\n"
    engine = SettlementEngine(db)
    first = engine.run(request("z.csv", "closed-items", data, interface_id=interface("M1", "1")))
    assert first.booked_count == 2
    both = interface("M1 und M2", "1", "2")
    second = engine.run(
        request("z.csv", "closed-items", data, mandants=("1", "2"), interface_id=both)
    )
    assert second.outcome is ImportOutcome.BOOKED and second.booked_count == 1
    assert [r.status.value for r in second.plan.reported] == ["duplicate", "duplicate"]
    again = engine.run(
        request("z.csv", "closed-items", data, mandants=("1", "2"), interface_id=both)
    )
    assert again.outcome is ImportOutcome.DUPLICATE
    assert ledger.invoice("2", "RE-2026-0900").open_amount == 0
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Booking)) == 3


# --- a payment booked by another import between plan and apply ------------------------

RACE_OP = b"Rechnungsnummer;OffenerBetrag\nRE-1;40,00\n"  # the list: 40.00 still open
RACE_PAYMENT = b"Rechnungsnummer;Betrag;Zahldatum\nRE-1;30,00;20260312\n"


@pytest.fixture
def race_ledger(db):
    """RE-1 of 100.00, fully open."""
    invoices = b"Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\nRE-1;1;01.02.2026;100,00\n"
    Ledger(db).import_invoices(read_invoices(invoices, file_name="l.csv"))


def race_op_request() -> ImportRequest:
    from desktop_app.domain.settlement import GuardConfig

    # The share guard would refuse a list whose only invoice books: not what is tested.
    return request("op.csv", "open-items", RACE_OP, guards=GuardConfig.off())


def pay_30_from_another_computer(db) -> None:
    """Another computer's import of a payment file books 30.00 on RE-1."""
    from desktop_app.store.db import Database

    other = Database(db.url)
    try:
        paid = SettlementEngine(other).run(request("zahlung.csv", "closed-items", RACE_PAYMENT))
    finally:
        other.dispose()
    assert paid.outcome is ImportOutcome.BOOKED and paid.booked_count == 1


def re_1(db) -> tuple[Decimal, list[Decimal]]:
    """RE-1's open amount and its bookings' amounts, read straight from the tables."""
    with db.session() as s:
        invoice_id, open_now = s.execute(
            select(Invoice.id, Invoice.open_amount).where(Invoice.number == "RE-1")
        ).one()
        amounts = s.scalars(
            select(Booking.amount).where(Booking.invoice_id == invoice_id).order_by(Booking.id)
        ).all()
    return open_now, list(amounts)


def test_open_items_plan_is_refused_when_its_invoice_was_paid_meanwhile(db, race_ledger):
    """The list says 40.00 open; planned on 100.00 open it books 60.00. A payment of
    30.00 booked before the plan is applied leaves 70.00 open: booking the 60.00 would
    leave 10.00, and 30.00 of it marked paid twice. The write must refuse the plan."""
    from desktop_app.jobs.settle_file import ConcurrentChange

    engine = SettlementEngine(db)
    req = race_op_request()
    planned = engine.plan(req)
    assert [b.amount for b in planned.plan.bookings] == [Decimal("60.00")]  # 100 - 40
    pay_30_from_another_computer(db)
    assert re_1(db) == (Decimal("70.00"), [Decimal("30.00")])
    with pytest.raises(ConcurrentChange):
        engine.apply(req, planned)
    # Nothing of the list was booked, not even its file record.
    assert re_1(db) == (Decimal("70.00"), [Decimal("30.00")])
    with db.session() as s:
        assert s.scalars(select(ImportFile.name)).all() == ["zahlung.csv"]


def test_open_items_planned_again_after_a_payment_meanwhile_leave_what_the_list_says(
    db, race_ledger
):
    class PaidWhilePlanning(SettlementEngine):
        """The payment is booked right after the list's first plan was read."""

        plans = 0

        def plan(self, request):
            planned = super().plan(request)
            self.plans += 1
            if self.plans == 1:
                pay_30_from_another_computer(db)
            return planned

    engine = PaidWhilePlanning(db)
    result = engine.run(race_op_request())
    assert engine.plans == 2  # refused once, planned again
    assert result.outcome is ImportOutcome.BOOKED
    assert [b.amount for b in result.plan.bookings] == [Decimal("30.00")]  # 70 - 40
    # 100.00 - 30.00 paid - 30.00 by the list = 40.00, what the list says is open.
    assert re_1(db) == (Decimal("40.00"), [Decimal("30.00"), Decimal("30.00")])


def test_two_payments_on_one_invoice_at_once_both_book(db, race_ledger):
    """A payment's amount is its own, not derived from the open amount: one booked by
    another computer between this plan and its write leaves enough open, and both book
    (two services of a chain paying one invoice must not fail each other's runs)."""
    engine = SettlementEngine(db)
    req = request("zahlung2.csv", "closed-items", b"Rechnungsnummer;Betrag\nRE-1;20,00\n")
    planned = engine.plan(req)
    pay_30_from_another_computer(db)
    applied = engine.apply(req, planned)
    assert applied.outcome is ImportOutcome.BOOKED
    assert re_1(db) == (Decimal("50.00"), [Decimal("30.00"), Decimal("20.00")])


def test_bookings_that_do_not_name_the_open_amounts_seen_are_never_written(db, ledger):
    """Only the planner's bookings know what open amount each invoice had when planned:
    a plan of plain ``Booking`` objects could not be checked, and is not booked."""
    import dataclasses

    engine = SettlementEngine(db)
    req = request("x.csv", "closed-items", b"Rechnungsnummer\nRE-2026-0001\n")
    planned = engine.plan(req)
    planned.plan = dataclasses.replace(planned.plan, bookings=tuple(planned.plan.bookings))
    before = snapshot(db)
    with pytest.raises(TypeError, match="open amounts"):
        engine.apply(req, planned)
    assert snapshot(db) == before
