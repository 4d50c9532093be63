"""The Offene-Posten guards as settings (per interface and for the chain) and an
interface's optional invoice-number pattern.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _guards(prefix: str = "") -> list[sa.Column]:
    return [
        sa.Column(f"{prefix}refuse_empty", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column(f"{prefix}refuse_older", sa.Boolean, nullable=False, server_default=sa.true()),
        # Percent of the open invoices in scope; 0: no limit.
        sa.Column(f"{prefix}max_share_percent", sa.Integer, nullable=False, server_default="20"),
    ]


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: on SQLite a batch copy of "interfaces" would drop
    # the old table, and its ON DELETE CASCADE children (Mandanten, runs) with it.
    op.add_column(
        "interfaces",
        sa.Column("invoice_pattern", sa.String(255), nullable=False, server_default=""),
    )
    # False: the chain's guards apply and the three columns below are not read.
    op.add_column(
        "interfaces",
        sa.Column("own_guards", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    for column in _guards("guard_"):
        op.add_column("interfaces", column)
    for column in _guards("guard_"):
        op.add_column("chain_options", column)


def downgrade() -> None:
    names = ("guard_refuse_empty", "guard_refuse_older", "guard_max_share_percent")
    for name in names:  # DROP COLUMN, not a batch copy (see upgrade); SQLite 3.35+
        op.drop_column("chain_options", name)
    for name in (*names, "own_guards", "invoice_pattern"):
        op.drop_column("interfaces", name)
