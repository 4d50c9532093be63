"""The lock after wrong passwords per name and computer, in a table of its own: it was
one per user for the whole chain (anyone at any branch's login could lock the
administrator out everywhere), and a name no user has was never locked (which told
that it has none). Locks standing at the upgrade are dropped: they end within minutes.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.models import UtcDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "password_locks",
        sa.Column("account", sa.String(64), primary_key=True),
        sa.Column("computer", sa.String(253), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE")),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("locked_until", UtcDateTime()),
        sa.Column("last_try_at", UtcDateTime(), nullable=False),
    )
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy of "users" would drop its children.
    op.drop_column("users", "reveal_locked_until")
    op.drop_column("users", "reveal_failures")


def downgrade() -> None:
    op.add_column(
        "users", sa.Column("reveal_failures", sa.Integer, nullable=False, server_default="0")
    )
    op.add_column("users", sa.Column("reveal_locked_until", UtcDateTime()))
    op.drop_table("password_locks")
