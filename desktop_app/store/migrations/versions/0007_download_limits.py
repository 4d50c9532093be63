"""Chain options for downloads: the minimum rate and the grace of each file's deadline.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chain_options") as table:  # SQLite cannot ALTER much
        table.add_column(
            sa.Column(
                "download_min_kib_per_second",
                sa.Integer,
                nullable=False,
                server_default="16",  # KiB/s; the defaults of ChainOptions when written
            )
        )
        table.add_column(
            sa.Column(
                "download_grace_seconds",
                sa.Integer,
                nullable=False,
                server_default="60",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("chain_options") as table:
        table.drop_column("download_grace_seconds")
        table.drop_column("download_min_kib_per_second")
