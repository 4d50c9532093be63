"""The invoice ledger: invoices, settlement bookings and the record of imported files."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, UtcDateTime, utcnow

CENT = Decimal("0.01")

#: A file's size in bytes: a server may list files of 2 GiB and more (a backup, an upload
#: in progress), which PostgreSQL's INTEGER cannot hold; SQLite's INTEGER holds 64 bits.
FILE_SIZE = BigInteger().with_variant(Integer(), "sqlite")


class Money(TypeDecorator):
    """Euro amounts as whole cents: exact on every database (SQLite has no decimal type)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = Decimal(value)
        if value != value.quantize(CENT):
            raise ValueError(f"amount {value} has more than two decimals")
        return int(value * 100)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(CENT)


MONEY = Money()

INVOICE_OPEN = "open"
INVOICE_PAID = "paid"


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("mandant_id", "number_norm", name="uq_invoice_mandant_number"),
        Index("ix_invoice_mandant_digits", "mandant_id", "number_digits"),
        Index("ix_invoice_mandant_status_date", "mandant_id", "status", "invoice_date"),
        # The Klärungsfälle's suggestions: an open amount equal to a payment, a customer.
        Index("ix_invoice_mandant_open_amount", "mandant_id", "open_amount"),
        Index("ix_invoice_customer", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64))  # as written, for reports
    # Upper-case letters and digits only: what matching compares.
    number_norm: Mapped[str] = mapped_column(String(64))
    # The digits with leading zeros removed: the second, unambiguous-only match.
    number_digits: Mapped[str] = mapped_column(String(64))
    mandant_id: Mapped[int] = mapped_column(ForeignKey("mandants.id", ondelete="RESTRICT"))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id", ondelete="RESTRICT"))
    invoice_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    open_amount: Mapped[Decimal] = mapped_column(MONEY)
    status: Mapped[str] = mapped_column(String(8), default=INVOICE_OPEN)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    customer_id: Mapped[int | None] = mapped_column(Integer)  # customers.id (never deleted)


class ImportFile(Base):
    """One file seen by an import: what it was, where from, and what became of it."""

    __tablename__ = "import_files"
    __table_args__ = (Index("ix_import_files_sha256", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(512))
    server: Mapped[str] = mapped_column(String(255), default="")  # "" for a local file
    size: Mapped[int] = mapped_column(FILE_SIZE)
    interface_id: Mapped[int | None] = mapped_column(
        ForeignKey("interfaces.id", ondelete="SET NULL")
    )
    import_format: Mapped[str] = mapped_column(String(32))
    # booked | nothing | duplicate | refused | failed
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(2000), default="")
    rows: Mapped[int] = mapped_column(Integer, default=0)
    booked_count: Mapped[int] = mapped_column(Integer, default=0)
    booked_amount: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))
    file_date: Mapped[date | None] = mapped_column(Date)  # for the stale-file guard
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


# The Mandanten a file was read for (none: a file imported before they were recorded).
import_file_mandants = Table(
    "import_file_mandants",
    Base.metadata,
    Column("import_file_id", ForeignKey("import_files.id", ondelete="CASCADE"), primary_key=True),
    Column("mandant_id", ForeignKey("mandants.id", ondelete="CASCADE"), primary_key=True),
)


class Booking(Base):
    """A settlement booking. ``source_key`` makes every file row book at most once."""

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("source_key", name="uq_booking_source"),
        Index("ix_bookings_invoice", "invoice_id"),
        Index("ix_bookings_case", "case_id"),
        Index("ix_bookings_payer_iban", "payer_iban"),
        # A booking is reversed at most once.
        Index("uq_bookings_reverses", "reverses_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="RESTRICT"))
    booking_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    source_key: Mapped[str] = mapped_column(String(255))
    import_file_id: Mapped[int] = mapped_column(ForeignKey("import_files.id", ondelete="RESTRICT"))
    source_line: Mapped[int | None] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(255), default="")
    # "nicht exportieren": the tax advisor booked this already, do not send it back.
    no_export: Mapped[bool] = mapped_column(Boolean, default=True)
    run_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # The row's own amount and date in its file (None where it had none): a row equal to
    # a booking from another file is held as a possible duplicate.
    paid_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    paid_on: Mapped[date | None] = mapped_column(Date)
    # The payer's account where the file names one: the suggestions' "same payer".
    payer_iban: Mapped[str | None] = mapped_column(String(34))
    # Set on a booking made from a Klärungsfall and on every storno of a case's payment
    # (cases.id); plain columns, no foreign keys: added to a ledger of millions of rows.
    case_id: Mapped[int | None] = mapped_column(Integer)
    # A storno: the booking it reverses (its amount is the negative of that one's).
    reverses_id: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(500), server_default="")  # why
    # Who booked by hand (a user, "os:<account>"); "": the import.
    created_by: Mapped[str] = mapped_column(String(128), server_default="")
