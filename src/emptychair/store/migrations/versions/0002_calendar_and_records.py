"""Calendar meetings and official travel records.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ``calendar_meetings`` and ``official_trips``."""
    op.create_table(
        "calendar_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("forum", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "format IN ('formal', 'informal', 'virtual')", name=op.f("ck_calendar_meetings_format")
        ),
        sa.ForeignKeyConstraint(
            ["forum"], ["forums.id"], name=op.f("fk_calendar_meetings_forum_forums")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_calendar_meetings_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_meetings")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_calendar_meetings_meeting_id")),
    )
    with op.batch_alter_table("calendar_meetings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_calendar_meetings_forum_start", ["forum", "start_date"], unique=False
        )

    op.create_table(
        "official_trips",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.String(length=32), nullable=False),
        sa.Column("file", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("who", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("country_id", sa.String(length=100), nullable=False),
        sa.Column("country", sa.String(length=200), nullable=False),
        sa.Column("locale", sa.String(length=300), nullable=False),
        sa.Column("remarks", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_official_trips_document_id_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_trips")),
        sa.UniqueConstraint("trip_id", name=op.f("uq_official_trips_trip_id")),
    )
    with op.batch_alter_table("official_trips", schema=None) as batch_op:
        batch_op.create_index("ix_official_trips_role_start", ["role", "start_date"], unique=False)


def downgrade() -> None:
    """Drop both tables."""
    with op.batch_alter_table("official_trips", schema=None) as batch_op:
        batch_op.drop_index("ix_official_trips_role_start")
    op.drop_table("official_trips")
    with op.batch_alter_table("calendar_meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_calendar_meetings_forum_start")
    op.drop_table("calendar_meetings")
