"""Open Klärungsfälle in mails: the lines of a failed run's report, and the daily
summary the scheduler sends (a chain option: on or off, the time, the recipient).

On a chain's shared database every computer's scheduler may try the summary; the day is
claimed in the database first, so exactly one sends it (and a failed send gives the day
back, for the next try).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo

from ..store.case_summary import claim_summary_day, release_summary_day, summary_sent_on
from ..store.cases import CaseFilter, CaseView, list_cases
from ..store.catalog import Catalog
from ..store.db import Database
from ..store.secrets import SecretStore
from ..store.smtp_store import SmtpStore
from ..transfer.case_summary_mail import compose_case_summary
from ..transfer.report import OpenCase
from ..transfer.smtp import send
from .credentials import stored_smtp_password
from .local_zone import local_zone

log = logging.getLogger(__name__)
RETRY_AFTER = timedelta(minutes=30)  # after a failed send


def open_case(case: CaseView, today: date, overdue_days: int, tz: tzinfo | None = None) -> OpenCase:
    where = f"Datei „{case.file_name}“" + (f", {case.where}" if case.where else "")
    in_file = case.where_text("en")
    where_en = f"file “{case.file_name}”" + (
        f", {in_file[:1].lower()}{in_file[1:]}" if in_file else ""
    )
    age = case.age_days(today, tz)
    return OpenCase(
        case.id,
        age,
        case.remaining,
        case.payer_name,
        where,
        case.reason,
        age > overdue_days,
        where_en=where_en,
        reason_en=case.detail.text("en") if case.detail else "",
    )


def open_cases_of(
    db: Database, case_ids: Iterable[int], today: date | None = None
) -> tuple[OpenCase, ...]:
    """The cases among ``case_ids`` that are still open, for a failed run's report; none
    when the database cannot be read (the report goes out without them)."""
    ids = tuple(sorted(set(case_ids)))
    if not ids:
        return ()
    try:
        overdue = Catalog(db).chain_options().cases.overdue_days
        cases = list_cases(db, CaseFilter(open_only=True, case_ids=ids, limit=None))
    except Exception as exc:  # the failure mail must still go out
        log.warning("open cases not read for the report: %s", exc)
        return ()
    day = today or date.today()
    return tuple(open_case(c, day, overdue) for c in cases)


@dataclass
class CaseSummaryJob:
    """The daily summary as a job of the scheduler: ``next_due`` says when, ``run`` sends.

    Sent once a day at the chain's time (this computer's local time), to the chain's
    recipient, through the installation's SMTP server; nothing when no case is open.
    """

    db: Database
    secrets: SecretStore
    tz: tzinfo = field(default_factory=local_zone)
    timeout: float = 30.0
    send_mail: Callable = send
    lang: str = "de"  # the program's language (config.configured_language)
    _retry_at: datetime | None = None

    def next_due(self, now: datetime) -> datetime | None:
        options = Catalog(self.db).chain_options().cases
        if not options.summary_enabled or not options.summary_recipient.strip():
            return None
        local = now.astimezone(self.tz)
        day = local.date()
        if summary_sent_on(self.db) == day:
            day += timedelta(days=1)
        due = datetime.combine(day, options.summary_time, self.tz).astimezone(UTC)
        if self._retry_at is not None and self._retry_at > due:
            return self._retry_at
        return due

    def run(self, now: datetime) -> bool:
        """Send today's summary if it is due and no computer has sent it; True if sent."""
        due = self.next_due(now)
        if due is None or due > now:
            return False
        day = now.astimezone(self.tz).date()
        previous = claim_summary_day(self.db, day)
        if previous is False:
            return False  # another computer of the chain sends it
        try:
            sent = self._send(day, now)
        except Exception as exc:
            release_summary_day(self.db, day, previous)
            self._retry_at = now + RETRY_AFTER
            log.warning("daily summary of open cases not sent: %s", exc)
            return False
        self._retry_at = None
        return sent

    def _send(self, day: date, now: datetime) -> bool:
        options = Catalog(self.db).chain_options().cases
        cases = list_cases(self.db, CaseFilter(open_only=True, limit=None))
        if not cases:
            log.info("daily summary: no open cases, nothing sent")
            return False
        smtp = SmtpStore(self.db).get()
        password = stored_smtp_password(self.secrets, smtp)
        message = compose_case_summary(
            [open_case(c, day, options.overdue_days, self.tz) for c in cases],
            sender=smtp.settings.sender,
            recipient=options.summary_recipient.strip(),
            when=now.astimezone(self.tz),
            overdue_days=options.overdue_days,
            lang=self.lang,
        )
        self.send_mail(smtp.settings, password, message, timeout=self.timeout)
        log.info("daily summary of %d open cases sent", len(cases))
        return True
