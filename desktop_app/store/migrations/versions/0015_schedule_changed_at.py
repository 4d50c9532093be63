"""When an interface's schedule last changed: enabling it again, or giving it another
time or interval, made the scheduler catch up a slot of the new schedule that lay
before the change, and the interface ran at once. Empty for every interface until its
schedule changes: until then, its last slot or its creation counts as before.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.models import UtcDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("interfaces", sa.Column("schedule_changed_at", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interfaces") as table:  # SQLite cannot drop a column alone
        table.drop_column("schedule_changed_at")
