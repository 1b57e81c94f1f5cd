"""The shared bibliography: one entry per work, whatever the citation style."""

from __future__ import annotations

from dataclasses import replace

from evidence_library import pipeline
from evidence_library.diagnostics import Report
from evidence_library.evidence.library import _Entry, bib_text, build_bibliography, parse_bib, same_work
from evidence_library.model import Bibliography, ResponsePage
from tests.helpers import METADATA, source

DUST_URL = "http://www.clinks.org/assets/files/PDFs/When%20the%20dust%20settles.pdf"
RESPONSE_A = f"""
Services are cut.¹ Users are involved.² Partnership is hard.³

¹Clinks, 2011. *When the dust settles*. Online: <{DUST_URL}> [last accessed 5.3.2012]

²Clinks, 2011. *Service user involvement: a review of service user involvement in prisons*.
Online: <http://www.clinks.org/a.pdf>

³Clinks, 2011. *When the dust settles*. p.9
"""
RESPONSE_B = f"""
Funding fell.¹ Involvement grew.² People desist.³ They reform.⁴

End notes

- 1. Clinks (2011) When the Dust Settles. Available at: {DUST_URL.replace("http://www.", "https://")}
  [last accessed 12.04.17]
- 2. Clinks (2017) Service user involvement: a review of service user involvement in prisons. Available at: http://www.clinks.org/b.pdf
- 3. Maruna, S. (2001) Making Good. Washington: American Psychological Association.
- 4. Ibid., p. 87
"""
RESPONSE_C = """
Ex-prisoners reform.¹ Cuts bite.² Women need more.³

¹Maruna, S., 2001. *Making good: how ex-convicts reform and rebuild their lives*.

²Clinks (2011). When the dust settles.

³HM Inspectorate of Probation (2016) A thematic inspection of services for women who offend.
"""


def page(slug: str, date: str, text: str, pins: dict[int, tuple[str, ...]] | None = None) -> ResponsePage:
    metadata = replace(METADATA, title=f"Response {slug}", date=date, citations=pins or {})
    document = replace(source(text, metadata), slug=slug, path=f"sources/{slug}.md")
    built = pipeline.build_page(document).page
    return built


def bibliography(*pages: ResponsePage, bib: str = "") -> tuple[Bibliography, Report]:
    report = Report()
    curated = parse_bib(bib, "references.bib", report)
    return build_bibliography(pages, curated, report), report


def corpus() -> list[ResponsePage]:
    return [
        page("a", "2012-03", RESPONSE_A),
        page("b", "2017-07", RESPONSE_B),
        page("c", "2018-01", RESPONSE_C),
    ]


def test_the_corpus_resolves_to_exactly_its_works() -> None:
    bib, report = bibliography(*corpus())
    assert [w.key for w in bib.works] == [
        "clinks2011dustsettles",
        "clinks2011serviceuser",
        "clinks2017serviceuser",
        "hmiprobation2016serviceswomen",
        "maruna2001makinggood",
    ]
    cited = {w.key: [(c.slug, c.note) for c in w.cited_by] for w in bib.works}
    assert cited["clinks2011dustsettles"] == [("a", 1), ("a", 3), ("b", 1), ("c", 2)]
    assert cited["maruna2001makinggood"] == [("b", 3), ("b", 4), ("c", 1)]
    assert report.diagnostics == []


def test_keys_do_not_change_when_a_response_is_added() -> None:
    first, _ = bibliography(*corpus()[:2])
    everything, _ = bibliography(*corpus(), bib=bib_text(first))
    assert {w.key for w in first.works} <= {w.key for w in everything.works}
    for work in first.works:
        assert next(w for w in everything.works if w.key == work.key).field("title") == work.field("title")


def test_a_hand_correction_in_references_bib_is_kept() -> None:
    first, _ = bibliography(*corpus())
    corrected = bib_text(first).replace("title = {When the dust settles}", "title = {When the Dust Settles}")
    again, _ = bibliography(*corpus(), bib=corrected)
    dust = next(w for w in again.works if w.key == "clinks2011dustsettles")
    assert dust.field("title") == "When the Dust Settles"
    assert len(dust.cited_by) == 4
    assert bib_text(again) == corrected


def test_a_note_pinned_in_front_matter() -> None:
    pinned = page("a", "2012-03", RESPONSE_A, pins={2: ("clinks2011dustsettles",)})
    bib, _ = bibliography(pinned)
    assert bib.note_keys[("a", 2)] == ("clinks2011dustsettles",)
    assert [w.key for w in bib.works] == ["clinks2011dustsettles"]


def test_a_pin_to_a_missing_key_is_an_error() -> None:
    _, report = bibliography(page("a", "2012-03", RESPONSE_A, pins={2: ("nobody2000",)}))
    assert [d.code for d in report.diagnostics] == ["bibliography.unknown-key"]


def test_output_is_deterministic_and_sorted() -> None:
    one, _ = bibliography(*corpus())
    two, _ = bibliography(*corpus())
    assert bib_text(one) == bib_text(two)
    assert (
        "@report{clinks2011dustsettles,\n  author = {{Clinks}},\n  title = {When the dust settles},"
        in bib_text(one)
    )


def entry(**fields: str) -> _Entry:
    return _Entry("", "report", dict(fields))


def test_threshold_same_and_different_works() -> None:
    dust = entry(author="{Clinks}", date="2011", title="When the dust settles")
    assert same_work(dust, entry(author="{Clinks}", date="2011", title="When the Dust Settles."))
    assert not same_work(dust, entry(author="{Clinks}", date="2017", title="When the dust settles"))
    assert not same_work(dust, entry(author="{NCVO}", date="2011", title="When the dust settles"))
    a = entry(
        author="{Clinks}", date="2011", title="Service user involvement: a review", url="http://a.org/1"
    )
    b = entry(
        author="{Clinks}", date="2011", title="Service user involvement: a review", url="http://a.org/2"
    )
    assert not same_work(a, b)  # two addresses, two works


def test_broken_references_bib_is_reported_with_lines() -> None:
    report = Report()
    parse_bib(
        "@report{a, title={X}}\n\n@report{a, title={Y}}\n\n@report{b, title={Z}\n", "references.bib", report
    )
    assert sorted((d.code, d.location.line) for d in report.diagnostics) == [
        ("bibliography.duplicate-key", 3),
        ("bibliography.syntax", 5),
    ]


def test_a_cited_work_that_is_a_response_in_the_library_is_linked() -> None:
    from evidence_library.publish.reference_pages import in_library, render_reference, response_index

    cited = page("a", "2012-03", "Our earlier view.\n")
    cited = replace(
        cited,
        source=replace(
            cited.source,
            metadata=replace(
                cited.source.metadata, title="Example Trust response to the Youth Justice Review"
            ),
        ),
    )
    citing = page(
        "b",
        "2017-07",
        "As we said before.¹\n\n¹Example Trust (2012) Example Trust response to the Youth Justice Review.",
    )
    bib, _ = bibliography(cited, citing)
    (work,) = bib.works
    responses = response_index([cited, citing])
    assert in_library(work, responses) is cited
    link = "[Example Trust response to the Youth Justice Review](../responses/a.md)"
    assert f"This work is in the library: {link}." in render_reference(work, responses)
