"""Users, the audit log and the reveal lock."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, UtcDateTime, utcnow


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    group: Mapped[str] = mapped_column("user_group", String(16))
    # argon2id hash string (salt and parameters inside): never reversible.
    password_hash: Mapped[str] = mapped_column(String(255))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Wrong passwords in a row (login, eye button, own password change) and the lock they
    # set: in the database, so neither a restart nor a second computer lifts it. The
    # columns keep the names of the eye button's lock, which was the first to use them.
    password_failures: Mapped[int] = mapped_column("reveal_failures", Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column("reveal_locked_until", UtcDateTime)


class AuditRow(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # The logged-in user, or "os:<account>" for a command-line call.
    actor: Mapped[str] = mapped_column(String(128))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(255), default="")
    outcome: Mapped[str] = mapped_column(String(32), default="ok")
    # JSON: which fields changed, never a value of a secret.
    details: Mapped[str] = mapped_column(Text, default="")
