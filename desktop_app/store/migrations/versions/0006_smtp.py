"""The installation's SMTP server for failure reports.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "smtp_server",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("port", sa.Integer),
        sa.Column("security", sa.String(16), nullable=False),
        sa.Column("smtp_user", sa.String(255), nullable=False),
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("password_stored", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("smtp_server")
