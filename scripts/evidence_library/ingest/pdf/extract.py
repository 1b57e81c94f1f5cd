"""The PDF file -> its pages' glyphs and its own properties, through pdfminer.six. The only I/O here.

The file is untrusted: its size and page count are bounded (`MAX_FILE_BYTES`,
`MAX_PAGES`), and every way pdfminer fails on it (encrypted, damaged, not a
PDF at all) becomes a refusal that names the file and says what to do.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from evidence_library.diagnostics import Diagnostic, Location, Severity, UserError
from evidence_library.ingest.imported import DocumentProperties
from evidence_library.ingest.pdf.boxes import Glyph
from evidence_library.ingest.pdf.glyphs import normalise

MAX_FILE_BYTES = 100 * 2**20  # a response is at most this large
MAX_PAGES = 1_000  # and has at most this many pages (each page costs about 0.05 s)
PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
PLACEHOLDER_TITLES = re.compile(r"^(?:untitled|microsoft word - .*|document\d*)$", re.IGNORECASE)


@dataclass(frozen=True)
class PageGlyphs:
    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]  # in drawing order


def refusal(code: str, shown_as: str, message: str, hint: str) -> UserError:
    return UserError(Diagnostic(code, Severity.ERROR, Location(shown_as), message, hint))


def check_size(raw_size: int, shown_as: str) -> None:
    if raw_size > MAX_FILE_BYTES:
        raise refusal(
            "read.too-large",
            shown_as,
            f"the file is {raw_size // 2**20} MB; a response is at most {MAX_FILE_BYTES // 2**20} MB",
            "save the PDF again without embedded pictures, or save its text as .txt and add that",
        )


def _glyphs(item: Any, height: float) -> Iterator[Glyph]:
    """The characters of a layout item, inside figures (form XObjects) too, in drawing order."""
    from pdfminer.layout import LTChar, LTContainer

    if isinstance(item, LTChar):
        text = normalise(item.get_text())
        if text:
            yield Glyph(text, item.x0, item.x1, height - item.y1, height - item.y0, item.size, item.fontname)
    elif isinstance(item, LTContainer):
        for child in item:
            yield from _glyphs(child, height)


def _decode(value: Any) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        return " ".join(decode_text(value).split())
    return " ".join(value.split()) if isinstance(value, str) else ""


def read_properties(info: list[dict[str, Any]]) -> DocumentProperties:
    """Title, author and creation date from the PDF's info dictionary (a placeholder title is none)."""
    fields = {key: _decode(value) for entry in info for key, value in entry.items()}
    title = fields.get("Title", "")
    if PLACEHOLDER_TITLES.match(title):
        title = ""
    created = ""
    if match := PDF_DATE.match(fields.get("CreationDate", "")):
        created = "-".join(part for part in match.groups() if part)
    return DocumentProperties(title, fields.get("Author", ""), created)


def _bad_pdf(shown_as: str, why: str) -> UserError:
    return refusal(
        "read.bad-pdf",
        shown_as,
        f"the PDF could not be read: {why}",
        "check the file opens in a PDF reader; if it does, print it to a new PDF (or save its text as "
        ".txt) and add that",
    )


def _encrypted(shown_as: str) -> UserError:
    return refusal(
        "read.encrypted",
        shown_as,
        "the PDF is protected by a password, so its text cannot be read",
        "open it with the password, save or print a copy without one, and add that",
    )


def _open(raw: bytes, shown_as: str) -> Any:
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    if not raw.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in raw[:1024]:
        raise _bad_pdf(shown_as, "this is not a PDF file")
    try:
        return PDFDocument(PDFParser(io.BytesIO(raw)), password="")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise _encrypted(shown_as) from None
    except Exception as error:  # pdfminer's many failures on a damaged file are the input's, not ours
        raise _bad_pdf(shown_as, str(error) or type(error).__name__) from None


def read_pages(raw: bytes, shown_as: str) -> tuple[tuple[PageGlyphs, ...], DocumentProperties]:
    """Every page's glyphs and the document's properties; refusals are `UserError`s."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    check_size(len(raw), shown_as)
    document = _open(raw, shown_as)
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number > MAX_PAGES:
                raise refusal(
                    "read.too-many-pages",
                    shown_as,
                    f"the PDF has more than {MAX_PAGES} pages; a response is at most {MAX_PAGES}",
                    "split it, or save its text as .txt and add that",
                )
            interpreter.process_page(page)
            layout = device.get_result()
            glyphs = tuple(_glyphs(layout, layout.y1))
            pages.append(PageGlyphs(number, layout.width, layout.height, glyphs))
        properties = read_properties(document.info)
    except UserError:
        raise
    except Exception as error:  # as above: a damaged page is the input's problem
        raise _bad_pdf(shown_as, str(error) or type(error).__name__) from None
    return tuple(pages), properties
