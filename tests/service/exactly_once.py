"""Payment files whose double booking would show, and the checks that nothing booked twice.

Shared by the crash test and the two-server test. Every invoice is large enough that no
sum of partial payments ever reaches it, so each row of each file books exactly its own
amount and the expected open amount of every invoice follows from the set of files booked.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from desktop_app.domain.interface import (
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
)
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger
from desktop_app.store.ledger_models import Booking, ImportFile, Invoice
from desktop_app.store.secrets import SecretStore
from tests.integration.conftest import PASSWORD, USER

MANDANT = "1"
COMMITTED = ("booked", "duplicate", "nothing")  # import_files outcomes of a committed file


def invoice_numbers(count: int) -> list[str]:
    return [f"RE-2026-{i:04d}" for i in range(1, count + 1)]


def load_ledger(db: Database, numbers: list[str]) -> None:
    """Mandant 1 with one open invoice of 5000,00 per number."""
    Catalog(db).add_mandant(MANDANT)
    rows = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + "".join(
        f"{n};{MANDANT};01.02.2026;5000,00\n" for n in numbers
    )
    Ledger(db).import_invoices(read_invoices(rows.encode(), file_name="ledger.csv"))


@dataclass(frozen=True)
class PaymentFile:
    """One closed-items file: partial payments on invoices other files pay on too."""

    name: str
    data: bytes
    payments: tuple[tuple[str, Decimal], ...]  # (invoice number, amount) per row

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def total(self) -> Decimal:
        return sum((a for _, a in self.payments), Decimal("0.00"))


def payment_files(
    rng: random.Random, numbers: list[str], prefix: str, count: int, rows: tuple[int, int]
) -> list[PaymentFile]:
    files = []
    for index in range(1, count + 1):
        chosen = rng.sample(numbers, rng.randint(*rows))
        payments = tuple((number, Decimal(rng.randint(100, 9999)) / 100) for number in chosen)
        # Each file its own payment date: a row equal to one booked from another file
        # (invoice, amount, date) would be held as a possible duplicate, not booked.
        paid_on = f"{date(2020, 1, 1) + timedelta(days=rng.randint(0, 3650)):%d.%m.%Y}"
        text = "Rechnungsnummer;Betrag;Zahldatum\r\n" + "".join(
            f"{number};{f'{amount:.2f}'.replace('.', ',')};{paid_on}\r\n"
            for number, amount in payments
        )
        files.append(PaymentFile(f"{prefix}_{index:02d}.csv", text.encode("cp1252"), payments))
    return files


def put_on_server(directory: Path, files: list[PaymentFile], mtime: float) -> None:
    """Write ``files`` with increasing modification times: the run takes them in order."""
    directory.mkdir(parents=True, exist_ok=True)
    for offset, f in enumerate(files):
        path = directory / f.name
        path.write_bytes(f.data)
        os.utime(path, (mtime + offset, mtime + offset))


def save_interface(db: Database, name: str, host: str, port: int, directory: str) -> int:
    """A chain-wide daily closed-items interface on mandant 1; the password in the keyring
    under the default service name, as an installation stores it."""
    settings = InterfaceSettings(
        name=name,
        import_format=ImportFormat.CLOSED_ITEMS,
        mandants=(MANDANT,),
        settle_until=SettleUntil.TODAY,
        run_time=time(12, 0),
        interval=Interval(IntervalKind.DAILY),
        ftp=FtpSettings(Protocol.FTP, host, port, directory, False, USER),
    )
    stored = InterfaceEditor(InterfaceRepository(db), SecretStore()).save(
        settings, password=PASSWORD
    )
    return stored.id


def delete_interface(db: Database, name: str) -> None:
    """Removes the keyring entry too; the database itself is thrown away by the fixture."""
    InterfaceEditor(InterfaceRepository(db), SecretStore()).delete(name)


def committed_shas(db: Database) -> dict[str, set[str]]:
    """sha256 -> the outcomes of the import_files rows committed for that content."""
    found: dict[str, set[str]] = defaultdict(set)
    with db.session() as s:
        for sha, outcome in s.execute(select(ImportFile.sha256, ImportFile.outcome)):
            found[sha].add(outcome)
    return found


def check_exactly_once(
    db: Database, files: list[PaymentFile], gone: set[str], numbers: list[str]
) -> set[str]:
    """Assert the ledger is consistent with some set of whole files booked once each.

    ``gone``: names of ``files`` no longer on the server; each must have its booking
    committed (a file is deleted only after that). Returns the names of the booked files.
    Checks: at most one booked import_files row per content, none of unknown content (a
    partial download booked would be one); bookings per file match its record and the
    file's rows (no partial booking); per invoice, the bookings and the open amount are
    exactly what the booked files pay.
    """
    by_sha = {f.sha256: f for f in files}
    with db.session() as s:
        records = s.execute(
            select(
                ImportFile.id,
                ImportFile.sha256,
                ImportFile.outcome,
                ImportFile.booked_count,
                ImportFile.booked_amount,
            )
        ).all()
        per_file = {
            file_id: (count, total)
            for file_id, count, total in s.execute(
                select(
                    Booking.import_file_id, func.count(Booking.id), func.sum(Booking.amount)
                ).group_by(Booking.import_file_id)
            )
        }
        per_invoice = dict(
            s.execute(
                select(Invoice.number, func.coalesce(func.sum(Booking.amount), 0))
                .outerjoin(Booking, Booking.invoice_id == Invoice.id)
                .group_by(Invoice.number)
            ).all()
        )
        invoices = {
            number: (amount, open_amount)
            for number, amount, open_amount in s.execute(
                select(Invoice.number, Invoice.amount, Invoice.open_amount)
            )
        }
    unexpected = [r for r in records if r.outcome not in COMMITTED]
    assert not unexpected, f"files failed or were refused: {unexpected}"
    strangers = [r for r in records if r.sha256 not in by_sha]
    assert not strangers, f"content no test file has was imported: {strangers}"
    booked = Counter(r.sha256 for r in records if r.outcome == "booked")
    twice = {by_sha[sha].name: n for sha, n in booked.items() if n > 1}
    assert not twice, f"booked more than once: {twice}"
    unbooked_gone = sorted(f.name for f in files if f.name in gone and f.sha256 not in booked)
    assert not unbooked_gone, f"deleted on the server without a committed booking: {unbooked_gone}"
    for r in records:
        count, total = per_file.get(r.id, (0, Decimal("0.00")))  # sum() keeps Money's type
        if r.outcome != "booked":
            assert count == 0, f"a {r.outcome} record has {count} bookings"
            continue
        expected = by_sha[r.sha256]
        assert (count, total) == (r.booked_count, r.booked_amount), (
            f"partial booking of {expected.name}: {count} bookings of {total}, "
            f"recorded {r.booked_count} of {r.booked_amount}"
        )
        assert (count, total) == (len(expected.payments), expected.total), expected.name
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for sha in booked:
        for number, amount in by_sha[sha].payments:
            paid[number] += amount
    for number in numbers:
        amount, open_amount = invoices[number]
        booked_sum = per_invoice[number]
        assert booked_sum == paid[number], f"{number}: booked {booked_sum}, paid {paid[number]}"
        assert open_amount == amount - paid[number] >= 0, f"{number}: open {open_amount}"
    return {by_sha[sha].name for sha in booked}
