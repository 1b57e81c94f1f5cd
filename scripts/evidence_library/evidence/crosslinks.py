"""Cross-links between responses: which share cited works or themes, and how
each response is cited. Built from inverted indexes, never by comparing every
response with every other."""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from evidence_library.model import Bibliography, ResponsePage

MAX_RELATED = 5
MAX_CITING = 50  # a work cited by more responses than this is too common to relate them
THEME_NEIGHBOURS = 10  # on each theme, this many responses either side in date are candidates
SHARED_WORK_WEIGHT = 3  # a cited work in common says more than a theme in common


@dataclass(frozen=True)
class Related:
    slug: str
    title: str
    date: str
    shared_works: int
    shared_themes: int


def _shared_work_counts(pages: Sequence[ResponsePage], bibliography: Bibliography) -> dict[str, Counter[str]]:
    """Per response, how many cited works it shares with each other response.

    A work cited by very many responses says little about which are alike (and
    would make this quadratic), so it is left out, as search engines leave out
    their commonest words."""
    citing = [sorted({c.slug for c in w.cited_by}) for w in bibliography.works]
    shared: dict[str, Counter[str]] = {p.source.slug: Counter() for p in pages}
    for slugs in citing:
        if len(slugs) > MAX_CITING:
            continue
        for slug in slugs:
            shared[slug].update(other for other in slugs if other != slug)
    return shared


def _theme_neighbours(pages: Sequence[ResponsePage]) -> dict[str, set[str]]:
    """Per response, the responses nearest in date on each of its themes."""
    by_theme: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for page in pages:
        for theme in page.themes:
            by_theme[theme].append((page.source.metadata.date, page.source.slug))
    for entries in by_theme.values():
        entries.sort()
    neighbours: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        me = (page.source.metadata.date, page.source.slug)
        for theme in page.themes:
            entries = by_theme[theme]
            at = bisect.bisect_left(entries, me)
            window = entries[max(0, at - THEME_NEIGHBOURS) : at + THEME_NEIGHBOURS + 1]
            neighbours[page.source.slug].update(slug for _, slug in window if slug != me[1])
    return neighbours


def related_responses(
    pages: Sequence[ResponsePage], bibliography: Bibliography
) -> dict[str, tuple[Related, ...]]:
    """Up to MAX_RELATED responses for each, by shared works, then shared themes, then date."""
    title_of = {p.source.slug: p.source.metadata.title for p in pages}
    date_of = {p.source.slug: p.source.metadata.date for p in pages}
    bit = {theme: 1 << n for n, theme in enumerate(sorted({t for p in pages for t in p.themes}))}
    themes_of = {p.source.slug: sum(bit[t] for t in set(p.themes)) for p in pages}  # a bit per theme
    shared_works = _shared_work_counts(pages, bibliography)
    neighbours = _theme_neighbours(pages)
    related: dict[str, tuple[Related, ...]] = {}
    for page in pages:
        slug, themes, works = page.source.slug, themes_of[page.source.slug], shared_works[page.source.slug]
        candidates = set(works) | neighbours[slug]
        ranked = heapq.nsmallest(
            MAX_RELATED,
            [
                (-(SHARED_WORK_WEIGHT * works[o] + (themes & themes_of[o]).bit_count()), date_of[o], o)
                for o in candidates
            ],
        )
        related[slug] = tuple(
            Related(o, title_of[o], date, works[o], (themes & themes_of[o]).bit_count())
            for _, date, o in ranked
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
