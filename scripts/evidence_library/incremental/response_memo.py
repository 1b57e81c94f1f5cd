"""The response pages of one run of `generate`: each rendered again only when its page model or
the links the library gives it (its notes' works, related responses, its citation key, theme
labels, its "Cite this response") changed since an earlier run rendered it.

What each rendering was is kept in one table (`.cache/rendered.pickle`: its key, link findings
and digest, by slug), read at once; its Markdown is kept on its own (`.cache/rendered/`) and
read only when the page's file must be written (a page missing there is rendered again).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from evidence_library.diagnostics import Diagnostic, Location, Report, Severity
from evidence_library.incremental import page_cache
from evidence_library.model import ResponsePage
from evidence_library.publish import render, site
from evidence_library.publish.library_outputs import RESPONSES_DIR, GeneratedFiles, LibraryOutputs
from evidence_library.publish.markup import LinkFinding


def link_diagnostics(path: str, findings: list[LinkFinding]) -> list[Diagnostic]:
    diagnostics = []
    for finding in findings:
        if finding.unsafe:
            diagnostics.append(
                Diagnostic(
                    "render.unsafe-link",
                    Severity.WARNING,
                    Location(path),
                    f"the link '{finding.address}' is not http, https or mailto; only its words are shown",
                    "link to a web page (https://...) or remove the link",
                    excerpt=finding.words,
                )
            )
    dead = [f for f in findings if not f.unsafe]
    if dead:
        diagnostics.append(
            Diagnostic(
                "render.dead-link",
                Severity.INFO,
                Location(path),
                f"{len(dead)} link(s) had no address (as PDFs export them); their words are kept",
                excerpt=", ".join(f.words for f in dead),
            )
        )
    return diagnostics


@dataclass(frozen=True)
class RenderedPage:
    text: str
    findings: tuple[LinkFinding, ...]


KeptRendering = tuple[str, tuple[LinkFinding, ...], str]  # an earlier rendering: key, findings, digest


@dataclass(frozen=True)
class RenderMemo:
    """Response pages rendered by earlier runs: `page_keys` gives each page model's cache key,
    `kept` each earlier rendering's key, link findings and digest (by slug), `load_text` its
    Markdown (by slug and key). Pages rendered anew go to `fresh` (by slug, with their key); the
    digests of those that stand go to `reused` (by path), with their links to `links`."""

    page_keys: Mapping[str, str] = field(default_factory=dict)
    kept: Mapping[str, KeptRendering] = field(default_factory=dict)
    load_text: Callable[[str, str], str | None] = lambda slug, key: None
    fresh: dict[str, tuple[str, RenderedPage]] = field(default_factory=dict)
    reused: dict[str, str] = field(default_factory=dict)
    links: dict[str, render.PageLinks] = field(default_factory=dict)
    whole: Callable[[str], ResponsePage] = lambda slug: no_page(slug)  # a page model, to render it

    def key(self, slug: str, links_digest: str) -> str:
        if slug not in self.page_keys:
            return ""
        return hashlib.sha256(f"{self.page_keys[slug]}\0{links_digest}".encode()).hexdigest()

    def reused_text(self, path: str) -> str:
        """The Markdown of a page that stands: from the cache, or rendered again if unreadable."""
        slug = path.removeprefix(f"{RESPONSES_DIR}/").removesuffix(".md")
        text = self.load_text(slug, self.kept[slug][0])
        return text if text is not None else render.render_response(self.whole(slug), [], self.links[slug])

    def next_memo(self, slugs: Iterable[str]) -> tuple[dict[str, KeptRendering], dict[str, tuple[str, str]]]:
        """What the next run's memo holds: each page's rendering (those with a key), and the
        Markdown of those rendered anew (by slug, with their key)."""
        kept: dict[str, KeptRendering] = {}
        fresh: dict[str, tuple[str, str]] = {}
        for slug in slugs:
            if slug in self.fresh and self.fresh[slug][0]:
                key, rendered = self.fresh[slug]
                fresh[slug] = (key, rendered.text)
                kept[slug] = (key, rendered.findings, site.content_digest(rendered.text.encode("utf-8")))
            elif response_path(slug) in self.reused:
                kept[slug] = self.kept[slug]
        return kept, fresh


class ReusedTexts(Mapping[str, str]):
    """The Markdown of the response pages that stand as an earlier run rendered them, by path,
    read from the cache only when asked for (`RenderMemo.reused_text`)."""

    def __init__(self, memo: RenderMemo) -> None:
        self._memo = memo

    def __getitem__(self, path: str) -> str:
        if path not in self._memo.reused:
            raise KeyError(path)
        return self._memo.reused_text(path)

    def __iter__(self) -> Iterator[str]:
        return iter(self._memo.reused)

    def __len__(self) -> int:
        return len(self._memo.reused)

    def __contains__(self, path: object) -> bool:
        return path in self._memo.reused


def no_page(slug: str) -> ResponsePage:
    raise AssertionError(f"no page model was given for {slug}")


def response_path(slug: str) -> str:
    return f"{RESPONSES_DIR}/{slug}.md"


def links_digest(links: render.PageLinks) -> str:
    return hashlib.sha256(repr(links).encode()).hexdigest()


def render_response_page(
    slug: str, links: render.PageLinks, memo: RenderMemo, digest: str = ""
) -> tuple[LinkFinding, ...]:
    """One response page, as an earlier run rendered it when its page model and links are those
    it was made from (`memo.reused`), else rendered (`memo.fresh`); its link findings. `digest`
    is links_digest(links), when known already."""
    key = memo.key(slug, digest or links_digest(links))
    earlier = memo.kept.get(slug)
    if key and earlier is not None and earlier[0] == key:
        memo.reused[response_path(slug)] = earlier[2]
        memo.links[slug] = links
        return earlier[1]
    findings: list[LinkFinding] = []
    rendered = RenderedPage(render.render_response(memo.whole(slug), findings, links), tuple(findings))
    memo.fresh[slug] = (key, rendered)
    return rendered.findings


def render_files(
    pages: Mapping[str, str], made: LibraryOutputs, memo: RenderMemo, report: Report
) -> Mapping[str, str]:
    """Every generated file: the response pages (by slug, with their sources' paths: rendered by
    `memo`) and the library outputs `made`."""
    for slug, path in pages.items():
        findings = render_response_page(slug, made.links[slug], memo, made.link_digests.get(slug, ""))
        report.extend(link_diagnostics(path, list(findings)))
    fresh = {response_path(slug): rendered.text for slug, (_, rendered) in memo.fresh.items()}
    return GeneratedFiles(fresh, ReusedTexts(memo), made.files)


def kept_renderings(root: Path) -> dict[str, KeptRendering]:
    """The response pages the last run rendered (`RenderMemo.kept`), those of the expected shape."""
    return {
        slug: kept
        for slug, kept in page_cache.load_table(root, page_cache.RENDERED).items()
        if isinstance(kept, tuple) and len(kept) == 3 and isinstance(kept[1], tuple)
    }


def kept_rendering(root: Path, slug: str, key: str) -> str | None:
    entry: page_cache.Entry[object] | None = page_cache.load(root, slug, key, page_cache.RENDERED_DIR)
    return entry.built if entry is not None and isinstance(entry.built, str) else None
