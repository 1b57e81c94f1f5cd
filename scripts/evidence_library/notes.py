"""Notes stage: pair note markers in the text with the notes' definitions.

Definitions come in two layouts:

* footnotes: a paragraph that starts with a note label (``¹``, ``[1]``,
  ``[^1]:``) wherever a PDF page ended, possibly running on over blank lines;
* an endnote list under a heading such as "Notes" or "End notes", whose
  items may be numbered (``1.``, ``1 ``) or not (the number is then its
  place in the list).

Markers are accepted only where a definition with that number exists, so a
number that is part of the text is never taken for a note. A marker or a
definition left unpaired is kept on the page and reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .clean import ends_open
from .diagnostics import Diagnostic, Location, Severity
from .model import Block, BlockKind, CleanedDocument, Inline, Note, NotedDocument, NoteRef, Removed

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
NOTES_HEADING = re.compile(
    r"^(?:end\s*notes?|notes?|foot\s*notes?|references|sources|notes and references)\s*:?$",
    re.IGNORECASE,
)
LABEL = r"(?:(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|\[\^?(?P<bracket>\d{1,3})\]|\^(?P<caret>\d{1,3}))"
DEFINITION = re.compile(rf"^\s*{LABEL}:?\s*(?P<text>\S.*)$", re.DOTALL)
LIST_NUMBER = re.compile(r"^\s*(?P<number>\d{1,3})(?:[.):]\s*|\s+)(?P<text>\S.*)$", re.DOTALL)
MARKER = re.compile(rf"(?<=\S){LABEL}(?!\()")
CONTINUATION_START = re.compile(r"^(?:<?(?:https?://|www\.)|[\[(]?(?:last\s+)?accessed\b)", re.I)
OPEN_END = re.compile(r"(?:[:,&–-]|\b(?:and|in|of|the|at|to))$")
MAX_LIST_GAP = 5  # a leading number further ahead than this is text, not a label


@dataclass(frozen=True)
class Definition:
    number: int
    text: str
    line: int


def _label_number(match: re.Match[str]) -> int:
    raw = match.group("sup") or match.group("bracket") or match.group("caret")
    return int(raw.translate(SUPERSCRIPT_DIGITS))


def footnote_definition(block: Block) -> Definition | None:
    if block.kind is BlockKind.HEADING:
        return None
    match = DEFINITION.match(block.text)
    if not match:
        return None
    return Definition(_label_number(match), match.group("text").strip(), block.line)


def continues_definition(definition: Definition, block: Block, paragraph_waiting: bool) -> bool:
    """Is `block` the rest of a footnote that ran over a blank line?"""
    if block.kind is BlockKind.HEADING or footnote_definition(block):
        return False
    start = block.text.lstrip()
    if CONTINUATION_START.match(start):
        return True
    lowercase = start[:1].islower() or start[:1] in "<([*"
    return lowercase and (bool(OPEN_END.search(definition.text)) or not paragraph_waiting)


def _extend(definition: Definition, block: Block) -> Definition:
    return replace(definition, text=f"{definition.text} {block.text.strip()}")


def endnote_list(blocks: Sequence[Block], start: int) -> tuple[list[Definition], int]:
    """Read the items after a notes heading; return them and the index after the list."""
    definitions: list[Definition] = []
    index = start
    while index < len(blocks) and blocks[index].kind is not BlockKind.HEADING:
        block = blocks[index]
        expected = definitions[-1].number + 1 if definitions else 1
        labelled = DEFINITION.match(block.text)
        numbered = LIST_NUMBER.match(block.text)
        if labelled:
            definitions.append(Definition(_label_number(labelled), labelled.group("text"), block.line))
        elif numbered and expected <= int(numbered.group("number")) < expected + MAX_LIST_GAP:
            definitions.append(Definition(int(numbered.group("number")), numbered.group("text"), block.line))
        elif definitions and continues_definition(definitions[-1], block, paragraph_waiting=False):
            definitions[-1] = _extend(definitions[-1], block)
        elif block.kind is BlockKind.LIST_ITEM:
            definitions.append(Definition(expected, block.text.strip(), block.line))
        else:
            break  # prose after the list: the list has ended
        index += 1
    return definitions, index


def collect_definitions(blocks: Sequence[Block]) -> tuple[list[Block], list[Definition], list[Removed]]:
    """Split blocks into body blocks and note definitions."""
    body: list[Block] = []
    definitions: list[Definition] = []
    removed: list[Removed] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind is BlockKind.HEADING and NOTES_HEADING.match(block.text):
            found, after = endnote_list(blocks, index + 1)
            if found:
                definitions.extend(found)
                removed.append(Removed("notes.heading", block.text, block.line))
                index = after
                continue
        definition = footnote_definition(block)
        if definition is None:
            body.append(block)
            index += 1
            continue
        index += 1
        waiting = bool(body) and ends_open(body[-1])
        while index < len(blocks) and continues_definition(definition, blocks[index], waiting):
            definition = _extend(definition, blocks[index])
            index += 1
        definitions.append(definition)
    return body, definitions, removed


def split_markers(block: Block, known: set[int], path: str, problems: list[Diagnostic]) -> Block:
    """Replace each marker that has a definition by a NoteRef; report the rest."""
    parts: list[Inline] = []
    for part in block.parts:
        if not isinstance(part, str):
            parts.append(part)
            continue
        position = 0
        for match in MARKER.finditer(part):
            number = _label_number(match)
            if number not in known:
                if not match.group("bracket") or known:
                    problems.append(_orphan_marker(match.group(0), number, block, path))
                continue
            parts.extend([part[position : match.start()], NoteRef(number, block.line, match.group(0))])
            position = match.end()
        parts.append(part[position:])
    kept = tuple(p for p in parts if p != "")
    return replace(block, parts=kept)


def _orphan_marker(raw: str, number: int, block: Block, path: str) -> Diagnostic:
    return Diagnostic(
        "notes.orphan-marker",
        Severity.WARNING,
        Location(path, block.line),
        f"note marker {number} ('{raw}') has no note text; it is shown as written",
        f"add note {number}'s text to the source, or remove the marker",
        excerpt=block.text,
    )


def order_notes(
    body: Sequence[Block], definitions: Sequence[Definition], path: str, problems: list[Diagnostic]
) -> tuple[tuple[Note, ...], tuple[Note, ...]]:
    """Notes in order of first reference; unreferenced or duplicate ones apart."""
    by_number: dict[int, Definition] = {}
    spare: list[Definition] = []
    for definition in definitions:
        if definition.number in by_number:
            problems.append(
                Diagnostic(
                    "notes.duplicate-definition",
                    Severity.WARNING,
                    Location(path, definition.line),
                    f"note {definition.number} is defined twice (first at line "
                    f"{by_number[definition.number].line}); this one is kept apart",
                    "renumber or merge the two notes",
                    excerpt=definition.text,
                )
            )
            spare.append(definition)
        else:
            by_number[definition.number] = definition
    referenced: dict[int, None] = {}
    for block in body:
        for part in block.parts:
            if isinstance(part, NoteRef):
                referenced.setdefault(part.number)
    notes = tuple(_note(by_number[n]) for n in referenced)
    unreferenced = [d for n, d in sorted(by_number.items()) if n not in referenced]
    for definition in unreferenced:
        problems.append(
            Diagnostic(
                "notes.orphan-definition",
                Severity.WARNING,
                Location(path, definition.line),
                f"note {definition.number} has no marker in the text; it is kept at the end of the page",
                f"add the marker {definition.number} where the note belongs",
                excerpt=definition.text,
            )
        )
    return notes, tuple(_note(d) for d in (*unreferenced, *spare))


def _note(definition: Definition) -> Note:
    return Note(definition.number, " ".join(definition.text.split()), definition.line)


def extract_notes(cleaned: CleanedDocument) -> tuple[NotedDocument, tuple[Diagnostic, ...]]:
    path = cleaned.source.path
    problems: list[Diagnostic] = []
    body, definitions, removed = collect_definitions(cleaned.blocks)
    known = {d.number for d in definitions}
    marked = [split_markers(block, known, path, problems) for block in body]
    notes, orphans = order_notes(marked, definitions, path, problems)
    document = NotedDocument(cleaned.source, tuple(marked), notes, orphans, (*cleaned.removed, *removed))
    return document, tuple(problems)
