"""Training the BiLSTM-CRF of `network.py` with JAX (needed only by `make model`, not by the site).

The loss is the CRF's negative log-likelihood of the labelled sequence, each
note weighted (our notes count more: `training.weight_of`), minimised with
Adam over a fixed number of epochs. The model written is not the last step's
weights but their running average (an exponential moving average, decay
`weight_average`): it depends less on where training happens to stop, so a
retraining moves the figures less. Notes are batched by length, the batches
visited in an order drawn from a fixed seed, and dropout masks come from a
fixed key, so the same notes and settings give the same model bytes.
"""

from __future__ import annotations

import collections
from collections.abc import Mapping, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from evidence_library.evidence.references.features import describes_a_neighbour, sequence_features
from evidence_library.evidence.references.labels import LABELS
from evidence_library.evidence.references.network import ARRAY_NAMES, FORGET_BIAS, NetworkModel, feature_rows

LINEAR_PARTS = ("linear", "transitions", "start", "end")  # the CRF's own weights: learnt faster


def vocabulary(feature_lists: Sequence[Sequence[Sequence[str]]], min_count: int) -> dict[str, int]:
    """Features seen on at least min_count tokens, numbered from 1 (0 pads): a token's own features
    first, then its neighbours' (which have no embedding row, network.py), each in sorted order."""
    counts = collections.Counter(f for note in feature_lists for token in note for f in set(token))
    kept = sorted(
        (f for f, count in counts.items() if count >= min_count), key=lambda f: (describes_a_neighbour(f), f)
    )
    return {f: row for row, f in enumerate(kept, start=1)}


def _padded(
    rows: Sequence[np.ndarray], labels: Sequence[np.ndarray], weights: Sequence[float], size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One batch: rows [B, T, F], labels [B, T], mask [B, T], weights [B].

    T is rounded up to 8 and F to 16, so that JAX compiles the step for few shapes."""
    length = -(-max(len(r) for r in rows) // 8) * 8
    width = max(r.shape[1] for r in rows)
    width = -(-width // 16) * 16
    x = np.zeros((size, length, width), np.int32)
    y = np.zeros((size, length), np.int32)
    mask = np.zeros((size, length), np.float32)
    w = np.zeros((size,), np.float32)
    for i, (r, note_labels, weight) in enumerate(zip(rows, labels, weights, strict=True)):
        x[i, : r.shape[0], : r.shape[1]] = r
        y[i, : len(note_labels)] = note_labels
        mask[i, : len(note_labels)] = 1
        w[i] = weight
    return x, y, mask, w


def _glorot(key: Any, shape: tuple[int, ...]) -> Any:
    return jax.random.normal(key, shape) * np.sqrt(2.0 / sum(shape))


def _initial(keys: Any, n_features: int, n_embedded: int, d: int, h: int) -> dict[str, Any]:
    n_labels = len(LABELS)
    return {
        "embedding": jax.random.normal(keys[0], (n_embedded, d)) * 0.05,
        "linear": jnp.zeros((n_features, n_labels)),
        "forward_input": _glorot(keys[1], (d, 4 * h)),
        "forward_hidden": _glorot(keys[2], (h, 4 * h)),
        "forward_bias": jnp.zeros((4 * h,)),
        "backward_input": _glorot(keys[3], (d, 4 * h)),
        "backward_hidden": _glorot(keys[4], (h, 4 * h)),
        "backward_bias": jnp.zeros((4 * h,)),
        "output": _glorot(keys[5], (2 * h, n_labels)) * 0.5,
        "output_bias": jnp.zeros((n_labels,)),
        "transitions": jnp.zeros((n_labels, n_labels)),
        "start": jnp.zeros((n_labels,)),
        "end": jnp.zeros((n_labels,)),
    }


def _lstm(x: Any, mask: Any, w_in: Any, w_hidden: Any, bias: Any, reverse: bool) -> Any:
    """States [B, T, H] of one LSTM over inputs [B, T, D]; padding leaves the state as it was, so a
    reversed read starts at each note's end."""
    h = w_hidden.shape[0]
    gates_in = jnp.einsum("btd,dk->tbk", x, w_in) + bias
    gates_in = gates_in.at[:, :, h : 2 * h].add(FORGET_BIAS)

    def step(carry: Any, inputs: Any) -> Any:
        hidden, cell = carry
        gates, m = inputs
        i, f, o, u = jnp.split(gates + hidden @ w_hidden, 4, axis=-1)
        new_cell = jax.nn.sigmoid(f) * cell + jax.nn.sigmoid(i) * jnp.tanh(u)
        new_hidden = jax.nn.sigmoid(o) * jnp.tanh(new_cell)
        m = m[:, None]
        return (m * new_hidden + (1 - m) * hidden, m * new_cell + (1 - m) * cell), m * new_hidden

    start = (jnp.zeros((x.shape[0], h)), jnp.zeros((x.shape[0], h)))
    _, states = jax.lax.scan(step, start, (gates_in, mask.T), reverse=reverse)
    return jnp.transpose(states, (1, 0, 2))


def _scores(p: Any, x: Any, mask: Any, key: Any, dropout: float) -> Any:
    """network.emissions for a batch, with dropout on the summed embeddings and on the states."""
    present = (x > 0).astype(jnp.float32)[..., None]
    linear = (p["linear"][x] * present).sum(2)
    embedded = (x > 0) & (x < p["embedding"].shape[0])  # a neighbour's feature has no embedding row
    inputs = jnp.tanh((p["embedding"][jnp.where(embedded, x, 0)] * embedded[..., None]).sum(2))
    inputs = inputs * jax.random.bernoulli(key, 1 - dropout, inputs.shape) / (1 - dropout)
    forward = _lstm(inputs, mask, p["forward_input"], p["forward_hidden"], p["forward_bias"], False)
    backward = _lstm(inputs, mask, p["backward_input"], p["backward_hidden"], p["backward_bias"], True)
    states = jnp.concatenate([forward, backward], -1)
    states = states * jax.random.bernoulli(jax.random.fold_in(key, 1), 1 - dropout, states.shape)
    return linear + states / (1 - dropout) @ p["output"] + p["output_bias"]


def _negative_log_likelihood(p: Any, e: Any, y: Any, mask: Any) -> Any:
    """The CRF's loss per note [B]: log Z (forward algorithm) less the labelled sequence's score."""

    def step(alpha: Any, inputs: Any) -> Any:
        e_t, m = inputs
        new = jax.nn.logsumexp(alpha[:, :, None] + p["transitions"][None], axis=1) + e_t
        return jnp.where(m[:, None] > 0, new, alpha), None

    alpha, _ = jax.lax.scan(step, p["start"] + e[:, 0], (jnp.transpose(e[:, 1:], (1, 0, 2)), mask[:, 1:].T))
    log_z = jax.nn.logsumexp(alpha + p["end"], -1)
    last = y[jnp.arange(y.shape[0]), (mask.sum(1) - 1).astype(jnp.int32)]
    gold = (
        (jnp.take_along_axis(e, y[..., None], 2)[..., 0] * mask).sum(1)
        + (p["transitions"][y[:, :-1], y[:, 1:]] * mask[:, 1:]).sum(1)
        + p["start"][y[:, 0]]
        + p["end"][last]
    )
    return log_z - gold


def _step_functions(settings: Mapping[str, Any], names: Sequence[str]) -> tuple[Any, Any]:
    """The jitted Adam step and the running average, for these settings."""
    dropout, l2, decay = float(settings["dropout"]), float(settings["l2"]), float(settings["weight_average"])
    rates = {
        k: float(settings["linear_learning_rate"] if k in LINEAR_PARTS else settings["learning_rate"])
        for k in names
    }

    def loss(p: Any, x: Any, y: Any, mask: Any, w: Any, key: Any) -> Any:
        per_note = _negative_log_likelihood(p, _scores(p, x, mask, key, dropout), y, mask)
        return (per_note * w).sum() / w.sum() + l2 * (p["linear"] ** 2).sum()

    @jax.jit
    def update(p: Any, m: Any, v: Any, t: Any, x: Any, y: Any, mask: Any, w: Any, key: Any) -> Any:
        grads = jax.grad(loss)(p, x, y, mask, w, key)
        m = {k: 0.9 * m[k] + 0.1 * grads[k] for k in p}
        v = {k: 0.999 * v[k] + 0.001 * grads[k] ** 2 for k in p}
        p = {k: p[k] - rates[k] * (m[k] / (1 - 0.9**t)) / (jnp.sqrt(v[k] / (1 - 0.999**t)) + 1e-8) for k in p}
        return p, m, v

    @jax.jit
    def averaged(average: Any, p: Any) -> Any:
        return {k: decay * average[k] + (1 - decay) * p[k] for k in p}

    return update, averaged


def train_network(
    token_lists: Sequence[Sequence[str]],
    label_lists: Sequence[Sequence[str]],
    weights: Sequence[float],
    settings: Mapping[str, Any],
) -> NetworkModel:
    feature_lists = [sequence_features(tokens) for tokens in token_lists]
    features = vocabulary(feature_lists, int(settings["min_feature_count"]))
    rows = [feature_rows(features, note) for note in feature_lists]
    label_row = {label: i for i, label in enumerate(LABELS)}
    labels = [np.array([label_row[label] for label in note], np.int32) for note in label_lists]
    batch = int(settings["batch_size"])
    keys = jax.random.split(jax.random.PRNGKey(int(settings["seed"])), 8)
    embedded = 1 + sum(not describes_a_neighbour(f) for f in features)  # rows 1.. are the own features
    params = _initial(
        keys, len(features) + 1, embedded, int(settings["embedding_size"]), int(settings["hidden_size"])
    )
    update, averaged = _step_functions(settings, list(params))
    first = {k: jnp.zeros_like(x) for k, x in params.items()}
    second = {k: jnp.zeros_like(x) for k, x in params.items()}
    average = dict(params)
    by_length = sorted(range(len(rows)), key=lambda i: (len(labels[i]), i))
    batches = [by_length[i : i + batch] for i in range(0, len(by_length), batch)]
    step = 0
    for epoch in range(int(settings["epochs"])):
        order = np.random.RandomState(int(settings["seed"]) * 1000 + epoch).permutation(len(batches))
        for b in order:
            members = batches[b]
            x, y, mask, w = _padded(
                [rows[i] for i in members], [labels[i] for i in members], [weights[i] for i in members], batch
            )
            step += 1
            params, first, second = update(
                params, first, second, step, x, y, mask, w, jax.random.fold_in(keys[6], step)
            )
            average = averaged(average, params)
    arrays = {name: np.array(average[name], np.float32) for name in ARRAY_NAMES}
    arrays["embedding"][0] = 0.0  # the padding row: never trained, never read
    arrays["linear"][0] = 0.0
    return NetworkModel(tuple(LABELS), features, arrays, dict(settings))
