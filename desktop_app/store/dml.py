"""An INSERT, UPDATE or DELETE run on an ORM session, with what it tells: rows, new keys."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from sqlalchemy import CursorResult, Executable, Insert
from sqlalchemy.orm import Session
from sqlalchemy.util import EMPTY_DICT


def run_dml(
    s: Session, statement: Executable, execution_options: Mapping[str, Any] = EMPTY_DICT
) -> CursorResult[Any]:
    """``s.execute(statement, execution_options=...)``, typed as what it returns for DML."""
    # SQLAlchemy types Session.execute as Result; for DML it returns a CursorResult.
    return cast(CursorResult[Any], s.execute(statement, execution_options=execution_options))


def upsert_insert(dialect: str) -> Callable[..., Any]:
    """The ``insert`` of ``dialect`` (a name: "sqlite" or "postgresql"), which has
    ``on_conflict_do_…``. Imported when asked: PostgreSQL's dialect alone takes longer to
    import than a program on SQLite needs to show its window."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def insert_one(s: Session, statement: Insert) -> Any:
    """Insert the one row of ``statement``; its new primary key."""
    key = run_dml(s, statement).inserted_primary_key
    assert key is not None  # None only for a multi-row insert
    return key[0]
