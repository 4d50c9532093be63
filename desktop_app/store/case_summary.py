"""Which day the daily summary of open cases went out: claimed before sending, so that
of the computers sharing a database exactly one sends it."""

from __future__ import annotations

from datetime import date
from typing import Literal

from sqlalchemy import insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from .case_models import CaseSummaryStateRow
from .db import Database
from .dml import run_dml

_ROW = 1


def summary_sent_on(db: Database) -> date | None:
    with db.session() as s:
        return s.scalar(
            select(CaseSummaryStateRow.last_sent_on).where(CaseSummaryStateRow.id == _ROW)
        )


def claim_summary_day(db: Database, day: date) -> date | Literal[False] | None:
    """Mark ``day`` as sent if no one has; returns the day marked before (``None``: never),
    or ``False`` when ``day`` was claimed already."""
    row = CaseSummaryStateRow
    with db.session() as s:
        previous = s.scalar(select(row.last_sent_on).where(row.id == _ROW))
        if s.scalar(select(row.id).where(row.id == _ROW)) is None:
            try:
                with s.begin_nested():
                    s.execute(insert(row).values(id=_ROW, last_sent_on=day))
                return None
            except IntegrityError:
                pass  # another computer made the row just now: compete on it below
        claimed = run_dml(
            s,
            update(row)
            .where(row.id == _ROW, or_(row.last_sent_on.is_(None), row.last_sent_on < day))
            .values(last_sent_on=day),
        ).rowcount
        return previous if claimed else False


def release_summary_day(db: Database, day: date, previous: date | None) -> None:
    """The send failed: the day is free again (unless someone claimed a later one)."""
    row = CaseSummaryStateRow
    with db.session() as s:
        s.execute(
            update(row).where(row.id == _ROW, row.last_sent_on == day).values(last_sent_on=previous)
        )
