"""Text out of a PDF, using the layout pdfplumber exposes.

What plain text loses, the characters' sizes and positions keep:

* a digit smaller than the rest of its line is a note marker or label, and
  is written as a Unicode superscript (``¹``), which the notes stage reads;
* a change of font size between lines (body text to page-bottom footnotes),
  or a vertical gap larger than the line spacing, starts a new paragraph;
* each page ends with a form feed, so that the clean stage sees page edges.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from evidence_library.diagnostics import Diagnostic, Location, Severity, UserError

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SMALLER = 0.85  # a digit under 85% of its line's usual size is raised or lowered text
Y_TOLERANCE = 4.5  # points: a raised marker joins its line, the next line stays apart
NEW_PARAGRAPH_GAP = 1.6  # a gap this many times the line height means a blank line


def _line_size(chars: list[dict[str, Any]]) -> float:
    return float(statistics.median(c["size"] for c in chars if c["text"].strip()) if chars else 0.0)


def line_text(chars: list[dict[str, Any]]) -> str:
    """A line's characters, with small digits written as superscripts."""
    size = _line_size(chars)
    pieces = []
    previous: dict[str, Any] | None = None
    for char in chars:
        text = char["text"]
        if previous is not None and char["x0"] - previous["x1"] > 0.2 * size and not text.isspace():
            pieces.append(" ")  # pdfplumber gives word gaps as positions, not always as spaces
        if text.isdigit() and char["size"] < SMALLER * size:
            text = text.translate(SUPERSCRIPTS)
        pieces.append(text)
        previous = char
    return " ".join("".join(pieces).split())


def page_text(lines: list[dict[str, Any]]) -> str:
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for line in lines:
        chars = [c for c in line["chars"] if c["text"]]
        size = _line_size(chars)
        if previous is not None:
            height = previous["bottom"] - previous["top"]
            gap = line["top"] - previous["bottom"]
            size_changed = abs(size - previous["size"]) > 0.15 * max(size, previous["size"])
            if size_changed or gap > (NEW_PARAGRAPH_GAP - 1) * height:
                out.append("")
        out.append(line_text(chars))
        previous = {"top": line["top"], "bottom": line["bottom"], "size": size}
    return "\n".join(out)


def extract_pdf_text(path: Path, shown_as: str) -> str:
    """The text of every page, pages separated by form feeds."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            pages = [
                page_text(page.extract_text_lines(return_chars=True, y_tolerance=Y_TOLERANCE))
                for page in pdf.pages
            ]
    except Exception as error:  # the parser's many failures on a damaged file are the input's, not ours
        raise UserError(
            Diagnostic(
                "read.bad-pdf",
                Severity.ERROR,
                Location(shown_as),
                f"the PDF could not be read: {error}",
                "check the file opens in a PDF reader; if it does, save its text and add that instead",
            )
        ) from None
    text = "\n\f".join(pages).strip()
    if not text:
        raise UserError(
            Diagnostic(
                "read.pdf-without-text",
                Severity.ERROR,
                Location(shown_as),
                "the PDF has no text layer (it is probably scanned images)",
                "run it through OCR first, or type or paste the text into a .txt file and add that",
            )
        )
    return text + "\n"
