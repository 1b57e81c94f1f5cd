"""The ways responses open, from `openings.yml` beside this module, compiled into patterns.

A pattern is written as words and slots ("{organisation} {response} to
{consultation}") and compiled here into one regular expression: words match
whole and in any case, `[word]` is optional, a dash matches any dash, and
each slot captures the text it names (see the file's header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from evidence_library.evidence.bodies import Bodies

OPENINGS_FILE = Path(__file__).resolve().parent / "openings.yml"
TOKEN = re.compile(r"\{(?P<slot>\w+)\}|\[(?P<optional>[^\]]+)\]|(?P<word>[\w'’]+)|(?P<mark>\S)")
DASHES = "-–—"
NAME_SLOTS = {"organisation"}  # a name: the shortest text, of whole words, that lets the rest match


@dataclass(frozen=True)
class Example:
    text: str
    fields: dict[str, str]


@dataclass(frozen=True)
class Pattern:
    template: str
    regex: re.Pattern[str]
    examples: tuple[Example, ...] = ()


@dataclass(frozen=True)
class Openings:
    titles: tuple[Pattern, ...]
    consultations: tuple[Pattern, ...]
    consultation_lines: tuple[Pattern, ...]
    organisation_lines: tuple[Pattern, ...]
    body_lines: tuple[Pattern, ...]
    date_labels: tuple[str, ...]
    placeholder_titles: tuple[str, ...]
    bodies_named: re.Pattern[str] | None  # any name of a body in bodies.yml, as written


def _alternation(words: list[str]) -> str:
    """Longest first, so that 'consultation paper' wins over 'consultation'."""
    spelt = (r"\s+".join(_word(w) for w in words.split()) for words in sorted(words, key=len, reverse=True))
    return "(?:" + "|".join(spelt) + ")"


def _word(word: str) -> str:
    if word.lower() in ("&", "and"):
        return "(?:&|and)"
    return re.escape(word).replace("'", "['’]").replace("’", "['’]")


@dataclass(frozen=True)
class Slots:
    """What the slots match: word lists from the file, and the names of the known bodies."""

    words: dict[str, list[str]]
    bodies: str  # an alternation of every name and alias in bodies.yml

    def slot(self, name: str, seen: set[str]) -> str:
        if name == "kind":  # written in lower case: a capitalised 'Discussion Document' is part of a title
            return rf"(?-i:{_alternation(self.words[name])})\b"
        if name in self.words:
            return rf"\b{_alternation(self.words[name])}\b"
        if name == "rest":
            return ".*?"
        if name == "body":
            known = f"{self.bodies}|" if self.bodies else ""
            return rf"(?P<body>(?:{known}{GENERIC_NAME}))(?:['’]s\b|['’])?"
        if name == "owner":
            return rf"(?P<body>{self.bodies or '(?!)'})['’]s?\b"
        if name in seen:
            raise ValueError(f"openings.yml: the slot {{{name}}} is used twice in one pattern")
        seen.add(name)
        return rf"(?<!\w)(?P<{name}>.+?)(?!\w)" if name in NAME_SLOTS else f"(?P<{name}>.+)"


GENERIC_NAME = r"(?-i:[A-Z][\w’'&.-]*(?:\s+(?:of|for|and|the|on|in|&|[A-Z][\w’'&.-]*)){0,8})"


def _piece(match: re.Match[str], slots: Slots, seen: set[str]) -> str:
    if slot := match.group("slot"):
        return slots.slot(slot, seen)
    if optional := match.group("optional"):
        return f"(?:{compile_pieces(optional, slots, seen)})?"
    if word := match.group("word"):
        return r"\b" + _word(word) + r"\b"
    mark = match.group("mark")
    return f"[{DASHES}]" if mark in DASHES else re.escape(mark)


def compile_pieces(template: str, slots: Slots, seen: set[str]) -> str:
    return r"\s*".join(_piece(m, slots, seen) for m in TOKEN.finditer(template))


def compile_template(template: str, slots: Slots) -> re.Pattern[str]:
    """'{organisation} {response} to {consultation}' -> a regular expression over a whole line."""
    return re.compile(rf"^\s*{compile_pieces(template, slots, set())}\s*$", re.IGNORECASE)


def _examples(entry: dict[str, object]) -> tuple[Example, ...]:
    listed = entry.get("examples") or []
    assert isinstance(listed, list)
    return tuple(
        Example(str(e["text"]), {str(k): str(v) for k, v in e.items() if k != "text"}) for e in listed
    )


def _patterns(entries: list[object], words: Slots) -> tuple[Pattern, ...]:
    patterns = []
    for entry in entries:
        template = str(entry["pattern"]) if isinstance(entry, dict) else str(entry)
        examples = _examples(entry) if isinstance(entry, dict) else ()
        patterns.append(Pattern(template, compile_template(template, words), examples))
    return tuple(patterns)


def body_names(known: Bodies) -> str:
    names = {name for body in known.bodies for name in (body.name, *body.aliases)}
    return _alternation(sorted(names)) if names else ""


def parse_openings(text: str, known: Bodies) -> Openings:
    """The text of openings.yml -> compiled patterns. The file is ours: a mistake in it is a bug."""
    data = yaml.safe_load(text)
    for name, listed in data["words"].items():
        if not all(isinstance(word, str) for word in listed):  # YAML reads a bare `on` as true
            raise ValueError(f"openings.yml: quote every word listed under {name}")
    words = Slots({str(k): list(v) for k, v in data["words"].items()}, body_names(known))
    return Openings(
        titles=_patterns(data["titles"], words),
        consultations=_patterns(data["consultations"], words),
        consultation_lines=_patterns(data["consultation_lines"], words),
        organisation_lines=_patterns(data["organisation_lines"], words),
        body_lines=_patterns(data["body_lines"], words),
        date_labels=tuple(str(label) for label in data["date_labels"]),
        placeholder_titles=tuple(str(title).lower() for title in data["placeholder_titles"]),
        bodies_named=re.compile(rf"\b{words.bodies}(?!\w)") if words.bodies else None,
    )


@cache
def openings(known: Bodies) -> Openings:
    """The patterns, with `{body}` matching the bodies of bodies.yml by any of their names."""
    return parse_openings(OPENINGS_FILE.read_text(encoding="utf-8"), known)
