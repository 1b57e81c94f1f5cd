"""A thin MkDocs plugin over the pipeline.

* `mkdocs serve` regenerates the pages before each rebuild and watches
  `sources/`, so editing a source refreshes the preview;
* the home page's `<!-- evidence-library: latest-responses -->` comment is
  replaced by the generated list of the newest responses.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin

from . import pipeline
from .diagnostics import Report, Severity

log = logging.getLogger("mkdocs.plugins.evidence_library")
PLACEHOLDER = "<!-- evidence-library: latest-responses -->"


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

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
        if PLACEHOLDER not in markdown:
            return markdown
        include = self._root(config) / pipeline.INCLUDES_DIR / "latest-responses.md"
        if not include.is_file():
            log.warning("%s is missing: run `evidence-library generate`", include)
            return markdown
        return markdown.replace(PLACEHOLDER, include.read_text(encoding="utf-8"))
