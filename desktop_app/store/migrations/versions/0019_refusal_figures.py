"""What more a failure report of a refused list must remember to be mailed again only on
news: the share limit that refused it (raised from 20 to 30 % while the list still
settles 40 %: the reason changed) and, for each run, whether it read every file it
listed (a complete run that did not meet a refused content saw it gone from the server,
so its reappearance is news). Reports sent before keep no limit, which matches no
refusal by the share: such a list waiting at the upgrade is mailed once more rather than
never. Runs before keep "not complete": they tell nothing of a file's absence.

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0009): a batch copy would drop the tables' children.
    op.add_column("run_files", sa.Column("refused_share_limit", sa.Integer, nullable=True))
    op.add_column(
        "runs",
        sa.Column("read_every_file", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("runs", "read_every_file")
    op.drop_column("run_files", "refused_share_limit")
