"""Library stage: every citation in every response -> one shared bibliography.

The same work cited in different styles becomes one entry: citations match
on DOI, on the address they give (`url_identity`: scheme, `www.`, a trailing
slash, a fragment, tracking parameters, a hyphen where a PDF broke the
address over a line and a Wayback or UK Government Web Archive copy are all
the same address), or on the first author (a body by any of its names in
`bodies.yml`), year and the same title (up to typos, or with its subtitle
left off: `same_title`). Two citations whose addresses differ are never
merged. Pairs that are probably one work but not surely are listed by
`probable_duplicates`, for a curator to decide.

`references.bib` is the lockfile: an entry already there keeps its key and
its fields (a person may have corrected them); new works get new keys that
no existing entry uses (`keys.py`), so adding a response never renames an
entry. Field values are kept as BibTeX text (`bibtex_text.py`): what is read
from the file is written back byte for byte, and text from notes is escaped
on its way in.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from urllib.parse import unquote

from rapidfuzz.distance import Levenshtein

from evidence_library.diagnostics import Diagnostic, Location, Report, Severity
from evidence_library.evidence import biblatex
from evidence_library.evidence.bibtex_text import decode, encode, encode_url
from evidence_library.evidence.bodies import NO_BODIES, Bodies
from evidence_library.evidence.keys import KeyAllocator, key_stem
from evidence_library.model import Bibliography, Block, Citation, CitedBy, NoteRef, ResponsePage, Work

TYPO_SIMILARITY = 0.75  # two spellings of one word: "rehabilitaion", "rehabilitation"
STOPWORDS = {
    *("a", "an", "the", "of", "and", "in", "on", "for", "to", "with", "from", "at", "by", "into"),
    *("when", "what", "how", "why", "is", "are", "does", "do", "our", "its", "their"),
    *("towards", "toward", "between", "about", "this", "that", "these", "those"),
}
WEB_WORDS = {"www", "org", "uk", "com", "gov", "net", "co", "http", "https", "html", "htm", "pdf"}
FIELD_ORDER = biblatex.FIELD_ORDER


def normal_words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", ascii_text)


def normal_title(title: str) -> str:
    return " ".join(w for w in normal_words(title) if w not in STOPWORDS)


def normal_url(url: str) -> str:
    text = unquote(url).lower().strip()
    text = re.sub(r"^https?://(?:www\.)?", "", text)
    return text.rstrip("/")


ARCHIVED_COPY = re.compile(
    r"^(?:web\.archive\.org/web|wayback\.archive\.org/web|webarchive\.nationalarchives\.gov\.uk(?:/ukgwa)?)"
    r"/\d{4,14}[a-z_]*\*?/(?P<original>.+)$"
)
TRACKING_PARAMETER = re.compile(r"(?:^|&)(?:utm_[a-z]+|fbclid|gclid)=[^&]*")


def url_identity(url: str) -> str:
    """What two addresses of one work share: 'https://www.gov.uk/a-b/' and 'http://gov.uk/a-
    b', and a Wayback Machine or UK Government Web Archive copy of either, agree.

    Hyphens are left out altogether, because a PDF that broke an address over
    a line may have added one (`.../transforming-rehabili-tation`); two
    addresses differing only in hyphens are taken to be one."""
    text = normal_url(url)
    while (archived := ARCHIVED_COPY.match(text)) is not None:
        text = normal_url(archived["original"])
    text = text.split("#", 1)[0]
    if "?" in text:
        path, query = text.split("?", 1)
        query = TRACKING_PARAMETER.sub("", query).strip("&")
        text = f"{path}?{query}" if query else path
    return re.sub(r"[\s-]+", "", text).rstrip("/")


def split_names(author: str) -> list[str]:
    """A BibTeX name list -> its names, split at ' and ' outside braces."""
    names, depth, start = [], 0, 0
    for index, character in enumerate(author):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth == 0 and author.startswith(" and ", index):
            names.append(author[start:index])
            start = index + 5
    names.append(author[start:])
    return [name.strip() for name in names if name.strip()]


def first_author(author: str) -> tuple[str, bool]:
    """The first name of a BibTeX name list, as text, and whether it is an organisation (braced whole)."""
    names = split_names(author)
    if not names:
        return "", False
    first = names[0]
    corporate = first.startswith("{") and first.endswith("}")
    return decode(first), corporate


def first_author_word(author: str, bodies: Bodies | None = None) -> str:
    """'Maruna, S. and LeBel, T.' -> 'maruna'; '{HM Inspectorate of Prisons}' -> 'hm', or with
    `bodies` the body's key ('hmiprisons'), whichever of its names the citation used ('{HMIP}')."""
    first, corporate = first_author(author)
    body = bodies.find(first) if bodies is not None and first else None
    if body is not None:
        return body.key or "-".join(normal_words(body.name))
    family = first if corporate else first.split(",")[0] if "," in first else (first.split() or [""])[-1]
    words = normal_words(family)
    return words[0] if words else "anon"


@dataclass
class _Entry:
    """A work being assembled: its fields, where they came from, who cites it."""

    key: str
    entry_type: str
    fields: dict[str, str]
    cited_by: list[CitedBy] = field(default_factory=list)
    bodies: Bodies | None = field(default=None, repr=False, compare=False)  # who names one body
    year_assumed: bool = False  # a citation that gave no year of its own matches any year

    @property
    def year(self) -> str:
        return "" if self.year_assumed else self.fields.get("date", "")[:4]

    @cached_property
    def signals(self) -> tuple[str, str, tuple[str, str], str]:
        """What matching compares; cached, and forgotten whenever a field is added."""
        return (
            self.fields.get("doi", "").lower(),
            url_identity(self.fields.get("url", "")),
            (first_author_word(self.fields.get("author", ""), self.bodies), self.year),
            normal_title(decode(self.fields.get("title", ""))),
        )


def name_list(names: Sequence[str]) -> str:
    """Names as a citation gives them ('Maruna, S.', '{HM Inspectorate}') -> a BibTeX name list."""
    encoded = [
        "{" + encode(name[1:-1]) + "}" if name.startswith("{") and name.endswith("}") else encode(name)
        for name in names
    ]
    return " and ".join(encoded)


def citation_fields(citation: Citation) -> tuple[str, dict[str, str]]:
    """A citation's biblatex type and fields as BibTeX values: text escaped, addresses made safe to
    write verbatim, names as name lists."""
    kind, fields = biblatex.entry_of(citation)
    values = {}
    for name, value in fields.items():
        if name in ("author", "editor"):
            values[name] = name_list(split_names(value))
        elif name in ("url", "doi"):
            values[name] = encode_url(value)
        else:
            values[name] = encode(value)
    return kind, values


def same_work(entry: _Entry, candidate: _Entry) -> bool:
    doi_a, url_a, who_a, title_a = entry.signals
    doi_b, url_b, who_b, title_b = candidate.signals
    if doi_a and doi_b:
        return doi_a == doi_b
    if url_a and url_b:
        return url_a == url_b and (who_a[1] == who_b[1] or not who_a[1] or not who_b[1])
    if who_a != who_b or not title_a or not title_b:
        return False
    return same_title(title_a, title_b)


def same_title(title_a: str, title_b: str) -> bool:
    """Normalised titles of one work: equal, one with its subtitle left off, or differing only by typos.

    Every word one title has and the other lacks must pair with a word of the
    other that is nearly the same (`TYPO_SIMILARITY`), and words with digits
    must agree exactly: "... services in Leeds" and "... in Bradford", or
    "Annual report 2013" and "... 2014", are different works."""
    if title_a == title_b or title_a.replace(" ", "") == title_b.replace(" ", ""):
        return True
    shorter, longer = sorted((title_a, title_b), key=len)
    if len(shorter.split()) >= 2 and longer.startswith(shorter + " "):
        return True  # the same title, once with its subtitle
    only_a = list((Counter(title_a.split()) - Counter(title_b.split())).elements())
    only_b = list((Counter(title_b.split()) - Counter(title_a.split())).elements())
    if len(only_a) != len(only_b) or len(only_a) > max(1, len(title_a.split()) // 4):
        return False
    for word in only_a:
        twin = max(only_b, key=lambda other: (Levenshtein.normalized_similarity(word, other), other))
        if (
            any(c.isdigit() for c in word + twin)
            or Levenshtein.normalized_similarity(word, twin) < TYPO_SIMILARITY
        ):
            return False
        only_b.remove(twin)
    return True


def closeness(entry: _Entry, candidate: _Entry) -> tuple[int, int, float]:
    """How alike two matching entries are: same DOI, same address, then title similarity."""
    doi_a, url_a, _, title_a = entry.signals
    doi_b, url_b, _, title_b = candidate.signals
    similarity = difflib.SequenceMatcher(None, title_a, title_b).ratio() if title_a and title_b else 0.0
    return (int(bool(doi_a) and doi_a == doi_b), int(bool(url_a) and url_a == url_b), similarity)


class WorkIndex:
    """Entries findable by DOI, URL and (first author, year), so matching is not a double loop."""

    def __init__(self, bodies: Bodies = NO_BODIES) -> None:
        self.entries: dict[str, _Entry] = {}
        self.keys = KeyAllocator()
        self.bodies = bodies
        self._by_signal: dict[object, list[_Entry]] = defaultdict(list)
        self._indexed: set[tuple[object, str]] = set()  # (signal, key) pairs already listed
        # set once a citation made an entry or gave one a field: the entries are no longer only
        # those the index started with (references.bib's)
        self.changed = False
        self.citing: list[tuple[str, CitedBy]] = []  # every citation added to an entry, in order

    def cite(self, entry: _Entry, cited_by: CitedBy) -> None:
        entry.cited_by.append(cited_by)
        self.citing.append((entry.key, cited_by))

    def add(self, entry: _Entry) -> None:
        """Index an entry, or index it again after it gained fields (a URL, say)."""
        self.entries[entry.key] = entry
        self.keys.take(entry.key)
        doi, url, who, _ = entry.signals
        for signal in (("doi", doi), ("url", url), ("who", who)):
            if signal[1] and signal[1] != ("anon", "") and (signal, entry.key) not in self._indexed:
                self._indexed.add((signal, entry.key))
                self._by_signal[signal].append(entry)

    def find(self, candidate: _Entry) -> _Entry | None:
        """The entry this citation is, if any: the closest of those that match, so that a second
        run over the same notes, with every entry known from the start, finds the same ones."""
        doi, url, who, _ = candidate.signals
        matches: dict[str, _Entry] = {}
        for signal in (("doi", doi), ("url", url), ("who", who)):
            for entry in self._by_signal.get(signal, []):
                if entry.key not in matches and same_work(entry, candidate):
                    matches[entry.key] = entry
        if len(matches) < 2:
            return next(iter(matches.values()), None)  # nothing to rank
        return max(matches.values(), key=lambda entry: (closeness(entry, candidate), entry.key))

    def find_by_author(self, candidate: _Entry) -> _Entry | None:
        """The one entry with this first author and year, if there is exactly one."""
        found = self._by_signal.get(("who", candidate.signals[2]), [])
        return found[0] if len(found) == 1 and candidate.signals[2][1] else None

    def new_key(self, fields: Mapping[str, str]) -> str:
        """'clinks2011dustsettles': first author, year, significant title words; unique (keys.py)."""
        author, corporate = first_author(fields.get("author", ""))
        if not author and fields.get("url"):  # a page cited by its address: the site is its author
            author, corporate = normal_url(fields["url"]).split("/")[0].split(".")[0], True
        year = fields.get("date", "")[:4]
        title = decode(fields.get("title", "")) or normal_url(decode(fields.get("url", "")))
        return self.keys.allocate(key_stem(author, corporate, year, title, self.bodies))


SENTENCE_END = re.compile(r"(?<=[.!?])['’\"”)]*\s+(?=[A-Z‘'\"“(])")
HERE = "\uf8ff"  # a private-use character standing for the note's own marker


def marker_blocks(blocks: Sequence[Block]) -> dict[int, Block]:
    """Each note number -> the first block whose text carries its marker."""
    found: dict[int, Block] = {}
    for block in blocks:
        for part in block.parts:
            if isinstance(part, NoteRef):
                found.setdefault(part.number, block)
    return found


def supported_sentence(block: Block | None, number: int) -> str:
    """The whole sentence in which the note's marker stands, without any marker."""
    if block is None:
        return ""
    text = "".join(p if isinstance(p, str) else HERE if p.number == number else "" for p in block.parts)
    for sentence in SENTENCE_END.split(text):
        if HERE in sentence:
            return " ".join(sentence.replace(HERE, "").split())
    return ""


Signals = tuple[str, str, tuple[str, str], str]


@dataclass(frozen=True)
class PreparedCitation:
    """What matching needs of one citation, worked out from it alone."""

    kind: str
    fields: tuple[tuple[str, str], ...]
    signals: Signals


@dataclass(frozen=True)
class PreparedPage:
    """What the bibliography needs of one page that depends on the page alone: each citation's
    fields and signals (by the note's place among the page's notes and the citation's in the note),
    each note's supported sentence (by note number).
    Worked out where the page is built (in a worker, and kept in the page cache), so that adding
    the page to the bibliography is only matching."""

    citations: Mapping[tuple[int, int], PreparedCitation]
    sentences: Mapping[int, str]


def prepare_citation(citation: Citation, bodies: Bodies = NO_BODIES) -> PreparedCitation:
    kind, fields = citation_fields(citation)
    signals = _Entry("", kind, fields, bodies=bodies, year_assumed=citation.year_assumed).signals
    return PreparedCitation(kind, tuple(fields.items()), signals)


def prepare_page(page: ResponsePage, bodies: Bodies = NO_BODIES) -> PreparedPage:
    """`bodies` must be the ones the bibliography is built with (they decide who an author is)."""
    blocks = marker_blocks(page.body)
    citations = {
        (position, place): prepare_citation(citation, bodies)
        for position, note in enumerate(page.notes)
        for place, citation in enumerate(note.citations)
    }
    sentences = {note.number: supported_sentence(blocks.get(note.number), note.number) for note in page.notes}
    return PreparedPage(citations, sentences)


def _cite(index: WorkIndex, citation: Citation, prepared: PreparedCitation, cited_by: CitedBy) -> str | None:
    """The key of the entry a citation is (made if new); None for a short citation ("Maruna (2001)")
    that matches no single entry: it names no work well enough to make one."""
    candidate = _Entry(
        "", prepared.kind, dict(prepared.fields), bodies=index.bodies, year_assumed=citation.year_assumed
    )
    candidate.__dict__["signals"] = prepared.signals  # as the cached property would find them
    if not citation.title and not citation.url and not citation.doi:
        entry = index.find_by_author(candidate)
        if entry is None:
            return None
        index.cite(entry, replace(cited_by, pin=citation.pin))
        return entry.key
    entry = index.find(candidate)
    if entry is None:
        # As a new entry it holds its assumed year as read back from references.bib will.
        entry = replace(candidate, key=index.new_key(candidate.fields), year_assumed=False)
        index.add(entry)
        index.changed = True
    else:
        # A later citation may add a URL or a date; a field already there,
        # perhaps corrected by hand in references.bib, is never replaced.
        allowed = biblatex.ALLOWED.get(entry.entry_type, frozenset(candidate.fields))
        added = {k: v for k, v in candidate.fields.items() if k not in entry.fields and k in allowed}
        if added:
            entry.fields.update(added)
            entry.__dict__.pop("signals", None)
            index.add(entry)
            index.changed = True
    index.cite(entry, replace(cited_by, pin=citation.pin))
    return entry.key


def _note_keys(
    index: WorkIndex,
    page: ResponsePage,
    position: int,
    earlier: Mapping[int, tuple[str, ...]],
    prepared: PreparedPage,
) -> tuple[str, ...]:
    """The entries one note cites: pinned in front matter, repeated (ibid), or parsed."""
    meta, note = page.source.metadata, page.notes[position]
    cited_by = CitedBy(page.source.slug, meta.title, meta.date, note.number, prepared.sentences[note.number])
    pinned = meta.citations.get(note.number)
    if pinned is None and note.refers_to is None:
        found = (
            _cite(index, citation, prepared.citations[(position, place)], cited_by)
            for place, citation in enumerate(note.citations)
        )
        return tuple(dict.fromkeys(key for key in found if key is not None))
    keys = pinned if pinned is not None else earlier.get(note.refers_to or 0, ())
    for key in keys:
        if key in index.entries:
            index.cite(index.entries[key], cited_by)
    return keys


@dataclass(frozen=True)
class PageResolution:
    """What adding one page did to a bibliography that it left as it found it (no entry made, no
    field added): the keys each of its notes cites (in the notes' order), the citations it added to
    entries (in order), and the problems it reported. Given the same entries to start from (the
    same references.bib and bodies) and the same page, adding the page again does just this."""

    note_keys: tuple[tuple[int, tuple[str, ...]], ...]
    citing: tuple[tuple[str, CitedBy], ...]
    diagnostics: tuple[Diagnostic, ...]


class BibliographyBuilder:
    """The bibliography, built a page at a time (so it can grow while other pages are still parsed).

    Pages must come in slug order: new keys depend on which works came first. While no page has
    made an entry or added a field, every page meets the entries references.bib gave, so what a
    page did in an earlier run with the same references.bib can be done again without matching
    (`replay`)."""

    def __init__(
        self,
        curated: Iterable[tuple[str, str, dict[str, str]]],
        report: Report,
        bodies: Bodies = NO_BODIES,
    ) -> None:
        self.index = WorkIndex(bodies)
        for key, entry_type, fields in curated:
            self.index.add(_Entry(key, entry_type, dict(fields), bodies=bodies))
        self.note_keys: dict[tuple[str, int], tuple[str, ...]] = {}
        self.report = report

    def add(self, page: ResponsePage, prepared: PreparedPage | None = None) -> PageResolution | None:
        """Add one page's citations; `prepared` is prepare_page(page), when it was worked out already.
        What the page did, if it left the entries as references.bib gave them (for `replay`)."""
        earlier: dict[int, tuple[str, ...]] = {}
        prepared = prepared or prepare_page(page, self.index.bodies)
        unchanged, reported = not self.index.changed, len(self.report.diagnostics)
        self.index.citing = []
        note_keys = []
        for position, note in enumerate(page.notes):
            keys = earlier[note.number] = _note_keys(self.index, page, position, earlier, prepared)
            self.note_keys[(page.source.slug, note.number)] = keys
            note_keys.append((note.number, keys))
            for key in keys:
                if key not in self.index.entries:
                    self.report.add(
                        "bibliography.unknown-key",
                        Severity.ERROR,
                        Location(page.source.path, note.line),
                        f"note {note.number} is pinned to '{key}', which is not in references.bib",
                        "use a key that references.bib has, or remove the pin from the front matter",
                    )
        if not unchanged or self.index.changed:
            return None
        diagnostics = tuple(self.report.diagnostics[reported:])
        return PageResolution(tuple(note_keys), tuple(self.index.citing), diagnostics)

    def replay(self, slug: str, resolution: PageResolution) -> bool:
        """Do again what adding a page did in an earlier run (`add`'s result), if the entries are
        still those references.bib gave; False (and nothing done) if they are not."""
        if self.index.changed:
            return False
        for number, keys in resolution.note_keys:
            self.note_keys[(slug, number)] = keys
        for key, cited_by in resolution.citing:
            self.index.entries[key].cited_by.append(cited_by)
        self.report.extend(resolution.diagnostics)
        return True

    def report_probable_duplicates(self, path: str) -> None:
        """Say which cited entries are probably one work (`probable_duplicates`), with both keys."""
        report_probable_duplicates(self.index.entries.values(), self.report, path)

    def bibliography(self) -> Bibliography:
        entries = sorted(self.index.entries.items())
        return Bibliography(tuple(_work(entry) for _, entry in entries if entry.cited_by), self.note_keys)


PROBABLY_SAME_TITLE = 80  # rapidfuzz token_sort_ratio of two titles by one author in one year
PROBABLY_SAME_WORDS = 90  # or token_set_ratio (one title's words nearly all in the other's) ...
PROBABLY_SAME_LENGTH = 3  # ... when the shorter has at least this many significant words
SAME_TITLE_AT_TWO_ADDRESSES = 95  # two addresses are two documents unless the titles are nearly one


def alike_titles(title_a: str, title_b: str) -> bool:
    """Normalised titles alike enough to ask a curator: 'young adults in custody' and 'young adults
    leaving custody: a review'. Titles that differ only by words swapped one for one are a series
    ('... services in Leeds', '... in Bradford'; 'women in prison', 'men in prison'), not one work."""
    from rapidfuzz import fuzz

    words_a, words_b = Counter(title_a.split()), Counter(title_b.split())
    if sum(words_a.values()) == sum(words_b.values()) and words_a != words_b:
        return False
    if fuzz.token_sort_ratio(title_a, title_b) >= PROBABLY_SAME_TITLE:
        return True
    shorter = min(len(title_a.split()), len(title_b.split()))
    return shorter >= PROBABLY_SAME_LENGTH and fuzz.token_set_ratio(title_a, title_b) >= PROBABLY_SAME_WORDS


@dataclass(frozen=True)
class ProbableDuplicate:
    """Two entries that are probably one work, and why; not merged because the evidence is short."""

    first: str
    second: str
    reason: str


def _digits(title: str) -> set[str]:
    return set(re.findall(r"\d+", title))


def _pairs(block: Sequence[_Entry]) -> Iterator[tuple[_Entry, _Entry]]:
    for index, first in enumerate(block):
        for second in block[index + 1 :]:
            yield first, second


def _alike_by_one_author(first: _Entry, second: _Entry) -> bool:
    from rapidfuzz import fuzz

    title_a, title_b = first.signals[3], second.signals[3]
    if _digits(title_a) != _digits(title_b) or same_work(first, second):
        return False
    url_a, url_b = first.signals[1], second.signals[1]
    if url_a and url_b and url_a != url_b:
        return fuzz.token_sort_ratio(title_a, title_b) >= SAME_TITLE_AT_TWO_ADDRESSES
    return alike_titles(title_a, title_b)


def _one_title_two_authors(first: _Entry, second: _Entry) -> bool:
    (_, year_a), (_, year_b) = first.signals[2], second.signals[2]
    return year_a == year_b and first.signals[2] != second.signals[2] and len(first.signals[3].split()) >= 3


def probable_duplicates(
    entries: Iterable[_Entry], cited: Collection[str] | None = None
) -> list[ProbableDuplicate]:
    """Pairs of cited entries that are probably one work: by one author in one year with titles
    alike but not alike enough for `same_title`, or with the same title and year but authors
    written so differently that they did not match. Titles whose numbers differ (a series'
    volumes, years or places) are never paired.

    Entries are compared only within a block that shares an author and year, or a title, so the
    cost follows the size of the blocks, not the square of the library."""
    chosen = [e for e in entries if (e.key in cited if cited is not None else e.cited_by) and e.signals[3]]
    by_author: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    by_title: dict[str, list[_Entry]] = defaultdict(list)
    for entry in chosen:
        who = entry.signals[2]
        if who[0] != "anon" and who[1]:
            by_author[who].append(entry)
        by_title[entry.signals[3]].append(entry)
    found: dict[tuple[str, str], str] = {}
    for (author, year), block in by_author.items():
        for first, second in _pairs(block):
            if _alike_by_one_author(first, second):
                pair = (min(first.key, second.key), max(first.key, second.key))
                found.setdefault(pair, f"one author ({author}), one year ({year}) and alike titles")
    for block in by_title.values():
        for first, second in _pairs(block):
            if _one_title_two_authors(first, second):
                pair = (min(first.key, second.key), max(first.key, second.key))
                found.setdefault(pair, "the same title and year, with authors written differently")
    return [ProbableDuplicate(a, b, reason) for (a, b), reason in sorted(found.items())]


def report_probable_duplicates(
    entries: Iterable[_Entry], report: Report, path: str, cited: Collection[str] | None = None
) -> None:
    """`cited`: the keys of the entries cited, when the entries' own `cited_by` do not say."""
    for pair in probable_duplicates(entries, cited):
        report.add(
            "bibliography.possible-duplicate",
            Severity.INFO,
            Location(path),
            f"'{pair.first}' and '{pair.second}' are probably one work: {pair.reason}",
            f"if they are, pin the notes that cite '{pair.second}' to '{pair.first}' with `citations:` in "
            f"their sources' front matter and delete '{pair.second}' from {path}; if not, leave both",
        )


def build_bibliography(
    pages: Iterable[ResponsePage],
    curated: Iterable[tuple[str, str, dict[str, str]]],
    report: Report,
    bodies: Bodies = NO_BODIES,
) -> Bibliography:
    """Pages in slug order, plus entries read from references.bib -> the bibliography."""
    builder = BibliographyBuilder(curated, report, bodies)
    for page in pages:
        builder.add(page)
    return builder.bibliography()


def _work(entry: _Entry) -> Work:
    ordered = [(name, entry.fields[name]) for name in FIELD_ORDER if entry.fields.get(name)]
    extra = sorted((k, v) for k, v in entry.fields.items() if k not in FIELD_ORDER and v)
    return Work(entry.key, entry.entry_type, (*ordered, *extra), tuple(entry.cited_by))


# --- references.bib in and out ------------------------------------------------


def bibtex_entry(entry_type: str, key: str, fields: Iterable[tuple[str, str]]) -> str:
    """One entry as BibTeX text, for pages to show: the fields (BibTeX values) in the order given."""
    lines = [f"  {name} = {{{value}}}" for name, value in fields]
    return f"@{entry_type}{{{key},\n" + ",\n".join(lines) + "\n}"


def parse_bib(text: str, path: str, report: Report) -> list[tuple[str, str, dict[str, str]]]:
    """Entries of a hand-kept references.bib, values as BibTeX text; syntax errors and duplicate keys
    reported with their line."""
    from bibtexparser import parse_string  # type: ignore[attr-defined]
    from bibtexparser.model import DuplicateBlockKeyBlock

    library = parse_string(text)
    for block in library.failed_blocks:
        duplicate = isinstance(block, DuplicateBlockKeyBlock)
        report.add(
            "bibliography.duplicate-key" if duplicate else "bibliography.syntax",
            Severity.ERROR,
            Location(path, (block.start_line or 0) + 1),
            str(getattr(block, "error", "this entry could not be read")).split("\n")[0],
            "give each entry its own key"
            if duplicate
            else "mend the entry's braces and commas, or delete it",
            excerpt=(block.raw or "")[:200],
        )
    return [
        (
            entry.key,
            entry.entry_type.lower(),
            {f.key.lower(): str(f.value) for f in entry.fields},
        )
        for entry in library.entries
    ]


def bib_text(bibliography: Bibliography) -> str:
    """references.bib: entries by key, fields in a fixed order, values as they are (BibTeX text)."""
    from bibtexparser import write_string  # type: ignore[attr-defined]
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field
    from bibtexparser.writer import BibtexFormat

    library = Library()
    for work in bibliography.works:
        library.add(Entry(work.entry_type, work.key, [Field(name, value) for name, value in work.fields]))
    layout = BibtexFormat()  # type: ignore[no-untyped-call]
    layout.indent = "  "
    layout.block_separator = "\n"
    header = "% The library's shared bibliography: one entry per cited work.\n"
    header += "% Written by `evidence-library generate`; corrections made by hand are kept.\n\n"
    return header + write_string(library, bibtex_format=layout)
