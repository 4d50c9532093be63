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

import psutil
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from .db import Database
from .run_models import LeaseRow

DEFAULT_TTL = timedelta(minutes=10)


def make_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _dead_local_holder(holder: str) -> bool:
    """A holder on this computer whose process is gone (killed, crashed): its lease need
    not be waited out. Holders on other computers cannot be checked and simply expire."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    # psutil asks each OS its own way; os.kill(pid, 0) would terminate the process on Windows.
    return pid != os.getpid() and not psutil.pid_exists(pid)


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
        if self._take_from_dead_holder(interface_id, now):
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

    def _take_from_dead_holder(self, interface_id: int, now: datetime) -> bool:
        with self.db.engine.begin() as conn:
            holder = conn.execute(
                select(LeaseRow.holder).where(LeaseRow.interface_id == interface_id)
            ).scalar()
            if holder is None or not _dead_local_holder(holder):
                return False
            # Conditional on the dead holder: if another process took it first, we lose.
            return bool(
                conn.execute(
                    update(LeaseRow)
                    .where(LeaseRow.interface_id == interface_id, LeaseRow.holder == holder)
                    .values(holder=self.holder, acquired_at=now, expires_at=now + self.ttl)
                ).rowcount
            )

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
