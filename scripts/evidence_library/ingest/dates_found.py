"""A response's date, found in its text in the forms people write it.

"Date: 12th March 2019", "Published: March 2012", "12/03/2019" (read UK
day-first), "12.03.19", "12 April 2013", "April 12, 2013", "2013-04-12",
"February 2013". Found, in order of trust: after a label (`date_labels` in
openings.yml); alone on a line of the opening; the date line most repeated
(a running footer).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
FORMS = (
    rf"{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}",
    rf"{MONTH}\s+{DAY},?\s+{YEAR}",
    rf"{MONTH},?\s+{YEAR}",
    r"(?P<nday>\d{1,2})[./-](?P<nmonth>\d{1,2})[./-](?P<nyear>(?:19|20)\d\d|\d\d)",
    r"(?P<iyear>(?:19|20)\d\d)-(?P<imonth>\d\d)(?:-(?P<iday>\d\d))?",
)
OPENING_LINES = 60


def _named(form_index: int, pattern: str) -> str:
    """Each form's groups renamed apart, so that one alternation can hold them all."""
    return re.sub(r"\?P<(\w+)>", lambda m: f"?P<{m.group(1)}{form_index}>", pattern)


DATE = r"\b(?:" + "|".join(_named(i, f) for i, f in enumerate(FORMS)) + r")\b"
DATE_ALONE = re.compile(rf"^\s*{DATE}\s*$", re.IGNORECASE)


def _iso(match: re.Match[str]) -> str:
    """The matched date as YYYY-MM or YYYY-MM-DD; '' if it is no real date."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    get = {name[:-1]: value for name, value in groups.items()}  # drop the form's index
    if "nday" in get:
        year = int(get["nyear"]) + (2000 if len(get["nyear"]) == 2 else 0)
        return _checked(year, int(get["nmonth"]), int(get["nday"]))
    if "iyear" in get:
        return _checked(int(get["iyear"]), int(get["imonth"]), int(get["iday"]) if "iday" in get else 0)
    month = MONTHS[get["month"].lower().rstrip(".")]
    return _checked(int(get["year"]), month, int(get["day"]) if "day" in get else 0)


def _checked(year: int, month: int, day: int) -> str:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return ""
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")


def labelled(labels: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(
        r"\s+".join(map(re.escape, label.split())) for label in sorted(labels, key=len, reverse=True)
    )
    return re.compile(rf"\b(?:{names})\b\s*[:\-–]?\s*(?:(?:in|on)\s+)?{DATE}", re.IGNORECASE)


def find_date(text: str, labels: tuple[str, ...]) -> str:
    """The response's date as YYYY-MM or YYYY-MM-DD, or ''."""
    for match in labelled(labels).finditer(text):
        if found := _iso(match):
            return found
    lines = [line.strip().strip("#").strip() for line in text.split("\n")]
    alone = [found for line in lines if (m := DATE_ALONE.match(line)) and (found := _iso(m))]
    opening = [
        found for line in lines[:OPENING_LINES] if (m := DATE_ALONE.match(line)) and (found := _iso(m))
    ]
    if opening:
        return opening[0]
    return Counter(alone).most_common(1)[0][0] if alone else ""
