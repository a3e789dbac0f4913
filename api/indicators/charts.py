"""Horizontal bar charts as plain geometry for server-rendered SVG (no script, no library). Pure.

A suppressed value gets no bar and its "< 5" label, so a chart never shows more than the table next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.indicators.aggregate import Value

LABEL_WIDTH = 300
BAR_AREA = 360
MAX_LABEL = 38
ROW_HEIGHT = 28
BAR_HEIGHT = 18
MARGIN = 8


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its shown value, its geometry."""

    label: str
    shown: str
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    """A chart's accessible name and description, and its bars."""

    id: str
    title: str
    desc: str
    bars: list[Bar]
    width: int = LABEL_WIDTH + BAR_AREA + 60
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT + 2 * MARGIN


def shorten(label: str) -> str:
    """A label that fits left of the bars (the whole label is in the description and the tables)."""
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…"


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, Value]]) -> Chart:
    """Bars scaled to the largest published value; the description repeats every value with its whole label."""
    largest = max((value.value for _, value in items if value.value is not None), default=0.0)
    bars = [
        Bar(label=shorten(label), shown=value.shown, y=MARGIN + index * ROW_HEIGHT,
            width=round(BAR_AREA * value.value / largest) if value.value is not None and largest else 0)
        for index, (label, value) in enumerate(items)
    ]
    desc = "; ".join(f"{label} : {value.shown}" for label, value in items) or "Aucune donnée."
    return Chart(id=chart_id, title=title, desc=desc, bars=bars)
