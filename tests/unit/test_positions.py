import pytest

from evidence_library.evidence.positions import extract_positions
from evidence_library.text.clean import layout_blocks
from evidence_library.text.notes import extract_notes
from tests.helpers import source


def positions(text: str, organisation: str = "Example Trust") -> list[str]:
    document, _ = extract_notes(layout_blocks(source(text)))
    return [p.text for p in extract_positions(document.blocks, organisation)]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        pytest.param("Example Trust would recommend that NOMS reviews this.", True, id="org-recommends"),
        pytest.param("Example Trust would therefore propose that funds rise.", True, id="org-proposes"),
        pytest.param("We urge the Ministry to act.", True, id="we-urge"),
        pytest.param("Finally we would also suggest that a review is timely.", True, id="we-suggest"),
        pytest.param("We call for a new duty.", True, id="call-for"),
        pytest.param("Example Trust would argue that this matters.", False, id="argue-is-not-a-position"),
        pytest.param("The report recommended transparency.", False, id="someone-else-recommends"),
        pytest.param("We would however note as positive the review.", False, id="note"),
    ],
)
def test_advocacy_sentences(sentence: str, found: bool) -> None:
    text = f"Some context here. {sentence} More context follows."
    assert positions(text) == ([sentence] if found else [])


def test_labelled_passage_and_markers_left_out() -> None:
    assert positions("Recommendation: The Inspectorate should publish its findings.¹\n\n¹A source.") == [
        "The Inspectorate should publish its findings."
    ]


def test_a_summary_item_repeated_in_the_body_is_one_position() -> None:
    found = positions(
        """
        Summary of our recommendations

        - The Ministry should fund local organisations through grants.
        - Example Trust can offer training to commissioners.

        Funding

        Recommendation: The Ministry should fund local voluntary organisations through grants.
        """
    )
    assert found == [
        "Example Trust can offer training to commissioners.",
        "The Ministry should fund local voluntary organisations through grants.",
    ]


def test_headings_and_plain_lists_are_not_positions() -> None:
    assert positions("We recommend\n\nOur priorities\n\n- tackling discrimination;\n- volunteering") == []


def test_anchors_are_in_reading_order() -> None:
    document, _ = extract_notes(
        layout_blocks(source("We recommend A.\n\nText.\n\nWe recommend B. We urge C."))
    )
    found = extract_positions(document.blocks, "Example Trust")
    assert [(p.anchor, p.line) for p in found] == [("position-1", 1), ("position-2", 5), ("position-3", 5)]
