"""The shared bibliography: one entry per work, whatever the citation style."""

from __future__ import annotations

from dataclasses import replace

import pytest

from evidence_library import pipeline
from evidence_library.diagnostics import Report
from evidence_library.evidence.bodies import Bodies, Body
from evidence_library.evidence.library import (
    BibliographyBuilder,
    _Entry,
    bib_text,
    build_bibliography,
    parse_bib,
    probable_duplicates,
    report_probable_duplicates,
    same_work,
    url_identity,
)
from evidence_library.model import Bibliography, CitedBy, ResponsePage
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


def test_a_page_that_only_meets_references_bib_is_replayed_to_the_same_bibliography() -> None:
    pages = corpus()
    first, _ = bibliography(*pages)
    curated = parse_bib(bib_text(first), "references.bib", Report())
    matched = BibliographyBuilder(curated, Report())
    resolutions = [matched.add(p) for p in pages]
    assert all(r is not None for r in resolutions)  # every work is in references.bib
    replayed = BibliographyBuilder(curated, Report())
    assert all(replayed.replay(p.source.slug, r) for p, r in zip(pages, resolutions, strict=True) if r)
    assert replayed.bibliography() == matched.bibliography()
    assert bib_text(replayed.bibliography()) == bib_text(first)


def test_a_page_that_makes_an_entry_has_no_resolution_and_stops_replaying() -> None:
    pages = corpus()
    first, _ = bibliography(*pages[:2])  # references.bib without what only response c cites
    builder = BibliographyBuilder(parse_bib(bib_text(first), "references.bib", Report()), Report())
    resolutions = [builder.add(p) for p in pages]
    assert resolutions[0] is not None and resolutions[1] is not None
    assert resolutions[2] is None  # it made entries (Maruna's book was in b; the inspection is new)
    assert resolutions[0] is not None and not builder.replay("a", resolutions[0])


def test_a_replayed_pin_to_a_missing_key_is_reported_again() -> None:
    pinned = page(
        "a", "2012-03", RESPONSE_A, pins={1: ("nobody2000",), 2: ("nobody2000",), 3: ("nobody2000",)}
    )
    first = BibliographyBuilder([], Report())
    resolution = first.add(pinned)
    assert resolution is not None
    report = Report()
    assert BibliographyBuilder([], report).replay("a", resolution)
    assert [d.code for d in report.diagnostics] == ["bibliography.unknown-key"] * 3


def test_probable_duplicates_of_the_entries_named_cited() -> None:
    first = replace(entry(author="{Clinks}", date="2011", title="Young adults in custody"), key="a")
    second = replace(
        entry(author="{Clinks}", date="2011", title="Young adults leaving custody: a review"), key="b"
    )
    assert probable_duplicates([first, second]) == []  # neither is cited
    assert [(p.first, p.second) for p in probable_duplicates([first, second], {"a", "b"})] == [("a", "b")]
    assert probable_duplicates([first, second], {"a"}) == []


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
    """A made-up body: 'Example Trust' began with a word the parser's lexicon lists as prose ('for
    example'), and since the eleventh stop's model a capitalised 'Example' heading a note reads as
    prose (README, "How well notes are read"); this test is about the link, not that name."""
    from evidence_library.publish.reference_pages import in_library, render_reference, response_index

    cited = page("a", "2012-03", "Our earlier view.\n")
    cited = replace(
        cited,
        source=replace(
            cited.source,
            metadata=replace(
                cited.source.metadata, title="Westfield Trust response to the Youth Justice Review"
            ),
        ),
    )
    citing = page(
        "b",
        "2017-07",
        "As we said before.¹\n\n"
        "¹Westfield Trust (2012) Westfield Trust response to the Youth Justice Review.",
    )
    bib, _ = bibliography(cited, citing)
    (work,) = bib.works
    responses = response_index([cited, citing])
    assert in_library(work, responses) is cited
    link = "[Westfield Trust response to the Youth Justice Review](../responses/a.md)"
    assert f"This work is in the library: {link}." in render_reference(work, responses)


# --- addresses, bodies and probable duplicates ---------------------------------------------------

TR = "https://www.gov.uk/government/consultations/transforming-rehabilitation"


@pytest.mark.parametrize(
    "variant",
    [
        TR,
        TR.replace("https://www.", "http://"),
        TR + "/",
        TR + "#annex-a",
        TR + "?utm_source=twitter&utm_medium=social",
        TR.replace("rehabilitation", "rehabili- tation"),
        TR.replace("rehabilitation", "rehabili-tation"),
        "https://web.archive.org/web/20140101000000/" + TR,
        "https://web.archive.org/web/20140101000000id_/" + TR.replace("https://www.", "http://"),
        "http://webarchive.nationalarchives.gov.uk/20130128112038/" + TR,
        "https://webarchive.nationalarchives.gov.uk/ukgwa/20130128112038/" + TR + "/",
    ],
)
def test_variants_of_one_address_are_one_address(variant: str) -> None:
    assert url_identity(variant) == url_identity(TR)


@pytest.mark.parametrize(
    "other",
    [
        TR + "-annex",
        TR.replace("consultations", "publications"),
        "https://www.gov.uk/government/consultations/transforming-rehabilitation?id=2",
        "https://web.archive.org/web/20140101000000/https://www.justice.gov.uk/transforming-rehabilitation",
    ],
)
def test_different_addresses_stay_different(other: str) -> None:
    assert url_identity(other) != url_identity(TR)


def test_a_wayback_copy_and_a_broken_line_cite_the_work_of_the_live_address() -> None:
    text = f"""
Reform began.¹ It went on.² And on.³

¹Ministry of Justice (2013) Transforming Rehabilitation. Available at: {TR}

²Available at: https://web.archive.org/web/20140101000000/{TR.replace("https://www.", "http://")}

³Ministry of Justice (2013) Transforming Rehabilitation: a strategy. Available at:
{TR.replace("rehabilitation", "rehabili- tation")}
"""
    bib, _ = bibliography(page("a", "2014-01", text))
    assert [(w.key, [c.note for c in w.cited_by]) for w in bib.works] == [
        ("mjustice2013transformingrehabilitation", [1, 2, 3])
    ]


def test_a_body_by_any_of_its_names_is_one_author() -> None:
    bodies = Bodies((Body("Ministry of Justice", ("MoJ",), "moj"),))
    text = """
Reform began.¹ It went on.²

¹Ministry of Justice (2013) Transforming Rehabilitation: A Strategy for Reform.

²MoJ, *Transforming Rehabilitation: A Strategy for Reform* (London: MoJ, 2013).
"""
    report = Report()
    merged = build_bibliography([page("a", "2014-01", text)], [], report, bodies)
    assert [len(w.cited_by) for w in merged.works] == [2]
    apart = build_bibliography([page("a", "2014-01", text)], [], Report())
    assert len(apart.works) == 2  # without bodies.yml, nothing says MoJ is the Ministry of Justice


def _entry(key: str, author: str, year: str, title: str, url: str = "") -> _Entry:
    fields = {"author": author, "date": year, "title": title} | ({"url": url} if url else {})
    return _Entry(key, "report", fields, [CitedBy("a", "A", "2020", 1, "")])


def test_probable_duplicates_are_named_with_both_keys_and_a_reason() -> None:
    young_adults = "Reducing reoffending among young adults"
    women = "A thematic inspection of women"
    entries = [
        _entry("clinks2011dust", "{Clinks}", "2011", f"{young_adults} in custody"),
        _entry("clinks2011dusta", "{Clinks}", "2011", f"{young_adults} leaving custody"),
        _entry("clinks2011other", "{Clinks}", "2011", "Funding the voluntary sector in prisons"),
        _entry("clinks2011women", "{Clinks}", "2011", "Women in prison"),
        _entry("clinks2011men", "{Clinks}", "2011", "Men in prison"),
        _entry(
            "clinks2011review", "{Clinks}", "2011", "Service user involvement: a review", "http://a.org/r.pdf"
        ),
        _entry(
            "clinks2011practice",
            "{Clinks}",
            "2011",
            "Service user involvement: best practice",
            "http://a.org/b",
        ),
        _entry("hmip2016women", "{HM Inspectorate of Probation}", "2016", women),
        _entry("probation2016women", "Probation, HM Inspectorate of", "2016", women),
    ]
    found = probable_duplicates(entries)
    assert [(p.first, p.second) for p in found] == [
        ("clinks2011dust", "clinks2011dusta"),
        ("hmip2016women", "probation2016women"),
    ]
    report = Report()
    report_probable_duplicates(entries, report, "references.bib")
    assert [d.code for d in report.diagnostics] == ["bibliography.possible-duplicate"] * 2
    assert "'clinks2011dust' and 'clinks2011dusta'" in report.diagnostics[0].message
    assert not report.fails(strict=True)  # a question for a curator, not a failure


def test_a_series_or_different_years_are_not_probable_duplicates() -> None:
    entries = [
        _entry("hmip2013annual", "{HMIP}", "2013", "Annual report 2012-13"),
        _entry("hmip2013annuala", "{HMIP}", "2013", "Annual report 2011-12"),
        _entry("hmip2013leeds", "{HMIP}", "2013", "An inspection of youth offending services in Leeds"),
        _entry("hmip2013bradford", "{HMIP}", "2013", "An inspection of youth offending services in Bradford"),
        _entry("moj2013tr", "{MoJ}", "2013", "Transforming rehabilitation a strategy for reform"),
        _entry("moj2014tr", "{MoJ}", "2014", "Transforming rehabilitation a strategy for reform"),
        _entry("x2013tr", "{MoJ}", "2013", "Transforming rehabilitation a strategy for reform"),
    ]
    found = probable_duplicates(entries)
    assert found == []  # the last two are one work by `same_work`: merged, not asked about
