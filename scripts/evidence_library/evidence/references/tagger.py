"""The trained model, loaded once per process, and the labels it gives a note's tokens."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from evidence_library.evidence.references.features import sequence_features
from evidence_library.evidence.references.network import label_tokens, read_model

MODEL_DIR = Path(__file__).with_name("model")
MODEL_FILE = MODEL_DIR / "references.model"


class Tagger:
    """A model file (`network.py`), ready to label token sequences."""

    def __init__(self, model_path: Path = MODEL_FILE) -> None:
        self._model = read_model(model_path)

    def labels(self, tokens: Sequence[str]) -> list[str]:
        if not tokens:
            return []
        return label_tokens(self._model, sequence_features(tokens))


@lru_cache(maxsize=1)
def shipped_tagger() -> Tagger:
    return Tagger(MODEL_FILE)


def model_key() -> str:
    """What the labels of a note depend on: the model and the code that turns text into features."""
    from evidence_library.evidence.references.training import CODE_FILES, PACKAGE_DIR

    digest = hashlib.sha256(MODEL_FILE.read_bytes())
    for name in CODE_FILES:
        digest.update((PACKAGE_DIR / name).read_bytes())
    return digest.hexdigest()[:16]
