"""Klärungsfälle, the customers named on invoices, and the daily summary's state."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from .ledger_models import MONEY
from .models import Base, UtcDateTime, utcnow


class CustomerRow(Base):
    """A customer as the invoice list names it (the optional column ``Kunde``). Only ever
    added, never renamed: the suggestions keep the names in memory by their highest id."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


case_mandants = Table(
    "case_mandants",
    Base.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("mandant_id", ForeignKey("mandants.id", ondelete="CASCADE"), primary_key=True),
)


class CaseRow(Base):
    """A payment (or what is left of it) that no booking has placed yet."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_status_opened", "status", "opened_at"),
        Index("ix_cases_import_file", "import_file_id"),
        Index("ix_cases_run", "run_id"),
        # A re-sent list's rows are compared with earlier cases by it (import_cases).
        Index("ix_cases_reference", "reference"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The row's transaction (its booking key): the same payment never opens two cases.
    source_key: Mapped[str] = mapped_column(String(255), unique=True)
    status: Mapped[str] = mapped_column(String(16))  # open | settled | closed
    code: Mapped[str] = mapped_column(String(32))  # the row's reason code (RowStatus)
    reason: Mapped[str] = mapped_column(String(2000), default="")
    # The reason as code and parameters (reason_texts.Reason.to_json); "": only ``reason``.
    reason_detail: Mapped[str] = mapped_column(Text, default="")
    import_file_id: Mapped[int] = mapped_column(ForeignKey("import_files.id", ondelete="RESTRICT"))
    interface_id: Mapped[int | None] = mapped_column(
        ForeignKey("interfaces.id", ondelete="SET NULL")
    )
    run_id: Mapped[int | None] = mapped_column(Integer)  # the run that opened it
    line: Mapped[int | None] = mapped_column(Integer)
    entry_id: Mapped[str] = mapped_column(String(64), default="")
    where: Mapped[str] = mapped_column("where_text", String(128), default="")
    reference: Mapped[str] = mapped_column(String(255), default="")
    text: Mapped[str] = mapped_column(String(1000), default="")
    possible: Mapped[str] = mapped_column(String(1000), default="")  # numbers, ", "-joined
    payer_name: Mapped[str] = mapped_column(String(200), default="")
    payer_iban: Mapped[str] = mapped_column(String(34), default="")
    # None: the row named no amount (it said "the whole open amount" of its invoice).
    amount: Mapped[Decimal | None] = mapped_column(MONEY)
    booked_by_import: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))
    # What a person closed without a booking (refunded, not ours): never placed again.
    # The database's default only: the bulk insert of an import's cases names its columns.
    closed_amount: Mapped[Decimal] = mapped_column(MONEY, server_default="0")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    value_date: Mapped[date | None] = mapped_column(Date)
    # How the import dated its bookings: a booking by hand is dated by the same rule.
    settle_until: Mapped[str] = mapped_column(String(16), default="")
    booking_date: Mapped[date] = mapped_column(Date)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[str] = mapped_column(String(128), default="")
    close_reason: Mapped[str] = mapped_column(String(500), default="")


class CaseSummaryStateRow(Base):
    """Exactly one row, id 1: the day the daily summary of open cases went out last."""

    __tablename__ = "case_summary_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_sent_on: Mapped[date | None] = mapped_column(Date)
