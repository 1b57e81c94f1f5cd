"""Labelled references in AnyStyle's XML, read into token and label sequences.

    <dataset>
      <sequence>
        <author>Ministry of Justice</author>
        <date>(2013)</date>
        <title>Transforming Rehabilitation: A Strategy for Reform.</title>
        <note>Available at:</note>
        <url>https://www.gov.uk/...</url>
      </sequence>
    </dataset>

Each child of a sequence is one labelled span, in reading order; joining the
spans with spaces gives the note as printed. A sequence may say how many
works it cites (`works="2"`, `works="0"` for prose that cites nothing); the
labels must then split into that many (`labels.split_works`).
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from evidence_library.evidence.references.labels import FOLDED, LABELS, Span, split_works


@dataclass(frozen=True)
class LabelledNote:
    """One labelled sequence: its spans, where it came from, and the works it should split into."""

    spans: tuple[Span, ...]
    source: str  # file name
    index: int  # 0-based position in the file
    works: int | None = None  # as the file states it, when it does

    @property
    def text(self) -> str:
        return " ".join(span.text for span in self.spans)

    @property
    def tokens(self) -> list[str]:
        return [token for span in self.spans for token in span.text.split()]

    @property
    def labels(self) -> list[str]:
        return [span.label for span in self.spans for _ in span.text.split()]


class DatasetError(ValueError):
    """A labelled file that cannot be used: the file, the sequence and what is wrong."""


def _span(element: ET.Element, where: str) -> Span | None:
    if len(element):
        raise DatasetError(f"{where}: <{element.tag}> holds other elements; spans are flat")
    label = FOLDED.get(element.tag, element.tag)
    if label not in LABELS:
        raise DatasetError(f"{where}: unknown label <{element.tag}>; use one of {', '.join(LABELS)}")
    text = " ".join((element.text or "").split())
    return Span(label, text) if text else None


def read_dataset(path: Path) -> list[LabelledNote]:
    """Every sequence of one XML file; DatasetError if any is malformed."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise DatasetError(f"{path.name}: not well-formed XML: {error}") from None
    notes = []
    for index, sequence in enumerate(root.iter("sequence")):
        where = f"{path.name}: sequence {index + 1}"
        if any((child.tail or "").strip() for child in sequence) or (sequence.text or "").strip():
            raise DatasetError(f"{where}: text outside a labelled span")
        spans = tuple(s for s in (_span(child, where) for child in sequence) if s is not None)
        if not spans:
            raise DatasetError(f"{where}: an empty sequence")
        works = sequence.get("works")
        if works is not None and not works.isdigit():
            raise DatasetError(f'{where}: works="{works}" is not a number')
        note = LabelledNote(spans, path.name, index, int(works) if works is not None else None)
        if note.works is not None and len(split_works(spans)) != note.works:
            found = len(split_works(spans))
            raise DatasetError(f'{where}: says works="{note.works}" but its labels split into {found}')
        notes.append(note)
    return notes


def read_datasets(paths: Iterable[Path]) -> list[LabelledNote]:
    return [note for path in sorted(paths) for note in read_dataset(path)]


def fold_of(note: LabelledNote, folds: int) -> int:
    """A note's fold, from a hash of its text: stable whatever else is added to the data."""
    digest = hashlib.sha256(note.text.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % folds
