"""What ``run``, ``test-ftp`` and ``history`` print for people, in the chosen language
(``--json`` prints the data instead)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..jobs.run_words import status_words, trigger_words
from .texts import language, money_text, timestamp_text, translate

if TYPE_CHECKING:
    from ..jobs.connection_test import TestStep
    from ..jobs.run_results import RunFileResult, RunResult
    from ..store.history import RunHistory


def _status(status: str) -> str:
    texts = {
        "ok": translate("CliRuns", "OK"),
        "failed": translate("CliRuns", "failed"),
        "skipped": translate("CliRuns", "not run"),
        "cancelled": translate("CliRuns", "cancelled"),
    }
    return texts.get(status, status)


def _outcome(outcome: str) -> str:
    texts = {
        "booked": translate("CliRuns", "booked"),
        "duplicate": translate("CliRuns", "booked before"),
        "nothing": translate("CliRuns", "nothing to book"),
        "failed": translate("CliRuns", "failed"),
        "refused": translate("CliRuns", "refused"),
        "skipped": translate("CliRuns", "skipped"),
        "": translate("CliRuns", "not finished"),  # the run ended before this file was done
    }
    return texts.get(outcome, outcome)


def _with_error(line: str, error: str) -> str:
    return f"{line} – {error}" if error else line


def _file_line(f: RunFileResult) -> str:
    line = translate(
        "CliRuns", "{file}: {outcome}, %n booking(s) for {amount}, {server}", None, f.booked
    )
    server = (
        translate("CliRuns", "deleted on the server")
        if f.deleted
        else translate("CliRuns", "kept on the server")
    )
    text = line.format(
        file=f.name, outcome=_outcome(f.outcome), amount=money_text(f.booked_amount), server=server
    )
    return _with_error(text, f.error_text(language()))


def print_run(result: RunResult) -> None:
    """A line for each file, one for each file left on the server unread, then the run's
    own."""
    lang = language()
    for f in result.files:
        print(_file_line(f))
    for s in result.skipped:
        line = translate("CliRuns", "{file}: skipped, kept on the server – {reason}")
        print(line.format(file=s.name, reason=s.reason_text(lang)))
    status = f"{result.interface}: {_status(result.status.value)}"
    print(_with_error(status, result.error_text(language())))


def print_test_steps(steps: Iterable[TestStep]) -> None:
    """``[ok ] Log in: …`` for each step of a server test."""
    lang = language()
    for step in steps:
        mark = "ok " if step.ok else ("-- " if not step.ran else "ERR")
        label = step.step.label_en if lang == "en" else step.step.label_de
        print(f"[{mark}] {label}: {step.text(lang)}")
        if step.fingerprint and not step.ok:
            fingerprint = translate("CliRuns", "fingerprint: {fingerprint}")
            print("      " + fingerprint.format(fingerprint=step.fingerprint))


# Tabs and line breaks (\x1c-\x1e, \x85 and U+2028/9 split lines for str.splitlines too).
_LINE_BREAKING = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")


def _one_field(text: str) -> str:
    """``text`` as one field of a tab-separated line: a stored error may hold a tab or a
    line break, which would split the run's line or start a new one."""
    return _LINE_BREAKING.sub(" ", text)


def print_history(runs: Iterable[RunHistory]) -> None:
    """One tab-separated line a run: start, trigger, status, files, bookings, error, the
    Klärungsfälle it opened. The columns the window's history has too stand in its order;
    the count of cases, which the window reaches by a button, comes last."""
    lang = language()
    for r in runs:
        files = translate("CliRuns", "%n file(s)", None, len(r.files))
        booked = translate("CliRuns", "%n booking(s)", None, r.booked_count)
        cases = translate("CliRuns", "%n payment(s) to clarify", None, r.cases)
        started = timestamp_text(r.started_at)
        # The words of the window's history, so a run is called the same in both.
        trigger = trigger_words(r.trigger, r.dry_run, translate)
        status = status_words(r.status, translate)
        error = _one_field(r.error_text(lang))
        print("\t".join((started, trigger, status, files, booked, error, cases)))
