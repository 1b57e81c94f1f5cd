"""What the search index knows about a page besides its words: filters, metadata, sort keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_library.publish.search import SearchIndexer, page_html
from evidence_library.publish.search_facets import Facets, facet_markup, page_facets, page_kind
from tests.unit.test_search import fragments

RESPONSE_META = {
    "title": "Women &amp; justice",
    "date": "2016-05",
    "organisation": "Clinks",
    "consulting_body": "Ministry of Justice",
    "tags": ["Women", "Black, Asian &amp; minority ethnic people"],
}


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        pytest.param("responses/2016-05-women.md", "Response", id="response"),
        pytest.param("responses/index.md", "", id="response-listing"),
        pytest.param("responses/timeline.md", "", id="timeline"),
        pytest.param("positions/women.md", "Position", id="position"),
        pytest.param("references/clinks2011dust.md", "Cited work", id="cited-work"),
        pytest.param("explore/most-cited.md", "", id="explorer"),
        pytest.param("index.md", "", id="home"),
    ],
)
def test_the_kind_of_page_comes_from_its_folder(path: str, kind: str) -> None:
    assert page_kind(path) == kind


def test_a_response_is_filtered_by_theme_organisation_body_and_year_and_sorted_by_date() -> None:
    assert page_facets("responses/2016-05-women.md", RESPONSE_META) == Facets(
        (
            ("kind", "Response"),
            ("theme", "Women"),
            ("theme", "Black, Asian & minority ethnic people"),
            ("organisation", "Clinks"),
            ("body", "Ministry of Justice"),
            ("year", "2016"),
        ),
        "Response",
        "2016-05",
    )


def test_a_cited_work_is_filtered_by_type_and_the_organisations_it_is_by() -> None:
    meta = {"type": "report", "year": "2010", "organisations": ["HM Inspectorate of Probation"]}
    assert page_facets("references/hmip2010.md", meta) == Facets(
        (("kind", "Cited work"), ("type", "Report"), ("cited", "HM Inspectorate of Probation")),
        "Cited work",
        "2010",
    )
    assert page_facets("references/x.md", {"type": "misc"}).filters == (
        ("kind", "Cited work"),
        ("type", "Misc"),
    )


def test_a_positions_page_has_its_theme_and_other_pages_nothing() -> None:
    assert page_facets("positions/women.md", {"theme": "Women"}).filters == (
        ("kind", "Position"),
        ("theme", "Women"),
    )
    assert page_facets("about.md", {"title": "About"}) == Facets()
    assert facet_markup(Facets()) == ""


def test_values_are_escaped_in_attributes() -> None:
    markup = facet_markup(Facets((("organisation", 'A "B" & C'),), "Response", "2016-05"))
    assert markup == (
        '<span data-pagefind-filter="organisation[data-value]" data-value="A &quot;B&quot; &amp; C"></span>'
        '<span data-pagefind-meta="kind[data-value]" data-value="Response"></span>'
        '<span data-pagefind-meta="date[data-value]" data-value="2016-05"></span>'
        '<span data-pagefind-sort="date[data-value]" data-value="2016-05"></span>'
    )


def test_pagefind_records_the_filters_and_metadata(tmp_path: Path) -> None:
    facets = facet_markup(page_facets("responses/2016-05-women.md", RESPONSE_META))
    indexer = SearchIndexer()
    try:
        content = "<h1>Women and justice</h1><p>Women's centres work.</p>"
        indexer.add_page("/responses/women/", page_html("Women", content, "en", facets))
        indexer.start_writing(tmp_path / "pagefind")
        assert indexer.wait_written() == 1
    finally:
        indexer.close()
    record = fragments(tmp_path / "pagefind")["/responses/women/"]
    assert record["filters"] == {
        "body": ["Ministry of Justice"],
        "kind": ["Response"],
        "organisation": ["Clinks"],
        "theme": ["Women", "Black, Asian & minority ethnic people"],
        "year": ["2016"],
    }
    assert record["meta"] == {"title": "Women and justice", "kind": "Response", "date": "2016-05"}
    assert "2016-05" not in str(record["content"])  # the facets are not part of the page's words
