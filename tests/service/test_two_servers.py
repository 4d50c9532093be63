"""Two `desktop-app serve` processes on one database race for the same interfaces.

Two chain-wide daily interfaces (two directories on one FTP server) pay partially on
the same invoices. Each round makes both due (the catch-up trick), puts fresh files on
the server and starts two services at the same moment, each with its own data directory.
Both go for the first interface: one claims it, the other finds it claimed (or its lease
taken) and goes on to the second one, so the two book concurrently on shared invoices;
the first then finds the second's slot served. Every slot must be served by exactly
one run and every file booked exactly once; on SIGTERM both services exit 0.
"""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time
from datetime import date

from sqlalchemy import delete, select

from desktop_app.domain.interface import SettleUntil
from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.run_models import RunRow, ScheduleStateRow
from tests.conftest import need

from .conftest import make_due, start_serve, wait_for
from .exactly_once import (
    MANDANT,
    check_exactly_once,
    delete_interface,
    invoice_numbers,
    load_ledger,
    payment_files,
    put_on_server,
    save_interface,
)

SEED = 4711
ROUNDS = 3
FILES = 4  # per interface and round
ROWS = (8, 16)  # of 24 invoices: concurrent bookings share invoices in every file
INTERFACES = {"Kette Nord": "NORD", "Kette Süd": "SUED"}
RAN = "Verzeichnis wird gelesen"  # the run's first progress line, in the service's log


def _rewind(url: str, interface_id: int) -> None:
    """Forget the slots served so far, then pretend the last one was yesterday."""
    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(delete(ScheduleStateRow).where(ScheduleStateRow.interface_id == interface_id))
    db.dispose()
    make_due(url, interface_id)


def _runs(db: Database, after: int) -> list[RunRow]:
    with db.session() as s:
        return list(s.scalars(select(RunRow).where(RunRow.id > after)))


def _race(tmp_path, url: str, server, ftp_root) -> None:
    rng = random.Random(SEED)
    db = Database(url)
    numbers = invoice_numbers(24)
    load_ledger(db, numbers)
    ids = {
        name: save_interface(db, name, server.host, server.port, f"{directory}/")
        for name, directory in INTERFACES.items()
    }
    files = []
    processes: list[subprocess.Popen] = []
    try:
        for round_no in range(1, ROUNDS + 1):
            with db.session() as s:
                last_run = s.scalar(select(RunRow.id).order_by(RunRow.id.desc())) or 0
            for name, directory in INTERFACES.items():
                _rewind(url, ids[name])
                batch = payment_files(rng, numbers, f"Runde{round_no}_{directory}", FILES, ROWS)
                put_on_server(ftp_root / directory, batch, time.time() - 600)
                files += batch

            processes = [start_serve(tmp_path / f"data-{side}-{round_no}", url) for side in "ab"]

            def served(after: int = last_run) -> bool:
                on_server = any(any((ftp_root / d).iterdir()) for d in INTERFACES.values())
                finished = [r for r in _runs(db, after) if r.finished_at is not None]
                return not on_server and len(finished) >= len(INTERFACES)

            done = wait_for(served, 60)
            for process in processes:  # both at once, one SIGTERM each (as systemd does)
                process.send_signal(signal.SIGTERM)
            outputs = [process.communicate(timeout=30)[0] for process in processes]
            logs = "\n----\n".join(outputs)
            assert done, f"round {round_no}: {_runs(db, last_run)}\n{logs}"
            assert [process.returncode for process in processes] == [0, 0], logs
            # Exactly one run per interface and slot, none of them skipped or failed.
            by_interface = {}
            for run in _runs(db, last_run):
                assert run.interface_id not in by_interface, f"slot served twice: {run}"
                by_interface[run.interface_id] = run
            assert set(by_interface) == set(ids.values())
            for interface_id, run in by_interface.items():
                assert (run.trigger, run.status) == ("catchup", "ok"), run.error
                with db.session() as s:
                    state = s.get(ScheduleStateRow, interface_id)
                assert state.last_slot_at == run.slot_at
            # Each interface's run shows in exactly one of the two services' logs.
            assert sum(output.count(RAN) for output in outputs) == len(INTERFACES), outputs
            gone = {f.name for f in files}
            assert check_exactly_once(db, files, gone, numbers) == gone
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate()
        for name in INTERFACES:
            delete_interface(db, name)
        db.dispose()


def test_two_services_on_postgresql_book_every_file_once(
    tmp_path, pg_url, serve_ftp, ftp_root, secret_service_backend
):
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    _race(tmp_path, pg_url, serve_ftp(), ftp_root)


def test_two_services_on_one_sqlite_file_book_every_file_once(
    tmp_path, serve_ftp, ftp_root, secret_service_backend
):
    """Branch offices rarely share one SQLite file (on a network drive): the same race."""
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    _race(tmp_path, sqlite_url(tmp_path / "shared.sqlite3"), serve_ftp(), ftp_root)


def test_bookings_on_shared_invoices_at_the_same_moment_do_not_deadlock(pg_url):
    """What the services above do now and then, done on purpose: two workstations book
    different files on the same invoices at the same moment, rows in different orders.
    Each transaction locks the invoices it lowers; taken in the files' row order, two of
    them wait for each other and PostgreSQL aborts one ("deadlock detected"), failing its
    run. Every file must book, exactly once."""
    rng = random.Random(SEED)
    db = Database(pg_url)
    numbers = invoice_numbers(40)
    load_ledger(db, numbers)
    files = payment_files(rng, numbers, "Gleichzeitig", 60, (40, 40))
    errors: list[str] = []
    workstations = [Database(pg_url, upgrade=False) for _ in range(2)]
    try:
        for first, second in zip(files[::2], files[1::2], strict=True):
            start = threading.Barrier(2)

            def book(workstation: Database, f, start: threading.Barrier) -> None:
                request = ImportRequest(
                    data=f.data,
                    file_name=f.name,
                    format_id="closed-items",
                    mandants=(MANDANT,),
                    settle_until=SettleUntil.TODAY,
                    today=date(2026, 3, 14),
                )
                start.wait()
                try:
                    outcome = SettlementEngine(workstation).run(request).outcome.value
                    assert outcome == "booked", outcome
                except Exception as exc:
                    errors.append(f"{f.name}: {type(exc).__name__}: {str(exc).splitlines()[0]}")

            threads = [
                threading.Thread(target=book, args=(workstation, f, start))
                for workstation, f in zip(workstations, (first, second), strict=True)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
        assert errors == []
        every = {f.name for f in files}
        assert check_exactly_once(db, files, every, numbers) == every
    finally:
        for workstation in workstations:
            workstation.dispose()
        db.dispose()
