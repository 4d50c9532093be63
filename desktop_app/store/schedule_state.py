"""What the scheduler persisted per interface: the last slot served and the failure back-off.

Every computer of a branch chain that shares the database reads and writes these rows, so
the write that decides who serves a slot is a compare-and-set UPDATE ("only if the stored
slot is older"): two schedulers waking for the same chain-wide slot both try it and exactly
one row update succeeds, on SQLite (writers are serialised) and PostgreSQL (READ COMMITTED
re-checks the WHERE clause after waiting for the row lock) alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, insert, literal, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .db import Database
from .models import InterfaceRow, UtcDateTime
from .run_models import ScheduleStateRow

__all__ = [
    "CANCELLED",
    "FAILED",
    "OK",
    "REFUSED",
    "RUNNING",
    "SKIPPED",
    "ScheduleState",
    "ScheduleStateRepository",
]

# Final statuses a run reports; RUNNING is only ever stored between start and finish.
OK = "ok"
FAILED = "failed"
SKIPPED = "skipped"
CANCELLED = "cancelled"  # stopped on request: neither a success nor a failure
# Failed only on files refused by their checks, which wait for a person's decision: the
# same content would be refused again, so there is no back-off. Stored as FAILED.
REFUSED = "refused"
RUNNING = "running"


@dataclass(frozen=True)
class ScheduleState:
    """One interface's scheduling memory; the defaults describe one that never ran."""

    interface_id: int
    last_slot_at: datetime | None = None  # the newest slot claimed (served or being served)
    last_run_at: datetime | None = None
    last_status: str = ""
    last_success_at: datetime | None = None
    consecutive_failures: int = 0
    retry_at: datetime | None = None  # set while failing: the back-off's next attempt
    # When the interface was created: catch-up and staleness count from it until it first ran.
    created_at: datetime | None = None
    # When its schedule last changed (enabled again, another time or interval): no slot
    # before then is caught up.
    schedule_changed_at: datetime | None = None

    @property
    def failing(self) -> bool:
        return self.retry_at is not None


def _older_than(slot: datetime) -> ColumnElement[bool]:
    return or_(ScheduleStateRow.last_slot_at.is_(None), ScheduleStateRow.last_slot_at < slot)


def _state(
    interface_id: int,
    row: ScheduleStateRow | None,
    created_at: datetime | None,
    schedule_changed_at: datetime | None = None,
) -> ScheduleState:
    if row is None:
        return ScheduleState(
            interface_id=interface_id,
            created_at=created_at,
            schedule_changed_at=schedule_changed_at,
        )
    return ScheduleState(
        interface_id=interface_id,
        last_slot_at=row.last_slot_at,
        last_run_at=row.last_run_at,
        last_status=row.last_status,
        last_success_at=row.last_success_at,
        consecutive_failures=row.consecutive_failures,
        retry_at=row.retry_at,
        created_at=created_at,
        schedule_changed_at=schedule_changed_at,
    )


def _interface_times(s: Session, interface_id: int) -> tuple[datetime | None, datetime | None]:
    """The interface's creation and the last change of its schedule (None: gone)."""
    times = s.execute(
        select(InterfaceRow.created_at, InterfaceRow.schedule_changed_at).where(
            InterfaceRow.id == interface_id
        )
    ).first()
    return (times[0], times[1]) if times is not None else (None, None)


class ScheduleStateRepository:
    def __init__(self, db: Database):
        self.db = db

    def get(self, interface_id: int) -> ScheduleState:
        """The state of one interface; defaults when it never ran (or no longer exists)."""
        with self.db.session() as s:
            row = s.get(ScheduleStateRow, interface_id)
            return _state(interface_id, row, *_interface_times(s, interface_id))

    def all(self) -> dict[int, ScheduleState]:
        """Every interface's state in one query: the scheduler re-plans all of them at once."""
        query = select(
            InterfaceRow.id,
            InterfaceRow.created_at,
            InterfaceRow.schedule_changed_at,
            ScheduleStateRow,
        ).outerjoin(ScheduleStateRow, ScheduleStateRow.interface_id == InterfaceRow.id)
        with self.db.session() as s:
            return {
                interface_id: _state(interface_id, row, created_at, changed_at)
                for interface_id, created_at, changed_at, row in s.execute(query)
            }

    def record_slot_started(
        self,
        interface_id: int,
        slot: datetime | None,
        now: datetime,
        *,
        retry_of: int | None = None,
    ) -> bool:
        """Claim ``slot`` before running it; False when another scheduler already did.

        Persisted before the run starts, so a crash during the run does not make every
        restart serve the same slot again. A normal claim needs the stored slot to be older
        than ``slot``. A retry claim (``retry_of`` = the failure count the caller saw) needs
        the back-off still pending with that count, so one failure is retried once chain-wide;
        it may also advance the slot to one that passed during the back-off.
        """
        values: dict[str, object] = {"last_run_at": now, "last_status": RUNNING}
        if retry_of is None:
            if slot is None:
                raise ValueError("a scheduled run claims a slot")
            condition = _older_than(slot)
            values["last_slot_at"] = slot
        else:
            condition = (ScheduleStateRow.consecutive_failures == retry_of) & (
                ScheduleStateRow.retry_at.is_not(None)
            )
            values["retry_at"] = None
            if slot is not None:  # never backwards: a newer slot may have been claimed since
                # Typed literal: a bare datetime would skip UtcDateTime's conversion to UTC.
                values["last_slot_at"] = case(
                    (_older_than(slot), literal(slot, UtcDateTime())),
                    else_=ScheduleStateRow.last_slot_at,
                )
        with self.db.engine.begin() as conn:
            if self._claim(conn, interface_id, condition, values):
                return True
            exists = conn.scalar(
                select(ScheduleStateRow.interface_id).where(
                    ScheduleStateRow.interface_id == interface_id
                )
            )
        if exists is not None or retry_of is not None:
            return False  # served (or retried) elsewhere; a retry without a row has nothing to do
        try:
            # A separate transaction: on PostgreSQL a failed INSERT poisons its transaction.
            with self.db.engine.begin() as conn:
                conn.execute(
                    insert(ScheduleStateRow).values(
                        interface_id=interface_id, consecutive_failures=0, **values
                    )
                )
            return True
        except IntegrityError:
            # Another computer created the row first (its claim decides), or the interface
            # was deleted meanwhile (nothing to claim): one more conditional UPDATE settles it.
            with self.db.engine.begin() as conn:
                return self._claim(conn, interface_id, condition, values)

    @staticmethod
    def _claim(
        conn: Connection, interface_id: int, condition: ColumnElement[bool], values: dict
    ) -> bool:
        return bool(
            conn.execute(
                update(ScheduleStateRow)
                .where(ScheduleStateRow.interface_id == interface_id, condition)
                .values(**values)
            ).rowcount
        )

    def record_slot_finished(
        self,
        interface_id: int,
        slot: datetime | None,
        status: str,
        now: datetime,
        *,
        retry_at: Callable[[int], datetime | None] | None = None,
    ) -> ScheduleState:
        """Record a run's final status and return the new state.

        ``slot`` None for a run that served no slot (manual "Jetzt ausführen"): it still
        counts for success and failure. On failure ``retry_at`` is asked for the next attempt
        given the new failure count; without it the regular schedule continues. REFUSED
        is stored as a failure that ends the back-off: the server answered, and trying the
        same files again gives the same answer, so the regular schedule continues. Any
        other status (skipped, cancelled) leaves the failure count and back-off as they were.
        """
        with self.db.session() as s:
            row = s.get(ScheduleStateRow, interface_id, with_for_update=True)
            if row is None:
                row = ScheduleStateRow(interface_id=interface_id, consecutive_failures=0)
                s.add(row)
            row.last_run_at = now
            row.last_status = FAILED if status == REFUSED else status
            if slot is not None and (row.last_slot_at is None or row.last_slot_at < slot):
                row.last_slot_at = slot
            if status == OK:
                row.last_success_at = now
                row.consecutive_failures = 0
                row.retry_at = None
            elif status == FAILED:
                row.consecutive_failures = (row.consecutive_failures or 0) + 1
                row.retry_at = retry_at(row.consecutive_failures) if retry_at else None
            elif status == REFUSED:
                row.consecutive_failures = 0
                row.retry_at = None
            s.flush()
            return _state(interface_id, row, *_interface_times(s, interface_id))
