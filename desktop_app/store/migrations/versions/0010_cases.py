"""Klärungsfälle: cases, their Mandanten, customers on invoices, stornos, the chain's
case options and the daily summary's state.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.ledger_models import Money
from desktop_app.store.models import UtcDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

MONEY = Money()


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_key", sa.String(255), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(2000), nullable=False),
        sa.Column(
            "import_file_id",
            sa.Integer,
            sa.ForeignKey("import_files.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("interface_id", sa.Integer, sa.ForeignKey("interfaces.id", ondelete="SET NULL")),
        sa.Column("run_id", sa.Integer),
        sa.Column("line", sa.Integer),
        sa.Column("entry_id", sa.String(64), nullable=False),
        sa.Column("where_text", sa.String(128), nullable=False),
        sa.Column("reference", sa.String(255), nullable=False),
        sa.Column("text", sa.String(1000), nullable=False),
        sa.Column("possible", sa.String(1000), nullable=False),
        sa.Column("payer_name", sa.String(200), nullable=False),
        sa.Column("payer_iban", sa.String(34), nullable=False),
        sa.Column("amount", MONEY),
        sa.Column("booked_by_import", MONEY, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("value_date", sa.Date),
        sa.Column("settle_until", sa.String(16), nullable=False),
        sa.Column("booking_date", sa.Date, nullable=False),
        sa.Column("opened_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("closed_at", UtcDateTime),
        sa.Column("closed_by", sa.String(128), nullable=False),
        sa.Column("close_reason", sa.String(500), nullable=False),
    )
    op.create_index("ix_cases_status_opened", "cases", ["status", "opened_at"])
    op.create_index("ix_cases_import_file", "cases", ["import_file_id"])
    op.create_index("ix_cases_run", "cases", ["run_id"])
    op.create_table(
        "case_mandants",
        sa.Column(
            "case_id",
            sa.Integer,
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "mandant_id",
            sa.Integer,
            sa.ForeignKey("mandants.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "case_summary_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("last_sent_on", sa.Date),
    )
    # Plain ADD COLUMN, no batch copy: invoices and bookings may hold millions of rows.
    op.add_column("invoices", sa.Column("customer_id", sa.Integer))
    op.create_index("ix_invoice_customer", "invoices", ["customer_id"])
    op.create_index("ix_invoice_mandant_open_amount", "invoices", ["mandant_id", "open_amount"])
    op.add_column("bookings", sa.Column("payer_iban", sa.String(34)))
    op.add_column("bookings", sa.Column("case_id", sa.Integer))
    op.add_column("bookings", sa.Column("reverses_id", sa.Integer))
    op.add_column("bookings", sa.Column("note", sa.String(500), nullable=False, server_default=""))
    op.add_column(
        "bookings", sa.Column("created_by", sa.String(128), nullable=False, server_default="")
    )
    op.create_index("ix_bookings_case", "bookings", ["case_id"])
    op.create_index("ix_bookings_payer_iban", "bookings", ["payer_iban"])
    op.create_index("uq_bookings_reverses", "bookings", ["reverses_id"], unique=True)
    for column in (
        sa.Column("staff_may_close_cases", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("case_overdue_days", sa.Integer, nullable=False, server_default="14"),
        sa.Column("case_summary_enabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("case_summary_time", sa.Time),
        sa.Column("case_summary_recipient", sa.String(320), nullable=False, server_default=""),
    ):
        op.add_column("chain_options", column)


def downgrade() -> None:
    for name in (
        "case_summary_recipient",
        "case_summary_time",
        "case_summary_enabled",
        "case_overdue_days",
        "staff_may_close_cases",
    ):
        op.drop_column("chain_options", name)
    for name in ("uq_bookings_reverses", "ix_bookings_payer_iban", "ix_bookings_case"):
        op.drop_index(name, "bookings")
    for name in ("created_by", "note", "reverses_id", "case_id", "payer_iban"):
        op.drop_column("bookings", name)
    op.drop_index("ix_invoice_mandant_open_amount", "invoices")
    op.drop_index("ix_invoice_customer", "invoices")
    op.drop_column("invoices", "customer_id")
    op.drop_table("case_summary_state")
    op.drop_table("case_mandants")
    op.drop_table("cases")
    op.drop_table("customers")
