import pytest

from evidence_library.model import Block, BlockKind, NoteRef
from evidence_library.publish.render import human_date, render_blocks


@pytest.mark.parametrize(
    ("iso", "expected"),
    [("2012-03", "March 2012"), ("2017-07-05", "5 July 2017"), ("1999-12", "December 1999")],
)
def test_dates_are_written_in_english(iso: str, expected: str) -> None:
    assert human_date(iso) == expected


@pytest.mark.parametrize(("level", "marks"), [(0, "##"), (1, "##"), (2, "###"), (3, "####"), (6, "######")])
def test_a_heading_keeps_its_level_under_the_page_title(level: int, marks: str) -> None:
    block = Block(BlockKind.HEADING, ("Policy context",), 1, 1, level=level)
    assert render_blocks([block]) == [f"{marks} Policy context"]


def test_a_table_is_a_markdown_table_with_its_cells_escaped_and_notes_in_place() -> None:
    text = "| Year | Source |\n| --- | --- |\n| 2015 | <b>MoJ</b> \\| HMPPS"
    block = Block(BlockKind.TABLE, (text, NoteRef(3, 1, "[^3]"), " |"), 1, 3)
    assert render_blocks([block]) == [
        "| Year | Source |\n| --- | --- |\n| 2015 | &lt;b&gt;MoJ&lt;/b&gt; \\| HMPPS[^3] |"
    ]
