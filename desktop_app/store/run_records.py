"""Closing a run's record. Its totals are summed from its files' rows, counting only
bookings whose transaction committed: the same for a run that ended and for one that was
cut off (killed, power lost) and is closed by the next run."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

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
