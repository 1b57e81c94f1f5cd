"""Clean stage: raw body lines -> blocks, with page furniture taken out.

Order of the rules, applied by `layout_blocks`:

1. split the body into chunks at blank lines and form feeds;
2. drop page furniture: page numbers, and short lines repeated as running
   headers or footers (found by repetition and position, not by wording);
3. turn each chunk into headings (with their `#` level), pipe tables,
   paragraphs or list items, rejoining
   hard-wrapped lines and words hyphenated across lines.

`rejoin_page_splits` runs after the notes stage has taken footnotes out: it
mends paragraphs and list items that a page break cut in two.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from evidence_library.model import Block, BlockKind, CleanedDocument, Inline, Line, Removed, SourceDocument

PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[-*•▪●◦–]|\d{1,3}[.)])\s+")
UNORDERED_BULLET = re.compile(r"^\s*[-*•▪●◦–]\s+")
NUMBERED_ITEM = re.compile(r"^\s*(\d{1,3})[.)]\s+")
NOTE_LABEL_START = re.compile(r"^\s*(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\[\^?\d{1,3}\]:?)\s*\S")
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
SUPERSCRIPT_START = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]")
TERMINAL = re.compile(r"[.!?:;…]['\"’”)\]*_]*$")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
COMPOUND = re.compile(r"[^\W\d_]+-[^\W\d_]+")
HYPHENATED_END = re.compile(r"([^\W\d_]+)-$")
MAX_FURNITURE_LENGTH = 80
MAX_HEADING_WORDS = 12


@dataclass(frozen=True)
class Chunk:
    """Lines between blank lines, with what stood before them."""

    lines: tuple[Line, ...]
    blank_lines_before: int
    page_break_before: bool

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines)


def split_chunks(lines: Iterable[Line]) -> Iterator[Chunk]:
    current: list[Line] = []
    blanks, page_break = 0, False
    for line in lines:
        for index, piece in enumerate(line.text.split("\f")):
            if index > 0 or not piece.strip():  # a form feed or a blank line ends the chunk
                if current:
                    yield Chunk(tuple(current), blanks, page_break)
                    current, blanks, page_break = [], 0, False
                page_break = page_break or index > 0
                blanks += 0 if piece.strip() else 1
            if piece.strip():
                current.append(Line(line.number, piece.expandtabs(4)))
    if current:
        yield Chunk(tuple(current), blanks, page_break)


def _furniture_key(chunk: Chunk) -> str | None:
    if len(chunk.lines) != 1 or len(chunk.text) > MAX_FURNITURE_LENGTH:
        return None
    return " ".join(chunk.text.lower().split())


@dataclass(frozen=True)
class Repeats:
    """How often each short line occurs: anywhere, and at a page edge."""

    anywhere: Counter[str]
    at_edge: Counter[str]
    numbered_at_edge: Counter[str]  # with its digits masked: "report | 3" and "report | 4" agree


def _masked(key: str) -> str:
    return re.sub(r"\d+", "#", key)


def page_edges(chunks: list[Chunk]) -> list[bool]:
    """A chunk at a page edge follows or precedes a form feed or a run of blank
    lines, or opens or closes the document."""
    starts = [i == 0 or c.page_break_before or c.blank_lines_before >= 2 for i, c in enumerate(chunks)]
    starts.append(True)
    return [starts[i] or starts[i + 1] for i in range(len(chunks))]


def count_repeats(chunks: list[Chunk], edges: list[bool]) -> Repeats:
    keys = [_furniture_key(chunk) for chunk in chunks]
    return Repeats(
        Counter(k for k in keys if k),
        Counter(k for k, edge in zip(keys, edges, strict=True) if k and edge),
        Counter(_masked(k) for k, edge in zip(keys, edges, strict=True) if k and edge and k != _masked(k)),
    )


def furniture_code(chunk: Chunk, at_edge: bool, repeats: Repeats) -> str | None:
    """Why this chunk is page furniture, or None if it is content."""
    key = _furniture_key(chunk)
    if key is None:
        return None
    if PAGE_NUMBER.match(key) and (at_edge or not key.isdigit()):
        return "clean.page-number"
    # A running header or footer repeats at page edges; without visible page
    # edges, only a line repeated on many pages that is no sentence counts.
    if (at_edge and repeats.at_edge[key] >= 2) or (repeats.anywhere[key] >= 4 and not TERMINAL.search(key)):
        return "clean.running-header"
    if at_edge and repeats.numbered_at_edge[_masked(key)] >= 3 and not TERMINAL.search(key):
        return "clean.running-header"  # a header or footer that carries the page number
    return None


class Vocabulary:
    """A document's words, and hyphenated compounds, as they appear whole within
    lines: read only if a word broken across lines needs them."""

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def words(self) -> set[str]:
        return set(WORD.findall(self._text.lower()))

    @cached_property
    def compounds(self) -> set[str]:
        return set(COMPOUND.findall(self._text.lower()))


def join_wrapped(texts: Iterable[str], vocabulary: Vocabulary) -> str:
    """Rejoin hard-wrapped lines; a word split by a hyphen loses it unless the
    document spells that compound with a hyphen elsewhere."""
    joined = ""
    for raw in texts:
        text = raw.strip()
        if not joined:
            joined = text
            continue
        # Look only at the end of the joined text: searching all of it each time is quadratic.
        head = HYPHENATED_END.search(joined, max(0, len(joined) - 100)) if joined.endswith("-") else None
        tail = WORD.match(text)
        if head and tail and text[:1].islower():
            first, second = head.group(1).lower(), tail.group(0).lower()
            keep = f"{first}-{second}" in vocabulary.compounds and first + second not in vocabulary.words
            joined = joined + text if keep else joined[:-1] + text
        else:
            joined = f"{joined} {text}"
    return joined


TRAILING_MARKERS = re.compile(r"(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^?\d{1,3}\])+$")


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    text = TRAILING_MARKERS.sub("", text)  # "…in prison.¹" ends a sentence
    return (
        bool(text)
        and 0 < len(words) <= MAX_HEADING_WORDS
        and len(text) <= 100
        and not TERMINAL.search(text)
        and not text.endswith(",")
        and (text[0].isupper() or text[0].isdigit())
        and not SUPERSCRIPT_START.match(text)
        and "://" not in text
    )


def _block(kind: BlockKind, text: str, lines: tuple[Line, ...], chunk: Chunk, level: int = 0) -> Block:
    return Block(
        kind=kind,
        parts=(text,),
        line=lines[0].number,
        end_line=lines[-1].number,
        indented=lines[0].text[:1].isspace(),
        page_break_before=chunk.page_break_before,
        level=level,
    )


def is_pipe_table(lines: tuple[Line, ...]) -> bool:
    """A GitHub pipe table: rows of `|`-separated cells, the second a row of `---`."""
    rows = [line.text.strip() for line in lines]
    return len(rows) >= 2 and all(row.startswith("|") for row in rows) and bool(TABLE_RULE.match(rows[1]))


def chunk_blocks(chunk: Chunk, vocabulary: Vocabulary) -> list[Block]:
    """One chunk -> a heading, a paragraph, or list items (with any lead-in paragraph)."""
    first = chunk.lines[0].text.strip()
    if len(chunk.lines) == 1 and (match := MARKDOWN_HEADING.match(first)):
        return [_block(BlockKind.HEADING, match.group(2), chunk.lines, chunk, len(match.group(1)))]
    if is_pipe_table(chunk.lines):
        text = "\n".join(line.text.strip() for line in chunk.lines)
        return [_block(BlockKind.TABLE, text, chunk.lines, chunk)]
    groups: list[list[Line]] = []
    next_number = 0
    for line in chunk.lines:
        # A number opens an item mid-chunk only if it continues the chunk's
        # numbering: a wrapped line may begin "12." by chance.
        numbered = NUMBERED_ITEM.match(line.text)
        continues_numbering = numbered is not None and int(numbered.group(1)) == next_number
        # Footnotes printed one per line, without blank lines between them.
        note_label = NOTE_LABEL_START.match(line.text) is not None
        bullet = UNORDERED_BULLET.match(line.text) is not None
        if not groups or bullet or continues_numbering or note_label:
            groups.append([line])
            # A bullet between numbered items (a sub-list) leaves the numbering where it was.
            next_number = int(numbered.group(1)) + 1 if numbered else next_number if bullet else 0
        else:
            groups[-1].append(line)
    blocks = []
    for group in groups:
        lines = tuple(group)
        is_item = bool(BULLET.match(group[0].text))
        texts = [UNORDERED_BULLET.sub("", line.text, count=1) if is_item else line.text for line in group]
        text = join_wrapped(texts, vocabulary)
        if is_item:
            kind = BlockKind.LIST_ITEM
        elif len(chunk.lines) == 1 and _looks_like_heading(text):
            kind = BlockKind.HEADING
        else:
            kind = BlockKind.PARAGRAPH
        blocks.append(_block(kind, text, lines, chunk))
    return blocks


def layout_blocks(source: SourceDocument) -> CleanedDocument:
    chunks = list(split_chunks(source.lines))
    edges = page_edges(chunks)
    repeats = count_repeats(chunks, edges)
    vocabulary = Vocabulary("\n".join(line.text for line in source.lines))
    blocks: list[Block] = []
    removed: list[Removed] = []
    after_removal = False
    for chunk, at_edge in zip(chunks, edges, strict=True):
        code = furniture_code(chunk, at_edge, repeats)
        if code:
            removed.append(Removed(code, chunk.text, chunk.lines[0].number))
            after_removal = True
            continue
        for block in chunk_blocks(chunk, vocabulary):
            if after_removal:
                block = _with_page_break(block)
                after_removal = False
            blocks.append(block)
    return CleanedDocument(source, tuple(blocks), tuple(removed))


def _with_page_break(block: Block) -> Block:
    return replace(block, page_break_before=True)


CLOSING = "'\"’”)]*_"  # what may follow a sentence's final stop (TERMINAL's second class)
STOPS = ".!?:;…"  # TERMINAL's first class


def ends_open(block: Block) -> bool:
    """True when a block stops mid-sentence (no closing punctuation).

    Only the block's end is read (from the last text part backwards), so that
    a paragraph mended from many pieces is not read whole at every piece."""
    if block.parts and not isinstance(block.parts[-1], str):
        return False  # a closing note marker follows the sentence's end
    for part in reversed(block.parts):
        if isinstance(part, str) and (text := part.rstrip()):
            end = text.rstrip(CLOSING)
            return not end or end[-1] not in STOPS
    return False


def continues_previous(previous: Block, block: Block) -> bool:
    """Does `block` carry on the sentence that `previous` left open?

    A "heading" followed by lower case was the short first half of a
    paragraph; an indented block may continue any open paragraph or item.
    """
    if block.kind in (BlockKind.HEADING, BlockKind.TABLE) or previous.kind is BlockKind.TABLE:
        return False
    if not ends_open(previous):
        return False
    lowercase = block.text.lstrip()[:1].islower()
    if previous.kind is BlockKind.HEADING:
        return lowercase
    return lowercase or block.indented


def _merge(first: Block, second: Block) -> Block:
    parts: list[Inline] = list(first.parts)
    tail: list[Inline] = list(second.parts)
    last, head = (parts[-1], tail[0]) if parts and tail else (None, None)
    if isinstance(last, str) and isinstance(head, str):
        parts[-1] = last.rstrip() + " " + head.lstrip()
        tail.pop(0)
    else:
        parts.append(" ")
    kind = BlockKind.PARAGRAPH if first.kind is BlockKind.HEADING else first.kind
    return Block(
        kind,
        (*parts, *tail),
        first.line,
        second.end_line,
        first.indented,
        first.page_break_before,
    )


def rejoin_page_splits(blocks: Iterable[Block]) -> tuple[Block, ...]:
    """Mend a paragraph or item that a page break (or a footnote) cut in two."""
    result: list[Block] = []
    for block in blocks:
        if result and continues_previous(result[-1], block):
            result[-1] = _merge(result[-1], block)
        else:
            result.append(block)
    return tuple(result)
