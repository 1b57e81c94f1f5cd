"""A thin MkDocs plugin over the pipeline.

* `mkdocs serve` regenerates the pages before each rebuild, watches
  `sources/`, and indexes the preview for search, so editing a source
  refreshes the preview;
* every page's content goes to the search indexer when there is one
  (`evidence-library build` and `serve`; a bare `mkdocs build` has none),
  with its filters, metadata and sort keys from its front matter; under
  `mkdocs serve --dirty` a rebuild converts only the pages whose Markdown
  changed, so it keeps the first build's index rather than write one of
  those pages alone;
* under `evidence-library build`, the pages are converted from Markdown on
  every core before MkDocs reads them (`page_conversion.py`);
* a hand-written page's `<!-- evidence-library: NAME -->` comment is replaced
  by the generated `docs/includes/NAME.md` (the home page's counts, themes
  and latest responses).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority

from evidence_library import pipeline
from evidence_library.diagnostics import Report, Severity
from evidence_library.publish import library_outputs, page_conversion, search, search_facets
from evidence_library.publish.search import PageIndexer, SearchIndexer, SearchIndexError

log = logging.getLogger("mkdocs.plugins.evidence_library")
GENERATED_PREFIXES = tuple(f"{folder.removeprefix('docs/')}/" for folder in library_outputs.GENERATED_DIRS)
PLACEHOLDER = re.compile(r"<!-- evidence-library: ([a-z-]+) -->")


class EvidenceLibraryPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    serving = False
    dirty = False
    indexer: PageIndexer | None = None  # a spool set by `evidence-library build`; Pagefind here under serve
    conversion_workers = 1  # processes converting the pages: more set by `evidence-library build`

    def __init__(self) -> None:
        super().__init__()
        self.converted: dict[str, page_conversion.ConvertedPage] = {}  # by src_uri, until MkDocs reads each

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def _root(self, config: Any) -> Path:
        return Path(config.config_file_path).resolve().parent

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        server.watch(str(self._root(config) / "sources"))
        return server

    def on_pre_build(self, *, config: Any) -> None:
        if not self.serving:
            return  # `evidence-library build` has generated already
        report = Report()
        pipeline.generate(self._root(config), report)
        for diagnostic in report.sorted():
            if diagnostic.severity >= Severity.WARNING:
                log.warning(diagnostic.format())
        if self.indexer is not None:  # a rebuild that stopped before on_post_build
            self.indexer.close()
            self.indexer = None
        if self.dirty and (Path(config.site_dir) / "pagefind").is_dir():
            log.info("--dirty: search keeps the index of the first build (pages changed since are not in it)")
            return
        try:
            self.indexer = SearchIndexer()
        except SearchIndexError as error:
            log.warning("the preview has no search: %s", error)

    def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
        """MkDocs reads and converts the pages next: have them converted on every core first."""
        self.converted = page_conversion.convert_pages(config, files, self.conversion_workers)
        return nav

    @event_priority(-100)  # after any other plugin's changes to the content
    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        """A generated page is final once converted: Pagefind indexes it while MkDocs converts the rest."""
        if self.indexer is not None and page.file.src_uri.startswith(GENERATED_PREFIXES):
            self._index(page, html, config)
        return html

    @event_priority(-100)  # after Material's tags plugin has filled in its listings
    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        """The hand-written pages are final now (the tags page has its listing), and the
        templates come next: index the last pages, and ask for the index to be written (under
        `serve`, Pagefind writes while MkDocs renders; a build's spool is indexed after MkDocs)."""
        if self.indexer is not None:
            for file in files.documentation_pages():
                if file.page is not None and not file.src_uri.startswith(GENERATED_PREFIXES):
                    self._index(file.page, file.page.content, config)
            self.indexer.start_writing(Path(config.site_dir) / "pagefind")
        return env

    def _index(self, page: Any, html: str | None, config: Any) -> None:
        if self.indexer is not None and html is not None and search.searched(page.file.src_uri):
            language = config.theme.get("language") or "en"
            facets = search_facets.facet_markup(search_facets.page_facets(page.file.src_uri, page.meta or {}))
            self.indexer.add_page("/" + page.url, search.page_html(page.title or "", html, language, facets))

    def on_post_build(self, *, config: Any) -> None:
        if self.indexer is None:
            return
        try:
            self.indexer.wait_written()
        except SearchIndexError as error:
            if not self.serving:
                raise  # `evidence-library build` reports it and keeps the old site
            log.warning("the preview has no search: %s", error)
        finally:
            if self.serving:
                self.indexer.close()
                self.indexer = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.serving and self.indexer is not None:
            self.indexer.close()
            self.indexer = None

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
        includes = self._root(config) / library_outputs.INCLUDES_DIR

        def include(match: re.Match[str]) -> str:
            path = includes / f"{match.group(1)}.md"
            if not path.is_file():
                log.warning("%s is missing: run `evidence-library generate`", path)
                return match.group(0)
            return path.read_text(encoding="utf-8")

        page_conversion.use_converted(page, self.converted.pop(page.file.src_uri, None))
        return PLACEHOLDER.sub(include, markdown)
