"""Fold every claim about one (meeting, country, role) into its current state.

A claim is superseded by another that is at least as late and at least as firm
(and strictly one or the other). The claims left standing are the current word;
when they disagree on the status the record is *contested*, not silently
resolved: two reports of the same day and firmness that contradict each other,
or a later but softer report against an earlier firmer one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from emptychair.model import CERTAINTY_RANK, STATUSES

_UNDATED = dt.date.min


@dataclass(frozen=True)
class Statement:
    """One claim as reconciliation needs it."""

    claim_id: int
    published: dt.date | None
    status: str
    certainty: str
    person_id: int | None = None
    representative_id: int | None = None
    document_id: int = 0
    group_id: int = 0
    """The syndication group of the claim's document (copies share their original's)."""


@dataclass(frozen=True)
class Reconciled:
    """The current state of one (meeting, country, role)."""

    status: str | None
    """The agreed status, None when contested."""
    contested: bool
    statuses: tuple[str, ...]
    """Every status among the standing claims (one unless contested)."""
    certainty: str
    person_id: int | None
    representative_id: int | None
    standing: frozenset[int]
    """Ids of the claims no other claim supersedes."""
    claims: int
    documents: int
    reports: int
    """Independent reports: distinct syndication groups."""
    first_published: dt.date | None
    last_published: dt.date | None


def _key(statement: Statement) -> tuple[dt.date, int]:
    return statement.published or _UNDATED, CERTAINTY_RANK[statement.certainty]


def standing(statements: Sequence[Statement]) -> list[Statement]:
    """The statements no later-and-firmer statement supersedes, latest first."""
    return _standing(sorted(statements, key=_key, reverse=True))


def _standing(latest_first: list[Statement]) -> list[Statement]:
    """``standing`` of statements already sorted latest (then firmest) first."""
    result: list[Statement] = []
    best_later = -1  # the firmest rank among strictly later days seen so far
    for _, day in groupby(latest_first, key=lambda s: s.published or _UNDATED):
        same_day = list(day)
        top = max(CERTAINTY_RANK[s.certainty] for s in same_day)
        if top > best_later:
            result += [s for s in same_day if CERTAINTY_RANK[s.certainty] == top]
        best_later = max(best_later, top)
    return result


def reconcile(statements: Sequence[Statement]) -> Reconciled:
    """The current status, certainty, actor and stand-in behind ``statements`` (not empty)."""
    if not statements:
        raise ValueError("nothing to reconcile")
    latest_first = sorted(statements, key=_key, reverse=True)
    current = _standing(latest_first)
    statuses = tuple(s for s in STATUSES if any(c.status == s for c in current))
    contested = len(statuses) > 1
    status = None if contested else statuses[0]
    certainty = max((c.certainty for c in current), key=CERTAINTY_RANK.__getitem__)
    person = next((s.person_id for s in current if s.person_id is not None), None)
    if person is None:
        person = next((s.person_id for s in latest_first if s.person_id is not None), None)
    representative = None
    if status == "absent":
        # The stand-in may be named only in an earlier claim of the same status.
        representative = next(
            (
                s.representative_id
                for s in latest_first
                if s.status == "absent" and s.representative_id is not None
            ),
            None,
        )
    days = [s.published for s in statements if s.published is not None]
    return Reconciled(
        status=status,
        contested=contested,
        statuses=statuses,
        certainty=certainty,
        person_id=person,
        representative_id=representative,
        standing=frozenset(s.claim_id for s in current),
        claims=len(statements),
        documents=len({s.document_id for s in statements}),
        reports=len({s.group_id for s in statements}),
        first_published=min(days) if days else None,
        last_published=max(days) if days else None,
    )
