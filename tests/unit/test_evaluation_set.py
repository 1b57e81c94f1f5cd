"""The references written apart (`evaluation/academic/`) stay well formed and out of the training data."""

from __future__ import annotations

from pathlib import Path

from evidence_devtools.citation_scores import also_in
from evidence_library.evidence.references.training import ANYSTYLE_FILES, LabelledNote, read_datasets

ROOT = Path(__file__).resolve().parents[2]
EVALUATION = ROOT / "evaluation" / "academic"
ANYSTYLE = ROOT.parent / "shared" / "anystyle"


def _texts(notes: list[LabelledNote]) -> set[str]:
    return {" ".join(note.text.split()) for note in notes}


def test_the_evaluation_set_is_well_formed_and_one_reference_per_sequence() -> None:
    notes = read_datasets(EVALUATION.glob("*.xml"))
    assert len({n.source for n in notes}) >= 8  # one file per style
    assert len(_texts(notes)) == len(notes), "a reference is written twice"
    assert all(note.works is None for note in notes)


def test_no_evaluation_reference_is_in_the_training_data() -> None:
    training = read_datasets((ROOT / "training" / "notes").glob("*.xml"))
    if all((ANYSTYLE / name).is_file() for name in ANYSTYLE_FILES):
        training += read_datasets([ANYSTYLE / name for name in ANYSTYLE_FILES])
    overlap = also_in(read_datasets(EVALUATION.glob("*.xml")), training)
    assert not overlap, f"trained on: {[n.text for n in overlap[:3]]}"
