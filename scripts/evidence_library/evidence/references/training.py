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
import json
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


# --- Training -----------------------------------------------------------------

TRAINING_PARAMETERS: dict[str, float | int | bool] = {  # the BiLSTM-CRF of network.py
    "embedding_size": 64,  # per own feature (none for a neighbour's); in float16 the file stays under 10 MB
    "hidden_size": 64,  # per direction of the LSTM
    "min_feature_count": 3,  # a feature seen on fewer tokens is left out (and the file smaller)
    "epochs": 25,
    "batch_size": 32,
    "learning_rate": 0.002,  # Adam, for the embeddings, the LSTMs and the output layer
    "linear_learning_rate": 0.005,  # Adam, for the linear feature weights and the transitions
    "dropout": 0.5,  # on the summed embeddings and on the LSTMs' states
    "l2": 1e-6,  # on the linear feature weights
    "weight_average": 0.999,  # the model is a running average of the weights (network_training.py)
    "seed": 0,
}


OWN_WEIGHT = 3  # our notes count three times: the shapes this library meets most, and the fewest examples
ACADEMIC_SOURCES = frozenset({"core.xml", "good.xml"})


def weight_of(note: LabelledNote) -> float:
    """How much a note counts in the loss: AnyStyle's references once, our own notes OWN_WEIGHT times."""
    return 1.0 if note.source in ACADEMIC_SOURCES else float(OWN_WEIGHT)


def train(notes: Iterable[LabelledNote], model_path: Path) -> None:
    """Train the model on labelled notes and write its file (deterministic: same notes, same bytes)."""
    from evidence_library.evidence.references.network import write_model
    from evidence_library.evidence.references.network_training import train_network

    notes = list(notes)
    model = train_network(
        [n.tokens for n in notes],
        [n.labels for n in notes],
        [weight_of(n) for n in notes],
        TRAINING_PARAMETERS,
    )
    write_model(model_path, model)


# --- The shipped model and what it was built from -----------------------------

PACKAGE_DIR = Path(__file__).parent
CODE_FILES = (
    "features.py",
    "labels.py",
    "tokens.py",
    "training.py",
    "network.py",
    "network_training.py",
    "lexicon.yml",
)
OWN_NOTES = "training/notes"  # under the library's root
ANYSTYLE_FILES = ("core.xml", "good.xml")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def own_note_files(root: Path) -> list[Path]:
    return sorted((root / OWN_NOTES).glob("*.xml"))


def provenance(root: Path, anystyle: Path | None) -> dict[str, object]:
    """What a model is built from: each training file's and code file's hash, and the settings."""
    files = {f"{OWN_NOTES}/{p.name}": sha256_of(p) for p in own_note_files(root)}
    if anystyle is not None:
        files |= {f"anystyle/{name}": sha256_of(anystyle / name) for name in ANYSTYLE_FILES}
    return {
        "training_files": files,
        "code": {name: sha256_of(PACKAGE_DIR / name) for name in CODE_FILES},
        "parameters": TRAINING_PARAMETERS,
        "own_weight": OWN_WEIGHT,
    }


def build_model(root: Path, anystyle: Path, model_path: Path) -> dict[str, object]:
    """Train on AnyStyle's references and our notes; write the model and, beside it, its provenance."""
    missing = [name for name in ANYSTYLE_FILES if not (anystyle / name).is_file()]
    if missing:
        raise DatasetError(
            f"{anystyle}: {', '.join(missing)} not found; get them from res/parser/ in "
            "https://github.com/inukshuk/anystyle and pass their folder with --anystyle"
        )
    built_from = provenance(root, anystyle)  # before reading: a file changed meanwhile must not pass
    notes = read_datasets([anystyle / name for name in ANYSTYLE_FILES]) + read_datasets(own_note_files(root))
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trained = model_path.with_name(model_path.name + ".part")  # the shipped model stays until this passes
    train(notes, trained)
    if provenance(root, anystyle) != built_from:
        trained.unlink()
        raise DatasetError(
            f"{root / OWN_NOTES}: the training data or code changed while the model was trained; "
            "run `make model` again"
        )
    trained.replace(model_path)
    record = built_from | {"sequences": len(notes), "model": sha256_of(model_path)}
    model_path.with_suffix(".json").write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
    return record
