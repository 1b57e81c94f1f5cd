"""Accessed dates as people write them in notes, read UK day-first."""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
WORDED = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def read_date(text: str) -> tuple[int, int, int] | None:
    """'5.3.2012', '12.04.17', '17/01/17', '14 February 2013' -> (year, month, day), unchecked."""
    text = text.strip().rstrip(".")
    if match := NUMERIC.match(text):
        day, month, year = match.groups()
        return _year(year), int(month), int(day)
    if (match := WORDED.match(text)) and match.group(2).lower() in MONTHS:
        day, month, year = match.groups()
        return int(year), MONTHS[month.lower()], int(day)
    return None


def as_date(parts: tuple[int, int, int]) -> dt.date | None:
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def response_end(iso: str) -> dt.date:
    """The last day a response dated 'YYYY-MM' or 'YYYY-MM-DD' could mean."""
    year, month, *day = (int(p) for p in iso.split("-"))
    return dt.date(year, month, day[0] if day else calendar.monthrange(year, month)[1])
