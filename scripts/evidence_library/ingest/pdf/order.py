"""A page's lines -> regions in reading order, by recursive XY-cut.

A region whose lines leave a vertical band of white space from its top to its
bottom (a gutter at least `MIN_GUTTER` of the type size wide) is cut there
into columns, read left to right. Otherwise it is cut across: into strips
between which no line overlaps. A strip with a line wider than
`SPANNING` of the region (a title, a footnote set across the page) stands
alone; consecutive strips of narrower lines are put back together, so that
columns whose paragraph breaks happen to line up are not cut into slices.
Each part is cut again in the same way; a region that cannot be cut is read
top to bottom. A text box or sidebar beside the text is one column of its
region, so it is read whole, after the text beside it.

The cost is about n log n per level of cuts, and the levels are few.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from evidence_library.ingest.pdf.boxes import TextLine, body_size, box_of

MIN_GUTTER = 0.7  # of the body type size (LaTeX sets two columns 10 pt apart)
SPANNING = 0.6  # of the region's width: a line this wide crosses any column gutter
MAX_CROSSING = 0.1  # of a region's lines: at most this many may cross a column gutter
MIN_SIDE = 3
MAX_DEPTH = 12


def column_cuts(lines: Sequence[TextLine], gutter: float) -> list[list[TextLine]]:
    """The lines split at every vertical band of white space at least `gutter` wide, left to right."""
    ordered = sorted(lines, key=lambda line: line.x0)
    columns: list[list[TextLine]] = []
    right = float("-inf")
    for line in ordered:
        if not columns or line.x0 - right >= gutter:
            columns.append([line])
        else:
            columns[-1].append(line)
        right = max(right, line.x1)
    return columns


def strip_cuts(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """The lines split at every horizontal band of white space, top to bottom."""
    ordered = sorted(lines, key=lambda line: (line.top, line.x0))
    strips: list[list[TextLine]] = []
    bottom = float("-inf")
    for line in ordered:
        # Lines that merely touch (a descender on the next line's ascender) do not overlap.
        if not strips or line.top >= bottom - 0.2 * line.size:
            strips.append([line])
        else:
            strips[-1].append(line)
        bottom = max(bottom, line.bottom)
    return strips


def _sides(lines: Sequence[TextLine], left: float, right: float) -> int:
    return min(sum(line.x1 <= left for line in lines), sum(line.x0 >= right for line in lines))


def gutter_band(lines: Sequence[TextLine], gutter: float) -> tuple[float, float] | None:
    """The likeliest column gutter: the band at least `gutter` wide that the fewest lines cross
    (at most `MAX_CROSSING` of them), with at least `MIN_SIDE` lines wholly on each side."""
    events = sorted([(line.x0, 1) for line in lines] + [(line.x1, -1) for line in lines])
    limit = max(1, int(MAX_CROSSING * len(lines)))
    bands: list[tuple[int, float, float]] = []  # (most lines crossing, left, right)
    coverage, start, worst = 0, 0.0, -1
    for (x, step), (next_x, _) in itertools.pairwise(events):
        coverage += step
        if coverage > limit:
            worst = -1
        elif next_x > x:
            start, worst = (x, coverage) if worst < 0 else (start, max(worst, coverage))
            if next_x - start >= gutter:
                bands.append((worst, start, next_x))
    usable = [band for band in bands if _sides(lines, band[1], band[2]) >= MIN_SIDE]
    if not usable:
        return None
    _, left, right = min(usable, key=lambda band: (band[0], band[1] - band[2]))
    return left, right


def regroup_strips(strips: list[list[TextLine]], spans: Callable[[TextLine], bool]) -> list[list[TextLine]]:
    """Strips of narrow lines that follow each other are one part; a spanning strip is a part alone."""
    parts: list[list[TextLine]] = []
    open_part = False
    for strip in strips:
        spanning = any(spans(line) for line in strip)
        if spanning:
            parts.append(list(strip))
            open_part = False
        elif open_part:
            parts[-1].extend(strip)
        else:
            parts.append(list(strip))
            open_part = True
    return parts


def _cut(lines: list[TextLine], gutter: float, depth: int) -> list[list[TextLine]]:
    if len(lines) <= 1 or depth >= MAX_DEPTH:
        return [sorted(lines, key=lambda line: (line.top, line.x0))]
    columns = column_cuts(lines, gutter)
    if len(columns) > 1:
        return [region for column in columns for region in _cut(column, gutter, depth + 1)]
    band = gutter_band(lines, gutter)
    if band is not None:
        middle = sum(band) / 2
        parts = regroup_strips(strip_cuts(lines), lambda line: line.x0 < middle < line.x1)
    else:
        x0, _, x1, _ = box_of(lines)
        parts = regroup_strips(strip_cuts(lines), lambda line: line.width > SPANNING * (x1 - x0))
    if len(parts) > 1:
        return [region for part in parts for region in _cut(part, gutter, depth + 1)]
    return [sorted(lines, key=lambda line: (line.top, line.x0))]


def reading_order(lines: Sequence[TextLine], size: float = 0.0) -> list[list[TextLine]]:
    """The page's regions in reading order, each region's lines top to bottom."""
    if not lines:
        return []
    gutter = MIN_GUTTER * (size or body_size(lines))
    return [region for region in _cut(list(lines), gutter, 0) if region]
