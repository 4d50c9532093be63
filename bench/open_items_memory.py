"""Peak memory of importing an Offene-Posten list and a DATEV OPOS list.

Builds a SQLite ledger of about 300,000 open invoices of Mandant "1" (the same ledger as
import_throughput.py, schema by the app's migrations), writes an Offene-Posten CSV and a
DATEV OPOS CSV of 300,000 rows each, and imports each through
``SettlementEngine(db).run(ImportRequest(...))`` in a fresh subprocess. Reported, as in
import_throughput.py: the import's peak RSS above a baseline subprocess that only imports
the same modules and opens the same database (goal ≤ 300 MB for 300k rows).

The lists, as a tax advisor's export has them: most open invoices listed with what is
open, some with less (part paid: the difference is booked), about 3 % missing (paid in
full), a few paid invoices still listed, unknown numbers, credit notes, and OPOS splitting
some invoices over two rows. The share guard (20 %) lets them through: they book.

    .venv/bin/python bench/open_items_memory.py                 # 300k rows (a minute)
    .venv/bin/python bench/open_items_memory.py --rows 30000    # smaller
    .venv/bin/python bench/open_items_memory.py --repeat 3 --workdir /tmp/b --reuse
    .venv/bin/python bench/open_items_memory.py --trace 15      # where the memory goes:
        # after parsing, planning and before writing, the 15 lines holding the most
        # (tracemalloc: slower, and its RSS figures are not the import's)
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.import_throughput import german_amount  # noqa: E402
from bench.ledger_setup import (  # noqa: E402
    MANDANT,
    amounts_of,
    build_ledger,
    copy_ledger,
    number_of,
    template_ledger,
    work_folder,
)
from bench.peak_memory import high_water_mark_mb, peak_rss_mb  # noqa: E402

TODAY = date(2026, 3, 14)
MEMORY_GOAL_MB = 300
SEED = 20260315
FORMATS = {"open-items": "offene_posten.csv", "datev-opos": "opos.csv"}


# --- setup (not measured) ---------------------------------------------------------------


def ledger_size(open_wanted: int) -> int:
    """How many invoices the ledger needs for ``open_wanted`` open ones (5 % are paid)."""
    n = open_count = 0
    while open_count < open_wanted:
        n += 1
        open_count += amounts_of(n)[1] > 0
    return n


def build_list(format_id: str, rows: int, invoices: int, rng: random.Random) -> bytes:
    """``rows`` data rows naming the ledger's invoices in order (see the module text)."""
    opos = format_id == "datev-opos"
    out = io.StringIO()
    if opos:
        out.write("Konto;Belegfeld 1;Datum;Fälligkeit;Saldo;S/H\r\n")
    else:
        out.write("Rechnungsnummer;OffenerBetrag;Mandant\r\n")
    start = date(2025, 1, 1)
    written = 0
    i = 0
    while written < rows:
        i = i % invoices + 1
        amount, open_cents = amounts_of(i)
        kind = rng.random()
        number = number_of(i)
        if kind < 0.03 and open_cents:
            continue  # missing: paid in full
        if kind < 0.035:
            number = f"RE-2027-{rng.randint(1, 9_999_999):07d}"  # not in the ledger
        elif kind < 0.04:
            open_cents = -rng.randint(100, 50_000)  # a credit note
        elif kind < 0.09 and open_cents > 1:
            open_cents //= 2  # part paid: the difference is booked
        elif open_cents == 0:
            open_cents = amount  # paid already, the list is older: reported
        parts = [open_cents]
        if opos and kind > 0.98 and open_cents > 1:
            parts = [open_cents // 2, open_cents - open_cents // 2]  # two open items
        for part in parts[: rows - written]:
            if opos:
                day = start + timedelta(days=i % 430)
                side = "H" if part < 0 else "S"
                due = day + timedelta(days=14)
                out.write(
                    f"{10000 + i % 5000};{number};{day:%d.%m.%Y};{due:%d.%m.%Y}"
                    f";{german_amount(abs(part))};{side}\r\n"
                )
            else:
                sign = "-" if part < 0 else ""
                out.write(f"{number};{sign}{german_amount(abs(part))};{MANDANT}\r\n")
            written += 1
    return out.getvalue().encode("utf-8")


# --- the import, in a fresh process -----------------------------------------------------


def import_request(format_id: str, data: bytes):
    from desktop_app.domain.interface import SettleUntil
    from desktop_app.jobs.settle_file import ImportRequest

    return ImportRequest(
        data=data,
        file_name=FORMATS[format_id],
        format_id=format_id,
        mandants=(MANDANT,),
        settle_until=SettleUntil.YESTERDAY,
        today=TODAY,
        interface_id=None,
        file_date=TODAY,
    )


def child_main(mode: str, db_path: Path, list_path: Path | None, trace: int) -> None:
    """Import the modules, open the db and, unless ``baseline``, import the list."""
    from desktop_app.jobs.settle_file import SettlementEngine
    from desktop_app.store.db import Database, sqlite_url

    db = Database(sqlite_url(db_path))
    with db.engine.connect() as c:
        c.exec_driver_sql("SELECT count(*) FROM invoices")
    out: dict = {"mode": mode}
    if mode != "baseline":
        assert list_path is not None
        data = list_path.read_bytes()
        request = import_request(mode, data)
        if trace:
            watch_stages(trace)
        started = time.perf_counter()
        result = SettlementEngine(db).run(request)
        out["seconds"] = round(time.perf_counter() - started, 2)
        out["outcome"] = result.outcome.value
        out["refused"] = result.refused_reason
        out["booked"] = result.booked_count
        out["amount"] = str(result.booked_amount)
        out["rows"] = result.rows
        out["reported"] = len(result.plan.reported) if result.plan else 0
    out["maxrss_mb"] = peak_rss_mb()
    out["vmhwm_mb"] = high_water_mark_mb()  # cross-check: this process image only
    print(json.dumps(out))


def watch_stages(top: int) -> None:
    """Trace allocations; after parsing, after planning and before writing, print the
    traced peak of the stage and the ``top`` lines holding the most memory."""
    import tracemalloc

    from desktop_app.jobs import settle_file
    from desktop_app.store.booking_writer import BookingWriter

    def report(stage: str) -> None:
        now, peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        snapshot = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, tracemalloc.__file__)]
        )
        print(f"{stage}: held {now / 2**20:.0f} MB, stage peak {peak / 2**20:.0f} MB")
        for stat in snapshot.statistics("lineno")[:top]:
            where = f"{stat.traceback[0].filename}:{stat.traceback[0].lineno}"
            print(f"  {stat.size / 2**20:7.1f} MB {stat.count:9,} blocks  {where}")

    def after(stage: str, function):
        def wrapped(*args, **kwargs):
            value = function(*args, **kwargs)
            report(stage)
            return value

        return wrapped

    def before(stage: str, function):
        def wrapped(*args, **kwargs):
            report(stage)
            return function(*args, **kwargs)

        return wrapped

    settle_file._parse = after("parsed", settle_file._parse)
    settle_file.plan_settlement = after("planned", settle_file.plan_settlement)
    BookingWriter.record = before("before writing", BookingWriter.record)
    tracemalloc.start(1)


# ru_maxrss survives execve: a tiny launcher in between makes the child's figure its own
# (see import_throughput.py).
_LAUNCHER = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"


def run_child(mode: str, db_path: Path, list_path: Path | None = None, trace: int = 0) -> dict:
    cmd = [sys.executable, "-S", "-c", _LAUNCHER]
    cmd += [sys.executable, __file__, "--child", mode, "--child-db", str(db_path)]
    if list_path is not None:
        cmd += ["--child-list", str(list_path)]
    if trace:
        cmd += ["--trace", str(trace)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {mode} failed:\n{done.stderr}")
    if trace:
        print("".join(done.stdout.splitlines(keepends=True)[:-1]), end="")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- main -------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=300_000, help="rows per list")
    ap.add_argument("--open", type=int, default=300_000, help="open invoices in the ledger")
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated")
    ap.add_argument("--repeat", type=int, default=1, help="runs per format; median")
    ap.add_argument("--trace", type=int, default=0, help="print the top N lines held")
    ap.add_argument("--workdir", type=Path, help="keep the files here (default: temporary)")
    ap.add_argument("--reuse", action="store_true", help="reuse the ledger in --workdir")
    ap.add_argument("--child", choices=["baseline", *FORMATS], help=argparse.SUPPRESS)
    ap.add_argument("--child-db", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--child-list", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child_main(args.child, args.child_db, args.child_list, args.trace)
        return 0
    with work_folder(args.workdir, "open_items_bench_") as work:
        return run(args, work)


def run(args: argparse.Namespace, work: Path) -> int:
    invoices = ledger_size(args.open)
    template = work / "ledger_open_items.db"
    print(f"setup: ledger of {invoices:,} invoices ({args.open:,} open) in {work}")
    wanted = {"invoices": invoices, "seed": SEED, "amounts": 2, "schema": 7}
    rng = random.Random(SEED)
    if template_ledger(template, wanted, args.reuse, lambda p: build_ledger(p, invoices, rng)):
        print("reusing the ledger built by an earlier run")
    ok = True
    for format_id in args.formats.split(","):
        data = build_list(format_id, args.rows, invoices, random.Random(SEED + 1))
        list_path = work / FORMATS[format_id]
        list_path.write_bytes(data)
        deltas = []
        for _ in range(args.repeat):
            # Fresh copies each time: the import books, a second one would be a duplicate.
            baseline = run_child("baseline", copy_ledger(template, work / "baseline.db"))
            mem_db = copy_ledger(template, work / "memory.db")
            imported = run_child(format_id, mem_db, list_path, args.trace)
            deltas.append(imported["maxrss_mb"] - baseline["maxrss_mb"])
            print(
                f"{format_id}: {imported['rows']:,} rows ({len(data) / 2**20:.1f} MB file) "
                f"{imported['outcome']}, {imported['booked']:,} booked "
                f"({imported['amount']} EUR), {imported['reported']:,} reported, "
                f"{imported['seconds']:.1f} s; peak RSS {imported['maxrss_mb']:.0f} MB, "
                f"baseline {baseline['maxrss_mb']:.0f} MB, "
                f"above baseline {deltas[-1]:.0f} MB"
            )
            if imported["outcome"] != "booked":
                print(f"  not booked: {imported['refused']}")
                ok = False
        delta = statistics.median(deltas)
        verdict = "ok" if delta <= MEMORY_GOAL_MB else "MISSED"
        print(
            f"{format_id}: median {delta:.0f} MB above baseline (goal ≤ {MEMORY_GOAL_MB} MB) "
            f"{verdict}"
        )
        ok &= delta <= MEMORY_GOAL_MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
