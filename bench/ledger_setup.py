"""The benchmarks' ledger: invoices of Mandant "1" in a SQLite file made by the app's own
migrations, built once into a template (kept with ``--workdir``/``--reuse``) and copied
fresh for each measured run. Used by import_throughput.py and case_suggestions.py."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

MANDANT = "1"


def number_of(i: int) -> str:
    return f"RE-2026-{i:07d}"


def amounts_of(i: int) -> tuple[int, int]:
    """Invoice ``i``'s amount and open amount in cents: the same for the ledger and for
    the CSV, which mostly pays exactly what is open."""
    amount = 500 + (i * 2_654_435_761) % 249_501
    kind = (i * 40_503) % 100
    if kind < 5:  # paid already
        return amount, 0
    if kind < 10:  # partly paid
        return amount, amount // 3
    return amount, amount


def sqlite_now() -> str:
    """How SQLAlchemy stores a DateTime on SQLite (checked against the app's own rows)."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def build_ledger(path: Path, invoices: int, rng: random.Random) -> None:
    """The schema through the app's migrations, the invoices by executemany for speed."""
    from desktop_app.domain.formats.text import digits_key, normalise_invoice_number
    from desktop_app.store.db import Database, sqlite_url

    db = Database(sqlite_url(path))  # runs every migration: the real schema
    db.dispose()
    con = sqlite3.connect(path)
    with con:
        con.executemany("INSERT INTO mandants (name) VALUES (?)", [("1",), ("2",)])
        con.executemany(
            "INSERT INTO branches (name) VALUES (?)", [(f"Filiale {n}",) for n in range(1, 11)]
        )
        mandant_id = con.execute("SELECT id FROM mandants WHERE name = ?", (MANDANT,)).fetchone()[0]
        branch_ids = [row[0] for row in con.execute("SELECT id FROM branches")]
        now = sqlite_now()
        start = date(2025, 1, 1)

        def rows():
            for i in range(1, invoices + 1):
                number = number_of(i)
                norm = normalise_invoice_number(number)
                amount, open_amount = amounts_of(i)
                yield (
                    number,
                    norm,
                    digits_key(norm),
                    mandant_id,
                    rng.choice(branch_ids) if i % 10 else None,
                    (start + timedelta(days=i % 430)).isoformat(),
                    amount,
                    open_amount,
                    "open" if open_amount > 0 else "paid",
                    now,
                )

        con.executemany(
            "INSERT INTO invoices (number, number_norm, number_digits, mandant_id, branch_id,"
            " invoice_date, amount, open_amount, status, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows(),
        )
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("ANALYZE")
    con.close()


def template_ledger(
    template: Path, wanted: dict, reuse: bool, build: Callable[[Path], None]
) -> bool:
    """Build ``template`` unless ``reuse`` finds one built for the same ``wanted`` (noted
    beside it as JSON); True when it was reused."""
    meta = template.with_suffix(".json")
    if reuse and template.exists() and meta.exists() and json.loads(meta.read_text()) == wanted:
        return True
    meta.unlink(missing_ok=True)
    template.unlink(missing_ok=True)
    build(template)
    meta.write_text(json.dumps(wanted))
    return False


def copy_ledger(template: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    # Write the copy out now: else the kernel flushes it while the next timed run
    # commits, and whichever side runs first pays for the other's copy too.
    with open(target, "rb+") as f:
        os.fsync(f.fileno())
    return target


@contextmanager
def work_folder(workdir: Path | None, prefix: str) -> Iterator[Path]:
    """``--workdir``, kept for a later ``--reuse``; else a temporary folder, removed after."""
    if workdir:
        workdir.mkdir(parents=True, exist_ok=True)
        yield workdir
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as temp:
        yield Path(temp)
