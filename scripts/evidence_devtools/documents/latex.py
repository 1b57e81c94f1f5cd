"""A corpus text as a LaTeX article (one column, or `twocolumn`), for pdflatex.

Footnotes are LaTeX's own (\\footnote); endnotes are printed the way the
endnotes package prints them: superscript markers in the text, the notes
under a "Notes" heading at the end. Computer Modern has ligatures (ff, fi, fl,
ffi), and with `to_unicode` off pdfTeX writes no ToUnicode map, so that a
reader sees the ligature characters (U+FB00..) themselves, as in many PDFs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from evidence_devtools.documents.fodt import column_widths
from evidence_devtools.documents.layouts import Layout
from evidence_devtools.documents.model import (
    Block,
    DocumentText,
    Inline,
    Kind,
    Note,
    Run,
    TitleLine,
)

SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "“": "``",
    "”": "''",
    "‘": "`",
    "’": "'",
    "–": "--",
    "—": "---",
    "£": r"{\itshape\char36}",  # Computer Modern Italic's dollar is the pound sign: no bitmap TS1 font
    "|": r"$|$",
}
URL = re.compile(r"https?://[^\s\]]+[^\s\].,;)]")
TITLE_FORMATS = {
    "letterhead": r"{{\raggedleft\Large\bfseries {}\par}}",
    "address": r"{{\raggedleft\small {}\par}}",
    "subtitle": r"{{\large\itshape {}\par}}\medskip",
    "line": r"\noindent {}\par\medskip",
}


def escape(text: str) -> str:
    return "".join(SPECIAL.get(char, char) for char in text)


def escape_with_urls(text: str) -> str:
    pieces, position = [], 0
    for match in URL.finditer(text):
        pieces += [escape(text[position : match.start()]), rf"\url{{{match.group(0)}}}"]
        position = match.end()
    return "".join(pieces) + escape(text[position:])


def runs_tex(runs: tuple[Run, ...]) -> str:
    return "".join(rf"\emph{{{escape(r.text)}}}" if r.italic else escape_with_urls(r.text) for r in runs)


def inline_tex(parts: tuple[Inline, ...], document: DocumentText) -> str:
    notes = {note.number: note for note in document.notes}
    out = []
    for part in parts:
        if isinstance(part, Run):
            out.append(runs_tex((part,)))
        elif document.note_kind == "footnote":
            out.append(rf"\footnote{{{runs_tex(notes[part.number].runs)}}}")
        else:
            out.append(rf"\textsuperscript{{{part.number}}}")
    return "".join(out)


def title_tex(document: DocumentText) -> Iterator[str]:
    pending: list[str] = []
    for line in (*document.title_block, TitleLine("end", "")):
        if line.role == "title":
            pending.append(escape(line.text))
            continue
        if pending:
            yield r"{\LARGE\bfseries " + r"\\ ".join(pending) + r"\par}\bigskip"
            pending = []
        if line.role in TITLE_FORMATS:
            yield TITLE_FORMATS[line.role].format(escape(line.text))


def table_tex(block: Block) -> str:
    spec = "|".join(f"p{{{width:.2f}\\linewidth}}" for width in column_widths(block, 0.92))
    header, *rows = block.rows
    lines = [
        r"\begin{center}\small",
        rf"\begin{{tabular}}{{{spec}}}",
        r"\hline",
        " & ".join(rf"\textbf{{{escape(cell)}}}" for cell in header) + r" \\ \hline",
        *(" & ".join(escape(cell) for cell in row) + r" \\" for row in rows),
        r"\hline",
        r"\end{tabular}",
        r"\end{center}",
    ]
    return "\n".join(lines)


def sidebar_tex(block: Block, document: DocumentText) -> str:
    paragraphs = r"\par\smallskip ".join(inline_tex(item, document) for item in block.items)
    return rf"\begin{{center}}\fbox{{\parbox{{0.85\linewidth}}{{\small {paragraphs}}}}}\end{{center}}"


def block_tex(block: Block, document: DocumentText) -> str:
    if block.kind is Kind.HEADING:
        command = "section" if block.level == 2 else "subsection"
        return rf"\{command}*{{{inline_tex(block.items[0], document)}}}"
    if block.kind is Kind.PARAGRAPH:
        return inline_tex(block.items[0], document)
    if block.kind in (Kind.BULLETS, Kind.NUMBERED):
        environment = "itemize" if block.kind is Kind.BULLETS else "enumerate"
        items = "\n".join(rf"\item {inline_tex(item, document)}" for item in block.items)
        return rf"\begin{{{environment}}}" + "\n" + items + "\n" + rf"\end{{{environment}}}"
    if block.kind is Kind.TABLE:
        return table_tex(block)
    return sidebar_tex(block, document)


def endnotes_tex(notes: tuple[Note, ...]) -> str:
    lines = [r"\section*{Notes}", r"\begingroup\small\setlength{\parindent}{0pt}"]
    lines += [rf"\hangindent=1.2em\textsuperscript{{{n.number}}}\,{runs_tex(n.runs)}\par" for n in notes]
    return "\n".join([*lines, r"\endgroup"])


def preamble(document: DocumentText, layout: Layout) -> list[str]:
    options = "11pt,a4paper" + (",twocolumn" if layout.columns == 2 and layout.page_columns else "")
    lines = [
        rf"\documentclass[{options}]{{article}}",
        r"\usepackage[utf8]{inputenc}",
        r"\usepackage[british]{babel}",
        r"\usepackage[margin=2.2cm]{geometry}",
        r"\usepackage{url}\urlstyle{same}",
        r"\renewcommand{\labelitemi}{$\bullet$}",  # the text bullet would need a bitmap TS1 font
    ]
    if not layout.to_unicode:
        lines.append(r"\pdfgentounicode=0")
    if layout.columns == 1:
        lines.append(r"\usepackage{parskip}")
    if layout.columns > 1 and not layout.page_columns:
        lines.append(r"\usepackage{multicol}")
    if layout.running_header:
        lines += [
            r"\usepackage{fancyhdr}\pagestyle{fancy}\fancyhf{}\renewcommand{\headrulewidth}{0pt}",
            rf"\fancyhead[L]{{\small {escape(document.running_header)}}}",
            r"\fancyfoot[C]{\small Page \thepage}",
        ]
    return lines


def latex_document(document: DocumentText, layout: Layout) -> str:
    title = "\n".join(title_tex(document))
    if layout.columns == 2 and layout.page_columns:
        title = r"\twocolumn[{" + "\n" + title + "\n}]"
    body = [block_tex(block, document) for block in document.blocks]
    if layout.columns > 1 and not layout.page_columns:
        body = [rf"\begin{{multicols}}{{{layout.columns}}}", *body, r"\end{multicols}"]
    if document.note_kind == "endnote":
        body.append(endnotes_tex(document.notes))
    return "\n".join(
        [
            *preamble(document, layout),
            r"\begin{document}",
            title,
            "",
            "\n\n".join(body),
            r"\end{document}",
            "",
        ]
    )
