"""reintegration: the partner directory, referrals and their history, plan goals, services
delivered, sustainability surveys, and the area a returnee lives in

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _staff(name: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.Integer(), sa.ForeignKey("caseworkers.id"), nullable=True)


def _contact() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id"), nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("area", sa.String(length=80), nullable=True))
    op.create_table(
        "partners",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("hours", sa.String(length=200), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        _when("verified_at"),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("source_key", sa.String(length=120), nullable=True, unique=True),
        _when("created_at", False),
        _when("updated_at", False),
    )
    op.create_index("ix_partners_country", "partners", ["country"])
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), primary_key=True),
        _contact(),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partners.id"), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("share", sa.String(length=12), nullable=False),
        _when("share_at"),
        _when("partner_emailed_at"),
        _staff("created_by_id"),
        _when("created_at", False),
        _when("updated_at", False),
        _when("follow_up_at"),
        sa.Column("follow_up_answer", sa.String(length=12), nullable=True),
        _when("follow_up_answered_at"),
    )
    op.create_index("ix_referrals_contact_id", "referrals", ["contact_id"])
    op.create_index("ix_referrals_partner_id", "referrals", ["partner_id"])
    op.create_index("ix_referrals_status_updated", "referrals", ["status", "updated_at"])
    op.create_table(
        "referral_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("referral_id", sa.Integer(), sa.ForeignKey("referrals.id"), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        _staff("by_id"),
        sa.Column("note", sa.Text(), nullable=True),
        _when("at", False),
    )
    op.create_index("ix_referral_events_referral_id", "referral_events", ["referral_id"])
    op.create_table(
        "plan_goals",
        sa.Column("id", sa.Integer(), primary_key=True),
        _contact(),
        sa.Column("dimension", sa.String(length=16), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        _staff("created_by_id"),
        _when("created_at", False),
        _when("updated_at", False),
    )
    op.create_index("ix_plan_goals_contact_id", "plan_goals", ["contact_id"])
    op.create_table(
        "services_delivered",
        sa.Column("id", sa.Integer(), primary_key=True),
        _contact(),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("delivered_on", sa.Date(), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partners.id"), nullable=True),
        sa.Column("referral_id", sa.Integer(), sa.ForeignKey("referrals.id"), nullable=True),
        sa.Column(
            "milestone_id", sa.Integer(), sa.ForeignKey("milestones.id"), nullable=True, unique=True
        ),
        sa.Column("business_type", sa.String(length=40), nullable=True),
        sa.Column("goods_value", sa.Numeric(12, 2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _staff("recorded_by_id"),
        _when("created_at", False),
    )
    op.create_index("ix_services_delivered_contact_id", "services_delivered", ["contact_id"])
    op.create_index("ix_services_kind_date", "services_delivered", ["kind", "delivered_on"])
    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(length=80), nullable=False, unique=True),
        _contact(),
        sa.Column("occasion", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("asked", sa.String(length=40), nullable=True),
        _staff("requested_by_id"),
        _when("sent_at", False),
        _when("nudged_at"),
        _when("completed_at"),
        sa.Column("economic", sa.Float(), nullable=True),
        sa.Column("social", sa.Float(), nullable=True),
        sa.Column("psychosocial", sa.Float(), nullable=True),
        sa.Column("overall", sa.Float(), nullable=True),
        _when("created_at", False),
    )
    op.create_index("ix_surveys_contact_id", "surveys", ["contact_id"])
    op.create_index("ix_surveys_contact_status", "surveys", ["contact_id", "status"])


def downgrade() -> None:
    for table in ("surveys", "services_delivered", "plan_goals", "referral_events", "referrals",
                  "partners"):  # fmt: skip
        op.drop_table(table)
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("area")
