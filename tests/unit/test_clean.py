import pytest

from evidence_library.model import Block, BlockKind, NoteRef
from evidence_library.text import clean
from evidence_library.text.clean import Vocabulary, join_wrapped, layout_blocks, rejoin_page_splits
from tests.helpers import source


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in layout_blocks(source(text)).blocks]


def test_paragraphs_headings_and_list_items() -> None:
    assert kinds_and_texts(
        """
        Women

        The document contains much
        that is positive.

        - first item;
        - second item
          wrapped onto a second line.
        """
    ) == [
        ("heading", "Women"),
        ("paragraph", "The document contains much that is positive."),
        ("list-item", "first item;"),
        ("list-item", "second item wrapped onto a second line."),
    ]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(["the commis-", "sioning round"], "the commissioning round", id="hyphenated-wrap"),
        pytest.param(["a well-", "known report"], "a well-known report", id="compound-kept"),
        pytest.param(["a line", "wrapped here"], "a line wrapped here", id="hard-wrap"),
        pytest.param(["Section 3-", "Five"], "Section 3- Five", id="capital-after-hyphen"),
    ],
)
def test_join_wrapped(lines: list[str], expected: str) -> None:
    vocabulary = Vocabulary("the commissioning report, a well-known one")
    assert join_wrapped(lines, vocabulary) == expected


def test_running_header_repeated_after_page_gaps_is_removed() -> None:
    cleaned = layout_blocks(
        source(
            """
            First page text ends here.



            July 2017

            Second page text.



            July 2017

            Third page text.
            """
        )
    )
    assert [b.text for b in cleaned.blocks] == [
        "First page text ends here.",
        "Second page text.",
        "Third page text.",
    ]
    assert [(r.code, r.text) for r in cleaned.removed] == [("clean.running-header", "July 2017")] * 2


def test_a_heading_used_twice_without_page_gaps_is_kept() -> None:
    texts = kinds_and_texts(
        """
        Question one

        Our answer.

        Question one

        Another answer.
        """
    )
    assert ("heading", "Question one") in texts and len(texts) == 4


@pytest.mark.parametrize("number", ["3", "Page 3 of 12", "- 4 -", "12 / 40"])
def test_page_numbers_are_removed(number: str) -> None:
    cleaned = layout_blocks(source(f"Some text.\n\n{number}\n\fMore text.", dedent=False))
    assert [b.text for b in cleaned.blocks] == ["Some text.", "More text."]
    assert cleaned.removed[0].code == "clean.page-number"


def test_a_bare_number_away_from_a_page_edge_is_kept() -> None:
    cleaned = layout_blocks(source("Clinks, 2010. Localising justice.\n\n3\n\nMore text."))
    assert [b.text for b in cleaned.blocks] == ["Clinks, 2010. Localising justice.", "3", "More text."]


def test_a_repeated_note_line_is_not_a_running_header() -> None:
    note = "Prison Reform Trust 2011. Care. Online:"
    cleaned = layout_blocks(
        source("\n\n".join(["Text.", note, "<http://a.org>", note, "<http://b.org>", note]))
    )
    assert cleaned.removed == ()


def test_form_feed_is_a_page_break() -> None:
    cleaned = layout_blocks(source("End of page one.\fStart of page two.", dedent=False))
    assert [b.text for b in cleaned.blocks] == ["End of page one.", "Start of page two."]
    assert cleaned.blocks[1].page_break_before


def test_markdown_heading_keeps_its_words() -> None:
    assert kinds_and_texts("## Policy context") == [("heading", "Policy context")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The pace of reform is\n\nthus of critical importance.",
            ["The pace of reform is thus of critical importance."],
            id="lowercase-continuation",
        ),
        pytest.param(
            "- across the three estates\n\n Community Rehabilitation Companies.",
            ["across the three estates Community Rehabilitation Companies."],
            id="indented-continuation",
        ),
        pytest.param(
            "A complete sentence.\n\nanother paragraph in lower case.",
            ["A complete sentence.", "another paragraph in lower case."],
            id="closed-sentence-not-joined",
        ),
    ],
)
def test_rejoin_page_splits(text: str, expected: list[str]) -> None:
    blocks = rejoin_page_splits(layout_blocks(source(text)).blocks)
    assert [b.text for b in blocks] == expected


def test_rejoined_block_spans_both_line_ranges() -> None:
    blocks = rejoin_page_splits(layout_blocks(source("Starts here and\n\ncontinues here.")).blocks)
    assert (blocks[0].line, blocks[0].end_line, blocks[0].kind) == (1, 3, BlockKind.PARAGRAPH)


def test_footer_with_page_numbers_is_removed() -> None:
    pages = [f"Text of page {n}.\n\nExample Trust response | {n}\n\f" for n in range(1, 5)]
    cleaned = layout_blocks(source("".join(pages), dedent=False))
    assert [b.text for b in cleaned.blocks] == [f"Text of page {n}." for n in range(1, 5)]
    assert {r.code for r in cleaned.removed} == {"clean.running-header"}


def test_bullets_inside_a_numbered_list_keep_its_numbering() -> None:
    from evidence_library.text.clean import layout_blocks

    blocks = layout_blocks(source("1. First point\n- a sub-point\n2. Second point\n")).blocks
    assert [b.text for b in blocks] == ["1. First point", "a sub-point", "2. Second point"]


@pytest.mark.parametrize(("marks", "level"), [("#", 1), ("##", 2), ("####", 4)])
def test_a_markdown_heading_keeps_its_level(marks: str, level: int) -> None:
    (block,) = layout_blocks(source(f"{marks} Policy context")).blocks
    assert (block.kind, block.text, block.level) == (BlockKind.HEADING, "Policy context", level)


def test_a_pipe_table_is_one_table_block_and_never_joined() -> None:
    text = "| Year | Referrals |\n| --- | --- |\n| 2015 | 1,120 |\n\nwhich fell sharply the next year."
    blocks = rejoin_page_splits(layout_blocks(source(text)).blocks)
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.TABLE, "| Year | Referrals |\n| --- | --- |\n| 2015 | 1,120 |"),
        (BlockKind.PARAGRAPH, "which fell sharply the next year."),
    ]


def test_lines_starting_with_a_pipe_without_a_rule_are_a_paragraph() -> None:
    assert kinds_and_texts("| not a table\n| at all") == [("paragraph", "| not a table | at all")]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        pytest.param(("a sentence that stops",), True, id="no-stop"),
        pytest.param(("a sentence.",), False, id="stop"),
        pytest.param(("a 'quoted sentence.'  ",), False, id="stop-then-closing-quote"),
        pytest.param(("a clause)",), True, id="closing-without-stop"),
        pytest.param(("ends.", NoteRef(1, 1, "¹"), "  "), False, id="stop-marker-space"),
        pytest.param(("ends", NoteRef(1, 1, "¹")), False, id="marker-last"),
        pytest.param(("   ",), False, id="blank"),
    ],
)
def test_ends_open_reads_the_end(parts: tuple[str | NoteRef, ...], expected: bool) -> None:
    block = Block(BlockKind.PARAGRAPH, parts, 1, 1)
    assert clean.ends_open(block) is expected
    text = "".join(p for p in parts if isinstance(p, str)).rstrip()
    if not isinstance(parts[-1], NoteRef):  # the same answer as the regular expression on the whole text
        assert expected is (bool(text) and not clean.TERMINAL.search(text))
