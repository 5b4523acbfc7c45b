"""inbound messages: what the NLU understood

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
    with op.batch_alter_table("inbound_messages") as batch:
        batch.add_column(sa.Column("nlu_intent", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("nlu_confidence", sa.Float(), nullable=True))
        batch.add_column(sa.Column("nlu_source", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inbound_messages") as batch:
        batch.drop_column("nlu_source")
        batch.drop_column("nlu_confidence")
        batch.drop_column("nlu_intent")
