"""The footnote reference ids: the same HTML as Python-Markdown's, without its search."""

from __future__ import annotations

import textwrap

import markdown
import pytest
from markdown.extensions.footnotes import FootnoteExtension

EXTENSIONS = ["footnotes", "admonition", "pymdownx.details", "tables", "attr_list"]
OURS = "evidence_library.publish.footnote_refs"

REPEATED = textwrap.dedent(
    """\
    One.[^1] Two.[^1] Three.[^2] Four.[^1]

    - a list item citing note 2 again[^2] and note 1[^1]
    - another[^3]

    ??? info "About"

        Boilerplate citing note 1.[^1]

    [^1]: The first note.
    [^2]: The second note, *emphasised*.
    [^3]: The third.
    """
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(REPEATED, id="repeated-in-paragraphs-lists-and-admonitions"),
        pytest.param("Once.[^1]\n\n[^1]: Only.\n", id="single"),
        pytest.param("A[^a] b[^a] c[^b]\n\n[^a]: Named.\n[^b]: Other.\n", id="named-labels"),
        pytest.param("No notes at all.\n", id="none"),
    ],
)
def test_same_html_as_python_markdown(text: str) -> None:
    theirs = markdown.markdown(text, extensions=EXTENSIONS)
    ours = markdown.markdown(text, extensions=[*EXTENSIONS, OURS])
    assert ours == theirs


def test_kth_reference_gets_fnrefk_and_a_backlink() -> None:
    html = markdown.markdown("x[^1] " * 4 + "\n\n[^1]: Note.\n", extensions=["footnotes", OURS])
    for ref in ("fnref:1", "fnref2:1", "fnref3:1", "fnref4:1"):
        assert f'id="{ref}"' in html
        assert f'href="#{ref}"' in html
    assert 'id="fnref5:1"' not in html


def test_the_search_is_never_entered(monkeypatch: pytest.MonkeyPatch) -> None:
    def searching(*args: object) -> str:
        raise AssertionError("Python-Markdown's search for a free id was used")

    monkeypatch.setattr(FootnoteExtension, "unique_ref", searching)
    html = markdown.markdown("x[^1] " * 50 + "\n\n[^1]: Note.\n", extensions=["footnotes", OURS])
    assert 'id="fnref50:1"' in html


def test_each_document_starts_afresh() -> None:
    converter = markdown.Markdown(extensions=["footnotes", OURS])
    first = converter.convert("a[^1] b[^1]\n\n[^1]: N.\n")
    second = converter.reset().convert("a[^1] b[^1]\n\n[^1]: N.\n")
    assert first == second
    assert 'id="fnref2:1"' in second and 'id="fnref3:1"' not in second
