"""The spans of one cited work -> a `Citation`: one small normaliser per field, then the entry type.

Normalisers, in order (as AnyStyle's): names (`names.py`), date, title,
container, volume and number, pages and pin, publisher and place, edition,
kind and series, address (URL, DOI, ISBN); then `entry_type` chooses the
biblatex type from the labels the work has and what its title says (an Act,
a case, a debate).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from evidence_library.evidence.references.labels import DOI_RESOLVER, SCHEME_PIECE, SESSION_YEARS, Span
from evidence_library.evidence.references.names import Names, parse_names
from evidence_library.model import Citation, EntryType

YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
MONTH_NAMES = (
    "jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
    "sep sept september", "oct october", "nov november", "dec december",
)  # fmt: skip
MONTHS = {name: number for number, names in enumerate(MONTH_NAMES, start=1) for name in names.split()}
DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
QUOTES = "'\"‘’“”«»*`"
EDGE_PUNCTUATION = " \t,;:."
RANGE = re.compile(r"((?:(?<![A-Za-z])e)?\d+)\s*[-–—]+\s*(e?\d+)")  # an e-journal's 'e150-6' keeps its e
VOLUME_ISSUE = re.compile(
    r"(?:vol(?:ume)?\.?\s*)?(\d+)\s*(?:\(\s*([\w/–-]+)\s*\)|,?\s*(?:no|issue|iss)\.?\s*(\d+))?", re.I
)
ORDINAL_EDITION = re.compile(r"(\d+)(?:st|nd|rd|th)?\s*(?:edn|ed|edition)?\b", re.IGNORECASE)
LEGISLATION = re.compile(
    r"\b(?:Act|Regulations|Rules|Order|Measure|Bill)\b(?:\s*\([^)]*\))?\s*(?:\d{4})?", re.I
)
CASE = re.compile(r"\S\s+v\.?\s+\S")
HANSARD = re.compile(r"^\s*(?:Hansard\b|H[CL]\s+Deb\b|Commons Hansard|Lords Hansard)", re.IGNORECASE)
STATUTORY_INSTRUMENT = re.compile(r"\bS\.?\s?I\.?\s*\d{4}\s*/\s*\d+", re.IGNORECASE)
THESIS = re.compile(r"\b(?:thesis|dissertation|phd|ph\.d|mphil|doctoral)\b", re.IGNORECASE)
REPORT_KIND = re.compile(
    r"\b(?:report|briefing|paper|summary|bulletin|review|strategy|guidance|findings|study|statistics|"
    r"evidence|consultation|response|framework|plan|factsheet|toolkit|evaluation|series|instruction|notice)\b",
    re.IGNORECASE,
)
DOI_ADDRESS = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.IGNORECASE)
DOI_PREFIX = re.compile(r"^(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
PIN_WORDS = re.compile(
    r"^(?:p|pp|page|pages|para|paras|paragraph|col|cols|s|ss|sch|ch|chapter|at|fn)\b", re.I
)


@dataclass(frozen=True)
class WorkSpans:
    """The text of one work's spans, by label, in order."""

    spans: tuple[Span, ...]

    def all(self, label: str) -> list[str]:
        return [s.text for s in self.spans if s.label == label]

    def first(self, label: str) -> str:
        return next((s.text for s in self.spans if s.label == label), "")

    def joined(self, label: str) -> str:
        return " ".join(self.all(label))

    def has(self, label: str) -> bool:
        return any(s.label == label for s in self.spans)


def trim(text: str) -> str:
    """Without surrounding quotes, italics stars, brackets left open and edge punctuation."""
    text = text.strip(EDGE_PUNCTUATION)
    for _ in range(3):
        before = text
        text = text.strip(QUOTES).strip(EDGE_PUNCTUATION)
        for opening, closing in (("(", ")"), ("[", "]"), ("<", ">")):
            if text.startswith(opening) and closing not in text:
                text = text[1:]
            if text.endswith(closing) and opening not in text:
                text = text[:-1]
            if text.startswith(opening) and text.endswith(closing):
                text = text[1:-1]
        if text == before:
            break
    return text.strip()


# Italics or quotes that open a title and close before it ends, then punctuation or a bracket.
ITALIC_OR_QUOTED = re.compile(
    r"^([*‘“\"])(?=\S)(.+?(?:[.,?!]|\S(?=[*’”\"](?:[.,;:]+\s|\s+[(\[]))))([*’”\"])[.,;:]*\s+\S"
)
CLOSING = {"*": "*", "‘": "’", "“": "”", '"': '"'}


# Quotes that nest or take two characters: LaTeX's ``…'', French guillemets « … » and German » … «.
PAIRED_QUOTES = (("``", "''"), ("«", "»"), ("»", "«"))


def _paired_quote(text: str) -> str | None:
    """'``Title,'' Conf. Rec.' -> 'Title,': the words inside quotes of PAIRED_QUOTES that open the
    title and close before it ends (nested ones counted), or None."""
    for opening, closing in PAIRED_QUOTES:
        if not text.startswith(opening):
            continue
        depth, at = 0, 0
        while at < len(text):
            if text.startswith(opening, at):
                depth, at = depth + 1, at + len(opening)
            elif text.startswith(closing, at):
                depth, at = depth - 1, at + len(closing)
                if depth == 0:
                    rest = text[at:]
                    return text[len(opening) : at - len(closing)] if rest.strip(EDGE_PUNCTUATION) else None
            else:
                at += 1
    return None


# A description printed in square brackets after a title ('[Motion picture]', '[Internet]', '[Doctoral
# dissertation, Yale University]', '[Tese de doutorado, …]'): its first word, lower-case. Not the title's.
# fmt: off
DESCRIPTION_WORDS = frozenset({
    "internet", "online", "pdf", "electronic", "ebook", "e-book", "motion", "film", "video", "audio",
    "podcast", "television", "tv", "radio", "brochure", "data", "dataset", "computer", "software",
    "doctoral", "master's", "masters", "phd", "dissertation", "thesis", "tese", "tesis", "thèse",
    "dissertação", "report", "press", "editorial", "letter", "poster", "slides", "lecture", "webinar",
    "blog", "tweet", "web", "webpage", "cd-rom", "dvd", "map", "infographic", "unpublished", "manuscript",
})
# fmt: on
DESCRIBED = re.compile(r"^(.*\S)\s+\[([^\[\]]+)\][.,;:]*$", re.DOTALL)


def _described(title: str) -> re.Match[str] | None:
    found = DESCRIBED.match(title)
    if found and found.group(2).split()[0].lower().strip(".,;:") in DESCRIPTION_WORDS:
        return found
    return None


def without_description(title: str) -> str:
    """'Harry Potter [Motion picture].' -> 'Harry Potter': a bracketed description that ends a title
    and starts with one of DESCRIPTION_WORDS is the kind of work, not its title ('Ostrak iz
    Humbuz-Tepe [Ostracon from Khumbuz-Tepe]', a translation, stays)."""
    found = _described(title)
    return found.group(1) if found else title


def description_of(work: WorkSpans) -> str:
    """The description in square brackets that ends the work's title ('[dissertation on the Internet]'
    -> 'dissertation on the Internet'), or ''."""
    found = _described(work.first("title").strip())
    return found.group(2).strip() if found else ""


def title_of(work: WorkSpans) -> str:
    """The first title span, trimmed (a second one, after other fields, is a book or series the model
    read as a title); when it opens with italics or quotes that close before it ends ('*Key Facts*,
    Women in Prison'), the italic or quoted words alone: they mark where the title ends."""
    text = work.first("title").strip()
    found = ITALIC_OR_QUOTED.match(text)
    if found and CLOSING[found.group(1)] == found.group(3) and found.group(1) not in found.group(2):
        return trim(found.group(2))
    if (quoted := _paired_quote(text)) is not None:
        return trim(quoted)
    return trim(without_description(TRAILING_YEAR.sub("", text)))  # 'Going straight (1998).': the date's


ITALIC_NAME = re.compile(r"^\*(?=\S)([^*]+?\S)\*[.,;:]*\s+\S")


def container_of(work: WorkSpans) -> str:
    """The journal or container, without 'In:' or a lower-case 'the' ('on the Clinks website'; 'The
    Times' keeps its capital); italics that close before it ends mark where the name ends ('*LSE British
    Politics and Policy* blog,'), as they do for a title."""
    text = re.sub(r"^\s*in:?\s+", "", work.joined("journal") or work.joined("container-title"), flags=re.I)
    text = re.sub(r"^\s*the\s+", "", text)
    found = ITALIC_NAME.match(text.strip())
    return trim(found.group(1)) if found else trim(text)


BRACKETED_YEAR = re.compile(r"\(\s*(1[5-9]\d\d|20\d\d)[a-z]?\s*(?:[-–/]\s*\d{2,4}\s*)?\)")
TRAILING_YEAR = re.compile(r"\s*\(\s*(?:1[5-9]\d\d|20\d\d)[a-z]?\s*\)[.,;:]*$")


def year_of(work: WorkSpans, title: str) -> str:
    for text in work.all("date"):
        if found := YEAR.search(text):
            return found.group(1)
    for label in ("volume", "title", "number"):  # '37-38 (2007-2008):', 'Going straight (1998).'
        if found := BRACKETED_YEAR.search(work.joined(label)):
            return found.group(1)
    if LEGISLATION.search(title) and (found := YEAR.search(title)):
        return found.group(1)  # "Criminal Justice Act 2003"
    if found := SESSION.search(work.joined("number")):
        return found.group(1)  # '(HC 2017–19, 482)' with no date of its own: the session's first year
    return ""


def full_date(work: WorkSpans, year: str) -> str:
    """'2013-03-12' or '2013-03' when a date span names the month (news, debates, speeches)."""
    for text in work.all("date"):
        for pattern, order in ((DAY_MONTH, "dmy"), (MONTH_DAY, "mdy"), (MONTH_YEAR, "my")):
            if found := pattern.search(text):
                parts = dict(zip(order, found.groups(), strict=True))
                month = MONTHS.get(parts["m"].lower().rstrip("."))
                if month and parts["y"] == year:
                    day = int(parts.get("d", 0))
                    return f"{year}-{month:02d}" + (f"-{day:02d}" if 0 < day <= 31 else "")
    return ""


def volume_and_issue(text: str) -> tuple[str, str]:
    """'12(3):' -> ('12', '3'); 'vol. 12, no. 3,' -> ('12', '3'); 'vol 560,' -> ('560', '')."""
    found = VOLUME_ISSUE.search(text)
    if not found:
        return "", ""
    return found.group(1), found.group(2) or found.group(3) or ""


def pages_and_pin(work: WorkSpans, has_container: bool) -> tuple[str, str]:
    """The work's own page range (an article's, a chapter's) and the place the note points at."""
    texts = [trim(t) for t in work.all("pages")]
    pages = ""
    if (
        has_container
        and texts
        and (found := RANGE.search(texts[0]))
        and not re.match(r"^(?:paras?|s|ss)\b", texts[0])
    ):
        pages = f"{found.group(1)}--{found.group(2)}"
        texts = texts[1:]
    return pages, "; ".join(t for t in texts if t)


ADDRESS_START = re.compile(r"[a-z][a-z0-9+.-]*:\s*//|^[(<\[]?(?:https?|ftp):|www\d?\.|^/", re.IGNORECASE)
BARE_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/:?#]|$)", re.IGNORECASE)  # 'x.org/a', 'gov.uk'
LEAD_IN = re.compile(r"^[^\W\d_]+:?$")  # "Available", "at:", "URL:", "Retrieved", "from", "Retirado", "de"


def _without_lead_in(text: str) -> str:
    """'Available at: http://x.org' -> 'http://x.org': words before the address (AnyStyle's data labels
    'Retrieved from', 'URL:' as part of it, and the model may take in the word before it) are dropped
    when the address has a scheme or 'www.'; a bare address ('x.org/a.pdf') is kept whole."""
    words = text.split()
    if scheme := next((i for i, w in enumerate(words) if SCHEME_PIECE.match(w)), 0):
        return " ".join(words[scheme:])
    start = next((i for i, w in enumerate(words) if ADDRESS_START.search(w) or not LEAD_IN.match(w)), 0)
    if start and not all(LEAD_IN.match(w) for w in words[:start]):
        return text
    return " ".join(words[start:])


def url_of(work: WorkSpans) -> str:
    """Address pieces (a PDF breaks long ones over lines) joined, without the words that introduce it
    ('Available at:', 'URL:') and the brackets around it."""
    text = _without_lead_in(" ".join(work.all("url") or addresses_in_doi(work)))
    url = re.sub(r"\s+", "", text).lstrip("<([")  # an address broken over lines has no spaces in it
    url = re.sub(r"^(https?|ftp):/*", r"\1://", url, flags=re.IGNORECASE)  # 'http:www.x.org', 'http:/x'
    while url and url[-1] in ".,;:)]>'\"’”" and not (url[-1] == ")" and url.count("(") >= url.count(")")):
        url = url[:-1]
    if re.fullmatch(r"[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        return ""  # a scheme alone ('Available at: http:'): no address
    if url and not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        if not BARE_HOST.match(url.lstrip("/")):
            return ""  # a word or a number the model took for an address ('Web. 25'): no address at all
        url = "http://" + url.lstrip("/")
    return url


def readable_address(url: str) -> str:
    """'http://www.clinks.org/trackTR/' -> 'clinks.org/trackTR': the title of a page cited by address."""
    return re.sub(r"^[a-z][a-z0-9+.-]*://(?:www\.)?", "", url, flags=re.IGNORECASE).rstrip("/")


DOI_NAME = re.compile(r"10\.\d{4,9}/\S+")


# A publisher's page named by the DOI ('https://onlinelibrary.wiley.com/doi/full/10.1111/add.14612').
DOI_IN_PATH = re.compile(r"/doi/(?:(?:abs|full|pdf|epdf|book)/)?(10\.\d{4,9}/[^\s?#]+)", re.IGNORECASE)


def addresses_in_doi(work: WorkSpans) -> list[str]:
    """Web addresses the model read into the DOI: the address beside it ('www.cell.com,
    doi:10.1016/…'), or a publisher's page named by it ('www.tandfonline.com/doi/full/10.1080/…'). An
    address of a DOI resolver ('https://doi.org/10.1111/…', or one spaced by a PDF, 'https://doi.
    org/…') is the DOI itself."""
    texts = (text for text in work.all("doi") if "doi.org" not in re.sub(r"\s+", "", text))
    words = (word for text in texts for word in text.split())
    return [w for w in words if SCHEME_PIECE.match(w) and not DOI_RESOLVER.match(w)]


def doi_of(work: WorkSpans) -> str:
    """The DOI name ('10.1016/j.cub.2016.05.047') where the span holds one, without what the model
    read in before it ('doi:', an address); otherwise the span without its 'doi:'."""
    text = re.sub(r"\s+", "", "".join(work.all("doi"))).strip("[]<>()")  # broken over a line
    if found := DOI_NAME.search(text):
        return found.group(0).rstrip(".,;")
    return DOI_PREFIX.sub("", text).rstrip(".,;").strip()


def edition_of(work: WorkSpans) -> str:
    text = trim(work.joined("edition"))
    found = ORDINAL_EDITION.match(text)
    return found.group(1) if found else text


# A parliamentary session ('2017–19,'): a date, never part of a paper's number ('(HC 2017–19, 482)').
SESSION = re.compile(rf"(?<![\w/])(?:[Ss]ession\s+)?{SESSION_YEARS}(?![\w/])[,;]?\s*")


# The words that introduce a written-evidence code ('(ref. DAB0033)', 'evidence ref. TRG0211'): the number
# is the code.
REFERENCE_WORDS = re.compile(r"^\(?(?:evidence\s+)?ref(?:erence)?\.?:?\s+(?=\S)", re.IGNORECASE)


def number_of(work: WorkSpans) -> str:
    """'(HC 2017–19, 482)' labelled '(HC' + '482)' -> 'HC 482'; 'Cm 8619.' -> 'Cm 8619'; a session
    the model left in the number is taken out ('HC 2022–23, 266' -> 'HC 266'), and so are the words
    that introduce a code ('ref. DAB0033' -> 'DAB0033')."""
    pieces = [trim(SESSION.sub("", t)) for t in work.all("number")]
    return REFERENCE_WORDS.sub("", " ".join(p for p in pieces if p))


def isbn_of(work: WorkSpans) -> str:
    return re.sub(r"^isbn:?\s*", "", trim(work.joined("isbn")), flags=re.IGNORECASE)


def law_kind(title: str, number: str, work: WorkSpans) -> str:
    """'Act of Parliament', 'Statutory instrument', 'Bill', 'Case' or 'Hansard' when the work is one."""
    if HANSARD.match(title):
        return "Hansard"
    if STATUTORY_INSTRUMENT.search(number) or re.search(r"\b(?:Regulations|Rules|Order)\s+\d{4}\b", title):
        return "Statutory instrument"
    if re.search(r"\bAct\b(?:\s*\([^)]*\))?\s*\d{4}\b", title) or re.search(r"\bAct\s*$", title):
        return "Act of Parliament"
    if re.search(r"\bBill\b", title) and not work.has("journal"):
        return "Bill"
    bracketed_year = any(t.lstrip().startswith(("[", "(")) for t in work.all("date"))
    if CASE.search(title) and (work.has("number") or work.has("journal") or bracketed_year):
        return "Case"
    return ""


ANNOUNCEMENT = re.compile(
    r"press (?:release|notice)|speech|letter|blog|statement|video|podcast|broadcast|tweet|news|"
    r"web ?page|website",
    re.IGNORECASE,
)


def entry_type(work: WorkSpans, title: str, corporate_author: bool, url: str) -> tuple[EntryType, str]:
    """The biblatex type, and the `type` field's text when the type needs one."""
    number, genre, medium = number_of(work), trim(work.joined("genre")), trim(work.joined("medium"))
    if law := law_kind(title, number, work):
        return EntryType.MISC, law
    described = description_of(work)  # 'Title [dissertation on the Internet]': the model left it in
    if THESIS.search(genre or described):
        return EntryType.THESIS, genre or described
    if work.has("journal"):
        return EntryType.ARTICLE, ""
    if work.has("container-title"):
        chapter = work.has("editor") or trim(work.first("container-title")).lower().startswith("in ")
        if chapter or (work.has("publisher") and not url):
            return EntryType.INCOLLECTION, ""
        return (EntryType.ONLINE, genre) if url else (EntryType.MISC, genre)
    if ANNOUNCEMENT.search(f"{genre} {medium} {described}"):  # 'press release', '[video]'
        kind = genre or medium or described
        return (EntryType.ONLINE, kind) if url else (EntryType.MISC, kind)
    reportish = number or work.has("collection-title") or REPORT_KIND.search(genre or title)
    if reportish or corporate_author:
        return EntryType.REPORT, genre or trim(work.joined("collection-title")) or "Report"
    if work.has("publisher") or work.has("location"):
        return EntryType.BOOK, ""
    return (EntryType.ONLINE, genre) if url else (EntryType.MISC, genre)


def as_organisation(authors: Names, titled: bool) -> Names:
    """A lone name with no given name or initials, in a full citation, is an organisation ('Clinks',
    'Nacro'): people are cited with their initials. In a short citation ('Corston (2007)') it stays a name."""
    if titled and len(authors.names) == 1 and "," not in authors.names[0] and " " not in authors.names[0]:
        return Names(("{" + authors.names[0].strip("{}") + "}",), authors.others)
    return authors


IN_CONTAINER = re.compile(r"^\W*in\b", re.IGNORECASE)


def without_lone_container(spans: Sequence[Span]) -> tuple[Span, ...]:
    """A book's title the model read as a container: a work with a container and an editor or a
    publisher, but no title, journal, kind ('Written evidence to the') or 'In' ('Feigenbaum, E. and
    J. Feldman (eds.). *Computers and Thought*. McGraw-Hill.'). Or as a journal: a work with a journal
    and a publisher but no title, container or kind ('Spengler, Oswald. *The Decline of the West*. 2
    vols. … New York: Knopf'; no labelled work has a journal and a publisher without a title). Those
    spans are its title."""
    labels = {span.label for span in spans}
    if "title" in labels or "genre" in labels:
        return tuple(spans)
    if "container-title" in labels and "journal" not in labels and labels & {"editor", "publisher"}:
        misread = "container-title"
    elif "journal" in labels and "container-title" not in labels and "publisher" in labels:
        misread = "journal"
    else:
        return tuple(spans)
    if any(IN_CONTAINER.match(s.text) for s in spans if s.label == misread):
        return tuple(spans)
    return tuple(Span("title", s.text) if s.label == misread else s for s in spans)


# A journal's source details as NLM (Vancouver) prints them, with no spaces: year (and month), volume,
# issue, pages: '2016;3(9):871-81.', '2011 Mar;377:956-65.', '2022;128:107239.'
NLM_SOURCE = re.compile(
    r"^((?:\d{4})?(?:[A-Z][a-z]{2}(?:\d{1,2})?)?;)(\d+[A-Za-z]?(?:\([\w–-]+\))?)"
    r"(?::([A-Za-z]?\d+[A-Za-z]?(?:[-–]\d+)?)?)?[.,;]?$"
)
LONE_YEAR = re.compile(r"^\d{4}$")  # '2011' before 'Mar;377:956-65.'


NOT_SOURCE_DETAILS = frozenset({"url", "doi", "prose", "title"})


def with_nlm_sources_split(spans: Sequence[Span]) -> tuple[Span, ...]:
    """NLM source details ('2016;3(9):871-81.') as the date, volume and pages they print. The model
    gives such a token one label, and at times takes it into the journal or publisher before it
    ('BMJ. 2019;364:l1123.'); the shape is unmistakable, so it is read here."""
    mended: list[Span] = []
    for span in spans:
        words = span.text.split()
        if span.label in NOT_SOURCE_DETAILS or not any(NLM_SOURCE.match(w) for w in words):
            mended.append(span)
            continue
        rest: list[str] = []
        for word in words:
            found = NLM_SOURCE.match(word)
            if found is None or found.group(1) == ";":
                rest.append(word)
                continue
            date = found.group(1)
            if not date[:1].isdigit():  # the month alone: its year is the word before ('2011 Mar;377:…')
                if not rest or not LONE_YEAR.match(rest[-1]):
                    rest.append(word)
                    continue
                date = f"{rest.pop()} {date}"
            if rest:
                mended.append(Span(span.label, " ".join(rest)))
                rest = []
            mended += [Span("date", date), Span("volume", found.group(2) + ":")]
            if found.group(3):
                mended.append(Span("pages", found.group(3)))
        if rest:
            mended.append(Span(span.label, " ".join(rest)))
    return tuple(mended)


# An edition and a translator the model took into the editors ('6th ed., ed. Alison Liebling', '2nd edn,
# B Williams and H Goodman eds', 'ed. R. Bellamy, trans. R. Davies'): printed words, not names.
EDITION_IN_NAMES = re.compile(
    r"(?<![\w.])(\d+(?:st|nd|rd|th)\s+(?:edn|ed|edition)\b\.?)[,;]?\s*", re.IGNORECASE
)
TRANSLATOR_IN_NAMES = re.compile(r"(?:^|[,;]\s*|\s)(?=\btrans(?:\.|lated\s+by\b))", re.IGNORECASE)
NAMED_BEFORE = frozenset({"title", "container-title", "journal"})  # what words before an edition end


def with_editor_furniture_split(spans: Sequence[Span]) -> tuple[Span, ...]:
    """Editors without the edition and translators printed among them: the edition is the work's
    edition, a translator its translator, and the words before an edition ('… A Practitioner's' |
    'Guide, 3rd ed., A. Dunmore, Ed.') end the title or container before them."""
    mended: list[Span] = []
    for span in spans:
        if span.label != "editor":
            mended.append(span)
            continue
        text = span.text
        if found := EDITION_IN_NAMES.search(text):
            before, text = text[: found.start()].strip(), text[found.end() :]
            if before and mended and mended[-1].label in NAMED_BEFORE:
                mended[-1] = Span(mended[-1].label, f"{mended[-1].text} {before}")
            elif before:
                mended.append(Span("editor", before))
            mended.append(Span("edition", found.group(1)))
        if found := TRANSLATOR_IN_NAMES.search(text):
            translators = text[found.end() :]
            text = text[: found.start()]
            if text.strip():
                mended.append(Span("editor", text.strip()))
            mended.append(Span("translator", translators))
        elif text.strip():
            mended.append(Span("editor", text.strip()))
    return tuple(mended)


def citation_of(spans: Sequence[Span], known: frozenset[str] = frozenset()) -> Citation:
    """One work's labelled spans -> its citation (plain text fields)."""
    work = WorkSpans(without_lone_container(with_editor_furniture_split(with_nlm_sources_split(spans))))
    url, doi = url_of(work), doi_of(work)
    if not doi and (found := DOI_ADDRESS.match(url)):  # 'https://doi.org/10.1111/x' is the work's DOI
        url, doi = "", found.group(1)
    elif not doi and (found := DOI_IN_PATH.search(url)):  # the page stays the URL; its DOI is the DOI
        doi = found.group(1).rstrip(".,;")
    title = title_of(work) or readable_address(url)
    authors = as_organisation(parse_names(work.joined("author"), known), bool(title))
    editors = parse_names(work.joined("editor"), known)
    year = year_of(work, title)
    corporate = bool(authors.names) and authors.names[0].startswith("{")
    kind, type_text = entry_type(work, title, corporate, url)
    container = container_of(work)
    volume, issue = volume_and_issue(work.joined("volume"))
    pages, pin = pages_and_pin(work, kind in (EntryType.ARTICLE, EntryType.INCOLLECTION))
    publisher = trim(work.joined("publisher"))
    return Citation(
        entry_type=kind,
        authors=authors.names,
        others=authors.others,
        year=year,
        title=title,
        container=container,
        editors=editors.names,
        volume=volume,
        number=number_of(work) or issue,
        pages=pages,
        pin=pin,
        institution=publisher if kind in (EntryType.REPORT, EntryType.THESIS) else "",
        publisher="" if kind in (EntryType.REPORT, EntryType.THESIS) else publisher,
        location=trim(work.joined("location")),
        kind=type_text,
        series=trim(work.joined("collection-title")),
        edition=edition_of(work),
        date=full_date(work, year),
        url=url,
        doi=doi,
        isbn=isbn_of(work),
    )
