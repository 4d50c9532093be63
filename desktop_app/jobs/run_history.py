"""Past runs of an interface, for ``history``."""

from __future__ import annotations

from ..store.db import Database
from ..store.history import RunHistory, run_history
from ..store.interfaces import InterfaceRepository


def history_of(db: Database, name: str, *, limit: int = 50) -> list[RunHistory]:
    """The newest runs of the interface ``name`` first; raises ``InterfaceNotFound``."""
    stored = InterfaceRepository(db).get(name)
    return run_history(db, stored.id, limit=limit)
