"""The labels a note's tokens can take, and how a labelled note splits into works.

The label set is AnyStyle's (`author`, `title`, `date`, `journal`, ...) plus
three this library needs: `number` (a report's or paper's number: "HC 482",
"Cm 8619"), `prose` (words that belong to no cited work: "See also", a
sentence of comment, a whole note that cites nothing) and `accessed`-style
furniture, which AnyStyle already labels `note` ("Available at:", "[last
accessed 5.3.12]").

A note may cite several works. They are told apart by the labels alone:
prose between them, or a second author, title, URL or DOI where the work
being read already has one, starts the next work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

LABELS = (
    "author",
    "editor",
    "translator",
    "date",
    "title",
    "container-title",
    "journal",
    "collection-title",
    "volume",
    "number",
    "pages",
    "edition",
    "genre",
    "medium",
    "publisher",
    "location",
    "url",
    "doi",
    "isbn",
    "note",
    "citation-number",
    "prose",
)
# AnyStyle labels used too rarely to learn, folded into the nearest label we keep.
FOLDED = {"director": "author", "producer": "author", "source": "container-title", "dataset": "genre"}
PROSE = "prose"
# A work needs one of these, or an author and a date (a short citation, "Maruna (2001)").
IDENTIFYING = frozenset({"title", "url", "doi", "journal", "container-title"})
# What a work has once its title is behind it: a second title after these is another work's.
AFTER_TITLE = frozenset(
    {
        "journal",
        "container-title",
        "publisher",
        "url",
        "pages",
        "volume",
        "location",
        "note",
        "number",
        "genre",
    }
)


@dataclass(frozen=True)
class Span:
    """Consecutive tokens with one label, as text."""

    label: str
    text: str


# The end of an address broken over a line ('.../detail/2023-10-16/' 'hcws1060'), or its closing bracket.
OPEN_ADDRESS = re.compile(r"[/\-_=?&%~]$")
ADDRESS_PIECE = re.compile(r"^[\w.~%/\-=?&#+]*[\w/][\w.~%/\-=?&#+]*[>\])]?[.,;]?$|^[>\]][.,;]?$")
WORD = re.compile(r"^(?:[A-Za-z][a-z]*|\d+)[.,;:]?$")  # a word or a number ('12 March'): not an address's
# The start of an address, and one whose host is named ('http://x.org', 'www.x.org/'). A PDF that spaces an
# address after its dots and colons ('http: //www. humankinetics. com/…') leaves pieces before the host
# is named, and an address cannot end there.
SCHEME_PIECE = re.compile(r"^[(<\[]?(?:(?:https?|ftp):|www\d?\.)", re.IGNORECASE)
HOST_NAMED = re.compile(r"(?:^[(<\[]?|//|www\d?\.)(?!www\d?\.)[\w-]+(?:\.[\w-]+)+(?:[/:?#]|$)", re.IGNORECASE)
LONGEST_HOST = 255  # characters: past this, a piece is no part of a host (and the search stays bounded)
QUERY_PIECE = re.compile(r"^[a-z]+\?[\w.~%\-=&#+]*=")  # 'cfm?isbn=0736034625', after 'showproduct.'
# An address printed without its scheme, as MLA prints them: a lower-case host name and a path
# ('phw.nhs.wales/services-…', 'arxiv.org/abs/2402.07719v3.'). A top-level name of two letters or more
# keeps 'e.g./' out.
BARE_ADDRESS = re.compile(r"^[(<\[]?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/")
DOI_RESOLVER = re.compile(r"^[(<\[]?(?:https?://)?(?:dx\.)?doi\.org/", re.IGNORECASE)
RESOLVED_DOI = re.compile(DOI_RESOLVER.pattern + r"10\.", re.IGNORECASE)  # not 'doi.org/0.1002/…', a typo


def _hostless(address: str | None, before: str) -> str | None:
    """The address so far, from its scheme or 'www.', while its host is not named yet; else None."""
    if SCHEME_PIECE.match(before):
        address = before
    elif address is not None:
        address += before
    if address is None or len(address) > LONGEST_HOST or HOST_NAMED.search(address.rstrip(".")):
        return None
    return address


def _labels_after_addresses(labels: Sequence[str]) -> list[str]:
    """For each token, the label of the first token from it on that is not labelled an address
    ('note' if none), read once from the end."""
    after, following = [], "note"
    for label in reversed(labels):
        following = following if label == "url" else label
        after.append(following)
    return after[::-1]


def mend_addresses(tokens: Sequence[str], labels: Sequence[str]) -> list[str]:
    """The labels, with the rest of an address the model left out put back in it: a token after an
    address that ends open ('/', '-', '=') and that is a piece of one (no spaces, no plain word, no
    bracket opening), or a lone closing '>'; the pieces of an address a PDF spaced out after its dots
    ('http: //www. humankinetics. com/…') until its host is named; and a query after a dot
    ('showproduct. cfm?isbn=…'). And the other way: a token that starts an address ('http:', 'www.',
    or a host and a path printed without a scheme, 'arxiv.org/abs/…') is one, whatever the model called
    it, and a capitalised word after an address whose host is named is none ('…/netlogo/. Center for
    …'): it takes the label of what follows the address. Last, a DOI resolver's address is the DOI
    (`_resolved_dois`). A URL is unmistakable, so this needs no learning."""
    starts = [bool(SCHEME_PIECE.match(token) or BARE_ADDRESS.match(token)) for token in tokens]
    mended = [
        "url" if start and label not in ("url", "doi") else label
        for start, label in zip(starts, labels, strict=True)
    ]
    after_address = _labels_after_addresses(mended)
    bracketed = False  # the address being read opened with '<' or '['
    hostless: str | None = None  # the address being read, while its host is not named
    for index in range(1, len(tokens)):
        token, before = tokens[index], tokens[index - 1]
        if mended[index - 1] != "url":
            bracketed, hostless = False, None
            continue
        bracketed = bracketed or before.startswith(("<", "["))
        hostless = _hostless(hostless, before)
        if mended[index] == "url":
            if hostless is None and WORD.match(token) and token[0].isupper():
                mended[index] = after_address[index]
            continue
        if not ADDRESS_PIECE.match(token):
            continue
        if token[0] in ">]":
            mends = bracketed
        elif hostless is not None and before.endswith((".", ":")):  # hosts are printed lower-case
            mends = not token[0].isupper() and not token.startswith(("(", "<", "["))
        elif before.endswith(".") and QUERY_PIECE.match(token):
            mends = True
        else:
            mends = bool(OPEN_ADDRESS.search(before)) and not WORD.match(token)
        if mends:
            mended[index] = "url"
    return _resolved_dois(tokens, mended, starts)


def _resolved_dois(tokens: Sequence[str], labels: list[str], starts: Sequence[bool]) -> list[str]:
    """An address of a DOI resolver the model labelled an address ('https://doi.org/10.1787/…'), with
    the rest of it, is the DOI, up to the next address ('… https://www.oecd.org/…'): so an address
    after it is the work's URL, not a second work's."""
    resolving = False
    for index, token in enumerate(tokens):
        if labels[index] != "url":
            resolving = False
            continue
        if RESOLVED_DOI.match(token):
            resolving = True
        elif starts[index]:  # the token starts another address
            resolving = False
        if resolving:
            labels[index] = "doi"
    return labels


# A parliamentary committee's reference for a piece of written evidence: three capitals and four digits,
# printed as one token ('FPS0044', '(COR0094)'). Spaced ('DRU 0154') it is not told from a law report
# ('WLR 2093') or a publisher and year ('CUP 2015'), so that is left to the model.
EVIDENCE_REFERENCE = re.compile(r"^[(\[]?[A-Z]{3}\d{4}[)\]]?[.,;]?$")


def mend_evidence_references(tokens: Sequence[str], labels: Sequence[str]) -> list[str]:
    """The labels, with a written-evidence reference ('FPS0044') labelled the work's number, whatever
    the model called it: it is unmistakable, and a number is what it is in every labelled note."""
    pairs = zip(tokens, labels, strict=True)
    return ["number" if EVIDENCE_REFERENCE.match(token) else label for token, label in pairs]


# The courts of the United Kingdom's neutral citations ('[2013] UKSC 61', '[2017] EWCA Crim 123', '[2020] SC
# EDIN 12'), and the European Court of Human Rights' ('[2008] ECHR 143'): the court, not a law report.
NEUTRAL_COURTS = frozenset(
    {
        "uksc", "ukpc", "ukhl", "ewca", "ewhc", "ewfc", "ewcop", "ewcc", "ukut", "ukftt", "ukeat", "ukiptrib",
        "uksiac", "csoh", "csih", "hcjac", "sac", "sc", "nica", "niqb", "nich", "nifam", "nicc", "echr",
    }
)  # fmt: skip
BRACKETED_YEAR = re.compile(r"^\[\d{4}\][,;]?$")
LAW_REPORT_WORD = re.compile(r"^[A-Z][A-Za-z]*$")  # 'AC', 'QB', 'PTSR', 'Crim', 'LR', 'All', 'ER'
LAW_REPORT_PAGE = re.compile(r"^\d+[.,;]?$")


def _runs(labels: Sequence[str], label: str) -> Iterator[tuple[int, int]]:
    """Each run of tokens with this label: its first index and the index after its last."""
    index = 0
    while index < len(labels):
        if labels[index] != label:
            index += 1
            continue
        start = index
        while index < len(labels) and labels[index] == label:
            index += 1
        yield start, index


def mend_law_reports(tokens: Sequence[str], labels: Sequence[str]) -> list[str]:
    """The labels, with a law report the model read as a number labelled as one: after a year in square
    brackets, words and a page ('[2014] AC 1115', '[2016] PL 412') are the report series (`journal`)
    and its page (`pages`), as a neutral citation's court and number are not ('[2013] UKSC 61'). OSCOLA
    prints a case's neutral citation and then its law report, and the model, having read the first as
    a number, reads the second as one too."""
    mended = list(labels)
    for start, end in _runs(labels, "number"):
        if not start or labels[start - 1] != "date" or not BRACKETED_YEAR.match(tokens[start - 1]):
            continue
        page = start
        while page < end and LAW_REPORT_WORD.match(tokens[page]):
            page += 1
        if (
            start < page < end
            and LAW_REPORT_PAGE.match(tokens[page])
            and tokens[start].lower() not in NEUTRAL_COURTS
        ):
            mended[start:page] = ["journal"] * (page - start)
            mended[page] = "pages"
    return mended


# A prison or probation instruction, order or circular named by its number ('Prison Service Order 4800:',
# 'Probation Instruction 05/2014:', 'PSI 49/2011', 'PC 14/2007'), as the notes label it: the number.
INSTRUCTION = re.compile(
    r"^\*?(?:(?:Prison Service|Probation|Home Office|Placement)\s+(?:Instruction|Order|Circular)"
    r"|PSI|PSO|PI|PC(?=\s+\d+/))\s+(?:\([A-Z]+\)\s+)?\d+(?:/\d+)?[:,.]?$"
)
INSTRUCTION_START = re.compile(r"^\*?(?:Prison|Probation|Home|Placement|PSI|PSO|PI|PC)$")
LONGEST_INSTRUCTION = 5  # tokens: 'Prison Service Instruction (PSI) 08/2012'
BESIDE_TITLE = frozenset({"author", "number", "genre", "collection-title", "publisher"})


def _instruction_from(tokens: Sequence[str], start: int) -> int | None:
    """The index after an instruction's name that starts at `start`, if one does."""
    if not INSTRUCTION_START.match(tokens[start]):
        return None
    for stop in range(start + 1, min(len(tokens), start + LONGEST_INSTRUCTION) + 1):
        if INSTRUCTION.match(" ".join(tokens[start:stop])):
            return stop
    return None


def _names_the_instruction(labels: Sequence[str], start: int, stop: int) -> bool:
    """Whether the model's labels let an instruction's name at start:stop be the work's number: outside
    a title (read as the body, a number, a kind), or opening a title that goes on after it ('Prison
    Service Order 4800: Women Prisoners'; a title that is the name alone stays). Never in prose or
    inside a title ('A review of PSI 64/2011')."""
    window = labels[start:stop]
    if all(label in BESIDE_TITLE for label in window):
        return True
    first_title = start + window.index("title") if "title" in window else stop
    return (
        all(label in BESIDE_TITLE for label in labels[start:first_title])
        and all(label == "title" for label in labels[first_title:stop])
        and (first_title == 0 or labels[first_title - 1] != "title")
        and stop < len(labels)
        and labels[stop] == "title"
    )


def mend_instructions(tokens: Sequence[str], labels: Sequence[str]) -> list[str]:
    """The labels, with an instruction's name labelled the work's number wherever the model split it or
    read it into the body before it or the title after it ('HMPPS, PI 09/2015, *Pre-Release …*'). A body
    the model read into the number at the head of a work ('NOMS PSI 37/2010') is the work's author."""
    mended = list(labels)
    index = 0
    while index < len(tokens):
        stop = _instruction_from(tokens, index)
        if stop is None or not _names_the_instruction(mended, index, stop):
            index += 1
            continue
        first = index
        if tokens[index : index + 2] == ["Home", "Office"] and mended[index + 1] == "author":
            first += 2  # the body that issued a circular, read as the author, stays it (as the notes have it)
        mended[first:stop] = ["number"] * (stop - first)
        body = index
        while body > 0 and mended[body - 1] == "number" and not any(c.isdigit() for c in tokens[body - 1]):
            body -= 1
        if body < index and (body == 0 or mended[body - 1] == PROSE):
            mended[body:index] = ["author"] * (index - body)
        index = stop
    return mended


# A parliamentary paper's session and number, as OSCOLA prints them: '(HC 2017–19, 1869)', '(HL Paper
# 2023–24, 10)', 'Session 2010–12, HC519-I'. A number of four digits after the session looks like a year,
# and the model reads it into the session's date.
SESSION_YEARS = r"((?:1[89]|20)\d\d)\s*[–-]\s*(?:\d{2}|\d{4})"  # '2017–19', '2010-2012'; `fields` too
SESSION_TOKEN = re.compile(rf"^{SESSION_YEARS},$")  # a session as one token before a paper's number
HOUSE = re.compile(r"^\(?(?:HC|HL)$|^Paper$")  # '(HC', 'HL', 'HL Paper': the token before the session
PAPER_NUMBER = re.compile(r"^\d+(?:-[IVX]+)?\)?[.,;]?$")  # '1869)', '519-I,'
HOUSE_NUMBER = re.compile(r"^(?:HC|HL)\d+(?:-[IVX]+)?\)?[.,;]?$")  # 'HC519-I,': the house printed on


def mend_sessions(tokens: Sequence[str], labels: Sequence[str]) -> list[str]:
    """The labels, with a parliamentary paper's number the model read as a date labelled its number:
    the token after a session ('2017–19,') when the house came before the session ('(HC 2017–19,
    1869)') or is printed on the number ('Session 2010–12, HC519-I'). The session stays the date."""
    mended = list(labels)
    for index in range(1, len(tokens) - 1):
        after = index + 1
        if mended[after] != "date" or not SESSION_TOKEN.match(tokens[index]):
            continue
        house_before = HOUSE.match(tokens[index - 1]) is not None and mended[index - 1] == "number"
        if HOUSE_NUMBER.match(tokens[after]) or (house_before and PAPER_NUMBER.match(tokens[after])):
            mended[after] = "number"
    return mended


# Applied in this order; the address mends last, so that a token that starts an address is one whatever
# an earlier mend said.
LABEL_MENDS = (
    mend_evidence_references,
    mend_law_reports,
    mend_instructions,
    mend_sessions,
    mend_addresses,
)


def spans_of(tokens: Sequence[str], labels: Sequence[str]) -> list[Span]:
    """Labelled tokens -> spans: runs of one label, their tokens joined by single spaces (with the
    pieces of an address broken over a line kept together, `mend_addresses`, a written-evidence
    reference read as a number, `mend_evidence_references`, a law report read as a number,
    `mend_law_reports`, an instruction's number read into a title, `mend_instructions`, and a
    parliamentary paper's number read into its session, `mend_sessions`)."""
    spans: list[Span] = []
    mended = list(labels)
    for mend in LABEL_MENDS:
        mended = mend(tokens, mended)
    for token, label in zip(tokens, mended, strict=True):
        if spans and spans[-1].label == label:
            spans[-1] = Span(label, f"{spans[-1].text} {token}")
        else:
            spans.append(Span(label, token))
    return spans


def _starts_next_work(label: str, seen: set[str], previous: str) -> bool:
    """Does a span with this label begin another work, given the labels the current one has?

    A second author, URL or DOI does; a second title only once the first
    title's work has gone on to its container, publisher or address (an
    editor between them makes it the book a chapter is in). A citation
    number does not: it only ever opens a note, so one the model read inside
    a work ('In: Verwaltung und Management. 10. Jg.') is a number of that work."""
    if label == previous or not seen:
        return False
    if label == "author":
        return "author" in seen or {"title", "date"} <= seen
    if label == "title":
        return "title" in seen and "editor" not in seen and bool(seen & AFTER_TITLE)
    return label in ("url", "doi") and label in seen


def is_work(spans: Sequence[Span]) -> bool:
    labels = {span.label for span in spans}
    return bool(labels & IDENTIFYING) or {"author", "date"} <= labels


LEAD_IN_WORDS = 3


def _lead_ins_as_notes(spans: Iterable[Span]) -> list[Span]:
    """A second title of a few words ending in a colon, just before an address ('en ligne :',
    'Online:'), introduces the address, as 'Available at:' does: a note, not another work's title."""
    mended = list(spans)
    titled = False  # a title came before (one pass: a note may have thousands of spans)
    for index, span in enumerate(mended[:-1]):
        if (
            titled
            and span.label == "title"
            and mended[index + 1].label == "url"
            and span.text.endswith(":")
            and len(span.text.split()) <= LEAD_IN_WORDS
        ):
            mended[index] = Span("note", span.text)
        titled = titled or span.label == "title"
    return mended


def split_works(spans: Iterable[Span]) -> list[tuple[Span, ...]]:
    """A note's spans -> the spans of each work it cites, in order; prose belongs to none."""
    works: list[list[Span]] = []
    current: list[Span] = []
    seen: set[str] = set()
    previous = ""
    for span in _lead_ins_as_notes(spans):
        if span.label == PROSE or (current and _starts_next_work(span.label, seen, previous)):
            if current:
                works.append(current)
            current, seen = [], set()
        if span.label != PROSE:
            current.append(span)
            seen.add(span.label)
        previous = span.label
    if current:
        works.append(current)
    return [tuple(work) for work in works if is_work(work)]
