"""Exports for reference managers: type mappings, names and dates, and each writer on hand-made works."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from evidence_library.model import Bibliography, CitedBy, Note, Position, ResponsePage, Work
from evidence_library.publish import exports
from tests.helpers import source

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "csl-data.json"


def work(key: str, entry_type: str, *fields: tuple[str, str], cited_by: tuple[CitedBy, ...] = ()) -> Work:
    return Work(key, entry_type, fields, cited_by)


REPORT = work(
    "hmip2016desistance",
    "report",
    ("author", "{HM Inspectorate of Probation}"),
    ("title", "Desistance and young people"),
    ("type", "Research \\& Analysis Bulletin"),
    ("institution", "HM Inspectorate of Probation"),
    ("number", "2016/1"),
    ("location", "Manchester"),
    ("date", "2016-05-12"),
    ("url", "https://example.org/desistance.pdf"),
    ("urldate", "2017-01-03"),
)
CHAPTER = work(
    "maruna2010desistance",
    "incollection",
    ("author", "Maruna, S. and Thomas LeBel and others"),
    ("editor", "McNeill, F."),
    ("title", "The desistance paradigm"),
    ("booktitle", "Offender supervision"),
    ("pages", "65--87"),
    ("date", "2010"),
    ("publisher", "Willan"),
    ("isbn", "9781843927365"),
)


def csl_schema_validator() -> object:
    jsonschema = pytest.importorskip("jsonschema")
    return jsonschema.Draft3Validator(json.loads(SCHEMA.read_text()))


@pytest.mark.parametrize(
    ("entry_type", "kind", "expected"),
    [
        pytest.param("report", "Report", ("report", "RPRT"), id="report"),
        pytest.param("online", "", ("webpage", "ELEC"), id="web-page"),
        pytest.param("article", "", ("article-journal", "JOUR"), id="journal-article"),
        pytest.param("book", "", ("book", "BOOK"), id="book"),
        pytest.param("collection", "", ("book", "EDBOOK"), id="edited-book"),
        pytest.param("incollection", "", ("chapter", "CHAP"), id="chapter"),
        pytest.param("inbook", "", ("chapter", "CHAP"), id="part-of-a-book"),
        pytest.param("thesis", "PhD thesis", ("thesis", "THES"), id="thesis"),
        pytest.param("misc", "Act of Parliament", ("legislation", "STAT"), id="act"),
        pytest.param("misc", "Statutory instrument", ("legislation", "STAT"), id="statutory-instrument"),
        pytest.param("misc", "Bill", ("bill", "BILL"), id="bill"),
        pytest.param("misc", "Case", ("legal_case", "CASE"), id="case"),
        pytest.param("misc", "Hansard", ("speech", "HEAR"), id="hansard"),
        pytest.param("misc", "Press release", ("article", "GEN"), id="press-release"),
        pytest.param("legislation", "", ("legislation", "STAT"), id="curated-legislation"),
        pytest.param("jurisdiction", "", ("legal_case", "CASE"), id="curated-case"),
        pytest.param("software", "", ("article", "GEN"), id="unknown-type"),
    ],
)
def test_biblatex_types_map_to_csl_and_ris(entry_type: str, kind: str, expected: tuple[str, str]) -> None:
    fields = (("title", "T"), ("type", kind)) if kind else (("title", "T"),)
    assert exports.export_types(work("k", entry_type, *fields)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("{Clinks}", [{"literal": "Clinks"}], id="organisation"),
        pytest.param("{Clinks \\& Nacro}", [{"literal": "Clinks & Nacro"}], id="escaped-organisation"),
        pytest.param("Maruna, S.", [{"family": "Maruna", "given": "S."}], id="family-comma-given"),
        pytest.param("Shadd Maruna", [{"family": "Maruna", "given": "Shadd"}], id="given-family"),
        pytest.param("Maruna", [{"family": "Maruna"}], id="family-only"),
        pytest.param("Maruna, S. and others", [{"family": "Maruna", "given": "S."}], id="et-al-dropped"),
        pytest.param("", [], id="none"),
    ],
)
def test_names_become_csl_names(raw: str, expected: list[dict[str, str]]) -> None:
    assert exports.csl_names(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2011", {"date-parts": [[2011]]}, id="year"),
        pytest.param("2011-04", {"date-parts": [[2011, 4]]}, id="month"),
        pytest.param("2011-04-12", {"date-parts": [[2011, 4, 12]]}, id="day"),
        pytest.param("2010/2011", {"date-parts": [[2010], [2011]]}, id="range"),
        pytest.param("Spring 2011", {"literal": "Spring 2011"}, id="not-iso"),
    ],
)
def test_dates_become_csl_dates(text: str, expected: dict[str, object]) -> None:
    assert exports.csl_date(text) == expected


def test_a_report_as_a_csl_item() -> None:
    assert exports.csl_item(REPORT) == {
        "URL": "https://example.org/desistance.pdf",
        "accessed": {"date-parts": [[2017, 1, 3]]},
        "author": [{"literal": "HM Inspectorate of Probation"}],
        "genre": "Research & Analysis Bulletin",
        "id": "hmip2016desistance",
        "issued": {"date-parts": [[2016, 5, 12]]},
        "number": "2016/1",
        "publisher": "HM Inspectorate of Probation",
        "publisher-place": "Manchester",
        "title": "Desistance and young people",
        "type": "report",
    }


def test_a_chapter_as_a_csl_item() -> None:
    item = exports.csl_item(CHAPTER)
    assert item["author"] == [{"family": "Maruna", "given": "S."}, {"family": "LeBel", "given": "Thomas"}]
    assert item["editor"] == [{"family": "McNeill", "given": "F."}]
    assert (item["container-title"], item["page"], item["ISBN"]) == (
        "Offender supervision",
        "65-87",
        "9781843927365",
    )


def test_law_keeps_its_kind_in_the_type_not_the_genre() -> None:
    act = work("a", "misc", ("title", "Offender Rehabilitation Act 2014"), ("type", "Act of Parliament"))
    assert exports.csl_item(act) == {
        "id": "a",
        "title": "Offender Rehabilitation Act 2014",
        "type": "legislation",
    }


def test_csl_json_is_sorted_and_valid_against_the_csl_schema() -> None:
    text = exports.csl_json([REPORT, CHAPTER])
    items = json.loads(text)
    assert [item["id"] for item in items] == ["hmip2016desistance", "maruna2010desistance"]
    assert text == exports.csl_json([CHAPTER, REPORT])
    validator = csl_schema_validator()
    assert list(validator.iter_errors(items)) == []  # type: ignore[attr-defined]


def test_the_csl_schema_catches_a_wrong_item() -> None:
    validator = csl_schema_validator()
    wrong = [{"id": "x", "type": "document", "title": "T", "organisation": "Clinks"}]
    assert len(list(validator.iter_errors(wrong))) == 2  # type: ignore[attr-defined]


def test_a_ris_record() -> None:  # each record ends with "ER  - ", its trailing space included
    assert exports.ris_record(REPORT) == textwrap.dedent(
        """\
        TY  - RPRT
        AU  - HM Inspectorate of Probation
        TI  - Desistance and young people
        PY  - 2016
        DA  - 2016/05/12/
        M3  - Research & Analysis Bulletin
        IS  - 2016/1
        PB  - HM Inspectorate of Probation
        CY  - Manchester
        UR  - https://example.org/desistance.pdf
        Y2  - 2017/01/03/
        ID  - hmip2016desistance
        ER  - {space}
        """
    ).format(space="")


def test_ris_is_read_back_by_a_parser() -> None:
    rispy = pytest.importorskip("rispy")
    records = rispy.loads(exports.ris_text([REPORT, CHAPTER]))
    assert [(r["type_of_reference"], r["title"]) for r in records] == [
        ("RPRT", "Desistance and young people"),
        ("CHAP", "The desistance paradigm"),
    ]
    chapter = records[1]
    assert chapter["authors"] == ["Maruna, S.", "LeBel, Thomas"]
    assert chapter["secondary_authors"] == ["McNeill, F."]
    assert chapter["secondary_title"] == "Offender supervision"
    assert "unknown_tag" not in chapter
    assert (chapter["start_page"], chapter["end_page"], chapter["year"]) == ("65", "87", "2010")


def test_bibtex_keeps_the_entries_as_references_bib_holds_them() -> None:
    from bibtexparser import parse_string  # type: ignore[attr-defined]

    text = exports.bibtex_text([REPORT, CHAPTER])
    assert "  type = {Research \\& Analysis Bulletin}," in text
    library = parse_string(text)
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == ["hmip2016desistance", "maruna2010desistance"]
    assert library.entries[1]["pages"] == "65--87"


def response(slug: str, note_text: str) -> ResponsePage:
    document = source("Text.\n")
    document = type(document)(f"sources/{slug}.md", slug, document.metadata, document.lines)
    position = Position("We recommend more.", "position-1", 1, ("funding",))
    return ResponsePage(
        document, (), (), (Note(1, note_text, 3),), (), (), positions=(position,), themes=("funding",)
    )


@pytest.mark.parametrize("works", [[], [REPORT], [REPORT, CHAPTER]], ids=["none", "one", "two"])
def test_export_sets_joined_from_pieces_are_the_writers_bytes(works: list[Work]) -> None:
    files = exports.export_set("s", [exports.exported_work(w) for w in works])
    assert files == {
        "docs/exports/s.bib": exports.bibtex_text(works),
        "docs/exports/s.json": exports.csl_json(works),
        "docs/exports/s.ris": exports.ris_text(works),
    }


def test_export_files_cover_the_library_each_response_and_each_work() -> None:
    cited = work("k", "report", ("title", "T"), cited_by=(CitedBy("b", "B", "2020-01", 1, "S.", "p. 5"),))
    bibliography = Bibliography((cited,), {("b", 1): ("k",)})
    files = exports.export_files([response("a", "No source."), response("b", "T, p. 5.")], bibliography)
    stems = {"bibliography", "responses/a", "responses/b", "references/k"}
    expected = {f"docs/exports/{stem}.{suffix}" for stem in stems for suffix in ("bib", "json", "ris")}
    assert set(files) == expected | {"docs/exports/library.json"}
    assert files["docs/exports/responses/a.json"] == "[]\n"
    assert json.loads(files["docs/exports/responses/b.json"])[0]["id"] == "k"


def test_library_dump_holds_responses_positions_notes_and_works() -> None:
    cited = work(
        "k", "report", ("title", "T \\& U"), cited_by=(CitedBy("b", "B", "2020-01", 1, "S.", "p. 5"),)
    )
    dump = json.loads(
        exports.library_dump([response("b", "T, p. 5.")], Bibliography((cited,), {("b", 1): ("k",)}))
    )
    assert dump["version"] == exports.DUMP_VERSION
    assert dump["responses"] == [
        {
            "consultation": "Test Consultation",
            "consulting_body": "Test Body",
            "date": "2020-01",
            "organisation": "Example Trust",
            "slug": "b",
            "themes": ["funding"],
            "title": "Example response to the Test Consultation",
            "url": "responses/b/",
        }
    ]
    assert dump["positions"] == [
        {"anchor": "position-1", "response": "b", "text": "We recommend more.", "themes": ["funding"]}
    ]
    assert dump["notes"] == [
        {"cites": [{"key": "k", "pin": "p. 5"}], "number": 1, "response": "b", "text": "T, p. 5."}
    ]
    assert dump["works"] == [
        {
            "cited_by": [{"note": 1, "pin": "p. 5", "response": "b"}],
            "fields": {"title": "T & U"},
            "key": "k",
            "type": "report",
        }
    ]


def test_export_line_links_each_format() -> None:
    assert exports.export_line("../", "references/k") == (
        "**Export:** [BibTeX](../exports/references/k.bib) · [CSL-JSON](../exports/references/k.json)"
        " · [RIS](../exports/references/k.ris)"
    )
