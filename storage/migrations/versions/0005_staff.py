"""staff: dashboard logins, offices per caseworker, API tokens, audit log, resolution notes

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("caseworkers") as batch:
        batch.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("alerts") as batch:
        batch.add_column(sa.Column("resolution_note", sa.Text(), nullable=True))
    op.create_table(
        "staff_offices",
        sa.Column("caseworker_id", sa.Integer(), sa.ForeignKey("caseworkers.id"), nullable=False),
        sa.Column("office", sa.String(length=2), nullable=False),
        sa.PrimaryKeyConstraint("caseworker_id", "office"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("caseworker_id", sa.Integer(), sa.ForeignKey("caseworkers.id"), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_api_tokens_caseworker_id", "api_tokens", ["caseworker_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("caseworker_id", sa.Integer(), sa.ForeignKey("caseworkers.id"), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id"), nullable=True),
        sa.Column("office", sa.String(length=2), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("ip", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_office_at", "audit_log", ["office", "at"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("api_tokens")
    op.drop_table("staff_offices")
    with op.batch_alter_table("alerts") as batch:
        batch.drop_column("resolution_note")
    with op.batch_alter_table("caseworkers") as batch:
        batch.drop_column("last_login_at")
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")
        batch.drop_column("password_hash")
