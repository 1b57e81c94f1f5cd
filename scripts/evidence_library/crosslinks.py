"""Cross-links between responses: which share cited works or themes, and how
each response is cited. Built from inverted indexes, never by comparing every
response with every other."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Bibliography, ResponsePage

MAX_RELATED = 5
SHARED_WORK_WEIGHT = 3  # a cited work in common says more than a theme in common


@dataclass(frozen=True)
class Related:
    slug: str
    title: str
    date: str
    shared_works: int
    shared_themes: int


def related_responses(
    pages: Sequence[ResponsePage], bibliography: Bibliography
) -> dict[str, tuple[Related, ...]]:
    by_slug = {p.source.slug: p for p in pages}
    citing: dict[str, set[str]] = {w.key: {c.slug for c in w.cited_by} for w in bibliography.works}
    works_of: dict[str, set[str]] = defaultdict(set)
    for key, slugs in citing.items():
        for slug in slugs:
            works_of[slug].add(key)
    pages_with_theme: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        for theme in page.themes:
            pages_with_theme[theme].add(page.source.slug)
    related: dict[str, tuple[Related, ...]] = {}
    for page in pages:
        slug = page.source.slug
        works: Counter[str] = Counter(
            other for key in works_of[slug] for other in citing[key] if other != slug
        )
        themes: Counter[str] = Counter(
            other for theme in page.themes for other in pages_with_theme[theme] if other != slug
        )
        scored = sorted(
            set(works) | set(themes),
            key=lambda o: (-(SHARED_WORK_WEIGHT * works[o] + themes[o]), by_slug[o].source.metadata.date, o),
        )
        related[slug] = tuple(
            Related(o, by_slug[o].source.metadata.title, by_slug[o].source.metadata.date, works[o], themes[o])
            for o in scored[:MAX_RELATED]
        )
    return related


def response_keys(pages: Sequence[ResponsePage]) -> dict[str, str]:
    """A BibTeX key for each response itself, e.g. 'clinks2012noms', unique in the library."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for page in sorted(pages, key=lambda p: p.source.slug):
        meta = page.source.metadata
        organisation = (re.findall(r"[a-z0-9]+", meta.organisation.lower()) or ["response"])[0]
        topic = (re.findall(r"[a-z0-9]+", meta.consultation.lower()) or [""])[0]
        base = f"{organisation}{meta.date[:4]}{topic}"
        key, suffix = base, ord("a")
        while key in taken:
            key, suffix = f"{base}{chr(suffix)}", suffix + 1
        taken.add(key)
        keys[page.source.slug] = key
    return keys
