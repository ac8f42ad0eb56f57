"""Bar charts drawn at build time: the geometry of an inline SVG that a template draws.

No chart library, no script and no other host: a chart is a few ``<text>`` and ``<rect>``
elements whose places are computed here and drawn by ``templates/m4c/_charts.html``. The SVG
has no ``viewBox``: its lengths are in ``em`` (of its own font size) and its bars' widths in
percent of its width, so its text stays at the page's reading size at any width (a scaled
``viewBox`` would shrink it to a few pixels on a phone) and follows the reader's font size.
Each bar's text — its number, then its label — stands on its own lines above the bar, wrapped
at ``WRAP`` characters, so that a long label never runs out of a 360 px screen.

Figures (December 2026, a chart of 10 themes, the longest label 32 characters): its SVG is 2.0 KB
of HTML (0.5 KB gzipped), 3.2 KB with its table, which is what a screen reader reads; pygal
3.1.3's SVG alone is 20.6 KB (4.0 KB gzipped) with a script loaded from another host (16.4 KB
without it), vl-convert-python 1.9's 11.1 KB (1.4 KB gzipped) after an 84 MB install and a
0.5 s first render; both scale a fixed viewBox (their text shrinks on a phone) and fix their
colours (vl-convert paints a white background, which a dark scheme cannot change).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

WRAP = 34
"""Characters on one line of a bar's text: about 260 px at the chart's font size, inside the
328 px a 360 px screen leaves for the content."""
LINE = 1.3
"""Height of a line of text, in em."""
BAR = 0.85
"""Height of a bar, in em."""
GAP = 0.35
"""Between a bar's text and the bar, in em."""
ROW_GAP = 0.75
"""Between a bar and the next bar's text, in em."""
DESCENT = 0.3
"""From a line's bottom up to its baseline, in em."""


@dataclass(frozen=True)
class Bar:
    """One bar: its number, its label's lines, and where they stand (lengths in em)."""

    value: int
    value_text: str
    """The number as the page's language writes it ('1 234')."""
    lines: tuple[str, ...]
    """The label's lines: the first follows the number on its line."""
    baselines: tuple[float, ...]
    """The baseline of each line."""
    y: float
    """The bar's top."""
    width: float
    """The bar's width, in percent of the chart's (the largest value 100)."""


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    height: float
    """The chart's height, in em."""
    bar_height: float = BAR


def bar_chart(rows: Sequence[tuple[str, int, str]]) -> BarChart:
    """The geometry of a horizontal bar chart of ``rows``: (label, value, value as text) each, in
    the order given; every bar is scaled to the largest value."""
    top = 0.0
    largest = max((value for _, value, _ in rows), default=0)
    bars = []
    for label, value, value_text in rows:
        # the number comes first on the first line: the label's first line is shorter by it
        indent = " " * (len(value_text) + 1)
        lines = textwrap.wrap(label, WRAP, initial_indent=indent, break_long_words=False) or [indent]
        lines[0] = lines[0][len(indent):]
        baselines = tuple(round(top + LINE * (i + 1) - DESCENT, 2) for i in range(len(lines)))
        y = round(top + LINE * len(lines) + GAP - DESCENT, 2)
        width = round(100 * value / largest, 2) if largest else 0.0
        bars.append(Bar(value, value_text, tuple(lines), baselines, y, width))
        top = y + BAR + ROW_GAP
    return BarChart(tuple(bars), round(max(top - ROW_GAP, 0.0), 2))
