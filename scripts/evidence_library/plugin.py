"""A thin MkDocs plugin over the pipeline.

* `mkdocs serve` regenerates the pages before each rebuild, watches
  `sources/`, and indexes the preview for search, so editing a source
  refreshes the preview;
* a hand-written page's `<!-- evidence-library: NAME -->` comment is replaced
  by the generated `docs/includes/NAME.md` (the home page's counts, themes
  and latest responses).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin

from . import pipeline, site
from .diagnostics import Report, Severity

log = logging.getLogger("mkdocs.plugins.evidence_library")
PLACEHOLDER = re.compile(r"<!-- evidence-library: ([a-z-]+) -->")


class EvidenceLibraryPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

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

    def on_post_build(self, *, config: Any) -> None:
        if not self.serving:
            return  # `evidence-library build` indexes the finished site itself
        report = Report()
        site.index_search(Path(config.site_dir), report)
        for diagnostic in report.sorted():
            log.warning(diagnostic.format())

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
        includes = self._root(config) / pipeline.INCLUDES_DIR

        def include(match: re.Match[str]) -> str:
            path = includes / f"{match.group(1)}.md"
            if not path.is_file():
                log.warning("%s is missing: run `evidence-library generate`", path)
                return match.group(0)
            return path.read_text(encoding="utf-8")

        return PLACEHOLDER.sub(include, markdown)
