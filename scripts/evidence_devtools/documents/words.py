"""Words as the corpus compares them: the truth and the imported page are cut the same way.

A word is a run of letters and digits, with inner apostrophes; hyphens,
punctuation, Markdown emphasis and superscript note markers separate words
or are dropped. Case is folded with ``lower`` (not ``casefold``, which would
turn the ligature ``ﬁ`` into ``fi`` and hide a corrupted word).
"""

from __future__ import annotations

import re

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
WORD_NOTE_MARKER = re.compile(r"\[\^\d{1,3}\]")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
GARBLED = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0e-\x1f]+")  # private use, replacement, controls


def plain(text: str) -> str:
    """Text without Markdown link targets, Word-style note markers or superscript digits."""
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = WORD_NOTE_MARKER.sub("", text)
    return text.translate(str.maketrans("", "", SUPERSCRIPT_DIGITS))


def words(text: str) -> tuple[str, ...]:
    """The words of `text`, lower case, apostrophes made straight."""
    return tuple(w.lower().translate(QUOTES) for w in WORD.findall(plain(text)))


def anchor_word(text_before: str) -> str:
    """The word a note marker is glued to: the last word of the text before it."""
    found = words(text_before)
    return found[-1] if found else ""


def note_key(text: str) -> str:
    """A note's text for comparison: no white space, no emphasis or escapes, straight quotes.

    White space is dropped because a PDF breaks long addresses across lines;
    words glued together are caught by the corrupted-words count instead."""
    text = MARKDOWN_LINK.sub(r"\1", text).replace("\\", "")
    text = re.sub(r"[*_]", "", text)
    return "".join(text.translate(QUOTES).lower().split())


def garbled(text: str) -> tuple[str, ...]:
    """Runs of characters no document prints as text: a symbol font's private-use bullets,
    the replacement character, control characters (the form feed of a page break aside)."""
    return tuple(GARBLED.findall(text))
