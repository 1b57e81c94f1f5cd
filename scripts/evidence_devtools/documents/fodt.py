"""A corpus text as a Flat ODT document (.fodt) in one of the LibreOffice layouts.

Notes are real ODF notes (text:note, footnote or endnote class), so that the
Word file LibreOffice makes from it has real Word footnotes or endnotes.
Sidebars become text boxes (a draw:frame holding a draw:text-box) anchored to
the paragraph that follows them, or indented paragraphs where the layout has
no boxes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape

from evidence_devtools.documents.layouts import Layout
from evidence_devtools.documents.model import (
    Block,
    DocumentText,
    Inline,
    Kind,
    Note,
    NoteMark,
    Run,
    TitleLine,
)

TEMPLATE = Path(__file__).resolve().parent / "templates" / "document.fodt"
TITLE_STYLES = {
    "letterhead": "Letterhead",
    "address": "Address",
    "line": "Date_20_line",
    "subtitle": "Subtitle",
}


def runs_xml(runs: tuple[Run, ...]) -> str:
    return "".join(
        f'<text:span text:style-name="Emphasis">{escape(run.text)}</text:span>'
        if run.italic
        else escape(run.text)
        for run in runs
    )


def note_xml(note: Note, note_class: str) -> str:
    style = "Footnote" if note_class == "footnote" else "Endnote"
    return (
        f'<text:note text:id="{note_class}{note.number}" text:note-class="{note_class}">'
        f"<text:note-citation>{note.number}</text:note-citation><text:note-body>"
        f'<text:p text:style-name="{style}">{runs_xml(note.runs)}</text:p></text:note-body></text:note>'
    )


def inline_xml(parts: tuple[Inline, ...], document: DocumentText) -> str:
    notes = {note.number: note for note in document.notes}
    return "".join(
        note_xml(notes[part.number], document.note_kind) if isinstance(part, NoteMark) else runs_xml((part,))
        for part in parts
    )


def heading_xml(text: str, level: int, style: str) -> str:
    return f'<text:h text:style-name="{style}" text:outline-level="{level}">{text}</text:h>'


def title_xml(document: DocumentText) -> Iterator[str]:
    """The title block; consecutive title lines are one title broken by line breaks."""
    pending: list[TitleLine] = []
    for line in (*document.title_block, TitleLine("end", "")):
        if line.role == "title":
            pending.append(line)
            continue
        if pending:
            text = "<text:line-break/>".join(escape(item.text) for item in pending)
            if document.title_style == "title":
                yield f'<text:p text:style-name="Title">{text}</text:p>'
            else:
                yield heading_xml(text, 1, "Heading_20_1")
            pending = []
        if line.role in TITLE_STYLES:
            yield f'<text:p text:style-name="{TITLE_STYLES[line.role]}">{escape(line.text)}</text:p>'


def list_xml(block: Block, document: DocumentText) -> str:
    style = "LBullet" if block.kind is Kind.BULLETS else "LNumber"
    paragraph = "List_20_Bullet" if block.kind is Kind.BULLETS else "List_20_Number"
    items = "".join(
        f'<text:list-item><text:p text:style-name="{paragraph}">{inline_xml(item, document)}</text:p>'
        "</text:list-item>"
        for item in block.items
    )
    return f'<text:list text:style-name="{style}">{items}</text:list>'


def column_widths(block: Block, width_cm: float) -> tuple[float, ...]:
    """Widths in proportion to each column's longest word and its longest cell, so that no
    word is broken inside a narrow column."""
    weights = [
        max(
            max(len(word) for cell in column for word in cell.split()) * 1.6,
            max(len(c) for c in column) * 0.5,
        )
        for column in zip(*block.rows, strict=True)
    ]
    return tuple(round(width_cm * weight / sum(weights), 2) for weight in weights)


def column_styles(document: DocumentText, width_cm: float) -> str:
    styles = []
    for number, block in enumerate(document.blocks, start=1):
        if block.kind is Kind.TABLE:
            for column, width in enumerate(column_widths(block, width_cm), start=1):
                styles.append(
                    f'<style:style style:name="Table{number}.C{column}" style:family="table-column">'
                    f'<style:table-column-properties style:column-width="{width}cm"/></style:style>'
                )
    return "\n".join(styles)


def table_row_xml(cells: tuple[str, ...], style: str) -> str:
    return (
        "<table:table-row>"
        + "".join(
            '<table:table-cell table:style-name="Cell" office:value-type="string">'
            f'<text:p text:style-name="{style}">{escape(cell)}</text:p></table:table-cell>'
            for cell in cells
        )
        + "</table:table-row>"
    )


def table_xml(block: Block, number: int) -> str:
    header, *rows = block.rows
    columns = "".join(
        f'<table:table-column table:style-name="Table{number}.C{column}"/>'
        for column in range(1, len(header) + 1)
    )
    return (
        f'<table:table table:name="Table{number}" table:style-name="Table">{columns}'
        f"<table:table-header-rows>{table_row_xml(header, 'Table_20_Heading')}</table:table-header-rows>"
        + "".join(table_row_xml(cells, "Table_20_Contents") for cells in rows)
        + "</table:table>"
    )


def frame_xml(block: Block, document: DocumentText, number: int) -> str:
    paragraphs = "".join(
        f'<text:p text:style-name="Frame_20_contents">{inline_xml(item, document)}</text:p>'
        for item in block.items
    )
    return (
        f'<draw:frame draw:style-name="Box" draw:name="Box{number}" text:anchor-type="paragraph" '
        f'svg:width="5.5cm" draw:z-index="{number}"><draw:text-box fo:min-height="1cm">{paragraphs}'
        "</draw:text-box></draw:frame>"
    )


def heading_level(block: Block, document: DocumentText) -> int:
    """Word's outline level: sections are Heading 1 under a Title-style title, else Heading 2."""
    return block.level - 1 if document.title_style == "title" else block.level


def block_xml(block: Block, document: DocumentText, layout: Layout, frame: str, number: int) -> str:
    if block.kind is Kind.HEADING:
        level = heading_level(block, document)
        return heading_xml(inline_xml(block.items[0], document), level, f"Heading_20_{level}")
    if block.kind is Kind.PARAGRAPH:
        return (
            f'<text:p text:style-name="Text_20_body">{frame}{inline_xml(block.items[0], document)}</text:p>'
        )
    if block.kind in (Kind.BULLETS, Kind.NUMBERED):
        return list_xml(block, document)
    if block.kind is Kind.TABLE:
        return table_xml(block, number)
    return "".join(
        f'<text:p text:style-name="Quotations">{inline_xml(item, document)}</text:p>' for item in block.items
    )


def body_xml(document: DocumentText, layout: Layout) -> Iterator[str]:
    """The blocks in order; a sidebar's box goes into the paragraph after it."""
    frame = ""
    for number, block in enumerate(document.blocks, start=1):
        if block.kind is Kind.SIDEBAR and layout.sidebar_box:
            frame += frame_xml(block, document, number)
            continue
        if frame and block.kind is not Kind.PARAGRAPH:
            yield f'<text:p text:style-name="Text_20_body">{frame}</text:p>'
            frame = ""
        yield block_xml(block, document, layout, frame, number)
        frame = ""
    if frame:
        yield f'<text:p text:style-name="Text_20_body">{frame}</text:p>'


def furniture_xml(document: DocumentText, layout: Layout) -> str:
    number = '<text:page-number text:select-page="current">1</text:page-number>'
    footer = {
        "number": number,
        "page": f"Page {number}",
        "page-of": f"Page {number} of <text:page-count>1</text:page-count>",
    }[layout.page_numbers]
    header_text = f'<text:p text:style-name="Header">{escape(document.running_header)}</text:p>'
    header = f"<style:header>{header_text}</style:header>" if layout.running_header else ""
    return f'{header}<style:footer><text:p text:style-name="Footer">{footer}</text:p></style:footer>'


def meta_xml(document: DocumentText) -> str:
    title = document.properties.get("title", "")
    author = document.properties.get("author", "")
    return "\n".join(
        f"  <{tag}>{escape(value)}</{tag}>"
        for tag, value in (("dc:title", title), ("meta:initial-creator", author), ("dc:creator", author))
        if value
    )


def fodt_document(document: DocumentText, layout: Layout) -> str:
    body = "\n".join(body_xml(document, layout))
    if layout.columns > 1 and not layout.page_columns:
        body = f'<text:section text:style-name="Columns" text:name="Body">{body}</text:section>'
    table_width = {1: 17.0, 2: 8.2}.get(layout.columns, 5.2)
    page_columns = (
        f'<style:columns fo:column-count="{layout.columns}" fo:column-gap="0.6cm"/>'
        if layout.page_columns
        else ""
    )
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        meta=meta_xml(document),
        heading_colour=layout.heading_colour,
        page_columns=page_columns,
        columns=max(layout.columns, 1),
        table_width=f"{table_width}cm",
        column_styles=column_styles(document, table_width),
        furniture=furniture_xml(document, layout),
        body="\n".join(title_xml(document)) + "\n" + body,
    )
