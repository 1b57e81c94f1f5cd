"""The PDF file -> its pages' glyphs and its own properties, through pdfium (pypdfium2). The only I/O.

pdfium reads each page's characters with their boxes (the font's box, not
the ink's), type size and font name, in the order the page draws them; it is
several times faster than pdfminer.six, which matters for long documents.
The file is untrusted: its size and page count are bounded (`MAX_FILE_BYTES`,
`MAX_PAGES`), and every way pdfium fails on it (encrypted, damaged, not a
PDF at all) becomes a refusal that names the file and says what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from evidence_library.diagnostics import Diagnostic, Location, Severity, UserError
from evidence_library.ingest.imported import DocumentProperties
from evidence_library.ingest.pdf.boxes import Glyph, Rule
from evidence_library.ingest.pdf.glyphs import normalise

MAX_FILE_BYTES = 100 * 2**20  # a response is at most this large
MAX_PAGES = 1_000  # and has at most this many pages (each page costs about 0.05 s)
FONT_NAME_BYTES = 128
PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
PLACEHOLDER_TITLES = re.compile(r"^(?:untitled|microsoft word - .*|document\d*)$", re.IGNORECASE)
RULE_WIDTH = 2.0  # points: a drawn path at most this wide
RULE_HEIGHT = 6.0  # and at least this tall is a vertical rule
MAX_RULES = 2_000  # a page drawing more paths than this (a chart, a map) is read for its text only


@dataclass(frozen=True)
class PageGlyphs:
    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]  # in drawing order
    rules: tuple[Rule, ...] = ()  # vertical rules, left to right


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


def page_glyphs(page: Any, number: int) -> PageGlyphs:
    """A pdfium page's printed characters as glyphs, in drawing order. The spaces pdfium puts between
    words stay (as word breaks); its line breaks go; a hyphen it marks at a line end is a hyphen.
    Type size and font are asked for only when a character's box changes height or a word begins."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    textpage = page.get_textpage()
    handle, count = textpage.raw, textpage.count_chars()
    box = pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(FONT_NAME_BYTES)
    flags = ctypes.c_int()
    glyphs: list[Glyph] = []
    size, font, box_height, word_start = 0.0, "", -1.0, True
    for index in range(count):
        char = chr(pdfium_c.FPDFText_GetUnicode(handle, index))
        if char in "\r\n":
            word_start = True
            continue
        letters = "-" if char == "\x02" else normalise(char)  # pdfium writes a line-end hyphen as 0x02
        if not letters:
            continue
        pdfium_c.FPDFText_GetLooseCharBox(handle, index, box)
        if letters.isspace():
            glyphs.append(Glyph(" ", box.left, box.left, height - box.top, height - box.bottom, size, font))
            word_start = True
            continue
        if glyphs and glyphs[-1].x0 == box.left and glyphs[-1].x1 == box.right and box.right > box.left:
            last = glyphs[-1]  # one ligature glyph, spelled as several characters in one box
            glyphs[-1] = Glyph(
                last.text + letters, last.x0, last.x1, last.top, last.bottom, last.size, last.font
            )
            continue
        if word_start or abs(box.top - box.bottom - box_height) > 0.01:
            size = pdfium_c.FPDFText_GetFontSize(handle, index) or (box.top - box.bottom)
            pdfium_c.FPDFText_GetFontInfo(handle, index, name, FONT_NAME_BYTES, flags)
            font, box_height, word_start = name.value.decode("latin-1"), box.top - box.bottom, False
        glyphs.append(Glyph(letters, box.left, box.right, height - box.top, height - box.bottom, size, font))
    textpage.close()
    return PageGlyphs(number, width, height, tuple(glyphs), page_rules(page, height))


def page_rules(page: Any, height: float) -> tuple[Rule, ...]:
    """The page's vertical rules: thin, tall paths (cell borders, column rules), left to right."""
    import pypdfium2.raw as pdfium_c

    rules = []
    for index, drawn in enumerate(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,))):
        if index >= MAX_RULES:
            return ()
        left, bottom, right, top = drawn.get_bounds()
        if right - left <= RULE_WIDTH and top - bottom >= RULE_HEIGHT:
            rules.append(Rule((left + right) / 2, height - top, height - bottom))
    return tuple(sorted(rules, key=lambda rule: (rule.x, rule.top)))


def read_properties(info: dict[str, str]) -> DocumentProperties:
    """Title, author and creation date from the PDF's info dictionary (a placeholder title is none)."""
    fields = {key: " ".join(str(value).split()) for key, value in info.items()}
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
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if b"%PDF" not in raw[:1024]:
        raise _bad_pdf(shown_as, "this is not a PDF file")
    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise _encrypted(shown_as) from None
        raise _bad_pdf(shown_as, str(error)) from None


def read_pages(raw: bytes, shown_as: str) -> tuple[tuple[PageGlyphs, ...], DocumentProperties]:
    """Every page's glyphs and the document's properties; refusals are `UserError`s."""
    check_size(len(raw), shown_as)
    document = _open(raw, shown_as)
    try:
        if len(document) > MAX_PAGES:
            raise refusal(
                "read.too-many-pages",
                shown_as,
                f"the PDF has {len(document)} pages; a response is at most {MAX_PAGES}",
                "split it, or save its text as .txt and add that",
            )
        pages = []
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            pages.append(page_glyphs(page, number))
            page.close()
        properties = read_properties(document.get_metadata_dict())
    except UserError:
        raise
    except Exception as error:  # pdfium's failures on a damaged page are the input's problem
        raise _bad_pdf(shown_as, str(error) or type(error).__name__) from None
    finally:
        document.close()
    return tuple(pages), properties
