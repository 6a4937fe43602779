"""The data that flows through emptychair: documents in, claims out.

Field names and vocabularies follow ``shared/corpus/FORMAT.md``, the contract
between the extractor, its evaluation and every data file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Status = Literal["attend", "absent", "virtual"]
Certainty = Literal["reported", "expected", "possible"]
Role = Literal[
    "leader",
    "foreign_minister",
    "defence_minister",
    "finance_minister",
    "minister",
    "deputy",
    "ambassador",
    "official",
]
SourceKind = Literal["named", "anonymous"]

STATUSES: tuple[str, ...] = get_args(Status)
CERTAINTIES: tuple[str, ...] = get_args(Certainty)
ROLES: tuple[str, ...] = get_args(Role)

# Firmer certainty wins when one document speaks twice of the same claim.
CERTAINTY_RANK = {"possible": 0, "expected": 1, "reported": 2}


@dataclass(frozen=True)
class Document:
    """One report to read: a news article, a press release or an official record."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Build a document from the FORMAT.md JSON shape; gold ``claims`` are ignored."""
        if not isinstance(data, dict):
            raise ValueError("a document must be a JSON object")
        doc_id = data.get("id")
        text = data.get("text")
        if not isinstance(doc_id, str | int) or str(doc_id) == "":
            raise ValueError("missing 'id'")
        if not isinstance(text, str):
            raise ValueError(f"document {doc_id}: 'text' must be a string")
        published = data.get("published")
        title = data.get("title")
        return cls(
            id=str(doc_id),
            text=text,
            published=parse_day(published) if published else None,
            title=title if isinstance(title, str) else None,
            url=data.get("url") if isinstance(data.get("url"), str) else None,
            outlet=data.get("outlet") if isinstance(data.get("outlet"), str) else None,
        )


def content_hash(document: Document) -> str:
    """SHA-256 of the title and text, whitespace-normalised: what "same content" means."""
    body = " ".join((document.title or "").split()) + "\n" + " ".join(document.text.split())
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Source:
    """Who a document says a claim comes from."""

    kind: SourceKind
    descriptor: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "descriptor": self.descriptor}


@dataclass(frozen=True)
class Claim:
    """One statement, in one document, about whether one actor takes part in one meeting."""

    person: str | None
    country: str | None
    role: Role
    forum: str
    meeting_date: str | None
    status: Status
    certainty: Certainty
    representative: str | None = None
    sources: tuple[Source, ...] = ()
    evidence: str = ""
    # Character offsets of ``evidence`` in the document text, when it is one span.
    evidence_start: int | None = field(default=None, compare=False)
    evidence_end: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The FORMAT.md claim object (evidence offsets are kept out of the interchange)."""
        return {
            "person": self.person,
            "country": self.country,
            "role": self.role,
            "forum": self.forum,
            "meeting_date": self.meeting_date,
            "status": self.status,
            "certainty": self.certainty,
            "representative": self.representative,
            "sources": [s.to_dict() for s in self.sources],
            "evidence": self.evidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """Read a FORMAT.md claim object (gold or extractor output)."""
        return cls(
            person=data.get("person"),
            country=data.get("country"),
            role=data["role"],
            forum=data["forum"],
            meeting_date=data.get("meeting_date"),
            status=data["status"],
            certainty=data["certainty"],
            representative=data.get("representative"),
            sources=tuple(
                Source(kind=s["kind"], descriptor=s["descriptor"]) for s in data.get("sources", [])
            ),
            evidence=data.get("evidence") or "",
        )


def parse_day(value: object) -> dt.date:
    """Parse a ``YYYY-MM-DD`` publication date, with a clear error otherwise."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"published {value!r} is not YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"published {value!r} is not YYYY-MM-DD") from None
