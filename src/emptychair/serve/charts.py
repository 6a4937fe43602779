"""Server-rendered SVG charts: representation level over time, readable without colour.

Every text that comes from the store is escaped; numbers are formatted here.
Each point carries a shape per level and a <title> tooltip, and the page shows
the same data as a table beside the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from emptychair.serve.board import LEVELS
from emptychair.serve.country import Point

WIDTH = 640
ROW = 22
LEFT = 90
TOP = 12
BOTTOM = 34
RIGHT = 16


def level_chart(forum: str, points: Sequence[Point]) -> Markup:
    """A step chart of the level sent to each meeting of ``forum`` (unknown ones left out)."""
    known = [p for p in points if p.level is not None]
    height = TOP + ROW * (len(LEVELS) - 1) + BOTTOM
    span = WIDTH - LEFT - RIGHT
    step = span / max(1, len(known) - 1)

    def y(level: str) -> float:
        return TOP + ROW * (len(LEVELS) - 1 - LEVELS.index(level))

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(forum)}: representation level at each meeting" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(forum)}: representation level over time</title>",
    ]
    for level in LEVELS:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(level):.1f}" y2="{y(level):.1f}" '
            f'class="grid"/><text x="{LEFT - 6}" y="{y(level) + 4:.1f}" text-anchor="end" '
            f'class="axis">{escape(level)}</text>'
        )
    coords = [
        (LEFT + i * step if len(known) > 1 else LEFT + span / 2, y(p.level or "absent"))
        for i, p in enumerate(known)
    ]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in coords)
        parts.append(f'<polyline points="{path}" class="line"/>')
    for (x, yy), point in zip(coords, known, strict=True):
        tip = escape(f"{point.meeting}: {point.label} — {point.detail}")
        parts.append(
            f'<g class="point {escape(point.status)}"><title>{tip}</title>'
            f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="5"/></g>'
        )
    for index in sorted({0, len(known) - 1}) if known else []:
        x, _ = coords[index]
        anchor = "start" if index == 0 and len(known) > 1 else "end" if index else "middle"
        parts.append(
            f'<text x="{x:.1f}" y="{height - 10}" text-anchor="{anchor}" class="axis">'
            f"{escape(known[index].date.isoformat())}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
