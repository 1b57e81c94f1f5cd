"""The bibliography of one run of `generate`, built from what adding each page did in earlier runs.

New keys depend on the order in which works were first cited, so the bibliography is built a page
at a time, in the sources' order. But while no page makes an entry or adds a field to one (the
usual case once references.bib holds every cited work), each page meets the same entries, those
of references.bib: what adding it does (`library.PageResolution`) depends on references.bib
(and bodies.yml, in the page's key) and the page alone. So each page's resolution is kept under
a key of both, and a run

- matches the citations of the pages whose key is new only (against references.bib's entries);
- builds the bibliography itself (replaying every page's resolution in order) only when the
  files made from the whole library must be made again;
- falls back to adding every page in order, as a clean run does, from the first page that
  makes an entry or adds a field.

The ledger (`.cache/bibliography.pickle`) holds each page's key, a digest of its resolution,
the works it cites and what it reported; the resolutions themselves are kept one per page
(`.cache/resolutions/`), read only to build the bibliography.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from evidence_library.diagnostics import Diagnostic, Report
from evidence_library.evidence import library
from evidence_library.evidence.bodies import Bodies
from evidence_library.incremental import page_cache
from evidence_library.incremental.run_pages import RunPages
from evidence_library.model import Bibliography

RESOLUTIONS_DIR = ".cache/resolutions"


@dataclass(frozen=True)
class Line:
    """What the ledger keeps of one page's resolution."""

    key: str  # of references.bib and the page
    digest: str  # of the resolution
    cited: tuple[str, ...]  # the keys of the works it cites
    diagnostics: tuple[Diagnostic, ...]


def line_of(key: str, resolution: library.PageResolution) -> Line:
    digest = hashlib.sha256(pickle.dumps(resolution, pickle.HIGHEST_PROTOCOL)).hexdigest()
    cited = tuple(sorted({work for work, _ in resolution.citing}))
    return Line(key, digest, cited, resolution.diagnostics)


@dataclass
class Ledger:
    """The bibliography of a run, page by page (`add`, in the sources' order), then whole
    (`bibliography`) if it is needed."""

    root: Path
    run: RunPages
    curated: list[tuple[str, str, dict[str, str]]]  # references.bib's entries
    curated_text: str
    bodies: Bodies
    report: Report
    kept: dict[str, object] = field(default_factory=dict)  # the last run's ledger
    lines: dict[str, Line] = field(default_factory=dict)  # this run's, for the pages with one
    fresh: dict[str, library.PageResolution] = field(default_factory=dict)  # resolved by this run
    order: list[str] = field(default_factory=list)  # the pages added so far
    in_order: library.BibliographyBuilder | None = None  # once a page changed the entries
    _scratch: library.BibliographyBuilder | None = None

    def __post_init__(self) -> None:
        self.kept = page_cache.load_table(self.root, page_cache.RESOLUTIONS)
        self.curated_key = hashlib.sha256(self.curated_text.encode()).hexdigest()

    def key(self, page_key: str) -> str:
        return hashlib.sha256(f"{self.curated_key}\0{page_key}".encode()).hexdigest()

    def add(self, slug: str, page_key: str) -> None:
        """Add the next page: as an earlier run did (its line), by matching its citations against
        references.bib's entries, or (once a page changed them) in order."""
        self.order.append(slug)
        if self.in_order is not None:
            self._add_whole(self.in_order, slug)
            return
        key = self.key(page_key)
        kept = self.kept.get(slug)
        if isinstance(kept, Line) and kept.key == key:
            self.lines[slug] = kept
            self.report.extend(kept.diagnostics)
            return
        whole = self.run.whole(slug)
        resolution = self._builder().add(whole.page, whole.prepared)
        if resolution is None:  # it made an entry or added a field: from here on, every page in order
            self.in_order = self._replayed(self.order[:-1], self.report, quiet=True)
            self._add_whole(self.in_order, slug)
            return
        self.fresh[slug] = resolution
        self.lines[slug] = line_of(key, resolution)
        self.report.extend(resolution.diagnostics)

    def complete(self) -> bool:
        """Whether every page has a line (no page changed references.bib's entries)."""
        return self.in_order is None

    def report_probable_duplicates(self, path: str) -> None:
        if self.in_order is not None:
            self.in_order.report_probable_duplicates(path)
            return
        cited = {work for line in self.lines.values() for work in line.cited}
        library.report_probable_duplicates(self._builder().index.entries.values(), self.report, path, cited)

    def bibliography(self) -> Bibliography:
        """The whole bibliography, as adding every page in order gives it."""
        if self.in_order is None:
            self.in_order = self._replayed(self.order, Report(), quiet=True)
        return self.in_order.bibliography()

    def store(self) -> None:
        """Keep this run's ledger and new resolutions for the next run, if they changed."""
        for slug, resolution in sorted(self.fresh.items()):
            page_cache.store(
                self.root, slug, page_cache.Entry(self.lines[slug].key, (), resolution), (), RESOLUTIONS_DIR
            )
        if self.lines != self.kept:
            page_cache.store_table(self.root, page_cache.RESOLUTIONS, self.lines)
        page_cache.prune(self.root, self.lines, RESOLUTIONS_DIR)

    def _builder(self) -> library.BibliographyBuilder:
        if self._scratch is None:  # references.bib's entries, to match pages against
            self._scratch = library.BibliographyBuilder(self.curated, Report(), self.bodies)
        return self._scratch

    def _replayed(self, slugs: Iterable[str], report: Report, quiet: bool) -> library.BibliographyBuilder:
        """A bibliography with these pages added in order, each replayed from its resolution (or
        matched again if it cannot be read). `quiet`: their problems were reported already."""
        builder = library.BibliographyBuilder(self.curated, Report() if quiet else report, self.bodies)
        for slug in slugs:
            resolution = self.fresh.get(slug) or self._kept_resolution(slug)
            if resolution is None or not builder.replay(slug, resolution):
                self._add_whole(builder, slug)
        builder.report = report
        return builder

    def _kept_resolution(self, slug: str) -> library.PageResolution | None:
        line = self.lines.get(slug)
        entry: page_cache.Entry[object] | None = None
        if line is not None:
            entry = page_cache.load(self.root, slug, line.key, RESOLUTIONS_DIR)
        built = entry.built if entry is not None else None
        return built if isinstance(built, library.PageResolution) else None

    def _add_whole(self, builder: library.BibliographyBuilder, slug: str) -> None:
        whole = self.run.whole(slug)
        builder.add(whole.page, whole.prepared)
