"""How common a word is in English, from wordfreq's word list (the library Apache-2.0, its data CC BY-SA 4.0).

A word hyphenated across two lines of a typeset document ("relation-" /
"ships", "over-" / "represented") is either one word the typesetter broke or
a compound the author wrote with a hyphen. When the document itself does not
say (it never writes the word whole, nor the compound), how common the whole
word is in English decides: a word that English uses at least once in a
million words (`COMMON_ZIPF` on wordfreq's Zipf scale) is taken to be the word
the author wrote.

The list is loaded at the first question (about 0.25 s), so only documents
that need it pay for it.
"""

from __future__ import annotations

from functools import lru_cache

COMMON_ZIPF = 3.0  # once per million words
LANGUAGE = "en"
WORDLIST = "small"  # the words English uses at least about once in ten million: enough, and quick to load


@lru_cache(maxsize=4096)
def is_common_word(word: str) -> bool:
    """Whether `word`, as written, is a word English uses at least once in a million words."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, LANGUAGE, wordlist=WORDLIST) >= COMMON_ZIPF
