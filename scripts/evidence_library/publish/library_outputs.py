"""What the library as a whole gives: every generated file but the response pages, and what each
response page shows of the rest of the library (`render.PageLinks`). Pure: no I/O.

It reads the pages (summaries will do: no body, no notes' citations; `marked` gives the notes
marked in each block), the bibliography, the themes and the formatted citations, and nothing
else, so `generate` keeps it between runs under a key of those (`pipeline.py`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from evidence_library.evidence import crosslinks, library, support, themes
from evidence_library.model import Bibliography, ResponsePage
from evidence_library.publish import exports, render

if TYPE_CHECKING:
    from evidence_library.publish import citation_styles

RESPONSES_DIR = "docs/responses"
REFERENCES_DIR = "docs/references"
POSITIONS_DIR = "docs/positions"
BODIES_DIR = "docs/bodies"
INCLUDES_DIR = "docs/includes"
EXPLORE_DIR = "docs/explore"
GENERATED_DIRS = (
    RESPONSES_DIR,
    REFERENCES_DIR,
    POSITIONS_DIR,
    BODIES_DIR,
    INCLUDES_DIR,
    EXPLORE_DIR,
    exports.EXPORTS_DIR,
)
BIBLIOGRAPHY = "references.bib"
# citation_styles.MEMO (a test checks): named here so that reading it does not load citeproc's tools
CITATIONS_MEMO = ".cache/citations.json"


@dataclass(frozen=True)
class LibraryOutputs:
    files: Mapping[str, str]  # path relative to the root -> content; all but the response pages
    links: dict[str, render.PageLinks]  # by slug: what each response page shows of the library
    digests: Mapping[str, str] = field(default_factory=dict)  # of the files' bytes, when known
    link_digests: Mapping[str, str] = field(default_factory=dict)  # of each page's links, when known


class GeneratedFiles(Mapping[str, str]):
    """Files from several mappings as one (the first that has a path gives it), without reading
    texts that are read only when asked for (`page_cache.KeptTexts`)."""

    def __init__(self, *parts: Mapping[str, str]) -> None:
        self._parts = parts

    def __getitem__(self, path: str) -> str:
        for part in self._parts:
            if path in part:
                return part[path]
        raise KeyError(path)

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for part in self._parts:
            yield from (path for path in part if path not in seen)
            seen.update(part)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, path: object) -> bool:  # Mapping's own would read the text
        return any(path in part for part in self._parts)


def cite_sections(
    pages: Sequence[ResponsePage],
    bibliography: Bibliography,
    cite_keys: Mapping[str, str],
    styles: citation_styles.CitationFormatter,
) -> tuple[dict[str, str], dict[str, str]]:
    """'Cite this response' by slug and 'Cite this work' by key: the formatted citations (all that
    the memo lacks formatted at once) and the export links."""
    from evidence_library.publish import citation_styles

    responses = {page.source.slug: exports.response_item(page, cite_keys[page.source.slug]) for page in pages}
    works = {work.key: exports.csl_item(work) for work in bibliography.works}
    styles.prepare([*responses.values(), *works.values()])
    return (
        {
            slug: citation_styles.cite_section(
                "Cite this response", styles.cite(item), exports.export_line("../", f"responses/{slug}")
            )
            for slug, item in responses.items()
        },
        {
            key: citation_styles.cite_section(
                "Cite this work", styles.cite(item), exports.export_line("../", f"references/{key}")
            )
            for key, item in works.items()
        },
    )


def library_outputs(
    pages: Sequence[ResponsePage],
    bibliography: Bibliography,
    vocabulary: themes.Vocabulary,
    cited: str = "",
    marked: support.Marked | None = None,
) -> LibraryOutputs:
    """`cited` is the memo of formatted citations (CITATIONS_MEMO) of the last run."""
    # imported here: a run that finds these outputs in the cache does without them
    from evidence_library.publish import citation_styles, explore_pages, listing_pages, reference_pages

    styles = citation_styles.CitationFormatter(citation_styles.parse_memo(cited))

    files: dict[str, str] = {}
    related = crosslinks.related_responses(pages, bibliography)
    cite_keys = crosslinks.response_keys(pages)
    labels = {t.id: t.label for t in vocabulary.themes}
    note_links = reference_pages.note_links(bibliography)
    cite_response, cite_work = cite_sections(pages, bibliography, cite_keys, styles)
    links = {
        slug: render.PageLinks(
            note_links.get(slug, {}), related[slug], cite_keys[slug], labels, cite_response[slug]
        )
        for slug in (page.source.slug for page in pages)
    }
    files[f"{RESPONSES_DIR}/index.md"] = render.render_response_index(pages)
    files[f"{RESPONSES_DIR}/timeline.md"] = listing_pages.render_timeline(pages)
    responses = reference_pages.response_index(pages)
    supports = support.supported_recommendations(pages, bibliography, marked)
    for work in bibliography.works:
        files[f"{REFERENCES_DIR}/{work.key}.md"] = reference_pages.render_reference(
            work, responses, cite_work[work.key], supports.get(work.key, ())
        )
    files[f"{REFERENCES_DIR}/index.md"] = reference_pages.render_reference_index(
        bibliography, exports.export_line("../", "bibliography")
    )
    files.update(exports.export_files(pages, bibliography))
    files[CITATIONS_MEMO] = styles.memo_text()
    for name, text in listing_pages.render_positions(pages, vocabulary).items():
        files[f"{POSITIONS_DIR}/{name}"] = text
    for name, text in listing_pages.render_bodies(pages).items():
        files[f"{BODIES_DIR}/{name}"] = text
    for name, text in explore_pages.render_explorer(pages, bibliography.works, vocabulary, supports).items():
        files[f"{EXPLORE_DIR}/{name}"] = text
    files[f"{INCLUDES_DIR}/latest-responses.md"] = render.render_latest(pages)
    files[f"{INCLUDES_DIR}/library-counts.md"] = listing_pages.render_counts(pages, bibliography)
    files[f"{INCLUDES_DIR}/themes.md"] = listing_pages.render_theme_list(pages, vocabulary)
    files[BIBLIOGRAPHY] = library.bib_text(bibliography)
    return LibraryOutputs(files, links)
