"""An Offene-Posten list refused by its checks: told once, then waiting for a decision.

A refused list stays on the server (it is never deleted), so every later run meets it
and refuses the same content again. That is no news: the failure report goes out when a
content is refused for the first time (or when anything else failed), and a later run
that meets the same content only notes in its history, and in the window, that it was
reported before. A changed list is another content and is reported again; so is the
same content refused by other checks (one was switched off, another refuses it now),
and any of them once the report goes to another address. The list waits until someone
books it with the checks passed by ("Datei importieren …") or removes it from the
server.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from ..domain.reason_texts import day
from ..store.interfaces import StoredInterface
from .run_errors import ErrorText
from .run_results import RunFileResult, RunResult, RunStatus

AWAITS_DECISION = ErrorText(
    "Die Datei bleibt auf dem Server und wird bei jedem Lauf wieder abgelehnt, bis jemand "
    "entscheidet: sie mit „Buchhaltung → Datei importieren …“ und „Trotzdem importieren …“ "
    "buchen oder sie vom Server entfernen.",
    "The file stays on the server and is refused again by every run until someone decides: "
    "book it with “Ledger → Import file …” and “Import anyway …”, or remove it from the "
    "server.",
)


def reported_before(when: datetime, zone: tzinfo | None) -> ErrorText:
    """A refusal already reported on ``when`` (the day in ``zone``; None: this computer's)."""
    on = when.astimezone(zone).date()
    return ErrorText(
        # "for this file": a mail may still go out, for another failure of the same run.
        f"Erneut abgelehnt; bereits am {day(on, 'de')} per E-Mail gemeldet, keine neue "
        "E-Mail wegen dieser Datei.",
        f"Refused again; reported by e-mail on {day(on, 'en')} already, no new e-mail for "
        "this file.",
    )


def report_address(stored: StoredInterface) -> str:
    """The address the failure report of ``stored`` goes to ("": none), as the mailer
    reads it: a refusal reported to another address is news to this one."""
    return stored.settings.error_email.strip()


def as_of_on_server(written: date) -> ErrorText:
    """The day to give a copy imported by hand: a downloaded copy is dated by its
    download, and invoices of the days between would be taken as paid."""
    return ErrorText(
        f"Dabei „Stand der Datei“ auf den {day(written, 'de')} setzen, den Tag der Datei auf "
        "dem Server: eine heruntergeladene Kopie trägt sonst den Tag des Herunterladens.",
        f"Set “File as of” to {day(written, 'en')} there, the file's day on the server: a "
        "downloaded copy otherwise carries the day it was downloaded.",
    )


def note_refusal(
    file: RunFileResult,
    reported_on: datetime | None,
    zone: tzinfo | None,
    written: date | None = None,
) -> None:
    """Add to a refused file's error that it waits for a decision, and when it was reported
    before (``reported_on``; None: never); ``written``: the day it was dated by (None:
    unknown)."""
    file.reported_on = reported_on
    parts = [ErrorText(file.error or "", file.error_en)]
    if reported_on is not None:
        parts.append(reported_before(reported_on, zone))
    parts.append(AWAITS_DECISION)
    if written is not None:
        parts.append(as_of_on_server(written))
    file.set_error(
        ErrorText(
            " ".join(p.de for p in parts if p.de),
            # A reason known only in German stays German in the English text too.
            " ".join((p.en or p.de) for p in parts if p.de),
        )
    )


def awaits_decision_only(result: RunResult, run_failed: bool) -> bool:
    """Whether ``result`` failed only on refused files, each waiting for a decision;
    ``run_failed``: the run itself failed (the server, the database), whatever its files.
    A run cancelled or taken over after a refused list is cancelled, not refused."""
    if run_failed or result.status is not RunStatus.FAILED:
        return False
    bad = [f for f in result.files if f.error_kind]
    return bool(bad) and all(f.awaits_decision for f in bad)


def report_is_news(result: RunResult, run_failed: bool) -> bool:
    """Whether the failure report of ``result`` tells anything not reported before: any
    failure but a refusal, or a refused content no report has named yet."""
    if not awaits_decision_only(result, run_failed):
        return True
    return any(f.reported_on is None for f in result.files if f.awaits_decision)
