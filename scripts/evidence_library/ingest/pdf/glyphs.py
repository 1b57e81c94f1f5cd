"""A glyph's text, normalised: ligatures and presentation forms as their letters, no soft hyphens.

A ligature glyph (ﬁ, ﬀ, ﬃ…) is one glyph however many letters it stands
for, so it is spelled out here once: the letters are never doubled. Glyphs
from fonts without a Unicode map may come as the ligature characters
themselves (U+FB00–FB06) or as other compatibility forms; NFKC spells those
out too. Private-use characters (glyphs with no known meaning) and control
characters are dropped, except the bullets symbol fonts keep there.
"""

from __future__ import annotations

import unicodedata

LIGATURES = {
    "ﬀ": "ff",
    "ﬁ": "fi",
    "ﬂ": "fl",
    "ﬃ": "ffi",
    "ﬄ": "ffl",
    "ﬅ": "st",
    "ﬆ": "st",
    "Ĳ": "IJ",
    "ĳ": "ij",
}
# Bullets that Symbol, Wingdings and OpenSymbol draw from the private-use area.
SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "•", "\uf076": "•", "\uf0fc": "•", "\uf02d": "–"}
# TeX's T1 (Cork) fonts put the ligatures at these codes; without a Unicode map a reader passes the codes
# on. They are control characters, which no page prints, so a printed one is such a ligature.
TEX_LIGATURES = {"\x1b": "ff", "\x1c": "fi", "\x1d": "fl", "\x1e": "ffi", "\x1f": "ffl"}
DROPPED = {"\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"}  # soft hyphen, zero-width characters
SPACES = {"\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\t"}
PRESENTATION_FORMS = range(0xFB00, 0xFB50)  # Alphabetic Presentation Forms: NFKC gives the letters


def _private_or_control(char: str) -> bool:
    return unicodedata.category(char) in ("Co", "Cc", "Cs", "Cn")


def _letters(char: str) -> str:
    if char in TEX_LIGATURES:
        return TEX_LIGATURES[char]
    if char in SYMBOL_BULLETS:
        return SYMBOL_BULLETS[char]
    if char in SPACES:
        return " "
    if char in DROPPED or _private_or_control(char):
        return ""
    if char in LIGATURES:
        return LIGATURES[char]
    if ord(char) in PRESENTATION_FORMS:
        return unicodedata.normalize("NFKC", char)
    return char


def normalise(text: str) -> str:
    """The letters a glyph prints, in ordinary Unicode."""
    return "".join(_letters(char) for char in text)
