"""Past runs, for the Verlauf window, the interface list, the tray and ``history``."""

from __future__ import annotations

from ..store.db import Database
from ..store.history import RunHistory, run_history
from ..store.interfaces import InterfaceRepository
from ..store.last_runs import LastRun, last_runs


def history_of(db: Database, name: str, *, limit: int = 50) -> list[RunHistory]:
    """The newest runs of the interface ``name`` first; raises ``InterfaceNotFound``."""
    stored = InterfaceRepository(db).get(name)
    return run_history(db, stored.id, limit=limit)


def history_of_interface(db: Database, interface_id: int, *, limit: int = 100) -> list[RunHistory]:
    return run_history(db, interface_id, limit=limit)


def last_runs_by_interface(db: Database) -> dict[int, LastRun]:
    """Each interface's last finished run, by interface id."""
    return last_runs(db)


def last_statuses(db: Database) -> dict[str, str]:
    """Each interface's last run's status, by interface name (the tray's first state)."""
    names = {stored.id: stored.settings.name for stored in InterfaceRepository(db).list()}
    return {names[i]: run.status for i, run in last_runs(db).items() if i in names}
