import textwrap

import pytest

from evidence_library.model import NoteRef
from evidence_library.text.clean import layout_blocks, rejoin_page_splits
from evidence_library.text.notes import extract_notes
from tests.helpers import source


def extract(text: str):  # type: ignore[no-untyped-def]
    return extract_notes(layout_blocks(source(text)))


def placed(text: str) -> list[tuple[int, str, str]]:
    """(note number, the word just before its marker, the note's text)."""
    document, _ = extract(text)
    notes = {n.number: n.text for n in document.notes}
    found = []
    for block in document.blocks:
        before = ""
        for part in block.parts:
            if isinstance(part, NoteRef):
                found.append((part.number, before.split()[-1], notes[part.number]))
            else:
                before = part
    return found


def test_superscript_footnotes_between_paragraphs() -> None:
    assert placed(
        """
        Services respond to local need.¹ However, commissioners differ.²

        ¹Clinks, 2010. *Localising justice*.

        ²Forthcoming research.

        The argument goes on.
        """
    ) == [
        (1, "need.", "Clinks, 2010. *Localising justice*."),
        (2, "differ.", "Forthcoming research."),
    ]


def test_footnote_running_over_blank_lines_is_one_note() -> None:
    document, problems = extract(
        """
        A claim.³

        ³RR3, 2011. *Competition*. Online:

        <http://example.org/rr3.pdf>
        [last accessed 5.3.12]

        Next paragraph.
        """
    )
    assert [n.text for n in document.notes] == [
        "RR3, 2011. *Competition*. Online: <http://example.org/rr3.pdf> [last accessed 5.3.12]"
    ]
    assert [b.text for b in document.blocks] == ["A claim.³", "Next paragraph."]
    assert problems == ()


def test_paragraph_split_by_footnotes_is_rejoined() -> None:
    document, _ = extract(
        """
        The pace of planned reforms is

        ¹A source.

        of critical importance.¹
        """
    )
    assert [b.text for b in rejoin_page_splits(document.blocks)] == [
        "The pace of planned reforms is of critical importance.¹"
    ]


def test_endnote_list_numbered_by_position_where_numbers_are_missing() -> None:
    document, problems = extract(
        """
        One.¹ Two.² Three.³ Four.⁴

        End notes

        - 1. First source.
        - Second source, unnumbered.
        - 3 ibic
        - 4. Fourth source.
        """
    )
    assert [(n.number, n.text) for n in document.notes] == [
        (1, "First source."),
        (2, "Second source, unnumbered."),
        (3, "ibic"),
        (4, "Fourth source."),
    ]
    assert problems == ()


@pytest.mark.parametrize(
    "marker",
    [
        pytest.param("[1]", id="bracketed"),
        pytest.param("[^1]", id="markdown-caret"),
        pytest.param("^1", id="caret"),
        pytest.param("¹", id="superscript"),
    ],
)
def test_marker_shapes(marker: str) -> None:
    assert placed(f"Services improved.{marker} Then more.\n\n{marker} A source.") == [
        (1, "improved.", "A source.")
    ]


def test_numbers_in_the_text_are_not_markers() -> None:
    document, problems = extract(
        """
        In 2016 some 5% of 18 to 25 year olds.[1]

        Notes

        1. The source.
        """
    )
    assert [n.number for n in document.notes] == [1]
    assert document.blocks[0].text == "In 2016 some 5% of 18 to 25 year olds.[1]"
    assert problems == ()


def test_orphan_marker_is_kept_visible_and_reported() -> None:
    document, problems = extract("A claim.¹ Another.²\n\n¹The only note.")
    assert document.blocks[0].text == "A claim.¹ Another.²"
    assert [(p.code, p.location.line) for p in problems] == [("notes.orphan-marker", 1)]
    assert "marker 2" in problems[0].message


def test_orphan_definition_is_kept_and_reported() -> None:
    document, problems = extract("A claim.¹\n\n¹First.\n\n²Nobody points here.")
    assert [n.number for n in document.notes] == [1]
    assert [(n.number, n.text) for n in document.orphan_notes] == [(2, "Nobody points here.")]
    assert [(p.code, p.location.line) for p in problems] == [("notes.orphan-definition", 5)]


def test_duplicate_definition_is_kept_apart() -> None:
    document, problems = extract("A claim.¹\n\n¹First.\n\n¹Again.")
    assert [n.text for n in document.orphan_notes] == ["Again."]
    assert [p.code for p in problems] == ["notes.duplicate-definition"]


def test_recovery_after_a_bad_definition() -> None:
    text = textwrap.dedent(
        """
        A.¹ B.³

        ¹First.

        ²Unreferenced.

        ³Third.
        """
    )
    document, problems = extract(text)
    assert [n.number for n in document.notes] == [1, 3]
    assert [p.code for p in problems] == ["notes.orphan-definition"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Our survey1 found more.2 Then this (in 2016, 5%, p.30).3\n\n"
            "1 First source.\n\n2 Second source.\n\n3 Third source.",
            [(1, "survey", "First source."), (2, "more.", "Second source."), (3, "p.30).", "Third source.")],
            id="glued-digit-footnotes",
        ),
        pytest.param(
            "A claim(1) and another.(2)\n\nNotes\n\n1. First.\n2. Second.",
            [(1, "claim", "First."), (2, "another.", "Second.")],
            id="parenthesised",
        ),
        pytest.param(
            "Services reduced.12 The next.\n\nEndnotes\n\n12 Only note.",
            [(12, "reduced.", "Only note.")],
            id="glued-after-punctuation",
        ),
        pytest.param(
            "Claim one.1 Claim two.2\n\nClinks, 2010. Localising justice.\n1\n\nMoJ, 2011. Statistics.\n2",
            [(1, "one.", "Clinks, 2010. Localising justice."), (2, "two.", "MoJ, 2011. Statistics.")],
            id="number-after-note-text",
        ),
    ],
)
def test_more_shapes(text: str, expected: list[tuple[int, str, str]]) -> None:
    assert placed(text) == expected


def test_a_numbered_list_in_the_argument_is_not_notes() -> None:
    document, _ = extract(
        """
        We make three recommendations.

        1. Fund the sector.
        2. Involve service users.
        3. Publish the data.
        """
    )
    assert document.notes == () and document.orphan_notes == ()
    assert [b.text for b in document.blocks][1:] == [
        "1. Fund the sector.",
        "2. Involve service users.",
        "3. Publish the data.",
    ]


def test_a_numbered_list_after_labelled_markers_is_not_notes() -> None:
    """A Word file's "1." list item after the marker [^1]: note 1 is the labelled definition."""
    document, _ = extract(
        """
        We welcome the review.[^1] We recommend that the Ministry:

        1. funds the sector;
        2. publishes the data.

        [^1]: Ministry of Justice (2013) Transforming Rehabilitation.
        """
    )
    assert [(n.number, n.text) for n in document.notes] == [
        (1, "Ministry of Justice (2013) Transforming Rehabilitation.")
    ]
    assert [b.text for b in document.blocks][1:] == ["1. funds the sector;", "2. publishes the data."]


def test_glued_digits_out_of_sequence_are_text() -> None:
    document, _ = extract("Tier3 providers and RR3 agree.1\n\n1 The source.")
    assert [n.number for n in document.notes] == [1]
    assert document.blocks[0].text == "Tier3 providers and RR3 agree.1"
    assert sum(isinstance(p, NoteRef) for p in document.blocks[0].parts) == 1
