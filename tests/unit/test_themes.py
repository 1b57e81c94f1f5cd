from evidence_library.diagnostics import Report
from evidence_library.evidence.themes import Vocabulary, parse_vocabulary, resolve_names, themes_of_text

VOCABULARY = """
min_hits: 2
themes:
  - id: women
    label: Women
    keywords: [women, girls]
  - id: bame
    label: Black, Asian and minority ethnic people
    keywords: [BAME, minority ethnic]
"""


def vocabulary() -> Vocabulary:
    return parse_vocabulary(VOCABULARY, Report())


def test_keywords_match_whole_words_and_acronyms_only_in_capitals() -> None:
    assert vocabulary().hits("BAME offenders and Minority  Ethnic groups") == {"bame": 2}
    assert vocabulary().hits("a bame shame") == {}
    assert vocabulary().hits("Women, girls, womenswear") == {"women": 2}


def test_a_response_needs_enough_hits() -> None:
    assert themes_of_text(vocabulary(), "women once", 2) == ()
    assert themes_of_text(vocabulary(), "women and girls", 2) == ("women",)


def test_front_matter_names_by_id_or_label_and_unknown_ones_are_errors() -> None:
    report = Report()
    assert resolve_names(vocabulary(), ["Women", "bame", "wimen"], "sources/x.md", "themes", report) == (
        "women",
        "bame",
    )
    (problem,) = report.diagnostics
    assert problem.code == "front-matter.unknown-theme" and "did you mean 'women'?" in problem.hint


def test_a_broken_vocabulary_is_reported() -> None:
    report = Report()
    assert parse_vocabulary("themes: [{id: x}]", report).themes == ()
    assert [d.code for d in report.diagnostics] == ["themes.syntax"]


def test_front_matter_adds_and_removes_themes() -> None:
    from dataclasses import replace

    from evidence_library import pipeline
    from tests.helpers import METADATA, source

    text = "BAME people and minority ethnic groups. We recommend support for BAME families."
    plain = pipeline.build_page(source(text), pipeline.PageInputs(vocabulary())).page
    assert plain.themes == ("bame",)
    assert plain.positions[0].themes == ("bame",)
    metadata = replace(METADATA, themes=("Women",), not_themes=("bame",))
    curated = pipeline.build_page(source(text, metadata), pipeline.PageInputs(vocabulary())).page
    assert curated.themes == ("women",)
    assert curated.positions[0].themes == ()
