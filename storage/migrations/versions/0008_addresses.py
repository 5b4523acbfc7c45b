"""addresses: room for a WhatsApp user who hid their number (a business-scoped user ID of up
to 131 characters, e.g. US.13491208655302741918) wherever a number is stored

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ADDRESS_COLUMNS = (
    ("contact_numbers", "e164"),
    ("contact_numbers", "wa_id"),
    ("inbound_messages", "from_e164"),
    ("inbound_messages", "wa_id"),
    ("outbound_messages", "to_e164"),
    ("alerts", "e164"),
)


def upgrade() -> None:
    for table, column in ADDRESS_COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.String(length=140))


def downgrade() -> None:
    for table, column in ADDRESS_COLUMNS:
        length = 32 if column == "wa_id" else 20
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.String(length=length))
