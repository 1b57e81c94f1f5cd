"""A note's text -> tokens: runs of non-space characters, with where each stands in the text.

Punctuation stays on its word, as in AnyStyle's training data ("(London:",
"2013),"), so a token's punctuation is one of the things the model learns from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offset of its first character in the note's text
    end: int


def tokenize(text: str) -> tuple[Token, ...]:
    return tuple(Token(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text))
