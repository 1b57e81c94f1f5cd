"""Infer a raw response's front matter from its text, for `add`.

Each rule looks for a shape that consultation responses commonly have; what
none of them finds is left empty and reported, for the contributor to fill in.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter

from slugify import slugify

MONTHS = "|".join(calendar.month_name[1:])
MONTH_YEAR = rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{MONTHS})\s+(?P<year>(?:19|20)\d\d)"
PUBLISHED = re.compile(rf"\b(?:published|date)\s*:?\s*(?:in\s+|on\s+)?{MONTH_YEAR}", re.IGNORECASE)
DATE_LINE = re.compile(rf"^\s*{MONTH_YEAR}\s*$", re.IGNORECASE | re.MULTILINE)
TITLE_LINE = re.compile(
    r"^\s*(?P<title>(?P<organisation>[A-Z][\w&.,' -]{1,80}?)['’]s?\s+"
    r"(?:response|submission|evidence)\s+to\s+(?:the\s+)?(?P<consultation>.{3,200}?))\s*$",
    re.MULTILINE,
)
ABOUT = re.compile(r"^\s*About\s+(?:the\s+)?(?P<organisation>[A-Z][\w&.' -]{1,60}?)\s*$", re.MULTILINE)
BODY_NAME = r"(?:[A-Z][\w&.'’-]*)(?:\s+(?:of|for|and|the|on|[A-Z][\w&.'’-]*))*"
RESPONDS_TO = re.compile(
    rf"\brespon(?:d|se|ding)\s+to\s+(?:the\s+)?(?P<body>{BODY_NAME})['’]s?\s+"
    r"(?:consultation|call for evidence|review|inquiry|proposals)",
)
ACRONYM = re.compile(r"^(?:the\s+)?(?P<body>[A-Z]{2,}[a-z]?)\b")
RUN_BY = re.compile(
    rf"^(?:the\s+)?(?P<body>{BODY_NAME})['’]?s?\s+(?:consultation|call for evidence|review|inquiry)\b"
)


def infer_date(text: str) -> str:
    """A 'Published: March 2012' line, else the most repeated 'July 2017' line."""
    match = PUBLISHED.search(text)
    if not match:
        lines = Counter(
            (m.group("year"), m.group("month").capitalize(), m.group("day")) for m in DATE_LINE.finditer(text)
        )
        if not lines:
            return ""
        year, month, day = lines.most_common(1)[0][0]
    else:
        year, month, day = match.group("year"), match.group("month").capitalize(), match.group("day")
    number = list(calendar.month_name).index(month)
    return f"{year}-{number:02d}" + (f"-{int(day):02d}" if day else "")


def infer_metadata(text: str) -> dict[str, str]:
    """Return title, date, organisation, consultation and consulting_body; '' where unknown."""
    head = "\n".join(text.split("\n")[:40])
    found = {
        "title": "",
        "date": infer_date(text),
        "organisation": "",
        "consultation": "",
        "consulting_body": "",
    }
    if title := TITLE_LINE.search(head):
        found["title"] = title.group("title").strip()
        found["organisation"] = title.group("organisation").strip()
        found["consultation"] = title.group("consultation").strip()
    if not found["organisation"] and (about := ABOUT.search(head)):
        found["organisation"] = about.group("organisation").strip()
    if responds := RESPONDS_TO.search(text):
        found["consulting_body"] = responds.group("body").strip()
    elif run_by := RUN_BY.match(found["consultation"]):
        found["consulting_body"] = run_by.group("body").strip()
    elif acronym := ACRONYM.match(found["consultation"]):
        found["consulting_body"] = acronym.group("body")
    return found


def source_slug(fields: dict[str, str], fallback: str) -> str:
    """'2012-03' + 'NOMS Commissioning Intentions ...' -> '2012-03-noms-commissioning-intentions-...'."""
    words = slugify(
        fields.get("consultation") or fields.get("title") or fallback, max_length=60, word_boundary=True
    )
    date = fields.get("date", "")[:7]
    return "-".join(part for part in (date, words) if part) or "response"
