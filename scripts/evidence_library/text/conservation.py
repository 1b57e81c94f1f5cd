"""The conservation check: every word of a source reaches its page, or is
listed as removed page furniture. Words cannot vanish silently."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from evidence_library.diagnostics import Diagnostic, Location, Severity
from evidence_library.model import ResponsePage

WORD = re.compile(r"[^\W\d_⁰¹²³⁴⁵⁶⁷⁸⁹¼½¾]+")  # letters only: superscript digits are markers
HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=([^\W\d_]))")


def _rejoin(match: re.Match[str]) -> str:
    # As the clean stage does: a word broken at a line end rejoins before a lower-case letter.
    return "" if match.group(1).islower() else match.group(0)


def words(texts: Iterable[str]) -> Counter[str]:
    joined = "\n\0\n".join(texts)  # a separator no rejoining can cross
    return Counter(WORD.findall(HYPHEN_BREAK.sub(_rejoin, joined).lower()))


def _kept_as_compound(word: str, extra: Counter[str]) -> bool:
    """'wellknown' from the source is 'well-known' on the page when the document spells it so."""
    for cut in range(1, len(word)):
        head, tail = word[:cut], word[cut:]
        if extra[head] > 0 and extra[tail] > 0 and (head != tail or extra[head] > 1):
            extra[head] -= 1
            extra[tail] -= 1
            return True
    return False


def page_texts(page: ResponsePage) -> Iterable[str]:
    for block in (*page.body, *page.boilerplate):
        yield block.text
    for note in (*page.notes, *page.orphan_notes):
        yield note.text
    for removed in page.removed:
        yield removed.text


def letters(text: str) -> dict[str, int]:
    """How often each letter occurs (str.count per distinct character beats a Counter of every character)."""
    lowered = text.lower()
    return {char: lowered.count(char) for char in set(lowered) if char.isalpha()}


def missing_words(page: ResponsePage) -> Counter[str]:
    source_text = "\n".join(line.text for line in page.source.lines)
    page_text = "\n\0\n".join(page_texts(page))
    if letters(source_text) == letters(page_text):
        return Counter()  # every letter is there, so every word is: rejoining moves no letter
    source = words([source_text])
    kept = words(page_texts(page))
    lost, extra = source - kept, kept - source
    for word in sorted(lost):
        while lost[word] and _kept_as_compound(word, extra):
            lost[word] -= 1
    return +lost


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
