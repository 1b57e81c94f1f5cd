"""The pages of one run of `generate`: each source's page model, from the page cache when its key is
there, built otherwise, and read no further than the run needs.

A cached page is kept in three parts (`page_cache.store`), read only as far as needed:

- its header (`PageHeader`): what reading and building it reported, its notes' labels, how many
  notes it has, and a digest of its summary. Every run reads it.
- its summary (`PageSummary`): the page model without what only its own response page and the
  bibliography's matching read. Read when the files made from the whole library are made again.
- the whole page model, with what the bibliography needs of it (`pipeline.BuiltPage`). Read when
  its response page is rendered again or its citations are matched again.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from evidence_library.diagnostics import Diagnostic, Report
from evidence_library.evidence import support
from evidence_library.incremental import page_cache
from evidence_library.ingest import read
from evidence_library.model import ResponsePage, SourceDocument

if TYPE_CHECKING:
    from evidence_library.pipeline import BuiltPage

    PageEntry = page_cache.Entry[BuiltPage]

HEADER, SUMMARY = 0, 1  # the parts of a page cache entry


@dataclass(frozen=True)
class PageSummary:
    """What the stages after building pages need of a page, but for its own response page and the
    bibliography's matching: the page model without its body, boilerplate, removals, orphan notes
    and its notes' citations; and which notes each block marks."""

    page: ResponsePage
    marked: dict[int, list[int]]  # a body block's first line -> the notes marked in it


@dataclass(frozen=True)
class PageHeader:
    """What every run needs of a page, however little it rebuilds."""

    path: str
    diagnostics: tuple[Diagnostic, ...]  # what reading and building the page reported
    labels: dict[str, str]  # the labels of its notes, for the next run's memo
    notes: int
    digest: str  # of its summary: what the stages after the bibliography read of it


def without_lines(built: BuiltPage) -> BuiltPage:
    """The page model without its source's lines: only the stages before it read them."""
    page = built.page
    return replace(built, page=replace(page, source=replace(page.source, lines=())))


def summarise_page(entry: PageEntry) -> tuple[PageHeader, PageSummary]:
    page = entry.built.page
    light = replace(
        page,
        body=(),
        boilerplate=(),
        removed=(),
        orphan_notes=(),
        notes=tuple(replace(note, citations=()) for note in page.notes),
    )
    summary = PageSummary(light, support.notes_by_line(page))
    digest = hashlib.sha256(pickle.dumps(summary, pickle.HIGHEST_PROTOCOL)).hexdigest()
    diagnostics = (*entry.read_diagnostics, *entry.built.diagnostics)
    return PageHeader(page.source.path, diagnostics, entry.built.labels, len(page.notes), digest), summary


def store_page(root: Path, slug: str, entry: PageEntry) -> None:
    page_cache.store(root, slug, entry, summarise_page(entry))


@dataclass
class PageSlot:
    """One source of this run: its cache key and header, and its summary and whole page model once
    this run built or read them."""

    slug: str
    key: str
    header: PageHeader
    file: read.SourceFile | None = None  # to build it again if its cached model cannot be read
    summary: PageSummary | None = None
    entry: PageEntry | None = None


@dataclass
class _Pending:
    document: SourceDocument
    key: str
    read_diagnostics: tuple[Diagnostic, ...]


@dataclass
class RunPages:
    """The pages of one run: headers from the cache, summaries and whole page models read only
    when they are needed. `build_one` and `build_many` are pipeline.build_page and build_pages
    with this run's inputs."""

    root: Path
    program: str
    build_one: Callable[[SourceDocument], BuiltPage]
    build_many: Callable[[Sequence[SourceDocument]], Iterator[BuiltPage]]
    fresh: dict[str, PageEntry] = field(default_factory=dict)  # built by this run, for .cache
    slots: dict[str, PageSlot] = field(default_factory=dict)
    # every page's key and header, as the last run kept them together (`headers`)
    kept_headers: dict[str, object] = field(default_factory=dict)

    def headers(self) -> dict[str, tuple[str, PageHeader]] | None:
        """Every page's key and header, for the next run to read at once; None if as kept."""
        table = {slug: (slot.key, slot.header) for slug, slot in self.slots.items()}
        return None if table == self.kept_headers else table

    def _header(self, file: read.SourceFile, key: str) -> PageHeader | None:
        kept = self.kept_headers.get(file.slug)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key and isinstance(kept[1], PageHeader):
            return kept[1]
        header = page_cache.load_part(self.root, file.slug, key, HEADER)
        return header if isinstance(header, PageHeader) else None

    def gather(self, files: Sequence[read.SourceFile], report: Report) -> Iterator[PageSlot]:
        """Every source's page, in the sources' order: its header from the cache when its key
        (program + source bytes) is there, else read and built (on several cores when many).
        Reading problems of sources without a page go to `report`."""
        waiting: list[PageSlot | _Pending] = []
        self.kept_headers = page_cache.load_table(self.root, page_cache.HEADERS)
        for file in files:
            key = page_cache.source_key(self.program, file.path, file.raw)
            if (header := self._header(file, key)) is not None:
                waiting.append(PageSlot(file.slug, key, header, file))
                continue
            reading = Report()
            document = read.parse_source_file(file, reading)
            if document is None:
                report.extend(reading.diagnostics)
            else:
                waiting.append(_Pending(document, key, tuple(reading.diagnostics)))
        built = self.build_many([p.document for p in waiting if isinstance(p, _Pending)])
        for slot in waiting:
            if isinstance(slot, _Pending):
                entry = page_cache.Entry(slot.key, slot.read_diagnostics, without_lines(next(built)))
                self.fresh[slot.document.slug] = entry
                header, summary = summarise_page(entry)
                slot = PageSlot(slot.document.slug, slot.key, header, summary=summary, entry=entry)
            self.slots[slot.slug] = slot
            yield slot

    def summary(self, slug: str) -> PageSummary:
        """The page's summary: from the cache, else from its whole page model."""
        slot = self.slots[slug]
        if slot.summary is None:
            kept = page_cache.load_part(self.root, slug, slot.key, SUMMARY)
            slot.summary = kept if isinstance(kept, PageSummary) else summarise_page(self._entry(slot))[1]
        return slot.summary

    def whole(self, slug: str) -> BuiltPage:
        """The whole page model: from the cache, or built again if its entry there cannot be read."""
        return self._entry(self.slots[slug]).built

    def _entry(self, slot: PageSlot) -> PageEntry:
        if slot.entry is None:
            slot.entry = page_cache.load(self.root, slot.slug, slot.key) or self._rebuild(slot)
        return slot.entry

    def _rebuild(self, slot: PageSlot) -> PageEntry:
        assert slot.file is not None
        reading = Report()
        document = read.parse_source_file(slot.file, reading)
        assert document is not None, "a source whose header was read is read again"
        entry = page_cache.Entry(
            slot.key, tuple(reading.diagnostics), without_lines(self.build_one(document))
        )
        self.fresh[slot.slug] = entry
        return entry
