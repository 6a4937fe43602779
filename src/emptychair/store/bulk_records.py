"""Reconciled records for whole meetings at once, for bulk ingest.

``records.refresh`` rewrites chosen (meeting, office) pairs and lists each pair in
its statements; a bulk batch touches tens of thousands. A record is a pure
function of its claims, so ``refresh_meetings`` instead recomputes every record
of the touched meetings from all their claims (the same ``reconcile`` over the
same statements), deletes the old ones by meeting and writes the new ones in
one COPY or executemany per slice of meetings.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete

from emptychair.reconcile.timeline import reconcile
from emptychair.store.bulk_references import ReferenceChecks
from emptychair.store.bulk_rows import among, chunked
from emptychair.store.records import refresh_levels, statements_by_pair
from emptychair.store.schema import claims, meetings, records

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


def refresh_meetings(
    connection: Connection, meeting_ids: Iterable[int], checks: ReferenceChecks
) -> None:
    """Recompute every record (and representation level) of these meetings from their claims.

    Representation levels are selected from records joined to their meetings and
    offices, so they refer to nothing the records do not: ``checks`` notes the records.
    """
    for part in chunked(sorted(set(meeting_ids)), _MEETINGS):
        grouped = statements_by_pair(connection, among(connection, claims.c.meeting_id, part))
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
        checks.insert(records, _COLUMNS, fresh)
        refresh_levels(connection, among(connection, meetings.c.id, part))
