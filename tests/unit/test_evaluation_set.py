"""The sets of references written apart (`evaluation/*/`) stay well formed, recorded in
`evaluation/sets.yml`, and out of the training data."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from evidence_devtools.citation_scores import also_in
from evidence_library.evidence.references.labels import Span
from evidence_library.evidence.references.training import ANYSTYLE_FILES, LabelledNote, read_datasets

ROOT = Path(__file__).resolve().parents[2]
EVALUATION = ROOT / "evaluation"
SETS = sorted(folder for folder in EVALUATION.iterdir() if folder.is_dir())
ANYSTYLE = ROOT.parent / "shared" / "anystyle"


def _texts(notes: list[LabelledNote]) -> set[str]:
    return {" ".join(note.text.split()) for note in notes}


RECORDED = yaml.safe_load((EVALUATION / "sets.yml").read_text(encoding="utf-8"))


def test_every_set_is_recorded_with_the_half_that_was_looked_at_and_what_it_holds() -> None:
    assert {folder.name for folder in SETS} == set(RECORDED)
    assert all(entry["looked_at_half"] in (0, 1, None) for entry in RECORDED.values())
    assert all(entry.get("kind", "references") in ("references", "notes") for entry in RECORDED.values())


@pytest.mark.parametrize("folder", SETS, ids=[folder.name for folder in SETS])
def test_a_set_is_well_formed(folder: Path) -> None:
    """A set of references has one reference per sequence; a set of notes says of every note how many
    works it cites (none, for prose), and has notes that cite none and notes that cite several."""
    notes = read_datasets(folder.glob("*.xml"))
    assert len({n.source for n in notes}) >= 8  # one file per style
    assert len(_texts(notes)) == len(notes), "a reference is written twice"
    if RECORDED.get(folder.name, {}).get("kind") == "notes":
        assert all(note.works is not None for note in notes)
        assert {0, 1, 2} <= {note.works for note in notes}
    else:
        assert all(note.works is None for note in notes)


def test_no_evaluation_reference_is_in_the_training_data_or_in_two_sets() -> None:
    training = read_datasets((ROOT / "training" / "notes").glob("*.xml"))
    if all((ANYSTYLE / name).is_file() for name in ANYSTYLE_FILES):
        training += read_datasets([ANYSTYLE / name for name in ANYSTYLE_FILES])
    written_apart = [read_datasets(folder.glob("*.xml")) for folder in SETS]
    for index, notes in enumerate(written_apart):
        overlap = also_in(notes, training + [n for other in written_apart[index + 1 :] for n in other])
        assert not overlap, f"trained on or written twice: {[n.text for n in overlap[:3]]}"


def _accuracy_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "citations_accuracy", ROOT / "scripts" / "citations_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_set_of_notes_is_judged_by_the_floors_for_notes_and_its_prose() -> None:
    """`--external` on a set of notes pairs each note's works and counts prose-only notes linked to
    nothing; on a set of references, the issue's five floors for academic references."""
    script = _accuracy_script()
    cited = LabelledNote(
        (Span("author", "Clinks"), Span("date", "(2019)"), Span("title", "Annual report.")), "a.xml", 0, 1
    )
    prose = LabelledNote((Span("prose", "We met the Minister in May."),), "a.xml", 1, 0)
    notes = [cited, prose]
    as_found = script.score(notes, [note.labels for note in notes], one_reference=False)
    lines, met = script.budgets(as_found, ["a"], "notes")
    assert met and "- prose-only notes linked to nothing: 100.0% of 1 (floor 95%): met" in lines
    assert "- works invented: 0; works missed: 0" in lines
    all_prose = [["prose"] * len(note.tokens) for note in notes]
    lines, met = script.budgets(script.score(notes, all_prose, one_reference=False), ["a"], "notes")
    assert not met and "- works invented: 0; works missed: 1" in lines
    lines, _ = script.budgets(as_found, ["a"], "references")
    assert [line.split(":")[0] for line in lines] == [f"- {name}" for name in script.BUDGETS]
