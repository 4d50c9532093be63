"""Reading past runs of an interface, for the history view and ``desktop-app history``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select

from ..domain.reason_texts import stored_reason_text
from .case_models import CaseRow
from .db import Database
from .run_models import RunFileRow, RunRow


@dataclass(frozen=True)
class FileHistory:
    remote_path: str
    state: str
    outcome: str
    rows: int
    booked_count: int
    booked_amount: Decimal
    deleted: bool
    skipped: list[dict]
    error: str
    error_line: int | None
    duration_ms: int
    error_en: str = ""  # ``error`` in English; "" for a record written before there was one

    def error_text(self, lang: str = "de") -> str:
        return self.error_en if lang == "en" and self.error_en else self.error

    def to_json(self, lang: str = "de") -> dict:
        """For programs; ``error`` and each skipped row's ``reason`` in ``lang``."""
        return {
            "name": self.remote_path,
            "state": self.state,
            "outcome": self.outcome,
            "rows": self.rows,
            "booked": self.booked_count,
            "booked_amount": str(self.booked_amount),
            "deleted": self.deleted,
            "skipped": [{**row, "reason": stored_reason_text(row, lang)} for row in self.skipped],
            "error": self.error_text(lang) or None,
            "error_line": self.error_line,
            "duration_ms": self.duration_ms,
        }


@dataclass(frozen=True)
class RunHistory:
    id: int
    trigger: str
    host: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    dry_run: bool
    rows: int
    booked_count: int
    booked_amount: Decimal
    error: str
    mailed: bool
    files: tuple[FileHistory, ...]
    error_kind: str = ""  # the failure's type (e.g. LoginFailed), for scripts and filters
    error_en: str = ""  # ``error`` in English; "" for a record written before there was one
    # The Klärungsfälle the run opened: a row whose reason could make one makes none when
    # its file was refused, is a list of open items, or had its case from an earlier run.
    cases: int = 0

    def error_text(self, lang: str = "de") -> str:
        return self.error_en if lang == "en" and self.error_en else self.error

    @property
    def duration_seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

    def to_json(self, lang: str = "de") -> dict:
        """For programs; ``error`` and the files' texts in ``lang``."""
        return {
            "id": self.id,
            "trigger": self.trigger,
            "host": self.host,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "duration_seconds": self.duration_seconds,
            "status": self.status,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "booked": self.booked_count,
            "booked_amount": str(self.booked_amount),
            "error": self.error_text(lang) or None,
            "error_kind": self.error_kind or None,
            "mailed": self.mailed,
            "cases": self.cases,
            "files": [f.to_json(lang) for f in self.files],
        }


def run_exists(db: Database, run_id: int) -> bool:
    with db.session() as s:
        return s.scalar(select(RunRow.id).where(RunRow.id == run_id)) is not None


def run_history(db: Database, interface_id: int, *, limit: int = 100) -> list[RunHistory]:
    """Newest first."""
    with db.session() as s:
        runs = list(
            s.scalars(
                select(RunRow)
                .where(RunRow.interface_id == interface_id)
                .order_by(RunRow.started_at.desc(), RunRow.id.desc())
                .limit(limit)
            )
        )
        files: dict[int, list[FileHistory]] = {r.id: [] for r in runs}
        cases: dict[int, int] = {}
        if runs:
            counted = (
                select(CaseRow.run_id, func.count())
                .where(CaseRow.run_id.in_(list(files)))
                .group_by(CaseRow.run_id)
            )
            cases = {run_id: count for run_id, count in s.execute(counted) if run_id is not None}
            for f in s.scalars(
                select(RunFileRow).where(RunFileRow.run_id.in_(list(files))).order_by(RunFileRow.id)
            ):
                files[f.run_id].append(
                    FileHistory(
                        f.remote_path,
                        f.state,
                        f.outcome,
                        f.rows,
                        f.booked_count,
                        f.booked_amount,
                        f.deleted,
                        json.loads(f.skipped or "[]"),
                        f.error,
                        f.error_line,
                        f.duration_ms,
                        f.error_en or "",
                    )
                )
        return [
            RunHistory(
                r.id,
                r.trigger,
                r.host,
                r.started_at,
                r.finished_at,
                r.status,
                r.dry_run,
                r.rows,
                r.booked_count,
                r.booked_amount,
                r.error,
                r.mailed,
                tuple(files[r.id]),
                r.error_kind,
                r.error_en or "",
                cases.get(r.id, 0),
            )
            for r in runs
        ]
