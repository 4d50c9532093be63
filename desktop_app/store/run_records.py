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

from sqlalchemy import BigInteger, case, func, select, type_coerce
from sqlalchemy.orm import Session

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


def _set_totals(s: Session, row: RunRow) -> None:
    f = RunFileRow
    committed = f.state.in_(COMMITTED_STATES)
    files, rows, booked, cents = s.execute(
        select(
            func.count(),
            func.coalesce(func.sum(f.rows), 0),
            func.coalesce(func.sum(case((committed, f.booked_count), else_=0)), 0),
            # Whole cents as stored (see Money), summed exactly.
            func.coalesce(
                func.sum(case((committed, type_coerce(f.booked_amount, BigInteger)), else_=0)), 0
            ),
        ).where(f.run_id == row.id, f.outcome != SKIPPED_OUTCOME)
    ).one()
    row.files, row.rows, row.booked_count = files, rows, booked
    row.booked_amount = (Decimal(int(cents)) / 100).quantize(Decimal("0.01"))


def finish_run(
    db: Database,
    run_id: int,
    *,
    status: str,
    error_kind: str,
    error: str,
    mailed: bool,
    finished_at: datetime | None = None,
) -> None:
    with db.session() as s:
        row = s.get(RunRow, run_id)
        row.finished_at = finished_at or utcnow()
        row.status, row.error_kind, row.error, row.mailed = status, error_kind, error, mailed
        _set_totals(s, row)


def close_interrupted_runs(db: Database, interface_id: int) -> int:
    """Runs of ``interface_id`` still "running" while the caller holds its lease were cut
    off: closed as interrupted, with what they did book. Returns how many."""
    with db.session() as s:
        rows = list(
            s.scalars(
                select(RunRow).where(
                    RunRow.interface_id == interface_id, RunRow.status == "running"
                )
            )
        )
        for row in rows:
            row.status, row.error_kind, row.error = "interrupted", "interrupted", INTERRUPTED_DE
            row.finished_at = utcnow()
            _set_totals(s, row)
        return len(rows)


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
    ) -> int:
        """``host``: the computer that runs it (default: this one's network name)."""
        with self.db.session() as s:
            row = RunRow(
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
                mailed=False,
            )
            s.add(row)
            s.flush()
            return row.id

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
        with self.db.session() as s:
            row = s.get(RunFileRow, file_id)
            row.state = state
            row.duration_ms = duration_ms
            if sha256 is not None:
                row.sha256 = sha256
            if import_file_id is not None:
                row.import_file_id = import_file_id
            if error_kind is not None:
                row.error_kind = error_kind
            if outcome is not None:
                row.outcome = outcome.outcome
                row.rows = outcome.rows
                row.booked_count = outcome.booked_count
                row.booked_amount = outcome.booked_amount
                row.deleted = outcome.deleted
                row.error = outcome.error
                row.error_line = outcome.error_line
                row.skipped = json.dumps(outcome.not_booked, ensure_ascii=False)

    def finish_run(self, run_id: int, **values: Any) -> None:
        """See ``finish_run``."""
        finish_run(self.db, run_id, **values)

    def close_interrupted_runs(self, interface_id: int) -> int:
        return close_interrupted_runs(self.db, interface_id)
