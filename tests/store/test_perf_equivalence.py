"""The fast paths give what the straightforward ones would.

* Ingest reads a batch's reference rows, meetings and syndication candidates up
  front and queues claim inserts: one document per batch (nothing cached across
  documents) and many per batch must build the same store.
* ``representation`` (each country's level per meeting, kept by ``records.refresh``)
  must match the records, and the downgrades ``patterns`` finds from it must be the
  ones a scan of every record finds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from sqlalchemy import Connection, and_, case, func, select

from emptychair.analyze.patterns import Downgrade, patterns
from emptychair.model import Claim, Document, Source
from emptychair.reconcile.meetings import month_start
from emptychair.store import Store, open_store
from emptychair.store import schema as db
from emptychair.store.records import LEVELS

Items = list[tuple[Document, list[Claim]]]

FORUMS = ("nato-summit", "nato-foreign-ministers", "g20-summit", "g7-ministers")
COUNTRIES = ("AAA", "BBB", "CCC", "DDD")
ROLES = ("leader", "foreign_minister", "defence_minister", "deputy", "ambassador", "official")
MINISTERS = ("leader", "foreign_minister", "defence_minister", "finance_minister", "minister")


def synthetic(seed: int = 3, documents: int = 90) -> Items:
    """Documents about a few forums' meetings: month-level and dated claims, undated
    ones, copies of earlier stories, and corrected re-publications of earlier URLs."""
    rng = random.Random(seed)
    items: Items = []
    for n in range(documents):
        forum = rng.choice(FORUMS)
        month = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 900, 45))
        day = month + dt.timedelta(days=rng.randrange(0, 20))
        claims = []
        for ordinal in range(rng.randint(1, 5)):
            country, role = rng.choice(COUNTRIES), rng.choice(ROLES)
            when = rng.choice((f"{day:%Y-%m}", day.isoformat(), day.isoformat(), None))
            claims.append(
                Claim(
                    person=f"{role} of {country}",
                    country=country,
                    role=role,  # type: ignore[arg-type]
                    forum=forum,
                    meeting_date=when,
                    status=rng.choice(("attend", "attend", "absent", "virtual")),  # type: ignore[arg-type]
                    certainty=rng.choice(("reported", "expected", "possible")),  # type: ignore[arg-type]
                    representative="Stand In" if ordinal % 3 == 0 else None,
                    sources=(Source("anonymous", "officials"),) if ordinal % 2 else (),
                    evidence=f"Sentence {n}.{ordinal}.",
                )
            )
        words = " ".join(f"w{rng.randrange(60)}" for _ in range(80))
        text = f"Story {n} about {forum}: {words}"
        published = day - dt.timedelta(days=rng.randint(-2, 20))
        if n > 10 and n % 7 == 0:  # a syndicated copy of an earlier story
            text, published = (
                items[n - 3][0].text + " Also carried here.",
                items[n - 3][0].published,
            )
        url = f"https://example.org/{n % 30}" if n % 4 else None  # repeats: corrections
        items.append((Document(f"d{n}", text, published, f"T{n}", url, "Outlet"), claims))
    items.append(items[4])  # the same content again (no URL): unchanged
    # Corrected within one batch, onto meetings that exist: the first version's
    # claims are still queued when the second replaces them, and the first (an
    # original) becomes a copy of an earlier story.
    first, claims = items[1]
    for version in ("First version.", "Second version, a copy: " + items[8][0].text):
        fixed = replace(first, id=version[:5], text=version, url="https://example.org/fixed")
        items.append((replace(fixed, published=items[8][0].published), claims))
    return items


def snapshot(store: Store) -> dict[str, object]:
    """The store's content by readable keys (ids differ between two stores)."""
    with store.engine.connect() as connection:
        original = db.documents.alias("original")
        documents = set(
            connection.execute(
                select(db.documents.c.external_id, db.documents.c.url, original.c.external_id).join(
                    original, original.c.id == db.documents.c.syndication_group
                )
            ).all()
        )
        claims = set(
            connection.execute(
                select(
                    db.documents.c.external_id,
                    db.claims.c.ordinal,
                    db.meetings.c.slug,
                    db.claims.c.awaits_meeting,
                    db.offices.c.country,
                    db.offices.c.role,
                    db.people.c.name,
                    func.count(db.claim_sources.c.id),
                )
                .join(db.documents, db.documents.c.id == db.claims.c.document_id)
                .join(db.offices, db.offices.c.id == db.claims.c.office_id)
                .outerjoin(db.meetings, db.meetings.c.id == db.claims.c.meeting_id)
                .outerjoin(db.people, db.people.c.id == db.claims.c.person_id)
                .outerjoin(db.claim_sources, db.claim_sources.c.claim_id == db.claims.c.id)
                .group_by(
                    db.documents.c.external_id,
                    db.claims.c.ordinal,
                    db.meetings.c.slug,
                    db.claims.c.awaits_meeting,
                    db.offices.c.country,
                    db.offices.c.role,
                    db.people.c.name,
                )
            ).all()
        )
        records = set(
            connection.execute(
                select(
                    db.meetings.c.slug,
                    db.offices.c.country,
                    db.offices.c.role,
                    db.records.c.status,
                    db.records.c.statuses,
                    db.records.c.certainty,
                    db.records.c.claims,
                    db.records.c.documents,
                    db.records.c.reports,
                )
                .join(db.meetings, db.meetings.c.id == db.records.c.meeting_id)
                .join(db.offices, db.offices.c.id == db.records.c.office_id)
            ).all()
        )
        meetings = set(
            connection.execute(
                select(db.meetings.c.slug, db.meetings.c.start_date, db.meetings.c.end_date)
            ).all()
        )
        levels = stored_levels(connection)
    return {
        "documents": documents,
        "claims": claims,
        "records": records,
        "meetings": meetings,
        "levels": levels,
    }


def stored_levels(connection: Connection) -> set[tuple[str, str, int]]:
    """``representation`` by meeting slug."""
    return set(
        connection.execute(
            select(db.meetings.c.slug, db.representation.c.country, db.representation.c.level).join(
                db.meetings, db.meetings.c.id == db.representation.c.meeting_id
            )
        ).all()
    )


def reference_levels(connection: Connection) -> set[tuple[str, str, int]]:
    """Each country's highest level attending per meeting, straight from the records."""
    found: dict[tuple[str, str], int] = {}
    rows = connection.execute(
        select(
            db.meetings.c.slug, db.offices.c.country, db.offices.c.role, db.forums.c.principal_role
        )
        .select_from(db.records)
        .join(db.offices, db.offices.c.id == db.records.c.office_id)
        .join(db.meetings, db.meetings.c.id == db.records.c.meeting_id)
        .join(db.forums, db.forums.c.id == db.meetings.c.forum)
        .where(db.records.c.status == "attend", db.offices.c.country.is_not(None))
    )
    for slug, country, role, principal in rows:
        level = (
            "principal"
            if role == principal
            else "minister"
            if role in MINISTERS
            else role
            if role in ("deputy", "ambassador")
            else None
        )
        if level is not None:
            key = (slug, country)
            found[key] = max(found.get(key, 0), LEVELS.index(level))
    return {(slug, country, level) for (slug, country), level in found.items()}


def reference_downgrades(connection: Connection) -> list[Downgrade]:
    """Downgrades by scanning every record (the approach ``patterns`` had before)."""
    level = case(
        (db.offices.c.role == db.forums.c.principal_role, LEVELS.index("principal")),
        (db.offices.c.role.in_(MINISTERS), LEVELS.index("minister")),
        (db.offices.c.role == "deputy", LEVELS.index("deputy")),
        (db.offices.c.role == "ambassador", LEVELS.index("ambassador")),
    )
    rows = connection.execute(
        select(
            db.meetings.c.forum,
            db.meetings.c.slug,
            db.meetings.c.month,
            db.meetings.c.start_date,
            db.offices.c.country,
            func.max(level),
        )
        .select_from(db.records)
        .join(db.offices, db.offices.c.id == db.records.c.office_id)
        .join(db.meetings, db.meetings.c.id == db.records.c.meeting_id)
        .join(db.forums, db.forums.c.id == db.meetings.c.forum)
        .where(
            and_(
                db.records.c.status == "attend",
                db.forums.c.principal_role.is_not(None),
                db.offices.c.country.is_not(None),
            )
        )
        .group_by(
            db.meetings.c.forum,
            db.meetings.c.slug,
            db.meetings.c.month,
            db.meetings.c.start_date,
            db.offices.c.country,
        )
    )
    series: dict[tuple[str, str], list[tuple[dt.date, str, int]]] = defaultdict(list)
    for forum, slug, month, start, country, found in rows:
        if found is not None:
            series[(country, forum)].append((start or month_start(month), slug, found))
    downgrades = []
    for (country, forum), levels in series.items():
        levels.sort()
        for (_, before, was), (_, after, now) in pairwise(levels):
            if now < was:
                downgrades.append(
                    Downgrade(country, forum, before, LEVELS[was], after, LEVELS[now])
                )
    downgrades.sort(key=lambda d: (d.after, d.country), reverse=True)
    return downgrades


def test_one_document_per_batch_and_many_build_the_same_store(store: Store, store_url: str) -> None:
    items = synthetic()
    report = store.ingest(items, "v1", batch_size=40)
    assert report.replaced > 0 and report.unchanged > 0 and report.claims_removed > 0
    batched = snapshot(store)
    assert any(doc != original for doc, _, original in batched["documents"])  # type: ignore[attr-defined]
    # The same documents one per transaction, into an emptied store.
    with store.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
    store.ingest(items, "v1", batch_size=1)
    assert snapshot(store) == batched


def test_levels_follow_the_records_and_downgrades_match_a_full_scan(store: Store) -> None:
    items = synthetic(seed=11, documents=120)
    store.ingest(items[:60], "v1")
    # Later batches re-date meetings, correct documents and change attendance.
    store.ingest(items[60:], "v1", batch_size=7)
    store.ingest([(replace(d, text=d.text + " Corrected."), c[::-1]) for d, c in items[:9]], "v2")
    with store.engine.connect() as connection:
        assert stored_levels(connection) == reference_levels(connection)
        expected = reference_downgrades(connection)
    assert expected, "the fixture has downgrades"
    assert list(patterns(store).downgrades) == expected


def test_a_new_principal_in_the_vocabulary_re_ranks_stored_levels(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/store.sqlite3"
    with open_store(url) as store:
        store.ingest(synthetic(seed=5, documents=40), "v1")
        with store.engine.begin() as connection:
            # As if the vocabulary had changed since: the next ingest puts it back.
            connection.execute(
                db.forums.update()
                .where(db.forums.c.id == "nato-summit")
                .values(principal_role="deputy")
            )
        store.ingest(
            [
                (
                    Document("late", "A late story.", dt.date(2022, 1, 1)),
                    [Claim("X", "AAA", "official", "nato-summit", "2022-01", "attend", "reported")],
                )
            ],
            "v1",
        )
        with store.engine.connect() as connection:
            assert stored_levels(connection) == reference_levels(connection)
