"""One run per interface at a time, across every process that shares the database.

A lease row with an expiry: taken by a conditional UPDATE (free, expired, or already
ours) or, when there is no row yet, by an INSERT that the primary key lets only one
process win. Both statements are atomic on SQLite and PostgreSQL alike. A holder that
crashes simply lets the lease run out.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, or_, update
from sqlalchemy.exc import IntegrityError

from .db import Database
from .run_models import LeaseRow

DEFAULT_TTL = timedelta(minutes=10)


def make_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class RunLease:
    def __init__(
        self,
        db: Database,
        holder: str | None = None,
        *,
        ttl: timedelta = DEFAULT_TTL,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.db = db
        self.holder = holder or make_holder()
        self.ttl = ttl
        self.now = now

    def acquire(self, interface_id: int) -> bool:
        now = self.now()
        with self.db.engine.begin() as conn:
            taken = conn.execute(
                update(LeaseRow)
                .where(
                    LeaseRow.interface_id == interface_id,
                    or_(LeaseRow.expires_at < now, LeaseRow.holder == self.holder),
                )
                .values(holder=self.holder, acquired_at=now, expires_at=now + self.ttl)
            ).rowcount
        if taken:
            return True
        try:
            with self.db.engine.begin() as conn:
                conn.execute(
                    insert(LeaseRow).values(
                        interface_id=interface_id,
                        holder=self.holder,
                        acquired_at=now,
                        expires_at=now + self.ttl,
                    )
                )
        except IntegrityError:
            return False  # someone holds it (or won the race to create it)
        return True

    def renew(self, interface_id: int) -> bool:
        """Extend our lease; False when it was lost (expired and taken by another)."""
        now = self.now()
        with self.db.engine.begin() as conn:
            return bool(
                conn.execute(
                    update(LeaseRow)
                    .where(LeaseRow.interface_id == interface_id, LeaseRow.holder == self.holder)
                    .values(expires_at=now + self.ttl)
                ).rowcount
            )

    def release(self, interface_id: int) -> None:
        with self.db.engine.begin() as conn:
            conn.execute(
                delete(LeaseRow).where(
                    LeaseRow.interface_id == interface_id, LeaseRow.holder == self.holder
                )
            )
