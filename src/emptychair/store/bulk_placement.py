"""Placing a whole batch's claims in memory, following ``store.placement`` step for step.

``placement.Placer`` writes every new or re-dated meeting through at once and
asks the database for the undated claims it adopts, so the claims queued before
it must be written first. ``BatchPlacer`` makes the same decisions in the same
order from memory: new meetings get provisional ids (above every stored id, in
creation order, so ties break as they would), undated claims wait in an index
by forum and publication day, and the writes happen once, at the end of the
batch (``write``), with readable ids given set-wise.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Row, bindparam, select, update

from emptychair.reconcile import meetings as rules
from emptychair.store.bulk_references import ReferenceChecks
from emptychair.store.bulk_rows import chunked, next_ids
from emptychair.store.placement import meetings_in
from emptychair.store.schema import meetings

Pair = tuple[int, int]
"""(meeting id, office id): the key of a record."""

_MEETING_COLUMNS = ("id", "slug", "forum", "month", "start_date", "end_date")

PROVISIONAL = 1 << 40
"""New meetings are numbered from here until written: above any stored id (PostgreSQL's
``integer`` stops at 2**31), so sorting by id still puts them after the stored ones."""


@dataclass(eq=False)
class PlacedClaim:
    """A claim as placement sees it, stored or new; placement may move it onto a meeting."""

    forum: str
    office: int
    published: dt.date | None
    meeting: int | None
    awaits: bool
    """Undated, unattached and waiting for its forum's next meeting (``awaits_meeting``)."""
    stored_id: int | None = None
    """The claim's id when it is already in the store."""
    adopted: bool = False
    """A stored claim that joined a meeting in this batch (its row needs updating)."""


class BatchPlacer:
    """One write transaction's placements, kept in memory until ``write``."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        self._known: dict[str, dict[str, dict[int, rules.MeetingSpan]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        self._loaded: dict[str, set[str]] = defaultdict(set)
        self._forum_of: dict[int, str] = {}
        self._month_of: dict[int, str] = {}
        self._created: list[int] = []
        self._redated: set[int] = set()
        self._reslug: dict[str, set[str]] = defaultdict(set)
        self._waiting: dict[str, dict[dt.date, set[PlacedClaim]]] = defaultdict(
            lambda: defaultdict(set)
        )
        # Placements that changed nothing, by forum, until the forum's meetings next
        # change: most claims repeat a (forum, date) another claim already resolved.
        self._joined: dict[str, dict[tuple[rules.MeetingDate, dt.date | None], int]] = defaultdict(
            dict
        )
        self._ahead: dict[str, dict[dt.date, int | None]] = defaultdict(dict)

    def load(self, wanted: Mapping[str, Iterable[str]]) -> None:
        """Read the meetings of each forum in the given months not read yet."""
        missing = {forum: set(months) - self._loaded[forum] for forum, months in wanted.items()}
        forums = sorted(forum for forum, months in missing.items() if months)
        if not forums:
            return
        months = sorted(set().union(*missing.values()))
        for forum_chunk in chunked(forums):
            for month_chunk in chunked(months):
                rows = self._conn.execute(meetings_in(forum_chunk, month_chunk))
                for row in rows:
                    if row.month in self._loaded[row.forum]:
                        continue  # already known, possibly changed by this batch
                    self._known[row.forum][row.month][row.id] = rules.MeetingSpan(
                        row.id, row.month, row.start_date, row.end_date
                    )
                    self._forum_of[row.id] = row.forum
                    self._month_of[row.id] = row.month
        for forum in forums:
            self._loaded[forum] |= set(months)

    def _spans(self, forum: str, months: Iterable[str]) -> list[rules.MeetingSpan]:
        """The forum's meetings in ``months``, by month then id (``Placer._spans``' order)."""
        wanted = list(months)
        if not set(wanted) <= self._loaded[forum]:
            self.load({forum: wanted})
        by_month = self._known[forum]
        found = [span for month in wanted for span in by_month.get(month, {}).values()]
        return sorted(found, key=lambda m: (m.month, m.id))

    def _set(self, forum: str, span: rules.MeetingSpan, old_month: str | None) -> None:
        """Record a new or changed meeting; what was resolved against the old state is stale."""
        self._joined.pop(forum, None)
        self._ahead.pop(forum, None)
        if old_month is not None and old_month != span.month:
            del self._known[forum][old_month][span.id]
        self._known[forum][span.month][span.id] = span
        self._forum_of[span.id] = forum
        self._month_of[span.id] = span.month

    def place(
        self, forum: str, when: rules.MeetingDate, published: dt.date | None
    ) -> tuple[int, set[Pair]]:
        """The meeting id for a claim of ``forum`` dated ``when`` (see ``Placer.place``),
        and the records touched by waiting claims that joined it."""
        # A claim with a day resolves the same whatever its publication date.
        key = (when, published if when.day is None else None)
        joined = self._joined[forum].get(key)
        if joined is not None:
            return joined, set()
        candidates = self._spans(forum, candidate_months(when))
        found = rules.resolve(candidates, when, published)
        if found.meeting_id is None:
            meeting_id = PROVISIONAL + len(self._created)
            self._created.append(meeting_id)
            self._set(
                forum, rules.MeetingSpan(meeting_id, found.month, found.start, found.end), None
            )
            self._reslug[forum].add(found.month)
            return meeting_id, self._adopt(forum, meeting_id)
        before = next(m for m in candidates if m.id == found.meeting_id)
        if (before.month, before.start, before.end) == (found.month, found.start, found.end):
            self._joined[forum][key] = found.meeting_id
            return found.meeting_id, set()
        after = rules.MeetingSpan(found.meeting_id, found.month, found.start, found.end)
        self._set(forum, after, before.month)
        if found.meeting_id < PROVISIONAL:
            self._redated.add(found.meeting_id)
        self._reslug[forum] |= {before.month, found.month}
        return found.meeting_id, self._adopt(forum, found.meeting_id)

    def place_undated(self, forum: str, published: dt.date | None) -> int | None:
        """The meeting an undated claim published on ``published`` points to, if any."""
        if published is None:
            return None
        ahead = self._ahead[forum]
        if published not in ahead:
            spans = self._spans(forum, upcoming_months(published))
            ahead[published] = rules.resolve_undated(spans, published)
        return ahead[published]

    def wait(self, claim: PlacedClaim) -> None:
        """Let ``claim`` (undated, unattached) join its forum's next meeting once it is known."""
        if claim.published is not None:
            self._waiting[claim.forum][claim.published].add(claim)

    def forget(self, claim: PlacedClaim) -> None:
        """Stop ``claim`` waiting (its document was replaced)."""
        if claim.published is not None:
            self._waiting[claim.forum][claim.published].discard(claim)

    def _adopt(self, forum: str, meeting_id: int) -> set[Pair]:
        """Attach waiting claims that point ahead to this meeting (``_adopt_undated``)."""
        first = self._span(meeting_id).first_day()
        waiting = self._waiting[forum]
        adopted: set[Pair] = set()
        for back in range(rules.UPCOMING_DAYS, 0, -1):
            day = first - dt.timedelta(days=back)
            claims = waiting.get(day)
            # Every claim of one day points to the same meeting: resolve once.
            if not claims or self.place_undated(forum, day) != meeting_id:
                continue
            for claim in claims:
                claim.meeting, claim.awaits = meeting_id, False
                claim.adopted = claim.stored_id is not None
                adopted.add((meeting_id, claim.office))
            claims.clear()
        return adopted

    def _span(self, meeting_id: int) -> rules.MeetingSpan:
        return self._known[self._forum_of[meeting_id]][self._month_of[meeting_id]][meeting_id]

    def write(self, checks: ReferenceChecks) -> dict[int, int]:
        """Store new and re-dated meetings and their readable ids; return the new ids by
        provisional id."""
        real = dict(
            zip(self._created, next_ids(self._conn, meetings, len(self._created)), strict=True)
        )
        rows = [
            (real[m.id], f"~{uuid.uuid4().hex}", self._forum_of[m.id], m.month, m.start, m.end)
            for m in map(self._span, self._created)
        ]
        checks.insert(meetings, _MEETING_COLUMNS, rows)
        if self._redated:
            self._conn.execute(
                update(meetings)
                .where(meetings.c.id == bindparam("meeting_id"))
                .values(
                    month=bindparam("new_month"),
                    start_date=bindparam("new_start"),
                    end_date=bindparam("new_end"),
                ),
                [
                    {
                        "meeting_id": m.id,
                        "new_month": m.month,
                        "new_start": m.start,
                        "new_end": m.end,
                    }
                    for m in map(self._span, sorted(self._redated))
                ],
            )
        _reslug(self._conn, self._reslug)
        return real


@lru_cache(maxsize=1 << 16)
def candidate_months(when: rules.MeetingDate) -> tuple[str, ...]:
    """``reconcile.meetings.candidate_months``, remembered (claims repeat few dates)."""
    return tuple(rules.candidate_months(when))


@lru_cache(maxsize=1 << 16)
def upcoming_months(published: dt.date) -> tuple[str, ...]:
    """The months whose meetings an undated claim published on ``published`` may join."""
    return tuple(rules.months_between(*rules.upcoming_window(published)))


def _reslug(connection: Connection, months: Mapping[str, set[str]]) -> None:
    """Give every meeting in these forums' months its readable id (``placement._reslug``)."""
    wanted_months = sorted(set().union(*months.values())) if months else []
    if not wanted_months:
        return
    rows: list[Row[Any, Any, Any, Any, Any]] = []
    for forum_chunk in chunked(sorted(months)):
        for month_chunk in chunked(wanted_months):
            rows += connection.execute(
                select(
                    meetings.c.id,
                    meetings.c.slug,
                    meetings.c.forum,
                    meetings.c.month,
                    meetings.c.start_date,
                ).where(meetings.c.forum.in_(forum_chunk), meetings.c.month.in_(month_chunk))
            ).all()
    rows = [r for r in rows if r.month in months[r.forum]]
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        counts[(row.forum, row.month)] += 1
    changed = []
    for row in rows:
        slug = rules.meeting_slug(
            row.forum, row.month, row.start_date, counts[(row.forum, row.month)] > 1
        )
        if slug != row.slug:
            changed.append({"meeting_id": row.id, "new_slug": slug})
    if not changed:
        return
    rename = update(meetings).where(meetings.c.id == bindparam("meeting_id"))
    # Two steps so that swapping ids never trips the unique constraint midway.
    connection.execute(
        rename.values(slug=bindparam("new_slug")),
        [{"meeting_id": c["meeting_id"], "new_slug": f"~{uuid.uuid4().hex}"} for c in changed],
    )
    connection.execute(rename.values(slug=bindparam("new_slug")), changed)
