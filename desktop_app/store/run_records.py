"""Recording runs: a run's record, the state of each of its files, and closing it.

A run's totals are summed from its files' rows, counting only bookings whose transaction
committed: the same for a run that ended and for one that was cut off (killed, power
lost) and is closed by the next run."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Connection, case, func, insert, select, type_coerce, update

from .db import Database
from .models import utcnow
from .run_models import RunFileRow, RunRow

# The file states in which a file's booking transaction had committed.
COMMITTED_STATES = ("committed", "deleted")
SKIPPED_OUTCOME = "skipped"  # listed but not fetched (still being written): no file of the run

INTERRUPTED_DE = (
    "Der Lauf wurde unterbrochen (Programm beendet oder Rechner ausgeschaltet). Gebuchtes "
    "bleibt gebucht; der Rest folgt im nächsten Lauf."
)
INTERRUPTED_EN = (
    "The run was interrupted (the program was closed or the computer switched off). What "
    "was booked stays booked; the rest follows in the next run."
)


def _totals(connection: Connection, run_id: int) -> dict[str, Any]:
    """A run's totals, summed from its files' rows (see the module's docstring)."""
    f = RunFileRow
    committed = f.state.in_(COMMITTED_STATES)
    files, rows, booked, cents = connection.execute(
        select(
            func.count(),
            func.coalesce(func.sum(f.rows), 0),
            func.coalesce(func.sum(case((committed, f.booked_count), else_=0)), 0),
            # Whole cents as stored (see Money), summed exactly.
            func.coalesce(
                func.sum(case((committed, type_coerce(f.booked_amount, BigInteger)), else_=0)), 0
            ),
        ).where(f.run_id == run_id, f.outcome != SKIPPED_OUTCOME)
    ).one()
    amount = (Decimal(int(cents)) / 100).quantize(Decimal("0.01"))
    return {"files": files, "rows": rows, "booked_count": booked, "booked_amount": amount}


def _close(connection: Connection, run_id: int, **values: Any) -> None:
    """Close ``run_id`` with ``values`` and its totals."""
    totals = _totals(connection, run_id)
    connection.execute(update(RunRow).where(RunRow.id == run_id).values(**values, **totals))


def finish_run(
    db: Database,
    run_id: int,
    *,
    status: str,
    error_kind: str,
    error: str,
    mailed: bool,
    finished_at: datetime | None = None,
    error_en: str = "",
    mailed_to: str = "",
    read_every_file: bool = False,
) -> None:
    """Close the run; ``error`` is German, ``error_en`` the same in English; ``mailed_to``:
    the address the failure report went to ("": none); ``read_every_file``: every file it
    listed was read to its content (see ``RunRow.read_every_file``)."""
    with db.engine.begin() as connection:
        _close(
            connection,
            run_id,
            finished_at=finished_at or utcnow(),
            status=status,
            error_kind=error_kind,
            error=error,
            error_en=error_en,
            mailed=mailed,
            mailed_to=mailed_to if mailed else "",
            read_every_file=read_every_file,
        )


def _close_interrupted(connection: Connection, interface_id: int) -> int:
    running = select(RunRow.id).where(
        RunRow.interface_id == interface_id, RunRow.status == "running"
    )
    ids = list(connection.scalars(running))
    for run_id in ids:
        _close(
            connection,
            run_id,
            status="interrupted",
            error_kind="interrupted",
            error=INTERRUPTED_DE,
            error_en=INTERRUPTED_EN,
            finished_at=utcnow(),
        )
    return len(ids)


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file of a run, as its row keeps it."""

    outcome: str  # booked | duplicate | nothing | failed | refused | skipped
    rows: int = 0
    booked_count: int = 0
    booked_amount: Decimal = Decimal("0.00")
    deleted: bool = False
    error: str = ""
    error_line: int | None = None
    not_booked: list[dict[str, Any]] = field(default_factory=list)  # line, reason, …
    error_en: str = ""
    refused_checks: tuple[str, ...] = ()  # the Offene-Posten checks that refused the file
    refused_share_limit: int | None = None  # refused by the share: its limit in percent


def checks_key(checks: tuple[str, ...] | list[str]) -> str:
    """The refusing checks as a file's row keeps them: sorted, comma-separated."""
    return ",".join(sorted(set(checks)))


def same_address(one: str, other: str) -> bool:
    """Whether two e-mail addresses are one mailbox as people type them: without case
    and surrounding spaces ("Buero@Example.de " is buero@example.de)."""
    return one.strip().casefold() == other.strip().casefold()


@dataclass(frozen=True)
class RefusalReport:
    """What the failure reports to one address told of a refused content.

    ``reported_on``: the last report that still tells this refusal (None: it is news).
    When it is news although the content was reported before, why: ``earlier_limit``,
    the share limit the last report by the same checks named (raised or lowered since),
    or ``gone_on``, a run after the last report that read every file on the server
    without meeting the content (it was removed and is back); ``previous_on`` is when
    that report went out."""

    reported_on: datetime | None = None
    previous_on: datetime | None = None
    earlier_limit: int | None = None
    gone_on: datetime | None = None


class RunRecorder:
    """Writes a run's record and its files' states as the run advances."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def start_run(
        self,
        interface_id: int,
        trigger: str,
        slot_at: datetime | None,
        dry_run: bool,
        host: str | None = None,
    ) -> tuple[int, int]:
        """Close the interface's interrupted runs (see ``_close_interrupted``) and
        open the new run's record, in one transaction: its id, and how many were closed.
        ``host``: the computer that runs it (default: this one's network name)."""
        with self.db.engine.begin() as connection:
            closed = _close_interrupted(connection, interface_id)
            run_id = connection.scalar(
                insert(RunRow)
                .values(
                    interface_id=interface_id,
                    trigger=trigger,
                    slot_at=slot_at,
                    host=host or socket.gethostname(),
                    started_at=utcnow(),
                    status="running",
                    dry_run=dry_run,
                    files=0,
                    rows=0,
                    booked_count=0,
                    booked_amount=Decimal("0.00"),
                    error_kind="",
                    error="",
                    error_en="",
                    mailed=False,
                    mailed_to="",
                    read_every_file=False,
                )
                .returning(RunRow.id)
            )
        assert run_id is not None
        return run_id, closed

    def add_file(self, run_id: int, remote_path: str, size: int | None, state: str) -> int:
        with self.db.session() as s:
            row = RunFileRow(
                run_id=run_id,
                remote_path=remote_path[:1024],
                size=size,
                sha256="",
                state=state,
                outcome="",
                rows=0,
                booked_count=0,
                booked_amount=Decimal("0.00"),
                deleted=False,
                skipped="",
                error_kind="",
                error="",
                error_en="",
                refused_checks="",
                refused_share_limit=None,
                duration_ms=0,
            )
            s.add(row)
            s.flush()
            return row.id

    def update_file(
        self,
        file_id: int,
        state: str,
        duration_ms: int,
        outcome: FileOutcome | None = None,
        *,
        sha256: str | None = None,
        import_file_id: int | None = None,
        error_kind: str | None = None,
    ) -> None:
        values: dict[str, Any] = {"state": state, "duration_ms": duration_ms}
        if sha256 is not None:
            values["sha256"] = sha256
        if import_file_id is not None:
            values["import_file_id"] = import_file_id
        if error_kind is not None:
            values["error_kind"] = error_kind
        if outcome is not None:
            values.update(
                outcome=outcome.outcome,
                rows=outcome.rows,
                booked_count=outcome.booked_count,
                booked_amount=outcome.booked_amount,
                deleted=outcome.deleted,
                error=outcome.error,
                error_en=outcome.error_en,
                error_line=outcome.error_line,
                skipped=json.dumps(outcome.not_booked, ensure_ascii=False),
                refused_checks=checks_key(outcome.refused_checks),
                refused_share_limit=outcome.refused_share_limit,
            )
        # One UPDATE, no read of the row first: a round trip less on a far server.
        with self.db.engine.begin() as connection:
            connection.execute(update(RunFileRow).where(RunFileRow.id == file_id).values(**values))

    def refusal_report(
        self,
        interface_id: int,
        sha256: str,
        error_kind: str,
        checks: tuple[str, ...],
        recipient: str,
        share_limit: int | None = None,
    ) -> RefusalReport:
        """What the failure reports of ``interface_id``'s runs that went out to
        ``recipient`` (without case and spaces) told of the content ``sha256`` refused
        (outcome "refused" with ``error_kind``) by ``checks`` and, by the share,
        ``share_limit``. A report that did not go out (no SMTP server, the mail server
        down) or went to another address tells nothing. Of those that went out, the last
        one that named the content alone says what the recipient knows: when it named
        other checks or another limit, this refusal is news, though an earlier report
        named it (refused for A, then B, then A again); so is one after which the content
        was gone from the server for a run."""
        f = RunFileRow
        key = checks_key(checks)
        with self.db.engine.connect() as connection:
            rows = connection.execute(
                select(RunRow.id, RunRow.started_at, RunRow.mailed_to)
                .add_columns(f.error_kind, f.refused_checks, f.refused_share_limit)
                .join(f, f.run_id == RunRow.id)
                .where(
                    RunRow.interface_id == interface_id,
                    RunRow.mailed.is_(True),
                    RunRow.dry_run.is_(False),
                    f.sha256 == sha256,
                    f.outcome == "refused",
                )
                .order_by(RunRow.id.desc())
            ).all()
            # Compared here, not in SQL: SQLite's lower() leaves non-ASCII letters be.
            told = [r for r in rows if same_address(r.mailed_to, recipient)]
            if not told:
                return RefusalReport()
            # The last report alone says what the recipient knows: a refusal by other
            # checks, or a limit changed back (20, 30, then 20 % again), is news, though
            # a report long before named it. One run may have met the content under two
            # names, refused by different checks: it told of both.
            last_run = told[0].id
            same_checks = [
                r
                for r in told
                if r.id == last_run and r.error_kind == error_kind and r.refused_checks == key
            ]
            if not same_checks:
                return RefusalReport()
            last = next(
                (r for r in same_checks if r.refused_share_limit == share_limit), same_checks[0]
            )
            if last.refused_share_limit != share_limit:
                if last.refused_share_limit is not None and share_limit is not None:
                    return RefusalReport(
                        previous_on=last.started_at, earlier_limit=last.refused_share_limit
                    )
                return RefusalReport()
            gone_on = connection.execute(
                select(func.min(RunRow.started_at)).where(
                    RunRow.interface_id == interface_id,
                    RunRow.id > last.id,
                    RunRow.read_every_file.is_(True),
                    ~select(f.id).where(f.run_id == RunRow.id, f.sha256 == sha256).exists(),
                )
            ).scalar_one()
        if gone_on is not None:
            return RefusalReport(previous_on=last.started_at, gone_on=gone_on)
        return RefusalReport(reported_on=last.started_at)

    def finish_run(self, run_id: int, **values: Any) -> None:
        """See ``finish_run``."""
        finish_run(self.db, run_id, **values)
