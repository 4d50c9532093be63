"""Each booking keeps its row's own amount and date, so that a row sent again in another
file (a corrected CSV, overlapping statements) is recognised as a possible duplicate.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.ledger_models import Money

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("paid_amount", Money()))
        batch.add_column(sa.Column("paid_on", sa.Date))


def downgrade() -> None:
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("paid_on")
        batch.drop_column("paid_amount")
