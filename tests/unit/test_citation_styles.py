"""Formatted citations through CSL styles: Harvard and APA, escaped, memoised."""

from __future__ import annotations

from typing import Any

import pytest

from evidence_library.publish import citation_styles
from evidence_library.publish.citation_styles import CitationFormatter, format_item, markdown_of

REPORT: dict[str, Any] = {
    "id": "hmip2016desistance",
    "type": "report",
    "author": [{"literal": "HM Inspectorate of Probation"}],
    "title": "Desistance and young people",
    "genre": "Research bulletin",
    "publisher": "HM Inspectorate of Probation",
    "issued": {"date-parts": [[2016]]},
    "URL": "https://example.org/desistance.pdf",
    "accessed": {"date-parts": [[2017, 1, 3]]},
}
CHAPTER: dict[str, Any] = {
    "id": "maruna2010desistance",
    "type": "chapter",
    "author": [{"family": "Maruna", "given": "S."}, {"family": "LeBel", "given": "T."}],
    "editor": [{"family": "McNeill", "given": "F."}],
    "title": "The desistance paradigm",
    "container-title": "Offender supervision",
    "page": "65-87",
    "issued": {"date-parts": [[2010]]},
}


@pytest.mark.parametrize(
    ("style", "item", "expected"),
    [
        pytest.param(
            "harvard-cite-them-right",
            REPORT,
            "HM Inspectorate of Probation (2016) <em>Desistance and young people</em>. Research bulletin. "
            "HM Inspectorate of Probation. Available at: https://example.org/desistance.pdf "
            "(Accessed: 3 January 2017).",
            id="harvard-report-british-dates",
        ),
        pytest.param(
            "apa",
            REPORT,
            "HM Inspectorate of Probation. (2016). <em>Desistance and young people</em> "
            "\\[Research bulletin\\]. HM Inspectorate of Probation. https://example.org/desistance.pdf",
            id="apa-report",
        ),
        pytest.param(
            "harvard-cite-them-right",
            CHAPTER,
            "Maruna, S. and LeBel, T. (2010) ‘The desistance paradigm’, in F. McNeill (ed.) "
            "<em>Offender supervision</em>, pp. 65–87.",
            id="harvard-chapter",
        ),
        pytest.param(
            "apa",
            CHAPTER,
            "Maruna, S., &amp; LeBel, T. (2010). The desistance paradigm. In F. McNeill (ed.), "
            "<em>Offender supervision</em> (pp. 65–87).",
            id="apa-chapter-ampersand-escaped",
        ),
    ],
)
def test_styles_format_an_item(style: str, item: dict[str, Any], expected: str) -> None:
    assert format_item(style, item) == expected


def test_contributor_text_cannot_make_markup() -> None:
    item = {**REPORT, "title": "A <script>alert(1)</script> *bold* [link](javascript:x)\ue000"}
    text = format_item("harvard-cite-them-right", item)
    assert "<script>" not in text and "\ue000" not in text
    assert "<em>A &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\[link\\](javascript:x)</em>" in text


def test_marks_become_tags_after_escaping() -> None:
    assert markdown_of("a & \ue000b_c\ue001 \ue002d\ue003") == "a &amp; <em>b\\_c</em> <strong>d</strong>"


def test_the_memo_spares_citeproc(monkeypatch: pytest.MonkeyPatch) -> None:
    first = CitationFormatter()
    formatted = first.cite(REPORT)
    assert [label for label, _ in formatted] == ["Harvard", "APA"]

    def refuse(style: str, item: object) -> str:
        raise AssertionError("formatted again")

    monkeypatch.setattr(citation_styles, "format_item", refuse)
    memo = citation_styles.parse_memo(first.memo_text())
    second = CitationFormatter(memo)
    assert second.cite(REPORT) == formatted
    assert second.used == memo
    with pytest.raises(AssertionError, match="formatted again"):
        second.cite({**REPORT, "title": "Another title"})


def test_a_changed_work_is_a_new_memo_key() -> None:
    key = citation_styles.memo_key("apa", REPORT)
    assert key == citation_styles.memo_key("apa", dict(reversed(REPORT.items())))
    assert key != citation_styles.memo_key("apa", {**REPORT, "title": "Another"})
    assert key != citation_styles.memo_key("harvard-cite-them-right", REPORT)


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]"], ids=["empty", "broken", "not-a-mapping"])
def test_an_unreadable_memo_means_starting_afresh(text: str) -> None:
    assert citation_styles.parse_memo(text) == {}


def test_cite_section() -> None:
    section = citation_styles.cite_section(
        "Cite this work", (("Harvard", "H."), ("APA", "A.")), "**Export:** [BibTeX](x.bib)"
    )
    assert section == "## Cite this work\n\n**Harvard:** H.\n\n**APA:** A.\n\n**Export:** [BibTeX](x.bib)"


@pytest.mark.parametrize("parallel_from", [1, 1000], ids=["worker-processes", "in-process"])
def test_prepare_formats_what_the_memo_lacks(monkeypatch: pytest.MonkeyPatch, parallel_from: int) -> None:
    monkeypatch.setattr(citation_styles, "PARALLEL_FROM", parallel_from)
    items = [REPORT, CHAPTER, {**CHAPTER, "id": "other", "title": "Another chapter"}]
    formatter = CitationFormatter()
    formatter.prepare(items)
    assert len(formatter.used) == 6
    assert formatter.cite(items[2])[1] == (
        "APA",
        "Maruna, S., &amp; LeBel, T. (2010). Another chapter. In F. McNeill (ed.), "
        "<em>Offender supervision</em> (pp. 65–87).",
    )


# Items in the shapes `exports.csl_item` and `exports.response_item` make, chosen to reach many of the
# styles' branches: names (literal, particles, many authors), containers, dates (none, month, range of
# access), numbers, a title whose own punctuation meets the style's.
VARIED: list[dict[str, Any]] = [
    REPORT,
    CHAPTER,
    {
        "id": "example2019response",
        "type": "report",
        "author": [{"literal": "Example Trust"}],
        "genre": "Consultation response",
        "publisher": "Example Trust",
        "title": "Example Trust's response to Strengthening Probation",
        "issued": {"date-parts": [[2019, 3]]},
    },
    {
        "id": "smith2015what",
        "type": "article-journal",
        "author": [
            {"family": "Smith", "given": "A. B."},
            {"family": "van der Berg", "given": "C."},
            {"family": "O'Neill", "given": "D."},
            {"family": "Jones", "given": "E."},
            {"family": "Brown", "given": "F."},
            {"family": "Green", "given": "G."},
            {"family": "White", "given": "H."},
        ],
        "title": "What works for women in prison?",
        "container-title": "Probation Journal",
        "volume": "62",
        "issue": "4",
        "page": "318-335",
        "DOI": "10.1177/0264550515600545",
        "issued": {"date-parts": [[2015, 12, 1]]},
    },
    {
        "id": "moj2013transforming",
        "type": "book",
        "author": [{"literal": "Ministry of Justice"}],
        "editor": [{"family": "Taylor", "given": "R."}],
        "title": "Transforming rehabilitation: a strategy for reform",
        "publisher": "The Stationery Office",
        "publisher-place": "London",
        "edition": "2",
        "issued": {"date-parts": [[2013]]},
    },
    {
        "id": "clinks2020web",
        "type": "webpage",
        "author": [{"literal": "Clinks"}],
        "title": "State of the sector 2020",
        "URL": "https://www.clinks.org/state-of-the-sector",
        "accessed": {"date-parts": [[2021, 2, 28]]},
    },
    {"id": "oa2014", "type": "legislation", "title": "Offender Rehabilitation Act 2014"},
    {
        "id": "hall2011thesis",
        "type": "thesis",
        "author": [{"family": "Hall", "given": "Jo"}],
        "title": "Voluntary sector work in prisons",
        "genre": "PhD thesis",
        "publisher": "University of Leeds",
        "note": "Unpublished",
        "issued": {"date-parts": [[2011]]},
    },
]


@pytest.mark.parametrize("style", [style for _, style in citation_styles.STYLES])
def test_remembered_lookups_change_no_citation(monkeypatch: pytest.MonkeyPatch, style: str) -> None:
    """citeproc-py's lookups in the style, remembered, give what its own give, byte for byte."""
    from citeproc import CitationItem, model

    remembered = [format_item(style, item) for item in VARIED]
    assert citation_styles.ORIGINAL_LOOKUPS, "the lookups are remembered once a style is loaded"
    for (class_name, name), lookup in citation_styles.ORIGINAL_LOOKUPS.items():
        monkeypatch.setattr(getattr(model, class_name), name, lookup)
    monkeypatch.setattr(citation_styles, "_item_class", lambda: CitationItem)
    assert [format_item(style, item) for item in VARIED] == remembered
    assert len(set(remembered)) == len(VARIED) and all(remembered)


@pytest.mark.parametrize(
    ("style", "index", "expected"),
    [
        pytest.param(
            "apa",
            3,
            "Smith, A. B., van der Berg, C., O'Neill, D., Jones, E., Brown, F., Green, G., &amp; White, H. "
            "(2015). What works for women in prison?. <em>Probation Journal</em>, <em>62</em>(4), 318–335. "
            "https://doi.org/10.1177/0264550515600545",
            id="apa-article-seven-authors",
        ),
        pytest.param(
            "harvard-cite-them-right",
            2,
            "Example Trust (2019) <em>Example Trust's response to Strengthening Probation</em>. "
            "Consultation response. Example Trust.",
            id="harvard-response",
        ),
        pytest.param(
            "harvard-cite-them-right",
            5,
            "Clinks (no date) <em>State of the sector 2020</em>. Available at: "
            "https://www.clinks.org/state-of-the-sector (Accessed: 28 February 2021).",
            id="harvard-webpage-no-date",
        ),
    ],
)
def test_varied_items_pinned(style: str, index: int, expected: str) -> None:
    """As citeproc-py 0.11 formats them (its "?." after a title that asks is its own)."""
    assert format_item(style, VARIED[index]) == expected
