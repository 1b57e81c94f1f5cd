"""Citations stage: what each note cites.

So far this resolves back-references: a note that says "Ibid." (or a typo of
it, such as "ibic") or "op. cit." points at the note it repeats, keeping any
page it adds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .diagnostics import Diagnostic, Location, Severity
from .model import Note

LEADING_WORD = re.compile(r"^\W*([A-Za-z]+)")
PAGE_ONLY = re.compile(r"^[.,;:]*\s*(?:(?:p|pp|page|para)\.?\s*)?[\divxlc\-–, ]*\.?$", re.IGNORECASE)
OP_CIT = re.compile(r"\bop\.?\s*cit\b\.?", re.IGNORECASE)
SURNAME = re.compile(r"^\W*([A-Z][A-Za-z'’-]+)")


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def is_ibid(text: str) -> bool:
    """'Ibid.', 'ibid', 'Ibid., p. 12', 'ibidem', and one-letter typos such as 'ibic'.

    A typo counts only when nothing but punctuation or a page follows it, so
    that 'Ibis Trust report' stays a citation."""
    match = LEADING_WORD.match(text)
    if not match:
        return False
    word = match.group(1).lower()
    if word in ("ibid", "ibidem"):
        return True
    rest = text[match.end() :].strip()
    return (
        word[:1] in "il"
        and len(word) in (3, 4, 5)
        and edit_distance(word, "ibid") <= 1
        and (not rest or bool(PAGE_ONLY.match(rest)))
    )


def _op_cit_target(note: Note, earlier: Sequence[Note]) -> int | None:
    surname = SURNAME.match(note.text)
    if not surname:
        return None
    for candidate in reversed(earlier):
        if candidate.refers_to is None and candidate.text.startswith(surname.group(1)):
            return candidate.number
    return None


def resolve_back_references(
    notes: Sequence[Note], path: str
) -> tuple[tuple[Note, ...], tuple[Diagnostic, ...]]:
    """Point ibid and op. cit. notes at the note they repeat (in reading order)."""
    resolved: list[Note] = []
    problems: list[Diagnostic] = []
    for note in notes:
        target: int | None = None
        if is_ibid(note.text):
            previous = resolved[-1] if resolved else None
            target = (previous.refers_to or previous.number) if previous else None
        elif OP_CIT.search(note.text):
            target = _op_cit_target(note, resolved)
        else:
            resolved.append(note)
            continue
        if target is None:
            problems.append(
                Diagnostic(
                    "citations.unresolved-back-reference",
                    Severity.WARNING,
                    Location(path, note.line),
                    f"note {note.number} repeats an earlier source, but none could be found",
                    "write the source out in full in this note",
                    excerpt=note.text,
                )
            )
        resolved.append(replace(note, refers_to=target))
    return tuple(resolved), tuple(problems)
