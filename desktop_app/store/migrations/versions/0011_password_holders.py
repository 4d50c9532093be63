"""Who holds an interface's FTP password: a version id per interface (random, new at every
change) and, per computer that stored it in its keyring, the version it holds.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.models import UtcDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0009): a batch copy of "interfaces" would drop its children.
    # Existing passwords stay without a version until a computer finds one in its keyring.
    op.add_column("interfaces", sa.Column("ftp_password_version", sa.String(36)))
    op.create_table(
        "interface_password_holders",
        sa.Column(
            "interface_id",
            sa.Integer,
            sa.ForeignKey("interfaces.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("computer", sa.String(253), primary_key=True),
        sa.Column("password_version", sa.String(36), nullable=False),
        sa.Column("stored_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("interface_password_holders")
    op.drop_column("interfaces", "ftp_password_version")
