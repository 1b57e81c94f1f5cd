"""Blocks and notes -> the source text format (the one `ingest/pandoc_text.py` writes for Word files).

Headings as ``#`` to ``######``, one line per paragraph, ``- item`` and
``1. item`` lines, blocks separated by a blank line. Notes are listed in the
order of their markers in the text, as ``[^n]: text`` at the end, with
``[^n]`` glued to the text before the marker; ``n`` is the number the PDF
prints, unless the numbers repeat (numbering that starts again on each page),
when the notes are numbered 1, 2, 3… in order of reference. A
marker is paired with the note of its printed number found on its page or
the nearest page after it (footnotes), else anywhere (endnotes). A marker
without a note is written back as superscript digits, which the notes stage
reports; a note without a marker is listed last, which it reports too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evidence_library.ingest.pdf.blocks import BULLET, Kind, TextBlock
from evidence_library.ingest.pdf.boxes import MARK_CLOSE, MARK_OPEN

MARKER = re.compile(rf"\s*{MARK_OPEN}(\d+){MARK_CLOSE}")
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class NotePairing:
    """Printed note numbers -> the notes in order of reference, labelled with their printed numbers
    when those are unique in the document, else numbered 1, 2, 3… in that order."""

    def __init__(self, notes: Sequence[tuple[int, int, str]]) -> None:
        self._notes = list(notes)  # (printed number, page, text)
        self._used: set[int] = set()
        numbers = [note[0] for note in self._notes]
        self._printed = len(set(numbers)) == len(numbers)
        self.written: list[tuple[int, str]] = []  # (label, text), in order of reference

    def _find(self, number: int, page: int) -> int | None:
        candidates = [i for i, n in enumerate(self._notes) if n[0] == number and i not in self._used]
        after = [i for i in candidates if self._notes[i][1] >= page]
        chosen = after or candidates
        return min(chosen, key=lambda i: (self._notes[i][1] - page, i)) if chosen else None

    def reference(self, number: int, page: int) -> str:
        index = self._find(number, page)
        if index is None:
            return str(number).translate(SUPERSCRIPTS)
        self._used.add(index)
        label = number if self._printed else len(self.written) + 1
        self.written.append((label, self._notes[index][2]))
        return f"[^{label}]"

    def unreferenced(self) -> list[tuple[int, str]]:
        """The notes no marker points to, labelled after every other label."""
        rest = [note for i, note in enumerate(self._notes) if i not in self._used]
        start = max([label for label, _ in self.written] + [n[0] for n in rest if self._printed], default=0)
        return [(note[0] if self._printed else start + k, note[2]) for k, note in enumerate(rest, start=1)]


def _with_references(text: str, page: int, pairing: NotePairing) -> str:
    return MARKER.sub(lambda m: pairing.reference(int(m.group(1)), page), text)


def block_line(block: TextBlock, text: str) -> str:
    if block.kind is Kind.HEADING:
        return "#" * max(1, min(block.level, 6)) + " " + text
    if block.kind is Kind.BULLET:
        return "- " + BULLET.sub("", text, count=1)
    return text


def source_text(blocks: Sequence[TextBlock], notes: Sequence[tuple[int, int, str]]) -> str:
    """The whole document: blocks in reading order, notes as (printed number, page, text)."""
    pairing = NotePairing(notes)
    out = [block_line(block, _with_references(block.text, block.page, pairing)) for block in blocks]
    for label, text in [*pairing.written, *pairing.unreferenced()]:
        out.append(f"[^{label}]: " + MARKER.sub(lambda m: m.group(1), text).strip())
    return "\n\n".join(line for line in out if line.strip()) + "\n"
