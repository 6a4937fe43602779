"""Representation levels per (meeting, country), for fast downgrade queries.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of what the backfill needs, so later code changes cannot alter it.
_LEVELS = ("ambassador", "deputy", "minister", "principal")
_MINISTERS = ("leader", "foreign_minister", "defence_minister", "finance_minister", "minister")
_records = sa.table(
    "records",
    sa.column("meeting_id", sa.Integer),
    sa.column("office_id", sa.Integer),
    sa.column("status", sa.String),
)
_offices = sa.table(
    "offices",
    sa.column("id", sa.Integer),
    sa.column("country", sa.String),
    sa.column("role", sa.String),
)
_meetings = sa.table("meetings", sa.column("id", sa.Integer), sa.column("forum", sa.String))
_forums = sa.table("forums", sa.column("id", sa.String), sa.column("principal_role", sa.String))


def upgrade() -> None:
    """Create ``representation`` and fill it from the existing records."""
    representation = op.create_table(
        "representation",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country"], ["countries.code"], name=op.f("fk_representation_country_countries")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_representation_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "country", name=op.f("pk_representation")),
    )
    level = sa.case(
        (_offices.c.role == _forums.c.principal_role, _LEVELS.index("principal")),
        (_offices.c.role.in_(_MINISTERS), _LEVELS.index("minister")),
        (_offices.c.role == "deputy", _LEVELS.index("deputy")),
        (_offices.c.role == "ambassador", _LEVELS.index("ambassador")),
    )
    op.execute(
        sa.insert(representation).from_select(
            ["meeting_id", "country", "level"],
            sa.select(_records.c.meeting_id, _offices.c.country, sa.func.max(level))
            .join(_offices, _offices.c.id == _records.c.office_id)
            .join(_meetings, _meetings.c.id == _records.c.meeting_id)
            .join(_forums, _forums.c.id == _meetings.c.forum)
            .where(
                _records.c.status == "attend",
                _offices.c.country.is_not(None),
                level.is_not(None),
            )
            .group_by(_records.c.meeting_id, _offices.c.country),
        )
    )


def downgrade() -> None:
    """Drop ``representation``."""
    op.drop_table("representation")
