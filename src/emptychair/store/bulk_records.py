"""Reconciled records for whole meetings at once, for bulk ingest.

``records.refresh`` rewrites chosen (meeting, office) pairs and lists each pair in
its statements; a bulk batch touches tens of thousands. A record is a pure
function of its claims, so ``refresh_meetings`` instead recomputes every record
of the touched meetings from all their claims (the same ``reconcile`` over the
same statements), deletes the old ones by meeting and writes the new ones in
one COPY or executemany per slice of meetings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, delete, select

from emptychair.reconcile.timeline import Statement, reconcile
from emptychair.store.bulk_rows import among, chunked, insert_rows
from emptychair.store.records import refresh_levels
from emptychair.store.schema import claims, documents, meetings, records

_MEETINGS = 1_000
"""Meetings per slice: bounds the ``IN`` lists and the claims held in memory."""

_COLUMNS = (
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


def refresh_meetings(connection: Connection, meeting_ids: Iterable[int]) -> None:
    """Recompute every record (and representation level) of these meetings from their claims."""
    for part in chunked(sorted(set(meeting_ids)), _MEETINGS):
        grouped: dict[tuple[int, int], list[Statement]] = defaultdict(list)
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
            .where(among(connection, claims.c.meeting_id, part))
            # Reconciling breaks ties by order: the order claims were stored in.
            .order_by(claims.c.id)
        )
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
        fresh = []
        for (meeting_id, office_id), statements in grouped.items():
            state = reconcile(statements)
            fresh.append(
                (
                    meeting_id,
                    office_id,
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
            )
        connection.execute(delete(records).where(among(connection, records.c.meeting_id, part)))
        insert_rows(connection, records, _COLUMNS, fresh)
        refresh_levels(connection, among(connection, meetings.c.id, part))
