"""MkDocs' conversion of the pages from Markdown to HTML, spread over the cores.

MkDocs converts every page in one process, one after another, and that
conversion is nine tenths of a bare `mkdocs build` (at N = 1,000, 26 of its
30 s of CPU). Under `evidence-library build` the plugin first has forked
worker processes convert the pages (`convert_pages`, when MkDocs has its
files and navigation and is about to read the pages), each exactly as MkDocs
would: the `pre_page` and `page_markdown` plugin events, then `Page.render`.
Then MkDocs' own loop runs as it always does, every plugin event in order in
one process, and `Page.render` of a page whose Markdown is the same text a
worker converted takes the worker's HTML, table of contents, title and
anchors, and logs what the worker's conversion logged (`use_converted`). A
page whose Markdown is not the same, or that a worker could not convert, is
converted by MkDocs as usual. The site is the same, byte for byte
(`tests/e2e/test_page_conversion.py` builds it both ways).

A bare `mkdocs build`, `mkdocs serve` and small sites convert in one process
as MkDocs does.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import types
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from evidence_library.diagnostics import KeptRecords

PARALLEL_FROM = 64  # below this many pages, starting worker processes costs more than it saves
CHUNK = 16  # pages a worker converts per task
MAX_WORKERS = 8
log = logging.getLogger("mkdocs.plugins.evidence_library")


def default_workers() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


@dataclass(frozen=True)
class ConvertedPage:
    """What `Page.render` leaves on a page, from a worker, with the Markdown it converted."""

    markdown_digest: str
    content: str
    toc: Any  # mkdocs.structure.toc.TableOfContents
    title: str | None
    present_anchor_ids: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    logged: tuple[tuple[str, int, str], ...]  # (logger, level, message) in order


def digest_of(markdown: str) -> str:
    return hashlib.sha256(markdown.encode("utf-8")).hexdigest()


_FORKED: tuple[Any, Any] | None = None  # (config, files), for the forked workers to read


def convert_pages(
    config: Any, files: Any, workers: int, parallel_from: int | None = None
) -> dict[str, ConvertedPage]:
    """Every documentation page's conversion, by src_uri, done in `workers` forked processes; an
    empty mapping (MkDocs converts them) when there are too few pages, one worker or no fork."""
    from mkdocs.structure.files import InclusionLevel

    uris = [file.src_uri for file in files.documentation_pages(inclusion=InclusionLevel.is_included)]
    if parallel_from is None:
        parallel_from = PARALLEL_FROM
    if workers < 2 or len(uris) < parallel_from or "fork" not in multiprocessing.get_all_start_methods():
        return {}
    global _FORKED
    _FORKED = (config, files)
    converted: dict[str, ConvertedPage] = {}
    chunks = [uris[start : start + CHUNK] for start in range(0, len(uris), CHUNK)]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
            for part in pool.map(_convert_chunk, chunks):
                converted.update(part)
    except BrokenProcessPool:  # a worker was killed (out of memory): MkDocs converts the rest itself
        log.warning("a process converting pages ended early; MkDocs converts the pages it had left")
    finally:
        _FORKED = None
    return converted


def _start_worker() -> None:
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        logger.handlers.clear()  # this process's copies: what it logs goes back to MkDocs' process


def _convert_chunk(uris: Sequence[str]) -> dict[str, ConvertedPage]:
    assert _FORKED is not None
    config, files = _FORKED
    converted = {}
    for uri in uris:
        try:
            page = _convert_one(config, files, uri)
        except Exception:
            page = None
        if page is not None:
            converted[uri] = page
    return converted


def _convert_one(config: Any, files: Any, uri: str) -> ConvertedPage | None:
    from mkdocs.structure.pages import Page

    file = files.get_file_from_path(uri)
    if file is None:
        return None
    page = file.page if file.page is not None else Page(None, file, config)
    captured = KeptRecords(logging.INFO)
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(captured)
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        markdown = page.markdown
        Page.render(page, config, files)
    finally:
        config._current_page = None
        for logger in loggers:
            logger.removeHandler(captured)
    links = page.links_to_anchors
    return ConvertedPage(
        markdown_digest=digest_of(markdown),
        content=page.content,
        toc=page.toc,
        title=page._title_from_render,
        present_anchor_ids=frozenset(page.present_anchor_ids)
        if page.present_anchor_ids is not None
        else None,
        links_to_anchors={linked.src_uri: dict(anchors) for linked, anchors in links.items()}
        if links is not None
        else None,
        logged=tuple((record.name, record.levelno, record.getMessage()) for record in captured.records),
    )


def use_converted(page: Any, converted: ConvertedPage | None) -> None:
    """Have this page's next `render` take a worker's conversion, if its Markdown is what the worker
    converted by then (`render` runs after every `page_markdown` event)."""
    if converted is None:
        return

    def render(self: Any, config: Any, files: Any) -> None:
        del self.render  # once: a later render is MkDocs' own
        if self.markdown is None or digest_of(self.markdown) != converted.markdown_digest:
            type(self).render(self, config, files)
            return
        for name, level, message in converted.logged:
            logging.getLogger(name).log(level, "%s", message)
        self.content = converted.content
        self.toc = converted.toc
        self._title_from_render = converted.title
        self.present_anchor_ids = (
            set(converted.present_anchor_ids) if converted.present_anchor_ids is not None else None
        )
        if converted.links_to_anchors is not None:
            by_uri = files.src_uris
            self.links_to_anchors = {
                by_uri[uri]: anchors for uri, anchors in converted.links_to_anchors.items()
            }

    page.render = types.MethodType(render, page)
