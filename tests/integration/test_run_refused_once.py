"""An Offene-Posten list refused by its checks stays on the server and waits for a decision:
it is reported by e-mail once per content, not by every run (nor every retry) that meets it
again, while the history still says at each run that it waits (a real FTP and SMTP server)."""

from __future__ import annotations

import email
import email.policy
import os
import socket
import threading
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from desktop_app.domain.interface import ImportFormat, OpenItemGuards
from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.jobs.failure_mail import FailureMailer
from desktop_app.jobs.run_import import ImportRunner, RunStatus
from desktop_app.jobs.scheduled_runs import ScheduledRuns
from desktop_app.jobs.scheduler import SchedulePlanner, SchedulerLoop
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.lease import RunLease
from desktop_app.store.ledger import Ledger
from desktop_app.store.models import InterfaceRow
from desktop_app.store.run_models import RunFileRow, RunRow
from desktop_app.store.schedule_state import ScheduleStateRepository
from desktop_app.store.smtp_store import SmtpStore

from .payment_run import NAME, quick_runner, save_payment_interface, three_invoice_ledger

BERLIN = ZoneInfo("Europe/Berlin")
# Each list leaves one of the three invoices open and so would settle two of three (67 %):
# the share check (at most 20 %) refuses it. The second is the list corrected, still wrong.
REFUSED_LIST = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0003;238,00\r\n"
CHANGED_LIST = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0002;59,90\r\n"
BROKEN = b"Rechnungsnummer;Betrag\r\nRE-2026-0001;abc\r\n"


@pytest.fixture
def ledger(db, catalog) -> Ledger:
    return three_invoice_ledger(db)


@pytest.fixture
def folder(db, ledger, secret_store, serve_ftp, ftp_root, smtp_inbox):
    """IMPORT/ of the Offene-Posten interface "Zahlungen", its checks the default ones."""
    directory = save_payment_interface(db, secret_store, serve_ftp, ftp_root)
    repository = InterfaceRepository(db)
    settings = repository.get(NAME).settings
    repository.save(
        settings.with_changes(
            import_format=ImportFormat.OPEN_ITEMS, error_email="filiale@example.org"
        ),
        original_name=NAME,
    )
    return directory


def mails(inbox) -> list[str]:
    return [
        email.message_from_bytes(e.content, policy=email.policy.default).get_content()
        for e in inbox.envelopes
    ]


def history(db) -> list[tuple[str, bool, str]]:
    """Each run's status, whether it mailed, and its one file's German error, in order."""
    with db.session() as s:
        rows = s.execute(
            select(RunRow.status, RunRow.mailed, RunFileRow.error)
            .join(RunFileRow, RunFileRow.run_id == RunRow.id)
            .order_by(RunRow.id)
        )
        return [tuple(r) for r in rows]


def first_run_day(db) -> str:
    with db.session() as s:
        started = s.scalars(select(RunRow.started_at).order_by(RunRow.id)).first()
    return started.astimezone().strftime("%d.%m.%Y")


def test_a_refused_list_is_mailed_once_and_again_only_when_its_content_changes(
    db, ledger, secret_store, folder, smtp_inbox
):
    listed = folder / "zahlungen_op.csv"
    listed.write_bytes(REFUSED_LIST)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))

    first = runner.run(NAME)
    assert (first.status, first.mailed) == (RunStatus.FAILED, True)
    again = runner.run(NAME)
    assert (again.status, again.mailed) == (RunStatus.FAILED, False)
    assert len(smtp_inbox.envelopes) == 1  # the same list: no second mail

    (mail,) = mails(smtp_inbox)
    assert "Die Datei würde 2 von 3 offenen Rechnungen ausgleichen" in mail
    assert "Datei importieren" in mail and "vom Server entfernen" in mail
    assert "Wegen dieser Datei allein kommt keine weitere E-Mail" in mail
    assert first.awaits_decision and again.awaits_decision
    reported = f"bereits am {first_run_day(db)} per E-Mail gemeldet"
    ((name, outcome, deleted),) = [(f.name, f.outcome, f.deleted) for f in again.files]
    assert (name, outcome, deleted) == ("IMPORT/zahlungen_op.csv", "refused", False)
    assert reported in again.files[0].error and reported in again.error
    assert "reported by e-mail on" in again.files[0].error_en
    assert listed.read_bytes() == REFUSED_LIST  # never deleted

    listed.write_bytes(CHANGED_LIST)  # another content: news again
    changed = runner.run(NAME)
    assert (changed.status, changed.mailed) == (RunStatus.FAILED, True)
    assert len(smtp_inbox.envelopes) == 2
    assert runner.run(NAME).mailed is False
    assert len(smtp_inbox.envelopes) == 2

    # The history says at every run that the list waits for a decision.
    runs = history(db)
    assert [(status, mailed) for status, mailed, _ in runs] == [
        ("failed", True),
        ("failed", False),
        ("failed", True),
        ("failed", False),
    ]
    assert all("bis jemand entscheidet" in error for _, _, error in runs)
    assert [reported in error for _, _, error in runs] == [False, True, False, True]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 119  # nothing booked


def test_a_report_that_did_not_go_out_is_sent_by_the_next_run(
    db, ledger, secret_store, folder, smtp_inbox
):
    (folder / "zahlungen_op.csv").write_bytes(REFUSED_LIST)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    settings = SmtpStore(db).get().settings
    SmtpStore(db).save(SmtpSettings("", 25, SmtpSecurity.NONE, "", ""))  # no SMTP server yet
    assert runner.run(NAME).mailed is False
    SmtpStore(db).save(settings)
    assert runner.run(NAME).mailed is True
    assert len(smtp_inbox.envelopes) == 1


def test_another_failure_beside_a_reported_list_is_mailed(
    db, ledger, secret_store, folder, smtp_inbox
):
    (folder / "zahlungen_op.csv").write_bytes(REFUSED_LIST)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    assert runner.run(NAME).mailed
    (folder / "zahlungen_op_b.csv").write_bytes(BROKEN)

    result = runner.run(NAME)

    assert (result.status, result.mailed, result.awaits_decision) == (
        RunStatus.FAILED,
        True,
        False,
    )
    assert len(smtp_inbox.envelopes) == 2
    second = mails(smtp_inbox)[1]
    assert "zahlungen_op_b.csv" in second
    # The list reported before is named again, and the mail says why, not that it is its
    # only report; nor that no e-mail goes out.
    listed = second[second.index("zahlungen_op.csv") :]
    assert "nur einmal" not in second and "Wegen dieser Datei allein" not in listed
    assert "Diese Datei wurde bereits gemeldet; sie steht hier, weil dieser Lauf" in listed
    assert "keine neue E-Mail wegen dieser Datei" in listed


class Clock:
    def __init__(self, start: datetime):
        self.wall = start.astimezone(UTC)

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.wall.timestamp()

    def set(self, instant: datetime) -> None:
        self.wall = instant.astimezone(UTC)

    def wait(self, _condition: threading.Condition, _timeout: float) -> None:
        raise AssertionError("the test drives the loop with run_pending, never waits")


def test_the_scheduler_does_not_retry_a_refused_list_at_the_back_offs_pace(
    db, ledger, secret_store, folder, smtp_inbox
):
    """The daily 07:00 run meets a refused list: the next try is the next day's slot, not
    a retry five minutes later, and that run mails nothing new."""
    (folder / "zahlungen_op.csv").write_bytes(REFUSED_LIST)
    interface_id = InterfaceRepository(db).get(NAME).id
    with db.session() as s:  # created the day before, so its first slot is 14 March 07:00
        created = datetime(2026, 3, 13, 8, tzinfo=BERLIN)
        s.execute(
            update(InterfaceRow).where(InterfaceRow.id == interface_id).values(created_at=created)
        )
    clock = Clock(datetime(2026, 3, 14, 7, 0, tzinfo=BERLIN))  # inside 06:00-22:00
    lease = RunLease(db, now=clock.now)
    runner = ImportRunner(
        db,
        secret_store,
        mailer=FailureMailer(db, secret_store, timeout=5),
        timeout=5,
        settle_seconds=0,
        backoff=(0.1,),
        today=lambda: clock.now().astimezone(BERLIN).date(),
        now=clock.now,
        time_window=BERLIN,
        lease=lease,
    )
    loop = SchedulerLoop(
        db,
        ScheduledRuns(runner, lease),
        this_branch=None,
        planner=SchedulePlanner(BERLIN),
        lease=lease,
        secrets=secret_store,
        now=clock.now,
        monotonic=clock.monotonic,
        wait=clock.wait,
    )
    states = ScheduleStateRepository(db)

    loop.run_pending()
    state = states.get(interface_id)
    assert (state.last_status, state.retry_at) == ("failed", None)
    assert loop.next_runs() == {NAME: datetime(2026, 3, 15, 7, 0, tzinfo=BERLIN)}
    assert len(smtp_inbox.envelopes) == 1

    clock.set(datetime(2026, 3, 14, 7, 5, tzinfo=BERLIN))  # the back-off's first retry
    loop.run_pending()
    clock.set(datetime(2026, 3, 15, 7, 0, tzinfo=BERLIN))
    loop.run_pending()

    assert [(status, mailed) for status, mailed, _ in history(db)] == [
        ("failed", True),
        ("failed", False),
    ]
    assert len(smtp_inbox.envelopes) == 1
    assert states.get(interface_id).retry_at is None
    assert (folder / "zahlungen_op.csv").exists()
    assert loop.next_runs()[NAME] == datetime(2026, 3, 16, 7, 0, tzinfo=BERLIN)


class LeaseLostAfterFirstFile(RunLease):
    """Another holder takes the lease while the first file is booked (the run stops
    before the second): a run cancelled, not failed."""

    renewals = 0

    def renew(self, interface_id: int) -> bool:
        self.renewals += 1
        return self.renewals == 1


def test_a_run_stopped_after_a_refused_list_is_cancelled_not_refused(
    db, ledger, secret_store, folder, smtp_inbox
):
    (folder / "zahlungen_a.csv").write_bytes(REFUSED_LIST)
    (folder / "zahlungen_b.csv").write_bytes(CHANGED_LIST)
    lease = LeaseLostAfterFirstFile(db)
    runner = quick_runner(
        db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5), lease=lease
    )

    status = ScheduledRuns(runner, lease)(NAME, "schedule", None, threading.Event())

    # Neither a failure for the tray nor one that ends a back-off the server earned.
    assert status == "cancelled"
    assert [(s, m) for s, m, _ in history(db)] == [("cancelled", False)]


def test_a_refusal_names_the_day_a_copy_imported_by_hand_must_be_given(
    db, ledger, secret_store, folder, smtp_inbox
):
    """The way out it names is "Datei importieren", which dates a downloaded copy by the
    day of the download: invoices of the days between would be taken as paid."""
    listed = folder / "zahlungen_op.csv"
    listed.write_bytes(REFUSED_LIST)
    noon = datetime(2026, 3, 1, 12).timestamp()  # local noon: that day in every zone
    os.utime(listed, (noon, noon))
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))

    result = runner.run(NAME)

    assert "„Stand der Datei“ auf den 01.03.2026 setzen" in result.files[0].error
    assert "“File as of” to 01/03/2026" in result.files[0].error_en
    (mail,) = mails(smtp_inbox)
    assert "„Stand der Datei“ auf den 01.03.2026 setzen" in mail


def change_interface(db, **changes) -> None:
    repository = InterfaceRepository(db)
    repository.save(repository.get(NAME).settings.with_changes(**changes), original_name=NAME)


def written_on_day(path, content: bytes, day: int) -> None:
    path.write_bytes(content)
    at = datetime(2026, 3, day, 9, tzinfo=UTC).timestamp()
    os.utime(path, (at, at))


def test_a_list_refused_again_for_another_reason_is_mailed_again(
    db, ledger, secret_store, folder, smtp_inbox
):
    """Refused as older than the last list (and by the share), then an administrator
    switches the age check off and only the share refuses it: that is news."""
    change_interface(db, open_item_guards=OpenItemGuards(max_share_percent=100))
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    # The list of the 13th books: RE-2026-0003 stays open, the others are paid.
    written_on_day(folder / "zahlungen_op_0313.csv", REFUSED_LIST, 13)
    assert runner.run(NAME).status is RunStatus.OK
    change_interface(db, open_item_guards=OpenItemGuards(max_share_percent=20))
    # The list of the 1st is older and would settle RE-2026-0003, the one left open.
    late = folder / "zahlungen_op_0301.csv"
    written_on_day(late, b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0001;0,00\r\n", 1)

    first = runner.run(NAME)
    assert (first.status, first.mailed, first.awaits_decision) == (RunStatus.FAILED, True, True)
    assert runner.run(NAME).mailed is False

    change_interface(db, open_item_guards=OpenItemGuards(refuse_older=False))
    by_share = runner.run(NAME)
    assert (by_share.status, by_share.mailed) == (RunStatus.FAILED, True)
    assert "gemeldet" not in by_share.files[0].error  # not reported for this reason yet
    assert runner.run(NAME).mailed is False
    assert len(smtp_inbox.envelopes) == 2
    assert "würde 1 von 1 offenen Rechnungen ausgleichen" in mails(smtp_inbox)[1]
    assert late.exists()
    assert ledger.invoice("1", "RE-2026-0003").open_amount == 238  # nothing booked by it
    with db.session() as s:
        checks = s.scalars(
            select(RunFileRow.refused_checks)
            .where(RunFileRow.outcome == "refused")
            .order_by(RunFileRow.id)
        )
        assert list(checks) == ["older,share", "older,share", "share", "share"]


def test_a_list_refused_for_its_first_reason_again_is_mailed_again(
    db, ledger, secret_store, folder, smtp_inbox
):
    """Refused as older (and by the share), then by the share alone (the age check off),
    then as older again (switched back on): the last mail told the share alone, so its
    reader hears of the age again, though the first mail named it."""
    change_interface(db, open_item_guards=OpenItemGuards(max_share_percent=100))
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    written_on_day(folder / "zahlungen_op_0313.csv", REFUSED_LIST, 13)
    assert runner.run(NAME).status is RunStatus.OK
    change_interface(db, open_item_guards=OpenItemGuards())
    late = b"Rechnungsnummer;OffenerBetrag\r\nRE-2026-0001;0,00\r\n"
    written_on_day(folder / "zahlungen_op_0301.csv", late, 1)
    assert runner.run(NAME).mailed is True
    change_interface(db, open_item_guards=OpenItemGuards(refuse_older=False))
    assert runner.run(NAME).mailed is True

    change_interface(db, open_item_guards=OpenItemGuards())
    older_again = runner.run(NAME)
    assert (older_again.status, older_again.mailed) == (RunStatus.FAILED, True)
    assert "bereits am" not in older_again.files[0].error
    assert runner.run(NAME).mailed is False  # the same reason again: no news
    assert len(smtp_inbox.envelopes) == 3
    assert "älter als die zuletzt" in mails(smtp_inbox)[2]
    with db.session() as s:
        told = s.execute(
            select(RunFileRow.refused_checks, RunRow.mailed)
            .join(RunRow, RunRow.id == RunFileRow.run_id)
            .where(RunFileRow.outcome == "refused")
            .order_by(RunFileRow.id)
        )
        assert [tuple(row) for row in told] == [
            ("older,share", True),
            ("share", True),
            ("older,share", True),
            ("older,share", False),
        ]


def test_a_new_error_address_hears_of_a_list_reported_to_the_old_one(
    db, ledger, secret_store, folder, smtp_inbox
):
    (folder / "zahlungen_op.csv").write_bytes(REFUSED_LIST)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    assert runner.run(NAME).mailed is True
    assert runner.run(NAME).mailed is False

    change_interface(db, error_email="buchhaltung@example.org")
    moved = runner.run(NAME)
    assert (moved.status, moved.mailed) == (RunStatus.FAILED, True)
    assert "gemeldet" not in moved.files[0].error  # not to this address
    assert runner.run(NAME).mailed is False
    assert [e.rcpt_tos for e in smtp_inbox.envelopes] == [
        ["filiale@example.org"],
        ["buchhaltung@example.org"],
    ]
    with db.session() as s:
        sent_to = list(s.scalars(select(RunRow.mailed_to).order_by(RunRow.id)))
    assert sent_to == ["filiale@example.org", "", "buchhaltung@example.org", ""]


def test_the_same_address_in_other_case_hears_nothing_new(
    db, ledger, secret_store, folder, smtp_inbox
):
    change_interface(db, error_email="Filiale@Example.org")
    (folder / "zahlungen_op.csv").write_bytes(REFUSED_LIST)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    assert runner.run(NAME).mailed is True

    change_interface(db, error_email=" filiale@example.ORG ")
    again = runner.run(NAME)
    assert (again.status, again.mailed) == (RunStatus.FAILED, False)
    assert "bereits am" in again.files[0].error
    assert len(smtp_inbox.envelopes) == 1
    with db.session() as s:
        sent_to = list(s.scalars(select(RunRow.mailed_to).order_by(RunRow.id)))
    assert sent_to == ["Filiale@Example.org", ""]  # kept as typed


def test_a_raised_share_limit_the_list_still_exceeds_is_mailed_again(
    db, ledger, secret_store, folder, smtp_inbox
):
    """The list settles 2 of 3 (67 %): refused at 20 %, and again at 30 %, which an
    administrator set for it. The new limit is news; the same limit again is not."""
    (folder / "zahlungen_op.csv").write_bytes(REFUSED_LIST)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    assert runner.run(NAME).mailed is True

    change_interface(db, open_item_guards=OpenItemGuards(max_share_percent=30))
    raised = runner.run(NAME)
    assert (raised.status, raised.mailed) == (RunStatus.FAILED, True)
    assert runner.run(NAME).mailed is False
    assert len(smtp_inbox.envelopes) == 2
    why = "bei einer Grenze von 20 % gemeldet; jetzt gilt 30 %"
    assert why in raised.files[0].error and why in mails(smtp_inbox)[1]
    assert "with a limit of 20%; the limit is now 30%" in raised.files[0].error_en
    with db.session() as s:
        limits = s.scalars(select(RunFileRow.refused_share_limit).order_by(RunFileRow.id))
        assert list(limits) == [20, 30, 30]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 119  # nothing booked


def test_a_share_limit_set_back_is_mailed_again(db, ledger, secret_store, folder, smtp_inbox):
    """20 %, then 30 %, then 20 % again: the last mail named 30 %, so the limit set back is
    news to the recipient, though the first mail named 20 %."""
    (folder / "zahlungen_op.csv").write_bytes(REFUSED_LIST)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    assert runner.run(NAME).mailed is True
    change_interface(db, open_item_guards=OpenItemGuards(max_share_percent=30))
    assert runner.run(NAME).mailed is True

    change_interface(db, open_item_guards=OpenItemGuards(max_share_percent=20))
    back = runner.run(NAME)
    assert (back.status, back.mailed) == (RunStatus.FAILED, True)
    assert runner.run(NAME).mailed is False
    assert len(smtp_inbox.envelopes) == 3
    why = "bei einer Grenze von 30 % gemeldet; jetzt gilt 20 %"
    assert why in back.files[0].error and why in mails(smtp_inbox)[2]
    assert "with a limit of 30%; the limit is now 20%" in back.files[0].error_en
    assert [mailed for _, mailed, _ in history(db)] == [True, True, True, False]
    assert ledger.invoice("1", "RE-2026-0001").open_amount == 119  # nothing booked


def test_a_list_removed_and_put_back_unchanged_is_mailed_again(
    db, ledger, secret_store, folder, smtp_inbox
):
    listed = folder / "zahlungen_op.csv"
    listed.write_bytes(REFUSED_LIST)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    assert runner.run(NAME).mailed is True
    assert runner.run(NAME).mailed is False

    listed.unlink()  # someone took it off the server …
    assert runner.run(NAME).status is RunStatus.OK
    listed.write_bytes(REFUSED_LIST)  # … and put it back as it was
    back = runner.run(NAME)

    assert (back.status, back.mailed) == (RunStatus.FAILED, True)
    assert runner.run(NAME).mailed is False
    assert len(smtp_inbox.envelopes) == 2
    why = "lag die Datei nicht mehr auf dem Server; jetzt ist sie wieder da"
    assert why in back.files[0].error and why in mails(smtp_inbox)[1]
    assert "found the file no longer on the server; now it is back" in back.files[0].error_en


def test_a_run_that_did_not_read_the_folder_tells_nothing_of_a_list_gone(
    db, ledger, secret_store, folder, smtp_inbox
):
    """A run that could not reach the server saw no file at all: the list is no news after
    it (that run's own failure is mailed, as every failure but a refusal)."""
    (folder / "zahlungen_op.csv").write_bytes(REFUSED_LIST)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    assert runner.run(NAME).mailed is True
    ftp = InterfaceRepository(db).get(NAME).settings.ftp
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    change_interface(db, ftp=replace(ftp, port=closed))
    unreachable = runner.run(NAME)
    assert (unreachable.status, unreachable.files) == (RunStatus.FAILED, [])
    change_interface(db, ftp=ftp)

    again = runner.run(NAME)
    assert (again.status, again.mailed) == (RunStatus.FAILED, False)
    assert "bereits am" in again.files[0].error
    assert len(smtp_inbox.envelopes) == 1 + unreachable.mailed


def test_a_hidden_file_beside_it_does_not_keep_a_list_put_back_from_being_news(
    db, ledger, secret_store, folder, smtp_inbox
):
    """A hidden file is never read by any run (a server's ``.ftpquota``, say): it lies in
    the folder for good and tells nothing of whether the refused list was gone."""
    change_interface(db, filename_filter="")  # every file of the folder
    (folder / ".ftpquota").write_bytes(b"2 1024\n")
    listed = folder / "zahlungen_op.csv"
    listed.write_bytes(REFUSED_LIST)
    runner = quick_runner(db, secret_store, mailer=FailureMailer(db, secret_store, timeout=5))
    assert runner.run(NAME).mailed is True

    listed.unlink()
    assert runner.run(NAME).status is RunStatus.OK
    listed.write_bytes(REFUSED_LIST)
    back = runner.run(NAME)

    assert (back.status, back.mailed) == (RunStatus.FAILED, True)
    assert len(smtp_inbox.envelopes) == 2
