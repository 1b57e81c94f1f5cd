"""The positioned boxes the PDF importer's steps pass along: glyphs, lines, pages.

Coordinates are in points, measured from the top-left corner of the page
(`top` < `bottom`), so that sorting by `top` reads downwards.
"""

from __future__ import annotations

import functools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi", "cmbx")

# A superscript note marker travels inside a line's text between these two private-use characters
# (glyph text never holds private-use characters: `glyphs.normalise` drops them).
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"


@functools.lru_cache(maxsize=256)
def bold_font(font: str) -> bool:
    """Whether a font's name says it is bold ("ABCDEF+Carlito-Bold", "CMBX10")."""
    name = font.lower().split("+")[-1]
    return any(word in name for word in BOLD_NAMES)


@dataclass(frozen=True)
class Glyph:
    """One printed character (or a ligature, with the letters it stands for)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str = ""

    @property
    def bold(self) -> bool:
        return bold_font(self.font)


@dataclass(frozen=True)
class Rule:
    """A vertical line the page draws (a table's cell border, a rule between columns)."""

    x: float
    top: float
    bottom: float


@dataclass(frozen=True)
class TextLine:
    """A line of text: its words with single spaces, superscript markers between `MARK_OPEN` and
    `MARK_CLOSE`; its box; its usual type size and whether all of it is bold."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    page: int = 0
    ruled: bool = False  # a drawn vertical rule runs just left of it: it starts a cell or a column

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    width: float
    height: float
    lines: tuple[TextLine, ...]


def box_of(lines: Iterable[TextLine]) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) around some lines."""
    items = list(lines)
    return (
        min(line.x0 for line in items),
        min(line.top for line in items),
        max(line.x1 for line in items),
        max(line.bottom for line in items),
    )


def body_size(lines: Iterable[TextLine]) -> float:
    """The type size most of the text is set in (weighted by characters)."""
    weights: dict[float, int] = {}
    for line in lines:
        key = round(line.size * 2) / 2
        weights[key] = weights.get(key, 0) + len(line.text)
    if not weights:
        return 0.0
    return max(sorted(weights), key=lambda size: weights[size])


def median(values: Iterable[float], default: float = 0.0) -> float:
    items = list(values)
    return float(statistics.median(items)) if items else default


def column_cuts(lines: Sequence[TextLine], gutter: float) -> list[list[TextLine]]:
    """The lines split at every vertical band of white space at least `gutter` wide, or narrower with
    a rule drawn in it (the cells of a ruled table), left to right."""
    ordered = sorted(lines, key=lambda line: line.x0)
    columns: list[list[TextLine]] = []
    right = float("-inf")
    for line in ordered:
        if not columns or line.x0 - right >= gutter or (line.ruled and line.x0 > right):
            columns.append([line])
        else:
            columns[-1].append(line)
        right = max(right, line.x1)
    return columns
