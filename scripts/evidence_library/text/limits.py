"""Limits stage: refuse a source whose size or shape would make the build's work explode.

Pure: each check takes what an earlier stage produced and the limits, and
returns diagnostics (errors) that name the file, the line where the limit is
passed, the limit and how to fix it. See `settings.Limits` for the defaults.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from evidence_library.diagnostics import Diagnostic, Location, Severity
from evidence_library.model import Block, Note, NoteRef
from evidence_library.settings import Limits

WHERE = "extra: evidence_library: limits: in mkdocs.yml"


def _refused(path: str, line: int, code: str, message: str, setting: str, fix: str) -> Diagnostic:
    return Diagnostic(
        f"limits.{code}",
        Severity.ERROR,
        Location(path, line),
        message,
        f"{fix}; or, if the response really is this large, raise {setting} ({WHERE})",
    )


def check_source_size(raw: bytes, path: str, limits: Limits) -> Diagnostic | None:
    """A source over `max_source_bytes`, at the line where the limit is passed."""
    if len(raw) <= limits.max_source_bytes:
        return None
    line = raw.count(b"\n", 0, limits.max_source_bytes) + 1
    return _refused(
        path,
        line,
        "source-too-large",
        f"the file is {len(raw):,} bytes, more than the limit of {limits.max_source_bytes:,}",
        "max_source_bytes",
        "check that only the response's text was imported (not a whole report or a repeated paste)",
    )


def check_notes(
    notes: Sequence[Note], blocks: Sequence[Block], path: str, limits: Limits
) -> list[Diagnostic]:
    """Too many notes, or one note referenced too often."""
    problems = []
    if len(notes) > limits.max_notes:
        first_over = sorted(note.line for note in notes)[limits.max_notes]
        problems.append(
            _refused(
                path,
                first_over,
                "too-many-notes",
                f"the response has {len(notes):,} notes, more than the limit of {limits.max_notes:,}",
                "max_notes",
                "check that the notes were imported once, and split the document if it is several",
            )
        )
    counts: Counter[int] = Counter()
    for block in blocks:
        for part in block.parts:
            if isinstance(part, NoteRef):
                counts[part.number] += 1
                if counts[part.number] == limits.max_references_to_one_note + 1:
                    problems.append(_too_many_references(part, path, limits))
    return problems


def _too_many_references(ref: NoteRef, path: str, limits: Limits) -> Diagnostic:
    return _refused(
        path,
        ref.line,
        "too-many-references",
        f"note {ref.number} is referenced more than {limits.max_references_to_one_note:,} times "
        "(this is the first marker over the limit)",
        "max_references_to_one_note",
        "check the note markers: the same marker repeated this often is usually a conversion error",
    )


MARKUP = re.compile(r"[\\\[\]{}#`|&<>*_]")  # what becomes an inline construct for Python-Markdown


def markup_work(block: Block) -> int:
    """A block's length times its markup characters: what Python-Markdown's inline stage costs."""
    text = block.text
    return len(text) * len(MARKUP.findall(text))


def check_blocks(blocks: Sequence[Block], path: str, limits: Limits) -> list[Diagnostic]:
    """A paragraph, heading or list item longer than `max_block_chars`; the paragraph at which the
    response's markup work passes `max_markup_work`."""
    problems = []
    work = 0
    fix = "check the text's line breaks: paragraphs should be separated by a blank line"
    for block in blocks:
        length = len(block.text)
        if length > limits.max_block_chars:
            problems.append(
                _refused(
                    path,
                    block.line,
                    "block-too-long",
                    f"a paragraph of {length:,} characters (lines {block.line}-{block.end_line}), "
                    f"more than the limit of {limits.max_block_chars:,}",
                    "max_block_chars",
                    fix,
                )
            )
        work += markup_work(block)
        if work > limits.max_markup_work and not any(p.code == "limits.markup-work" for p in problems):
            problems.append(
                _refused(
                    path,
                    block.line,
                    "markup-work",
                    f"long paragraphs full of markup (| * _ [ ] & < …): their lengths times their markup "
                    f"characters pass the limit of {limits.max_markup_work:,} at this paragraph "
                    f"({length:,} characters)",
                    "max_markup_work",
                    fix + " (a table or list pasted without blank lines becomes one paragraph)",
                )
            )
    return problems
