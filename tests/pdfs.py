"""PDFs with real footnotes, made by the tests with reportlab, and the clean
text that says the same thing."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
TITLE = "Example Trust's response to the Review of Probation Services"
HEADER = "Example Trust | Review of Probation Services"

# Each page: paragraphs (note numbers in {braces}) and the notes at its foot.
PAGES: list[tuple[list[str], list[tuple[int, str]]]] = [
    (
        [
            TITLE,
            "Introduction",
            "Example Trust welcomes the opportunity to respond to this review. Our members "
            "told us that local services matter most to the people they support.{1} Many of "
            "them work with fewer than ten staff, and 81% have an income under one million pounds.{2}",
            "We are concerned that commissioning at a larger scale will shut small providers "
            "out of supply chains, as it did in 2014 and 2015.{3}",
        ],
        [
            (1, "Clinks (2016) State of the sector. Available at: http://www.clinks.org/sots2016"),
            (2, "Ibid., p. 12"),
            (3, "Clinks (2016) Change and Challenge. Available at: http://www.clinks.org/change"),
        ],
    ),
    (
        [
            "Recommendations",
            "We recommend that the review team consults providers of every size before it "
            "decides the unit of commissioning.{4} We also recommend that the results are published.",
            "Published: March 2020",
        ],
        [(4, "HM Inspectorate of Probation (2019) Annual report. Online: https://example.gov.uk/annual")],
    ),
]


def clean_text() -> str:
    """The same response as plain text: footnotes between paragraphs, superscript markers."""
    chunks = []
    for paragraphs, notes in PAGES:
        chunks += [re.sub(r"\{(\d+)\}", lambda m: m.group(1).translate(SUPERSCRIPTS), p) for p in paragraphs]
        chunks += [str(number).translate(SUPERSCRIPTS) + text for number, text in notes]
    return "\n\n".join(chunks) + "\n"


def make_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14)
    foot = ParagraphStyle("foot", fontName="Helvetica", fontSize=8, leading=10)
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for paragraphs, notes in PAGES:
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, height - 40, HEADER)
        y = height - 80
        for text in paragraphs:
            markup = escape(text).replace("{", "<super>").replace("}", "</super>")
            paragraph = Paragraph(markup, body)
            _, used = paragraph.wrap(width - 144, y)
            paragraph.drawOn(pdf, 72, y - used)
            y -= used + 14
        y = 60 + 24 * len(notes)
        for number, text in notes:
            paragraph = Paragraph(f"<super>{number}</super>{escape(text)}", foot)
            _, used = paragraph.wrap(width - 144, 100)
            paragraph.drawOn(pdf, 72, y - used)
            y -= used + 4
        pdf.showPage()
    pdf.save()
    return path
