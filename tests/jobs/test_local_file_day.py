"""A file imported by hand carries the day it was written: its modification day, or the
day the person gives. An Offene-Posten list does not know the invoices of that day and
later, so their absence must not book them as paid; and a list older than the one read
by hand before is refused. Real SQLite (and PostgreSQL) ledgers, real files."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, text

from desktop_app.domain.interface import SettleUntil
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.file_import import (
    GuardChanges,
    LocalFileImport,
    local_file_day,
    read_local_file,
)
from desktop_app.jobs.settle_file import ImportOutcome, SettlementEngine
from desktop_app.store.catalog import Catalog
from desktop_app.store.ledger import Ledger
from desktop_app.store.ledger_models import ImportFile

from . import test_settle_file as settle
from .test_settle_file import OP_HEADER, TODAY, op_file, request

# The settlement tests' fixtures: the database (SQLite and PostgreSQL) and its ledger,
# RE-2026-0001 … 0020 of Mandant 1, dated 01.02. … 20.02.2026.
db, ledger = settle.db, settle.ledger


def written(path: Path, content: bytes, day: date) -> Path:
    """``content`` in ``path``, last modified at noon of ``day`` in this computer's zone
    (never near midnight: the day is the same in every zone the tests run in)."""
    path.write_bytes(content)
    noon = datetime(day.year, day.month, day.day, 12).timestamp()  # naive: local time
    os.utime(path, (noon, noon))
    return path


def prepared(db, path: Path, mandants=("1",), **kw):
    return LocalFileImport(db).prepare(
        lambda: read_local_file(path),
        "open-items",
        list(mandants),
        SettleUntil.TODAY,
        today=TODAY,
        guards=GuardChanges(no_share_limit=True),
        **kw,
    )


def open_amount(ledger, number):
    return ledger.invoice("1", number).open_amount


def recorded_days(db) -> list[date | None]:
    with db.session() as s:
        return list(s.scalars(select(ImportFile.file_date).order_by(ImportFile.id)))


def test_the_modification_day_keeps_newer_invoices_open(db, ledger, tmp_path):
    # Written on 18.02.: it lists 0001 … 0015 as open; 0016, 0017 are missing (paid),
    # 0018 … 0020 (of 18.02. and later) are missing because the list is older.
    path = written(tmp_path / "op.csv", op_file(range(1, 16)), date(2026, 2, 18))
    request = prepared(db, path)
    assert request.file_date == date(2026, 2, 18)

    result, _ = LocalFileImport(db).run(request)

    assert result.outcome is ImportOutcome.BOOKED
    booked = sorted(b.invoice_number for b in result.plan.bookings)
    assert booked == ["RE-2026-0016", "RE-2026-0017"]
    for number in ("RE-2026-0018", "RE-2026-0019", "RE-2026-0020"):
        invoice = ledger.invoice("1", number)
        assert invoice.open_amount == invoice.amount > 0, number
    assert recorded_days(db) == [date(2026, 2, 18)]  # the day used feeds the next check


def test_a_day_given_replaces_the_modification_day(db, ledger, tmp_path):
    path = written(tmp_path / "op.csv", op_file(range(1, 16)), date(2026, 2, 18))
    result = SettlementEngine(db).plan(prepared(db, path, file_date=date(2026, 2, 21)))
    missing = sorted(b.invoice_number for b in result.plan.bookings)
    assert missing == [f"RE-2026-{i:04d}" for i in range(16, 21)]
    assert (result.file_date, result.file_date_source) == (date(2026, 2, 21), "manual")
    assert older_check(result) == (
        "vom 21.02.2026 (von Hand eingegeben); keine frühere Liste zum Vergleich."
    )
    [check] = [g for g in result.plan.guards if g.name == "older"]
    assert check.text("en") == "of 21/02/2026 (entered by hand); no earlier list to compare with."


def test_the_day_says_where_it_came_from(tmp_path):
    path = written(tmp_path / "op.csv", op_file(range(1, 16)), date(2026, 2, 18))
    loaded = read_local_file(path)
    assert local_file_day(None, loaded.modified_on, TODAY) == (date(2026, 2, 18), "modified")
    assert local_file_day(date(2026, 2, 21), loaded.modified_on, TODAY) == (
        date(2026, 2, 21),
        "manual",
    )
    assert local_file_day(None, None, TODAY) == (None, None)
    # A day ahead of today's clock, stamped or typed: the day is today, which neither the
    # stamp nor the person said.
    ahead = TODAY + timedelta(days=2)
    assert local_file_day(None, ahead, TODAY) == (TODAY, None)
    assert local_file_day(ahead, None, TODAY) == (TODAY, None)


def test_a_list_older_than_the_last_one_read_by_hand_is_refused(db, ledger, tmp_path):
    engine = LocalFileImport(db)
    newer = written(tmp_path / "neu.csv", op_file(range(1, 20)), date(2026, 3, 10))
    first, _ = engine.run(prepared(db, newer))
    assert first.outcome is ImportOutcome.BOOKED  # 0020 paid
    assert older_check(first) == (
        "vom 10.03.2026 (laut Änderungszeit der Datei); keine frühere Liste zum Vergleich."
    )

    older = written(tmp_path / "alt.csv", op_file(range(1, 19)), date(2026, 3, 2))
    refused, _ = engine.run(prepared(db, older))
    assert refused.outcome is ImportOutcome.REFUSED
    assert refused.refused_reason == (
        "Die Datei vom 02.03.2026 (laut Änderungszeit der Datei) ist älter als die zuletzt "
        "eingelesene vom 10.03.2026."
    )
    assert open_amount(ledger, "RE-2026-0019") == Decimal("142.80")

    # Passed by on purpose: booked, and recorded with its own day.
    forced, overridden = engine.run(prepared(db, older), override_guards=True)
    assert overridden == ["older"] and forced.outcome is ImportOutcome.BOOKED
    assert recorded_days(db)[-1] == date(2026, 3, 2)

    newest = written(tmp_path / "neuer.csv", op_file(range(1, 18)), date(2026, 3, 12))
    passed, _ = engine.run(prepared(db, newest))
    assert older_check(passed) == (
        "vom 12.03.2026 (laut Änderungszeit der Datei), nicht älter als die zuletzt "
        "eingelesene vom 10.03.2026."
    )


def mandant_2(db) -> bytes:
    """Mandant 2 with RE-2026-0901 … 0903; returns its list that keeps only 0901 open."""
    Catalog(db).add_mandant("2")
    rows = [f"RE-2026-{i:04d};2;01.02.2026;90,00" for i in (901, 902, 903)]
    header = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n"
    Ledger(db).import_invoices(
        read_invoices((header + "\n".join(rows)).encode(), file_name="m2.csv")
    )
    return b"Rechnungsnummer;Saldo\nRE-2026-0901;90,00\n"


def test_a_list_is_compared_only_with_lists_of_its_own_mandanten(db, ledger, tmp_path):
    m2_list = mandant_2(db)
    engine = LocalFileImport(db)
    first = written(tmp_path / "m1.csv", op_file(range(1, 20)), date(2026, 3, 10))
    assert engine.run(prepared(db, first))[0].outcome is ImportOutcome.BOOKED

    # Mandant 2's list is older than Mandant 1's, but the first one of Mandant 2.
    m2 = written(tmp_path / "m2.csv", m2_list, date(2026, 3, 5))
    second, _ = engine.run(prepared(db, m2, mandants=("2",)))
    assert second.outcome is ImportOutcome.BOOKED, second.refused_reason
    assert older_check(second) == (
        "vom 05.03.2026 (laut Änderungszeit der Datei); keine frühere Liste zum Vergleich."
    )
    assert sorted(b.invoice_number for b in second.plan.bookings) == [
        "RE-2026-0902",
        "RE-2026-0903",
    ]

    # A list of both is stale for Mandant 1, whose list of 10.03. was read.
    both = written(tmp_path / "beide.csv", op_file(range(1, 21)), date(2026, 3, 7))
    refused, _ = engine.run(prepared(db, both, mandants=("1", "2")))
    assert refused.outcome is ImportOutcome.REFUSED
    assert "älter als die zuletzt eingelesene vom 10.03.2026" in refused.refused_reason


def test_a_list_recorded_without_mandanten_counts_for_every_mandant(db, ledger, tmp_path):
    # Imported before the Mandanten were recorded: it may have been any Mandant's.
    m2_list = mandant_2(db)
    engine = LocalFileImport(db)
    first = written(tmp_path / "m1.csv", op_file(range(1, 20)), date(2026, 3, 10))
    assert engine.run(prepared(db, first))[0].outcome is ImportOutcome.BOOKED
    with db.session() as s:
        s.execute(text("DELETE FROM import_file_mandants"))
    m2 = written(tmp_path / "m2.csv", m2_list, date(2026, 3, 5))
    refused, _ = engine.run(prepared(db, m2, mandants=("2",)))
    assert refused.outcome is ImportOutcome.REFUSED
    assert "älter als die zuletzt eingelesene vom 10.03.2026" in refused.refused_reason


def older_check(result) -> str:
    """What the preview shows after "Dateidatum:" for the older-list check."""
    [text] = [g.text("de") for g in result.plan.guards if g.name == "older"]
    return text


def test_local_and_server_lists_do_not_refuse_each_other(db, ledger, tmp_path):
    from datetime import time

    from desktop_app.domain.interface import FtpSettings, ImportFormat, InterfaceSettings
    from desktop_app.store.interfaces import InterfaceRepository

    stored = InterfaceRepository(db).save(
        InterfaceSettings(
            name="OP",
            import_format=ImportFormat.OPEN_ITEMS,
            mandants=("1",),
            run_time=time(7, 0),
            ftp=FtpSettings(host="ftp.example.org", user="u"),
        )
    )
    # A copy of the list, modified "today": a day later than the list really is.
    copied = written(tmp_path / "kopie.csv", op_file(range(1, 21)), date(2026, 3, 13))
    assert LocalFileImport(db).run(prepared(db, copied))[0].outcome is ImportOutcome.NOTHING
    server = SettlementEngine(db).run(
        request(
            "op.csv",
            "open-items",
            op_file(range(1, 20)),
            file_date=date(2026, 3, 12),
            interface_id=stored.id,
            server="ftp.example.org",
            settle_until=SettleUntil.TODAY,
        )
    )
    assert server.outcome is ImportOutcome.BOOKED  # not refused as older than the copy


def test_an_empty_list_file_has_its_day_too(tmp_path):
    path = written(tmp_path / "leer.csv", OP_HEADER.encode(), date(2026, 2, 28))
    assert read_local_file(path).modified_on == date(2026, 2, 28)


def test_a_file_rewritten_right_after_it_was_read_keeps_the_day_of_what_was_read(
    tmp_path, monkeypatch
):
    # The list read was written on 18.02.; a new one replaces it before the day is taken.
    # Dated by the new one, the invoices of 18.02. … 20.02. would count as paid.
    path = written(tmp_path / "op.csv", op_file(range(1, 16)), date(2026, 2, 18))
    read_bytes = Path.read_bytes

    def read_then_rewritten(self: Path) -> bytes:
        data = read_bytes(self)
        written(self, op_file(range(1, 20)), date(2026, 2, 21))
        return data

    monkeypatch.setattr(Path, "read_bytes", read_then_rewritten)
    loaded = read_local_file(path)
    assert loaded.data == op_file(range(1, 16))
    assert loaded.modified_on == date(2026, 2, 18)


def test_a_day_after_today_is_taken_as_today(db, ledger, tmp_path):
    # A year mistyped (2062), or a share whose clock runs ahead: kept as the newest day
    # read by hand, it would refuse every later list as older, for decades.
    engine = LocalFileImport(db)
    mistyped = written(tmp_path / "op.csv", op_file(range(1, 20)), date(2026, 3, 10))
    request = prepared(db, mistyped, file_date=date(2062, 3, 10))
    assert request.file_date == TODAY
    assert engine.run(request)[0].outcome is ImportOutcome.BOOKED
    ahead = written(tmp_path / "vor.csv", op_file(range(1, 19)), date(2026, 4, 2))
    assert prepared(db, ahead).file_date == TODAY

    later = written(tmp_path / "neu.csv", op_file(range(1, 19)), TODAY)
    assert engine.run(prepared(db, later))[0].outcome is ImportOutcome.BOOKED
    assert recorded_days(db) == [TODAY, TODAY]
