"""Text in and out of BibTeX field values.

The bibliography keeps field values as BibTeX text, so that what a curator
writes in `references.bib` (protective braces, `{\\"o}`) is kept byte for byte.
Text from notes enters through `encode` (and `encode_url` for addresses),
which escapes every character that BibTeX or LaTeX would read as syntax; pages
show values through `decode`, the exact inverse of `encode`, which also reads
the LaTeX a curator may have written by hand.

BibTeX counts braces without regard to backslashes, so literal braces are
written as `\\textbraceleft{}` and `\\textbraceright{}`, never `\\{`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

ESCAPES = (
    ("\\", "\\textbackslash{}"),  # first: the escapes below add backslashes
    ("{", "\\textbraceleft{}"),
    ("}", "\\textbraceright{}"),
    ("&", "\\&"),
    ("%", "\\%"),
    ("#", "\\#"),
    ("_", "\\_"),
    ("$", "\\$"),
    ("~", "\\textasciitilde{}"),
    ("^", "\\textasciicircum{}"),
)
ESCAPED = dict(ESCAPES)
NEEDS_ESCAPE = re.compile(r"[\\{}&%#_$~^]")
OURS = re.compile(
    r"\\(?:textbackslash|textbraceleft|textbraceright|textasciitilde|textasciicircum)\{\}|\\[&%#_$]"
)
UNESCAPED = {escaped: character for character, escaped in ESCAPES}
OURS_OR_BRACE = re.compile(rf"{OURS.pattern}|[{{}}]")
LATEX_SIGNS = re.compile(r"[\\{}~]")
VERBATIM_FIELDS = frozenset({"url", "doi", "urldate", "date", "eprint"})  # read as written: no LaTeX in them
PLACEHOLDER_BASE = 0xF0000  # supplementary private use: never in text a note gives us


def encode(text: str) -> str:
    """Plain text -> a BibTeX value that means exactly that text."""
    return NEEDS_ESCAPE.sub(lambda m: ESCAPED[m.group(0)], text)


def encode_url(url: str) -> str:
    """An address as a verbatim BibTeX value: characters that would break the entry percent-encoded."""
    return quote(url, safe="!#$%&'()*+,-./:;=?@[]_~|^`\"<>")


def decode(value: str) -> str:
    """A BibTeX value -> plain text: our escapes undone exactly, a curator's LaTeX read."""
    if not LATEX_SIGNS.search(value):
        return value
    rest = OURS.sub("", value)
    if "\\" in rest or "~" in rest:
        return _decode_latex(value)
    # only our escapes and grouping braces (a curator's protective {UK}), which mean nothing in text
    return OURS_OR_BRACE.sub(lambda m: UNESCAPED.get(m.group(0), ""), value)


def field_text(name: str, value: str) -> str:
    """A field's value as text: verbatim fields as they are, the others decoded."""
    return value if name in VERBATIM_FIELDS else decode(value)


def _decode_latex(value: str) -> str:
    """Hand-written LaTeX, with our escapes kept apart from pylatexenc (which does not know all of them)."""
    found: list[str] = []

    def hold(match: re.Match[str]) -> str:
        found.append(UNESCAPED[match.group(0)])
        return chr(PLACEHOLDER_BASE + len(found) - 1)

    held = OURS.sub(hold, value)
    text = _converter().latex_to_text(held)
    return "".join(
        found[ord(c) - PLACEHOLDER_BASE] if PLACEHOLDER_BASE <= ord(c) < PLACEHOLDER_BASE + len(found) else c
        for c in text
    )


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
