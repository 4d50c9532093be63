"""The English texts next to the German ones: a run's and a run file's error, and a
Klärungsfall's reason as its code and parameters (written in either language).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0009). Rows written before keep "": they show their German text.
    for table in ("runs", "run_files"):
        op.add_column(table, sa.Column("error_en", sa.Text, nullable=False, server_default=""))
    op.add_column("cases", sa.Column("reason_detail", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("cases", "reason_detail")
    for table in ("run_files", "runs"):
        op.drop_column(table, "error_en")
