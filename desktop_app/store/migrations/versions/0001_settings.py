"""Branches, Mandanten, chain options and interfaces.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.models import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "branches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
    )
    op.create_table(
        "mandants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("datev_berater", sa.Integer),
        sa.Column("datev_mandant", sa.Integer),
    )
    op.create_table(
        "chain_options",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("admins_may_reveal_passwords", sa.Boolean, nullable=False),
        sa.Column("future_booking_months", sa.Integer, nullable=False),
    )
    op.create_table(
        "interfaces",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("branch_id", sa.Integer, sa.ForeignKey("branches.id", ondelete="RESTRICT")),
        sa.Column("workstation", sa.String(255)),
        sa.Column("start_date", sa.Date),
        sa.Column("import_format", sa.String(32), nullable=False),
        sa.Column("settle_until", sa.String(16), nullable=False),
        sa.Column("filename_filter", sa.String(255), nullable=False),
        sa.Column("run_time", sa.Time),
        sa.Column("interval_kind", sa.String(16), nullable=False),
        sa.Column("every_minutes", sa.Integer, nullable=False),
        sa.Column("weekdays", sa.String(64), nullable=False),
        sa.Column("day_of_month", sa.String(8), nullable=False),
        sa.Column("ftp_protocol", sa.String(8), nullable=False),
        sa.Column("ftp_host", sa.String(255), nullable=False),
        sa.Column("ftp_port", sa.Integer),
        sa.Column("ftp_directory", sa.String(1024), nullable=False),
        sa.Column("ftp_date_subdirectories", sa.Boolean, nullable=False),
        sa.Column("ftp_user", sa.String(255), nullable=False),
        sa.Column("ftp_passive", sa.Boolean, nullable=False),
        sa.Column("ftp_password_stored", sa.Boolean, nullable=False),
        sa.Column("error_email", sa.String(320), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
    )
    op.create_table(
        "interface_mandants",
        sa.Column(
            "interface_id",
            sa.Integer,
            sa.ForeignKey("interfaces.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "mandant_id",
            sa.Integer,
            sa.ForeignKey("mandants.id", ondelete="RESTRICT"),
            primary_key=True,
        ),
    )
    op.bulk_insert(
        sa.table(
            "chain_options",
            sa.column("id", sa.Integer),
            sa.column("admins_may_reveal_passwords", sa.Boolean),
            sa.column("future_booking_months", sa.Integer),
        ),
        [{"id": 1, "admins_may_reveal_passwords": False, "future_booking_months": 0}],
    )


def downgrade() -> None:
    op.drop_table("interface_mandants")
    op.drop_table("interfaces")
    op.drop_table("chain_options")
    op.drop_table("mandants")
    op.drop_table("branches")
