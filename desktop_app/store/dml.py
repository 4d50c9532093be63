"""An INSERT, UPDATE or DELETE run on an ORM session, with what it tells: rows, new keys."""

from __future__ import annotations

from collections.abc import Mapping
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


def insert_one(s: Session, statement: Insert) -> Any:
    """Insert the one row of ``statement``; its new primary key."""
    key = run_dml(s, statement).inserted_primary_key
    assert key is not None  # None only for a multi-row insert
    return key[0]
