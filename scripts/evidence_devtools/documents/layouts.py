"""The page layouts the corpus prints each text in, and the files each layout gives.

A LibreOffice layout gives three files: the Word file (.docx, from the Flat ODT
by LibreOffice), and that Word file converted to PDF and to .odt. A LaTeX
layout gives one PDF, compiled with pdflatex.
"""

from __future__ import annotations

from dataclasses import dataclass

LIBREOFFICE_FORMATS = ("docx", "odt", "pdf-libreoffice")
LATEX_FORMATS = ("pdf-latex",)
EXTENSIONS = {"docx": "docx", "odt": "odt", "pdf-libreoffice": "pdf", "pdf-latex": "pdf"}


@dataclass(frozen=True)
class Layout:
    name: str
    engine: str  # "libreoffice" or "latex"
    split: str  # "dev", or "held-out": never looked at or tuned on while developing the importers
    description: str
    columns: int = 1
    page_columns: bool = (
        False  # columns of the page (LibreOffice page style, LaTeX twocolumn), not of a section
    )
    sidebar_box: bool = False  # sidebars in text boxes beside the text, else indented blocks in place
    running_header: bool = False
    page_numbers: str = "number"  # "number", "page-of" ("Page 2 of 5") or "page" ("Page 2")
    heading_colour: str = "#1f1f1f"
    to_unicode: bool = True  # LaTeX: a ToUnicode map for each font (pdfTeX's \pdfgentounicode)

    @property
    def formats(self) -> tuple[str, ...]:
        return LIBREOFFICE_FORMATS if self.engine == "libreoffice" else LATEX_FORMATS


LAYOUTS: tuple[Layout, ...] = (
    Layout("one-column", "libreoffice", "dev", "one column, page numbers in the footer"),
    Layout("two-column", "libreoffice", "dev", "title across the page, the body in a two-column section", 2),
    Layout(
        "text-box",
        "libreoffice",
        "dev",
        "one column; key facts and quotes in text boxes beside the text",
        sidebar_box=True,
    ),
    Layout(
        "header-footer",
        "libreoffice",
        "dev",
        "a running header on every page, 'Page N of M' in the footer",
        running_header=True,
        page_numbers="page-of",
    ),
    Layout(
        "three-column",
        "libreoffice",
        "dev",
        "three page columns (the title too), page numbers in the footer",
        columns=3,
        page_columns=True,
    ),
    Layout("latex-one-column", "latex", "dev", "LaTeX article, one column, \\footnote"),
    Layout(
        "latex-two-column",
        "latex",
        "dev",
        "LaTeX article in twocolumn with a running header; fonts without a ToUnicode map",
        columns=2,
        page_columns=True,
        running_header=True,
        page_numbers="page",
        to_unicode=False,
    ),
    Layout(
        "briefing",
        "libreoffice",
        "held-out",
        "designer-style briefing: three page columns, coloured headings, text boxes, header and footer",
        columns=3,
        page_columns=True,
        sidebar_box=True,
        running_header=True,
        page_numbers="page",
        heading_colour="#7a1f5c",
    ),
    Layout(
        "latex-multicol",
        "latex",
        "held-out",
        "LaTeX article with the body in a two-column multicols environment, full-width footnotes, "
        "a running header and 'Page N'",
        columns=2,
        running_header=True,
        page_numbers="page",
    ),
)


def layout_named(name: str) -> Layout:
    return next(layout for layout in LAYOUTS if layout.name == name)


def furniture_lines(layout: Layout, running_header: str, pages: int = 60) -> tuple[str, ...]:
    """What the layout prints at page edges (up to `pages` pages): header and page numbers."""
    header = (running_header,) if layout.running_header else ()
    if layout.page_numbers == "page-of":
        return (*header, *(f"Page {n} of {pages}" for n in range(1, pages + 1)))
    if layout.page_numbers == "page":
        return (*header, *(f"Page {n}" for n in range(1, pages + 1)))
    return (*header, *(str(n) for n in range(1, pages + 1)))
