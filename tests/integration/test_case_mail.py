"""Open Klärungsfälle in mails, through a real SMTP server (aiosmtpd): a failed run's
report names its open cases with their age; the daily summary goes out once a day, at
the chain's time, from one computer of the chain."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop_app.domain.interface import CaseOptions, ChainOptions, SettleUntil
from desktop_app.jobs.case_mail import CaseSummaryJob, open_case
from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
from desktop_app.store.case_models import CaseRow
from desktop_app.store.cases import CaseFilter, list_cases
from desktop_app.store.catalog import Catalog

from . import test_run_pipeline as pipeline
from .servers import free_port

BAD, runner = pipeline.BAD, pipeline.runner
# The run pipeline's fixtures: its ledger and interface on a real FTP server (the SMTP
# inbox comes from conftest).
ledger, interface = pipeline.ledger, pipeline.interface

BERLIN = ZoneInfo("Europe/Berlin")
UNMATCHED = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "RE-2026-0001;119,00;20260313;1\r\n"
    "GS-2026-0002;59,90;20260313;1\r\n"
).encode("cp1252")


def bodies(inbox) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(e.content, policy=email.policy.default) for e in inbox.envelopes
    ]


def test_a_failed_run_names_the_open_cases_it_left(db, ledger, interface, smtp_inbox, secret_store):
    (interface / "Zahlungen_0313.csv").write_bytes(UNMATCHED)
    (interface / "Zahlungen_kaputt.csv").write_bytes(BAD)
    result = runner(db, secret_store).run("Zahlungen")
    assert result.status.value == "failed" and result.mailed
    (case,) = list_cases(db, CaseFilter(open_only=True))
    assert case.run_id == result.run_id
    assert [f.case_ids for f in result.files] == [[case.id], []]
    (mail,) = bodies(smtp_inbox)
    body = mail.get_content()
    assert "Offene Klärungsfälle dieses Laufs" in body
    assert f"Fall {case.id}, seit heute offen: 59,90 €" in body
    assert "Zeile 3" in body and "GS-2026-0002" not in mail["Subject"]


def open_a_case(db) -> None:
    SettlementEngine(db).run(
        ImportRequest(
            data=UNMATCHED,
            file_name="gp.csv",
            format_id="closed-items",
            mandants=("1",),
            settle_until=SettleUntil.TODAY,
            today=date(2026, 3, 14),
        )
    )


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BERLIN).astimezone(UTC)


def test_the_daily_summary_goes_out_once_at_its_time(db, ledger, smtp_inbox, secret_store):
    open_a_case(db)
    job = CaseSummaryJob(db, secret_store, tz=BERLIN, timeout=5)
    today = datetime.now(BERLIN).date()
    assert job.next_due(local(today, 6)) is None  # off until an administrator switches it on
    Catalog(db).set_chain_options(
        ChainOptions(
            cases=CaseOptions(
                overdue_days=2,
                summary_enabled=True,
                summary_time=time(7, 30),
                summary_recipient="buchhaltung@example.org",
            )
        )
    )
    later = today + timedelta(days=3)  # the case is three days old then: overdue
    assert job.next_due(local(later, 6)) == local(later, 7, 30)
    assert not job.run(local(later, 7, 29))
    assert job.run(local(later, 7, 31))
    other_computer = CaseSummaryJob(db, secret_store, tz=BERLIN, timeout=5)
    assert not other_computer.run(local(later, 8))
    assert not job.run(local(later, 9))
    assert job.next_due(local(later, 9)) == local(later + timedelta(days=1), 7, 30)
    (mail,) = bodies(smtp_inbox)
    assert mail["To"] == "buchhaltung@example.org"
    assert mail["Subject"].startswith("Klärungsfälle: 1 offen")
    body = mail.get_content()
    assert "[ÜBERFÄLLIG] Fall 1, seit 3 Tagen offen: 59,90 €" in body
    assert "älter als 2 Tage" in body


def test_a_case_opened_after_local_midnight_counts_its_days_from_the_local_date(db, ledger):
    open_a_case(db)
    (case,) = list_cases(db, CaseFilter(open_only=True))
    # 00:30 in Berlin on 14 March is still 13 March in UTC.
    just_after_midnight = replace(case, opened_at=local(date(2026, 3, 14), 0, 30))
    assert just_after_midnight.opened_at.date() == date(2026, 3, 13)

    def age(day: int):
        return open_case(just_after_midnight, date(2026, 3, day), 2, BERLIN)

    assert age(14).age_days == 0
    assert (age(16).age_days, age(16).overdue) == (2, False)
    assert (age(17).age_days, age(17).overdue) == (3, True)


def test_older_than_lists_exactly_the_cases_the_overdue_mark_counts(db, ledger):
    """The list's "älter als 2 Tage" and the mark "überfällig" at a limit of 2 agree, in
    whatever zone this computer is: both count whole days of its calendar."""
    open_a_case(db)
    (case,) = list_cases(db, CaseFilter(open_only=True))
    today = date(2026, 3, 20)
    now = datetime.combine(today, time(12, 0)).astimezone()  # noon here
    older_than_two = CaseFilter(open_only=True, older_than_days=2)
    seen = {}
    for day, hour in [(17, 23), (18, 0), (18, 1), (18, 23), (19, 0), (20, 11)]:
        opened = datetime.combine(date(2026, 3, day), time(hour, 30)).astimezone()
        with db.engine.begin() as connection:
            connection.execute(CaseRow.__table__.update().values(opened_at=opened.astimezone(UTC)))
        listed = [c.id for c in list_cases(db, older_than_two, now=now)]
        (stored,) = list_cases(db, CaseFilter(open_only=True))
        seen[(day, hour)] = listed == [case.id]
        assert seen[(day, hour)] is open_case(stored, today, 2).overdue, (day, hour)
    # 18 March 01:30 is 58 hours before the noon of the 20th, and two calendar days.
    assert seen == {(17, 23): True, (18, 0): False, (18, 1): False, (18, 23): False,
                    (19, 0): False, (20, 11): False}  # fmt: skip


def test_a_failed_summary_is_tried_again_later(db, ledger, secret_store):
    from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
    from desktop_app.store.smtp_store import SmtpStore

    open_a_case(db)
    nobody = free_port()  # nothing listens there
    SmtpStore(db).save(
        SmtpSettings("127.0.0.1", nobody, SmtpSecurity.NONE, "", "import@example.org")
    )
    Catalog(db).set_chain_options(
        ChainOptions(cases=CaseOptions(summary_enabled=True, summary_recipient="a@example.org"))
    )
    job = CaseSummaryJob(db, secret_store, tz=BERLIN, timeout=2)
    today = datetime.now(BERLIN).date()
    assert not job.run(local(today, 8))
    # The day is free again, the next try half an hour on.
    assert job.next_due(local(today, 8)) == local(today, 8, 30)
