"""The Mandanten an imported file was read for: the older-list check of an Offene-Posten
list imported by hand compared with every Mandant's lists, so Mandant 2's list of the 5th
was refused after Mandant 1's of the 10th. Files imported before keep no Mandanten: the
check takes them as every Mandant's (see ``PlanningReads.last_file_date``).

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_file_mandants",
        sa.Column(
            "import_file_id",
            sa.Integer,
            sa.ForeignKey("import_files.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "mandant_id",
            sa.Integer,
            sa.ForeignKey("mandants.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )


def downgrade() -> None:
    op.drop_table("import_file_mandants")
