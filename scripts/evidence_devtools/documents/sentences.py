"""A document's known text as sentences of words, with the notes' markers placed on words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from evidence_devtools.documents import words
from evidence_devtools.documents.model import Block, DocumentText, Inline, Kind, NoteMark, Sentence

SENTENCE_END = re.compile(r"(?<=[.!?])[’”)]?\s+(?=[A-Z“‘(])")


def inline_text(parts: tuple[Inline, ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text, and each note's (number, character offset of its marker)."""
    text, marks = "", []
    for part in parts:
        if isinstance(part, NoteMark):
            marks.append((part.number, len(text)))
        else:
            text += part.text
    return text, tuple(marks)


def split_sentences(parts: tuple[Inline, ...], origin: str) -> Iterator[Sentence]:
    text, marks = inline_text(parts)
    start = 0
    ends = [m.start() for m in SENTENCE_END.finditer(text)] + [len(text)]
    for end in ends:
        piece = text[start:end]
        notes = tuple(
            (number, len(words.words(text[start:offset])) - 1)
            for number, offset in marks
            if start < offset <= end
        )
        found = words.words(piece)
        if found:
            yield Sentence(found, notes, origin)
        start = end


def block_sentences(block: Block) -> Iterator[Sentence]:
    if block.kind is Kind.TABLE:
        for row in block.rows:
            yield from (Sentence(words.words(cell), (), "table") for cell in row if words.words(cell))
        return
    for item in block.items:
        yield from split_sentences(item, block.kind.value)


def known_sentences(document: DocumentText) -> tuple[Sentence, ...]:
    """Every sentence of the body (headings, paragraphs, list items, cells, sidebars), in order."""
    return tuple(sentence for block in document.blocks for sentence in block_sentences(block))


def note_anchors(document: DocumentText) -> dict[int, str]:
    """Each note's number -> the word its marker follows."""
    anchors = {}
    for sentence in known_sentences(document):
        for number, index in sentence.notes:
            anchors[number] = sentence.words[index]
    return anchors


def headings(document: DocumentText) -> tuple[tuple[tuple[str, ...], int], ...]:
    """Each section heading's words and level (2 or 3)."""
    return tuple(
        (words.words(inline_text(block.items[0])[0]), block.level)
        for block in document.blocks
        if block.kind is Kind.HEADING
    )


def document_vocabulary(document: DocumentText, furniture: tuple[str, ...] = ()) -> frozenset[str]:
    """Every word the document prints: body, notes, title block and page furniture."""
    found: set[str] = set()
    for sentence in known_sentences(document):
        found.update(sentence.words)
    for block in document.blocks:
        if block.kind is Kind.NUMBERED:
            found.update(str(number) for number in range(1, len(block.items) + 1))
    for text in (
        *(note.text for note in document.notes),
        *(line.text for line in document.title_block),
        document.running_header,
        *furniture,
    ):
        found.update(words.words(text))
    return frozenset(found)
