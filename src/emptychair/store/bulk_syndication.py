"""Syndication for a whole batch: every dated signature in memory, compared in one numpy step.

``reconcile.syndication.find_original`` scores candidates one Python call at a
time, which is fine for a few but not for the thousands a bulk batch meets
within a week. ``SignatureIndex`` keeps the signatures as rows of one array,
beside arrays of their documents' ids, days and shingle counts, so finding a
document's candidates is one comparison over the day column; the candidates of
the day last looked up are kept as contiguous arrays that grow as documents are
remembered (a feed's documents come a day at a time), and scoring them is the
same arithmetic as ``containment``, in the same order, for all at once: it picks
the same original (best containment, ties to the lowest id).

A document's group is needed only when its row is written, so the work can
leave the decision loop: ``BatchGroups`` takes each decided document's
signature as it comes and hands back every group at the end, either working
them out in place or (``GroupsInChild``) streaming the signatures to a child
process that works them out on the other core while the batch's claims are
placed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

import numpy as np

from emptychair.reconcile import syndication
from emptychair.store import bulk_child

_DTYPE = np.dtype("<u4")


_GONE = np.iinfo(np.int64).min // 2
"""The day of a replaced row: further from every real day than any window."""


_Array = TypeVar("_Array", bound=np.ndarray[Any, Any])


def _doubled(array: _Array) -> _Array:
    """``array`` with as many unused rows again after its own."""
    return np.concatenate([array, np.empty_like(array)])  # type: ignore[return-value]


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
        self._window: _Window | None = None

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
            self._window = None  # it may hold the old row
        if published is None or signature.shingles < syndication.MIN_SHINGLES:
            return
        if self._used == len(self._ids):
            self._rows, self._ids = _doubled(self._rows), _doubled(self._ids)
            self._days, self._shingles = _doubled(self._days), _doubled(self._shingles)
        row = self._used
        self._rows[row] = np.frombuffer(signature.hashvalues, dtype=_DTYPE)
        self._ids[row] = doc_id
        self._days[row] = published.toordinal()
        self._shingles[row] = signature.shingles
        self._entries[doc_id] = _Entry(group, row)
        self._used += 1
        window = self._window
        if window is not None and abs(window.day - self._days[row]) <= syndication.WINDOW_DAYS:
            window.add(self._rows[row], doc_id, signature.shingles)

    def original(
        self, signature: syndication.Signature, published: dt.date | None, exclude: int | None
    ) -> int | None:
        """The indexed document (not ``exclude``) within the syndication window that
        ``signature`` copies, as ``syndication.find_original`` would choose it."""
        if published is None or signature.shingles < syndication.MIN_SHINGLES:
            return None
        day = published.toordinal()
        window = self._window
        if window is None or window.day != day:
            window = self._window = self._open(day)
        ids, theirs, hashes = window.columns()
        if exclude is not None:
            keep = ids != exclude
            ids, theirs, hashes = ids[keep], theirs[keep], hashes[keep]
        if len(ids) == 0:
            return None
        mine = np.frombuffer(signature.hashvalues, dtype=_DTYPE)
        # The arithmetic of ``syndication.containment``, operation for operation, so
        # scores at the threshold or tied fall the same way.
        jaccard = np.count_nonzero(hashes == mine, axis=1) / float(len(mine))
        shared = jaccard * (signature.shingles + theirs) / (1 + jaccard)
        score = np.minimum(1.0, shared / np.minimum(float(signature.shingles), theirs))
        passing = np.flatnonzero(score >= syndication.CONTAINMENT_THRESHOLD)
        if len(passing) == 0:
            return None
        best = score[passing].max()
        return int(ids[passing][score[passing] == best].min())

    def _open(self, day: int) -> _Window:
        """The documents within the syndication window of ``day`` (an ordinal)."""
        used = self._used
        rows = np.flatnonzero(np.abs(self._days[:used] - day) <= syndication.WINDOW_DAYS)
        return _Window(day, self._rows[rows], self._ids[rows], self._shingles[rows])


class _Window:
    """The indexed documents within the syndication window of one day, in contiguous
    arrays that grow as documents are remembered: documents come in publication
    order, so consecutive lookups share a day, and scoring them needs no gather."""

    def __init__(
        self,
        day: int,
        hashes: np.ndarray[Any, np.dtype[np.uint32]],
        ids: np.ndarray[Any, np.dtype[np.int64]],
        shingles: np.ndarray[Any, np.dtype[np.float64]],
    ) -> None:
        self.day = day
        self._used = len(ids)
        room = max(64, 2 * self._used)
        self._hashes = np.empty((room, syndication.NUM_PERM), dtype=_DTYPE)
        self._ids = np.empty(room, dtype=np.int64)
        self._shingles = np.empty(room, dtype=np.float64)
        self._hashes[: self._used], self._ids[: self._used] = hashes, ids
        self._shingles[: self._used] = shingles

    def add(self, hashes: np.ndarray[Any, np.dtype[np.uint32]], doc_id: int, shingles: int) -> None:
        """One more document within the window."""
        if self._used == len(self._ids):
            self._hashes, self._ids = _doubled(self._hashes), _doubled(self._ids)
            self._shingles = _doubled(self._shingles)
        self._hashes[self._used], self._ids[self._used] = hashes, doc_id
        self._shingles[self._used] = shingles
        self._used += 1

    def columns(
        self,
    ) -> tuple[
        np.ndarray[Any, np.dtype[np.int64]],
        np.ndarray[Any, np.dtype[np.float64]],
        np.ndarray[Any, np.dtype[np.uint32]],
    ]:
        """Ids, shingle counts and MinHash rows of the documents in the window."""
        n = self._used
        return self._ids[:n], self._shingles[:n], self._hashes[:n]


Stored = tuple[int, dt.date, int, syndication.Signature]
"""A stored document syndication may meet: id, publication day, group, signature."""
Decided = tuple[int, dt.date | None, int | None, syndication.Signature]
"""A document the batch stores, in decision order: id, day, the id it replaces (a
correction may not copy what it corrects), signature."""


class BatchGroups(Protocol):
    """Where a batch's documents get their syndication groups."""

    def begin(self, stored: list[Stored]) -> None:
        """Start a batch that may meet these stored documents."""

    def decided(self, document: Decided) -> None:
        """A document the batch stores, in decision order."""

    def groups(self) -> dict[int, int]:
        """The group of every document decided since ``begin``, by id."""


class GroupsInPlace:
    """``BatchGroups`` worked out as each document is decided."""

    def __init__(self) -> None:
        self._index = SignatureIndex()
        self._groups: dict[int, int] = {}

    def begin(self, stored: list[Stored]) -> None:
        """Start a batch that may meet these stored documents."""
        self._index, self._groups = SignatureIndex(), {}
        for row in stored:
            self._index.remember(*row)

    def decided(self, document: Decided) -> None:
        """Work out this document's group now and remember it, so that later documents
        may copy it (``write.ingest``'s rule)."""
        doc_id, published, replaces, signature = document
        original = self._index.original(signature, published, replaces)
        group = doc_id if original is None else self._index.group(original)
        self._index.remember(doc_id, published, group, signature)
        self._groups[doc_id] = group

    def groups(self) -> dict[int, int]:
        """The groups worked out since ``begin``."""
        return self._groups


class GroupsInChild:
    """``BatchGroups`` worked out by a child process (``serve``), fed in chunks.

    A chunk travels as columns (ids, days, shingle counts, replaced ids, and the
    MinHash values joined into one byte string): pickling a signature object per
    document cost the parent more than the child saved it.
    """

    CHUNK = 250
    """Documents a message: small enough that the child starts early, large enough
    that pickling is not per document."""

    def __init__(self) -> None:
        self._child = bulk_child.ChildProcess(__name__)
        self._pending: list[Decided] = []

    def begin(self, stored: list[Stored]) -> None:
        """Start a batch in the child."""
        self._pending = []
        self._child.send(("begin", _columns(stored)), reply=False)

    def decided(self, document: Decided) -> None:
        """Queue this document; a full chunk goes to the child."""
        self._pending.append(document)
        if len(self._pending) >= self.CHUNK:
            self._flush()

    def groups(self) -> dict[int, int]:
        """Wait for the child's groups of this batch."""
        self._flush()
        self._child.send(("end", None))
        groups: dict[int, int] = self._child.receive()
        return groups

    def close(self) -> None:
        """End the child (at once if it still owes groups)."""
        self._child.close()

    def _flush(self) -> None:
        if self._pending:
            self._child.send(("decided", _columns(self._pending)), reply=False)
            self._pending = []


_Columns = tuple[list[int], list[dt.date | None], list[int], list[int | None], bytes]


def _columns(rows: list[Stored] | list[Decided]) -> _Columns:
    """Stored or decided documents as columns: ids, days, shingle counts, the fourth
    field (a stored document's group, a decided one's replaced id), MinHash bytes."""
    ids, days, fourth, signatures = (
        (list(column) for column in zip(*rows, strict=True)) if rows else ([], [], [], [])
    )
    return (
        ids,
        days,
        [s.shingles for s in signatures],
        fourth,
        b"".join(s.hashvalues for s in signatures),
    )


def _rows(columns: _Columns) -> Iterator[Decided]:
    """``_columns`` back to rows (a stored document's group in a decided one's place)."""
    ids, days, shingles, fourth, joined = columns
    width = len(joined) // len(ids) if ids else 0
    for n, (doc_id, day, count, other) in enumerate(zip(ids, days, shingles, fourth, strict=True)):
        yield doc_id, day, other, syndication.Signature(joined[n * width : (n + 1) * width], count)


def serve() -> None:
    """The child's side of ``GroupsInChild``."""
    place = GroupsInPlace()

    def handle(request: tuple[str, Any]) -> tuple[bool, Any]:
        kind, payload = request
        if kind == "begin":
            place.begin(cast(list[Stored], list(_rows(payload))))
        elif kind == "decided":
            for document in _rows(payload):
                place.decided(document)
        else:
            return True, place.groups()
        return False, None

    bulk_child.serve(handle)
