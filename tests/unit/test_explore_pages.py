"""The evidence explorer: which recommendations a work supports, and the pages under docs/explore/."""

from __future__ import annotations

from dataclasses import replace

from evidence_library.evidence.support import (
    cited_organisations,
    cited_people,
    supported_recommendations,
)
from evidence_library.evidence.themes import Theme, Vocabulary
from evidence_library.model import (
    Bibliography,
    Block,
    BlockKind,
    CitedBy,
    NoteRef,
    Position,
    ResponsePage,
    SourceDocument,
    Work,
)
from evidence_library.publish import explore_pages
from evidence_library.publish.reference_pages import render_reference
from tests.helpers import METADATA

VOCABULARY = Vocabulary((Theme("women", "Women", ("women",)), Theme("prisons", "Prisons", ("prison",))))


def response(
    slug: str, date: str, blocks: tuple[Block, ...], positions: tuple[Position, ...]
) -> ResponsePage:
    metadata = replace(METADATA, title=f"Response {slug}", date=date)
    source = SourceDocument(f"sources/{slug}.md", slug, metadata, ())
    return ResponsePage(source, blocks, (), (), (), (), positions)


def paragraph(line: int, *parts: str | int) -> Block:
    inline = tuple(NoteRef(p, line, str(p)) if isinstance(p, int) else p for p in parts)
    return Block(BlockKind.PARAGRAPH, inline, line, line)


def work(key: str, author: str, year: str, cited: tuple[tuple[str, str, int], ...], **fields: str) -> Work:
    values = (("author", author), ("title", key.title()), ("date", year), *fields.items())
    cited_by = tuple(CitedBy(slug, f"Response {slug}", date, note, "") for slug, date, note in cited)
    return Work(key, "report", values, cited_by)


# 2012: a recommendation on women in line 3, its paragraph citing note 1 (the inspectorate's report);
# another paragraph (line 5) cites note 2 (Maruna) without recommending anything.
# 2016: a recommendation on prisons and women in line 2, citing notes 1 (the report again) and 2 (Maruna).
OLD = response(
    "old",
    "2012-03",
    (paragraph(3, "We recommend women's centres.", 1), paragraph(5, "Desistance matters.", 2)),
    (Position("We recommend women's centres.", "position-1", 3, ("women",)),),
)
NEW = response(
    "new",
    "2016-05",
    (paragraph(2, "We urge fewer prison places for women.", 1, " As shown.", 2),),
    (Position("We urge fewer prison places for women.", "position-1", 2, ("prisons", "women")),),
)
REPORT = work(
    "hmip2010women",
    "{HM Inspectorate of Probation}",
    "2010",
    (("old", "2012-03", 1), ("new", "2016-05", 1)),
    institution="HM Inspectorate of Probation",
)
MARUNA = work(
    "maruna2001making", "Maruna, Shadd and others", "2001", (("old", "2012-03", 2), ("new", "2016-05", 2))
)
BIBLIOGRAPHY = Bibliography(
    (REPORT, MARUNA),
    {("old", 1): ("hmip2010women",), ("old", 2): ("maruna2001making",), ("new", 1): ("hmip2010women",),
     ("new", 2): ("maruna2001making",)},
)  # fmt: skip
PAGES = (NEW, OLD)


def test_a_work_supports_the_recommendations_made_in_the_paragraphs_that_cite_it() -> None:
    supports = supported_recommendations(PAGES, BIBLIOGRAPHY)
    assert [(s.page.source.slug, s.position.anchor) for s in supports["hmip2010women"]] == [
        ("old", "position-1"),
        ("new", "position-1"),
    ]
    # Maruna is cited in 2012 only beside no recommendation: just the 2016 one
    assert [s.page.source.slug for s in supports["maruna2001making"]] == ["new"]


def test_organisations_and_people_are_told_apart_and_each_named_once() -> None:
    assert cited_organisations(REPORT) == ("HM Inspectorate of Probation",)
    assert cited_people(REPORT) == ()
    assert cited_people(MARUNA) == ("Maruna, Shadd",)
    assert cited_organisations(MARUNA) == ()


def test_the_index_charts_responses_citations_and_the_age_of_evidence() -> None:
    text = explore_pages.render_index(PAGES, BIBLIOGRAPHY.works)
    assert "The evidence behind 2 responses: 2 cited works" in text
    assert text.count("<figure") == 3
    assert "Responses: 2 in all, from 2012 to 2016" in text
    # ages: the report at 2 and 6 years, Maruna's at 11 and 15
    assert explore_pages.evidence_ages(BIBLIOGRAPHY.works) == [2, 6, 11, 15]
    assert "<tr><td>11–20</td><td>2</td></tr>" in text


def test_most_cited_ranks_by_responses_then_notes() -> None:
    busy = work(
        "busy2015", "{Clinks}", "2015", (("old", "2012-03", 3), ("old", "2012-03", 4), ("old", "2012-03", 5))
    )
    ranked = explore_pages.most_cited([busy, MARUNA, REPORT])
    assert [w.key for w in ranked] == ["hmip2010women", "maruna2001making", "busy2015"]
    text = explore_pages.render_most_cited([busy, MARUNA, REPORT])
    assert "| [Hmip2010Women](../references/hmip2010women.md) | 2010 | Report | 2 | 2 | 2012–2016 |" in text


def test_an_organisation_page_lists_its_works_with_years_and_how_often() -> None:
    files = explore_pages.render_organisations(BIBLIOGRAPHY.works)
    assert sorted(files) == ["hm-inspectorate-of-probation.md", "index.md"]
    page = files["hm-inspectorate-of-probation.md"]
    assert "# Cited organisation: HM Inspectorate of Probation" in page
    assert "1 work by HM Inspectorate of Probation cited, in 2 notes." in page
    assert (
        "| [Hmip2010Women](../../references/hmip2010women.md) | 2010 | Report | 2 | 2 | 2012–2016 |" in page
    )
    assert "Citations: 2 in all, from 2012 to 2016" in page
    assert "| [HM Inspectorate of Probation](hm-inspectorate-of-probation.md) | 1 | 2 |" in files["index.md"]


def test_names_that_slugify_alike_get_different_pages() -> None:
    one = work("a2010", "{Home Office}", "2010", ())
    two = work("b2011", "{Home-Office}", "2011", ())
    named = explore_pages.group_by_name([one, two], people=False)
    assert [(n.name, n.slug) for n in named] == [
        ("Home Office", "home-office"),
        ("Home-Office", "home-office-2"),
    ]


def test_a_theme_page_lists_recommendations_by_year_with_the_works_they_rest_on() -> None:
    supports = supported_recommendations(PAGES, BIBLIOGRAPHY)
    files = explore_pages.render_themes(PAGES, VOCABULARY, supports, BIBLIOGRAPHY.works)
    assert sorted(files) == ["index.md", "prisons.md", "women.md"]
    women = files["women.md"]
    assert (
        "2 recommendations on Women in 2 responses, oldest first; 3 citations in the same paragraphs."
        in women
    )
    assert women.index("### 2012") < women.index("We recommend women") < women.index("### 2016")
    assert (
        "Rests on: [HM Inspectorate of Probation (2010) Hmip2010Women](../../references/hmip2010women.md)"
        in women
    )
    assert "| [Hmip2010Women](../../references/hmip2010women.md) | 2010 | 2 |" in women
    assert "- [Women](women.md): 2 recommendations, 2012 to 2016" in files["index.md"]
    assert "- [Prisons](prisons.md): 1 recommendation, 2016\n" in files["index.md"]


def test_a_reference_page_lists_what_the_work_supports_and_charts_its_citations() -> None:
    supports = supported_recommendations(PAGES, BIBLIOGRAPHY)
    page = render_reference(REPORT, {}, supports=supports["hmip2010women"])
    assert "cited 2 times" in page
    assert "## Recommendations it supports" in page
    assert (
        "- We recommend women's centres. ([Response old](../responses/old.md#position-1), March 2012)" in page
    )
    assert "Citations of this work per year of the citing response" in page
    assert "organisations:\n- HM Inspectorate of Probation" in page
    once = render_reference(replace(REPORT, cited_by=REPORT.cited_by[:1]), {}, supports=())
    assert "cited 1 time\n" in once
    assert "<figure" not in once and "Recommendations it supports" not in once


def test_every_explorer_page_is_listed_by_its_path() -> None:
    files = explore_pages.render_explorer(PAGES, BIBLIOGRAPHY.works, VOCABULARY, {})
    assert sorted(files) == [
        "authors.md",
        "index.md",
        "most-cited.md",
        "organisations/hm-inspectorate-of-probation.md",
        "organisations/index.md",
        "themes/index.md",
        "themes/prisons.md",
        "themes/women.md",
    ]
    assert (
        "## Maruna, Shadd\n\n- [Maruna2001Making](../references/maruna2001making.md) (2001), cited 2 times"
        in (files["authors.md"])
    )
    assert all("(s)" not in text for text in files.values())
