"""The PDF importer's rules, one by one, on hand-made glyphs and lines (no PDF needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_library.diagnostics import UserError
from evidence_library.ingest.imported import DocumentProperties
from evidence_library.ingest.pdf import analyse, extract, import_pdf
from evidence_library.ingest.pdf.blocks import (
    Kind,
    TextBlock,
    breaks_words,
    heading_levels,
    join_lines,
    make_blocks,
    vocabulary_of,
)
from evidence_library.ingest.pdf.boxes import MARK_CLOSE, MARK_OPEN, Glyph, Page, Rule, TextLine, column_cuts
from evidence_library.ingest.pdf.furniture import split_furniture
from evidence_library.ingest.pdf.glyphs import normalise
from evidence_library.ingest.pdf.lines import page_lines
from evidence_library.ingest.pdf.notes import PageRegions, split_notes
from evidence_library.ingest.pdf.order import reading_order
from evidence_library.ingest.pdf.tables import pipe_table, table_rows
from evidence_library.ingest.pdf.write import source_text
from evidence_library.text.clean import Vocabulary

M = MARK_OPEN + "{}" + MARK_CLOSE


def word(text: str, x: float, top: float, size: float = 10.0, advance: float = 5.0) -> list[Glyph]:
    """Glyphs for `text` from x, each `advance` wide; a space is a gap, not a glyph (as in LaTeX)."""
    glyphs = []
    for char in text:
        if char != " ":
            glyphs.append(Glyph(char, x, x + advance, top, top + size, size, "Body"))
        x += advance
    return glyphs


def line(
    text: str,
    x0: float,
    top: float,
    x1: float | None = None,
    size: float = 10.0,
    bold: bool = False,
    ruled: bool = False,
) -> TextLine:
    right = x1 if x1 is not None else x0 + 5 * len(text)
    return TextLine(text, x0, right, top, top + size, size, bold=bold, page=1, ruled=ruled)


# Glyphs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glyph", "letters"),
    [
        ("ﬁ", "fi"),
        ("ﬀ", "ff"),
        ("ﬃ", "ffi"),
        ("ﬂ", "fl"),
        ("ff", "ff"),
        ("\u00ad", ""),
        ("\uf0b7", "•"),
        ("\ue123", ""),
        ("\x1b", "ff"),
    ],
    ids=["fi", "ff", "ffi", "fl", "mapped", "soft-hyphen", "symbol-bullet", "private-use", "tex-t1-ff"],
)
def test_a_glyph_is_spelled_once(glyph: str, letters: str) -> None:
    assert normalise(glyph) == letters


def test_a_ligature_glyph_is_not_doubled_in_its_line() -> None:
    glyphs = [*word("O", 0, 0), Glyph("ff", 5, 15, 0, 10, 10), *word("ice", 15, 0)]
    assert [x.text for x in page_lines(glyphs, 1)] == ["Office"]


# Lines ----------------------------------------------------------------------------------------


def test_gaps_are_spaces_and_a_small_raised_digit_is_a_marker() -> None:
    glyphs = [*word("the end", 0, 100), Glyph("7", 35, 38, 96, 102, 6), *word("More", 45, 100)]
    assert [x.text for x in page_lines(glyphs, 1)] == ["the end" + M.format(7) + " More"]


def test_a_small_digit_on_the_baseline_is_not_a_marker() -> None:
    glyphs = [*word("CO", 0, 100), Glyph("2", 10, 13, 104, 110, 6)]
    assert page_lines(glyphs, 1)[0].text == "CO2"


def test_columns_drawn_one_after_the_other_never_share_a_line() -> None:
    glyphs = [*word("left", 0, 100), *word("next", 0, 112), *word("right", 200, 100)]
    assert [x.text for x in page_lines(glyphs, 1)] == ["left", "next", "right"]


@pytest.mark.parametrize(
    ("glyphs", "lines"),
    [
        (
            [*word("What our members said", 0, 100), *word("Number", 121, 100)],
            ["What our members said", "Number"],
        ),
        ([*word("Prison", 0, 100), *word("Operational", 42, 100)], ["Prison", "Operational"]),
        ([*word("Maturity", 0, 100), *word("and", 55, 100), *word("the", 85, 100)], ["Maturity and the"]),
        ([*word("1,000", 0, 100), *word("pris-", 38, 100)], ["1,000 pris-"]),
        ([*word("it ends here.", 0, 100), *word("Next", 81, 100)], ["it ends here. Next"]),
    ],
    ids=["cells-of-a-row", "one-space-wide", "stretched-alike", "justified-two-words", "after-a-full-stop"],
)
def test_a_gap_much_wider_than_the_word_spaces_parts_two_cells(glyphs: list[Glyph], lines: list[str]) -> None:
    assert [x.text for x in page_lines(glyphs, 1)] == lines


def test_a_note_number_drawn_apart_joins_its_note() -> None:
    glyphs = [Glyph("3", 0, 3, 700, 705, 5), *word("Home Office (2019)", 14, 700, size=9)]
    assert page_lines(glyphs, 1)[0].text == M.format(3) + " Home Office (2019)"


# Furniture ------------------------------------------------------------------------------------


def test_repeated_headers_and_page_numbers_at_the_edges_are_taken_out() -> None:
    pages = [
        Page(
            n,
            600,
            800,
            (
                line("Trust | Review", 50, 20),
                line(f"Body text of page {n}", 50, 100),
                line(f"Page {n} of 3", 280, 780),
            ),
        )
        for n in (1, 2, 3)
    ]
    kept, removed = split_furniture(pages)
    assert [x.text for p in kept for x in p.lines] == [f"Body text of page {n}" for n in (1, 2, 3)]
    assert len(removed) == 6


def test_a_title_at_the_top_of_one_page_is_not_furniture() -> None:
    pages = [
        Page(1, 600, 800, (line("A title", 50, 20), line("Text", 50, 100))),
        Page(2, 600, 800, (line("More", 50, 100),)),
    ]
    kept, removed = split_furniture(pages)
    assert removed == ()
    assert kept[0].lines[0].text == "A title"


# Reading order ------------------------------------------------------------------------------------


def test_two_columns_under_a_full_width_title_read_column_by_column() -> None:
    title = line("A title across the whole page", 50, 20, 550, size=20)
    left = [line(f"left column line {i} of running text", 50, 60 + 12 * i, 290) for i in range(5)]
    right = [line(f"right column line {i} of running text", 310, 60 + 12 * i, 550) for i in range(5)]
    notes = line("A footnote set across the page", 50, 700, 550, size=8)
    order = [x.text for region in reading_order([notes, *right, title, *left], 10) for x in region]
    assert order == [title.text, *(x.text for x in left), *(x.text for x in right), notes.text]


def test_a_title_line_that_crosses_the_gutter_does_not_interleave_the_columns() -> None:
    title = [
        line("Clinks response to the Ministry", 50, 20, 430, size=20),
        line("Rehabilitation", 50, 45, 312, size=20),
    ]
    left = [line(f"left column line {i} of running text", 50, 80 + 12 * i, 290) for i in range(6)]
    right = [line(f"right column line {i} of running text", 306, 80 + 12 * i + 3, 550) for i in range(6)]
    order = [x.text for region in reading_order([*title, *left, *right], 10) for x in region]
    assert order == [*(x.text for x in title), *(x.text for x in left), *(x.text for x in right)]


def test_a_box_beside_the_text_is_read_whole_after_it() -> None:
    text = [line(f"text line {i} of a paragraph beside it", 50, 60 + 12 * i, 380) for i in range(6)]
    box = [line(f"box line {i} of a few words", 400, 70 + 12 * i, 550) for i in range(3)]
    for drawn in ([*text, *box], [*box, *text]):
        order = [x.text for region in reading_order(drawn, 10) for x in region]
        assert order == [*(x.text for x in text), *(x.text for x in box)]


def test_a_box_under_a_full_width_paragraph_follows_it_before_the_text_beside_it() -> None:
    above = [line("A paragraph across the page.", 50, 40, 550)]
    beside = [line(f"text line {i} of a paragraph beside it", 50, 60 + 12 * i, 380) for i in range(6)]
    box = [line(f"box line {i} of a few words", 400, 60 + 12 * i, 550) for i in range(3)]
    order = [x.text for region in reading_order([*above, *beside, *box], 10) for x in region]
    assert order == [above[0].text, *(x.text for x in box), *(x.text for x in beside)]


def test_two_columns_are_not_boxes() -> None:
    left = [line(f"left column line {i} of running text", 50, 60 + 12 * i, 290) for i in range(8)]
    right = [line(f"right column line {i} of running text", 310, 60 + 12 * i, 550) for i in range(8)]
    order = [x.text for region in reading_order([*left, *right], 10) for x in region]
    assert order == [*(x.text for x in left), *(x.text for x in right)]


def test_three_columns_of_paragraphs_are_read_column_by_column_not_as_boxes() -> None:
    columns = []
    for x in (50, 220, 390):
        column = []
        for paragraph in range(3):
            top = 60 + paragraph * 60
            column += [
                line(f"column {x} paragraph {paragraph} line {i} of text", x, top + 12 * i, x + 150)
                for i in range(4)
            ]
        columns.append(column)
    drawn = [line_ for column in columns for line_ in column]
    order = [x.text for region in reading_order(drawn, 10) for x in region]
    assert order == [x.text for x in drawn]


def test_a_column_with_short_lines_is_one_region_read_top_to_bottom() -> None:
    column = [
        line("A title over", 50, 20, 140, size=20),
        line("two lines", 50, 44, 120, size=20),
        line("the first line of a paragraph in the column", 50, 80, 250),
        line("and its short end.", 50, 92, 140),
        line("• an item in a list of the", 50, 110, 250),
        line("column", 62, 122, 100),
    ]
    assert [[x.text for x in region] for region in reading_order(column, 10)] == [[x.text for x in column]]


# Notes ------------------------------------------------------------------------------------------


def test_small_numbered_lines_are_notes_and_a_note_cut_by_a_page_is_joined() -> None:
    page1 = PageRegions(
        1,
        800,
        (
            (line("Body" + M.format(1) + " text.", 50, 100, 550),),
            (line(M.format(1) + " Ministry of Justice (2013) Transforming", 50, 700, 550, size=8),),
            (line("Rehabilitation: a revolution", 50, 710, 300, size=8),),
        ),
    )
    page2 = PageRegions(
        2,
        800,
        (
            (line("More body.", 50, 100, 550),),
            (line("in the way we manage offenders.", 50, 700, 300, size=8),),
        ),
    )
    body, notes = split_notes([page1, page2], 10)
    assert [[x.text for r in p.regions for x in r] for p in body] == [
        ["Body" + M.format(1) + " text."],
        ["More body."],
    ]
    assert len(notes) == 1 and notes[0].number == 1
    assert [x.text for x in notes[0].lines][-1] == "in the way we manage offenders."


def test_a_plain_number_opens_a_note_only_next_in_sequence() -> None:
    regions = (
        (line(M.format(3) + " Joint Committee (2016) Second Report, HC", 50, 700, 550, size=8),),
        (line("105. London: House of Commons.", 50, 710, 300, size=8),),
        (line("4. Home Office (2019).", 50, 730, 300, size=8),),
    )
    _, notes = split_notes([PageRegions(1, 800, regions)], 10)
    assert [(n.number, [x.text for x in n.lines]) for n in notes] == [
        (3, ["Joint Committee (2016) Second Report, HC", "105. London: House of Commons."]),
        (4, ["Home Office (2019)."]),
    ]


def test_a_small_line_opening_with_a_figure_is_not_a_note() -> None:
    page = PageRegions(1, 800, ((line("40 to 80 hours of unpaid work", 50, 700, size=8),),))
    _, notes = split_notes([page], 10)
    assert notes == []


# Tables -----------------------------------------------------------------------------------------


def test_short_cells_in_level_rows_are_a_pipe_table() -> None:
    cells = [
        line("Concern raised by", 60, 100, 140),
        line("members", 60, 112, 100),
        line("Share", 200, 100, 230),
        line("Payment by results", 60, 130, 150),
        line("71%", 200, 130, 220),
        line("Data | price", 60, 150, 150),
        line("46%", 200, 150, 220),
    ]
    rows = table_rows(cells, 7)
    assert rows == [
        ["Concern raised by members", "Share"],
        ["Payment by results", "71%"],
        ["Data | price", "46%"],
    ]
    assert pipe_table(rows) == (
        "| Concern raised by members | Share |\n| --- | --- |\n"
        "| Payment by results | 71% |\n| Data \\| price | 46% |"
    )


def test_cells_that_wrap_in_the_header_do_not_start_rows() -> None:
    cells = [
        line("Prison", 60, 100, 90),
        line("Violent in-", 120, 100, 170),
        line("Share", 200, 100, 230),
        line("cidents per", 120, 112, 175),
        line("of all", 200, 112, 230),
        line("Prison A", 60, 130, 100),
        line("312", 120, 130, 135),
        line("4%", 200, 130, 210),
    ]
    assert table_rows(cells, 7) == [
        ["Prison", "Violent incidents per", "Share of all"],
        ["Prison A", "312", "4%"],
    ]


def test_two_columns_of_prose_side_by_side_are_not_a_table() -> None:
    left = ["video calls can help", "stay in touch between", "welcome the pilots of", "services, and we ask"]
    right = ["women. We would be", "help the review team", "the families we work", "that their experience"]
    lines_ = [line(text, 50, 100 + 12 * i, 140) for i, text in enumerate(left)]
    lines_ += [line(text, 160, 100 + 12 * i, 250) for i, text in enumerate(right)]
    assert table_rows(lines_, 7) is None


def test_a_ruled_table_with_narrow_gaps_and_words_broken_without_hyphens() -> None:
    cells = [
        line("Pris", 60, 100, 79, ruled=True),
        line("on", 60, 112, 70, ruled=True),
        line("Decemb", 84, 100, 113, ruled=True),
        line("er 2018", 84, 112, 112, ruled=True),
        line("Prison A", 60, 130, 78, ruled=True),
        line("985", 84, 130, 96, ruled=True),
    ]
    assert table_rows(cells, 7) == [["Prison", "December 2018"], ["Prison A", "985"]]


def test_a_rule_in_a_narrow_gap_parts_columns() -> None:
    lines_ = [line("Pris", 60, 100, 79), line("Decemb", 84, 100, 113, ruled=True)]
    assert [[x.text for x in column] for column in column_cuts(lines_, 7)] == [["Pris"], ["Decemb"]]
    lines_ = [line("Pris", 60, 100, 79), line("Decemb", 84, 100, 113)]
    assert len(column_cuts(lines_, 7)) == 1


def test_a_drawn_rule_between_glyphs_parts_two_cells_and_marks_them() -> None:
    glyphs = [*word("985", 0, 100), *word("312", 20, 100)]
    rules = [Rule(17.5, 95, 115), Rule(-2, 95, 115)]
    found = page_lines(glyphs, 1, rules)
    assert [(x.text, x.ruled) for x in found] == [("985", True), ("312", True)]
    assert [x.text for x in page_lines(glyphs, 1)] == ["985 312"]


def test_columns_of_running_text_are_not_a_table() -> None:
    left = [line(f"left column line {i} of running text", 50, 60 + 12 * i, 290) for i in range(4)]
    right = [line(f"right column line {i} of running text", 310, 60 + 12 * i, 550) for i in range(4)]
    assert table_rows([*left, *right], 7) is None


def test_a_table_under_a_paragraph_keeps_the_paragraph_out() -> None:
    paragraph = [line("the end of a paragraph set in the body size.", 50, 80, 300, size=11)]
    cells = [line("Year", 60, 100, 90), line("Referrals", 200, 100, 250)]
    cells += [line("2015", 60, 115, 90), line("1,120", 200, 115, 230)]
    regions = reading_order([*paragraph, *cells], 10)
    assert [[x.text for x in region] for region in regions] == [
        [paragraph[0].text],
        ["Year", "Referrals", "2015", "1,120"],
    ]


# Blocks -----------------------------------------------------------------------------------------


def test_heading_levels_follow_size_then_weight() -> None:
    levels = heading_levels([(18, True), (22, True), (14, True), (10, True), (18, True)])
    assert levels == {(22.0, True): 1, (18.0, True): 2, (14.0, True): 3, (10.0, True): 4}


@pytest.mark.parametrize(
    ("lines", "words", "joined"),
    [
        (["the reha-", "bilitation of"], "rehabilitation", "the rehabilitation of"),
        (["a gender-", "specific approach"], "gender specific", "a gender-specific approach"),
        (["seri-", "ous concerns"], "", "serious concerns"),
        (["Ends here.", "Next"], "", "Ends here. Next"),
        (["into the mid-", "twenties"], "into the", "into the mid-twenties"),
        (["are over-", "crowded"], "are", "are overcrowded"),
        (["family relation-", "ships are"], "family relation ships are", "family relationships are"),
        (["who are over-", "represented in"], "who are in", "who are over-represented in"),
    ],
    ids=[
        "known-word",
        "compound",
        "unknown-word",
        "no-hyphen",
        "prefix",
        "not-a-prefix",
        "common-english-word",
        "halves-common-in-english",
    ],
)
def test_words_hyphenated_across_lines(lines: list[str], words: str, joined: str) -> None:
    assert join_lines(lines, Vocabulary(words)) == joined


@pytest.mark.parametrize(
    ("lines", "breaks"),
    [
        (["the infor-", "mation we hold and its", "distri-", "bution"], True),
        (["are over-", "represented in prison"], False),
        (["a harm-", "ful effect"], True),
        (["the relation-", "ships of each relationship"], True),
        (["the rehabil-", "itation of", "rehabilitation"], True),
        (["a gender-", "specific gender approach"], False),
        (["No hyphen at all"], False),
        (["family relation-", "ships matter"], True),
    ],
    ids=[
        "halves-unknown",
        "one-unknown-pair",
        "suffixes",
        "singular-known",
        "whole-word-known",
        "compound-of-words",
        "none",
        "common-english-word",
    ],
)
def test_whether_a_document_hyphenates_words(lines: list[str], breaks: bool) -> None:
    laid = [line(text, 0, 12 * i) for i, text in enumerate(lines)]
    assert breaks_words(laid, vocabulary_of(laid)) is breaks


def test_the_halves_of_a_broken_word_are_not_words_of_the_document() -> None:
    vocabulary = vocabulary_of([line("we have seri-", 0, 0), line("ous concerns", 0, 12)])
    assert "seri" not in vocabulary.words and "ous" not in vocabulary.words and "concerns" in vocabulary.words


def test_blocks_headings_paragraphs_and_items() -> None:
    region = [
        line("Introduction", 50, 50, 150, size=16, bold=True),
        line("First paragraph runs over", 50, 80, 550),
        line("two lines.", 50, 92, 120),
        line("• an item", 50, 110, 200),
        line("1. a numbered item", 50, 122, 200),
        line("Next paragraph.", 50, 150, 200),
    ]
    blocks = make_blocks([region], 10, Vocabulary(""))
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        (Kind.HEADING, "Introduction", 1),
        (Kind.PARAGRAPH, "First paragraph runs over two lines.", 0),
        (Kind.BULLET, "• an item", 0),
        (Kind.NUMBERED, "1. a numbered item", 0),
        (Kind.PARAGRAPH, "Next paragraph.", 0),
    ]


def test_the_title_block_is_level_one_and_sections_follow_from_level_two() -> None:
    region = [
        line("Trust response to the review", 50, 40, 400, size=22, bold=True),
        line("A subtitle in its own size", 50, 70, 300, size=14, bold=True),
        line("A first paragraph.", 50, 100, 200),
        line("Section", 50, 130, 150, size=18, bold=True),
        line("Text.", 50, 160, 100),
        line("Subsection", 50, 190, 150, size=12, bold=True),
        line("More text.", 50, 220, 150),
    ]
    blocks = make_blocks([region], 10, Vocabulary(""))
    assert [(b.text, b.level) for b in blocks if b.kind is Kind.HEADING] == [
        ("Trust response to the review", 1),
        ("A subtitle in its own size", 1),
        ("Section", 2),
        ("Subsection", 3),
    ]


def test_a_paragraph_cut_by_a_column_break_is_joined() -> None:
    left = [line("A sentence that goes", 50, 700, 290)]
    right = [line("on in the next column.", 310, 60, 550)]
    blocks = make_blocks([left, right], 10, Vocabulary(""))
    assert [b.text for b in blocks] == ["A sentence that goes on in the next column."]


def test_a_paragraph_interrupted_by_a_box_beside_it_is_joined_and_the_box_follows() -> None:
    first = [line("The paragraph starts beside", 50, 100, 300)]
    box = [line("Key fact in a box beside it.", 320, 100, 550)]
    second = [line("the box and ends below it.", 50, 112, 300)]
    blocks = make_blocks([first, box, second], 10, Vocabulary(""))
    assert [b.text for b in blocks] == [
        "The paragraph starts beside the box and ends below it.",
        "Key fact in a box beside it.",
    ]


# Writing ------------------------------------------------------------------------------------------


def test_notes_keep_their_printed_numbers_in_order_of_reference_and_orphans_stay_visible() -> None:
    blocks = [
        TextBlock(Kind.HEADING, "Title", 20, True, 1, 1),
        TextBlock(
            Kind.PARAGRAPH,
            "First" + M.format(4) + " then" + M.format(3) + " and" + M.format(9),
            10,
            False,
            0,
            1,
        ),
        TextBlock(Kind.BULLET, "• item", 10, False, 0, 1),
    ]
    text = source_text(blocks, [(3, 1, "Note three."), (4, 1, "Note four.")])
    assert text == "# Title\n\nFirst[^4] then[^3] and⁹\n\n- item\n\n[^4]: Note four.\n\n[^3]: Note three.\n"


def test_numbering_that_starts_again_on_each_page_is_numbered_afresh() -> None:
    blocks = [
        TextBlock(Kind.PARAGRAPH, "One" + M.format(1), 10, False, 0, 1),
        TextBlock(Kind.PARAGRAPH, "Two" + M.format(1), 10, False, 0, 2),
    ]
    text = source_text(
        blocks, [(1, 1, "Page one's note."), (1, 2, "Page two's note."), (2, 2, "Unreferenced.")]
    )
    assert text == (
        "One[^1]\n\nTwo[^2]\n\n[^1]: Page one's note.\n\n[^2]: Page two's note.\n\n[^3]: Unreferenced.\n"
    )


# Whole documents and refusals ----------------------------------------------------------------------


def test_a_page_of_glyphs_becomes_source_text() -> None:
    glyphs = (
        *word("Heading", 50, 50, size=16, advance=8),
        *word("Body text of the response", 50, 80),
        Glyph("1", 180, 183, 76, 82, 6),
        Glyph("1", 50, 53, 697, 702, 5),
        *word("The note.", 56, 700, size=8, advance=4),
    )
    page = extract.PageGlyphs(1, 600, 800, glyphs)
    layout = analyse((page,), DocumentProperties())
    assert layout.text == "# Heading\n\nBody text of the response[^1]\n\n[^1]: The note.\n"


def test_the_vertical_rules_a_page_draws_are_read(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "ruled.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(600, 800))
    pdf.drawString(72, 700, "Prison")
    pdf.drawString(130, 700, "985")
    pdf.line(125, 690, 125, 720)  # a cell border
    pdf.line(72, 680, 300, 680)  # a horizontal rule: not a column's
    pdf.save()
    pages, _ = extract.read_pages(path.read_bytes(), "ruled.pdf")
    (rule,) = pages[0].rules  # the stroke's width widens its box by half a point
    assert abs(rule.x - 125) < 0.5 and abs(rule.top - 80) <= 1 and abs(rule.bottom - 110) <= 1


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(72, 720, "Confidential response")
    pdf.save()
    with pytest.raises(UserError) as raised:
        import_pdf(path, "locked.pdf")
    assert raised.value.diagnostic.code == "read.encrypted"
    assert str(raised.value.diagnostic.location) == "locked.pdf"


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"%PDF-1.4\nnot really a pdf\n", "read.bad-pdf"), (b"PK\x03\x04 a zip", "read.bad-pdf")],
    ids=["damaged", "not-a-pdf"],
)
def test_damaged_files_are_refused(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "response.pdf"
    path.write_bytes(content)
    with pytest.raises(UserError) as raised:
        import_pdf(path, "response.pdf")
    assert raised.value.diagnostic.code == code


def test_too_many_pages_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "long.pdf"
    pdf = canvas.Canvas(str(path))
    for n in range(3):
        pdf.drawString(72, 720, f"Page text {n}")
        pdf.showPage()
    pdf.save()
    monkeypatch.setattr(extract, "MAX_PAGES", 2)
    with pytest.raises(UserError) as raised:
        import_pdf(path, "long.pdf")
    assert raised.value.diagnostic.code == "read.too-many-pages"
