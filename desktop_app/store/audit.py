"""The audit log: who did what, when, to which interface; never a secret."""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

# Actions written to the log (re-exported: callers name them as store.audit.LOGIN).
from ..domain.audit_actions import (  # noqa: F401
    CONFIG_IMPORTED,
    INTERFACE_CHANGED,
    INTERFACE_CREATED,
    INTERFACE_DELETED,
    LOGIN,
    LOGIN_FAILED,
    LOGIN_LOCKED,
    LOGOUT,
    OPTIONS_CHANGED,
    PASSWORD_CHANGED,
    REVEAL,
    REVEAL_FAILED,
    REVEAL_LOCKED,
    SMTP_CHANGED,
    USER_CHANGED,
    USER_CREATED,
    USER_UNLOCKED,
    changed_fields,
)
from .db import Database
from .models import utcnow
from .user_models import AuditRow


def os_actor() -> str:
    """The operating-system account, for command-line calls that have no login."""
    try:
        return f"os:{getpass.getuser()}"
    except Exception:  # no user database entry (containers)
        return "os:unknown"


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    target: str
    outcome: str
    details: dict


@dataclass(frozen=True)
class AuditNote:
    """An entry not yet written: a change that records itself in its own transaction."""

    actor: str
    action: str
    target: str = ""
    outcome: str = "ok"
    details: dict = field(default_factory=dict)
    user_id: int | None = None


def audit_row(note: AuditNote, at: datetime | None = None) -> AuditRow:
    return AuditRow(
        at=at or utcnow(),
        actor=note.actor,
        user_id=note.user_id,
        action=note.action,
        target=note.target,
        outcome=note.outcome,
        details=json.dumps(note.details, ensure_ascii=False, sort_keys=True),
    )


class AuditLog:
    def __init__(self, db: Database):
        self.db = db

    def record(
        self,
        actor: str,
        action: str,
        *,
        target: str = "",
        outcome: str = "ok",
        details: dict | None = None,
        user_id: int | None = None,
        at: datetime | None = None,
    ) -> None:
        note = AuditNote(actor, action, target, outcome, details or {}, user_id)
        with self.db.session() as s:
            s.add(audit_row(note, at))

    def entries(self, *, limit: int = 1000, action: str | None = None) -> list[AuditEntry]:
        query = select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit)
        if action:
            query = query.where(AuditRow.action == action)
        with self.db.session() as s:
            return [
                AuditEntry(
                    r.at, r.actor, r.action, r.target, r.outcome, json.loads(r.details or "{}")
                )
                for r in s.scalars(query)
            ]
