"""The last run of every interface, for the list's "Letzter Lauf" column and the tray."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from .db import Database
from .run_models import RunRow
from .schedule_state import RUNNING, ScheduleStateRepository

__all__ = ["LastRun", "last_runs"]


@dataclass(frozen=True)
class LastRun:
    at: datetime  # when it ended
    status: str  # ok | failed | skipped | cancelled
    error: str = ""  # German, for people
    error_en: str = ""  # the same in English ("": only the German is known)

    def error_text(self, lang: str = "de") -> str:
        return self.error_en if lang == "en" and self.error_en else self.error


def last_runs(db: Database) -> dict[int, LastRun]:
    """Per interface id, the newer of its last finished run and the schedule state's last
    status: the runs table also knows runs started from the command line, the schedule
    state also knows slots skipped because the interface ran elsewhere (no run row)."""
    newest = (
        select(func.max(RunRow.id))
        .where(RunRow.finished_at.is_not(None), RunRow.dry_run.is_(False))
        .group_by(RunRow.interface_id)
    )
    with db.session() as s:
        rows = s.execute(
            select(
                RunRow.interface_id,
                RunRow.finished_at,
                RunRow.status,
                RunRow.error,
                RunRow.error_en,
            ).where(RunRow.id.in_(newest))
        ).all()
    found = {
        interface_id: LastRun(finished_at, status, error or "", error_en or "")
        for interface_id, finished_at, status, error, error_en in rows
        if finished_at is not None  # as ``newest`` asks; the column may be empty
    }
    for interface_id, state in ScheduleStateRepository(db).all().items():
        if state.last_run_at is None or state.last_status in ("", RUNNING):
            continue
        known = found.get(interface_id)
        if known is not None and (
            state.last_status == known.status or state.last_run_at <= known.at
        ):
            continue  # the same run, recorded a moment after its row (which has the error)
        found[interface_id] = LastRun(state.last_run_at, state.last_status)
    return found
