"""Which recommendations each cited work supports, and who the works are by. Pure: no I/O.

A work supports a recommendation when a note citing it is marked in the
same paragraph (or list item) as the recommendation: the paragraph is
where the argument for the recommendation stands. A position knows the
first source line of its block, and a block knows the notes marked in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from evidence_library.evidence.bibtex_text import decode
from evidence_library.evidence.library import split_names
from evidence_library.model import Bibliography, NoteRef, Position, ResponsePage, Work


@dataclass(frozen=True)
class Support:
    """A recommendation, with the response it stands in."""

    page: ResponsePage
    position: Position


def notes_by_line(page: ResponsePage) -> dict[int, list[int]]:
    """A block's first line -> the note numbers marked in it."""
    found: dict[int, list[int]] = {}
    for block in page.body:
        numbers = [part.number for part in block.parts if isinstance(part, NoteRef)]
        if numbers:
            found.setdefault(block.line, []).extend(numbers)
    return found


Marked = Mapping[str, Mapping[int, Sequence[int]]]  # slug -> `notes_by_line` of the page


def supported_recommendations(
    pages: Sequence[ResponsePage], bibliography: Bibliography, marked: Marked | None = None
) -> dict[str, tuple[Support, ...]]:
    """Work key -> the recommendations it supports, oldest response first, each once. `marked` gives
    each page's `notes_by_line` when the pages come without their body (page summaries)."""
    supports: dict[str, list[Support]] = defaultdict(list)
    for page in sorted(pages, key=lambda p: (p.source.metadata.date, p.source.slug)):
        notes = marked[page.source.slug] if marked is not None else notes_by_line(page)
        for position in page.positions:
            keys = {
                key
                for number in notes.get(position.line, ())
                for key in bibliography.note_keys.get((page.source.slug, number), ())
            }
            for key in sorted(keys):
                supports[key].append(Support(page, position))
    return {key: tuple(found) for key, found in supports.items()}


def cited_organisations(work: Work) -> tuple[str, ...]:
    """The organisations a work is by: its corporate authors ('{HM Inspectorate of Probation}')
    and its institution, as plain text, each once."""
    names = [decode(name) for name in split_names(work.raw("author")) if _corporate(name)]
    if work.field("institution"):
        names.append(work.field("institution"))
    return tuple(dict.fromkeys(name.strip() for name in names if name.strip()))


def cited_people(work: Work) -> tuple[str, ...]:
    """The people a work is by, as 'Family, Given' text ("et al." left out)."""
    names = [decode(name) for name in split_names(work.raw("author")) if not _corporate(name)]
    return tuple(dict.fromkeys(name for name in names if name and name != "others"))


def _corporate(name: str) -> bool:
    return name.startswith("{") and name.endswith("}")
