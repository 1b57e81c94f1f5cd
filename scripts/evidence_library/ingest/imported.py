"""What an importer gives `add`: a document's text in the source text format, and what it says of itself.

The source text format (what `sources/<slug>.md` holds below its front matter)
is described in CONTRIBUTING.md and read by `text/clean.py` and `text/notes.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentProperties:
    """What a document says about itself: a PDF's info dictionary, a Word or ODT file's core properties."""

    title: str = ""
    author: str = ""
    created: str = ""  # ISO 8601, YYYY-MM-DD or YYYY-MM, when known


@dataclass(frozen=True)
class ImportedDocument:
    text: str  # the source text format
    kind: str  # "text", "pdf", "docx" or "odt"
    properties: DocumentProperties = field(default_factory=DocumentProperties)
    sha256: str = ""  # of the original file, recorded for formats that are not text
    set_aside: tuple[str, ...] = ()  # text the importer left out (a PDF's running headers, page numbers)
