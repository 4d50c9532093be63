"""What a person closed of a Klärungsfall's payment without a booking (refunded, not
ours): a later storno of one of its bookings gives back that booking, not the closed part.
And an index on the cases' reference, by which a re-sent list's rows find earlier cases.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.ledger_models import Money

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

MONEY = Money()


def upgrade() -> None:
    # Plain ADD COLUMN (see 0009). A case closed before keeps 0: as it was, a storno of
    # its bookings opens it for what is not placed.
    op.add_column("cases", sa.Column("closed_amount", MONEY, nullable=False, server_default="0"))
    op.create_index("ix_cases_reference", "cases", ["reference"])


def downgrade() -> None:
    op.drop_index("ix_cases_reference", table_name="cases")
    op.drop_column("cases", "closed_amount")
