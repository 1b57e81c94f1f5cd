"""A PDF -> an `ImportedDocument` in the source text format, through layout analysis.

The steps, one module each, over positioned boxes (`boxes.py`):

1. `extract`: pdfminer.six draws each page; its characters become glyphs
   (`glyphs`: ligatures and presentation forms spelled out once, soft
   hyphens dropped); refusals for encrypted, damaged and oversized files;
2. `lines`: glyphs -> lines, with spaces and superscript note markers;
3. `furniture`: running headers and footers and page numbers taken out;
4. `order`: each page's lines -> regions in reading order (recursive XY-cut);
5. `notes`: footnotes and endnotes taken out of the body;
6. `blocks`: paragraphs, headings with their levels, list items;
7. `write`: the source text format, notes paired with their markers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from evidence_library.diagnostics import Diagnostic, Location, Severity, UserError
from evidence_library.ingest.imported import DocumentProperties, ImportedDocument
from evidence_library.ingest.pdf import blocks, extract, furniture, lines, notes, order, write
from evidence_library.ingest.pdf.boxes import Page, body_size


@dataclass(frozen=True)
class PdfLayout:
    """What the layout analysis made of a PDF."""

    text: str  # the source text format
    properties: DocumentProperties
    pages: int
    furniture: tuple[str, ...]  # the running headers, footers and page numbers taken out


def analyse(pages: tuple[extract.PageGlyphs, ...], properties: DocumentProperties) -> PdfLayout:
    """Glyphs of every page -> the document's text. Pure: no I/O."""
    laid_out = tuple(
        Page(page.number, page.width, page.height, lines.page_lines(page.glyphs, page.number, page.rules))
        for page in pages
    )
    body_pages, removed = furniture.split_furniture(laid_out)
    size = body_size(line for page in body_pages for line in page.lines)
    ordered = [
        notes.PageRegions(page.number, page.height, tuple(map(tuple, order.reading_order(page.lines, size))))
        for page in body_pages
    ]
    body, found = notes.split_notes(ordered, size)
    vocabulary = blocks.vocabulary_of(line for page in laid_out for line in page.lines)
    breaks = blocks.breaks_words((line for page in laid_out for line in page.lines), vocabulary)
    regions = [region for page in body for region in page.regions]
    document_blocks = blocks.make_blocks(regions, size, vocabulary, breaks)
    set_aside = [line.text for line in removed]
    if found and document_blocks and blocks.is_notes_heading(document_blocks[-1]):
        set_aside.append(document_blocks.pop().text)  # the heading of the endnotes, now listed apart
    note_texts = [
        (note.number, note.page, blocks.join_lines((line.text for line in note.lines), vocabulary, breaks))
        for note in found
    ]
    text = write.source_text(document_blocks, note_texts)
    return PdfLayout(text, properties, len(pages), tuple(set_aside))


def import_pdf(path: Path, shown_as: str) -> ImportedDocument:
    """Read and lay out a PDF; refusals are `UserError`s naming the file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise extract.refusal(
            "read.unreadable",
            shown_as,
            f"cannot read the file: {error.strerror}",
            "check that the path exists and is a readable file",
        ) from None
    pages, properties = extract.read_pages(raw, shown_as)
    layout = analyse(pages, properties)
    if not layout.text.strip():
        raise UserError(
            Diagnostic(
                "read.pdf-without-text",
                Severity.ERROR,
                Location(shown_as),
                "the PDF has no text layer (it is probably scanned images)",
                "run it through OCR first, or type or paste the text into a .txt file and add that",
            )
        )
    digest = hashlib.sha256(raw).hexdigest()
    return ImportedDocument(layout.text, "pdf", layout.properties, digest, layout.furniture)
