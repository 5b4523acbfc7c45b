"""conversations: the office of someone who texted in, handoff reason and owner, the last
question asked, a deferred consent, the caseworker's read mark, and when an alert's owner
was last told of a message

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
    with op.batch_alter_table("flow_sessions") as batch:
        batch.add_column(sa.Column("handoff", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("asked", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("onboarding_after", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("office", sa.String(length=2), nullable=True))
        batch.add_column(sa.Column("handoff_owner_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("read_until", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            "fk_contacts_handoff_owner", "caseworkers", ["handoff_owner_id"], ["id"]
        )
    with op.batch_alter_table("alerts") as batch:
        batch.add_column(sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_column("notified_at")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_constraint("fk_contacts_handoff_owner", type_="foreignkey")
        batch.drop_column("read_until")
        batch.drop_column("handoff_owner_id")
        batch.drop_column("office")
    with op.batch_alter_table("flow_sessions") as batch:
        batch.drop_column("onboarding_after")
        batch.drop_column("asked")
        batch.drop_column("handoff")
