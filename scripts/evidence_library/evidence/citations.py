"""Citations stage: what each note cites.

* back-references: a note that says "Ibid." (or a typo of it, such as
  "ibic") or "op. cit." points at the note it repeats, keeping any page;
* works: a note's text -> zero, one or several citations with fields
  (authors, year, title, container, institution, URL, DOI), and its
  accessed date read day-first and checked against the response's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from evidence_library.diagnostics import Diagnostic, Location, Severity
from evidence_library.evidence.dates import as_date, read_date, response_end
from evidence_library.model import Citation, EntryType, Note

LEADING_WORD = re.compile(r"^\W*([A-Za-z]+)")
PAGE_ONLY = re.compile(r"^[.,;:]*\s*(?:(?:p|pp|page|para)\.?\s*)?[\divxlc\-–, ]*\.?$", re.IGNORECASE)
OP_CIT = re.compile(r"\bop\.?\s*cit\b\.?", re.IGNORECASE)
SURNAME = re.compile(r"^\W*([A-Z][A-Za-z'’-]+)")


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def is_ibid(text: str) -> bool:
    """'Ibid.', 'ibid', 'Ibid., p. 12', 'ibidem', and one-letter typos such as 'ibic'.

    A typo counts only when nothing but punctuation or a page follows it, so
    that 'Ibis Trust report' stays a citation."""
    match = LEADING_WORD.match(text)
    if not match:
        return False
    word = match.group(1).lower()
    if word in ("ibid", "ibidem"):
        return True
    rest = text[match.end() :].strip()
    return (
        word[:1] in "il"
        and len(word) in (3, 4, 5)
        and edit_distance(word, "ibid") <= 1
        and (not rest or bool(PAGE_ONLY.match(rest)))
    )


def _op_cit_target(note: Note, earlier: Sequence[Note]) -> int | None:
    surname = SURNAME.match(note.text)
    if not surname:
        return None
    for candidate in reversed(earlier):
        if candidate.refers_to is None and candidate.text.startswith(surname.group(1)):
            return candidate.number
    return None


def resolve_back_references(
    notes: Sequence[Note], path: str
) -> tuple[tuple[Note, ...], tuple[Diagnostic, ...]]:
    """Point ibid and op. cit. notes at the note they repeat (in reading order)."""
    resolved: list[Note] = []
    problems: list[Diagnostic] = []
    for note in notes:
        target: int | None = None
        if is_ibid(note.text):
            previous = resolved[-1] if resolved else None
            target = (previous.refers_to or previous.number) if previous else None
        elif OP_CIT.search(note.text):
            target = _op_cit_target(note, resolved)
        else:
            resolved.append(note)
            continue
        if target is None:
            problems.append(
                Diagnostic(
                    "citations.unresolved-back-reference",
                    Severity.WARNING,
                    Location(path, note.line),
                    f"note {note.number} repeats an earlier source, but none could be found",
                    "write the source out in full in this note",
                    excerpt=note.text,
                )
            )
        resolved.append(replace(note, refers_to=target))
    return tuple(resolved), tuple(problems)


# --- What a note cites -------------------------------------------------------

URL = re.compile(r"<?((?:https?://|www\.)[^\s<>\]]+?)>?(?=[\s\])]|[.,;]?$|[.,;]\s)")
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s<>\]]+?)(?=[.,;]?(?:\s|$))")
ACCESSED = re.compile(
    r"[\[(]?\s*(?:last\s+)?accessed(?:\s+on)?\s*:?\s*(?P<date>[^\]\)\[(]+?)\s*(?:[\])]|$)", re.IGNORECASE
)
HEAD = re.compile(
    r"^(?P<authors>[A-Z][^()]{0,200}?)[,.]?\s*\(?(?P<year>(?:19|20)\d{2})[a-z]?\)?[.,:]?\s+(?P<rest>\S.*)$"
)
PROSE_WORDS = re.compile(
    r"\b(?:is|are|was|were|would|will|we|our|see|has|have|note|monitoring)\b", re.IGNORECASE
)
QUOTED = re.compile(r"^['‘\"“](?P<title>.+?)['’\"”](?=\s|[.,]|$)\s*[.,]?\s*(?P<rest>.*)$")
ITALIC = re.compile(r"^\*(?P<title>[^*]+)\*\s*[.,]?\s*(?P<rest>.*)$")
PLAIN_TITLE = re.compile(r"^(?P<title>.+?)(?:\.\s+|\s+(?=(?:Online|Available)\b)|$)(?P<rest>.*)$")
IN_BOOK = re.compile(
    r"^in\s+(?P<editors>.+?)\s*\((?:eds?|Eds?)\.?\)\s*,?\s*(?:\*(?P<book>[^*]+)\*|(?P<plain>[^*.]+?))\s*"
    r"(?:,?\s*pp?\.\s*(?P<pages>\d+\s*[-–]\s*\d+))?(?:[.,]|\s|$)",
)
JOURNAL = re.compile(
    r"^\*?(?P<journal>[^*,]+?)\*?,\s*(?:vol\.\s*)?(?P<volume>\d+)(?:\s*\(\d+\))?,?\s*(?:pp?\.\s*(?P<pages>\d+\s*[-–]\s*\d+))?"
)
PUBLISHER = re.compile(r"\b(?P<place>[A-Z][a-z]+):\s*(?P<publisher>[A-Z][\w&' ]+?)(?:[.,]|$)")
SURNAME_INITIALS = re.compile(r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)*,\s*(?:[A-Z]\.\s?)*[A-Z]\b\.?")
FULL_NAME = re.compile(r"^[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){1,2}$")


def clean_url(url: str) -> str:
    url = url.rstrip(".,;")
    return url if url.startswith("http") else "http://" + url


def names(authors: str) -> tuple[str, ...]:
    """'Maruna, S. and LeBel, T.' -> people; 'HM Inspectorate of Prisons' -> one corporate name."""
    text = authors.strip().rstrip(",").strip()
    others = bool(re.search(r"\bet\.?\s*al\b", text))
    text = re.sub(r",?\s*\bet\.?\s*al\b\.?", "", text)
    people = [n.strip().rstrip(",") for n in SURNAME_INITIALS.findall(text)]
    if not people:
        parts = [p.strip() for p in re.split(r",\s*|\s+&\s+|\s+and\s+", text) if p.strip()]
        if len(parts) >= 2 and all(FULL_NAME.match(p) for p in parts):
            people = parts
    if not people:
        return ("{" + text.rstrip(".") + "}",)
    return (*people, *(["others"] if others else []))


def _split_title(rest: str) -> tuple[str, str, bool]:
    """(title, what follows, quoted?): a quoted title is a chapter or an article."""
    for pattern, quoted in ((QUOTED, True), (ITALIC, False), (PLAIN_TITLE, False)):
        if match := pattern.match(rest):
            return match.group("title").strip().rstrip("."), match.group("rest").strip(), quoted
    return rest.strip(), "", False


def _container(after: str, quoted: bool, corporate: bool, has_url: bool) -> dict[str, object]:
    if quoted and (book := IN_BOOK.match(after)):
        return {
            "entry_type": EntryType.INCOLLECTION,
            "editors": names(book.group("editors")),
            "container": (book.group("book") or book.group("plain")).strip(),
            "pages": (book.group("pages") or "").replace(" ", "").replace("–", "-"),
        }
    if quoted and (journal := JOURNAL.match(after)):
        return {
            "entry_type": EntryType.ARTICLE,
            "container": journal.group("journal").strip(),
            "volume": journal.group("volume"),
            "pages": (journal.group("pages") or "").replace(" ", "").replace("–", "-"),
        }
    if corporate:
        return {"entry_type": EntryType.REPORT}
    if publisher := PUBLISHER.search(after):
        return {"entry_type": EntryType.BOOK, "publisher": publisher.group("publisher").strip()}
    return {"entry_type": EntryType.ONLINE if has_url else EntryType.BOOK}


def parse_segment(text: str) -> Citation | None:
    """One cited work from a piece of note text, or None if it is prose."""
    url = URL.search(text)
    doi = DOI.search(text)
    head = HEAD.match(text.strip())
    if head and not PROSE_WORDS.search(head.group("authors")) and len(head.group("authors").split()) <= 20:
        authors = names(head.group("authors"))
        title, after, quoted = _split_title(head.group("rest"))
        corporate = authors[0].startswith("{")
        shape = _container(after, quoted, corporate, url is not None)
        return Citation(
            authors=authors,
            year=head.group("year"),
            title=title,
            institution=authors[0].strip("{}") if shape["entry_type"] is EntryType.REPORT else "",
            url=clean_url(url.group(1)) if url else "",
            doi=doi.group(1) if doi else "",
            **shape,  # type: ignore[arg-type]
        )
    if url:
        return _web_page(clean_url(url.group(1)))
    return None


def _web_page(url: str) -> Citation:
    """A note that only points at a web page: the site is its author and its address its title."""
    host = re.sub(r"^https?://(?:www\.)?", "", url).split("/")[0]
    path = re.sub(r"^https?://[^/]+/?", "", url).rstrip("/")
    title = f"{host}/{path}" if path else host
    return Citation(EntryType.ONLINE, ("{" + host + "}",), "", title, url=url)


def parse_note(text: str) -> tuple[Citation, ...]:
    """Zero, one or several works from a note's text (several are separated by ';')."""
    segments = [s.strip() for s in re.split(r";\s+(?=[A-Z])", text)] if ";" in text else [text]
    parsed = [parse_segment(segment) for segment in segments]
    if len(segments) > 1 and sum(1 for p in parsed if p and p.year) < 2:
        parsed = [parse_segment(text)]  # a ';' inside one citation, not between two
    return tuple(p for p in parsed if p is not None)


def accessed_date(note: Note, path: str, response_date: str) -> tuple[str, list[Diagnostic]]:
    """The note's 'last accessed' date as ISO, read day-first; checked against the response's date.

    A date that only makes sense with day and month swapped (3.5.2012 in a
    response of March 2012) is read that way, and said so."""
    match = ACCESSED.search(note.text)
    parts = read_date(match.group("date")) if match else None
    if match is None:
        return "", []
    where = Location(path, note.line)
    latest = response_end(response_date)
    day_first = as_date(parts) if parts else None
    if day_first and day_first <= latest:
        return day_first.isoformat(), []
    swapped = as_date((parts[0], parts[2], parts[1])) if parts else None
    if swapped and swapped <= latest:
        message = f"note {note.number}: accessed date '{match.group('date')}' read month-first as {swapped}"
        hint = (
            "it would fall after the response's date when read day-first; correct the note if that is wrong"
        )
        return swapped.isoformat(), [
            Diagnostic("citations.date-swapped", Severity.INFO, where, message, hint)
        ]
    problem = "is not a real date" if day_first is None else f"is after the response's date ({response_date})"
    return "", [
        Diagnostic(
            "citations.bad-date",
            Severity.WARNING,
            where,
            f"note {note.number}: accessed date '{match.group('date')}' {problem}",
            "correct the date in the note, e.g. [last accessed 5.3.2012] (day first)",
            excerpt=note.text,
        )
    ]


def _dated(citation: Citation, urldate: str, response_date: str) -> Citation:
    """Give a web page its accessed date; one cited with no date at all is dated
    by the response that cites it (biblatex needs a date for every entry)."""
    if urldate and citation.url:
        citation = replace(citation, urldate=urldate)
    if not citation.year:
        citation = replace(citation, year=(citation.urldate or response_date)[:4])
    return citation


def cite_notes(
    notes: Sequence[Note], path: str, response_date: str
) -> tuple[tuple[Note, ...], list[Diagnostic]]:
    """Each note with the works it cites and their accessed date."""
    cited = []
    problems: list[Diagnostic] = []
    for note in notes:
        if note.refers_to is not None:
            cited.append(note)
            continue
        urldate, found = accessed_date(note, path, response_date)
        problems += found
        works = tuple(_dated(c, urldate, response_date) for c in parse_note(note.text))
        cited.append(replace(note, citations=works))
    return tuple(cited), problems
