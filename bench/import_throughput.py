"""Import throughput and memory of the settlement engine (issue 4).

Builds a SQLite ledger of 1,000,000 invoices of Mandant "1" (schema by the app's own
migrations) and a 100,000-row Geschlossene-Posten CSV, then measures in the same run:

* ours  – ``SettlementEngine(db).run(ImportRequest(...))`` end to end: parse, plan and
  apply in one transaction;
* floor – plain ``sqlite3`` doing the same bookings on an identical copy of the ledger:
  csv module, one look-up per row by (mandant, number_norm) through the same unique
  index, the same ``bookings`` rows, one ``import_files`` row, open amounts and status
  updated, one transaction.

Both ledgers must end identical (invoices, bookings, import record), else the run fails.
Goal: ours / floor ≤ 1.5.

Then the peak memory of a 1,000,000-row import: the import runs in a fresh subprocess
and its peak RSS (``ru_maxrss``) is compared with a baseline subprocess that only imports
the same modules and opens the same database. Reported: the difference, i.e. what the
import itself costs (goal ≤ 250 MB); both absolute figures are printed too.

    .venv/bin/python bench/import_throughput.py            # full size (a few minutes)
    .venv/bin/python bench/import_throughput.py --quick    # 100k invoices, 10k rows
    .venv/bin/python bench/import_throughput.py --repeat 5 --workdir /tmp/b --reuse
        # the median of 5 timed runs (each on fresh copies, the order alternating);
        # the ledger is built once in /tmp/b and reused by later runs

Both sides start with the database open (ours: ``Database`` with its pool connection;
the floor: a ``sqlite3`` connection with the app's pragmas); every copy is written to
disk before the clock starts. The floor reads amounts as whole cents, exactly. On a
busy machine the times vary from run to run: use ``--repeat``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.ledger_setup import (  # noqa: E402
    MANDANT,
    amounts_of,
    build_ledger,
    copy_ledger,
    number_of,
    sqlite_now,
    template_ledger,
    work_folder,
)
from bench.peak_memory import high_water_mark_mb, peak_rss_mb  # noqa: E402

TODAY = date(2026, 3, 14)
BOOKING_DATE = TODAY - timedelta(days=1)  # SettleUntil.YESTERDAY
FILE_NAME = "geschlossene_posten.csv"
RATIO_GOAL = 1.5
MEMORY_GOAL_MB = 250
SEED = 20260314


# --- setup (not measured) ---------------------------------------------------------------


def german_amount(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"{euros:,}".replace(",", ".") + f",{rest:02d}"


def build_csv(rows: int, invoices: int, rng: random.Random) -> bytes:
    """A realistic Geschlossene-Posten export: mostly the open amount paid, a quarter
    without Betrag (settle what is open), part payments, a few other amounts (some
    overpay), a few rows for another Mandant or for unknown invoices, numbers written
    in other ways, invoices listed twice."""
    out = io.StringIO()
    out.write("Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n")
    days = [BOOKING_DATE - timedelta(days=d) for d in range(20)]
    for _ in range(rows):
        i = rng.randint(1, invoices)
        number = number_of(i)
        kind = rng.random()
        if kind < 0.02:
            number = f"RE-2027-{rng.randint(1, 9_999_999):07d}"  # not in the ledger
        elif kind < 0.03:
            number = f"2026-{i:07d}"  # without prefix: only a possible match, not booked
        elif kind < 0.05:
            number = number.lower().replace("-", " ")  # still the same normalised number
        open_cents = amounts_of(i)[1]
        betrag_kind = rng.random()
        if betrag_kind < 0.25:
            betrag = ""  # settle the whole open amount
        elif betrag_kind < 0.80 and open_cents:
            betrag = german_amount(open_cents)  # exactly what is open
        elif betrag_kind < 0.90 and open_cents > 1:
            betrag = german_amount(open_cents // 2)  # a part payment
        elif betrag_kind < 0.99:
            betrag = german_amount(rng.randint(100, 250_000))  # anything, may overpay
        else:
            betrag = "0,00"  # not money in: reported
        day = rng.choice(days)
        zahldatum = f"{day:%Y%m%d}" if rng.random() < 0.8 else f"{day:%d.%m.%Y}"
        m = rng.random()
        mandant = "2" if m < 0.02 else ("" if m < 0.10 else MANDANT)
        out.write(f"{number};{betrag};{zahldatum};{mandant}\r\n")
    return out.getvalue().encode("utf-8")


# --- ours -------------------------------------------------------------------------------


def import_request(data: bytes):
    from desktop_app.domain.interface import SettleUntil
    from desktop_app.jobs.settle_file import ImportRequest

    return ImportRequest(
        data=data,
        file_name=FILE_NAME,
        format_id="closed-items",
        mandants=(MANDANT,),
        settle_until=SettleUntil.YESTERDAY,
        today=TODAY,
    )


def run_ours(path: Path, data: bytes) -> tuple[float, dict]:
    from desktop_app.jobs.settle_file import ImportOutcome, SettlementEngine
    from desktop_app.store.db import Database, sqlite_url

    db = Database(sqlite_url(path))  # opened (and checked) before the clock starts
    with db.engine.connect() as c:  # the pool's connection exists, as in the app
        c.exec_driver_sql("SELECT 1")
    request = import_request(data)
    started = time.perf_counter()
    result = SettlementEngine(db).run(request)
    elapsed = time.perf_counter() - started
    db.dispose()
    if result.outcome is not ImportOutcome.BOOKED:
        raise SystemExit(f"ours did not book: {result.outcome} {result.refused_reason}")
    return elapsed, {"booked": result.booked_count, "amount": str(result.booked_amount)}


# --- floor: the same bookings with nothing but sqlite3 ----------------------------------

_NOT_INVOICE_CHAR = re.compile(r"[^0-9A-ZÄÖÜ]")


def _cents(text: str) -> int:
    """German amount → whole cents, exact (no float): "1.234,5" → 123450."""
    negative = text.startswith("-") or text.endswith("-")
    text = text.strip("+-").replace(".", "")
    euros, _, fraction = text.partition(",")
    cents = int(euros or "0") * 100 + int((fraction + "00")[:2])
    return -cents if negative else cents


def _iso_day(text: str) -> str:
    """Zahldatum ``yyyyMMdd`` or ``dd.MM.yyyy`` as the ISO text SQLite stores."""
    if "." in text:
        day, month, year = text.split(".")
        return f"{year}-{month}-{day}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def _same_mandant(a: str, b: str) -> bool:
    return a == b or (a.isdigit() and b.isdigit() and int(a) == int(b))


def run_floor(path: Path, data: bytes) -> tuple[float, dict]:
    con = sqlite3.connect(path, isolation_level=None)
    # The app's connection settings, so both do the same foreign-key checks.
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA busy_timeout=10000")
    started = time.perf_counter()
    sha256 = hashlib.sha256(data).hexdigest()
    con.execute("BEGIN")
    if con.execute(
        "SELECT 1 FROM import_files WHERE sha256 = ? AND outcome = 'booked'", (sha256,)
    ).fetchone():
        raise SystemExit("floor: file booked before")
    mandant_id = con.execute("SELECT id FROM mandants WHERE name = ?", (MANDANT,)).fetchone()[0]
    by_number = con.cursor()
    by_digits = con.cursor()
    exact_sql = (
        "SELECT id, number, open_amount FROM invoices WHERE mandant_id = ? AND number_norm = ?"
    )
    digits_sql = (
        "SELECT id, number, open_amount FROM invoices WHERE mandant_id = ? AND number_digits = ?"
    )
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=";")
    next(reader)  # header: Rechnungsnummer;Betrag;Zahldatum;Mandant
    remaining: dict[int, int] = {}
    bookings: list[tuple] = []
    possible: list[tuple] = []  # look-alike numbers: reported with the invoice, not booked
    rows = 0
    for number, betrag, zahldatum, mandant in reader:
        rows += 1
        line = reader.line_num
        if mandant and not _same_mandant(mandant, MANDANT):
            continue
        amount = _cents(betrag) if betrag else None
        if amount is not None and amount <= 0:
            continue
        norm = _NOT_INVOICE_CHAR.sub("", number.upper())
        hit = by_number.execute(exact_sql, (mandant_id, norm)).fetchone()
        if hit is None:
            digits = "".join(ch for ch in norm if ch.isdigit()).lstrip("0")
            possible.append((line, by_digits.execute(digits_sql, (mandant_id, digits)).fetchall()))
            continue
        invoice_id, invoice_number, open_now = hit
        left = remaining.get(invoice_id, open_now)
        if left <= 0:
            continue
        booked = left if amount is None else min(amount, left)
        remaining[invoice_id] = left - booked
        paid_on = _iso_day(zahldatum) if zahldatum else None
        bookings.append(
            (invoice_id, booked, f"{sha256}:L{line}", line, invoice_number, amount, paid_on)
        )
    now = sqlite_now()
    booked_amount = sum(b[1] for b in bookings)
    file_id = con.execute(
        "INSERT INTO import_files (sha256, name, server, size, interface_id, import_format,"
        " outcome, reason, rows, booked_count, booked_amount, file_date, imported_at)"
        " VALUES (?, ?, '', ?, NULL, 'closed-items', 'booked', '', ?, ?, ?, NULL, ?)",
        (sha256, FILE_NAME, len(data), rows, len(bookings), booked_amount, now),
    ).lastrowid
    day = BOOKING_DATE.isoformat()
    con.executemany(
        "INSERT INTO bookings (invoice_id, booking_date, amount, source_key, import_file_id,"
        " source_line, reference, no_export, run_id, created_at, paid_amount, paid_on)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 1, NULL, ?, ?, ?)",
        [
            (i, day, a, key, file_id, line, ref, now, paid, paid_on)
            for i, a, key, line, ref, paid, paid_on in bookings
        ],
    )
    con.executemany(
        "UPDATE invoices SET open_amount = ?, status = ?, updated_at = ? WHERE id = ?",
        [(left, "open" if left > 0 else "paid", now, i) for i, left in remaining.items()],
    )
    con.execute("COMMIT")
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed, {"booked": len(bookings), "amount": f"{booked_amount / 100:.2f}"}


# --- the two ledgers must be the same ---------------------------------------------------


def compare(ours: Path, floor: Path) -> dict:
    con = sqlite3.connect(ours)
    con.execute("ATTACH DATABASE ? AS f", (str(floor),))
    q = con.execute

    def one(sql: str):
        return q(sql).fetchone()

    summary = {
        "open_sum": one("SELECT sum(open_amount) FROM main.invoices")[0],
        "open_sum_floor": one("SELECT sum(open_amount) FROM f.invoices")[0],
        "bookings": one("SELECT count(*) FROM main.bookings")[0],
        "bookings_floor": one("SELECT count(*) FROM f.bookings")[0],
    }
    problems = []
    if summary["open_sum"] != summary["open_sum_floor"]:
        problems.append("sum of open amounts differs")
    if summary["bookings"] != summary["bookings_floor"]:
        problems.append("booking count differs")
    differing = one(
        "SELECT count(*) FROM main.invoices a JOIN f.invoices b ON a.id = b.id"
        " WHERE a.open_amount != b.open_amount OR a.status != b.status"
    )[0]
    if differing:
        problems.append(f"{differing} invoices differ")
    cols = "invoice_id, booking_date, amount, source_key, source_line, reference, no_export,"
    cols += " paid_amount, paid_on"
    for a, b in (("main", "f"), ("f", "main")):
        extra = one(
            f"SELECT count(*) FROM (SELECT {cols} FROM {a}.bookings"
            f" EXCEPT SELECT {cols} FROM {b}.bookings)"
        )[0]
        if extra:
            problems.append(f"{extra} bookings only in {a}")
    # Dates and times must be stored as SQLAlchemy stores them, or it cannot compare them.
    day = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
    instant = day + " [0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]"
    for s in ("main", "f"):
        badly_stored = one(
            f"SELECT (SELECT count(*) FROM {s}.bookings WHERE booking_date NOT GLOB '{day}'"
            f" OR created_at NOT GLOB '{instant}')"
            f" + (SELECT count(*) FROM {s}.invoices WHERE updated_at NOT GLOB '{instant}')"
        )[0]
        if badly_stored:
            problems.append(f"{badly_stored} dates or times stored unlike SQLAlchemy in {s}")
    file_cols = "sha256, name, server, size, import_format, outcome, rows, booked_count,"
    file_cols += " booked_amount, reason"
    files = [q(f"SELECT {file_cols} FROM {s}.import_files").fetchall() for s in ("main", "f")]
    if files[0] != files[1]:
        problems.append(f"import_files differ: {files}")
    con.close()
    summary["problems"] = problems
    return summary


# --- memory: a 1M-row import in a fresh process -----------------------------------------


def child_main(mode: str, db_path: Path, csv_path: Path | None) -> None:
    """Run in a fresh interpreter: import the modules, open the db, maybe import a file."""
    from desktop_app.jobs.settle_file import SettlementEngine
    from desktop_app.store.db import Database, sqlite_url

    db = Database(sqlite_url(db_path))
    with db.engine.connect() as c:
        c.exec_driver_sql("SELECT count(*) FROM invoices")
    out: dict = {"mode": mode}
    if mode == "import":
        assert csv_path is not None
        data = csv_path.read_bytes()
        started = time.perf_counter()
        result = SettlementEngine(db).run(import_request(data))
        out["seconds"] = round(time.perf_counter() - started, 2)
        out["outcome"] = result.outcome.value
        out["booked"] = result.booked_count
        out["rows"] = result.rows
    out["maxrss_mb"] = peak_rss_mb()
    out["vmhwm_mb"] = high_water_mark_mb()  # cross-check: this process image only
    print(json.dumps(out))


# ru_maxrss survives execve: a child forked (or vforked) straight from this big process
# would report *our* peak. A tiny launcher in between makes the child's figure its own.
_LAUNCHER = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"


def run_child(mode: str, db_path: Path, csv_path: Path | None = None) -> dict:
    cmd = [sys.executable, "-S", "-c", _LAUNCHER]
    cmd += [sys.executable, __file__, "--child", mode, "--child-db", str(db_path)]
    if csv_path is not None:
        cmd += ["--child-csv", str(csv_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {mode} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- main -------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--invoices", type=int, default=1_000_000)
    ap.add_argument("--rows", type=int, default=100_000, help="0: skip the timing")
    ap.add_argument("--memory-rows", type=int, default=1_000_000, help="0: skip")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs, fresh copies; median")
    ap.add_argument("--quick", action="store_true", help="100k invoices, 10k rows, 100k mem")
    ap.add_argument("--workdir", type=Path, help="keep the files here (default: temporary)")
    ap.add_argument("--reuse", action="store_true", help="reuse the ledger in --workdir")
    ap.add_argument("--child", choices=["baseline", "import"], help=argparse.SUPPRESS)
    ap.add_argument("--child-db", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--child-csv", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child_main(args.child, args.child_db, args.child_csv)
        return 0
    if args.quick:
        args.invoices, args.rows, args.memory_rows = 100_000, 10_000, 100_000

    with work_folder(args.workdir, "import_bench_") as work:
        return run(args, work)


def run(args: argparse.Namespace, work: Path) -> int:
    rng = random.Random(SEED)
    template = work / "ledger_template.db"
    print(f"setup: ledger of {args.invoices:,} invoices, CSV of {args.rows:,} rows in {work}")
    started = time.perf_counter()
    wanted = {"invoices": args.invoices, "seed": SEED, "amounts": 2, "schema": 7}
    if template_ledger(
        template, wanted, args.reuse, lambda path: build_ledger(path, args.invoices, rng)
    ):
        print("reusing the ledger built by an earlier run")
    rng.seed(SEED + 2)  # the CSV must not depend on whether the ledger was built
    data = build_csv(args.rows, args.invoices, rng)
    print(f"setup took {time.perf_counter() - started:.1f} s (not measured)")

    ok = True
    if args.rows:
        ok &= measure_time(args, work, template, data)
    if args.memory_rows:
        ok &= measure_memory(args, work, template)
    return 0 if ok else 1


def measure_time(args: argparse.Namespace, work: Path, template: Path, data: bytes) -> bool:
    ours_times, floor_times = [], []
    ok = True
    for n in range(args.repeat):
        ours_db = copy_ledger(template, work / "ours.db")
        floor_db = copy_ledger(template, work / "floor.db")
        # Alternate the order so neither side always gets the warmer page cache.
        if n % 2 == 0:
            ours_t, ours_info = run_ours(ours_db, data)
            floor_t, floor_info = run_floor(floor_db, data)
        else:
            floor_t, floor_info = run_floor(floor_db, data)
            ours_t, ours_info = run_ours(ours_db, data)
        ours_times.append(ours_t)
        floor_times.append(floor_t)
        check = compare(ours_db, floor_db)
        same = not check["problems"]
        ok &= same
        print(
            f"run {n + 1}: ours {ours_t:.2f} s  floor {floor_t:.2f} s  "
            f"booked {ours_info['booked']:,} ({ours_info['amount']} EUR) vs "
            f"{floor_info['booked']:,} ({floor_info['amount']} EUR)  "
            f"ledgers {'identical' if same else 'DIFFER: ' + '; '.join(check['problems'])}"
        )
        print(
            f"       open sum {check['open_sum'] / 100:,.2f} / {check['open_sum_floor'] / 100:,.2f}"
            f"  bookings {check['bookings']:,} / {check['bookings_floor']:,}"
        )
    ours_t = statistics.median(ours_times)
    floor_t = statistics.median(floor_times)
    ratio = ours_t / floor_t
    verdict = "ok" if ratio <= RATIO_GOAL else "MISSED"
    print(
        f"ours {ours_t:.2f} s  floor {floor_t:.2f} s  ratio {ratio:.2f} "
        f"(goal ≤ {RATIO_GOAL}) {verdict}  [{args.rows:,} rows, {args.invoices:,} invoices]"
    )
    return ok and ratio <= RATIO_GOAL


def measure_memory(args: argparse.Namespace, work: Path, template: Path) -> bool:
    mem_csv = work / "memory.csv"
    mem_csv.write_bytes(build_csv(args.memory_rows, args.invoices, random.Random(SEED + 1)))
    mem_db = copy_ledger(template, work / "memory.db")
    base_db = copy_ledger(template, work / "baseline.db")
    baseline = run_child("baseline", base_db)
    imported = run_child("import", mem_db, mem_csv)
    delta = imported["maxrss_mb"] - baseline["maxrss_mb"]
    verdict = "ok" if delta <= MEMORY_GOAL_MB else "MISSED"
    print(
        f"memory: {args.memory_rows:,}-row import peak RSS {imported['maxrss_mb']:.0f} MB, "
        f"baseline (modules + open db) {baseline['maxrss_mb']:.0f} MB "
        f"(VmHWM {imported.get('vmhwm_mb') or 0:.0f} / {baseline.get('vmhwm_mb') or 0:.0f})"
    )
    print(
        f"import peak {delta:.0f} MB above baseline (goal ≤ {MEMORY_GOAL_MB} MB) {verdict}  "
        f"[{imported['outcome']}, {imported['booked']:,} booked of {imported['rows']:,} rows"
        f" in {imported['seconds']:.1f} s]"
    )
    return delta <= MEMORY_GOAL_MB


if __name__ == "__main__":
    sys.exit(main())
