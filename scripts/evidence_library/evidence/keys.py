"""Citation keys: readable, valid in BibTeX and biblatex, unique however many works collide.

A key is a stem, the work's first author + year + the first significant words
of its title (`maruna2001makinggood`, `moj2013transformingrehabilitation`,
`hmiprobation2019youthoffending`), and, when another work has taken the stem,
a suffix: `a` to `z`, then `aa`, `ab`, ... (as spreadsheet columns count).
Keys are lower-case ASCII letters and digits only, and start with a letter.

Corporate authors use the key of their entry in bodies.yml when they have one
(`moj`), otherwise a short form of their significant words: capitalised
acronyms whole, other words by their initial, the last word whole (`HM
Inspectorate of Prisons` -> `hmiprisons`). Words that every report of a series
shares ("An inspection of ...", "Annual report") are passed over in titles, so
that the words that tell a series apart make the stem.

A key, once given, is never changed: the allocator only adds keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from evidence_library.evidence.bodies import Bodies

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "in",
        "on",
        "for",
        "to",
        "with",
        "from",
        "at",
        "by",
        "into",
        "when",
        "what",
        "how",
        "why",
        "is",
        "are",
        "does",
        "do",
        "our",
        "its",
        "their",
        "towards",
        "toward",
        "between",
        "about",
        "this",
        "that",
        "these",
        "those",
    ]
)
SERIES_WORDS = frozenset(
    [
        "inspection",
        "inspections",
        "report",
        "reports",
        "review",
        "annual",
        "thematic",
        "briefing",
        "paper",
        "papers",
        "response",
        "responses",
        "consultation",
        "evidence",
        "summary",
        "final",
        "interim",
        "update",
        "follow",
        "joint",
        "full",
    ]
)
WEB_WORDS = frozenset(["www", "org", "uk", "com", "gov", "net", "co", "http", "https", "html", "htm", "pdf"])
CORPORATE_SKIP = frozenset(["of", "the", "and", "for", "in", "on", "at", "to"])
TITLE_WORDS = 2
MAX_WORD = 14  # letters kept of one long word
MAX_AUTHOR = 20


def ascii_words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[A-Za-z0-9]+", ascii_text)


def corporate_stem(name: str, bodies: Bodies) -> str:
    """'Ministry of Justice' -> 'moj' (bodies.yml); 'HM Inspectorate of Prisons' -> 'hmiprisons'."""
    body = bodies.find(name)
    if body is not None and body.key:
        return body.key
    words = [w for w in ascii_words(name) if w.lower() not in CORPORATE_SKIP]
    if len(words) <= 1:
        return (words[0].lower() if words else "")[:MAX_AUTHOR]
    head = "".join(w.lower() if w.isupper() and len(w) > 1 else w[0].lower() for w in words[:-1])
    return (head + words[-1].lower())[:MAX_AUTHOR]


def person_stem(name: str) -> str:
    """'Maruna, S.' -> 'maruna'; 'von Hirsch, Andrew' -> 'vonhirsch'; 'S. Maruna' -> 'maruna'."""
    family = name.split(",")[0] if "," in name else (name.split() or [""])[-1]
    return "".join(w.lower() for w in ascii_words(family))[:MAX_AUTHOR]


def author_stem(first_author: str, corporate: bool, bodies: Bodies) -> str:
    stem = corporate_stem(first_author, bodies) if corporate else person_stem(first_author)
    return stem or "anon"


def title_stem(title: str, skip: frozenset[str] = frozenset()) -> str:
    """The first significant words of a title, passing over words a whole series shares."""
    words = [w.lower() for w in ascii_words(title)]
    ignored = STOPWORDS | SERIES_WORDS | WEB_WORDS | skip
    chosen = [w for w in words if w not in ignored and not w.isdigit()][:TITLE_WORDS]
    if not chosen:  # a title made only of series words: "Annual report"
        chosen = [w for w in words if w not in STOPWORDS | WEB_WORDS | skip][:1]
    return "".join(w[:MAX_WORD] for w in chosen)


def key_stem(first_author: str, corporate: bool, year: str, title: str, bodies: Bodies) -> str:
    author = author_stem(first_author, corporate, bodies)
    year = year if re.fullmatch(r"\d{4}", year) else ""
    return author + year + title_stem(title, frozenset({author}))


def suffixes() -> Iterator[str]:
    """'', 'a' ... 'z', 'aa', 'ab' ... 'zz', 'aaa' ...: bijective base 26."""
    yield ""
    count = 1
    while True:
        yield _letters(count)
        count += 1


def _letters(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


class KeyAllocator:
    """Hands out keys no one has: those already taken (read from references.bib) stay as they are."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self._next: dict[str, Iterator[str]] = {}

    def take(self, key: str) -> None:
        self.taken.add(key)

    def allocate(self, stem: str) -> str:
        # Each stem remembers where its suffixes had got to, so a thousand collisions are not a
        # thousand scans.
        counter = self._next.setdefault(stem, suffixes())
        while (key := stem + next(counter)) in self.taken:
            pass
        self.taken.add(key)
        return key
