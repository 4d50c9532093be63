"""How long a Klärungsfall's suggestions take against a ledger of a million invoices.

Builds (once, with ``--workdir``/``--reuse``) the SQLite ledger of ``bench/ledger_setup.py``
that ``bench/import_throughput.py`` uses too (1,000,000 invoices of Mandant "1", the schema
by the app's own migrations) and gives every invoice one of 200,000 distinct customers. A
bank statement of payments that name no invoice (a typo in the number, only the payer's name,
only an amount, a number of another prefix) is imported through the real engine, which
opens one case per payment. Then ``jobs.case_suggest.suggest`` runs for each case:
printed are the first call (it loads the customer names), and the median of the others.

Why it is fast, whatever the ledger's size:

* numbers: the reference's normalised candidates, their digits (another prefix, digits
  alone) and every digit string one typo away (a digit left out, added, replaced, two
  swapped: about 200 per number) are looked up through the indexes on
  ``invoices(mandant_id, number_norm)`` and ``invoices(mandant_id, number_digits)``;
* the amount: ``invoices(mandant_id, open_amount)``, at most 200 rows;
* the payer: rapidfuzz compares the name with the distinct customer names held in
  memory (loaded once per process, then only the customers added since), in C; the
  invoices of the close names come through ``invoices(customer_id)``;
* the same account's earlier payments: ``bookings(payer_iban)``.

No step reads the million invoices in Python, nor scans them in the database.

    .venv/bin/python bench/case_suggestions.py                       # 1M invoices
    .venv/bin/python bench/case_suggestions.py --invoices 100000     # quicker
    .venv/bin/python bench/case_suggestions.py --workdir /tmp/b --reuse
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.ledger_setup import build_ledger, copy_ledger, template_ledger, work_folder  # noqa: E402

FIRST = [
    "Anna", "Ben", "Carla", "Dieter", "Emil", "Frieda", "Gerd", "Hanna", "Ingo", "Jana",
    "Karl", "Lena", "Max", "Nina", "Otto", "Paula", "Quirin", "Rita", "Sven", "Tina", "Uwe",
    "Vera", "Willi", "Xenia", "Yvonne", "Zoe",
]  # fmt: skip
LAST = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Braun", "Zimmermann", "Krüger",
]  # fmt: skip
SEED = 20260315
TODAY = date(2026, 3, 14)


def customer_name(n: int) -> str:
    """200,000 distinct, realistic-looking names: first, last, and a place."""
    first = FIRST[n % len(FIRST)]
    last = LAST[(n // len(FIRST)) % len(LAST)]
    return f"{first} {last} {n // (len(FIRST) * len(LAST)) + 1:04d}"


def build(path: Path, invoices: int, customers: int) -> None:
    build_ledger(path, invoices, random.Random(SEED))
    con = sqlite3.connect(path)
    with con:
        con.executemany(
            "INSERT INTO customers (id, name) VALUES (?, ?)",
            ((n + 1, customer_name(n)) for n in range(customers)),
        )
        con.execute("UPDATE invoices SET customer_id = (id * 7919) % ? + 1", (customers,))
    con.execute("ANALYZE")
    con.close()


def statement(con: sqlite3.Connection, invoices: int) -> bytes:
    """Payments of open invoices that name them not the way the ledger writes them."""
    from tests.domain.formats.builders import CamtEntry, CamtTx, camt_file

    def open_invoice(i: int) -> tuple[str, Decimal, str]:
        while True:  # the next invoice with something open
            number, cents, customer = con.execute(
                "SELECT number, open_amount, customer_id FROM invoices WHERE id = ?", (i,)
            ).fetchone()
            if cents > 0:
                return number, Decimal(cents) / 100, customer_name(customer - 1)
            i = i % invoices + 1

    entries = []
    for n, base in enumerate((4242, 123_457, 777_777, 31_415, 500_001, 271_828, 99_999,
                              654_321, 888_888)):  # fmt: skip
        number, amount, customer = open_invoice(base % invoices + 1)
        prefix, year, digits = number.split("-")
        kind = n % 3
        if kind == 0:  # a typo: one of the leading zeros left out, no such number exists
            text = f"Rechnung {prefix}-{year}-{digits[1:]}"
        elif kind == 1:  # another prefix
            text = f"GS-{year}-{digits}"
        else:  # no number at all: only the payer and the amount
            text = "Vielen Dank"
        entries.append(
            CamtEntry(
                amount,
                ref=f"BENCH-{n}",
                txs=[CamtTx(ustrd=(text,), debtor=customer.upper(), debtor_iban=f"DE{n:020d}")],
            )
        )
    return camt_file(*entries)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--invoices", type=int, default=1_000_000)
    ap.add_argument("--customers", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3, help="timed calls per case")
    ap.add_argument("--workdir", type=Path, help="keep the ledger here (default: temporary)")
    ap.add_argument("--reuse", action="store_true", help="reuse the ledger in --workdir")
    args = ap.parse_args()
    with work_folder(args.workdir, "case_bench_") as work:
        return run(args, work)


def run(args: argparse.Namespace, work: Path) -> int:
    from desktop_app.domain.interface import SettleUntil
    from desktop_app.jobs.case_desk import CaseActor, CaseDesk
    from desktop_app.jobs.case_suggest import suggest
    from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
    from desktop_app.store.db import Database, sqlite_url

    template = work / "cases_template.db"
    wanted = {"invoices": args.invoices, "customers": args.customers, "seed": SEED, "schema": 1}
    started = time.perf_counter()

    def build_template(path: Path) -> None:
        print(f"building a ledger of {args.invoices:,} invoices, {args.customers:,} customers")
        build(path, args.invoices, args.customers)

    template_ledger(template, wanted, args.reuse, build_template)
    ledger = copy_ledger(template, work / "cases.db")
    with sqlite3.connect(ledger) as con:
        data = statement(con, args.invoices)
    print(f"setup took {time.perf_counter() - started:.1f} s (not measured)")

    db = Database(sqlite_url(ledger))
    result = SettlementEngine(db).run(
        ImportRequest(data, "auszug.xml", "camt053", ("1",), SettleUntil.YESTERDAY, TODAY)
    )
    desk = CaseDesk(db, CaseActor("bench", None, True))
    cases = [desk.case(case_id) for case_id in result.case_ids]
    print(f"{len(cases)} cases opened by a statement of {result.rows} payments")

    started = time.perf_counter()
    first = suggest(db, cases[0])
    cold = time.perf_counter() - started
    timings, found = [], []
    for case in cases:
        for _ in range(args.repeat):
            started = time.perf_counter()
            suggestions = suggest(db, case)
            timings.append(time.perf_counter() - started)
        found.append(suggestions[0].reasons_text() if suggestions else "(none)")
    db.dispose()
    for case, best in zip(cases, found, strict=True):
        print(f"  case {case.id} ({case.text[:28]!r}, {case.payer_name[:24]}): {best[:90]}")
    print(
        f"suggestions for a case against {args.invoices:,} invoices and {args.customers:,} "
        f"customers: median {statistics.median(timings) * 1000:.0f} ms over {len(timings)} "
        f"calls (max {max(timings) * 1000:.0f} ms); the first call, loading the customer "
        f"names once, {cold * 1000:.0f} ms"
    )
    return 0 if first else 1


if __name__ == "__main__":
    sys.exit(main())
