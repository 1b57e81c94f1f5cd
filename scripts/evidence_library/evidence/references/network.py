"""The reference parser's model: a BiLSTM-CRF over a note's tokens, run with numpy.

Each token is described by the features of `features.sequence_features` (its
word, shape, affixes, word classes and its neighbours'). The model reads them
two ways:

- **linear**: each feature has a weight per label, summed over the token's
  features, as in a linear-chain CRF;
- **recurrent**: each of a token's own features has an embedding; a token's
  embeddings are summed, and a bidirectional LSTM reads the whole note, so
  that a token's label can depend on anything before or after it (that an
  author's name is complete, that a year has been seen, that the title has
  not begun). The features that describe a neighbour (`w[-1]=…`) have none:
  the LSTM reads the neighbour itself, and the file's budget goes to larger
  embeddings of the features that are the token's own. They come after the
  own features in the file, so the embedding table has fewer rows than the
  linear one.

Both give each token a score per label; a CRF layer (label-to-label
transitions) picks the best sequence with Viterbi. Training is in
`network_training.py` (JAX); this module only reads a trained file, so the
site needs numpy alone.

The model file is deterministic bytes: a magic line, a JSON header (labels,
feature names, array shapes, settings) and the arrays in float16, little-endian,
in the header's order.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

MAGIC = b"evidence-library reference model 1\n"
FORGET_BIAS = 1.0  # added to the LSTM's forget gate: it starts by remembering
# The arrays, in file order: feature tables, the two LSTMs, the output layer, the CRF's transitions.
ARRAY_NAMES = (
    "embedding",  # [own features, D]: rows past its end (neighbours' features) have no embedding
    "linear",  # [features, labels]
    "forward_input", "forward_hidden", "forward_bias",  # [D, 4H], [H, 4H], [4H]; gates i, f, o, u
    "backward_input", "backward_hidden", "backward_bias",
    "output", "output_bias",  # [2H, labels], [labels]
    "transitions", "start", "end",  # [labels, labels], [labels], [labels]
)  # fmt: skip


class ModelFileError(ValueError):
    """A model file that cannot be read: not ours, cut short, or from another version."""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a loaded model is one object
class NetworkModel:
    labels: tuple[str, ...]
    features: Mapping[str, int] = field(repr=False)  # feature name -> row; row 0 pads (all zeros)
    arrays: Mapping[str, np.ndarray] = field(repr=False)  # float32, as ARRAY_NAMES
    settings: Mapping[str, object] = field(default_factory=dict)


def write_model(path: Path, model: NetworkModel) -> None:
    names = sorted(model.features, key=model.features.__getitem__)
    header = {
        "labels": list(model.labels),
        "features": names,
        "arrays": [[name, list(model.arrays[name].shape)] for name in ARRAY_NAMES],
        "settings": dict(model.settings),
    }
    blob = json.dumps(header, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with path.open("wb") as out:
        out.write(MAGIC)
        out.write(struct.pack("<Q", len(blob)))
        out.write(blob)
        for name in ARRAY_NAMES:
            out.write(np.ascontiguousarray(model.arrays[name], dtype="<f2").tobytes())


def read_model(path: Path) -> NetworkModel:
    data = path.read_bytes()
    if not data.startswith(MAGIC):
        raise ModelFileError(f"{path}: not a reference model of this version; run `make model`")
    at = len(MAGIC)
    try:
        (size,) = struct.unpack_from("<Q", data, at)
        header = json.loads(data[at + 8 : at + 8 + size].decode("utf-8"))
        at += 8 + size
        arrays = {}
        for name, shape in header["arrays"]:
            count = int(np.prod(shape))
            chunk = np.frombuffer(data, dtype="<f2", count=count, offset=at)
            arrays[name] = chunk.astype(np.float32).reshape(shape)
            at += 2 * count
    except (struct.error, ValueError, KeyError, TypeError) as error:
        raise ModelFileError(f"{path}: the model file is damaged ({error}); run `make model`") from None
    if at != len(data) or tuple(arrays) != ARRAY_NAMES:
        raise ModelFileError(f"{path}: the model file is damaged (wrong length); run `make model`")
    if not arrays["embedding"].shape[0] <= arrays["linear"].shape[0] == len(header["features"]) + 1:
        raise ModelFileError(
            f"{path}: the model file is damaged (tables and features differ); run `make model`"
        )
    features = {name: row for row, name in enumerate(header["features"], start=1)}
    return NetworkModel(tuple(header["labels"]), features, arrays, header["settings"])


def feature_rows(features: Mapping[str, int], token_features: Sequence[Sequence[str]]) -> np.ndarray:
    """[tokens, most features] rows of the feature tables; 0 pads, and a feature never trained on is
    left out."""
    known = features.get
    rows = [[row for row in map(known, token) if row] for token in token_features]
    table = np.zeros((len(rows), max((len(r) for r in rows), default=0) or 1), dtype=np.int64)
    for index, row in enumerate(rows):
        table[index, : len(row)] = row
    return table


@dataclass(frozen=True)
class _Both:
    """The two LSTMs as one: hidden states side by side [forward H | backward H], gates interleaved
    [i_f i_b f_f f_b o_f o_b u_f u_b], so that one matrix product per token steps both (half the calls).
    The columns of the gates i, f and o are halved, so that one tanh gives every gate:
    sigmoid(x) = (tanh(x / 2) + 1) / 2, and halving a float is exact."""

    hidden: np.ndarray  # [2H, 8H], block-diagonal
    halved: np.ndarray  # [8H]: 0.5 for the columns of i, f and o, 1 for u


def _interleaved(forward: np.ndarray, backward: np.ndarray) -> np.ndarray:
    """[..., 4H] and [..., 4H] -> [..., 8H] in the order of _Both."""
    size = forward.shape[-1] // 4
    shape = forward.shape[:-1]
    pair = np.stack([forward.reshape(*shape, 4, size), backward.reshape(*shape, 4, size)], axis=-2)
    return pair.reshape(*shape, 8 * size)


@lru_cache(maxsize=4)
def _both(model: NetworkModel) -> _Both:
    a = model.arrays
    size = a["forward_hidden"].shape[0]
    zero = np.zeros_like(a["forward_hidden"])
    halved = np.ones(8 * size, np.float32)
    halved[: 6 * size] = 0.5
    hidden = np.concatenate(
        [_interleaved(a["forward_hidden"], zero), _interleaved(zero, a["backward_hidden"])], axis=0
    )
    return _Both(np.ascontiguousarray(hidden * halved), halved)


def _states(model: NetworkModel, inputs: np.ndarray) -> np.ndarray:
    """[T, 2H]: the forward LSTM's state after each token, and the backward one's (read from the end)."""
    a = model.arrays
    size = a["forward_hidden"].shape[0]
    both = _both(model)
    gates_in = _interleaved(
        inputs @ a["forward_input"] + a["forward_bias"],
        (inputs @ a["backward_input"] + a["backward_bias"])[::-1],
    )
    gates_in[:, 2 * size : 4 * size] += FORGET_BIAS
    gates_in *= both.halved
    hidden, cell = np.zeros(2 * size, np.float32), np.zeros(2 * size, np.float32)
    states = np.empty((inputs.shape[0], 2 * size), np.float32)
    for t in range(inputs.shape[0]):
        gates = np.tanh(gates_in[t] + hidden @ both.hidden)
        ifo = gates[: 6 * size] * 0.5 + 0.5  # sigmoids of i, f and o
        cell = ifo[2 * size : 4 * size] * cell + ifo[: 2 * size] * gates[6 * size :]
        hidden = ifo[4 * size :] * np.tanh(cell)
        states[t] = hidden
    states[:, size:] = states[::-1, size:].copy()  # the backward states, back in reading order
    return states


def emissions(model: NetworkModel, rows: np.ndarray) -> np.ndarray:
    """Each token's score for each label, [T, labels]."""
    a = model.arrays
    linear = a["linear"][rows].sum(axis=1)
    embedded = np.where(rows < a["embedding"].shape[0], rows, 0)  # row 0 is zeros
    inputs = np.tanh(a["embedding"][embedded].sum(axis=1))
    scores: np.ndarray = linear + _states(model, inputs) @ a["output"] + a["output_bias"]
    return scores


def viterbi(scores: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """The best label sequence for [T, labels] scores; ties go to the lower label, so it is deterministic."""
    best = start + scores[0]
    back = np.empty((scores.shape[0], scores.shape[1]), dtype=np.int64)
    for t in range(1, scores.shape[0]):
        candidates = best[:, None] + transitions
        back[t] = candidates.argmax(axis=0)
        best = candidates.max(axis=0) + scores[t]
    path = [int((best + end).argmax())]
    for t in range(scores.shape[0] - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def label_tokens(model: NetworkModel, token_features: Sequence[Sequence[str]]) -> list[str]:
    if not token_features:
        return []
    scores = emissions(model, feature_rows(model.features, token_features))
    a = model.arrays
    return [model.labels[i] for i in viterbi(scores, a["transitions"], a["start"], a["end"])]
