"""A cumulative held-versus-planned line chart drawn as SVG on the server (no script)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from daihoi.campaigns.progress import SeriesPoint

WIDTH, HEIGHT, PAD = 720, 240, 36


@dataclass(frozen=True)
class Chart:
    planned: str  # SVG polyline points
    held: str
    today_x: float | None
    top: int
    first: dt.date
    last: dt.date
    width: int = WIDTH
    height: int = HEIGHT
    pad: int = PAD


def cumulative_chart(points: list[SeriesPoint], as_of: dt.date) -> Chart | None:
    """Scale the cumulative series into the chart's box; None when there is nothing to draw."""
    if not points:
        return None
    first, last = points[0].day, points[-1].day
    span = max((last - first).days, 1)
    top = max(max(p.planned for p in points), max(p.held for p in points), 1)

    def x(day: dt.date) -> float:
        return PAD + (WIDTH - 2 * PAD) * (day - first).days / span

    def y(value: int) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / top

    def line(attr: str) -> str:
        # A step line: the count holds until the next day with congresses.
        coords: list[str] = []
        previous = 0
        for point in points:
            value = getattr(point, attr)
            coords.append(f"{x(point.day):.1f},{y(previous):.1f}")
            coords.append(f"{x(point.day):.1f},{y(value):.1f}")
            previous = value
        return " ".join(coords)

    today = x(as_of) if first <= as_of <= last else None
    return Chart(line("planned"), line("held"), today, top, first, last)
