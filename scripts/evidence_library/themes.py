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

import yaml

from .diagnostics import Location, Report, Severity

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
    def phrases(self) -> dict[tuple[str, ...], str]:
        """Each keyword as a tuple of words -> its theme. Words are lowercased,
        except in keywords written in capitals (acronyms), which must match exactly."""
        return {
            tuple(w if keyword.isupper() else w.lower() for w in keyword.split()): theme.id
            for theme in self.themes
            for keyword in theme.keywords
        }

    @cached_property
    def longest(self) -> int:
        return max((len(p) for p in self.phrases), default=0)

    @cached_property
    def first_words(self) -> frozenset[str]:
        return frozenset(phrase[0] for phrase in self.phrases)

    def hits(self, text: str) -> Counter[str]:
        """How often each theme's keywords occur in `text`, as whole words: one pass."""
        tokens = TOKEN.findall(text)
        lowered = [t.lower() for t in tokens]
        counts: Counter[str] = Counter()
        for start in range(len(tokens)):
            if tokens[start] not in self.first_words and lowered[start] not in self.first_words:
                continue  # most words begin no keyword
            for length in range(1, self.longest + 1):
                exact, folded = tuple(tokens[start : start + length]), tuple(lowered[start : start + length])
                theme = self.phrases.get(exact) or self.phrases.get(folded)
                if theme:
                    counts[theme] += 1
        return counts

    def by_name(self, name: str) -> Theme | None:
        wanted = name.strip().lower()
        return next((t for t in self.themes if wanted in (t.id, t.label.lower())), None)

    def label(self, theme_id: str) -> str:
        return next((t.label for t in self.themes if t.id == theme_id), theme_id)


def parse_vocabulary(text: str, report: Report) -> Vocabulary:
    """The vocabulary file's text -> themes; problems are reported against the file."""
    where = Location(THEMES_FILE)
    try:
        data = yaml.safe_load(text) if text.strip() else {"themes": []}
    except yaml.YAMLError as error:
        report.add(
            "themes.syntax", Severity.ERROR, where, f"themes.yml is not valid YAML: {error}", "mend the file"
        )
        return Vocabulary(())
    entries = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        report.add(
            "themes.syntax", Severity.ERROR, where, "themes.yml needs a 'themes:' list", "see its header"
        )
        return Vocabulary(())
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
