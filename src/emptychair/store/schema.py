"""The tables, one schema for SQLite and PostgreSQL (SQLAlchemy Core).

Documents hold claims; a claim names an office (country + role), a person, a
forum and, once resolved, a meeting. ``records`` is derived: the reconciled
state per (meeting, office), rewritten by ingest whenever one of its claims
changes, so reads never fold timelines on the fly.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    column,
)

from emptychair.model import CERTAINTIES, ROLES, STATUSES

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _one_of(name: str, values: tuple[str, ...]) -> CheckConstraint:
    """A CHECK that column ``name`` holds one of a fixed vocabulary."""
    return CheckConstraint(column(name).in_(values), name=name)


countries = Table(
    "countries",
    metadata,
    Column("code", String(3), primary_key=True),
)

forums = Table(
    "forums",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("family", String(64), nullable=False),
    Column("principal_role", String(32)),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
)

offices = Table(
    "offices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("country", String(3), ForeignKey("countries.code")),
    Column("role", String(32), nullable=False),
    UniqueConstraint("country", "role"),
    _one_of("role", ROLES),
)

meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(100), nullable=False, unique=True),
    Column("forum", String(64), ForeignKey("forums.id"), nullable=False),
    Column("month", String(7), nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("place", String(200)),
    Index("ix_meetings_forum_month", "forum", "month"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String(200), nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", String(2000), unique=True),
    Column("outlet", String(200)),
    Column("published", Date),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("extractor_version", String(100), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # Syndication: the first document of a near-duplicate group (itself if original).
    Column("syndication_group", Integer, ForeignKey("documents.id")),
    Column("shingles", Integer, nullable=False, default=0),
    Column("minhash", LargeBinary),
    Index("ix_documents_published", "published"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("person_id", Integer, ForeignKey("people.id")),
    Column("office_id", Integer, ForeignKey("offices.id"), nullable=False),
    Column("forum", String(64), ForeignKey("forums.id"), nullable=False),
    Column("meeting_date", String(10)),
    Column("meeting_id", Integer, ForeignKey("meetings.id")),
    # An undated claim that may still join the forum's next meeting once it is known.
    Column("awaits_meeting", Boolean, nullable=False, default=False),
    Column("status", String(16), nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("representative_id", Integer, ForeignKey("people.id")),
    Column("evidence", Text, nullable=False, default=""),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("extractor_version", String(100), nullable=False),
    UniqueConstraint("document_id", "ordinal"),
    _one_of("status", STATUSES),
    _one_of("certainty", CERTAINTIES),
    Index("ix_claims_meeting_office", "meeting_id", "office_id"),
    Index("ix_claims_person", "person_id"),
    Index("ix_claims_representative", "representative_id"),
    Index("ix_claims_forum_meeting", "forum", "meeting_id"),
)

claim_sources = Table(
    "claim_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("descriptor", String(500), nullable=False),
    UniqueConstraint("claim_id", "ordinal"),
    _one_of("kind", ("named", "anonymous")),
)

records = Table(
    "records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False),
    Column("office_id", Integer, ForeignKey("offices.id"), nullable=False),
    # NULL when contested: the unsuperseded claims disagree.
    Column("status", String(16)),
    Column("contested", Boolean, nullable=False),
    Column("statuses", String(64), nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id")),
    Column("representative_id", Integer, ForeignKey("people.id")),
    Column("claims", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("reports", Integer, nullable=False),
    Column("first_published", Date),
    Column("last_published", Date),
    UniqueConstraint("meeting_id", "office_id"),
    Index("ix_records_office", "office_id"),
    Index("ix_records_status", "status"),
)

# A meeting the calendar knows: its dates are authoritative, and it exists before
# any claim about it, so a missing principal shows as a meeting with no record.
calendar_meetings = Table(
    "calendar_meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False, unique=True),
    Column("forum", String(64), ForeignKey("forums.id"), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("city", String(200)),
    Column("country", String(3)),
    Column("format", String(16), nullable=False),
    Column("source", Text, nullable=False, default=""),
    Index("ix_calendar_meetings_forum_start", "forum", "start_date"),
    _one_of("format", ("formal", "informal", "virtual")),
)

# Official travel records (Office of the Historian): one row per trip, linked to
# the document its claims were read from, so history can say where someone was.
official_trips = Table(
    "official_trips",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("trip_id", String(32), nullable=False, unique=True),
    Column("file", String(300), nullable=False),
    Column("role", String(16), nullable=False),
    Column("who", String(100), nullable=False),
    Column("name", String(200), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("country_id", String(100), nullable=False),
    Column("country", String(200), nullable=False),
    Column("locale", String(300), nullable=False, default=""),
    Column("remarks", Text, nullable=False, default=""),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="SET NULL")),
    Index("ix_official_trips_role_start", "role", "start_date"),
)

# Derived, like ``records``: each country's highest level attending in person per
# meeting (an index into ``store.records.LEVELS``), kept by ``store.records``
# so patterns find downgrades from one small table instead of scanning every record.
representation = Table(
    "representation",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("country", String(3), ForeignKey("countries.code"), primary_key=True),
    Column("level", Integer, nullable=False),
)
