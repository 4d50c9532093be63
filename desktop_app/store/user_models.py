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


class PasswordLockRow(Base):
    """Wrong passwords in a row (login, eye button, own password change) for one name on
    one computer, and the lock they set. In the database, so a restart does not lift it;
    per computer, so wrong tries at one branch's login never lock the user out at another.
    A name no user has is counted and locked alike: the lock must not tell which exist."""

    __tablename__ = "password_locks"

    # A SHA-256 of the user ("user:<id>"), or 16 bits of one of the typed name no user has:
    # such a name is often a password typed into the name field (users._account_of_name).
    account: Mapped[str] = mapped_column(String(64), primary_key=True)
    # As ``this_computer`` names it, stripped and casefolded (as ``same_computer`` compares).
    computer: Mapped[str] = mapped_column(String(253), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    failures: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_try_at: Mapped[datetime] = mapped_column(UtcDateTime)


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
