"""The model file and the numpy BiLSTM-CRF that reads it (network.py), on small hand-made models."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from evidence_library.evidence.references import network
from evidence_library.evidence.references.network import (
    ARRAY_NAMES,
    ModelFileError,
    NetworkModel,
    read_model,
    viterbi,
    write_model,
)

LABELS = ("author", "date", "title")


def small_model(seed: int = 0, features: int = 5, d: int = 3, h: int = 2, embedded: int = 3) -> NetworkModel:
    """Five features, the first `embedded` a token's own (with embeddings), the rest a neighbour's."""
    random = np.random.RandomState(seed)
    n = len(LABELS)
    shapes = {
        "embedding": (embedded + 1, d),
        "linear": (features + 1, n),
        "forward_input": (d, 4 * h),
        "forward_hidden": (h, 4 * h),
        "forward_bias": (4 * h,),
        "backward_input": (d, 4 * h),
        "backward_hidden": (h, 4 * h),
        "backward_bias": (4 * h,),
        "output": (2 * h, n),
        "output_bias": (n,),
        "transitions": (n, n),
        "start": (n,),
        "end": (n,),
    }
    # float16 values, so that writing and reading the file changes nothing
    arrays = {k: random.normal(size=s).astype(np.float16).astype(np.float32) for k, s in shapes.items()}
    arrays["embedding"][0] = arrays["linear"][0] = 0.0
    words = [f"w={word}" for word in ("a", "b", "c")[:embedded]] + [f"w[-1]={word}" for word in ("d", "e")]
    names = {name: row for row, name in enumerate(words[:features], start=1)}
    return NetworkModel(LABELS, names, arrays, {"hidden_size": h})


def test_a_model_file_reads_back_as_written_and_writes_the_same_bytes(tmp_path: Path) -> None:
    model = small_model()
    write_model(tmp_path / "one.model", model)
    again = read_model(tmp_path / "one.model")
    write_model(tmp_path / "two.model", again)
    assert (tmp_path / "one.model").read_bytes() == (tmp_path / "two.model").read_bytes()
    assert again.labels == LABELS and dict(again.features) == dict(model.features)
    for name in ARRAY_NAMES:
        np.testing.assert_array_equal(again.arrays[name], model.arrays[name])


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: b"not a model\n" + data, "not a reference model"),
        (lambda data: data[:-7], "damaged"),
        (lambda data: data + b"\0\0", "damaged"),
        (lambda data: data[:60], "damaged"),
    ],
    ids=["other-file", "cut-short", "trailing-bytes", "header-cut"],
)
def test_a_damaged_model_file_is_refused_with_what_to_do(
    tmp_path: Path, damage: Callable[[bytes], bytes], message: str
) -> None:
    path = tmp_path / "m.model"
    write_model(path, small_model())
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(ModelFileError, match=message) as error:
        read_model(path)
    assert "make model" in str(error.value)


def test_unknown_features_are_left_out_and_rows_are_padded_with_zero() -> None:
    rows = network.feature_rows(small_model().features, [["w=a", "w=zzz", "w=c"], ["w=unknown"], ["w[-1]=e"]])
    assert rows.tolist() == [[1, 3], [0, 0], [5, 0]]


def plain_bilstm_scores(model: NetworkModel, rows: np.ndarray) -> np.ndarray:
    """The textbook BiLSTM, one direction at a time, to check the interleaved one against."""
    a = model.arrays

    def sig(v: np.ndarray) -> np.ndarray:
        return np.asarray(1 / (1 + np.exp(-v)))

    def lstm(x: np.ndarray, w_in: np.ndarray, w_hidden: np.ndarray, bias: np.ndarray) -> np.ndarray:
        size = w_hidden.shape[0]
        hidden, cell, out = np.zeros(size), np.zeros(size), []
        for t in range(len(x)):
            g = x[t] @ w_in + bias + hidden @ w_hidden
            i, f, o, u = np.split(g, 4)
            cell = sig(f + network.FORGET_BIAS) * cell + sig(i) * np.tanh(u)
            hidden = sig(o) * np.tanh(cell)
            out.append(hidden)
        return np.array(out)

    own, none = a["embedding"].shape[0], np.zeros(a["embedding"].shape[1])
    x = np.tanh(np.array([[a["embedding"][r] if r < own else none for r in t] for t in rows]).sum(1))
    forward = lstm(x, a["forward_input"], a["forward_hidden"], a["forward_bias"])
    backward = lstm(x[::-1], a["backward_input"], a["backward_hidden"], a["backward_bias"])[::-1]
    states = np.concatenate([forward, backward], 1)
    scores: np.ndarray = a["linear"][rows].sum(1) + states @ a["output"] + a["output_bias"]
    return scores


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_both_directions_stepped_together_score_as_two_separate_lstms(seed: int) -> None:
    model = small_model(seed)
    rows = np.array([[1, 2], [3, 0], [4, 5], [2, 0], [1, 0]])
    np.testing.assert_allclose(network.emissions(model, rows), plain_bilstm_scores(model, rows), atol=1e-5)


def test_a_neighbours_feature_has_weights_per_label_but_no_embedding() -> None:
    """Feature 4 describes a neighbour: it adds its linear weights and leaves the LSTM's input alone."""
    model = small_model(4)
    without = network.emissions(model, np.array([[1, 0], [2, 0]]))
    with_it = network.emissions(model, np.array([[1, 4], [2, 0]]))
    np.testing.assert_allclose(with_it - without, [model.arrays["linear"][4], np.zeros(3)], atol=1e-6)


def test_a_file_whose_embedding_table_outgrows_its_features_is_refused(tmp_path: Path) -> None:
    model = small_model()
    arrays = dict(model.arrays) | {"embedding": np.zeros((7, 3), np.float32)}
    write_model(tmp_path / "m.model", NetworkModel(LABELS, model.features, arrays))
    with pytest.raises(ModelFileError, match="tables and features differ"):
        read_model(tmp_path / "m.model")


def test_the_backward_lstm_reads_from_the_end_of_the_note() -> None:
    """A word at the end changes the scores of the first token only through the backward LSTM."""
    model = small_model(3)
    one = network.emissions(model, np.array([[1], [2], [3]]))
    other = network.emissions(model, np.array([[1], [2], [4]]))
    assert not np.allclose(one[0], other[0])


def test_viterbi_takes_the_best_path_with_its_transitions() -> None:
    scores = np.array([[2.0, 0.0, 0.0], [0.0, 1.0, 1.2], [0.0, 0.0, 1.0]])
    transitions = np.zeros((3, 3))
    none = np.zeros(3)
    assert viterbi(scores, transitions, none, none) == [0, 2, 2]
    transitions[0, 2] = -5.0  # author -> title is ruled out, so the date comes between
    assert viterbi(scores, transitions, none, none) == [0, 1, 2]


def test_viterbi_breaks_ties_towards_the_first_label() -> None:
    assert viterbi(np.zeros((4, 3)), np.zeros((3, 3)), np.zeros(3), np.zeros(3)) == [0, 0, 0, 0]


def test_a_note_of_no_tokens_gets_no_labels() -> None:
    assert network.label_tokens(small_model(), []) == []
