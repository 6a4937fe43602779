"""Many documents at once (``extract.batch.extract_paths``): order kept, failures reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from emptychair.extract.batch import Extraction, extract_paths
from emptychair.sources import ReadError

SKIP = (
    "Argentine President Javier Milei will skip the G20 summit in Johannesburg next week, "
    "his office said."
)


def test_text_file_and_jsonl_in_input_order(tmp_path: Path) -> None:
    txt = tmp_path / "milei.txt"
    txt.write_text(SKIP + "\n", encoding="utf-8")
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text(
        json.dumps({"id": "j1", "published": "2025-11-14", "text": SKIP})
        + "\n{broken\n"
        + json.dumps({"id": "j3", "published": "2025-11-14", "text": "Rain in Lima."})
        + "\n",
        encoding="utf-8",
    )
    items = list(extract_paths([txt, jsonl], published=dt.date(2025, 11, 14)))
    assert [type(i) for i in items] == [Extraction, Extraction, ReadError, Extraction]
    first, second, error, fourth = items
    assert isinstance(first, Extraction) and isinstance(second, Extraction)
    assert first.document.id == "milei.txt"
    assert [(c.person, c.status, c.meeting_date) for c in first.claims] == [
        ("Javier Milei", "absent", "2025-11")
    ]
    assert [c.person for c in second.claims] == ["Javier Milei"]
    assert isinstance(error, ReadError)
    assert (error.path, error.line) == (str(jsonl), 2)
    assert isinstance(fourth, Extraction) and fourth.claims == []


def test_to_json_is_the_format_output_line(tmp_path: Path) -> None:
    txt = tmp_path / "milei.txt"
    txt.write_text(SKIP, encoding="utf-8")
    [item] = list(extract_paths([txt], published=dt.date(2025, 11, 14)))
    assert isinstance(item, Extraction)
    row = json.loads(item.to_json())
    assert set(row) == {"id", "claims"}
    [claim] = row["claims"]
    assert claim["forum"] == "g20-summit"
    assert claim["sources"] == [{"kind": "named", "descriptor": "his office"}]
