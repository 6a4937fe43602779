"""Syndication for a whole batch: every dated signature in memory, compared in one numpy step.

``reconcile.syndication.find_original`` scores candidates one Python call at a
time, which is fine for a few but not for the thousands a bulk batch meets
within a week. ``SignatureIndex`` keeps the signatures as rows of one array
and scores all of a document's candidates at once, with the same arithmetic in
the same order, so it picks the same original (best containment, ties to the
lowest id). Each day's documents are also kept as arrays (ids, rows, shingle
counts), rebuilt only when the day changes, so gathering a fortnight's
candidates is a few concatenations rather than a Python loop over thousands.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from emptychair.reconcile import syndication

_DTYPE = np.dtype("<u4")


@dataclass(frozen=True)
class _Entry:
    published: dt.date
    group: int
    row: int
    shingles: int


@dataclass(frozen=True)
class _Day:
    ids: np.ndarray[Any, np.dtype[np.int64]]
    rows: np.ndarray[Any, np.dtype[np.intp]]
    shingles: np.ndarray[Any, np.dtype[np.float64]]


class SignatureIndex:
    """Dated documents with their syndication group and MinHash, by publication day."""

    def __init__(self) -> None:
        self._rows = np.empty((256, syndication.NUM_PERM), dtype=_DTYPE)
        self._used = 0
        self._entries: dict[int, _Entry] = {}
        self._on: dict[dt.date, set[int]] = defaultdict(set)
        self._days: dict[dt.date, _Day] = {}

    def group(self, doc_id: int) -> int:
        """The syndication group of an indexed document."""
        return self._entries[doc_id].group

    def remember(
        self,
        doc_id: int,
        published: dt.date | None,
        group: int,
        signature: syndication.Signature,
    ) -> None:
        """Record (or replace) what syndication knows of ``doc_id``; undated ones are dropped.

        Documents too short to compare are kept out: ``find_original`` never picks them.
        """
        old = self._entries.pop(doc_id, None)
        if old is not None:
            self._on[old.published].discard(doc_id)
            self._days.pop(old.published, None)
        if published is None or signature.shingles < syndication.MIN_SHINGLES:
            return
        if self._used == len(self._rows):
            self._rows = np.concatenate([self._rows, np.empty_like(self._rows)])
        self._rows[self._used] = np.frombuffer(signature.hashvalues, dtype=_DTYPE)
        self._entries[doc_id] = _Entry(published, group, self._used, signature.shingles)
        self._on[published].add(doc_id)
        self._days.pop(published, None)
        self._used += 1

    def original(
        self, signature: syndication.Signature, published: dt.date | None, exclude: int | None
    ) -> int | None:
        """The indexed document (not ``exclude``) within the syndication window that
        ``signature`` copies, as ``syndication.find_original`` would choose it."""
        if published is None or signature.shingles < syndication.MIN_SHINGLES:
            return None
        reach = syndication.WINDOW_DAYS
        days = [
            self._day(published + dt.timedelta(days=offset)) for offset in range(-reach, reach + 1)
        ]
        found = [day for day in days if day is not None]
        if not found:
            return None
        ids = np.concatenate([day.ids for day in found])
        rows = np.concatenate([day.rows for day in found])
        theirs = np.concatenate([day.shingles for day in found])
        if exclude is not None:
            keep = ids != exclude
            ids, rows, theirs = ids[keep], rows[keep], theirs[keep]
        if len(ids) == 0:
            return None
        mine = np.frombuffer(signature.hashvalues, dtype=_DTYPE)
        # The arithmetic of ``syndication.containment``, operation for operation, so
        # scores at the threshold or tied fall the same way.
        jaccard = np.count_nonzero(self._rows[rows] == mine, axis=1) / float(len(mine))
        shared = jaccard * (signature.shingles + theirs) / (1 + jaccard)
        score = np.minimum(1.0, shared / np.minimum(float(signature.shingles), theirs))
        passing = np.flatnonzero(score >= syndication.CONTAINMENT_THRESHOLD)
        if len(passing) == 0:
            return None
        best = score[passing].max()
        return int(ids[passing][score[passing] == best].min())

    def _day(self, day: dt.date) -> _Day | None:
        """The documents published on ``day`` as arrays, or None if there are none."""
        cached = self._days.get(day)
        if cached is None:
            members = self._on.get(day)
            if not members:
                return None
            entries = [(doc_id, self._entries[doc_id]) for doc_id in members]
            cached = self._days[day] = _Day(
                np.array([doc_id for doc_id, _ in entries], dtype=np.int64),
                np.array([e.row for _, e in entries], dtype=np.intp),
                np.array([e.shingles for _, e in entries], dtype=np.float64),
            )
        return cached
