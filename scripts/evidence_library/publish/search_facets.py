"""What the search index knows about a page besides its words: Pagefind's filters, metadata and
sort keys, read from the page's front matter. Pure: no I/O.

Pagefind reads them from attributes in the HTML it indexes
(`data-pagefind-filter`, `data-pagefind-meta`, `data-pagefind-sort`); they
are added to the copy of each page handed to Pagefind only, so the
published pages carry no empty markup.

| filter | pages | value |
| --- | --- | --- |
| `kind` | responses, positions, cited works | "Response", "Position", "Cited work" |
| `theme` | responses, positions pages | each theme's label |
| `organisation`, `body`, `year` | responses | who responded, to whom, in which year |
| `type`, `cited` | cited works | the kind of work ("Report"), each organisation it is by |

The search page's script (`docs/javascripts/search.js`) names the same filters.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evidence_library.publish.reference_pages import TYPE_NAMES

RESPONSE, POSITION, CITED_WORK = "Response", "Position", "Cited work"
KINDS = {"responses/": RESPONSE, "positions/": POSITION, "references/": CITED_WORK}
LISTINGS = ("index.md", "timeline.md")  # pages in those folders that list, rather than being one


@dataclass(frozen=True)
class Facets:
    """A page's filters as (name, value) pairs, its kind and date (metadata), and its sort key."""

    filters: tuple[tuple[str, str], ...] = ()
    kind: str = ""
    date: str = ""


def page_kind(src_uri: str) -> str:
    folder, _, name = src_uri.rpartition("/")
    if name in LISTINGS:
        return ""
    return KINDS.get(f"{folder}/", "")


def _texts(value: Any) -> list[str]:
    """A front-matter value as a list of plain strings (titles and tags are stored HTML-escaped)."""
    values = value if isinstance(value, list) else [value] if value else []
    return [html.unescape(str(v)).strip() for v in values if str(v).strip()]


def page_facets(src_uri: str, meta: Mapping[str, Any]) -> Facets:
    """The facets of the page at `src_uri` (relative to docs/), from its front matter."""
    kind = page_kind(src_uri)
    if not kind:
        return Facets()
    filters = [("kind", kind)]
    date = ""
    if kind == RESPONSE:
        date = str(meta.get("date", ""))
        filters += [("theme", t) for t in _texts(meta.get("tags"))]
        filters += [("organisation", t) for t in _texts(meta.get("organisation"))]
        filters += [("body", t) for t in _texts(meta.get("consulting_body"))]
        filters += [("year", date[:4])] if date[:4].isdigit() else []
    elif kind == POSITION:
        filters += [("theme", t) for t in _texts(meta.get("theme"))]
    else:
        date = str(meta.get("year", ""))
        entry_type = str(meta.get("type", ""))
        filters += [("type", TYPE_NAMES.get(entry_type, entry_type.capitalize()))] if entry_type else []
        filters += [("cited", t) for t in _texts(meta.get("organisations"))]
    return Facets(tuple(filters), kind, date)


def facet_markup(facets: Facets) -> str:
    """Empty elements whose attributes tell Pagefind the facets (values escaped, commas allowed)."""

    def element(attribute: str, name: str, value: str) -> str:
        return f'<span {attribute}="{name}[data-value]" data-value="{html.escape(value)}"></span>'

    parts = [element("data-pagefind-filter", name, value) for name, value in facets.filters]
    if facets.kind:
        parts.append(element("data-pagefind-meta", "kind", facets.kind))
    if facets.date:
        parts.append(element("data-pagefind-meta", "date", facets.date))
        parts.append(element("data-pagefind-sort", "date", facets.date))
    return "".join(parts)
