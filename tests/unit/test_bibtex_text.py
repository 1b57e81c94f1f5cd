"""Text in and out of BibTeX values: whatever a note says, references.bib reads back the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_library.diagnostics import Report
from evidence_library.evidence.bibtex_text import decode, encode, encode_url, field_text
from evidence_library.evidence.library import bib_text, parse_bib
from evidence_library.model import Bibliography, Work

AWKWARD = st.text(alphabet=st.sampled_from([*"ab {}\\&%#_$~^@\"',=()é", "\u00a0"]), max_size=40)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Smith & Jones", "Smith \\& Jones"),
        ("50% of #1 a_b $5", "50\\% of \\#1 a\\_b \\$5"),
        ("a {b", "a \\textbraceleft{}b"),
        ("tail\\", "tail\\textbackslash{}"),
        ("x~y^z", "x\\textasciitilde{}y\\textasciicircum{}z"),
        ("plain", "plain"),
    ],
    ids=["ampersand", "specials", "lone-brace", "backslash-at-end", "tilde-caret", "plain"],
)
def test_encode(text: str, value: str) -> None:
    assert encode(text) == value
    assert decode(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("The {UK} approach", "The UK approach"),
        ('M{\\"u}ller', "Müller"),
        ("{HM Inspectorate}", "HM Inspectorate"),
    ],
    ids=["protective-braces", "accent", "corporate-braces"],
)
def test_a_curators_latex_is_read(value: str, text: str) -> None:
    assert decode(value) == text


def test_addresses_are_verbatim() -> None:
    assert encode_url("http://x.org/a b{c}\\d%20#e_~") == "http://x.org/a%20b%7Bc%7D%5Cd%20#e_~"
    assert field_text("url", "http://x.org/~me") == "http://x.org/~me"


@settings(max_examples=300, deadline=None)
@given(AWKWARD)
def test_decode_undoes_encode(text: str) -> None:
    assert decode(encode(text)) == text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(AWKWARD, AWKWARD), min_size=1, max_size=5))
def test_references_bib_reads_back_what_was_written(values: list[tuple[str, str]]) -> None:
    works = tuple(
        Work(f"k{i}", "report", (("author", "{" + encode(a or "x") + "}"), ("title", encode(t or "t"))), ())
        for i, (a, t) in enumerate(values)
    )
    text = bib_text(Bibliography(works, {}))
    report = Report()
    read = parse_bib(text, "references.bib", report)
    assert report.diagnostics == []
    assert [(key, dict(fields)) for key, _, fields in read] == [(w.key, dict(w.fields)) for w in works]
    again = tuple(Work(key, kind, tuple(fields.items()), ()) for key, kind, fields in read)
    assert bib_text(Bibliography(again, {})) == text
