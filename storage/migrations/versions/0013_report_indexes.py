"""report indexes: the monthly report reads texts and check-ins by time

Measured with bench/report.py (100,000 returnees, 2,000,000 texts over 23 months, PostgreSQL
15 with its default 128 MB shared_buffers, a 2-core machine, 2026-12-03): without these
indexes every figure of a month scans the whole outbound_messages table (253 MB) and the
others, so the report grows with the whole history, not with the month: median 2.9 s (one
office) and 3.3 s (every office), 5.0 and 6.0 s before the report's office condition was
made estimable. With them: 1.7 and 1.8 s. On PostgreSQL each index carries the columns the
report reads (INCLUDE), so it is answered from the index alone (an index-only scan); SQLite
gets the plain index. The cost: a sent text's status change also updates this index.

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_outbound_sent_at", "outbound_messages", "sent_at",
     ["contact_id", "dispatch_state", "status"]),
    ("ix_inbound_received_at", "inbound_messages", "received_at", ["contact_id"]),
    ("ix_checkins_asked_at", "checkins", "asked_at", ["contact_id", "answer"]),
)  # fmt: skip


def upgrade() -> None:
    for name, table, column, carried in INDEXES:
        op.create_index(name, table, [column], postgresql_include=carried)


def downgrade() -> None:
    for name, table, _column, _carried in INDEXES:
        op.drop_index(name, table_name=table)
