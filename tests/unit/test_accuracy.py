"""The notes stage over synthetic responses in every shape: the figure the
accuracy script prints, on fewer seeds; and conservation as a property."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from evidence_devtools.accuracy import build_synthetic, score_shapes
from evidence_devtools.synthetic import MARKERS, Shape, SyntheticResponse, all_shapes, synthetic_response
from evidence_library.text.conservation import missing_words

LAYOUTS = ["footnotes", "endnotes-numbered", "endnotes-dash", "endnotes-unnumbered", "number-after-text"]


def test_at_least_97_percent_of_notes_placed_right_and_none_invented() -> None:
    totals = score_shapes(all_shapes(), range(2))
    assert totals["total"].expected > 1000
    assert totals["total"].ratio >= 0.97
    assert totals["total"].invented == 0


shapes = st.builds(
    Shape,
    markers=st.sampled_from(sorted(MARKERS)),
    layout=st.sampled_from(LAYOUTS),
    wrap=st.booleans(),
    furniture=st.booleans(),
    crlf=st.booleans(),
    bom=st.booleans(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), shape=shapes, paragraphs=st.integers(1, 8))
def test_every_word_and_note_survives_any_shape(seed: int, shape: Shape, paragraphs: int) -> None:
    response = synthetic_response(seed, shape, paragraphs)
    page = build_synthetic(response)
    assert not missing_words(page)
    assert len(page.notes) + len(page.orphan_notes) == len(response.notes)


noisy_text = st.text(
    alphabet=string.ascii_letters + string.digits + " .,;:()[]^-*\n\f\t¹²³⁴" + "éü–’",
    max_size=600,
)


@settings(max_examples=150, deadline=None)
@given(body=noisy_text)
@example(body="²")  # a lone marker once crashed heading detection
@example(body="A-\fA")  # once rejoined a hyphen across two blocks
def test_arbitrary_text_loses_no_words(body: str) -> None:
    if not body.strip():
        return
    page = build_synthetic(SyntheticResponse("fuzz", body, ()))
    assert not missing_words(page)
