"""Infer a raw response's front matter from its opening, for `add`.

What an opening looks like is data, not code: `openings.yml` holds the title
patterns (each with examples the tests check), the lines that name an
organisation or a consulting body, and the labels of a date; `bodies.yml`
(the library's curated list) names the consulting bodies and their aliases.
The rules, in order:

1. the title: the first opening line (a title broken over lines is joined)
   that a title pattern matches gives title, organisation and consultation;
   the consultation part may name its body ("the MoJ consultation on ...");
2. else the first level-1 heading, else the document's own title property;
3. the organisation, if still unknown: an "About X" or "X welcomes the
   opportunity" line, a letterhead line, or the document's author property,
   each only if the name recurs in the text;
4. the consulting body, if still unknown: a body from bodies.yml named in the
   title, or a sentence such as "respond to the X's consultation";
5. the date: a labelled date ("Date: 12th March 2019"), a date alone on a
   line of the opening ("12/03/2019", "February 2013"), the date line most
   repeated (a footer), and last the document's creation date.

What none of them finds is left empty, and `add` reports it as MISSING.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from slugify import slugify

from evidence_library.evidence.bodies import Bodies
from evidence_library.ingest.dates_found import find_date
from evidence_library.ingest.imported import DocumentProperties
from evidence_library.ingest.openings import Openings, Pattern, openings
from evidence_library.text.clean import Vocabulary, join_wrapped

FIELDS = ("title", "date", "organisation", "consultation", "consulting_body")
OPENING_BLOCKS = 25  # the title block, and the first paragraphs after it
OPENING_LINES = 80
MAX_TITLE_WORDS = 45
MAX_NAME_WORDS = 9
NAME_JOINERS = {"of", "for", "and", "the", "in", "on", "at", "to", "&", "with", "de"}
NOT_NAMES = {"our", "this", "the", "a", "an", "we", "in", "my", "their", "its", "response", "submission"}
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
LEADING_FILLER = re.compile(r"^(?:its|their|our)\s+", re.IGNORECASE)
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
HEADING_MARKS = re.compile(r"^#{1,6}\s+")
DANGLING = re.compile(
    r"(?:\b(?:the|to|on|into|of|for|and|consultation|inquiry|review|call for evidence|about)|[:–—-])$",
    re.IGNORECASE,
)
QUOTES = "\"'“”‘’«»"
ADDRESS = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|^\d+[A-Za-z]?,?\s+\w"
)  # a postcode, a house number


def _blocks(text: str) -> list[list[str]]:
    """The text's blocks (lines between blank lines and page breaks), heading marks removed."""
    blocks: list[list[str]] = []
    for chunk in re.split(r"\n\s*\n|\f", text):
        lines = [HEADING_MARKS.sub("", line).strip() for line in chunk.split("\n")]
        if lines := [line for line in lines if line]:
            blocks.append(lines)
    return blocks


def title_candidates(text: str) -> Iterator[str]:
    """Each opening block as one line (a word hyphenated at a line end mended), and joined with
    the next block when it stops mid-phrase."""
    blocks = _blocks(text)[:OPENING_BLOCKS]
    vocabulary = Vocabulary(text)
    for index, lines in enumerate(blocks):
        line = join_wrapped(lines, vocabulary)
        if len(line.split()) > MAX_TITLE_WORDS:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else []
        if following and DANGLING.search(line) and len(following) == 1:
            yield f"{line} {following[0]}"
        yield line.rstrip(".")


def level_one_headings(text: str) -> list[str]:
    """The opening's '# ' lines, each run of consecutive ones (blank lines apart) joined."""
    runs: list[list[str]] = []
    previous_was_heading = False
    for line in text.split("\n")[:OPENING_LINES]:
        if line.startswith("# "):
            if not previous_was_heading:
                runs.append([])
            runs[-1].append(line[2:].strip())
            previous_was_heading = True
        elif line.strip():
            previous_was_heading = False
    return [" ".join(run) for run in runs]


def is_name(text: str) -> bool:
    """'St Giles Trust', 'Women in Prison', 'Prisoners’ Advice Service': capitalised words and joiners."""
    words = text.split()
    if not words or len(words) > MAX_NAME_WORDS or words[0].lower() in NOT_NAMES - {"the"}:
        return False
    if not (words[0][:1].isupper() or words[0][:1].isdigit()) or any(c in text for c in ":;.,!?"):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in NAME_JOINERS for w in words)


def clean_name(text: str) -> str:
    """'the North East Partnership's' -> 'North East Partnership' (a capital 'The' is part of a name)."""
    return POSSESSIVE.sub("", text.strip().strip(QUOTES).rstrip(".,;:").strip().removeprefix("the "))


def clean_consultation(text: str, filler: re.Pattern[str] = LEADING_FILLER) -> str:
    text = filler.sub("", text.strip().strip(QUOTES).rstrip(".,;:").strip().strip(QUOTES))
    return text[:1].upper() + text[1:]


def resolve_body(text: str, known: Bodies) -> str:
    """A body's name as bodies.yml writes it; a name not listed, as written; '' for no name."""
    name = clean_name(re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE))
    if body := known.find(name):
        return body.name
    return name if is_name(name) else ""


def split_consultation(text: str, table: Openings, known: Bodies) -> tuple[str, str]:
    """'the Ministry of Justice consultation on X' -> ('X', 'Ministry of Justice')."""
    for pattern in table.consultations:
        match = pattern.regex.match(text)
        if not match:
            continue
        name, body = match.group("name"), match.groupdict().get("body")
        if re.search(r"[^\W\d_]{2}", name) and (body is None or resolve_body(body, known)):
            return clean_consultation(name), resolve_body(body, known) if body else ""
    return clean_consultation(text, LEADING_THE), named_body(text, known, at_start=True)


def named_body(text: str, known: Bodies, at_start: bool = False) -> str:
    """The first body from bodies.yml named in `text` (at its start only, if `at_start`)."""
    words = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).split()
    starts = [0] if at_start else range(len(words))
    for start in starts:
        for end in range(min(len(words), start + MAX_NAME_WORDS), start, -1):
            if body := known.find(clean_name(" ".join(words[start:end]))):
                return body.name
    return ""


def match_title(line: str, table: Openings, known: Bodies) -> dict[str, str] | None:
    for pattern in table.titles:
        match = pattern.regex.match(line)
        if match is None:
            continue
        groups = {k: v for k, v in match.groupdict().items() if v}
        organisation = clean_name(groups.get("organisation", ""))
        if "organisation" in groups and not is_name(organisation):
            continue
        consultation, body = split_consultation(groups.get("consultation", ""), table, known)
        if "consultation" in groups and not consultation:
            continue
        return {
            "title": " ".join(line.split()),
            "organisation": organisation,
            "consultation": consultation,
            "consulting_body": body,
        }
    return None


def first_match(
    patterns: tuple[Pattern, ...], lines: list[str], slot: str, accept: Callable[[str], str]
) -> str:
    """The first line a pattern matches with a `slot` that `accept` turns into a value."""
    for line in lines:
        for pattern in patterns:
            if (match := pattern.regex.match(line)) and (value := accept(match.group(slot))):
                return value
    return ""


def accept_name(text: str) -> str:
    name = clean_name(text)
    return name if is_name(name) else ""


def recurs(name: str, text: str, times: int) -> bool:
    return bool(name) and len(re.findall(rf"\b{re.escape(name)}\b", text, re.IGNORECASE)) >= times


def infer_organisation(
    text: str, blocks: list[str], lines: list[str], properties: DocumentProperties, table: Openings
) -> str:
    """From a line that names it, a letterhead, or the file's author (a name that recurs)."""
    if found := first_match(table.organisation_lines, [*blocks, *lines], "organisation", accept_name):
        return found
    letterhead = lines[0] if lines else ""
    below = lines[1] if len(lines) > 1 else ""
    if is_name(letterhead) and (recurs(letterhead, text, 2) or ADDRESS.search(below)):
        return letterhead
    author = clean_name(properties.author)
    return author if is_name(author) and recurs(author, text, 3) else ""


def consultation_line(lines: list[str], table: Openings, known: Bodies, body: str) -> dict[str, str]:
    """A subtitle naming the consultation and its body ('Justice Committee inquiry: Prison population')."""
    for line in lines[:OPENING_BLOCKS]:
        for pattern in table.consultation_lines:
            match = pattern.regex.match(line)
            if match and (found := resolve_body(match.group("body"), known)):
                return {
                    "consultation": clean_consultation(match.group("name")),
                    "consulting_body": body or found,
                }
    return {}


def most_named_body(text: str, known: Bodies, organisation: str) -> str:
    """The body from bodies.yml that the text names most often, if at least twice (not the author)."""
    pattern = openings(known).bodies_named
    author = known.find(organisation) if organisation else None
    if pattern is None:
        return ""
    found = (known.find(m.group(0)) for m in pattern.finditer(text))
    counts = Counter(body.name for body in found if body is not None and body != author)
    name, times = counts.most_common(1)[0] if counts else ("", 0)
    return name if times >= 2 else ""


def real_title(title: str, table: Openings) -> str:
    lowered = title.lower()
    placeholder = any(
        re.fullmatch(rf"{re.escape(p)}(?:\s.*|\s*\d+)?", lowered) for p in table.placeholder_titles
    )
    if placeholder or re.search(r"\.(?:docx?|odt|pdf|rtf|txt)$", lowered):
        return ""
    return " ".join(title.split())


def infer_metadata(
    text: str, properties: DocumentProperties | None = None, known: Bodies | None = None
) -> dict[str, str]:
    """Return title, date, organisation, consultation and consulting_body; '' where unknown."""
    properties = properties or DocumentProperties()
    known = known or Bodies()
    table = openings(known)
    found = dict.fromkeys(FIELDS, "")
    opening = list(title_candidates(text))
    candidates = [*opening, *filter(None, [real_title(properties.title, table)])]
    for line in candidates:
        if matched := match_title(line, table, known):
            found.update(matched)
            break
    headings = level_one_headings(text)
    found["title"] = found["title"] or (headings[0] if headings else real_title(properties.title, table))
    lines = [line.strip() for line in text.split("\n")[:OPENING_LINES] if line.strip()]
    lines = [HEADING_MARKS.sub("", line) for line in lines]
    found["organisation"] = found["organisation"] or infer_organisation(
        text, opening, lines, properties, table
    )
    if not found["consultation"]:
        found.update(consultation_line(lines, table, known, found["consulting_body"]))
    if not found["consulting_body"]:
        found["consulting_body"] = (
            named_body(found["title"], known)
            or first_match(table.body_lines, lines, "body", lambda v: resolve_body(v, known))
            or most_named_body(text, known, found["organisation"])
        )
    found["date"] = find_date(text, table.date_labels) or properties.created[:7]
    return found


def source_slug(fields: dict[str, str], fallback: str) -> str:
    """'2012-03' + 'NOMS Commissioning Intentions ...' -> '2012-03-noms-commissioning-intentions-...'."""
    words = slugify(
        fields.get("consultation") or fields.get("title") or fallback, max_length=60, word_boundary=True
    )
    date = fields.get("date", "")[:7]
    return "-".join(part for part in (date, words) if part) or "response"
