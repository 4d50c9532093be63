"""One run per interface at a time, across every process that shares the database.

A lease row with an expiry: inserted, or taken over when it is free, expired or already
ours, in one conditional upsert (INSERT … ON CONFLICT DO UPDATE … WHERE) that only one
process wins, atomic on SQLite and PostgreSQL alike. A holder that
crashes simply lets the lease run out.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import psutil
from sqlalchemy import delete, or_, select, update

from .db import Database
from .dml import upsert_insert
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
        self._taken_at: dict[int, datetime] = {}  # interface id -> our last acquire or renew

    def acquire(self, interface_id: int) -> bool:
        now = self.now()
        with self.db.engine.begin() as conn:
            # One statement (a round trip on a far server): a new lease, or the row taken
            # over when it is free, expired or already ours; a held one stays untouched.
            insert_into = upsert_insert(conn.dialect.name)
            taken = conn.scalar(
                insert_into(LeaseRow)
                .values(
                    interface_id=interface_id,
                    holder=self.holder,
                    acquired_at=now,
                    expires_at=now + self.ttl,
                )
                .on_conflict_do_update(
                    index_elements=[LeaseRow.interface_id],
                    set_={"holder": self.holder, "acquired_at": now, "expires_at": now + self.ttl},
                    where=or_(LeaseRow.expires_at < now, LeaseRow.holder == self.holder),
                )
                .returning(LeaseRow.holder)  # no row: held by another (rowcount says 1)
            )
        if taken is not None or self._take_from_dead_holder(interface_id, now):
            self._taken_at[interface_id] = now
            return True
        return False

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
        """Extend our lease; False when it was lost (expired and taken by another). Within
        a tenth of its time after we took or renewed it, it cannot have run out: no round
        trip to the database then (a run renews it before each file)."""
        now = self.now()
        taken_at = self._taken_at.get(interface_id)
        if taken_at is not None and taken_at <= now < taken_at + self.ttl / 10:
            return True
        with self.db.engine.begin() as conn:
            renewed = bool(
                conn.execute(
                    update(LeaseRow)
                    .where(LeaseRow.interface_id == interface_id, LeaseRow.holder == self.holder)
                    .values(expires_at=now + self.ttl)
                ).rowcount
            )
        if renewed:
            self._taken_at[interface_id] = now
        else:
            self._taken_at.pop(interface_id, None)
        return renewed

    def release(self, interface_id: int) -> None:
        self._taken_at.pop(interface_id, None)
        with self.db.engine.begin() as conn:
            conn.execute(
                delete(LeaseRow).where(
                    LeaseRow.interface_id == interface_id, LeaseRow.holder == self.holder
                )
            )
