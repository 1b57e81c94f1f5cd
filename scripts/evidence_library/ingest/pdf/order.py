"""A page's lines -> regions in reading order, by recursive XY-cut.

A region whose lines leave a vertical band of white space from its top to its
bottom (a gutter at least `MIN_GUTTER` of the type size wide) is cut there
into columns, read left to right. Otherwise it is cut across: into strips
between which no line overlaps. A strip with a line wider than
`SPANNING` of the region (a title, a footnote set across the page) stands
alone; consecutive strips of narrower lines are put back together, so that
columns whose paragraph breaks happen to line up are not cut into slices.
Each part is cut again in the same way; a region that cannot be cut is read
top to bottom, and so is a table
(`tables.table_rows`), kept whole. A text box or sidebar beside the text is one column of its
region, so it is read whole, after the text beside it.

The cost is about n log n per level of cuts, and the levels are few.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from evidence_library.ingest.pdf.boxes import TextLine, body_size, box_of, column_cuts
from evidence_library.ingest.pdf.tables import table_rows

MIN_GUTTER = 0.7  # of the body type size (LaTeX sets two columns 10 pt apart)
SPANNING = 0.6  # of the region's width: a line this wide crosses any column gutter
MAX_CROSSING = 0.1  # of a region's lines: at most this many may cross a column gutter
MIN_SIDE = 3
COLUMN_GAP = 2.5  # of the type size: lines further apart than this are not one column of text
FLOAT_HEIGHT = 0.5  # of the page's text height: a box or sidebar is shorter
FLOAT_LINE_CHARS = 20  # a box holds at least two lines of prose, this long on average
MAX_DEPTH = 12


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


def size_runs(lines: Sequence[TextLine]) -> list[list[TextLine]] | None:
    """The region's strips, top to bottom, grouped while their type size stays the same (a table is
    set in one size, the text around it in another); None if it is all one size."""
    runs: list[list[TextLine]] = []
    size = -1.0
    for strip in strip_cuts(lines):
        strip_size = round(max(line.size for line in strip))
        if runs and strip_size == size:
            runs[-1].extend(strip)
        else:
            runs.append(list(strip))
            size = strip_size
    return runs if len(runs) > 1 else None


def _one_column(strips: Sequence[Sequence[TextLine]]) -> bool:
    """Strips of one line each, with no wider gap between them than between paragraphs: a column of
    text, read top to bottom (cut into strips, its paragraphs would be cut into lines)."""
    return all(len(strip) == 1 for strip in strips) and all(
        below[0].top - above[0].bottom <= COLUMN_GAP * max(above[0].size, below[0].size)
        for above, below in itertools.pairwise(strips)
    )


def _cut(lines: list[TextLine], gutter: float, depth: int) -> list[list[TextLine]]:
    if len(lines) <= 1 or depth >= MAX_DEPTH:
        return [sorted(lines, key=lambda line: (line.top, line.x0))]
    if table_rows(lines, gutter) is not None:
        return [sorted(lines, key=lambda line: (line.top, line.x0))]  # a table is read as one region
    if (sized := size_runs(lines)) is not None and any(table_rows(run, gutter) for run in sized):
        return [region for run in sized for region in _cut(run, gutter, depth + 1)]
    columns = column_cuts(lines, gutter)
    if len(columns) > 1:
        return [region for column in columns for region in _cut(column, gutter, depth + 1)]
    band = gutter_band(lines, gutter)
    if band is not None:
        middle = sum(band) / 2
        parts = regroup_strips(strip_cuts(lines), lambda line: line.x0 < middle < line.x1)
    else:
        x0, _, x1, _ = box_of(lines)
        strips = strip_cuts(lines)
        if _one_column(strips):
            return [sorted(lines, key=lambda line: (line.top, line.x0))]
        parts = regroup_strips(strips, lambda line: line.width > SPANNING * (x1 - x0))
    if len(parts) > 1:
        return [region for part in parts for region in _cut(part, gutter, depth + 1)]
    return [sorted(lines, key=lambda line: (line.top, line.x0))]


def drawing_blocks(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Lines in drawing order -> runs drawn one under the other in one column (a paragraph, a box)."""
    runs: list[list[TextLine]] = []
    for line in lines:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and 0 <= line.top - last.bottom + 0.3 * line.size <= 1.3 * line.size
            and line.x0 < last.x1
            and last.x0 < line.x1
        ):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _nearest(lines: Sequence[TextLine], x0: float, x1: float, y: float, above: bool) -> TextLine | None:
    """The line nearest above (or below) `y` that overlaps x0..x1."""
    across = [line for line in lines if line.x0 < x1 and x0 < line.x1]
    if above:
        return max((line for line in across if line.bottom <= y), key=lambda line: line.bottom, default=None)
    return min((line for line in across if line.top >= y), key=lambda line: line.top, default=None)


def is_float(block: Sequence[TextLine], lines: Sequence[TextLine], text_height: float) -> bool:
    """A text box or sidebar: a short run of lines with text beside it, nothing across it, and the
    text beside it flowing across its width above or below it (so it is not a column of the page)."""
    x0, top, x1, bottom = box_of(block)
    prose = len(block) >= 2 and sum(len(line.text) for line in block) >= FLOAT_LINE_CHARS * len(block)
    if bottom - top > FLOAT_HEIGHT * text_height or not prose:  # table cells are short, and not floats
        return False
    members = {id(line) for line in block}
    others = [line for line in lines if id(line) not in members]
    level = [line for line in others if line.top < bottom and line.bottom > top]
    if not level or any(line.x0 < x1 and x0 < line.x1 for line in level):
        return False
    ends = [_nearest(others, x0, x1, top, above=True), _nearest(others, x0, x1, bottom, above=False)]
    # An end flows across when it also runs over the text beside the block: not when the block is one
    # of three columns, whose neighbours, on either side, its column's lines never reach.
    flowing = [
        end
        for end in ends
        if end is not None and any(end.x0 < line.x1 and line.x0 < end.x1 for line in level)
    ]
    return bool(flowing) and all(end is None or end in flowing for end in ends)


def _anchor(regions: Sequence[Sequence[TextLine]], block: Sequence[TextLine]) -> tuple[int, int]:
    """Where a float goes: after the nearest line above it, across its width (its region and its
    place in the region); after everything when there is none."""
    x0, top, x1, _ = box_of(block)
    best, best_bottom = (len(regions) - 1, len(regions[-1]) - 1), float("-inf")
    for index, region in enumerate(regions):
        for at, line in enumerate(region):
            if (
                line.bottom <= top + 0.3 * line.size
                and line.x0 < x1
                and x0 < line.x1
                and line.bottom > best_bottom
            ):
                best, best_bottom = (index, at), line.bottom
    return best


def reading_order(lines: Sequence[TextLine], size: float = 0.0) -> list[list[TextLine]]:
    """The page's regions in reading order, each region's lines top to bottom. Lines come in
    drawing order: text boxes and sidebars are found as runs drawn together (`is_float`), read whole
    after the text above them (a region is split there), and kept out of the cuts."""
    if not lines:
        return []
    gutter = MIN_GUTTER * (size or body_size(lines))
    _, top, _, bottom = box_of(lines)
    floats = [block for block in drawing_blocks(lines) if is_float(block, lines, bottom - top)]
    floating = {id(line) for block in floats for line in block}
    rest = [line for line in lines if id(line) not in floating]
    regions = [region for region in _cut(rest, gutter, 0) if region] if rest else []
    for block in sorted(floats, key=lambda block: box_of(block)[1], reverse=True):
        box = sorted(block, key=lambda line: line.top)
        if not regions:
            regions.append(box)
            continue
        index, at = _anchor(regions, block)
        head, tail = regions[index][: at + 1], regions[index][at + 1 :]
        regions[index : index + 1] = [head, box, tail] if tail else [head, box]
    return regions
