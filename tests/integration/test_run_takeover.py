"""A run whose lease ran out and was taken by another computer stops before its next file."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.jobs.failure_mail import FailureMailer
from desktop_app.jobs.run_import import RunStatus
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.lease import DEFAULT_TTL, RunLease
from desktop_app.store.run_models import RunRow
from desktop_app.store.smtp_store import SmtpStore

from .payment_run import NAME, quick_runner, save_payment_interface, two_invoice_ledger


def test_a_run_that_lost_its_lease_leaves_the_rest_to_the_new_holder(
    db, catalog, secret_store, serve_ftp, serve_smtp, ftp_root
):
    ledger = two_invoice_ledger(db)
    folder = save_payment_interface(
        db, secret_store, serve_ftp, ftp_root, error_email="filiale@example.org"
    )
    smtp = serve_smtp()
    SmtpStore(db).save(
        SmtpSettings(smtp.host, smtp.port, SmtpSecurity.NONE, "", "import@example.org")
    )
    for number in (1, 2):
        path = folder / f"zahlungen_{number}.csv"
        path.write_bytes(f"Rechnungsnummer;Betrag\r\nRE-2026-000{number};\r\n".encode())
        os.utime(path, (1_000_000 + number, 1_000_000 + number))  # file 1 is taken first
    interface_id = InterfaceRepository(db).get(NAME).id
    clock = [datetime(2026, 3, 14, 7, 0, tzinfo=UTC)]
    computer_b = RunLease(db, holder="PC-B:1:b", now=lambda: clock[0])

    def first_file_outlives_the_lease(step) -> None:
        # Its first file takes longer than the lease lasts; meanwhile B takes the lease.
        if step.step == "download" and step.file_index == 1:
            clock[0] += DEFAULT_TTL + timedelta(minutes=1)
            assert computer_b.acquire(interface_id)

    computer_a = quick_runner(
        db,
        secret_store,
        lease=RunLease(db, holder="PC-A:1:a", now=lambda: clock[0]),
        mailer=FailureMailer(db, secret_store, timeout=5),
        on_progress=first_file_outlives_the_lease,
    )
    result = computer_a.run(NAME)

    assert result.status is RunStatus.CANCELLED
    assert result.error_kind == "taken-over"
    assert "anderer Rechner" in result.error_text("de")
    assert "took over this interface's run" in result.error_text("en")
    assert [(f.name, f.outcome, f.deleted) for f in result.files] == [
        ("IMPORT/zahlungen_1.csv", "booked", True)
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["zahlungen_2.csv"]
    assert ledger.invoice("1", "RE-2026-0002").open_amount == Decimal("59.90")
    assert not result.mailed and smtp.inbox.envelopes == []
    with db.session() as s:
        assert s.scalar(select(RunRow.status).where(RunRow.id == result.run_id)) == "cancelled"

    # A's end left B's lease alone: B's run imports the file A did not touch.
    second = quick_runner(db, secret_store, lease=computer_b).run(NAME)
    assert second.status is RunStatus.OK
    assert [(f.name, f.booked, f.deleted) for f in second.files] == [
        ("IMPORT/zahlungen_2.csv", 1, True)
    ]
    assert ledger.invoice("1", "RE-2026-0002").open_amount == 0
