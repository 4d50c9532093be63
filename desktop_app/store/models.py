"""SQLAlchemy models of the settings store.

Portable types only (no SQLite-specific ones): the same schema runs on PostgreSQL when a
branch chain shares one ledger. Schema changes go through a migration in ``migrations/``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Time,
    TypeDecorator,
    literal,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: Room for "ftps-implicit", which PostgreSQL's VARCHAR(8) refused; SQLite enforces no
#: length, so its databases keep the column as the first migration made it.
PROTOCOL_NAME = String(16).with_variant(String(8), "sqlite")


class UtcDateTime(TypeDecorator):
    """Timezone-aware instants stored as UTC; SQLite would otherwise drop the zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for an instant")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def utc_instant(value: datetime):
    """A bound instant typed like the columns it is compared with (UTC on every backend)."""
    return literal(value, UtcDateTime())


class Base(DeclarativeBase):
    pass


interface_mandants = Table(
    "interface_mandants",
    Base.metadata,
    Column("interface_id", ForeignKey("interfaces.id", ondelete="CASCADE"), primary_key=True),
    Column("mandant_id", ForeignKey("mandants.id", ondelete="RESTRICT"), primary_key=True),
)


class Branch(Base):
    """Filiale."""

    __tablename__ = "branches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Mandant(Base):
    """Accounting client (tenant) with its optional DATEV numbers."""

    __tablename__ = "mandants"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    datev_berater: Mapped[int | None] = mapped_column(Integer)
    datev_mandant: Mapped[int | None] = mapped_column(Integer)


class ChainOptionsRow(Base):
    """Filialkettenoptionen: exactly one row, id 1."""

    __tablename__ = "chain_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    admins_may_reveal_passwords: Mapped[bool] = mapped_column(Boolean, default=False)
    future_booking_months: Mapped[int] = mapped_column(Integer, default=0)
    download_min_kib_per_second: Mapped[int] = mapped_column(Integer)
    download_grace_seconds: Mapped[int] = mapped_column(Integer)
    # The Offene-Posten guards of interfaces without their own.
    guard_refuse_empty: Mapped[bool] = mapped_column(Boolean, default=True)
    guard_refuse_older: Mapped[bool] = mapped_column(Boolean, default=True)
    guard_max_share_percent: Mapped[int] = mapped_column(Integer, default=20)  # 0: no limit
    # Klärungsfälle (domain.interface.CaseOptions).
    staff_may_close_cases: Mapped[bool] = mapped_column(Boolean, default=False)
    case_overdue_days: Mapped[int] = mapped_column(Integer, default=14)
    case_summary_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    case_summary_time: Mapped[time | None] = mapped_column(Time)
    case_summary_recipient: Mapped[str] = mapped_column(String(320), default="")


class InterfaceRow(Base):
    __tablename__ = "interfaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable key for the keyring entry: survives renames, never reused by a duplicate.
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id", ondelete="RESTRICT"))
    workstation: Mapped[str | None] = mapped_column(String(255))
    start_date: Mapped[date | None] = mapped_column(Date)
    import_format: Mapped[str] = mapped_column(String(32))
    settle_until: Mapped[str] = mapped_column(String(16))
    filename_filter: Mapped[str] = mapped_column(String(255), default="")
    run_time: Mapped[time | None] = mapped_column(Time)
    interval_kind: Mapped[str] = mapped_column(String(16))
    every_minutes: Mapped[int] = mapped_column(Integer, default=60)
    weekdays: Mapped[str] = mapped_column(String(64), default="")  # "mon,wed"
    day_of_month: Mapped[str] = mapped_column(String(8), default="1")  # "1".."28" or "last"
    ftp_protocol: Mapped[str] = mapped_column(PROTOCOL_NAME, default="ftp")
    ftp_host: Mapped[str] = mapped_column(String(255))
    ftp_port: Mapped[int | None] = mapped_column(Integer)
    ftp_directory: Mapped[str] = mapped_column(String(1024), default="")
    ftp_date_subdirectories: Mapped[bool] = mapped_column(Boolean, default=False)
    ftp_user: Mapped[str] = mapped_column(String(255))
    ftp_passive: Mapped[bool] = mapped_column(Boolean, default=True)
    # Whether the keyring holds a password: lets the form say so without reading it.
    ftp_password_stored: Mapped[bool] = mapped_column(Boolean, default=False)
    # A random uuid4, new each time the password is set anywhere; never derived from it.
    # None: no password, or one set before versions were recorded.
    ftp_password_version: Mapped[str | None] = mapped_column(String(36))
    # SHA-256 of the TLS certificate or SSH host key the user chose to trust.
    ftp_trusted_fingerprint: Mapped[str | None] = mapped_column(String(128))
    error_email: Mapped[str] = mapped_column(String(320), default="")
    invoice_pattern: Mapped[str] = mapped_column(String(255), default="")
    # False: the chain's Offene-Posten guards apply; the guard_ columns are not read.
    own_guards: Mapped[bool] = mapped_column(Boolean, default=False)
    guard_refuse_empty: Mapped[bool] = mapped_column(Boolean, default=True)
    guard_refuse_older: Mapped[bool] = mapped_column(Boolean, default=True)
    guard_max_share_percent: Mapped[int] = mapped_column(Integer, default=20)  # 0: no limit
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    # When the schedule (enabled, Start, time, interval) last changed: its slots before
    # then are not caught up, whatever the old schedule had left undone.
    schedule_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    branch: Mapped[Branch | None] = relationship(lazy="joined")
    mandants: Mapped[list[Mandant]] = relationship(
        secondary=interface_mandants, lazy="selectin", order_by=Mandant.name
    )
    password_holders: Mapped[list[PasswordHolderRow]] = relationship(
        lazy="selectin",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PasswordHolderRow.computer",
    )


class PasswordHolderRow(Base):
    """A computer that stored an interface's FTP password in its own keyring: which
    version, since when. Never the secret, nor anything derived from it."""

    __tablename__ = "interface_password_holders"

    interface_id: Mapped[int] = mapped_column(
        ForeignKey("interfaces.id", ondelete="CASCADE"), primary_key=True
    )
    computer: Mapped[str] = mapped_column(String(253), primary_key=True)
    password_version: Mapped[str] = mapped_column(String(36))
    stored_at: Mapped[datetime] = mapped_column(UtcDateTime)
