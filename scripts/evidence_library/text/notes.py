"""Notes stage: pair note markers in the text with the notes' definitions.

Definitions come in two layouts:

* footnotes: a paragraph that starts with a note label (``¹``, ``[1]``,
  ``[^1]:``, or a plain ``1`` when marker 1 has been seen and note 1 is the
  next one due) wherever a PDF page ended, possibly running on over blank
  lines, or a paragraph whose number follows its text (as pdftotext prints
  Word footnotes);
* an endnote list under a heading such as "Notes" or "End notes", whose
  items may be numbered (``1.``, ``1 ``) or not (the number is then its
  place in the list).

Markers are explicit (``¹``, ``[1]``, ``[^1]``, ``^1``) or plain digits glued
to a word or punctuation (``survey2``, ``reduced.12``, ``need(3)``). A marker
is accepted only where a definition with that number exists, and a glued
one only where it comes next in the sequence of notes, so that a number in
the text (``in 2016``, ``5%``, ``p.30``) is never taken for a note. A
marker or a definition left unpaired is kept on the page and reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from evidence_library.diagnostics import Diagnostic, Location, Severity
from evidence_library.model import (
    Block,
    BlockKind,
    CleanedDocument,
    Inline,
    Note,
    NotedDocument,
    NoteRef,
    Removed,
)
from evidence_library.text.clean import ends_open

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
NOTES_HEADING = re.compile(
    r"^(?:end\s*notes?|notes?|foot\s*notes?|references|sources|notes and references)\s*:?$",
    re.IGNORECASE,
)
LABEL = r"(?:(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|\[\^?(?P<bracket>\d{1,3})\]|\^(?P<caret>\d{1,3}))"
DEFINITION = re.compile(rf"^\s*{LABEL}:?\s*(?P<text>\S.*)$", re.DOTALL)
LIST_NUMBER = re.compile(r"^\s*(?P<number>\d{1,3})(?:[.):]\s*|\s+)(?P<text>\S.*)$", re.DOTALL)
MARKER = re.compile(rf"(?<=\S){LABEL}(?!\()")
GLUED = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[.,;:!?)'\"’”]))(?P<glued>\d{1,3})(?=[\s.,;:!?)]|$)"
    r"|(?<=\S)\((?P<paren>\d{1,3})\)"
)
TRAILING_NUMBER = re.compile(r"^(?P<text>\S.*?\S)\s+(?P<number>\d{1,3})$", re.DOTALL)
MAX_GLUED_GAP = 3
CONTINUATION_START = re.compile(r"^(?:<?(?:https?://|www\.)|[\[(]?(?:last\s+)?accessed\b)", re.I)
OPEN_END = re.compile(r"(?:[:,&–-]|\b(?:and|in|of|the|at|to))$")
MAX_LIST_GAP = 5  # a leading number further ahead than this is text, not a label
CARET_DEFINITION = re.compile(r"^\s*\[\^\d{1,3}\]:")


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


def _plausible_next(number: int, expected: int, first: bool) -> bool:
    """A list may start at any number; after that a label must come next, give or take a gap."""
    return first or expected <= number < expected + MAX_LIST_GAP


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
        elif numbered and _plausible_next(int(numbered.group("number")), expected, first=not definitions):
            definitions.append(Definition(int(numbered.group("number")), numbered.group("text"), block.line))
        elif definitions and continues_definition(definitions[-1], block, paragraph_waiting=False):
            definitions[-1] = _extend(definitions[-1], block)
        elif block.kind is BlockKind.LIST_ITEM:
            definitions.append(Definition(expected, block.text.strip(), block.line))
        else:
            break  # prose after the list: the list has ended
        index += 1
    return definitions, index


def candidate_numbers(block: Block) -> set[int]:
    """Every number that could be a note marker in this block, of any shape."""
    numbers = {_label_number(m) for m in MARKER.finditer(block.text)}
    for match in GLUED.finditer(block.text):
        numbers.add(int(match.group("glued") or match.group("paren")))
    return numbers


def plain_definition(block: Block, seen: Callable[[], set[int]], defined: set[int]) -> Definition | None:
    """A footnote labelled by a plain number, before or after its text.

    Only the next note due counts, and only once its marker has been seen,
    so a numbered list in the argument is not taken for notes."""
    if block.kind is BlockKind.HEADING:
        return None
    expected = max(defined, default=0) + 1
    for pattern in (LIST_NUMBER, TRAILING_NUMBER):
        match = pattern.match(block.text.strip())
        number = int(match.group("number")) if match else 0
        if match and expected <= number < expected + MAX_LIST_GAP and number in seen():
            return Definition(number, match.group("text").strip(), block.line)
    return None


def has_caret_definitions(blocks: Sequence[Block]) -> bool:
    """Notes written `[^n]: text`, as `add` writes a Word or OpenDocument file's own notes:
    then only `[^n]` is a marker and only `[^n]:` a definition; nothing else is guessed."""
    return any(CARET_DEFINITION.match(block.text) for block in blocks if block.kind is not BlockKind.HEADING)


def has_endnote_list(blocks: Sequence[Block]) -> bool:
    return any(b.kind is BlockKind.HEADING and NOTES_HEADING.match(b.text) for b in blocks)


@dataclass
class _Collector:
    """The state of one pass over the blocks, looking for definitions."""

    blocks: Sequence[Block]
    plain_labels: bool
    caret_only: bool
    body: list[Block]
    definitions: list[Definition]
    removed: list[Removed]
    seen: set[int]
    labelled: set[int]  # numbers some block defines with an explicit label ("¹ ...", "[^1]: ...")
    scanned: int = 0  # body blocks whose candidate markers are in `seen`

    def seen_markers(self) -> set[int]:
        """Marker numbers in the body so far; scanned only when a plain number needs them."""
        for block in self.body[self.scanned :]:
            self.seen |= candidate_numbers(block)
        self.scanned = len(self.body)
        return self.seen

    def definition_at(self, block: Block) -> Definition | None:
        if self.caret_only:
            return footnote_definition(block) if CARET_DEFINITION.match(block.text) else None
        found = footnote_definition(block)
        if found is None and self.plain_labels:
            found = plain_definition(block, self.seen_markers, {d.number for d in self.definitions})
            if found is not None and found.number in self.labelled:
                return None  # "1. item" in a list, when note 1 is defined with its label elsewhere
        return found

    def take_endnotes(self, index: int) -> int | None:
        found, after = endnote_list(self.blocks, index + 1)
        if not found:
            return None
        self.definitions.extend(found)
        self.removed.append(Removed("notes.heading", self.blocks[index].text, self.blocks[index].line))
        return after

    def reclaim_head(self, definition: Definition, block: Block) -> Definition:
        """A note whose number follows its text may have begun a blank line earlier
        ("... Online:" then the address and the number): take that start back."""
        if not self.body or not TRAILING_NUMBER.match(block.text.strip()):
            return definition
        head = self.body[-1]
        if head.kind is BlockKind.HEADING or candidate_numbers(head) or not OPEN_END.search(head.text):
            return definition
        if not continues_definition(Definition(0, head.text, head.line), block, paragraph_waiting=False):
            return definition
        self.body.pop()
        self.scanned = min(self.scanned, len(self.body))
        return Definition(definition.number, f"{head.text.strip()} {definition.text}", head.line)

    def take_footnote(self, definition: Definition, index: int) -> int:
        waiting = bool(self.body) and ends_open(self.body[-1])
        while index < len(self.blocks) and continues_definition(definition, self.blocks[index], waiting):
            definition = _extend(definition, self.blocks[index])
            index += 1
        self.definitions.append(definition)
        return index


def collect_definitions(blocks: Sequence[Block]) -> tuple[list[Block], list[Definition], list[Removed]]:
    """Split blocks into body blocks and note definitions."""
    caret_only = has_caret_definitions(blocks)
    labelled = {d.number for d in map(footnote_definition, blocks) if d is not None}
    plain = not caret_only and not has_endnote_list(blocks)
    state = _Collector(blocks, plain, caret_only, [], [], [], set(), labelled)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if not caret_only and block.kind is BlockKind.HEADING and NOTES_HEADING.match(block.text):
            after = state.take_endnotes(index)
            if after is not None:
                index = after
                continue
        definition = state.definition_at(block)
        if definition is None:
            state.body.append(block)
            index += 1
        else:
            index = state.take_footnote(state.reclaim_head(definition, block), index + 1)
    return state.body, state.definitions, state.removed


@dataclass
class _MarkerScan:
    """Markers accepted so far while reading the body in order."""

    known: set[int]
    path: str
    problems: list[Diagnostic]
    explicit: set[int]
    caret_only: bool = False
    last_glued: int = 0

    def accepts_glued(self, number: int) -> bool:
        # The sequence starts just before the first note that no explicit marker claims.
        floor = self.last_glued or min(self.known - self.explicit, default=1) - 1
        fits = floor < number <= floor + MAX_GLUED_GAP
        if number in self.known and number not in self.explicit and fits:
            self.last_glued = number
            return True
        return False

    def split(self, block: Block) -> Block:
        parts: list[Inline] = []
        for part in block.parts:
            if isinstance(part, str):
                parts.extend(self._split_text(part, block))
            else:
                parts.append(part)
        return replace(block, parts=tuple(p for p in parts if p != ""))

    def _split_text(self, text: str, block: Block) -> list[Inline]:
        parts: list[Inline] = []
        position = 0
        # Glued digits matter only for notes that no explicit marker claims.
        glued = GLUED.finditer(text) if self.known - self.explicit else ()
        for match in sorted([*MARKER.finditer(text), *glued], key=lambda m: m.start()):
            if match.start() < position or not self._accepts(match, block):
                continue
            number = self._number(match)
            parts += [text[position : match.start()], NoteRef(number, block.line, match.group(0))]
            position = match.end()
        parts.append(text[position:])
        return parts

    @staticmethod
    def _number(match: re.Match[str]) -> int:
        if match.re is GLUED:
            return int(match.group("glued") or match.group("paren"))
        return _label_number(match)

    def _accepts(self, match: re.Match[str], block: Block) -> bool:
        number = self._number(match)
        if self.caret_only and not match.group(0).startswith("[^"):
            return False  # a '²' or '[2]' in a Word file's text is what it says
        if match.re is GLUED:
            return self.accepts_glued(number)
        if number in self.known:
            return True
        if not match.group("bracket") or self.known:
            self.problems.append(_orphan_marker(match.group(0), number, block, self.path))
        return False


def explicit_numbers(blocks: Sequence[Block]) -> set[int]:
    return {_label_number(m) for block in blocks for m in MARKER.finditer(block.text)}


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
    caret_only = has_caret_definitions(cleaned.blocks)
    scan = _MarkerScan(known, path, problems, explicit_numbers(body) & known, caret_only)
    marked = [scan.split(block) for block in body]
    notes, orphans = order_notes(marked, definitions, path, problems)
    document = NotedDocument(cleaned.source, tuple(marked), notes, orphans, (*cleaned.removed, *removed))
    return document, tuple(problems)
