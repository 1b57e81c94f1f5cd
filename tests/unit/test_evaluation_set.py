"""The sets of references written apart (`evaluation/*/`) stay well formed, recorded in
`evaluation/sets.yml`, and out of the training data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evidence_devtools.citation_scores import also_in
from evidence_library.evidence.references.training import ANYSTYLE_FILES, LabelledNote, read_datasets

ROOT = Path(__file__).resolve().parents[2]
EVALUATION = ROOT / "evaluation"
SETS = sorted(folder for folder in EVALUATION.iterdir() if folder.is_dir())
ANYSTYLE = ROOT.parent / "shared" / "anystyle"


def _texts(notes: list[LabelledNote]) -> set[str]:
    return {" ".join(note.text.split()) for note in notes}


def test_every_set_is_recorded_with_the_half_that_was_looked_at() -> None:
    recorded = yaml.safe_load((EVALUATION / "sets.yml").read_text(encoding="utf-8"))
    assert {folder.name for folder in SETS} == set(recorded)
    assert all(entry["looked_at_half"] in (0, 1, None) for entry in recorded.values())


@pytest.mark.parametrize("folder", SETS, ids=[folder.name for folder in SETS])
def test_a_set_is_well_formed_and_one_reference_per_sequence(folder: Path) -> None:
    notes = read_datasets(folder.glob("*.xml"))
    assert len({n.source for n in notes}) >= 8  # one file per style
    assert len(_texts(notes)) == len(notes), "a reference is written twice"
    assert all(note.works is None for note in notes)


def test_no_evaluation_reference_is_in_the_training_data_or_in_two_sets() -> None:
    training = read_datasets((ROOT / "training" / "notes").glob("*.xml"))
    if all((ANYSTYLE / name).is_file() for name in ANYSTYLE_FILES):
        training += read_datasets([ANYSTYLE / name for name in ANYSTYLE_FILES])
    written_apart = [read_datasets(folder.glob("*.xml")) for folder in SETS]
    for index, notes in enumerate(written_apart):
        overlap = also_in(notes, training + [n for other in written_apart[index + 1 :] for n in other])
        assert not overlap, f"trained on or written twice: {[n.text for n in overlap[:3]]}"
