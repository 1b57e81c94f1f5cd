from dataclasses import replace

from evidence_library import pipeline
from evidence_library.text.conservation import check_conservation
from tests.helpers import source


def test_a_dropped_block_is_reported_by_name() -> None:
    page = pipeline.build_page(source("First paragraph here.\n\nSecond paragraph vanishes.\n")).page
    assert check_conservation(page) == ()
    broken = replace(page, body=page.body[:1])
    (diagnostic,) = check_conservation(broken)
    assert diagnostic.code == "conservation.words-missing"
    assert "paragraph, second, vanishes" in diagnostic.message


def test_hyphenation_rejoined_is_not_a_loss() -> None:
    page = pipeline.build_page(source("The commis-\nsioning round was long.\n")).page
    assert page.body[0].text == "The commissioning round was long."
    assert check_conservation(page) == ()


def test_a_compound_kept_with_its_hyphen_is_not_a_loss() -> None:
    page = pipeline.build_page(source("A well-known report.\n\nAnother well-\nknown one.\n")).page
    assert page.body[1].text == "Another well-known one."
    assert check_conservation(page) == ()


def test_a_capital_after_a_line_end_hyphen_is_not_joined() -> None:
    page = pipeline.build_page(source("Section A-\nB follows.\n")).page
    assert check_conservation(page) == ()
