"""A page takes a worker's conversion only when its Markdown is what the worker converted."""

from __future__ import annotations

import logging
import os
from typing import Any

import pytest
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from evidence_library.publish import page_conversion
from evidence_library.publish.page_conversion import ConvertedPage, digest_of, use_converted

TOC = TableOfContents([])


class FakePage(Page):
    """A page whose own render only counts that it ran."""

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown
        self.rendered_by_mkdocs = 0
        self.links_to_anchors = None

    def render(self, config: Any, files: Any) -> None:
        self.rendered_by_mkdocs += 1
        self.content = "<p>MkDocs' own</p>"


def converted(markdown: str, **changes: Any) -> ConvertedPage:
    values: dict[str, Any] = {
        "markdown_digest": digest_of(markdown),
        "content": "<p>from a worker</p>",
        "toc": TOC,
        "title": "A title",
        "present_anchor_ids": frozenset({"a"}),
        "links_to_anchors": None,
        "logged": (),
    }
    return ConvertedPage(**(values | changes))


def test_the_same_markdown_takes_the_workers_html_toc_title_and_anchors() -> None:
    page = FakePage("# A title\n")
    use_converted(page, converted("# A title\n"))
    page.render(None, Files([]))
    assert page.rendered_by_mkdocs == 0
    assert (page.content, page._title_from_render) == ("<p>from a worker</p>", "A title")
    assert page.toc is TOC
    assert page.present_anchor_ids == {"a"}


def test_markdown_changed_since_the_worker_converted_it_is_converted_again() -> None:
    page = FakePage("# A title\n")
    use_converted(page, converted("# A title\n"))
    page.markdown = "# A title, changed by a plugin\n"
    page.render(None, Files([]))
    assert page.rendered_by_mkdocs == 1
    assert page.content == "<p>MkDocs' own</p>"


def test_a_page_takes_a_conversion_once() -> None:
    page = FakePage("text\n")
    use_converted(page, converted("text\n"))
    page.render(None, Files([]))
    page.render(None, Files([]))
    assert page.rendered_by_mkdocs == 1


def test_no_conversion_leaves_mkdocs_render_alone() -> None:
    page = FakePage("text\n")
    use_converted(page, None)
    page.render(None, Files([]))
    assert page.rendered_by_mkdocs == 1


def test_what_the_worker_logged_is_logged_again_where_mkdocs_counts_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    page = FakePage("text\n")
    logged = (("mkdocs.structure.pages", logging.WARNING, "Doc file 'a.md' contains a link to 'b.md'"),)
    use_converted(page, converted("text\n", logged=logged))
    with caplog.at_level(logging.INFO):
        page.render(None, Files([]))
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == list(logged)


def test_links_to_anchors_come_back_as_files() -> None:
    linked = File("b.md", "/docs", "/site", use_directory_urls=True)
    page = FakePage("text\n")
    use_converted(page, converted("text\n", links_to_anchors={"b.md": {"x": "b.md#x"}}))
    page.render(None, Files([linked]))
    assert page.links_to_anchors == {linked: {"x": "b.md#x"}}


def test_few_pages_or_one_worker_convert_in_mkdocs_own_process() -> None:
    files = Files([File(f"p{n}.md", "/docs", "/site", use_directory_urls=True) for n in range(3)])
    assert page_conversion.convert_pages(None, files, workers=1, parallel_from=1) == {}
    assert page_conversion.convert_pages(None, files, workers=2, parallel_from=4) == {}


def _killed(uris: Any) -> Any:
    os._exit(1)


def test_a_worker_killed_leaves_the_pages_to_mkdocs_and_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    files = Files([File(f"p{n}.md", "/docs", "/site", use_directory_urls=True) for n in range(4)])
    monkeypatch.setattr(page_conversion, "_convert_chunk", _killed)
    with caplog.at_level(logging.WARNING):
        assert page_conversion.convert_pages(None, files, workers=2, parallel_from=1) == {}
    assert "MkDocs converts the pages it had left" in caplog.text


def test_a_record_reaching_the_handler_through_two_loggers_is_kept_once() -> None:
    from evidence_library.diagnostics import KeptRecords

    kept = KeptRecords(logging.INFO)
    parent, child = logging.getLogger("kept-test"), logging.getLogger("kept-test.child")
    parent.addHandler(kept)
    child.addHandler(kept)
    try:
        child.warning("twice attached, once kept")
        child.debug("below the level")
    finally:
        parent.removeHandler(kept)
        child.removeHandler(kept)
    assert [r.getMessage() for r in kept.records] == ["twice attached, once kept"]
