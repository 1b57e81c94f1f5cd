"""Footnotes and endnotes: the small-type blocks that open with a note number, kept apart from the body.

Read in reading order, a line set smaller than the body (`NOTE_SIZE`) that
opens with a number (a superscript marker, or "3." or "3)" next in sequence) starts a
note; the small lines that follow it closely, in the same size, continue it.
That finds footnotes at the foot of a page or of a column, and endnotes
listed in small type at the end. A note that a page break cuts is joined: on
the next page, small lines low on the page (`FOOT`) before any new note
continue the last note of the page before, if it did not end a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from evidence_library.ingest.pdf.boxes import MARK_CLOSE, MARK_OPEN, TextLine

NOTE_SIZE = 0.95  # of the body type size: notes are set smaller
FOLLOWS = 0.9  # of the note's type size: the widest gap between two lines of one note
FOOT = 0.5  # of the page's height: a note's continuation is below this
NOTE_START = re.compile(rf"^(?:{MARK_OPEN}(\d{{1,3}}){MARK_CLOSE}|(\d{{1,3}})[.)](?=\s))\s*(\S.*)$")
ENDS_SENTENCE = re.compile(r"[.!?)\]]['\"’”]?$")

Region = list[TextLine]


@dataclass(frozen=True)
class FoundNote:
    number: int  # as printed
    page: int
    lines: tuple[TextLine, ...]  # the first line without its number


@dataclass(frozen=True)
class PageRegions:
    number: int
    height: float
    regions: tuple[tuple[TextLine, ...], ...]  # in reading order


def note_start(line: TextLine, body: float, last: int | None = None) -> tuple[int, str] | None:
    """(number, text after it) when the line opens a note. A number in plain digits ("7.") opens one
    only if it comes next after the `last` note's number, or is 1: else it is "HC 105." wrapped."""
    if line.size > NOTE_SIZE * body:
        return None
    match = NOTE_START.match(line.text)
    if not match:
        return None
    if match.group(2) and int(match.group(2)) != (last or 0) + 1:
        return None
    return int(match.group(1) or match.group(2)), match.group(3)


def _follows(previous: TextLine, line: TextLine) -> bool:
    return (
        abs(line.size - previous.size) <= 0.1 * previous.size
        and 0 <= line.top - previous.bottom + 0.3 * line.size <= (FOLLOWS + 0.3) * line.size
        and line.x0 < previous.x1
        and previous.x0 < line.x1
    )


def _strip_number(line: TextLine, text: str) -> TextLine:
    return TextLine(text, line.x0, line.x1, line.top, line.bottom, line.size, line.bold, line.page)


@dataclass
class _Reader:
    body: float
    notes: list[FoundNote]
    open_note: bool = False  # the last note may take the next line
    carried: bool = False  # the last note came from an earlier page and did not end a sentence

    def take(self, line: TextLine, previous: TextLine | None, height: float) -> bool:
        """Whether the line belongs to a note (and add it there)."""
        start = note_start(line, self.body, self.notes[-1].number if self.notes else None)
        if start is not None:
            number, text = start
            self.notes.append(FoundNote(number, line.page, (_strip_number(line, text),)))
            self.open_note, self.carried = True, False
            return True
        small = line.size <= NOTE_SIZE * self.body
        last = self.notes[-1] if self.notes else None
        if (
            last is not None
            and small
            and self.open_note
            and previous is not None
            and _follows(previous, line)
        ):
            self._extend(line)
            return True
        if last is not None and small and self.carried and line.top > FOOT * height:
            self._extend(line)
            self.open_note, self.carried = True, False
            return True
        self.open_note = False
        return False

    def _extend(self, line: TextLine) -> None:
        last = self.notes[-1]
        self.notes[-1] = FoundNote(last.number, last.page, (*last.lines, line))


def split_notes(pages: Sequence[PageRegions], body: float) -> tuple[list[PageRegions], list[FoundNote]]:
    """The pages' regions without their notes, and the notes in the order they were found."""
    reader = _Reader(body, [])
    kept_pages = []
    for page in pages:
        if reader.notes:
            last_text = reader.notes[-1].lines[-1].text
            reader.carried = reader.open_note and not ENDS_SENTENCE.search(last_text)
        reader.open_note = False
        previous: TextLine | None = None
        regions = []
        for region in page.regions:
            kept = []
            for line in region:
                if not reader.take(line, previous, page.height):
                    kept.append(line)
                previous = line
            if kept:
                regions.append(tuple(kept))
        kept_pages.append(PageRegions(page.number, page.height, tuple(regions)))
    return kept_pages, reader.notes
