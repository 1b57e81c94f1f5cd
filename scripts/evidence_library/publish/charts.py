"""Small charts drawn at build time as inline SVG, each with its numbers as a table. Pure: no I/O.

A chart is a `<figure>`: the SVG (`role="img"`, named by the caption), the
caption, and a `<details>` holding a `<table>` of the same numbers, so a
reader who cannot see the picture, or would rather read, has every figure.
Colours come from Material's CSS variables, so the charts follow the light
and dark schemes; nothing runs in the reader's browser.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 600, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 40  # room for the axes' labels
MAX_LABELS = 16  # more bars than this: label every second (third…) one
AGE_BINS = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 5), (6, 10), (11, 20), (21, None))


@dataclass(frozen=True)
class Chart:
    """A bar chart: an id unique on its page, a caption, and (label, value) bars in order."""

    chart_id: str
    caption: str
    bars: tuple[tuple[str, int], ...]
    label_heading: str  # the table's first column, e.g. "Year"
    value_heading: str  # its second, e.g. "Responses"


def counts_per_year(years: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """'2012', '2014', '2012' -> (2012, 2), (2013, 0), (2014, 1): every year between, so gaps show."""
    counted = Counter(year for year in years if len(year) == 4 and year.isdigit())
    if not counted:
        return ()
    first, last = int(min(counted)), int(max(counted))
    return tuple((str(year), counted.get(str(year), 0)) for year in range(first, last + 1))


def _bin_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low}–{high}"


def age_histogram(ages: Iterable[int]) -> tuple[tuple[str, int], ...]:
    """Years between a work and the response citing it, counted in bins (0, 1, 2, 3, 4–5, 6–10, …)."""
    counts = [0] * len(AGE_BINS)
    for age in ages:
        age = max(age, 0)  # a work dated after the response (a later edition) counts as new
        index = next(
            i for i, (low, high) in enumerate(AGE_BINS) if age >= low and (high is None or age <= high)
        )
        counts[index] += 1
    return tuple((_bin_label(low, high), count) for (low, high), count in zip(AGE_BINS, counts, strict=True))


def _ticks(top: int) -> list[int]:
    """Round values from 0 to at least `top` for the value axis, at most five of them."""
    steps = (step * 10**power for power in range(12) for step in (1, 2, 5))
    step = next(step for step in steps if step * 4 >= top)
    return list(range(0, top + step, step)) if top % step else list(range(0, top + 1, step))


def _bars_svg(chart: Chart) -> list[str]:
    top = max((value for _, value in chart.bars), default=0)
    ticks = _ticks(top)
    scale_top = ticks[-1] or 1
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(chart.bars)
    every = -(-len(chart.bars) // MAX_LABELS)  # ceiling division
    parts = []
    for tick in ticks:
        y = TOP + plot_height - plot_height * tick / scale_top
        parts.append(
            f'<line class="evidence-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for index, (label, value) in enumerate(chart.bars):
        height = plot_height * value / scale_top
        x = LEFT + index * slot + slot * 0.15
        y = TOP + plot_height - height
        parts.append(
            f'<rect class="evidence-chart__bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{height:.1f}"/>'
        )
        if index % every == 0:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
                f"{html.escape(label)}</text>"
            )
    return parts


def _table(chart: Chart) -> str:
    rows = "".join(f"<tr><td>{html.escape(label)}</td><td>{value}</td></tr>" for label, value in chart.bars)
    head = f'<tr><th scope="col">{html.escape(chart.label_heading)}</th>'
    head += f'<th scope="col">{html.escape(chart.value_heading)}</th></tr>'
    return f'<table class="evidence-chart__table"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def render_chart(chart: Chart) -> str:
    """The chart as one block of HTML, without blank lines, so Markdown passes it through whole."""
    if not chart.bars:
        return ""
    caption_id = f"{chart.chart_id}-caption"
    total = sum(value for _, value in chart.bars)
    peak_label, peak = max(chart.bars, key=lambda bar: bar[1])  # the first of equal peaks
    summary = (
        f"{chart.value_heading}: {total} in all, from {chart.bars[0][0]} to {chart.bars[-1][0]}; "
        f"the most, {peak}, in {peak_label}."
    )
    svg = (
        f'<svg class="evidence-chart__picture" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{caption_id}" aria-describedby="{chart.chart_id}-summary" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        + "".join(_bars_svg(chart))
        + "</svg>"
    )
    return (
        f'<figure class="evidence-chart" id="{chart.chart_id}">'
        + svg
        + f'<figcaption id="{caption_id}">{html.escape(chart.caption)}</figcaption>'
        + f'<p class="evidence-chart__summary" id="{chart.chart_id}-summary">{html.escape(summary)}</p>'
        + f"<details><summary>The numbers</summary>{_table(chart)}</details>"
        + "</figure>"
    )


def render_charts(charts: Sequence[Chart]) -> str:
    return "\n\n".join(text for text in (render_chart(c) for c in charts) if text)
