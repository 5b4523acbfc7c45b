"""casework: caseworkers, alerts, sessions, check-ins, emails

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "caseworkers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("office", sa.String(length=2), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("on_call", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("phone"),
    )
    with op.batch_alter_table("caseworkers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_caseworkers_office"), ["office"], unique=False)

    op.create_table(
        "flow_sessions",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("flow", sa.String(length=20), nullable=True),
        sa.Column("step", sa.String(length=20), nullable=True),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("invalid", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("topic", sa.String(length=30), nullable=True),
        sa.Column("topic_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("misunderstood", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
        ),
        sa.PrimaryKeyConstraint("contact_id"),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("inbound_id", sa.Integer(), nullable=True),
        sa.Column("e164", sa.String(length=20), nullable=False),
        sa.Column("office", sa.String(length=2), nullable=True),
        sa.Column("caseworker_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sla_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["caseworkers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["caseworker_id"],
            ["caseworkers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["inbound_id"],
            ["inbound_messages.id"],
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["caseworkers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(
            "ix_alerts_contact_kind", ["contact_id", "kind", "status"], unique=False
        )
        batch_op.create_index(
            "ix_alerts_open_sla", ["status", "escalated_at", "sla_due_at"], unique=False
        )

    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.String(length=12), nullable=True),
        sa.Column("need", sa.String(length=40), nullable=True),
        sa.Column("inbound_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["inbound_id"],
            ["inbound_messages.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkins_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "outbound_emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=160), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dispatch_state", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_owner", sa.String(length=80), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error_message", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("idempotency_key"),
    )
    with op.batch_alter_table("outbound_emails", schema=None) as batch_op:
        batch_op.create_index("ix_email_due", ["dispatch_state", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbound_emails_alert_id"), ["alert_id"], unique=False)

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("caseworker_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("registration_code", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("paused_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_contacts_caseworker_id"), ["caseworker_id"], unique=False
        )
        batch_op.create_unique_constraint("uq_contacts_registration_code", ["registration_code"])
        batch_op.create_foreign_key(
            "fk_contacts_caseworker_id", "caseworkers", ["caseworker_id"], ["id"]
        )
        batch_op.create_foreign_key(
            "fk_contacts_merged_into_id", "contacts", ["merged_into_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_constraint("fk_contacts_merged_into_id", type_="foreignkey")
        batch_op.drop_constraint("fk_contacts_caseworker_id", type_="foreignkey")
        batch_op.drop_constraint("uq_contacts_registration_code", type_="unique")
        batch_op.drop_index(batch_op.f("ix_contacts_caseworker_id"))
        batch_op.drop_column("merged_into_id")
        batch_op.drop_column("paused_until")
        batch_op.drop_column("registration_code")
        batch_op.drop_column("caseworker_id")

    with op.batch_alter_table("outbound_emails", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbound_emails_alert_id"))
        batch_op.drop_index("ix_email_due")

    op.drop_table("outbound_emails")
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkins_contact_id"))

    op.drop_table("checkins")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_alerts_open_sla")
        batch_op.drop_index("ix_alerts_contact_kind")
        batch_op.drop_index(batch_op.f("ix_alerts_contact_id"))

    op.drop_table("alerts")
    op.drop_table("flow_sessions")
    with op.batch_alter_table("caseworkers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_caseworkers_office"))

    op.drop_table("caseworkers")
