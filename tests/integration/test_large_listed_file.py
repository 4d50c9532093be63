"""A file of 2 GiB or more beside the payment files (a backup, an upload in progress) is
refused on its own; the run still books the others, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from desktop_app.jobs.run_import import RunStatus
from desktop_app.store.catalog import Catalog

from .payment_run import PAYMENTS_0313, quick_runner, save_payment_interface, two_invoice_ledger

BEYOND_32_BITS = 2**31 + 10


@pytest.fixture
def db(any_db):
    return any_db


def test_a_listed_file_beyond_2_gib_is_refused_and_the_others_book(
    db, secret_store, serve_ftp, ftp_root
):
    Catalog(db).add_mandant("1")
    ledger = two_invoice_ledger(db)
    directory = save_payment_interface(db, secret_store, serve_ftp, ftp_root)
    (directory / "Zahlungen_0313.csv").write_bytes(PAYMENTS_0313)
    with open(directory / "Zahlungen_Sicherung.csv", "wb") as sparse:
        sparse.truncate(BEYOND_32_BITS)  # sparse: no disk space taken
    result = quick_runner(db, secret_store).run("Zahlungen")
    files = {f.name: f for f in result.files}
    assert files["IMPORT/Zahlungen_0313.csv"].outcome == "booked"
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0
    big = files["IMPORT/Zahlungen_Sicherung.csv"]
    assert (result.status, big.outcome, big.deleted) == (RunStatus.FAILED, "failed", False)
    assert big.error_kind == "FileTooLargeError", big.error
    assert (directory / "Zahlungen_Sicherung.csv").stat().st_size == BEYOND_32_BITS
