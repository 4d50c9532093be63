"""When a refused Offene-Posten list is news for the failure report, and what the history
says of one met again (``refused_files``)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from desktop_app.jobs.refused_files import (
    awaits_decision_only,
    note_refusal,
    report_is_news,
)
from desktop_app.jobs.run_results import RunFileResult, RunResult, RunStatus
from desktop_app.store.run_records import RefusalReport

BERLIN = ZoneInfo("Europe/Berlin")
# 23:30 UTC on the 13th is already the 14th in Berlin: the day shown is the local one.
REPORTED = datetime(2026, 3, 13, 23, 30, tzinfo=UTC)


def refused(name: str = "op.csv", reported_on: datetime | None = None) -> RunFileResult:
    file = RunFileResult(name, "refused", error_kind="refused", sha256="a" * 64)
    file.error, file.error_en = "Die Datei würde 3 von 5 ausgleichen.", "It would settle 3 of 5."
    note_refusal(file, RefusalReport(reported_on=reported_on), BERLIN)
    return file


def failed_run(*files: RunFileResult) -> RunResult:
    return RunResult("Zahlungen", RunStatus.FAILED, files=list(files))


def test_a_refusal_met_again_says_when_it_was_reported_and_what_decides_it():
    file = refused(reported_on=REPORTED)
    assert file.error == (
        "Die Datei würde 3 von 5 ausgleichen. Erneut abgelehnt; bereits am 14.03.2026 per "
        "E-Mail gemeldet, keine neue E-Mail wegen dieser Datei. Die Datei bleibt auf dem "
        "Server und wird bei jedem Lauf wieder abgelehnt, bis jemand entscheidet: sie mit "
        "„Buchhaltung → Datei importieren …“ und „Trotzdem importieren …“ buchen oder sie vom "
        "Server entfernen."
    )
    # "for this file": another failure of the same run may still send a mail that names it.
    assert file.error_en.startswith(
        "It would settle 3 of 5. Refused again; reported by e-mail on 14/03/2026 already, "
        "no new e-mail for this file."
    )
    assert file.reported_on == REPORTED


def test_a_first_refusal_names_the_decision_but_no_earlier_report():
    file = refused()
    assert "gemeldet" not in file.error and "bis jemand entscheidet" in file.error
    assert file.reported_on is None


def test_only_a_refusal_never_reported_is_news():
    assert report_is_news(failed_run(refused()), run_failed=False)
    assert not report_is_news(failed_run(refused(reported_on=REPORTED)), run_failed=False)
    # One of two lists is new: the report names both.
    both = failed_run(refused("a.csv", REPORTED), refused("b.csv"))
    assert report_is_news(both, run_failed=False)


def test_any_other_failure_is_news_beside_a_reported_list():
    broken = RunFileResult("zahlungen.csv", "failed", error_kind="FormatError")
    with_broken = failed_run(refused(reported_on=REPORTED), broken)
    assert report_is_news(with_broken, run_failed=False)
    assert not awaits_decision_only(with_broken, run_failed=False)
    # The connection broke after the refused list: that is the server's failure.
    cut_off = failed_run(refused(reported_on=REPORTED))
    assert report_is_news(cut_off, run_failed=True)
    assert not awaits_decision_only(cut_off, run_failed=True)


def test_a_run_waits_for_a_decision_only_with_refused_files_and_nothing_else():
    assert awaits_decision_only(failed_run(refused()), run_failed=False)
    booked = RunFileResult("z.csv", "booked", booked=1)
    assert awaits_decision_only(failed_run(booked, refused()), run_failed=False)
    assert not awaits_decision_only(failed_run(booked), run_failed=False)
    # A booking date the chain options no longer allow is refused too, but it is no check.
    not_allowed = RunFileResult("op.csv", "refused", error_kind="FutureBookingNotAllowed")
    assert not not_allowed.awaits_decision
    assert not awaits_decision_only(failed_run(not_allowed), run_failed=False)


def test_a_refusal_reported_again_says_why():
    back = RunFileResult("op.csv", "refused", error_kind="refused", sha256="a" * 64)
    gone = datetime(2026, 3, 15, 6, tzinfo=UTC)
    note_refusal(back, RefusalReport(previous_on=REPORTED, gone_on=gone), BERLIN)
    assert back.error.startswith(
        "Erneut gemeldet: bereits am 14.03.2026 gemeldet, doch beim Lauf am 15.03.2026 lag "
        "die Datei nicht mehr auf dem Server; jetzt ist sie wieder da."
    )
    assert back.error_en.startswith(
        "Reported again: reported on 14/03/2026 already, but the run on 15/03/2026 found "
        "the file no longer on the server; now it is back."
    )
    assert back.reported_on is None

    raised = RunFileResult(
        "op.csv", "refused", error_kind="refused", refused_checks=("share",), refused_share_limit=30
    )
    note_refusal(raised, RefusalReport(previous_on=REPORTED, earlier_limit=20), BERLIN)
    assert raised.error.startswith(
        "Erneut gemeldet: am 14.03.2026 bei einer Grenze von 20 % gemeldet; jetzt gilt 30 %, "
        "und die Datei überschreitet auch diese."
    )
    assert raised.error_en.startswith(
        "Reported again: reported on 14/03/2026 with a limit of 20%; the limit is now 30%, "
        "and the file exceeds it too."
    )
