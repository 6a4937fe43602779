"""Score extracted attendance claims against gold claims.

The rules are those of "Scoring" in ``shared/corpus/FORMAT.md``: a predicted claim
matches a gold claim of the same document when ``forum``, ``status`` and ``country``
are equal and the actors agree (same surname, or, for a gold claim without a
``person``, the same ``role``). Each gold claim matches at most one prediction.
Precision, recall and F1 count matches over all documents; over the matched pairs
four field accuracies are reported: ``certainty``, ``representative``,
``meeting_date`` (month only, where gold has a date) and the number of anonymous
sources.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from emptychair.model import Claim, Document

ErrorKind = Literal["missed", "spurious", "field"]

# The secondary fields, in report order; each gives one accuracy over matched pairs.
FIELDS: tuple[str, ...] = ("certainty", "representative", "meeting_date", "anonymous")


def surname(name: str | None) -> str | None:
    """The comparable surname of a name: last token, case- and accent-folded.

    ``None`` for a missing or blank name. Deliberately no fuzzing: "Zelensky" and
    "Zelenskyy" are different surnames.
    """
    if name is None:
        return None
    tokens = name.split()
    if not tokens:
        return None
    decomposed = unicodedata.normalize("NFKD", tokens[-1])
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def anonymous_count(claim: Claim) -> int:
    """How many of the claim's sources are anonymous."""
    return sum(1 for s in claim.sources if s.kind == "anonymous")


def claims_match(gold: Claim, predicted: Claim) -> bool:
    """Whether ``predicted`` may be matched to ``gold`` (FORMAT.md "Scoring")."""
    if (gold.forum, gold.status, gold.country) != (
        predicted.forum,
        predicted.status,
        predicted.country,
    ):
        return False
    gold_surname = surname(gold.person)
    if gold_surname is None:
        return gold.role == predicted.role
    # A named gold actor needs a named prediction: a role alone is not enough.
    return gold_surname == surname(predicted.person)


def field_counted(gold: Claim, field: str) -> bool:
    """Whether a matched pair counts towards ``field``'s accuracy.

    Only ``meeting_date`` is conditional: it is judged where gold has a date.
    """
    return field != "meeting_date" or gold.meeting_date is not None


def field_agrees(gold: Claim, predicted: Claim, field: str) -> bool:
    """Whether a matched pair agrees on one secondary field (see ``FIELDS``)."""
    if field == "certainty":
        return gold.certainty == predicted.certainty
    if field == "representative":
        return surname(gold.representative) == surname(predicted.representative)
    if field == "meeting_date":
        if gold.meeting_date is None or predicted.meeting_date is None:
            return gold.meeting_date == predicted.meeting_date
        return gold.meeting_date[:7] == predicted.meeting_date[:7]
    if field == "anonymous":
        return anonymous_count(gold) == anonymous_count(predicted)
    raise ValueError(f"unknown field {field!r}")


def field_value(claim: Claim, field: str) -> str:
    """A field's value as it is shown in an error line."""
    if field == "anonymous":
        return str(anonymous_count(claim))
    value = getattr(claim, field)
    return "none" if value is None else str(value)


def describe_claim(claim: Claim) -> str:
    """A claim in one line: actor, country, role, status, forum and date."""
    return " ".join(
        [
            claim.person or "(unnamed)",
            claim.country or "?",
            claim.role,
            claim.status,
            claim.forum,
            claim.meeting_date or "(no date)",
        ]
    )


@dataclass(frozen=True)
class ErrorItem:
    """One disagreement between gold and prediction.

    ``missed``: a gold claim with no matching prediction (``predicted`` is None);
    ``spurious``: a prediction matching no gold claim (``gold`` is None);
    ``field``: a matched pair that differs on ``field``.
    """

    doc_id: str
    kind: ErrorKind
    field: str | None
    gold: Claim | None
    predicted: Claim | None

    def describe(self) -> str:
        """One readable line, e.g. ``a05 field certainty: gold expected, predicted reported``."""
        if self.kind == "missed" and self.gold is not None:
            return f"{self.doc_id} missed: {describe_claim(self.gold)}"
        if self.kind == "spurious" and self.predicted is not None:
            return f"{self.doc_id} spurious: {describe_claim(self.predicted)}"
        if (
            self.kind == "field"
            and self.field is not None
            and self.gold is not None
            and self.predicted is not None
        ):
            actor = self.gold.person or f"{self.gold.role} {self.gold.country or '?'}"
            return (
                f"{self.doc_id} field {self.field}: gold {field_value(self.gold, self.field)}, "
                f"predicted {field_value(self.predicted, self.field)} ({actor})"
            )
        raise ValueError(f"inconsistent error item: {self!r}")


@dataclass(frozen=True)
class Scores:
    """Totals over a set of documents.

    Each field accuracy is ``<field>_correct / <field>_total``; it is 0.0 when its
    total is 0 (nothing matched, or no matched gold claim has a date), so read it
    together with the total.
    """

    documents: int
    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    certainty: float
    representative: float
    meeting_date: float
    anonymous: float
    certainty_correct: int
    certainty_total: int
    representative_correct: int
    representative_total: int
    meeting_date_correct: int
    meeting_date_total: int
    anonymous_correct: int
    anonymous_total: int

    def to_dict(self) -> dict[str, Any]:
        """All fields as a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class Evaluation:
    """Scores with the error items behind them, grouped by document."""

    scores: Scores
    errors: tuple[ErrorItem, ...]


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _max_weight_assignment(weights: list[list[int]]) -> list[int]:
    """For a square matrix of non-negative weights, the column assigned to each row.

    The Hungarian algorithm (O(n^3), potentials form) on costs ``-weight``.
    """
    n = len(weights)
    inf = float("inf")
    # 1-indexed potentials; column 0 is the algorithm's virtual start column.
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    row_of = [0] * (n + 1)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        row_of[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0 = row_of[j0]
            delta = inf
            j1 = 0
            for j in range(1, n + 1):
                if used[j]:
                    continue
                cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j] = cur
                    way[j] = j0
                if minv[j] < delta:
                    delta = minv[j]
                    j1 = j
            for j in range(n + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if row_of[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    assignment = [0] * n
    for j in range(1, n + 1):
        assignment[row_of[j] - 1] = j - 1
    return assignment


def match_claims(gold: Sequence[Claim], predicted: Sequence[Claim]) -> list[tuple[int, int]]:
    """Pairs ``(gold index, predicted index)`` of an optimal one-to-one matching.

    The matching has the most pairs possible; among those, the most agreement on
    the secondary fields. Both goals go into one weight per candidate pair:
    ``bonus + agreements``, where ``bonus`` exceeds the largest total of agreements
    any matching can reach, so one more pair always outweighs any agreement.
    """
    candidates = {
        (i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted) if claims_match(g, p)
    }
    if not candidates:
        return []
    bonus = len(FIELDS) * min(len(gold), len(predicted)) + 1
    size = max(len(gold), len(predicted))
    # Padding rows/columns and non-candidates weigh 0, so they never displace a pair.
    weights = [[0] * size for _ in range(size)]
    for i, j in candidates:
        agreements = sum(
            field_agrees(gold[i], predicted[j], f) for f in FIELDS if field_counted(gold[i], f)
        )
        weights[i][j] = bonus + agreements
    assignment = _max_weight_assignment(weights)
    return sorted((i, j) for i, j in enumerate(assignment) if (i, j) in candidates)


def score(
    gold: Mapping[str, Sequence[Claim]], predicted: Mapping[str, Sequence[Claim]]
) -> Evaluation:
    """Score predicted claims against gold claims, both keyed by document id.

    A document present on one side only counts with no claims on the other.
    Errors come grouped by document (gold order, then documents only predicted);
    within a document, in gold order, then spurious predictions in their order.
    """
    doc_ids = list(gold) + [d for d in predicted if d not in gold]
    correct = dict.fromkeys(FIELDS, 0)
    total = dict.fromkeys(FIELDS, 0)
    errors: list[ErrorItem] = []
    n_gold = n_predicted = n_matched = 0
    for doc_id in doc_ids:
        golds = gold.get(doc_id, ())
        preds = predicted.get(doc_id, ())
        n_gold += len(golds)
        n_predicted += len(preds)
        pairs = dict(match_claims(golds, preds))
        n_matched += len(pairs)
        for i, g in enumerate(golds):
            if i not in pairs:
                errors.append(ErrorItem(doc_id, "missed", None, g, None))
                continue
            p = preds[pairs[i]]
            for f in FIELDS:
                if not field_counted(g, f):
                    continue
                total[f] += 1
                if field_agrees(g, p, f):
                    correct[f] += 1
                else:
                    errors.append(ErrorItem(doc_id, "field", f, g, p))
        matched_preds = set(pairs.values())
        errors.extend(
            ErrorItem(doc_id, "spurious", None, None, p)
            for j, p in enumerate(preds)
            if j not in matched_preds
        )
    precision = _ratio(n_matched, n_predicted)
    recall = _ratio(n_matched, n_gold)
    f1 = _ratio(2 * n_matched, n_gold + n_predicted)  # = 2PR / (P + R)
    scores = Scores(
        documents=len(doc_ids),
        gold=n_gold,
        predicted=n_predicted,
        matched=n_matched,
        precision=precision,
        recall=recall,
        f1=f1,
        certainty=_ratio(correct["certainty"], total["certainty"]),
        representative=_ratio(correct["representative"], total["representative"]),
        meeting_date=_ratio(correct["meeting_date"], total["meeting_date"]),
        anonymous=_ratio(correct["anonymous"], total["anonymous"]),
        certainty_correct=correct["certainty"],
        certainty_total=total["certainty"],
        representative_correct=correct["representative"],
        representative_total=total["representative"],
        meeting_date_correct=correct["meeting_date"],
        meeting_date_total=total["meeting_date"],
        anonymous_correct=correct["anonymous"],
        anonymous_total=total["anonymous"],
    )
    return Evaluation(scores=scores, errors=tuple(errors))


def _read_labelled(path: Path) -> list[tuple[Document, list[Claim]]]:
    """Documents and their gold claims from a labelled JSONL file."""
    rows: list[tuple[Document, list[Claim]]] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                document = Document.from_dict(data)
                raw_claims = data.get("claims")
                if not isinstance(raw_claims, list):
                    raise ValueError("'claims' must be a list in a labelled file")
                claims = [Claim.from_dict(c) for c in raw_claims]
                if document.id in seen:
                    raise ValueError(f"duplicate document id {document.id!r}")
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                # json.JSONDecodeError is a ValueError; the others come from bad claim shapes.
                raise ValueError(f"{path}:{lineno}: malformed line: {exc}") from exc
            seen.add(document.id)
            rows.append((document, claims))
    return rows


def evaluate_file(
    path: str | Path, extractor: Callable[[Document], list[Claim]] | None = None
) -> Evaluation:
    """Run ``extractor`` over a labelled JSONL file and score it against the gold claims.

    The extractor receives ``Document`` objects, which carry no gold claims.
    ``extractor`` defaults to ``emptychair.extract.extract``. Raises ``ValueError``
    naming the file and line for a malformed line, before anything is extracted.
    """
    if extractor is None:
        # Imported here so scoring alone does not load the extraction pipeline.
        from emptychair.extract import extract

        extractor = extract
    rows = _read_labelled(Path(path))
    gold = {document.id: claims for document, claims in rows}
    predicted = {document.id: extractor(document) for document, _ in rows}
    return score(gold, predicted)


def format_report(evaluation: Evaluation, errors: bool = False) -> str:
    """The scores as human-readable text; with ``errors``, one line per error item."""
    s = evaluation.scores
    accuracies = "  ".join(
        f"{f} {getattr(s, f):.3f} ({getattr(s, f + '_correct')}/{getattr(s, f + '_total')})"
        for f in FIELDS
    )
    lines = [
        f"documents {s.documents}  gold {s.gold}  predicted {s.predicted}  matched {s.matched}",
        f"precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}",
        accuracies,
    ]
    if errors:
        lines.append("")
        lines.extend(item.describe() for item in evaluation.errors)
    return "\n".join(lines)
