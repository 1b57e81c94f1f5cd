"""Page furniture: running headers and footers and page numbers, found by position and repetition.

A line is furniture when it is one of the `EDGE_LINES` lines nearest the top
or the bottom of its page, lies within `EDGE_ZONE` of that edge, and either
reads as a page number ("7", "- 7 -", "Page 7", "Page 7 of 12", "7/12") or
comes back, its digits masked, at the same edge of at least `MIN_REPEATS`
pages (all the pages of a shorter document). The furniture is taken out of
the body and returned, so that it can be counted and reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from evidence_library.ingest.pdf.boxes import MARK_CLOSE, MARK_OPEN, Page, TextLine

EDGE_ZONE = 0.12  # of the page's height
EDGE_LINES = 2
MIN_REPEATS = 3
PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?$|^[ivxlc]{1,6}$", re.IGNORECASE
)
DIGITS = re.compile(r"\d+")


def masked(text: str) -> str:
    plain = text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    return DIGITS.sub("#", " ".join(plain.lower().split()))


def edge_lines(page: Page) -> list[tuple[str, TextLine]]:
    """The lines near the top ('top') and the bottom ('bottom') of the page."""
    by_height = sorted(page.lines, key=lambda line: line.top)
    top = [line for line in by_height[:EDGE_LINES] if line.bottom < EDGE_ZONE * page.height]
    bottom = [line for line in by_height[-EDGE_LINES:] if line.top > (1 - EDGE_ZONE) * page.height]
    return [("top", line) for line in top] + [("bottom", line) for line in bottom if line not in top]


def split_furniture(pages: Sequence[Page]) -> tuple[tuple[Page, ...], tuple[TextLine, ...]]:
    """The pages without their furniture, and the furniture taken out (in page order)."""
    edges = [edge_lines(page) for page in pages]
    repeats = Counter((where, masked(line.text)) for page_edges in edges for where, line in set(page_edges))
    needed = max(2, min(MIN_REPEATS, len(pages)))
    kept_pages = []
    removed: list[TextLine] = []
    for page, page_edges in zip(pages, edges, strict=True):
        furniture = {
            id(line)
            for where, line in page_edges
            if PAGE_NUMBER.match(masked(line.text).replace("#", "1"))
            or repeats[(where, masked(line.text))] >= needed
        }
        removed += [line for line in page.lines if id(line) in furniture]
        lines = tuple(line for line in page.lines if id(line) not in furniture)
        kept_pages.append(Page(page.number, page.width, page.height, lines))
    return tuple(kept_pages), tuple(removed)
