"""Near-duplicate documents: copies of one wire story, found with MinHash over word shingles.

Plain Jaccard similarity misses a wire story quoted whole inside a longer piece
(the long piece dilutes it), so documents are compared by *containment* of the
smaller in the larger, estimated from the MinHash Jaccard and the two shingle
counts: ``|A ∩ B| = J (|A| + |B|) / (1 + J)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

SHINGLE_WORDS = 5
NUM_PERM = 256
CONTAINMENT_THRESHOLD = 0.7
MIN_SHINGLES = 25
"""Documents shorter than this many shingles are never called copies: too little to tell."""
WINDOW_DAYS = 7
"""Copies of a wire story appear within this many days of each other."""

_WORD = re.compile(r"\w+")
_DTYPE = np.dtype("<u4")


@dataclass(frozen=True)
class Signature:
    """A document's MinHash and the number of distinct shingles behind it."""

    hashvalues: bytes
    shingles: int


@cache
def _template() -> MinHash:
    """An empty MinHash whose permutations every signature shares (built once)."""
    # Imported here: datasketch loads SciPy (about a second), which only hashing needs.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1)


def shingles(text: str) -> set[str]:
    """The distinct word ``SHINGLE_WORDS``-grams of ``text``, case-folded."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``."""
    grams = shingles(text)
    minhash = _template().copy()
    if grams:
        minhash.update_batch([g.encode("utf-8") for g in grams])
    values = np.asarray(minhash.hashvalues).astype(_DTYPE)
    return Signature(hashvalues=values.tobytes(), shingles=len(grams))


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller document's shingles found in the other."""
    smaller = min(a.shingles, b.shingles)
    if smaller == 0:
        return 0.0
    left = np.frombuffer(a.hashvalues, dtype=_DTYPE)
    right = np.frombuffer(b.hashvalues, dtype=_DTYPE)
    jaccard = float(np.count_nonzero(left == right)) / len(left)
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return min(1.0, shared / smaller)


def find_original(document: Signature, earlier: Iterable[tuple[int, Signature]]) -> int | None:
    """The id of the earlier document ``document`` copies (or is copied in), if any.

    The best-contained match wins; ties go to the earliest id.
    """
    if document.shingles < MIN_SHINGLES:
        return None
    best: tuple[float, int] | None = None
    for doc_id, other in earlier:
        if other.shingles < MIN_SHINGLES:
            continue
        score = containment(document, other)
        if score >= CONTAINMENT_THRESHOLD and (best is None or (-score, doc_id) < best):
            best = (-score, doc_id)
    return None if best is None else best[1]
