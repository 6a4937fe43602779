"""Put claims into meetings in the database, following ``reconcile.meetings``' rules.

Creates meetings, widens or dates them, keeps their readable ids right when a
forum gets a second meeting in a month, and lets undated claims that were
waiting join a meeting once it becomes known. Ingest places through a
``Placer``, which keeps the meetings a batch reads in memory.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from sqlalchemy import Connection, Select, and_, insert, select, update

from emptychair.reconcile import meetings as rules
from emptychair.store.schema import claims, documents, meetings

Pair = tuple[int, int]


def meetings_in(forums: Iterable[str], months: Iterable[str]) -> Select[Any]:
    """The stored meetings of these forums in these months, as placement reads them."""
    return select(
        meetings.c.id,
        meetings.c.forum,
        meetings.c.month,
        meetings.c.start_date,
        meetings.c.end_date,
    ).where(meetings.c.forum.in_(list(forums)), meetings.c.month.in_(list(months)))


class Places(Protocol):
    """What places claims in meetings: ``Placer`` here, ``bulk_placement.BatchPlacer``."""

    def place(
        self, forum: str, when: rules.MeetingDate, published: dt.date | None
    ) -> tuple[int, set[Pair]]: ...

    def place_undated(self, forum: str, published: dt.date | None) -> int | None: ...


def place_claim(
    placer: Places,
    forum: str,
    meeting_date: rules.MeetingDate | None,
    published: dt.date | None,
    may_wait: bool,
) -> tuple[int | None, bool, set[Pair]]:
    """A claim's meeting (None if it has none yet), whether it waits for one, and the
    records that waiting claims joining a meeting created or dated touch.

    A claim with no date waits for the forum's next meeting only if ``may_wait``: an
    undated claim beside a dated one about the same actor and forum in one document
    is about another, earlier meeting.
    """
    if meeting_date is not None:
        dated, adopted = placer.place(forum, meeting_date, published)
        return dated, False, adopted
    meeting = placer.place_undated(forum, published) if may_wait else None
    return meeting, may_wait and meeting is None, set()


"""(meeting id, office id): the key of a record."""


def _spans(connection: Connection, forum: str, months: Iterable[str]) -> list[rules.MeetingSpan]:
    rows = connection.execute(
        select(meetings.c.id, meetings.c.month, meetings.c.start_date, meetings.c.end_date).where(
            meetings.c.forum == forum, meetings.c.month.in_(list(months))
        )
    )
    return [rules.MeetingSpan(r.id, r.month, r.start_date, r.end_date) for r in rows]


class Placer:
    """Places one write transaction's claims, keeping the meetings it has read in memory.

    Most claims join a meeting the transaction has already seen, so they need no
    query. Every change is written through at once; the cache is only valid
    while the writer lock is held.
    """

    def __init__(
        self, connection: Connection, before_reading_claims: Callable[[], None] = lambda: None
    ) -> None:
        self._conn = connection
        # Writers may queue claims; they must be stored before undated ones are adopted.
        self._before_reading_claims = before_reading_claims
        self._known: dict[str, dict[int, rules.MeetingSpan]] = defaultdict(dict)
        self._loaded: dict[str, set[str]] = defaultdict(set)

    def load(self, wanted: Mapping[str, Iterable[str]]) -> None:
        """Read the meetings of each forum in the given months not read yet, in one query."""
        missing = {forum: set(months) - self._loaded[forum] for forum, months in wanted.items()}
        forums = sorted(forum for forum, months in missing.items() if months)
        if not forums:
            return
        # Every forum in every month asked for: a little more than needed, but one
        # simple query on the (forum, month) index.
        months = set().union(*missing.values())
        rows = self._conn.execute(meetings_in(forums, sorted(months)))
        for row in rows:
            self._known[row.forum][row.id] = rules.MeetingSpan(
                row.id, row.month, row.start_date, row.end_date
            )
        for forum in forums:
            self._loaded[forum] |= months

    def _spans(self, forum: str, months: Iterable[str]) -> list[rules.MeetingSpan]:
        """The forum's meetings in ``months``, by month then id."""
        wanted = set(months)
        if not wanted <= self._loaded[forum]:
            self.load({forum: wanted})
        found = [m for m in self._known[forum].values() if m.month in wanted]
        # Ties in ``rules`` go to the first candidate: this is the order SQLite's
        # (forum, month) index gave when every placement queried the table.
        return sorted(found, key=lambda m: (m.month, m.id))

    def place(
        self, forum: str, when: rules.MeetingDate, published: dt.date | None
    ) -> tuple[int, set[Pair]]:
        """The meeting id for a claim of ``forum`` dated ``when``.

        Also returns the records touched by undated claims that joined a meeting
        this placement created or dated.
        """
        candidates = self._spans(forum, rules.candidate_months(when))
        found = rules.resolve(candidates, when, published)
        if found.meeting_id is None:
            meeting_id = self._conn.execute(
                insert(meetings)
                .values(
                    slug=f"~{uuid.uuid4().hex}",
                    forum=forum,
                    month=found.month,
                    start_date=found.start,
                    end_date=found.end,
                )
                .returning(meetings.c.id)
            ).scalar_one()
            self._known[forum][meeting_id] = rules.MeetingSpan(
                meeting_id, found.month, found.start, found.end
            )
            _reslug(self._conn, forum, {found.month})
            self._before_reading_claims()
            return meeting_id, _adopt_undated(self._conn, forum, meeting_id)
        before = next(m for m in candidates if m.id == found.meeting_id)
        if (before.month, before.start, before.end) == (found.month, found.start, found.end):
            return found.meeting_id, set()
        self._conn.execute(
            update(meetings)
            .where(meetings.c.id == found.meeting_id)
            .values(month=found.month, start_date=found.start, end_date=found.end)
        )
        self._known[forum][found.meeting_id] = rules.MeetingSpan(
            found.meeting_id, found.month, found.start, found.end
        )
        _reslug(self._conn, forum, {before.month, found.month})
        self._before_reading_claims()
        return found.meeting_id, _adopt_undated(self._conn, forum, found.meeting_id)

    def place_undated(self, forum: str, published: dt.date | None) -> int | None:
        """The meeting an undated claim published on ``published`` points to, if any."""
        if published is None:
            return None
        return rules.resolve_undated(self._spans(forum, undated_months(published)), published)


def undated_months(published: dt.date) -> list[str]:
    """The months whose meetings ``Placer.place_undated`` reads for ``published``."""
    return rules.months_between(*rules.upcoming_window(published))


def _reslug(connection: Connection, forum: str, months: set[str]) -> None:
    """Give the forum's meetings in ``months`` their readable ids (``-DD`` when they share)."""
    rows = connection.execute(
        select(meetings.c.id, meetings.c.slug, meetings.c.month, meetings.c.start_date)
        .where(meetings.c.forum == forum, meetings.c.month.in_(sorted(months)))
        .order_by(meetings.c.start_date, meetings.c.id)
    ).all()
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.month] = counts.get(row.month, 0) + 1
    wanted = {
        row.id: rules.meeting_slug(forum, row.month, row.start_date, counts[row.month] > 1)
        for row in rows
    }
    changed = [row for row in rows if row.slug != wanted[row.id]]
    # Two steps so that swapping ids never trips the unique constraint midway.
    for row in changed:
        connection.execute(
            update(meetings).where(meetings.c.id == row.id).values(slug=f"~{uuid.uuid4().hex}")
        )
    for row in changed:
        connection.execute(
            update(meetings).where(meetings.c.id == row.id).values(slug=wanted[row.id])
        )


def _adopt_undated(connection: Connection, forum: str, meeting_id: int) -> set[Pair]:
    """Attach waiting undated claims that point ahead to this meeting; return their records."""
    row = connection.execute(
        select(meetings.c.month, meetings.c.start_date, meetings.c.end_date).where(
            meetings.c.id == meeting_id
        )
    ).one()
    span = rules.MeetingSpan(meeting_id, row.month, row.start_date, row.end_date)
    earliest = span.first_day() - dt.timedelta(days=rules.UPCOMING_DAYS)
    latest = span.first_day() - dt.timedelta(days=1)
    waiting = connection.execute(
        select(claims.c.id, claims.c.office_id, documents.c.published)
        .join(documents, documents.c.id == claims.c.document_id)
        .where(
            and_(
                claims.c.forum == forum,
                claims.c.meeting_id.is_(None),
                claims.c.meeting_date.is_(None),
                claims.c.awaits_meeting.is_(True),
                documents.c.published.between(earliest, latest),
            )
        )
    ).all()
    adopted: set[Pair] = set()
    for claim in waiting:
        candidates = _spans(
            connection, forum, rules.months_between(*rules.upcoming_window(claim.published))
        )
        if rules.resolve_undated(candidates, claim.published) == meeting_id:
            connection.execute(
                update(claims)
                .where(claims.c.id == claim.id)
                .values(meeting_id=meeting_id, awaits_meeting=False)
            )
            adopted.add((meeting_id, claim.office_id))
    return adopted
