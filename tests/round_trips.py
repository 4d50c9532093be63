"""Counting a database's round trips with SQLAlchemy's event hooks: each statement (an
``executemany`` counts once: the driver sends its rows in one go), each BEGIN, COMMIT
and ROLLBACK, each new connection (a few round trips in truth) and each ping of a pooled
connection before it is handed out (the dialect's ``do_ping``, which has no event)."""

from __future__ import annotations

import threading
from collections import Counter
from contextlib import contextmanager

from sqlalchemy import event

from desktop_app.store.db import Database


class RoundTrips:
    def __init__(self) -> None:
        self.kinds: Counter[str] = Counter()
        self.statements: Counter[str] = Counter()
        self._lock = threading.Lock()

    @property
    def total(self) -> int:
        return sum(self.kinds.values())

    def _add(self, kind: str, statement: str | None = None) -> None:
        with self._lock:
            self.kinds[kind] += 1
            if statement is not None:
                self.statements[" ".join(statement.split())[:90]] += 1

    def _on_statement(self, _conn, _cursor, statement, _params, _context, many) -> None:
        self._add("executemany" if many else "execute", statement)

    def _on_begin(self, _conn) -> None:
        self._add("begin")

    def _on_commit(self, _conn) -> None:
        self._add("commit")

    def _on_rollback(self, _conn) -> None:
        self._add("rollback")

    def _on_connect(self, *_args) -> None:
        self._add("connect")

    def hooks(self, db: Database):
        return [
            (db.engine, "before_cursor_execute", self._on_statement),
            (db.engine, "begin", self._on_begin),
            (db.engine, "commit", self._on_commit),
            (db.engine, "rollback", self._on_rollback),
            (db.engine.pool, "connect", self._on_connect),
        ]

    def report(self) -> str:
        lines = [f"{self.total} round trips: {dict(self.kinds)}"]
        lines += [f"  {n:4d}  {s}" for s, n in self.statements.most_common()]
        return "\n".join(lines)


@contextmanager
def counting_round_trips(db: Database):
    """``with counting_round_trips(db) as trips: ...``; ``trips.total`` after."""
    trips = RoundTrips()
    hooks = trips.hooks(db)
    for target, name, fn in hooks:
        event.listen(target, name, fn)
    dialect = db.engine.dialect
    ping = dialect.do_ping

    def counted_ping(dbapi_connection):
        trips._add("ping")
        return ping(dbapi_connection)

    dialect.do_ping = counted_ping  # type: ignore[method-assign]
    try:
        yield trips
    finally:
        del dialect.do_ping  # the class's again
        for target, name, fn in hooks:
            event.remove(target, name, fn)
