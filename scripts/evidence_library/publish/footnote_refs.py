"""A Markdown extension that gives repeated footnote references their ids in constant time.

Python-Markdown's footnotes extension gives the k-th reference to a note the
id `fnrefk:n` by trying `fnref:n`, `fnref2:n`, … until it finds one not yet
used, so a note cited k times costs k²/2 set look-ups: a response citing
note 1 sixteen thousand times kept MkDocs busy for minutes. The ids it ends
up with are the count of earlier references plus one, which it already keeps
(`found_refs`); this extension asks for that id directly, and falls back to
the search only if that id were somehow taken. The HTML is the same, byte for
byte (tests/unit/test_footnote_refs.py compares it with the extension's own).

It is listed in mkdocs.yml after `footnotes`, so `evidence-library build`
and a bare `mkdocs build` both use it.
"""

from __future__ import annotations

import types
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension


def _next_ref(footnotes: FootnoteExtension, reference: str) -> str:
    """The id the search would find: `fnref:n` first, then `fnref2:n`, `fnref3:n`, …"""
    count = footnotes.found_refs.get(reference, 0) + 1
    if count == 1:
        return reference
    ref, rest = reference.split(footnotes.get_separator(), 1)
    return f"{ref}{count}{footnotes.get_separator()}{rest}"


def linear_unique_ref(footnotes: FootnoteExtension, reference: str, found: bool = False) -> str:
    if not found:
        return reference
    candidate = _next_ref(footnotes, reference)
    if candidate in footnotes.used_refs:  # not from a run of references to one note: search
        return str(FootnoteExtension.unique_ref(footnotes, reference, found))
    footnotes.used_refs.add(candidate)
    footnotes.found_refs[reference] = footnotes.found_refs.get(reference, 0) + 1
    return candidate


class LinearFootnoteRefsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        for extension in md.registeredExtensions:
            if isinstance(extension, FootnoteExtension):
                extension.unique_ref = types.MethodType(linear_unique_ref, extension)  # type: ignore[method-assign]


def makeExtension(**kwargs: Any) -> LinearFootnoteRefsExtension:  # noqa: N802 (Python-Markdown's name)
    return LinearFootnoteRefsExtension(**kwargs)
