"""Frozen dataclasses passed between the pipeline stages.

Every object keeps the source line it came from, so any later message can
point a contributor at the place to look.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Metadata:
    """A response's front matter, validated (see `metadata.py` for the schema)."""

    title: str
    date: str
    organisation: str
    consultation: str
    consulting_body: str
    themes: tuple[str, ...] = ()
    not_themes: tuple[str, ...] = ()
    imported_from: str = ""
    imported_sha256: str = ""  # of the original PDF, Word or ODT file
    citations: dict[int, tuple[str, ...]] = field(default_factory=dict)  # note -> pinned keys


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class SourceDocument:
    """A file in `sources/`: its front matter and its raw body, line by line."""

    path: str  # relative to the library root, POSIX separators
    slug: str
    metadata: Metadata
    lines: tuple[Line, ...]
    encoding: str = "utf-8"


class BlockKind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE = "table"  # a GitHub pipe table, its rows on lines of their own


@dataclass(frozen=True)
class NoteRef:
    """Where a note marker stood in the text."""

    number: int
    line: int
    raw: str  # the marker as written, shown as-is if it cannot be resolved


Inline = str | NoteRef


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or list item after layout cleaning.

    `parts` is plain text interleaved with note references; before the notes
    stage it is a single string.
    """

    kind: BlockKind
    parts: tuple[Inline, ...]
    line: int
    end_line: int
    indented: bool = False  # first line began with white space
    page_break_before: bool = False  # furniture or notes were removed just before
    level: int = 0  # a heading's level in its document: 1 for `#`, 2 for `##`…; 0 when unknown

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.raw for p in self.parts)


@dataclass(frozen=True)
class Removed:
    """Text taken out of the argument, and why; it is reported, never silently lost."""

    code: str
    text: str
    line: int


@dataclass(frozen=True)
class CleanedDocument:
    source: SourceDocument
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...]


class EntryType(enum.Enum):
    """biblatex entry types, chosen from what a citation shows (see `evidence/references/fields.py`).

    Acts, cases and debates are `misc` with a `type` ("Act of Parliament",
    "Case", "Hansard"): biblatex's @legislation and @jurisdiction take no title."""

    REPORT = "report"
    ONLINE = "online"
    ARTICLE = "article"
    INCOLLECTION = "incollection"
    INBOOK = "inbook"
    BOOK = "book"
    THESIS = "thesis"
    MISC = "misc"


@dataclass(frozen=True)
class Citation:
    """One work as one note cites it, as plain text. Names are 'Family, Given', or an organisation's
    name in braces ('{HM Inspectorate of Probation}'); `others` for "et al."."""

    entry_type: EntryType
    authors: tuple[str, ...]
    year: str
    title: str
    container: str = ""  # the journal or newspaper, the book a chapter is in, the website
    editors: tuple[str, ...] = ()
    volume: str = ""
    number: str = ""  # a journal's issue, or a report's or paper's number ("HC 482")
    pages: str = ""  # the work's own pages ("12--34")
    pin: str = ""  # the place in the work the note points at ("p. 5", "para 3.2"): not part of the work
    institution: str = ""
    publisher: str = ""
    location: str = ""
    kind: str = ""  # biblatex `type`: "Research Summary", "Press release", "Act of Parliament"
    series: str = ""
    edition: str = ""
    date: str = ""  # the full date, ISO 8601, when the note gives more than the year
    url: str = ""
    doi: str = ""
    isbn: str = ""
    urldate: str = ""  # ISO 8601
    others: bool = False  # "et al.": more authors than named
    year_assumed: bool = False  # the note gives no year: `year` is when the page was read or cited


@dataclass(frozen=True)
class Note:
    number: int
    text: str
    line: int
    refers_to: int | None = None  # ibid / op. cit.: the note it repeats
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class NotedDocument:
    source: SourceDocument
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]  # in order of first reference, then unreferenced ones
    orphan_notes: tuple[Note, ...]
    removed: tuple[Removed, ...]


@dataclass(frozen=True)
class Position:
    """A recommendation the response makes, as its full sentence, and where it stands."""

    text: str
    anchor: str  # the id of its place on the response page, e.g. "position-3"
    line: int  # the source line of the block it stands in
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponsePage:
    """Everything `render` needs to write one response page."""

    source: SourceDocument
    body: tuple[Block, ...]
    boilerplate: tuple[Block, ...]
    notes: tuple[Note, ...]
    orphan_notes: tuple[Note, ...]
    removed: tuple[Removed, ...]
    positions: tuple[Position, ...] = ()
    themes: tuple[str, ...] = ()  # theme ids, from the text and the front matter


@dataclass(frozen=True)
class CitedBy:
    """One note that cites a work: where it is and the sentence it supports."""

    slug: str
    title: str
    date: str
    note: int
    sentence: str
    pin: str = ""  # where in the work the note points: "p. 5", "para 3.2"


@dataclass(frozen=True)
class Work:
    """One entry of the shared bibliography."""

    key: str
    entry_type: str
    fields: tuple[tuple[str, str], ...]  # BibTeX values, in the order written to references.bib
    cited_by: tuple[CitedBy, ...]

    def raw(self, name: str) -> str:
        """A field's value as BibTeX text, as references.bib holds it."""
        return next((value for key, value in self.fields if key == name), "")

    def field(self, name: str) -> str:
        """A field's value as plain text, for pages (LaTeX escapes and braces read)."""
        from evidence_library.evidence.bibtex_text import field_text

        return field_text(name, self.raw(name))


@dataclass(frozen=True)
class Bibliography:
    works: tuple[Work, ...]  # sorted by key
    note_keys: dict[tuple[str, int], tuple[str, ...]]  # (slug, note number) -> keys
