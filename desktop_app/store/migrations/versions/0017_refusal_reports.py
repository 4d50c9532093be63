"""What a failure report said of a refused list, so that it is mailed again when that
changes: the checks that refused each file (a list refused for another reason is news)
and the address each report went to (a new address has heard of nothing). Reports sent
before keep "" in both, which matches no refusal: a list waiting at the upgrade is
mailed once more rather than never to an address that has not heard of it. The index
serves looking a refused content up by its SHA-256.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0009): a batch copy would drop the tables' children.
    op.add_column(
        "run_files",
        sa.Column("refused_checks", sa.String(64), nullable=False, server_default=""),
    )
    op.add_column("runs", sa.Column("mailed_to", sa.String(320), nullable=False, server_default=""))
    op.create_index("ix_run_files_sha256", "run_files", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_run_files_sha256", table_name="run_files")
    op.drop_column("runs", "mailed_to")
    op.drop_column("run_files", "refused_checks")
