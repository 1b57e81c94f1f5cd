"""Score the notes stage against synthetic responses whose notes are known."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from evidence_devtools.synthetic import Shape, SyntheticResponse, synthetic_response
from evidence_library import pipeline
from evidence_library.diagnostics import Report
from evidence_library.ingest import read
from evidence_library.model import NoteRef, ResponsePage

FRONT_MATTER = (
    "---\ntitle: Example Trust's response to the Test Consultation 2020\ndate: 2020-03\n"
    "organisation: Example Trust\nconsultation: Test Consultation 2020\nconsulting_body: Test Body\n---\n"
)


@dataclass
class Score:
    expected: int = 0
    right: int = 0
    invented: int = 0

    @property
    def ratio(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.right += other.right
        self.invented += other.invented


def build_synthetic(response: SyntheticResponse) -> ResponsePage:
    report = Report()
    text, encoding = read.decode((FRONT_MATTER + response.text).encode("utf-8"), response.name, report)
    source = read.parse_source(text, f"sources/{response.name}.md", "synthetic", encoding, report)
    assert source is not None, report.sorted()
    page = pipeline.build_page(source).page
    return page


def anchors(page: ResponsePage) -> dict[int, str]:
    """Each note reference's number -> the word just before it."""
    found: dict[int, str] = {}
    for block in page.body:
        before = ""
        for part in block.parts:
            if isinstance(part, NoteRef):
                found.setdefault(part.number, before.split()[-1] if before.split() else "")
            else:
                before = part
    return found


def score_response(response: SyntheticResponse) -> Score:
    page = build_synthetic(response)
    placed = anchors(page)
    texts = {note.number: note.text for note in page.notes}
    truth = {note.number: note for note in response.notes}
    score = Score(expected=len(truth))
    for number, note in truth.items():
        if placed.get(number) == note.anchor and texts.get(number) == note.text:
            score.right += 1
    score.invented = len(set(placed) - set(truth)) + len({n.number for n in page.orphan_notes} - set(truth))
    return score


def score_shapes(shapes: Iterable[Shape], seeds: Iterable[int]) -> dict[str, Score]:
    totals: dict[str, Score] = {"total": Score()}
    seeds = list(seeds)
    for shape in shapes:
        shape_score = Score()
        for seed in seeds:
            shape_score.add(score_response(synthetic_response(seed, shape)))
        totals[shape.name] = shape_score
        totals["total"].add(shape_score)
    return totals
