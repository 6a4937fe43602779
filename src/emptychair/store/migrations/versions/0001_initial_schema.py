"""Initial schema: documents, claims and their sources, people, offices, forums,
meetings and the reconciled records.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create every table."""
    op.create_table(
        "countries",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_countries")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("extractor_version", sa.String(length=100), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("syndication_group", sa.Integer(), nullable=True),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["syndication_group"],
            ["documents.id"],
            name=op.f("fk_documents_syndication_group_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_documents_content_hash")),
        sa.UniqueConstraint("url", name=op.f("uq_documents_url")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_published", ["published"], unique=False)

    op.create_table(
        "forums",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("family", sa.String(length=64), nullable=False),
        sa.Column("principal_role", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forums")),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("name", name=op.f("uq_people_name")),
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("forum", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["forum"], ["forums.id"], name=op.f("fk_meetings_forum_forums")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
        sa.UniqueConstraint("slug", name=op.f("uq_meetings_slug")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index("ix_meetings_forum_month", ["forum", "month"], unique=False)

    op.create_table(
        "offices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "role IN ('leader', 'foreign_minister', 'defence_minister', 'finance_minister',"
            " 'minister', 'deputy', 'ambassador', 'official')",
            name=op.f("ck_offices_role"),
        ),
        sa.ForeignKeyConstraint(
            ["country"], ["countries.code"], name=op.f("fk_offices_country_countries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offices")),
        sa.UniqueConstraint("country", "role", name=op.f("uq_offices_country_role")),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("forum", sa.String(length=64), nullable=False),
        sa.Column("meeting_date", sa.String(length=10), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("awaits_meeting", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("representative_id", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("extractor_version", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "certainty IN ('reported', 'expected', 'possible')", name=op.f("ck_claims_certainty")
        ),
        sa.CheckConstraint(
            "status IN ('attend', 'absent', 'virtual')", name=op.f("ck_claims_status")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_claims_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["forum"], ["forums.id"], name=op.f("fk_claims_forum_forums")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_claims_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_claims_office_id_offices")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_claims_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["representative_id"], ["people.id"], name=op.f("fk_claims_representative_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("document_id", "ordinal", name=op.f("uq_claims_document_id_ordinal")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index("ix_claims_forum_meeting", ["forum", "meeting_id"], unique=False)
        batch_op.create_index("ix_claims_meeting_office", ["meeting_id", "office_id"], unique=False)
        batch_op.create_index("ix_claims_person", ["person_id"], unique=False)
        batch_op.create_index("ix_claims_representative", ["representative_id"], unique=False)

    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("contested", sa.Boolean(), nullable=False),
        sa.Column("statuses", sa.String(length=64), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("representative_id", sa.Integer(), nullable=True),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("first_published", sa.Date(), nullable=True),
        sa.Column("last_published", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_records_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_records_office_id_offices")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_records_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["representative_id"], ["people.id"], name=op.f("fk_records_representative_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
        sa.UniqueConstraint(
            "meeting_id", "office_id", name=op.f("uq_records_meeting_id_office_id")
        ),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index("ix_records_office", ["office_id"], unique=False)
        batch_op.create_index("ix_records_status", ["status"], unique=False)

    op.create_table(
        "claim_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("descriptor", sa.String(length=500), nullable=False),
        sa.CheckConstraint("kind IN ('named', 'anonymous')", name=op.f("ck_claim_sources_kind")),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_sources_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_sources")),
        sa.UniqueConstraint("claim_id", "ordinal", name=op.f("uq_claim_sources_claim_id_ordinal")),
    )


def downgrade() -> None:
    """Drop every table."""
    op.drop_table("claim_sources")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index("ix_records_status")
        batch_op.drop_index("ix_records_office")

    op.drop_table("records")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_representative")
        batch_op.drop_index("ix_claims_person")
        batch_op.drop_index("ix_claims_meeting_office")
        batch_op.drop_index("ix_claims_forum_meeting")

    op.drop_table("claims")
    op.drop_table("offices")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_forum_month")

    op.drop_table("meetings")
    op.drop_table("people")
    op.drop_table("forums")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_published")

    op.drop_table("documents")
    op.drop_table("countries")
