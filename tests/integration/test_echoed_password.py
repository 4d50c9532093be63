"""A server that repeats the password in its reply to the login: the reply is shown,
stored with the run, logged and mailed, always without the password."""

from __future__ import annotations

import email
import email.policy
import logging

from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.jobs.connection_test import prepare_ftp_test
from desktop_app.jobs.failure_mail import FailureMailer
from desktop_app.jobs.run_import import RunStatus
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.smtp_store import SmtpStore

from .conftest import PASSWORD
from .payment_run import payment_settings, quick_runner, two_invoice_ledger
from .test_run_pipeline import GOOD


def test_a_reply_repeating_the_password_never_shows_it(
    db, catalog, secret_store, serve_ftp, serve_smtp, ftp_root, data_dir, caplog
):
    from desktop_app.jobs.interface_edit import InterfaceEditor

    caplog.set_level(logging.DEBUG)
    two_invoice_ledger(db)
    server = serve_ftp(echo_password=True)
    (ftp_root / "IMPORT").mkdir()
    (ftp_root / "IMPORT" / "Zahlungen_0313.csv").write_bytes(GOOD)
    settings = payment_settings(server.host, server.port, error_email="filiale@example.org")
    InterfaceEditor(InterfaceRepository(db), secret_store).save(settings, password=PASSWORD)
    smtp = serve_smtp()
    SmtpStore(db).save(SmtpSettings(smtp.host, smtp.port, SmtpSecurity.NONE, "", "i@example.org"))

    mailer = FailureMailer(db, secret_store, timeout=5)
    result = quick_runner(db, secret_store, mailer=mailer).run("Zahlungen")
    assert result.status is RunStatus.FAILED and result.error_kind == "ProtocolError"
    assert "451 Auth backend error for PASS ***" in result.error
    assert "PASS ***" in result.error_text("en")
    (envelope,) = smtp.inbox.envelopes
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert "PASS ***" in mail.get_content()

    stored = InterfaceRepository(db).get("Zahlungen")
    test = prepare_ftp_test(secret_store, stored.settings.ftp, stored=stored).run(timeout=5)
    failed = test.failed_step
    assert failed is not None and "PASS ***" in failed.text("de")
    assert failed.error is not None and PASSWORD not in str(failed.error.__cause__)

    everything = (
        result.error + result.error_text("en") + envelope.content.decode("utf-8", "replace")
        + caplog.text + test.failed_step.text("en")
    )  # fmt: skip
    assert PASSWORD not in everything
    db.dispose()
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_the_failure_mail_masks_the_ftp_password_whatever_the_text_says(
    db, catalog, secret_store, serve_ftp, serve_smtp, ftp_root
):
    """Behind the client's masking: a report whose text has the password anyway (a
    server that quotes it in another reply, a client that is not ours)."""
    from datetime import UTC, datetime

    from desktop_app.jobs.interface_edit import InterfaceEditor
    from desktop_app.transfer.report import RunReport

    server = serve_ftp()
    settings = payment_settings(server.host, server.port, error_email="filiale@example.org")
    stored = InterfaceEditor(InterfaceRepository(db), secret_store).save(
        settings, password=PASSWORD
    )
    smtp = serve_smtp()
    SmtpStore(db).save(SmtpSettings(smtp.host, smtp.port, SmtpSecurity.NONE, "", "i@example.org"))
    report = RunReport("Zahlungen", datetime.now(UTC), f"Antwort: 550 {PASSWORD} abgelehnt")
    assert FailureMailer(db, secret_store, timeout=5)(stored, report)
    (envelope,) = smtp.inbox.envelopes
    body = email.message_from_bytes(envelope.content, policy=email.policy.default).get_content()
    assert "Antwort: 550 *** abgelehnt" in body and PASSWORD not in body
