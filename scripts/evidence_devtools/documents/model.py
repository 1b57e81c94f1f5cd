"""The truth about a corpus document, as data: what its writers print and what an import must give back."""

from __future__ import annotations

import enum
from dataclasses import dataclass

HEADER_FIELDS = ("title", "organisation", "consultation", "consulting_body", "date")


@dataclass(frozen=True)
class Run:
    """Text in one style."""

    text: str
    italic: bool = False


@dataclass(frozen=True)
class NoteMark:
    """Where a note's marker stands (its number is its place in the sequence of notes)."""

    number: int


Inline = Run | NoteMark


class Kind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLETS = "bullets"
    NUMBERED = "numbered"
    TABLE = "table"
    SIDEBAR = "sidebar"  # a text box of key facts or a quote; an indented block where a layout has no box


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list, table or sidebar.

    `items` holds the inline text: one entry for a heading or paragraph, one per
    list item, one per paragraph of a sidebar. A table has `rows` of plain cells
    instead (the first row is its header)."""

    kind: Kind
    items: tuple[tuple[Inline, ...], ...] = ()
    level: int = 0  # headings: 2 for sections, 3 for sub-sections (the title is 1)
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Note:
    number: int  # in order of reference, from 1
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class TitleLine:
    """One line of the title block: letterhead, address, line (a plain line such as a date),
    title (consecutive title lines are one title broken over lines), subtitle."""

    role: str
    text: str


@dataclass(frozen=True)
class Sentence:
    """A known sentence (or a heading, list item or table cell) as words, with the notes
    whose markers follow a word: (note number, index of that word)."""

    words: tuple[str, ...]
    notes: tuple[tuple[int, int], ...] = ()
    origin: str = "paragraph"


@dataclass(frozen=True)
class DocumentText:
    """A consultation response written for the corpus, and everything known about it."""

    name: str
    split: str  # "dev" or "held-out"
    header: dict[str, tuple[str, ...]]  # field -> accepted values, the first one canonical
    note_kind: str  # "footnote" or "endnote"
    title_style: str  # "title" (Word's Title style) or "heading" (Heading 1)
    title_block: tuple[TitleLine, ...]
    running_header: str
    properties: dict[str, str]  # the document's own title and author ("" when left empty)
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]

    @property
    def title_lines(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.title_block if line.role == "title")

    def canonical(self, field: str) -> str:
        return self.header[field][0]
