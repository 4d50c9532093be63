"""Whose database is it? The program only ever changes a database that is its own.

Before anything is written, an existing database is looked at read-only: an empty one (or
a new path) becomes ours; one of ours (its Alembic version is one of our schema
revisions) is used; another application's database, a file that is no SQLite database,
one from a newer version of this program, and a damaged one (SQLite's quick integrity
check) are refused untouched, each with its own error.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

from ..domain.text_rules import shown
from .db_errors import (
    DamagedDatabase,
    DatabaseUnavailable,
    ForeignDatabase,
    NewerDatabase,
    Where,
)

OUR_MARK_TABLE = "interfaces"  # every revision of our schema has it
_REVISION = re.compile(r"\d{4}")


def sqlite_is_read_only(path: Path) -> bool:
    """Whether an existing SQLite file can only be read here (file or directory)."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def sqlite_read_only_uri(path: Path) -> str:
    """A URI that opens ``path`` without writing anything, not even a -shm file where the
    directory is read-only (``immutable``: no one here can be writing it then)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return uri if os.access(path.parent, os.W_OK) else uri + "&immutable=1"


def check_sqlite_file(path: Path, head: str) -> None:
    """Refuse ``path`` unless it is new, empty or ours and intact; reads only."""
    where = Where.file(path)
    if path.is_dir():
        raise ForeignDatabase(where, "is a directory", "ist ein Verzeichnis, keine Datei")
    if not path.exists() or path.stat().st_size == 0:
        return  # a new path or an empty file: made ours
    # Only SQLite opens the file: closing a descriptor of our own on it would drop the
    # POSIX locks of every SQLite connection to it in this process (sqlite.org/howtocorrupt).
    try:
        with closing(sqlite3.connect(sqlite_read_only_uri(path), uri=True)) as connection:
            result = [row[0] for row in connection.execute("PRAGMA quick_check")]
            if result != ["ok"]:
                raise DamagedDatabase(where, shown("; ".join(result[:3]), 200))
            tables = [
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                )
            ]
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.OperationalError as exc:  # locked, or it cannot be opened
        raise DatabaseUnavailable(str(path), str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise ForeignDatabase(
                where, "is not an SQLite database", "ist keine SQLite-Datenbank"
            ) from exc
        raise DamagedDatabase(where, str(exc)) from exc  # "malformed" and the like
    judge(where, tables, revision, head)


def judge(where: Where, tables: Iterable[str], revision: str | None, head: str) -> None:
    """Ours (or empty) passes; anything else is refused."""
    tables = sorted(tables)
    if not tables:
        return
    if revision is not None and _REVISION.fullmatch(revision) and OUR_MARK_TABLE in tables:
        if revision <= head:
            return
        raise NewerDatabase(where, revision)
    listed = ", ".join(shown(t, 40) for t in tables[:5]) + (", …" if len(tables) > 5 else "")
    raise ForeignDatabase(
        where,
        f"belongs to another application (tables: {listed})",
        f"gehört zu einem anderen Programm (Tabellen: {listed})",
    )
