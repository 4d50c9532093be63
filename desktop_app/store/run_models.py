"""Runs of an interface, the state of each file in a run, the run lease, schedule state."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .ledger_models import FILE_SIZE, MONEY
from .models import Base, UtcDateTime, utcnow


class RunRow(Base):
    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_interface_started", "interface_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interface_id: Mapped[int] = mapped_column(ForeignKey("interfaces.id", ondelete="CASCADE"))
    trigger: Mapped[str] = mapped_column(String(16))  # schedule | catchup | manual | cli
    slot_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the schedule slot served
    host: Mapped[str] = mapped_column(String(255), default="")
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")  # ok|failed|skipped|…
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    files: Mapped[int] = mapped_column(Integer, default=0)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    booked_count: Mapped[int] = mapped_column(Integer, default=0)
    booked_amount: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))
    error_kind: Mapped[str] = mapped_column(String(64), default="")
    error: Mapped[str] = mapped_column(Text, default="")  # German, for people; no secrets
    mailed: Mapped[bool] = mapped_column(Boolean, default=False)
    error_en: Mapped[str] = mapped_column(Text, default="")  # ``error`` in English; "": unknown
    # The address the failure report went to ("": none, or mailed before it was kept).
    mailed_to: Mapped[str] = mapped_column(String(320), default="")
    # Every file listed was read to its content: a refused content it did not meet was gone
    # from the server then (False: not known, the run stopped early or skipped a file).
    read_every_file: Mapped[bool] = mapped_column(Boolean, default=False)


class RunFileRow(Base):
    """One remote file in one run. ``state`` advances listed → downloaded → committed →
    deleted; a crash leaves the last reached state behind for the next run to finish."""

    __tablename__ = "run_files"
    __table_args__ = (
        Index("ix_run_files_run", "run_id"),
        Index("ix_run_files_sha256", "sha256"),  # a refused content's earlier reports
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    remote_path: Mapped[str] = mapped_column(String(1024))
    size: Mapped[int | None] = mapped_column(FILE_SIZE)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    import_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_files.id", ondelete="SET NULL")
    )
    state: Mapped[str] = mapped_column(String(16), default="listed")
    outcome: Mapped[str] = mapped_column(String(16), default="")  # booked|duplicate|failed|…
    rows: Mapped[int] = mapped_column(Integer, default=0)
    booked_count: Mapped[int] = mapped_column(Integer, default=0)
    booked_amount: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    skipped: Mapped[str] = mapped_column(Text, default="")  # JSON list of {line, reason}
    error_kind: Mapped[str] = mapped_column(String(64), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    error_line: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    error_en: Mapped[str] = mapped_column(Text, default="")  # ``error`` in English; "": unknown
    # A refused file: the Offene-Posten checks that refused it, sorted, comma-separated.
    refused_checks: Mapped[str] = mapped_column(String(64), default="")
    # Refused by the share check: its limit in percent (None: not by the share).
    refused_share_limit: Mapped[int | None] = mapped_column(Integer)


class LeaseRow(Base):
    """Who runs an interface right now. Expires, so a crashed holder frees it by itself."""

    __tablename__ = "run_leases"

    interface_id: Mapped[int] = mapped_column(
        ForeignKey("interfaces.id", ondelete="CASCADE"), primary_key=True
    )
    holder: Mapped[str] = mapped_column(String(255))
    acquired_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ScheduleStateRow(Base):
    """What the scheduler persisted: the last slot served and the failure back-off."""

    __tablename__ = "schedule_state"

    interface_id: Mapped[int] = mapped_column(
        ForeignKey("interfaces.id", ondelete="CASCADE"), primary_key=True
    )
    last_slot_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_run_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_status: Mapped[str] = mapped_column(String(16), default="")
    last_success_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    retry_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
