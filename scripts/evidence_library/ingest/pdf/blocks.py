"""Lines in reading order -> paragraphs, headings and list items.

Within a region, a line starts a new block when its type size or weight
changes, when the white space above it is wider than `PARAGRAPH_GAP` of the
type size, when it is indented while the line before was not (a first-line
indent), when the line before ended a sentence well short of the region's
right edge, or when it opens with a bullet (•, –, ▪…) or a number ("1.",
"(a)"). A table (`tables.py`) is one block, written as a pipe table. A
block that a column or page break cut (the first part does not end
a sentence, or its last line runs to the column's edge and the next part is
not indented) is joined again. Lines are joined with the clean stage's rule
for words hyphenated across lines (`join_lines`).

A block of at most `MAX_HEADING_LINES` short lines that is larger than the
body text (`HEADING_SIZE`) or all bold is a heading; its level comes from
the sizes the sections' headings use (the largest is level 2, and a bold
heading in the body size comes after every larger one); the title block's
own sizes (a letterhead, a title, a subtitle above the first paragraph) are
level 1.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evidence_library.ingest.pdf.boxes import TextLine, box_of
from evidence_library.ingest.pdf.order import MIN_GUTTER
from evidence_library.ingest.pdf.tables import pipe_table, table_rows
from evidence_library.text.clean import Vocabulary
from evidence_library.text.english import is_common_word

PARAGRAPH_GAP = 0.6  # of the type size
INDENT = 0.5  # of the type size
SHORT_LINE = 3.0  # of the type size: a line ending this far from the right edge is a short line
HEADING_SIZE = 1.12  # of the body type size
MAX_HEADING_LINES = 3
MAX_HEADING_WORDS = 25
LOOK_BACK = 4  # groups: how far back a paragraph interrupted by a box beside it is looked for
# Prefixes English joins with a hyphen; a line may end after one ("mid-" / "twenties"). Not "over" or
# "under": those begin as many whole words ("overcrowded", "understand") that a line end may split.
HYPHENATED_PREFIXES = frozenset(("anti", "co", "counter", "cross", "long", "mid", "multi", "non"))
HYPHENATED_PREFIXES |= frozenset(("post", "pre", "self", "semi", "short", "well"))
UNKNOWN_HALVES = 2
SUFFIX_LETTERS = 4  # a second half this short that is no word of the document is a suffix ("harm-", "ful")
BULLET = re.compile(r"^[•▪●◦■□➢►–\-*·]\s*(?=\S)")
NUMBERED = re.compile(r"^(?:\d{1,3}[.)]|\([a-z0-9]{1,3}\)|[a-z][.)])\s+(?=\S)")
ENDS_SENTENCE = re.compile(r"[.!?:;]['\"’”)\]]*(?:\ue000\d+\ue001)*$")
STARTS_LOWER = re.compile(r"^[a-z(]")
HYPHENATED_END = re.compile(r"([^\W\d_]+)-$")
WORD = re.compile(r"[^\W\d_]+")


class Kind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    NUMBERED = "numbered"
    TABLE = "table"


@dataclass(frozen=True)
class TextBlock:
    kind: Kind
    text: str
    size: float
    bold: bool
    level: int = 0  # headings: 1 is the largest
    page: int = 0


@dataclass(frozen=True)
class _Group:
    lines: tuple[TextLine, ...]
    right: float  # the region's right edge
    left: float
    table: str = ""  # a table's pipe table


def _known_whole(first: str, second: str, vocabulary: Vocabulary) -> bool:
    """Whether the two halves make a word the document writes whole (or its singular or plural)."""
    joined = (first + second).lower()
    return bool({joined, joined.removesuffix("s"), joined + "s"} & vocabulary.words)


def keeps_hyphen(first: str, second: str, vocabulary: Vocabulary) -> bool:
    """Whether 'first-' at a line end and 'second' on the next line are a hyphenated compound: not if
    the whole word occurs in the document; yes if the compound does, or if the first half is a prefix
    English writes with a hyphen ("mid-twenties"); not if the whole is a common English word
    ("relation-" / "ships"); yes if both halves are words, of the document or common English ones
    ("over-" / "represented")."""
    if _known_whole(first, second, vocabulary):
        return False
    if f"{first}-{second}".lower() in vocabulary.compounds or first.lower() in HYPHENATED_PREFIXES:
        return True
    if is_common_word((first + second).lower()):
        return False
    return all(half in vocabulary.words or is_common_word(half) for half in (first.lower(), second.lower()))


def vocabulary_of(lines: Iterable[TextLine]) -> Vocabulary:
    """The document's words, leaving out the halves of words hyphenated across lines."""
    kept = []
    broken = False
    for line in lines:
        text = line.text
        if broken:
            text = text.split(" ", 1)[1] if " " in text else ""
        broken = bool(HYPHENATED_END.search(text))
        kept.append(text.rsplit(" ", 1)[0] if broken and " " in text else "" if broken else text)
    return Vocabulary("\n".join(kept))


def _typeset_break(first: str, second: str, vocabulary: Vocabulary) -> bool:
    """Whether the halves make a common English word that is not a compound the document writes
    or one English writes with a hyphen: a word a typesetter broke ("relation-" / "ships")."""
    return (
        first not in HYPHENATED_PREFIXES
        and f"{first}-{second}" not in vocabulary.compounds
        and is_common_word(first + second)
    )


def breaks_words(lines: Iterable[TextLine], vocabulary: Vocabulary) -> bool:
    """Whether the document hyphenates words at line ends (LaTeX does, a word processor seldom):
    some line ends in a hyphen that a word of the document, written whole elsewhere, or a common
    English word straddles (`_typeset_break`), or
    `UNKNOWN_HALVES` line ends split words whose halves are neither of them words of the document
    ("infor-", "mation"; one such may be a compound of rare words: "over-", "represented"), or
    whose second half is a short non-word, a suffix ("harm-", "ful")."""
    previous, unknown = "", 0
    for line in lines:
        head = HYPHENATED_END.search(previous[-100:])
        tail = WORD.match(line.text)
        if head and tail:
            first, second = head.group(1).lower(), tail.group(0).lower()
            if _known_whole(first, second, vocabulary) or _typeset_break(first, second, vocabulary):
                return True
            if second not in vocabulary.words and len(second) <= SUFFIX_LETTERS:
                return True
            unknown += not ({first, second} & vocabulary.words)
        previous = line.text
    return unknown >= UNKNOWN_HALVES


def join_lines(texts: Iterable[str], vocabulary: Vocabulary, breaks: bool = True) -> str:
    """Lines -> one line; a word hyphenated across lines is joined unless it is a compound: the
    document spells it with a hyphen, or both halves are words of the document and the whole is not.
    In a document that does not hyphenate words (`breaks` false), a hyphen at a line end stays."""
    joined = ""
    for raw in texts:
        text = raw.strip()
        head = HYPHENATED_END.search(joined, max(0, len(joined) - 100)) if joined.endswith("-") else None
        tail = WORD.match(text)
        if head and tail and text[:1].islower():
            keep = not breaks or keeps_hyphen(head.group(1), tail.group(0), vocabulary)
            joined = joined + text if keep else joined[:-1] + text
        else:
            joined = f"{joined} {text}" if joined else text
    return joined


NOTES_HEADING = re.compile(r"^(?:end)?notes$", re.IGNORECASE)


def is_notes_heading(block: TextBlock) -> bool:
    return block.kind is Kind.HEADING and bool(NOTES_HEADING.match(block.text.strip()))


def _item_kind(text: str) -> Kind | None:
    if BULLET.match(text):
        return Kind.BULLET
    if NUMBERED.match(text):
        return Kind.NUMBERED
    return None


def _breaks(previous: TextLine, line: TextLine, left: float, right: float) -> bool:
    size = max(line.size, previous.size)
    return (
        abs(line.size - previous.size) > 0.1 * size
        or line.bold != previous.bold
        or line.top - previous.bottom > PARAGRAPH_GAP * size
        or (line.x0 > left + INDENT * size and previous.x0 <= left + INDENT * size)
        or (previous.x1 < right - SHORT_LINE * size and bool(ENDS_SENTENCE.search(previous.text)))
        or _item_kind(line.text) is not None
    )


def region_groups(region: Sequence[TextLine], gutter: float = 0.0) -> list[_Group]:
    """A region's lines split into blocks (a table is one block)."""
    left, _, right, _ = box_of(region)
    if gutter and (rows := table_rows(region, gutter)) is not None:
        return [_Group(tuple(region), right, left, pipe_table(rows))]
    groups: list[list[TextLine]] = []
    for line in region:
        if groups and not _breaks(groups[-1][-1], line, left, right):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_Group(tuple(group), right, left) for group in groups]


def _is_heading(group: _Group, body: float) -> bool:
    lines = group.lines
    if group.table or len(lines) > MAX_HEADING_LINES:
        return False
    if lines[0].size < HEADING_SIZE * body and not all(line.bold for line in lines):
        return False
    words = sum(len(line.text.split()) for line in lines)
    return words <= MAX_HEADING_WORDS and _item_kind(lines[0].text) is None


def _one_heading(last: TextLine, line: TextLine) -> bool:
    """Two heading lines that are one heading set over two lines (regions apart, as a title may be)."""
    return (
        last.page == line.page
        and abs(last.size - line.size) < 0.05 * line.size
        and last.bold == line.bold
        and -0.2 * line.size <= line.top - last.bottom <= PARAGRAPH_GAP * line.size
        and abs(last.x0 - line.x0) <= INDENT * line.size
    )


def _continues(first: _Group, second: _Group, body: float) -> bool:
    """Whether a column or page break cut one paragraph into these two groups."""
    last, line = first.lines[-1], second.lines[0]
    if first.table or second.table:
        return False
    if _is_heading(first, body) and _is_heading(second, body):
        return _one_heading(last, line)
    if _is_heading(first, body) or _is_heading(second, body) or _item_kind(line.text):
        return False
    if abs(last.size - line.size) > 0.1 * body or last.size < 0.9 * body or line.size < 0.9 * body:
        return False
    if line.page == last.page and line.top > last.top and line.x0 < last.x1 and last.x0 < line.x1:
        return line.top - last.bottom <= PARAGRAPH_GAP * line.size  # the same column: no break cut it
    if line.page == last.page and _beside(last, line) and line.top > last.top - last.size:
        return False  # side by side (a box beside the text), not the top of the next column
    if not ENDS_SENTENCE.search(last.text):
        return True
    runs_on = last.x1 >= first.right - SHORT_LINE * last.size
    return runs_on and line.x0 <= second.left + INDENT * line.size and bool(STARTS_LOWER.match(line.text))


def _beside(one: TextLine, other: TextLine) -> bool:
    return one.page == other.page and (one.x1 <= other.x0 or other.x1 <= one.x0)


def _interrupted(groups: Sequence[_Group], group: _Group, body: float) -> int | None:
    """The paragraph that a box beside it interrupted (read as a column of its own in the middle of
    it) and that this group goes on with: up to `LOOK_BACK` groups back, past groups beside both."""
    line = group.lines[0]
    for back in range(len(groups) - 1, max(-1, len(groups) - 1 - LOOK_BACK), -1):
        candidate = groups[back]
        last = candidate.lines[-1]
        if all(_beside(other.lines[0], line) for other in groups[back + 1 :]) and back < len(groups) - 1:
            same_column = last.page == line.page and not _beside(last, line) and last.top < line.top
            if same_column and _continues(candidate, group, body):
                return back
        if not all(_beside(other.lines[0], line) for other in groups[back:]):
            return None
    return None


def heading_levels(sizes: Sequence[tuple[float, bool]]) -> dict[tuple[float, bool], int]:
    """(size, bold) of each heading -> its level: larger first, then bold before plain."""
    keys = sorted({(round(size * 2) / 2, bold) for size, bold in sizes}, key=lambda k: (-k[0], not k[1]))
    return {key: min(index + 1, 6) for index, key in enumerate(keys)}


def make_blocks(
    regions: Sequence[Sequence[TextLine]], body: float, vocabulary: Vocabulary, breaks: bool = True
) -> list[TextBlock]:
    """Regions in reading order -> the document's blocks, headings with their levels."""
    groups: list[_Group] = []
    for region in regions:
        for index, group in enumerate(region_groups(region, MIN_GUTTER * body)):
            if index == 0 and groups and _continues(groups[-1], group, body):
                previous = groups.pop()
                group = _Group(previous.lines + group.lines, group.right, group.left)
            elif index == 0 and (back := _interrupted(groups, group, body)) is not None:
                groups[back] = _Group(groups[back].lines + group.lines, group.right, group.left)
                continue
            groups.append(group)
    kinds = []
    for group in groups:
        if group.table:
            kinds.append(Kind.TABLE)
        elif _is_heading(group, body):
            kinds.append(Kind.HEADING)
        else:
            kinds.append(_item_kind(group.lines[0].text) or Kind.PARAGRAPH)
    levels = document_levels(groups, kinds)
    blocks = []
    for group, kind in zip(groups, kinds, strict=True):
        first = group.lines[0]
        text = group.table or join_lines((line.text for line in group.lines), vocabulary, breaks)
        level = levels.get((round(first.size * 2) / 2, first.bold), 1) if kind is Kind.HEADING else 0
        blocks.append(TextBlock(kind, text, first.size, first.bold, level, first.page))
    return blocks


def document_levels(groups: Sequence[_Group], kinds: Sequence[Kind]) -> dict[tuple[float, bool], int]:
    """Heading levels from the sizes the sections' headings use (those after the first paragraph),
    from 2 down; a size only the title block uses (a letterhead, a title, a subtitle) is level 1."""
    start = next((i for i, kind in enumerate(kinds) if kind is not Kind.HEADING), len(kinds))
    keys = [(g.lines[0].size, g.lines[0].bold) for g, k in zip(groups[start:], kinds[start:], strict=True)]
    body = heading_levels(
        [key for key, kind in zip(keys, kinds[start:], strict=True) if kind is Kind.HEADING]
    )
    return {key: min(level + 1, 6) for key, level in body.items()}
