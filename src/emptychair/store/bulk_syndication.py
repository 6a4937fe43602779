"""Syndication for a whole batch: every dated signature in memory, compared in one numpy step.

``reconcile.syndication.find_original`` scores candidates one Python call at a
time, which is fine for a few but not for the thousands a bulk batch meets
within a week. ``SignatureIndex`` keeps the signatures as rows of one array,
beside arrays of their documents' ids, days and shingle counts, so finding a
document's candidates is one comparison over the day column and scoring them
is the same arithmetic as ``containment``, in the same order, for all at once:
it picks the same original (best containment, ties to the lowest id).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from emptychair.reconcile import syndication

_DTYPE = np.dtype("<u4")


_GONE = np.iinfo(np.int64).min // 2
"""The day of a replaced row: further from every real day than any window."""


@dataclass(frozen=True)
class _Entry:
    group: int
    row: int


class SignatureIndex:
    """Dated documents with their syndication group and MinHash, a row each."""

    def __init__(self) -> None:
        self._rows = np.empty((256, syndication.NUM_PERM), dtype=_DTYPE)
        self._ids = np.empty(256, dtype=np.int64)
        self._days = np.empty(256, dtype=np.int64)
        self._shingles = np.empty(256, dtype=np.float64)
        self._used = 0
        self._entries: dict[int, _Entry] = {}

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
            self._days[old.row] = _GONE
        if published is None or signature.shingles < syndication.MIN_SHINGLES:
            return
        if self._used == len(self._ids):
            self._rows = np.concatenate([self._rows, np.empty_like(self._rows)])
            for name in ("_ids", "_days", "_shingles"):
                column = getattr(self, name)
                setattr(self, name, np.concatenate([column, np.empty_like(column)]))
        row = self._used
        self._rows[row] = np.frombuffer(signature.hashvalues, dtype=_DTYPE)
        self._ids[row] = doc_id
        self._days[row] = published.toordinal()
        self._shingles[row] = signature.shingles
        self._entries[doc_id] = _Entry(group, row)
        self._used += 1

    def original(
        self, signature: syndication.Signature, published: dt.date | None, exclude: int | None
    ) -> int | None:
        """The indexed document (not ``exclude``) within the syndication window that
        ``signature`` copies, as ``syndication.find_original`` would choose it."""
        if published is None or signature.shingles < syndication.MIN_SHINGLES:
            return None
        used = self._used
        rows = np.flatnonzero(
            np.abs(self._days[:used] - published.toordinal()) <= syndication.WINDOW_DAYS
        )
        if exclude is not None:
            rows = rows[self._ids[rows] != exclude]
        if len(rows) == 0:
            return None
        ids, theirs = self._ids[rows], self._shingles[rows]
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
