"""Syndication: copies of a wire story, also when quoted inside a longer piece."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from emptychair.model import Claim, Document
from emptychair.reconcile.syndication import containment, find_original, signature
from emptychair.store import Store, read
from emptychair.store import schema as db

WIRE = (
    "BRUSSELS (Reuters) - U.S. Secretary of State Marco Rubio will skip a meeting of NATO "
    "foreign ministers next week and send his deputy Christopher Landau instead, two U.S. "
    "officials said on Friday, a rare absence that comes as Washington presses Kyiv to accept "
    "a peace plan. The State Department said Rubio had a full schedule of meetings and that "
    "Landau would represent the United States at the talks in Brussels on Wednesday. Allies "
    "had been told of the decision earlier in the week, according to one diplomat."
)
OTHER = (
    "Chinese President Xi Jinping is expected to miss the Group of 20 summit in New Delhi, "
    "with Premier Li Qiang leading the delegation instead, according to officials from two "
    "countries who spoke on condition of anonymity. It would be the first such summit Xi has "
    "missed since coming to power, and comes amid strained relations with India over borders."
)
LONG = (
    "Our diplomatic editor writes: the alliance has seen this before. "
    + "Analysts in several capitals have long debated the value of ministerial meetings. " * 8
    + WIRE
    + " Officials in Kyiv declined to comment on the decision when reached by telephone."
)


def test_a_wire_story_inside_a_longer_piece_is_contained() -> None:
    assert containment(signature(WIRE), signature(LONG)) > 0.8
    assert containment(signature(WIRE), signature(OTHER)) < 0.2


def test_find_original_prefers_the_best_match_and_ignores_short_texts() -> None:
    earlier = [(1, signature(OTHER)), (2, signature(WIRE))]
    assert find_original(signature(LONG), earlier) == 2
    assert find_original(signature("Rubio will skip."), earlier) is None


RUBIO = Claim(
    person="Marco Rubio",
    country="USA",
    role="foreign_minister",
    forum="nato-foreign-ministers",
    meeting_date="2025-12-03",
    status="absent",
    certainty="reported",
    representative="Christopher Landau",
)


def test_copies_are_grouped_and_counted_apart_from_reports(store: Store) -> None:
    day = dt.date(2025, 11, 28)
    items = [
        (Document("wire", WIRE, day, outlet="Reuters"), [RUBIO]),
        (Document("copy", WIRE + " (Reporting by staff.)", day, outlet="Paper A"), [RUBIO]),
        (Document("long", LONG, day + dt.timedelta(days=1), outlet="Paper B"), [RUBIO]),
        (Document("own", OTHER + " Rubio will not go either.", day, outlet="Paper C"), [RUBIO]),
    ]
    store.ingest(items, "v1")
    with store.engine.connect() as connection:
        groups = dict(
            connection.execute(
                select(db.documents.c.external_id, db.documents.c.syndication_group)
            ).all()
        )
    assert groups["copy"] == groups["long"] == groups["wire"] != groups["own"]
    board = read.meeting_board(store, "nato-foreign-ministers-2025-12")
    assert board is not None
    (record,) = board.records
    assert (record.claims, record.reports, record.copies) == (4, 2, 2)
    copies = {e.document: e.copy_of for e in record.timeline}
    assert copies == {"wire": None, "copy": "wire", "long": "wire", "own": None}
