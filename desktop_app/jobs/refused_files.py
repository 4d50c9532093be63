"""An Offene-Posten list refused by its checks: told once, then waiting for a decision.

A refused list stays on the server (it is never deleted), so every later run meets it
and refuses the same content again. That is no news: the failure report goes out when a
content is refused for the first time (or when anything else failed), and a later run
that meets the same content only notes in its history, and in the window, that it was
reported before. A changed list is another content and is reported again; so is the
same content refused by other checks than the last report that named it (one was
switched off, another refuses it now, or switched on again as an earlier report told) or
by the share check at another limit than that report named (raised and the list still
exceeds it, or set back to one an earlier report named), the same
content back on the server after a run found it gone, and any of them once the report
goes to another address (not merely spelled in other case). The measured figures (the
share, the dates compared) are no news: they move with the ledger and every list read.
The list waits until someone books it with the checks passed by ("Datei importieren …")
or removes it from the server.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from ..domain.reason_texts import day
from ..store.interfaces import StoredInterface
from ..store.run_records import RefusalReport
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


def reported_again(told: RefusalReport, limit: int | None, zone: tzinfo | None) -> ErrorText:
    """Why a content reported before is mailed again (see ``RefusalReport``); empty when
    it was never reported, or ``told`` does not say why."""
    if told.previous_on is None:
        return ErrorText("", "")
    on = told.previous_on.astimezone(zone).date()
    if told.gone_on is not None:
        gone = told.gone_on.astimezone(zone).date()
        return ErrorText(
            f"Erneut gemeldet: bereits am {day(on, 'de')} gemeldet, doch beim Lauf am "
            f"{day(gone, 'de')} lag die Datei nicht mehr auf dem Server; jetzt ist sie "
            "wieder da.",
            f"Reported again: reported on {day(on, 'en')} already, but the run on "
            f"{day(gone, 'en')} found the file no longer on the server; now it is back.",
        )
    if told.earlier_limit is not None and limit is not None:
        return ErrorText(
            f"Erneut gemeldet: am {day(on, 'de')} bei einer Grenze von {told.earlier_limit} % "
            f"gemeldet; jetzt gilt {limit} %, und die Datei überschreitet auch diese.",
            f"Reported again: reported on {day(on, 'en')} with a limit of "
            f"{told.earlier_limit}%; the limit is now {limit}%, and the file exceeds it too.",
        )
    return ErrorText("", "")


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
    told: RefusalReport,
    zone: tzinfo | None,
    written: date | None = None,
) -> None:
    """Add to a refused file's error that it waits for a decision, and what the reports
    before told of it (``told``: when it was reported, or why it is reported again);
    ``written``: the day it was dated by (None: unknown)."""
    file.reported_on = told.reported_on
    parts = [ErrorText(file.error or "", file.error_en)]
    if told.reported_on is not None:
        parts.append(reported_before(told.reported_on, zone))
    else:
        parts.append(reported_again(told, file.refused_share_limit, zone))
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
