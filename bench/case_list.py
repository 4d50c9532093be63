"""The case list's suggestions (``desktop-app cases list --json``): 500 open cases looked
up one by one, as the list did before, against all of them together (``suggest_many``),
measured in one run on the same ledger, with the statements each way counted (SQLAlchemy's
event hook) and the suggestions compared.

The ledger: ``--invoices`` invoices of three Mandanten with customers, built by the app's
own import; the cases: a bank statement of payments that name an invoice with a typo or
another prefix and a typo, or only an amount and the payer, imported through the real engine. On
SQLite by default; ``--pg-url`` (an empty PostgreSQL database) shows what the round trips
cost on a server, ``--pg`` a private one (the tests' pgserver). ``--cases`` payments are
imported; the few that name an invoice closely enough are booked, the rest are cases.

    .venv/bin/python bench/case_list.py
    .venv/bin/python bench/case_list.py --pg
    .venv/bin/python bench/case_list.py --cases 500 --invoices 20000 --pg-url postgresql://…
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

TODAY = date(2026, 3, 14)
MANDANTS = ("1", "2", "3")
NAMES = ["Anna Becker", "Max Mustermann", "Erika Musterfrau", "Hans Meier", "Paula Koch"]


def invoice_csv(invoices: int) -> bytes:
    lines = ["Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;Kunde"]
    for i in range(invoices):
        amount = Decimal(500 + (i * 7919) % 40_000) / 100
        customer = f"{NAMES[i % len(NAMES)]} {i % 997:03d}"
        day = date(2025, 1, 1).toordinal() + i % 400
        lines.append(
            f"RE-2026-{i + 10_000:06d};{MANDANTS[i % 3]};Nord;"
            f"{date.fromordinal(day):%d.%m.%Y};{str(amount).replace('.', ',')};{customer}"
        )
    return "\n".join(lines).encode()


def statement(cases: int, invoices: int) -> bytes:
    from tests.domain.formats.builders import CamtEntry, CamtTx, camt_file

    entries = []
    for n in range(cases):
        i = (n * 104_729) % invoices
        amount = Decimal(500 + (i * 7919) % 40_000) / 100
        number = f"{i + 10_000:06d}"
        text = (
            f"Rechnung RE-2026-{number[:-2]}{number[-1]}{number[-2]}",  # two digits swapped
            f"GS {number}0",  # another prefix, a digit too many
            "Vielen Dank",  # only the payer and the amount
        )[n % 3]
        payer = f"{NAMES[i % len(NAMES)].upper()} {i % 997:03d}"
        tx = CamtTx(ustrd=(text,), debtor=payer, debtor_iban=f"DE{n % 50:020d}")
        entries.append(CamtEntry(amount + n % 2, ref=f"BENCH-{n}", txs=[tx]))
    return camt_file(*entries)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=500)
    ap.add_argument("--invoices", type=int, default=20_000)
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--pg-url", help="an empty PostgreSQL database (default: SQLite)")
    where.add_argument("--pg", action="store_true", help="on a private PostgreSQL (pgserver)")
    args = ap.parse_args()
    if args.pg:
        from tests.private_services import private_postgres

        with private_postgres() as url:
            return run(args, url)
    if args.pg_url:
        return run(args, args.pg_url)
    with tempfile.TemporaryDirectory(prefix="case_list_") as work:
        return run(args, sqlite_file(Path(work) / "cases.db"))


def sqlite_file(path: Path) -> str:
    from desktop_app.store.db import sqlite_url

    return sqlite_url(path)


def run(args: argparse.Namespace, url: str) -> int:
    from sqlalchemy import event

    from desktop_app.domain.interface import SettleUntil
    from desktop_app.domain.invoice_csv import read_invoices
    from desktop_app.jobs.case_desk import CaseActor, CaseDesk, CaseFilter
    from desktop_app.jobs.case_suggest import suggest, suggest_many
    from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
    from desktop_app.store.db import Database
    from desktop_app.store.ledger import Ledger

    db = Database(url)
    Ledger(db).import_invoices(read_invoices(invoice_csv(args.invoices), file_name="r.csv"))
    result = SettlementEngine(db).run(
        ImportRequest(
            statement(args.cases, args.invoices),
            "auszug.xml",
            "camt053",
            MANDANTS,
            SettleUntil.YESTERDAY,
            TODAY,
        )
    )
    desk = CaseDesk(db, CaseActor("bench", None, True))
    cases = desk.cases(CaseFilter(open_only=True, limit=None))
    print(f"{len(cases)} open cases ({len(result.case_ids)} opened), {args.invoices:,} invoices")
    suggest(db, cases[0])  # the customer names, loaded once a process: not measured
    statements = [0]

    def count(*_args) -> None:
        statements[0] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    one_by_one = {case.id: suggest(db, case) for case in cases}
    single, single_statements = time.perf_counter() - started, statements[0]
    statements[0] = 0
    started = time.perf_counter()
    together = suggest_many(db, cases)
    batched, batched_statements = time.perf_counter() - started, statements[0]
    event.remove(db.engine, "before_cursor_execute", count)
    db.dispose()
    same = together == one_by_one
    with_any = sum(1 for found in together.values() if found)
    print(f"cases with suggestions: {with_any}; the same both ways: {same}")
    print(
        f"one by one: {single * 1000:.0f} ms, {single_statements} statements; "
        f"together: {batched * 1000:.0f} ms, {batched_statements} statements; "
        f"ratio {single / batched:.1f}× ({db.engine.dialect.name})"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
