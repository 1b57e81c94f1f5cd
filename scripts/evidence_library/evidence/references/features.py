"""Features of each token of a note, as strings for the model (`name=value`; `network.py`).

One small function per kind of feature, as AnyStyle keeps them: the token's own
word, shape, affixes, case, punctuation, numbers, quotes and brackets, web
addresses, and its word class in `lexicon.yml`; then the words and shapes of
its neighbours, how it meets them (the punctuation between), its position in
the note, and what the note has shown before it (inside quotes, italics or
brackets; a year already seen).

A token's own features depend only on its text, so they are computed once per
distinct token and remembered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from evidence_library.evidence.references.training import DatasetError

LEXICON_FILE = Path(__file__).with_name("lexicon.yml")
CORE = re.compile(r"^\W*(.*?)\W*$", re.DOTALL)
YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
RANGE = re.compile(r"\d+\s*[-–—]+\s*\d+")
NUMERIC_DATE = re.compile(r"^\W*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\W*$")
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})$")
URL = re.compile(
    r"(?:https?://|www\.|\.(?:pdf|html?|aspx?)\b|\.(?:org|com|gov|uk|net)(?:/|$))", re.IGNORECASE
)
DOI = re.compile(r"10\.\d{4,9}/")
INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3},?$")
OPENING_QUOTES = "‘“'\"«"
CLOSING_QUOTES = "’”'\"»"
MAX_TOKEN = 200  # a longer token (an enormous address) is described by its first characters


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """word -> its class, from lexicon.yml (the first class that lists it)."""
    classes = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    words: dict[str, str] = {}
    for name, listed in classes.items():
        for word in listed:
            if not isinstance(word, str):  # YAML reads an unquoted no, yes, on or off as true or false
                raise DatasetError(
                    f"{LEXICON_FILE.name}: class {name}: {word!r} is not a word; quote it ('no', 'on')"
                )
            words.setdefault(word.lower(), name)
    return words


def word_of(token: str) -> str:
    core = CORE.match(token)
    word = core.group(1).lower() if core else ""
    return word or token[:3]


def shape_of(token: str) -> str:
    """'Smith,' -> 'Xx,'; '(2013).' -> '(d).'; 'HC' -> 'X': character classes, runs collapsed."""
    shape: list[str] = []
    for char in token:
        kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not shape or shape[-1] != kind:
            shape.append(kind)
    return "".join(shape)[:12]


def case_of(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "none"
    if all(c.isupper() for c in letters):
        return "upper" if len(letters) > 1 else "initial"
    if letters[0].isupper():
        return "title" if all(c.islower() for c in letters[1:]) else "mixed"
    return "lower" if all(c.islower() for c in letters) else "mixed"


def number_of(token: str, word: str) -> str:
    if URL.search(token) or DOI.search(token):
        return "none"
    if NUMERIC_DATE.match(token):
        return "date"
    if YEAR.search(token) and len(word) <= 9:
        return "year" if YEAR.fullmatch(word) else "yearish"
    if RANGE.search(token):
        return "range"
    if ORDINAL.match(word):
        return "ordinal"
    if word.isdigit():
        return "digits"
    if any(c.isdigit() for c in word):
        return "mixed"
    return "roman" if ROMAN.match(word) else "none"


def punctuation_of(token: str) -> list[str]:
    features = [f"last={token[-1] if not token[-1].isalnum() else 'a'}"]
    if not token[0].isalnum():
        features.append(f"first={token[0]}")
    stripped = token.rstrip(".,;:")
    if stripped[:1] in OPENING_QUOTES:
        features.append("quote=open")
    if stripped[-1:] in CLOSING_QUOTES and len(stripped) > 1:
        features.append("quote=close")
    if token.startswith("*"):
        features.append("italic=open")
    if stripped.endswith("*"):
        features.append("italic=close")
    for opening, closing, name in (("(", ")", "paren"), ("[", "]", "bracket"), ("<", ">", "angle")):
        if opening in token:
            features.append(f"{name}=open")
        if closing in token:
            features.append(f"{name}=close")
    return features


@lru_cache(maxsize=100_000)
def token_features(token: str) -> tuple[str, ...]:
    """Everything a token says about itself."""
    token = token[:MAX_TOKEN]
    word = word_of(token)
    features = [
        f"w={word}",
        f"shape={shape_of(token)}",
        f"case={case_of(word)}",
        f"num={number_of(token, word)}",
        f"len={min(len(word), 10)}",
        f"p2={word[:2]}",
        f"p3={word[:3]}",
        f"s2={word[-2:]}",
        f"s3={word[-3:]}",
        f"s4={word[-4:]}",
        *punctuation_of(token),
    ]
    if kind := lexicon().get(word):
        features.append(f"kw={kind}")
    if URL.search(token):
        features.append("url")
    if DOI.search(token):
        features.append("doi")
    if INITIALS.match(token):
        features.append("initials")
    return tuple(features)


@dataclass(frozen=True)
class Summary:
    """What a token tells its neighbours: its word, shape, word class, case, number and last character."""

    word: str
    shape: str
    kind: str
    case: str
    number: str
    end: str


@lru_cache(maxsize=100_000)
def summary_of(token: str) -> Summary:
    own = token_features(token)
    values = {f.split("=", 1)[0]: f.split("=", 1)[1] for f in own if "=" in f}
    return Summary(
        values["w"], values["shape"], values.get("kw", "-"), values["case"], values["num"], values["last"]
    )


SENTENCE_END = re.compile(r"[^A-Z.][.?!][)\]'\"’”*]*$|[)\]]\.$")
IN = re.compile(r"^in:?$", re.IGNORECASE)


def _segments(tokens: Sequence[str]) -> list[str]:
    """Which full stop each token comes after ("Author. Title. Journal."), and whether an "In" came."""
    features = []
    stops = 0
    after_in = False
    for index, token in enumerate(tokens):
        features.append(f"seg={min(stops, 5)}" + ("|in" if after_in else ""))
        if SENTENCE_END.search(token) and not INITIALS.match(token):
            stops += 1
        previous = tokens[index - 1] if index else ""
        after_in = after_in or (IN.match(token) is not None and (not previous or previous[-1:] in ".,;:)"))
    return features


def _state(tokens: Sequence[str]) -> list[list[str]]:
    """What the note has shown before each token: open or closed quotes, italics, brackets; a year."""
    states = []
    quoted = italic = bracketed = year_seen = quote_closed = False
    for token in tokens:
        stripped = token.rstrip(".,;:")
        quoted = quoted or stripped[:1] in OPENING_QUOTES
        italic = italic or token.startswith("*")
        bracketed = bracketed or token.startswith(("(", "["))
        flags = (
            ("inquote", quoted),
            ("initalic", italic),
            ("inbracket", bracketed),
            ("yearseen", year_seen),
            ("quoteclosed", quote_closed and not quoted),
        )
        states.append([name for name, on in flags if on])
        closes = stripped[-1:] in CLOSING_QUOTES and len(stripped) > 1
        quote_closed = quote_closed or (quoted and closes)
        quoted = quoted and not closes
        italic = italic and not stripped.endswith("*")
        bracketed = bracketed and not stripped.endswith((")", "]"))
        year_seen = year_seen or bool(YEAR.search(token))
    return states


def _context(summaries: Sequence[Summary], index: int) -> list[str]:
    """The neighbours' words and classes (two either side), and more of the nearest ones."""
    row = []
    for offset in (-2, -1, 1, 2):
        at = index + offset
        if not 0 <= at < len(summaries):
            row.append(f"edge[{offset}]")
            continue
        near = summaries[at]
        row += [f"w[{offset}]={near.word}", f"kw[{offset}]={near.kind}", f"num[{offset}]={near.number}"]
        if offset in (-1, 1):
            row += [
                f"shape[{offset}]={near.shape}",
                f"case[{offset}]={near.case}",
                f"end[{offset}]={near.end}",
            ]
    if index > 0:
        row.append(f"w[-1]|w={summaries[index - 1].word}|{summaries[index].word}")
    return row


NEIGHBOUR_PREFIXES = ("w[", "kw[", "num[", "shape[", "case[", "end[")  # the names `_context` gives


def describes_a_neighbour(feature: str) -> bool:
    """Is this one of `_context`'s features that describes a token nearby: its word, class, number,
    shape, case or end? (`edge[…]`, that there is no token there, is the token's own.) The model
    weighs these per label but gives them no embedding: its LSTM reads the neighbours themselves
    (network.py)."""
    return feature.startswith(NEIGHBOUR_PREFIXES)


def _boundary(summaries: Sequence[Summary], index: int) -> list[str]:
    """How the token meets its neighbours: the previous token's last character with this token's
    case, word class and number ('Title.' then 'Journal': a field ends), and this token's last
    character with the next token's case and word class. Fields end at punctuation, so these
    pairs say where a title or a container ends better than either token alone."""
    here = summaries[index]
    row = []
    if index > 0:
        before = summaries[index - 1]
        row += [
            f"b={before.end}|{here.case}",
            f"bk={before.end}|{here.kind}",
            f"bn={before.end}|{here.number}",
        ]
    if index + 1 < len(summaries):
        after = summaries[index + 1]
        row += [f"a={here.end}|{after.case}", f"ak={here.end}|{after.kind}"]
    return row


def sequence_features(tokens: Sequence[str]) -> list[list[str]]:
    """The features of every token of a note, for the model."""
    count = len(tokens)
    summaries = [summary_of(token) for token in tokens]
    states = _state(tokens)
    segments = _segments(tokens)
    rows = []
    for index, token in enumerate(tokens):
        row = ["bias", *token_features(token), *states[index], segments[index], f"pos={index * 10 // count}"]
        if index < 3:
            row.append(f"start={index}")
        if index == count - 1:
            row.append("end")
        rows.append(row + _context(summaries, index) + _boundary(summaries, index))
    return rows
