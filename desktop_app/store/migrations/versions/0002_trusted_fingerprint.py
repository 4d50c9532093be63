"""The pinned TLS certificate or SSH host key of each interface (trust on first use).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interfaces") as batch:
        batch.add_column(sa.Column("ftp_trusted_fingerprint", sa.String(128)))


def downgrade() -> None:
    with op.batch_alter_table("interfaces") as batch:
        batch.drop_column("ftp_trusted_fingerprint")
