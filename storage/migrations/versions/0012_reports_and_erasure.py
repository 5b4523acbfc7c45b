"""reports and erasure: registration demographics, erasure and retention (owned by the reports work)

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("birth_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("age_band", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("sex", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("return_type", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("deporting_country", sa.String(length=2), nullable=True))
        batch.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_contacts_erased_at", "contacts", ["erased_at"])


def downgrade() -> None:
    op.drop_index("ix_contacts_erased_at", table_name="contacts")
    with op.batch_alter_table("contacts") as batch:
        for name in ("erased_at", "deporting_country", "return_type", "sex", "age_band",
                     "birth_date"):  # fmt: skip
            batch.drop_column(name)
