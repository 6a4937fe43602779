"""Rewrite the reconciled record of each (meeting, office) whose claims changed.

Alongside, ``representation`` keeps each country's highest level attending in
person per meeting, so patterns find downgrades without scanning every record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, delete, func, insert, select, tuple_

from emptychair.reconcile.timeline import Reconciled, Statement, reconcile
from emptychair.store.schema import (
    claims,
    documents,
    forums,
    meetings,
    offices,
    records,
    representation,
)

Pair = tuple[int, int]
_CHUNK = 500

RECORD_COLUMNS = (
    "meeting_id",
    "office_id",
    "status",
    "contested",
    "statuses",
    "certainty",
    "person_id",
    "representative_id",
    "claims",
    "documents",
    "reports",
    "first_published",
    "last_published",
)
"""The columns of ``records`` that ``record_row`` fills, in its order."""


def record_row(pair: Pair, state: Reconciled) -> tuple[Any, ...]:
    """The ``records`` row of one (meeting, office) in the state reconciled for it."""
    return (
        *pair,
        state.status,
        state.contested,
        "|".join(state.statuses),
        state.certainty,
        state.person_id,
        state.representative_id,
        state.claims,
        state.documents,
        state.reports,
        state.first_published,
        state.last_published,
    )


LEVELS = ("ambassador", "deputy", "minister", "principal")
"""Levels of in-person representation, lowest first; ``representation.level`` indexes it."""
_MINISTERS = ("leader", "foreign_minister", "defence_minister", "finance_minister", "minister")


def refresh(connection: Connection, pairs: Iterable[Pair]) -> None:
    """Recompute the records for ``pairs`` from their claims (deleting emptied ones)."""
    wanted = set(pairs)
    ordered = sorted({meeting for meeting, _ in wanted})
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        _refresh_meetings(connection, chunk, {p for p in wanted if p[0] in set(chunk)})
        refresh_levels(connection, meetings.c.id.in_(chunk))


def refresh_levels(connection: Connection, which: ColumnElement[bool]) -> None:
    """Recompute ``representation`` for the meetings matching ``which`` (over ``meetings``).

    A country's level at a meeting is that of its highest-ranked office recorded
    attending; the forum's principal role ranks highest. Offices of no rank
    (officials, envoys) give no level.
    """
    chosen = select(meetings.c.id).where(which)
    level = case(
        (offices.c.role == forums.c.principal_role, LEVELS.index("principal")),
        (offices.c.role.in_(_MINISTERS), LEVELS.index("minister")),
        (offices.c.role == "deputy", LEVELS.index("deputy")),
        (offices.c.role == "ambassador", LEVELS.index("ambassador")),
    )
    connection.execute(delete(representation).where(representation.c.meeting_id.in_(chosen)))
    connection.execute(
        insert(representation).from_select(
            ["meeting_id", "country", "level"],
            select(records.c.meeting_id, offices.c.country, func.max(level))
            .join(offices, offices.c.id == records.c.office_id)
            .join(meetings, meetings.c.id == records.c.meeting_id)
            .join(forums, forums.c.id == meetings.c.forum)
            .where(
                records.c.meeting_id.in_(chosen),
                records.c.status == "attend",
                offices.c.country.is_not(None),
                level.is_not(None),
            )
            .group_by(records.c.meeting_id, offices.c.country),
        )
    )


def statements_by_pair(
    connection: Connection, where: ColumnElement[bool]
) -> dict[Pair, list[Statement]]:
    """The claims ``where`` selects, as reconciliation reads them, by (meeting, office)."""
    rows = connection.execute(
        select(
            claims.c.id,
            claims.c.meeting_id,
            claims.c.office_id,
            claims.c.status,
            claims.c.certainty,
            claims.c.person_id,
            claims.c.representative_id,
            claims.c.document_id,
            documents.c.published,
            documents.c.syndication_group,
        )
        .join(documents, documents.c.id == claims.c.document_id)
        .where(where)
        # Reconciling breaks ties (same day, same firmness) by order: make it the order
        # claims were stored in on both backends, not whatever PostgreSQL's plan gives.
        .order_by(claims.c.id)
    )
    grouped: dict[Pair, list[Statement]] = defaultdict(list)
    # One fetch and plain tuples: row-by-row attribute access is several times slower.
    for (
        claim_id,
        meeting_id,
        office_id,
        status,
        certainty,
        person_id,
        representative_id,
        document_id,
        published,
        group_id,
    ) in rows.all():
        grouped[(meeting_id, office_id)].append(
            Statement(
                claim_id=claim_id,
                published=published,
                status=status,
                certainty=certainty,
                person_id=person_id,
                representative_id=representative_id,
                document_id=document_id,
                group_id=group_id or document_id,
            )
        )
    return grouped


def _refresh_meetings(connection: Connection, meeting_ids: list[int], pairs: set[Pair]) -> None:
    offices = sorted({office for _, office in pairs})
    where = and_(claims.c.meeting_id.in_(meeting_ids), claims.c.office_id.in_(offices))
    grouped = {
        pair: found
        for pair, found in statements_by_pair(connection, where).items()
        if pair in pairs
    }
    # The plain meeting IN lets SQLite use an index; the row-value IN alone scans.
    connection.execute(
        delete(records).where(
            and_(
                records.c.meeting_id.in_(meeting_ids),
                tuple_(records.c.meeting_id, records.c.office_id).in_(sorted(pairs)),
            )
        )
    )
    fresh = [
        dict(zip(RECORD_COLUMNS, record_row(pair, reconcile(statements)), strict=True))
        for pair, statements in grouped.items()
    ]
    if fresh:
        connection.execute(insert(records), fresh)
