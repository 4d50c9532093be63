"""The invoice ledger: invoices, imported files and settlement bookings.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.ledger_models import Money
from desktop_app.store.models import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MONEY = Money()  # whole cents in a BIGINT


def upgrade() -> None:
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("number_norm", sa.String(64), nullable=False),
        sa.Column("number_digits", sa.String(64), nullable=False),
        sa.Column(
            "mandant_id",
            sa.Integer,
            sa.ForeignKey("mandants.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("branch_id", sa.Integer, sa.ForeignKey("branches.id", ondelete="RESTRICT")),
        sa.Column("invoice_date", sa.Date, nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("open_amount", MONEY, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.UniqueConstraint("mandant_id", "number_norm", name="uq_invoice_mandant_number"),
    )
    op.create_index("ix_invoice_mandant_digits", "invoices", ["mandant_id", "number_digits"])
    op.create_index(
        "ix_invoice_mandant_status_date", "invoices", ["mandant_id", "status", "invoice_date"]
    )
    op.create_table(
        "import_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("server", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("interface_id", sa.Integer, sa.ForeignKey("interfaces.id", ondelete="SET NULL")),
        sa.Column("import_format", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(2000), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("booked_count", sa.Integer, nullable=False),
        sa.Column("booked_amount", MONEY, nullable=False),
        sa.Column("file_date", sa.Date),
        sa.Column("imported_at", UtcDateTime, nullable=False),
    )
    op.create_index("ix_import_files_sha256", "import_files", ["sha256"])
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "invoice_id",
            sa.Integer,
            sa.ForeignKey("invoices.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("booking_date", sa.Date, nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("source_key", sa.String(255), nullable=False),
        sa.Column(
            "import_file_id",
            sa.Integer,
            sa.ForeignKey("import_files.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("source_line", sa.Integer),
        sa.Column("reference", sa.String(255), nullable=False),
        sa.Column("no_export", sa.Boolean, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.UniqueConstraint("source_key", name="uq_booking_source"),
    )
    op.create_index("ix_bookings_invoice", "bookings", ["invoice_id"])


def downgrade() -> None:
    op.drop_table("bookings")
    op.drop_table("import_files")
    op.drop_table("invoices")
