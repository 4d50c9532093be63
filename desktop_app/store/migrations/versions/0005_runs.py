"""Runs, their files, the run lease and the scheduler's persisted state.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.ledger_models import Money
from desktop_app.store.models import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _interface_fk(primary_key: bool = False) -> sa.Column:
    return sa.Column(
        "interface_id",
        sa.Integer,
        sa.ForeignKey("interfaces.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        _interface_fk(),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("slot_at", UtcDateTime),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("started_at", UtcDateTime, nullable=False),
        sa.Column("finished_at", UtcDateTime),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("dry_run", sa.Boolean, nullable=False),
        sa.Column("files", sa.Integer, nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("booked_count", sa.Integer, nullable=False),
        sa.Column("booked_amount", Money(), nullable=False),
        sa.Column("error_kind", sa.String(64), nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("mailed", sa.Boolean, nullable=False),
    )
    op.create_index("ix_runs_interface_started", "runs", ["interface_id", "started_at"])
    op.create_table(
        "run_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("remote_path", sa.String(1024), nullable=False),
        sa.Column("size", sa.Integer),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column(
            "import_file_id", sa.Integer, sa.ForeignKey("import_files.id", ondelete="SET NULL")
        ),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("booked_count", sa.Integer, nullable=False),
        sa.Column("booked_amount", Money(), nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("skipped", sa.Text, nullable=False),
        sa.Column("error_kind", sa.String(64), nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("error_line", sa.Integer),
        sa.Column("duration_ms", sa.Integer, nullable=False),
    )
    op.create_index("ix_run_files_run", "run_files", ["run_id"])
    op.create_table(
        "run_leases",
        _interface_fk(primary_key=True),
        sa.Column("holder", sa.String(255), nullable=False),
        sa.Column("acquired_at", UtcDateTime, nullable=False),
        sa.Column("expires_at", UtcDateTime, nullable=False),
    )
    op.create_table(
        "schedule_state",
        _interface_fk(primary_key=True),
        sa.Column("last_slot_at", UtcDateTime),
        sa.Column("last_run_at", UtcDateTime),
        sa.Column("last_status", sa.String(16), nullable=False),
        sa.Column("last_success_at", UtcDateTime),
        sa.Column("consecutive_failures", sa.Integer, nullable=False),
        sa.Column("retry_at", UtcDateTime),
    )


def downgrade() -> None:
    op.drop_table("schedule_state")
    op.drop_table("run_leases")
    op.drop_table("run_files")
    op.drop_table("runs")
