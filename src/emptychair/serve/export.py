"""CSV export of any list the API returns: one row per item, nested values flattened."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel

# Spreadsheets run cells starting with these as formulas; a quote makes them text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, BaseModel):
        return value.model_dump()
    return value


def _cell(value: Any) -> str:
    """One CSV cell: sources as "kind: descriptor; ...", other nested values as JSON."""
    if value is None:
        return ""
    if isinstance(value, list | tuple) and all(
        isinstance(v, dict) and set(v) == {"kind", "descriptor"} for v in value
    ):
        text = "; ".join(f"{v['kind']}: {v['descriptor']}" for v in value)
    elif isinstance(value, list | tuple | dict):
        text = json.dumps(value, default=str, ensure_ascii=False)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(items: Iterable[Any]) -> str:
    """The items (dataclasses, models or dicts) as CSV text with a header row."""
    rows: Sequence[dict[str, Any]] = [_plain(item) for item in items]
    buffer = io.StringIO()
    fields = list(rows[0]) if rows else ["empty"]
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in fields})
    return buffer.getvalue()


def csv_response(items: Iterable[Any], name: str) -> Response:
    """A CSV download named ``<name>.csv``."""
    return Response(
        to_csv(items),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )
