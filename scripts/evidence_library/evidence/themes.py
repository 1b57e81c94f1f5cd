"""Themes from the controlled vocabulary in `themes.yml`, assigned from the text.

A response takes a theme when its argument uses the theme's keywords at
least `min_hits` times; a recommendation when it uses one. The front matter
adds (`themes`) or removes (`not_themes`) themes by id or label.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from evidence_library.diagnostics import Location, Report, Severity
from evidence_library.evidence.data_files import read_listing

THEMES_FILE = "themes.yml"


TOKEN = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    themes: tuple[Theme, ...]
    min_hits: int = 3

    @cached_property
    def words(self) -> dict[str, str]:
        """One-word keywords -> theme; lowercased, except acronyms (written in capitals)."""
        return {
            keyword if keyword.isupper() else keyword.lower(): theme.id
            for theme in self.themes
            for keyword in theme.keywords
            if len(keyword.split()) == 1
        }

    @cached_property
    def phrases(self) -> tuple[re.Pattern[str], dict[str, str]]:
        """Keywords of several words, in one case-insensitive pattern, and each one's theme."""
        themes = {
            " ".join(keyword.lower().split()): theme.id
            for theme in self.themes
            for keyword in theme.keywords
            if len(keyword.split()) > 1
        }
        alternatives = "|".join(
            r"\s+".join(map(re.escape, k.split())) for k in sorted(themes, key=len, reverse=True)
        )
        return re.compile(rf"(?<![\w-])(?:{alternatives or '(?!x)x'})(?![\w-])", re.IGNORECASE), themes

    def by_name(self, name: str) -> Theme | None:
        wanted = name.strip().lower()
        return next((t for t in self.themes if wanted in (t.id, t.label.lower())), None)

    def label(self, theme_id: str) -> str:
        return next((t.label for t in self.themes if t.id == theme_id), theme_id)

    def hits(self, text: str) -> Counter[str]:
        """How often each theme's keywords occur in `text`, as whole words."""
        tokens = Counter(TOKEN.findall(text))
        counts: Counter[str] = Counter()
        for token, times in tokens.items():
            # Lowercase keywords match any case; acronyms are stored in capitals and match only so.
            theme = self.words.get(token.lower()) or self.words.get(token)
            if theme:
                counts[theme] += times
        pattern, themes = self.phrases
        for match in pattern.finditer(text):
            counts[themes[" ".join(match.group(0).lower().split())]] += 1
        return counts


def parse_vocabulary(text: str, report: Report) -> Vocabulary:
    """The vocabulary file's text -> themes; problems are reported against the file."""
    where = Location(THEMES_FILE)
    listing = read_listing(text, THEMES_FILE, "themes", report)
    if listing is None:
        return Vocabulary(())
    data, entries = listing
    themes = []
    for entry in entries:
        if not (isinstance(entry, dict) and {"id", "label", "keywords"} <= set(entry)):
            report.add(
                "themes.syntax", Severity.ERROR, where, f"a theme needs id, label and keywords: {entry}", ""
            )
            continue
        themes.append(Theme(str(entry["id"]), str(entry["label"]), tuple(map(str, entry["keywords"]))))
    return Vocabulary(tuple(themes), int(data.get("min_hits", 3)))


def themes_of_text(vocabulary: Vocabulary, text: str, min_hits: int) -> tuple[str, ...]:
    hits = vocabulary.hits(text)
    return tuple(t.id for t in vocabulary.themes if hits[t.id] >= min_hits)


def resolve_names(
    vocabulary: Vocabulary, names: Sequence[str], path: str, field: str, report: Report
) -> tuple[str, ...]:
    """Theme names from front matter -> ids; an unknown name is an error with a suggestion."""
    ids = []
    for name in names:
        theme = vocabulary.by_name(name)
        if theme is None:
            known = [t.id for t in vocabulary.themes]
            close = difflib.get_close_matches(name.lower(), known, n=1)
            report.add(
                "front-matter.unknown-theme",
                Severity.ERROR,
                Location(path),
                f"'{name}' in '{field}' is not a theme of the library",
                f"did you mean '{close[0]}'?"
                if close
                else f"use one of: {', '.join(known)} (see themes.yml)",
            )
        else:
            ids.append(theme.id)
    return tuple(ids)
