"""schedule: milestones, schedule entries, return dates, check-in months, WhatsApp templates

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "milestones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id"), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("answer", sa.String(length=12), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_milestones_contact_id", "milestones", ["contact_id"])
    op.create_table(
        "schedule_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id"), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("occurrence", sa.String(length=60), nullable=False),
        sa.Column("milestone_id", sa.Integer(), sa.ForeignKey("milestones.id"), nullable=True),
        sa.Column("fire_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=120), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_schedule_entries_contact_id", "schedule_entries", ["contact_id"])
    op.create_index("ix_schedule_entries_milestone_id", "schedule_entries", ["milestone_id"])
    op.create_index("ix_schedule_due", "schedule_entries", ["state", "fire_at"])
    op.create_index(
        "ix_schedule_contact_purpose", "schedule_entries", ["contact_id", "purpose", "occurrence"]
    )
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(sa.Column("occurrence", sa.String(length=7), nullable=True))
        batch.add_column(sa.Column("nudged_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("missed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("outbound_messages") as batch:
        batch.add_column(sa.Column("content_sid", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("content_variables", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbound_messages") as batch:
        batch.drop_column("content_variables")
        batch.drop_column("content_sid")
    with op.batch_alter_table("checkins") as batch:
        batch.drop_column("missed_at")
        batch.drop_column("nudged_at")
        batch.drop_column("occurrence")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("returned_at")
    op.drop_table("schedule_entries")
    op.drop_table("milestones")
