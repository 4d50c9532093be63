"""File sizes in 64 bits: a listed file of 2 GiB or more (a backup beside the payment
files, an upload in progress) made every run on PostgreSQL fail while recording it.
SQLite's INTEGER holds 64 bits already, so only PostgreSQL's columns change.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

COLUMNS = (("import_files", False), ("run_files", True))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, nullable in COLUMNS:
        op.alter_column(
            table, "size", type_=sa.BigInteger(), existing_type=sa.Integer(),
            existing_nullable=nullable,
        )  # fmt: skip


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, nullable in COLUMNS:
        op.alter_column(
            table, "size", type_=sa.Integer(), existing_type=sa.BigInteger(),
            existing_nullable=nullable,
        )  # fmt: skip
