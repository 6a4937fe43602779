"""Reconciled records for whole meetings at once, for bulk ingest.

``records.refresh`` rewrites chosen (meeting, office) pairs and lists each pair in
its statements; a bulk batch touches tens of thousands. A record is a pure
function of its claims, so bulk ingest instead recomputes every record of the
touched meetings from all their claims (the same ``reconcile`` over the same
statements), deletes the old ones by meeting and writes the new ones in one
COPY or executemany per slice of meetings.

The statements come in two parts so that reconciling need not wait for the
batch's claims to reach the database: ``stored_statements`` reads the claims
already stored (before the batch's new ones are written), and the batch adds
its new claims' statements from memory. New claims' ids are drawn after every
stored one, so appending them keeps each pair's statements in id order, the
order ``statements_by_pair`` gives and reconciling relies on for ties.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, delete

from emptychair.reconcile.timeline import Statement, reconcile
from emptychair.store.bulk_references import ReferenceChecks
from emptychair.store.bulk_rows import among, chunked
from emptychair.store.records import (
    RECORD_COLUMNS,
    Pair,
    record_row,
    refresh_levels,
    statements_by_pair,
)
from emptychair.store.schema import claims, meetings, records

_MEETINGS = 1_000
"""Meetings per slice: bounds the ``IN`` lists."""


def stored_statements(
    connection: Connection, meeting_ids: Collection[int]
) -> dict[Pair, list[Statement]]:
    """The stored claims of these meetings as reconciliation reads them, by (meeting, office)."""
    grouped: dict[Pair, list[Statement]] = {}
    for part in chunked(sorted(meeting_ids), _MEETINGS):
        grouped |= statements_by_pair(connection, among(connection, claims.c.meeting_id, part))
    return grouped


def record_rows(grouped: dict[Pair, list[Statement]]) -> list[tuple[Any, ...]]:
    """Each pair's record, reconciled from its statements, as a row of ``records``."""
    return [record_row(pair, reconcile(statements)) for pair, statements in grouped.items()]


def replace_records(
    connection: Connection,
    meeting_ids: Collection[int],
    rows: list[tuple[Any, ...]],
    checks: ReferenceChecks,
) -> None:
    """Put ``rows`` in place of every record of these meetings, and redo their
    representation levels.

    The levels are selected from records joined to their meetings and offices, so
    they refer to nothing the records do not: ``checks`` notes the records.
    """
    by_meeting: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_meeting.setdefault(row[0], []).append(row)
    for part in chunked(sorted(meeting_ids), _MEETINGS):
        connection.execute(delete(records).where(among(connection, records.c.meeting_id, part)))
        checks.insert(records, RECORD_COLUMNS, [row for m in part for row in by_meeting.get(m, ())])
        refresh_levels(connection, among(connection, meetings.c.id, part))
