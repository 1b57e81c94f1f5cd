"""The conservation check: every word of a source reaches its page, or is
listed as removed page furniture. Words cannot vanish silently."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .diagnostics import Diagnostic, Location, Severity
from .model import ResponsePage

WORD = re.compile(r"[^\W\d_⁰¹²³⁴⁵⁶⁷⁸⁹¼½¾]+")  # letters only: superscript digits are markers
HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-\s*\n\s*(?=[^\W\d_])")


def words(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w.lower() for w in WORD.findall(HYPHEN_BREAK.sub("", text)))
    return counts


def page_texts(page: ResponsePage) -> Iterable[str]:
    for block in (*page.body, *page.boilerplate):
        yield block.text
    for note in (*page.notes, *page.orphan_notes):
        yield note.text
    for removed in page.removed:
        yield removed.text


def missing_words(page: ResponsePage) -> Counter[str]:
    source = words(["\n".join(line.text for line in page.source.lines)])
    kept = words(page_texts(page))
    return source - kept


def check_conservation(page: ResponsePage) -> tuple[Diagnostic, ...]:
    lost = missing_words(page)
    if not lost:
        return ()
    sample = ", ".join(sorted(lost)[:12])
    return (
        Diagnostic(
            "conservation.words-missing",
            Severity.WARNING,
            Location(page.source.path),
            f"{sum(lost.values())} word(s) of the source did not reach the page: {sample}",
            "this is a bug in the importer: please report it with the source file",
        ),
    )
