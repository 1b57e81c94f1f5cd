"""Citation keys: readable stems, valid at any number of collisions, never changed once written."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_library.diagnostics import Report
from evidence_library.evidence.bodies import Bodies, Body, parse_bodies
from evidence_library.evidence.keys import KeyAllocator, corporate_stem, key_stem, person_stem, suffixes
from evidence_library.evidence.library import BibliographyBuilder, bib_text, parse_bib
from evidence_library.model import Citation, EntryType, Note, ResponsePage
from tests.helpers import source

VALID_KEY = re.compile(r"^[a-z][a-z0-9]*$")
BODIES = parse_bodies((Path(__file__).parents[2] / "bodies.yml").read_text(), Report())


def test_suffixes_count_like_spreadsheet_columns() -> None:
    first = list(itertools.islice(suffixes(), 30))
    assert first[:4] == ["", "a", "b", "c"]
    assert first[26:30] == ["z", "aa", "ab", "ac"]
    assert list(itertools.islice(suffixes(), 702, 704)) == ["zz", "aaa"]


def test_a_thousand_collisions_stay_letters() -> None:
    allocator = KeyAllocator()
    keys = [allocator.allocate("hmiprobation2019youthoffending") for _ in range(1000)]
    assert len(set(keys)) == 1000
    assert all(VALID_KEY.match(key) for key in keys)
    assert keys[:3] == [
        "hmiprobation2019youthoffending",
        "hmiprobation2019youthoffendinga",
        "hmiprobation2019youthoffendingb",
    ]


def test_a_taken_key_is_never_handed_out() -> None:
    allocator = KeyAllocator()
    allocator.take("moj2013transforming")
    allocator.take("moj2013transforminga")
    assert allocator.allocate("moj2013transforming") == "moj2013transformingb"


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Ministry of Justice", "moj"),
        ("MoJ", "moj"),
        ("The Ministry of Justice (MoJ)", "moj"),
        ("HM Inspectorate of Probation", "hmiprobation"),
        ("HMI Probation", "hmiprobation"),
        ("HM Inspectorate of Prisons", "hmiprisons"),
        ("HM Prison and Probation Service", "hmpps"),
        ("Clinks", "clinks"),
        ("Centre for Social Justice", "csjustice"),
        ("Lankelly Chase Foundation", "lcfoundation"),
    ],
    ids=lambda value: str(value),
)
def test_corporate_stems(name: str, stem: str) -> None:
    assert corporate_stem(name, BODIES) == stem


def test_a_body_without_a_key_in_the_file_gets_a_short_form() -> None:
    bodies = Bodies((Body("Justice Select Committee", ("JSC",)),))
    assert corporate_stem("JSC", bodies) == "jsc"
    assert corporate_stem("Justice Select Committee", bodies) == "jscommittee"


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Maruna, S.", "maruna"),
        ("S. Maruna", "maruna"),
        ("von Hirsch, Andrew", "vonhirsch"),
        ("Müller, K.", "muller"),
    ],
    ids=["family-first", "given-first", "particle", "accent"],
)
def test_person_stems(name: str, stem: str) -> None:
    assert person_stem(name) == stem


def test_series_words_are_passed_over_so_a_series_is_told_apart() -> None:
    leeds = key_stem(
        "HM Inspectorate of Probation",
        True,
        "2019",
        "An inspection of youth offending services in Leeds",
        BODIES,
    )
    women = key_stem(
        "HM Inspectorate of Probation", True, "2019", "A thematic inspection of services for women", BODIES
    )
    assert leeds == "hmiprobation2019youthoffending"
    assert women == "hmiprobation2019serviceswomen"
    assert key_stem("Ministry of Justice", True, "2014", "Annual report", BODIES) == "moj2014annual"
    assert key_stem("", False, "", "", BODIES) == "anon"


def _page(slug: str, citations: list[Citation]) -> ResponsePage:
    notes = tuple(Note(n, c.title, n, citations=(c,)) for n, c in enumerate(citations, start=1))
    document = replace(source("Text.\n"), slug=slug, path=f"sources/{slug}.md")
    return ResponsePage(document, (), (), notes, (), ())


def _report(title: str, year: str = "2019") -> Citation:
    return Citation(
        EntryType.REPORT, ("{HM Inspectorate of Probation}",), year, title, institution="HMI Probation"
    )


def _keys(pages: list[ResponsePage], bib: str = "") -> tuple[dict[tuple[str, int], tuple[str, ...]], str]:
    report = Report()
    builder = BibliographyBuilder(parse_bib(bib, "references.bib", report), report, BODIES)
    for page in pages:
        builder.add(page)
    assert not report.has_errors, report.sorted()
    bibliography = builder.bibliography()
    return bibliography.note_keys, bib_text(bibliography)


AREAS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8)


@settings(max_examples=25, deadline=None)
@given(
    first=st.lists(AREAS, min_size=30, max_size=300, unique=True),
    later=st.lists(AREAS, min_size=1, max_size=60, unique=True),
)
def test_hundreds_of_colliding_works_get_valid_unique_stable_keys(first: list[str], later: list[str]) -> None:
    # every title has the same stem: "An inspection of youth offending services" + a different place
    titles = [f"An inspection of youth offending services in area {i} {word}" for i, word in enumerate(first)]
    pages = [_page("a-first", [_report(t) for t in titles])]
    keys, bib = _keys(pages)
    all_keys = [k for ks in keys.values() for k in ks]
    assert all(VALID_KEY.match(k) for k in all_keys)
    assert len(set(all_keys)) == len(set(titles))
    extra = [f"An inspection of youth offending services in district {i} {w}" for i, w in enumerate(later)]
    grown, _ = _keys([*pages, _page("b-later", [_report(t) for t in extra])], bib)
    assert {k: v for k, v in grown.items() if k[0] == "a-first"} == keys
    grown_keys = [k for ks in grown.values() for k in ks]
    assert len(set(grown_keys)) == len(grown_keys)
