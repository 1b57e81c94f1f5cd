"""Citations stage: what each note cites.

* back-references: a note that says "Ibid." (or a typo of it, such as
  "ibic") or "op. cit." points at the note it repeats, keeping any page;
* works: a note's text -> zero, one or several citations, read by the
  trained reference parser (`references/`); a short citation ("Maruna
  (2001), p. 45") is completed from the full one an earlier note gave; the
  accessed date is read day-first and checked against the response's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz.distance import Levenshtein

from evidence_library.diagnostics import Diagnostic, Location, Severity
from evidence_library.evidence.dates import as_date, read_date, response_end
from evidence_library.evidence.references.parser import ReferenceParser
from evidence_library.model import Citation, Note

LEADING_WORD = re.compile(r"^\W*([A-Za-z]+)")
PAGE_ONLY = re.compile(r"^[.,;:]*\s*(?:(?:p|pp|page|para)\.?\s*)?[\divxlc\-–, ]*\.?$", re.IGNORECASE)
OP_CIT = re.compile(r"\bop\.?\s*cit\b\.?", re.IGNORECASE)
SURNAME = re.compile(r"^\W*([A-Z][A-Za-z'’-]+)")


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
        and Levenshtein.distance(word, "ibid") <= 1
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

ACCESSED = re.compile(
    r"[\[(]?\s*(?:last\s+)?(?:accessed|viewed|retrieved|consulted)(?:\s+on)?\s*:?\s*"
    r"(?P<date>[^\]\)\[(]+?)\s*(?:[\])]|$|,\s*from\b)",
    re.IGNORECASE,
)


def is_short(citation: Citation) -> bool:
    """'Maruna (2001), p. 45': an author and a year, or an author and a title, and nothing else."""
    identifying = (citation.url, citation.doi, citation.container, citation.publisher, citation.institution)
    return bool(citation.authors) and not any(identifying) and (not citation.title or not citation.year)


def _same_author(a: Citation, b: Citation) -> bool:
    def family(c: Citation) -> str:
        return c.authors[0].strip("{}").split(",")[0].strip().lower() if c.authors else ""

    return bool(family(a)) and family(a) == family(b)


def resolve_short(citation: Citation, earlier: Sequence[Citation]) -> Citation:
    """A short citation -> the full one an earlier note of the response gave, keeping its own pin."""
    if not is_short(citation):
        return citation
    for full in reversed(earlier):
        if is_short(full) or not _same_author(citation, full):
            continue
        same_year = citation.year and citation.year == full.year
        same_title = citation.title and full.title.lower().startswith(citation.title.lower()[:30])
        if same_year or same_title:
            return replace(full, pin=citation.pin)
    return citation


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
    """Give a web page its accessed date; a web page cited with no date at all is dated by when it was
    read, or by the response that cites it (biblatex needs a date for every entry)."""
    if urldate and citation.url:
        citation = replace(citation, urldate=urldate)
    if not citation.year and citation.url:
        citation = replace(citation, year=(citation.urldate or response_date)[:4], year_assumed=True)
    return citation


def cite_notes(
    notes: Sequence[Note], path: str, response_date: str, parser: ReferenceParser
) -> tuple[tuple[Note, ...], list[Diagnostic]]:
    """Each note with the works it cites (short citations completed from earlier notes) and their
    accessed date."""
    cited = []
    earlier: list[Citation] = []
    problems: list[Diagnostic] = []
    for note in notes:
        if note.refers_to is not None:
            cited.append(note)
            continue
        urldate, found = accessed_date(note, path, response_date)
        problems += found
        works = [resolve_short(c, earlier) for c in parser.works(note.text)]
        earlier += works
        cited.append(replace(note, citations=tuple(_dated(c, urldate, response_date) for c in works)))
    return tuple(cited), problems
