"""A run's database work takes a number of round trips that does not grow with the rows
of its file: reads and writes go in batches. Counted with SQLAlchemy's event hooks on a
real PostgreSQL, for a run of one file at two sizes."""

from __future__ import annotations

import pytest

from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.run_import import RunStatus
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database
from desktop_app.store.ledger import Ledger

from ..payment_samples import ledger_csv, payments_csv
from ..round_trips import counting_round_trips
from .payment_run import quick_runner, save_payment_interface

INVOICES = 2_500


@pytest.fixture
def pg(pg_url):
    db = Database(pg_url)
    yield db
    db.dispose()


@pytest.fixture
def interface(pg, secret_store, serve_ftp, ftp_root):
    catalog = Catalog(pg)
    catalog.add_mandant("1")
    Ledger(pg).import_invoices(read_invoices(ledger_csv(INVOICES), file_name="l.csv"))
    return save_payment_interface(pg, secret_store, serve_ftp, ftp_root)


def counted_run(db, secret_store, directory, rows: int, seed: int):
    (directory / f"Zahlungen_{seed}.csv").write_bytes(payments_csv(rows, INVOICES, seed))
    runner = quick_runner(db, secret_store)
    with counting_round_trips(db) as trips:
        result = runner.run("Zahlungen")
    assert result.status is RunStatus.OK, result.error
    assert [f.rows for f in result.files] == [rows]
    assert result.files[0].booked > rows * 0.9
    return trips


def test_a_runs_round_trips_do_not_grow_with_its_rows(pg, interface, secret_store):
    small = counted_run(pg, secret_store, interface, 100, seed=1)
    large = counted_run(pg, secret_store, interface, 2_000, seed=2)
    assert large.total == small.total, f"{small.report()}\n{large.report()}"
    # Per run and file: the interface, the lease, the run's record, each file's states,
    # one planning and one booking transaction, the closing totals (91 before batching).
    assert large.total <= 60, large.report()
