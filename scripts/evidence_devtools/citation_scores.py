"""Score the reference parser field by field against labelled notes it was not trained on.

Gold and predicted labels go through the same deterministic layer
(`labels.split_works`, `fields.citation_of`), so a field is right when the
model labelled the tokens that make it right. Field values are compared
after lower-casing and dropping punctuation and spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from evidence_library.evidence.references.fields import citation_of
from evidence_library.evidence.references.labels import Span, spans_of, split_works
from evidence_library.evidence.references.names import family_name
from evidence_library.evidence.references.training import LabelledNote
from evidence_library.model import Citation

FIELDS: dict[str, Callable[[Citation], str]] = {
    "first author": lambda c: family_name(c.authors[0]) if c.authors else "",
    "authors": lambda c: " ".join(family_name(a) for a in c.authors),
    "year": lambda c: c.year,
    "date": lambda c: c.date,
    "title": lambda c: c.title,
    "container": lambda c: c.container,
    "editors": lambda c: " ".join(family_name(e) for e in c.editors),
    "volume": lambda c: c.volume,
    "number": lambda c: c.number,
    "pages": lambda c: c.pages,
    "pin": lambda c: c.pin,
    "publisher": lambda c: c.publisher or c.institution,
    "location": lambda c: c.location,
    "edition": lambda c: c.edition,
    "url": lambda c: c.url,
    "doi": lambda c: c.doi,
    "type": lambda c: c.entry_type.value,
}
ANYSTYLE_FILES = ("core.xml", "good.xml")


def normal(value: str) -> str:
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[\W_]+", "", text)


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1


@dataclass
class Scores:
    """Field tallies by group (a style or a file), and how notes split into works."""

    fields: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )
    works: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    prose_only: Tally = field(default_factory=Tally)
    invented: int = 0
    missed: int = 0

    def compare(self, group: str, gold: Citation | None, predicted: Citation | None) -> None:
        for name, value in FIELDS.items():
            expected = normal(value(gold)) if gold else ""
            found = normal(value(predicted)) if predicted else ""
            if expected or found:
                for where in (group, "all"):
                    self.fields[where][name].add(expected == found)


def style_of(note: LabelledNote) -> str:
    """A style family from the order of the gold labels (AnyStyle's data says no style)."""
    labels = [s.label for s in note.spans if s.label not in ("prose", "note")]
    if labels[:1] == ["citation-number"]:
        return "numbered"
    labels = [label for label in labels if label != "citation-number"]
    if labels[:1] == ["title"]:
        return "title first"
    if labels[:2] in (["author", "date"], ["editor", "date"]):
        return "author-date"
    return "date later"


def group_of(note: LabelledNote) -> str:
    return style_of(note) if note.source in ANYSTYLE_FILES else note.source.removesuffix(".xml")


def also_in(notes: Iterable[LabelledNote], others: Iterable[LabelledNote]) -> list[LabelledNote]:
    """The notes whose text (spaces aside) is also one of the others': a test note that was trained on."""
    seen = {" ".join(n.text.split()) for n in others}
    return [n for n in notes if " ".join(n.text.split()) in seen]


def _largest(works: Sequence[tuple[Span, ...]]) -> tuple[Span, ...] | None:
    return max(works, key=lambda w: sum(len(s.text.split()) for s in w)) if works else None


def _pair(gold: list[Citation], predicted: list[Citation]) -> list[tuple[Citation | None, Citation | None]]:
    """Gold works with predicted ones, in order, by title (or first field) agreement."""
    pairs: list[tuple[Citation | None, Citation | None]] = []
    remaining = list(predicted)
    for work in gold:
        match = next((p for p in remaining if normal(p.title) == normal(work.title) and work.title), None)
        match = match or (remaining[0] if remaining else None)
        if match is not None:
            remaining.remove(match)
        pairs.append((work, match))
    pairs += [(None, p) for p in remaining]
    return pairs


def score_note(
    scores: Scores, note: LabelledNote, labels: Sequence[str], one_reference: bool | None = None
) -> None:
    """Add one note's fields to the tallies. AnyStyle's sequences (or all, with `one_reference`) are one
    reference each, scored on the largest work found; our notes pair gold works with found ones."""
    group = group_of(note)
    predicted_works = split_works(spans_of(note.tokens, labels))
    if note.source in ANYSTYLE_FILES if one_reference is None else one_reference:
        # Gold labels go through the same split as the model's: a fragment that is no work by our rules
        # (authors alone, 'Chaudhry, R., Ofli, F.') expects no work, rather than a misc entry.
        gold_work = _largest(split_works(s for s in note.spans if s.label != "prose"))
        gold = citation_of(gold_work) if gold_work else None
        best = _largest(predicted_works)
        scores.compare(group, gold, citation_of(best) if best else None)
        scores.works[group].add(len(predicted_works) == (1 if gold else 0))
        return
    gold_works = [citation_of(w) for w in split_works(note.spans)]
    found = [citation_of(w) for w in predicted_works]
    scores.works[group].add(len(found) == len(gold_works))
    if not gold_works:
        scores.prose_only.add(not found)
    for expected, predicted in _pair(gold_works, found):
        scores.invented += expected is None
        scores.missed += predicted is None
        scores.compare(group, expected, predicted)


def score(
    notes: Iterable[LabelledNote], predicted: Iterable[Sequence[str]], one_reference: bool | None = None
) -> Scores:
    scores = Scores()
    for note, labels in zip(notes, predicted, strict=True):
        score_note(scores, note, labels, one_reference)
    return scores


def table(scores: Scores, groups: Sequence[str], names: Sequence[str] = tuple(FIELDS)) -> str:
    """Per field (rows) and group (columns): share right, with how many were compared."""
    lines = ["| field | " + " | ".join(groups) + " |", "| --- |" + " --- |" * len(groups)]
    for name in names:
        cells = []
        for group in groups:
            tally = scores.fields[group].get(name)
            cells.append(f"{tally.share:.1%} ({tally.total})" if tally and tally.total else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    works = [
        f"{scores.works[g].share:.1%} ({scores.works[g].total})" if g in scores.works else "–" for g in groups
    ]
    lines.append("| works per note right | " + " | ".join(works) + " |")
    return "\n".join(lines)
