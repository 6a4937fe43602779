"""Rewrite the reconciled record of each (meeting, office) whose claims changed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select, tuple_

from emptychair.reconcile.timeline import Statement, reconcile
from emptychair.store.schema import claims, documents, records

Pair = tuple[int, int]
_CHUNK = 500


def refresh(connection: Connection, pairs: Iterable[Pair]) -> None:
    """Recompute the records for ``pairs`` from their claims (deleting emptied ones)."""
    wanted = set(pairs)
    ordered = sorted({meeting for meeting, _ in wanted})
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        _refresh_meetings(connection, chunk, {p for p in wanted if p[0] in set(chunk)})


def _refresh_meetings(connection: Connection, meeting_ids: list[int], pairs: set[Pair]) -> None:
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
        .where(
            claims.c.meeting_id.in_(meeting_ids),
            claims.c.office_id.in_(sorted({office for _, office in pairs})),
        )
    )
    grouped: dict[Pair, list[Statement]] = defaultdict(list)
    for row in rows:
        pair = (row.meeting_id, row.office_id)
        if pair in pairs:
            grouped[pair].append(
                Statement(
                    claim_id=row.id,
                    published=row.published,
                    status=row.status,
                    certainty=row.certainty,
                    person_id=row.person_id,
                    representative_id=row.representative_id,
                    document_id=row.document_id,
                    group_id=row.syndication_group or row.document_id,
                )
            )
    connection.execute(
        delete(records).where(tuple_(records.c.meeting_id, records.c.office_id).in_(sorted(pairs)))
    )
    fresh = []
    for (meeting_id, office_id), statements in grouped.items():
        state = reconcile(statements)
        fresh.append(
            {
                "meeting_id": meeting_id,
                "office_id": office_id,
                "status": state.status,
                "contested": state.contested,
                "statuses": "|".join(state.statuses),
                "certainty": state.certainty,
                "person_id": state.person_id,
                "representative_id": state.representative_id,
                "claims": state.claims,
                "documents": state.documents,
                "reports": state.reports,
                "first_published": state.first_published,
                "last_published": state.last_published,
            }
        )
    if fresh:
        connection.execute(insert(records), fresh)
