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
