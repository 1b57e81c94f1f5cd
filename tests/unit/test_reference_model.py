"""The shipped model: in step with its training data, reproducible, and reading the styles members meet."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from evidence_library.evidence.references import training
from evidence_library.evidence.references.parser import ReferenceParser
from evidence_library.evidence.references.tagger import MODEL_FILE, shipped_tagger
from evidence_library.evidence.references.training import (
    ANYSTYLE_FILES,
    DatasetError,
    own_note_files,
    provenance,
    read_datasets,
    sha256_of,
    train,
)
from evidence_library.model import Citation, EntryType

ROOT = Path(__file__).resolve().parents[2]
ANYSTYLE = ROOT.parent / "shared" / "anystyle"


def test_the_shipped_model_is_in_step_with_the_training_data_and_code() -> None:
    """Fails when a labelled note, the lexicon or the feature code changed without `make model`."""
    recorded = json.loads(MODEL_FILE.with_suffix(".json").read_text())
    assert recorded["model"] == sha256_of(MODEL_FILE), "the model file was changed by hand"
    here = ANYSTYLE if all((ANYSTYLE / name).is_file() for name in ANYSTYLE_FILES) else None
    current = provenance(ROOT, here)
    ours = {k: v for k, v in recorded["training_files"].items() if not k.startswith("anystyle/")}
    assert (
        ours == current["training_files"]
        if here is None
        else recorded["training_files"] == current["training_files"]
    ), "training data changed: run `make model` and commit the model"
    assert recorded["code"] == current["code"], "feature code or lexicon changed: run `make model`"
    assert recorded["parameters"] == current["parameters"]
    assert MODEL_FILE.stat().st_size < 10_000_000


def test_our_labelled_notes_are_well_formed() -> None:
    notes = read_datasets(own_note_files(ROOT))
    assert len(notes) >= 400


def test_training_is_reproducible(tmp_path: Path) -> None:
    notes = read_datasets(own_note_files(ROOT))[:60]
    train(notes, tmp_path / "one.model")
    train(notes, tmp_path / "two.model")
    assert (tmp_path / "one.model").read_bytes() == (tmp_path / "two.model").read_bytes()


SEQUENCE = (
    "<dataset><sequence><author>Clinks</author><date>(2013)</date><title>{}</title></sequence></dataset>"
)


def test_training_data_changed_while_training_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anystyle, notes = tmp_path / "anystyle", tmp_path / "training" / "notes"
    anystyle.mkdir()
    notes.mkdir(parents=True)
    for index, name in enumerate(ANYSTYLE_FILES):
        (anystyle / name).write_text(SEQUENCE.format(f"Report {index}."))
    (notes / "ours.xml").write_text(SEQUENCE.format("Ours."))

    def train_while_a_contributor_edits(labelled: object, model_path: Path) -> None:
        model_path.write_bytes(b"model")
        (notes / "new.xml").write_text(SEQUENCE.format("New."))

    monkeypatch.setattr(training, "train", train_while_a_contributor_edits)
    with pytest.raises(DatasetError, match="changed while the model was trained"):
        training.build_model(tmp_path, anystyle, tmp_path / "model" / "m.model")
    assert not list((tmp_path / "model").iterdir())  # no model, no record, nothing half-written


def parse(text: str) -> tuple[Citation, ...]:
    return ReferenceParser(shipped_tagger().labels).works(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ministry of Justice, *Transforming Rehabilitation* (London: MoJ, 2013), p. 5",
            {
                "authors": ("{Ministry of Justice}",),
                "title": "Transforming Rehabilitation",
                "year": "2013",
                "pin": "p. 5",
            },
            id="chicago",
        ),
        pytest.param(
            "Justice Committee, *Transforming Rehabilitation* (HC 2017–19, 482)",
            {"authors": ("{Justice Committee}",), "title": "Transforming Rehabilitation", "number": "HC 482"},
            id="oscola",
        ),
        pytest.param(
            "Maruna, S., & LeBel, T. P. (2010). The desistance paradigm in correctional practice. "
            "In F. McNeill, P. Raynor, & C. Trotter (Eds.), Offender supervision (pp. 65–87). "
            "Cullompton: Willan.",
            {
                "year": "2010",
                "title": "The desistance paradigm in correctional practice",
                "container": "Offender supervision",
            },
            id="apa-chapter",
        ),
        pytest.param(
            "Travis, A. (2013) 'Probation privatisation plans will put public at risk', The Guardian, 9 May.",
            {"entry_type": EntryType.ARTICLE, "container": "The Guardian", "year": "2013"},
            id="news",
        ),
        pytest.param(
            "HM Inspectorate of Probation (2019) An inspection of youth offending services in Leeds. "
            "Available at: https://www.justiceinspectorates.gov.uk/hmiprobation/leeds.pdf "
            "[last accessed 5.3.20]",
            {"entry_type": EntryType.REPORT, "title": "An inspection of youth offending services in Leeds"},
            id="harvard-report",
        ),
        pytest.param(
            "Offender Rehabilitation Act 2014, s 2.",
            {"entry_type": EntryType.MISC, "kind": "Act of Parliament", "year": "2014", "pin": "s 2"},
            id="act",
        ),
    ],
)
def test_the_styles_responses_use(text: str, expected: dict[str, object]) -> None:
    (citation,) = parse(text)
    assert {name: getattr(citation, name) for name in expected} == expected


def test_see_also_is_not_part_of_the_work() -> None:
    (citation,) = parse(
        "See also Maruna, S. (2001) Making Good. Washington DC: American Psychological Association."
    )
    assert citation.authors == ("Maruna, S.",)
    assert citation.title == "Making Good"


@pytest.mark.parametrize(
    "text",
    [
        "We surveyed 120 of our members in March 2012; 81% have an income of under £1 million.",
        "The Ministry of Justice told us in correspondence that the figures would be published in 2013.",
        "See our answer to Question 5 above.",
    ],
)
def test_prose_cites_nothing(text: str) -> None:
    assert parse(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "word " * 20_000,
        ".,;:!?" * 500,
        "Министерство юстиции (2013) Трансформация реабилитации. Москва: Юрист.",
        "司法部 (2013) 改造康复。伦敦。",
        "https://example.org/" + "a" * 100_000,
        "",
        "Smith, J. (2010) A Title. en ligne : http://x.org/a " * 2_000,
    ],
    ids=["100000-characters", "punctuation", "cyrillic", "chinese", "enormous-url", "empty", "2000-works"],
)
def test_bad_input_parses_in_bounded_time(text: str) -> None:
    start = time.process_time()
    works = parse(text)
    assert len(works) <= len(text.split()) + 1
    assert time.process_time() - start < 30  # linear: a hang would be minutes


def test_the_lexicon_is_words_and_an_unquoted_yaml_boolean_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evidence_library.evidence.references import features

    assert features.lexicon()["vol"] == "volume"
    broken = tmp_path / "lexicon.yml"
    broken.write_text("volume: [vol, no]\n", encoding="utf-8")
    monkeypatch.setattr(features, "LEXICON_FILE", broken)
    features.lexicon.cache_clear()
    try:
        with pytest.raises(DatasetError, match=r"class volume: False is not a word; quote it"):
            features.lexicon()
    finally:
        monkeypatch.undo()
        features.lexicon.cache_clear()


def test_training_without_jax_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from evidence_library import cli

    monkeypatch.setitem(sys.modules, "jax", None)  # as on a machine that ran `make site` only
    assert cli.main(["--root", str(tmp_path), "train", "--anystyle", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "needs JAX" in error and "make model" in error and "Traceback" not in error
