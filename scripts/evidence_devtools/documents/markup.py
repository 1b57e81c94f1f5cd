"""Read a corpus text: YAML front matter (the truth about the header), then a small markup.

    ## Section heading            ### Sub-section heading
    A paragraph, *italic* words, a note^[Its text, *with a title*.] anywhere.
    - a bulleted item             1. a numbered item
    | header | row |              > a sidebar paragraph (key facts or a quote)
    | cell   | cell |

Blocks are separated by blank lines; the lines of a paragraph are joined with a
space. Notes are numbered in order of reference, as Word numbers them.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from evidence_devtools.documents.model import (
    HEADER_FIELDS,
    Block,
    DocumentText,
    Inline,
    Kind,
    Note,
    NoteMark,
    Run,
    TitleLine,
)

HEADING = re.compile(r"^(#{2,3}) (.+)$")
NUMBERED = re.compile(r"^\d{1,2}\. ")
TEXTS = Path(__file__).resolve().parent / "texts"
SPLITS = {"dev": TEXTS, "held-out": TEXTS / "held-out"}


class MarkupError(ValueError):
    pass


def parse_runs(text: str) -> tuple[Run, ...]:
    """Plain text with *italic* spans."""
    runs = []
    for index, piece in enumerate(text.split("*")):
        if piece:
            runs.append(Run(piece, italic=index % 2 == 1))
    if text.count("*") % 2:
        raise MarkupError(f"unbalanced '*' in: {text}")
    return tuple(runs)


def _note_end(text: str, start: int) -> int:
    """The index of the ']' that closes the note opened at `start` ('^[')."""
    depth = 0
    for index in range(start + 1, len(text)):
        depth += {"[": 1, "]": -1}.get(text[index], 0)
        if depth == 0:
            return index
    raise MarkupError(f"a note is never closed: {text[start : start + 60]}")


def parse_inline(text: str, notes: list[Note]) -> tuple[Inline, ...]:
    """Text with notes (^[...]); each new note is appended to `notes`."""
    parts: list[Inline] = []
    position = 0
    while (start := text.find("^[", position)) >= 0:
        end = _note_end(text, start)
        parts += parse_runs(text[position:start])
        notes.append(Note(len(notes) + 1, parse_runs(text[start + 2 : end])))
        parts.append(NoteMark(len(notes)))
        position = end + 1
    parts += parse_runs(text[position:])
    return tuple(parts)


def _table(lines: list[str]) -> Block:
    rows = tuple(tuple(cell.strip() for cell in line.strip().strip("|").split("|")) for line in lines)
    if len({len(row) for row in rows}) != 1:
        raise MarkupError(f"a table's rows differ in length: {lines[0]}")
    return Block(Kind.TABLE, rows=rows)


def parse_block(lines: list[str], notes: list[Note]) -> Block:
    first = lines[0]
    if heading := HEADING.match(first):
        return Block(Kind.HEADING, (parse_inline(heading.group(2), notes),), level=len(heading.group(1)))
    if first.startswith("- "):
        return Block(Kind.BULLETS, tuple(parse_inline(line[2:], notes) for line in lines))
    if NUMBERED.match(first):
        return Block(Kind.NUMBERED, tuple(parse_inline(NUMBERED.sub("", line), notes) for line in lines))
    if first.startswith("|"):
        return _table(lines)
    if first.startswith("> "):
        return Block(Kind.SIDEBAR, tuple(parse_inline(line[2:], notes) for line in lines))
    return Block(Kind.PARAGRAPH, (parse_inline(" ".join(lines), notes),))


def parse_body(body: str) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
    notes: list[Note] = []
    chunks = [chunk.strip().split("\n") for chunk in re.split(r"\n\s*\n", body) if chunk.strip()]
    blocks = tuple(parse_block([line.strip() for line in chunk], notes) for chunk in chunks)
    return blocks, tuple(notes)


def _accepted(value: object) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    return tuple(str(v) for v in values)


def parse_text(name: str, split: str, text: str) -> DocumentText:
    _, head, body = text.split("---\n", 2)
    data = yaml.safe_load(head)
    blocks, notes = parse_body(body)
    return DocumentText(
        name=name,
        split=split,
        header={field: _accepted(data[field]) for field in HEADER_FIELDS},
        note_kind=data["notes"],
        title_style=data.get("title_style", "heading"),
        title_block=tuple(TitleLine(role, line) for role, line in data["title_block"]),
        running_header=data["running_header"],
        properties={key: str(value) for key, value in (data.get("properties") or {}).items()},
        blocks=blocks,
        notes=notes,
    )


def load_texts(split: str = "dev") -> tuple[DocumentText, ...]:
    """The corpus texts of one split, sorted by name."""
    folder = SPLITS[split]
    return tuple(
        parse_text(path.stem, split, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.txt"))
    )
