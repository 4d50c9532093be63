"""Room for the protocol "ftps-implicit" (13 characters): PostgreSQL refused it in the
old VARCHAR(8). SQLite does not enforce the length, so only PostgreSQL's column changes.

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column(
        "interfaces", "ftp_protocol", type_=sa.String(16), existing_type=sa.String(8),
        existing_nullable=False,
    )  # fmt: skip


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column(
        "interfaces", "ftp_protocol", type_=sa.String(8), existing_type=sa.String(16),
        existing_nullable=False,
    )  # fmt: skip
