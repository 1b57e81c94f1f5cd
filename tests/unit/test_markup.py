import pytest

from evidence_library.publish.markup import LinkFinding, block_start, escape_text, inline, unsearched


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a <script>alert(1)</script>", "a &lt;script&gt;alert(1)&lt;/script&gt;", id="script"),
        pytest.param('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)"&gt;', id="onerror"),
        pytest.param("see [here](#).", "see here.", id="dead-link"),
        pytest.param(
            "[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))", id="javascript-nested"
        ),
        pytest.param("[click](javascript:evil)", "click", id="javascript"),
        pytest.param("[x](data:text/html,hi)", "x", id="data-url"),
        pytest.param(
            "[report](https://example.org/a.pdf)", "[report](https://example.org/a.pdf)", id="https-link"
        ),
        pytest.param(
            "Online: <http://example.org/a%20b.pdf>", "Online: <http://example.org/a%20b.pdf>", id="autolink"
        ),
        pytest.param("<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;", id="javascript-autolink"),
        pytest.param("see www.t2a.org.uk.", "see <http://www.t2a.org.uk>.", id="bare-www"),
        pytest.param(
            "see http://a.org/x_y_z.pdf [last]", "see <http://a.org/x_y_z.pdf> \\[last\\]", id="bare-url"
        ),
        pytest.param("*Localising justice*", "*Localising justice*", id="emphasis-kept"),
        pytest.param("a [^1] b {: onclick=x}", "a \\[^1\\] b \\{: onclick=x\\}", id="footnote-and-attr-list"),
        pytest.param("Dorset & Poole", "Dorset &amp; Poole", id="ampersand"),
        pytest.param("back\\slash", "back\\\\slash", id="backslash"),
    ],
)
def test_inline(text: str, expected: str) -> None:
    assert inline(text) == expected


def test_removed_addresses_are_reported() -> None:
    findings: list[LinkFinding] = []
    inline("[a](#) and [b](javascript:x)", findings)
    assert findings == [LinkFinding("a", "#", unsafe=False), LinkFinding("b", "javascript:x", unsafe=True)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [("1. Not a list", "1\\. Not a list"), ("- not an item", "\\- not an item"), ("Plain", "Plain")],
)
def test_block_start(line: str, expected: str) -> None:
    assert block_start(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("&lt;", "&amp;lt;", id="entity-written-out"),
        pytest.param("\\[", "\\\\\\[", id="backslash-before-bracket"),
        pytest.param("<&>", "&lt;&amp;&gt;", id="ampersand-not-doubled"),
        pytest.param("#`|{}", "\\#\\`\\|\\{\\}", id="markdown-specials"),
    ],
)
def test_each_special_character_is_escaped_once(text: str, expected: str) -> None:
    assert escape_text(text) == expected


def test_unsearched_wraps_markdown_for_md_in_html_and_leaves_nothing_empty() -> None:
    assert unsearched("## Cite this\n\n**APA:** x") == (
        '<div class="unsearched" markdown="1">\n\n## Cite this\n\n**APA:** x\n\n</div>'
    )
    assert unsearched("") == ""


def test_unsearched_markdown_is_converted_inside_its_div() -> None:
    import markdown

    html = markdown.markdown(
        "Text.\n\n" + unsearched("## Cite\n\n**APA:** *x*\n\n```bibtex\n@report{k,}\n```"),
        extensions=["md_in_html", "pymdownx.superfences"],
    )
    assert '<div class="unsearched">' in html
    assert "<h2>Cite</h2>" in html and "<strong>APA:</strong> <em>x</em>" in html
    assert "<code>" in html and "```" not in html
