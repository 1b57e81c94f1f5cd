"""Which of a token's features are its own and which describe a neighbour (features.py), and the order
the model's tables give them (network_training.vocabulary)."""

from __future__ import annotations

import pytest

from evidence_library.evidence.references import features
from evidence_library.evidence.references.features import (
    describes_a_neighbour,
    sequence_features,
    summary_of,
    token_features,
)

TOKENS = [
    "Ministry",
    "of",
    "Justice",
    "(2013)",
    "*Transforming",
    "Rehabilitation*.",
    "London:",
    "MoJ,",
    "p.",
    "5.",
]


def test_every_feature_of_the_neighbours_and_none_of_the_token_itself_describes_a_neighbour() -> None:
    summaries = [summary_of(token) for token in TOKENS]
    for index, token in enumerate(TOKENS):
        neighbours = [f for f in features._context(summaries, index) if not f.startswith("edge[")]
        assert neighbours and all(describes_a_neighbour(f) for f in neighbours)
        own = [*token_features(token), *features._boundary(summaries, index)]
        assert not any(describes_a_neighbour(f) for f in own)


def test_a_note_has_both_kinds_of_feature() -> None:
    rows = sequence_features(TOKENS)
    assert all(any(describes_a_neighbour(f) for f in row) for row in rows)
    assert all(any(not describes_a_neighbour(f) for f in row) for row in rows)


def test_the_tables_number_a_tokens_own_features_first() -> None:
    network_training = pytest.importorskip("evidence_library.evidence.references.network_training")
    rows = network_training.vocabulary([sequence_features(TOKENS)], min_count=1)
    order = sorted(rows, key=rows.__getitem__)
    own = [f for f in order if not describes_a_neighbour(f)]
    assert order == own + sorted(f for f in order if describes_a_neighbour(f))
    assert own == sorted(own) and list(rows.values()) == list(range(1, len(rows) + 1))
