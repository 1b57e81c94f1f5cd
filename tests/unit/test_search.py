"""The search indexer: Pagefind's service, fed pages and asked to write."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from evidence_library.publish import search
from evidence_library.publish.search import PageSpool, SearchIndexer, SearchIndexError, page_html, searched


def fragments(folder: Path) -> dict[str, dict[str, object]]:
    """Pagefind's per-page records, by URL (each a gzip of a signature and JSON)."""
    found = {}
    for path in (folder / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        found[record["url"]] = record
    return found


def test_page_html_wraps_content_and_escapes_the_title() -> None:
    assert page_html("<b>A & B</b>", "<p>Text</p>", "en") == (
        '<!DOCTYPE html><html lang="en"><head><title>&lt;b&gt;A &amp; B&lt;/b&gt;</title></head>'
        "<body><article><p>Text</p></article></body></html>"
    )


def test_pages_fed_are_found_in_the_written_index(tmp_path: Path) -> None:
    indexer = SearchIndexer()
    try:
        first = '<h1 id="one">First page</h1><p>Desistance works.</p>'
        indexer.add_page("/one/", page_html("One", first, "en"))
        indexer.add_page("/two/", page_html("Two", "<h1>Second page</h1><p>Women's centres.</p>", "en"))
        indexer.start_writing(tmp_path / "pagefind")
        assert indexer.wait_written() == 2
    finally:
        indexer.close()
    records = fragments(tmp_path / "pagefind")
    assert sorted(records) == ["/one/", "/two/"]
    assert records["/one/"]["meta"] == {"title": "First page"}
    assert "Desistance works." in str(records["/one/"]["content"])
    assert (tmp_path / "pagefind" / "pagefind-ui.js").is_file()


def test_a_build_spools_pages_and_indexes_them_after(tmp_path: Path) -> None:
    spool = PageSpool(tmp_path / "pages.jsonl")
    try:
        spool.add_page("/one/", page_html("One", "<h1>First page</h1><p>Line one\nline two.</p>", "en"))
        spool.add_page("/two/", page_html("Two", "<h1>Second page</h1><p>Women's centres.</p>", "en"))
        spool.start_writing(tmp_path / "unused")
        assert spool.wait_written() == 2
    finally:
        spool.close()
    assert len((tmp_path / "pages.jsonl").read_text().splitlines()) == 2  # one line a page
    assert not (tmp_path / "unused").exists()  # nothing is written until MkDocs has ended
    assert search.index_spooled(tmp_path / "pages.jsonl", tmp_path / "pagefind") == 2
    records = fragments(tmp_path / "pagefind")
    assert sorted(records) == ["/one/", "/two/"]
    assert "Line one line two." in str(records["/one/"]["content"])


def test_many_pages_wait_for_pagefind_rather_than_fill_the_queue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "QUEUED_PAGES", 2)
    indexer = SearchIndexer()
    try:
        for number in range(40):
            indexer.add_page(
                f"/{number}/", page_html(str(number), f"<h1>Page {number}</h1><p>Text.</p>", "en")
            )
            assert indexer._outbox.qsize() <= 2
        indexer.start_writing(tmp_path / "pagefind")
        assert indexer.wait_written() == 40
    finally:
        indexer.close()


def test_waiting_before_asking_to_write_is_an_error() -> None:
    indexer = SearchIndexer()
    try:
        with pytest.raises(SearchIndexError, match="no page reached the search index"):
            indexer.wait_written()
    finally:
        indexer.close()


def test_a_missing_program_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SearchIndexError, match="pagefind could not be started"):
        SearchIndexer()


def test_a_program_that_stops_is_noticed_not_waited_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(SearchIndexError, match="stopped before it replied"):
        SearchIndexer()


@pytest.mark.parametrize(
    ("src_uri", "searched_or_not"),
    [
        ("responses/2017-07-inspection.md", True),
        ("references/clinks2016change.md", True),
        ("positions/women.md", True),
        ("index.md", True),
        ("explore/index.md", False),
        ("explore/themes/women.md", False),
        ("tags.md", False),
    ],
)
def test_listings_that_repeat_other_pages_are_left_out_of_search(src_uri: str, searched_or_not: bool) -> None:
    assert searched(src_uri) is searched_or_not
