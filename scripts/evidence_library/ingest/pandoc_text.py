"""Pandoc's document tree (its JSON AST) -> the source text format. Pure: no I/O.

What each kind of block becomes (blocks separated by one blank line):

* a heading: ``#`` to ``######`` by the document's own heading level;
* a paragraph: one line, whatever line breaks it held;
* a list: one item per line, ``- item`` or ``1. item``; an item's own
  paragraphs are joined by a space, and its sub-items follow it as
  ``- sub-item`` lines (the clean stage reads lists flat);
* a table: a GitHub pipe table (a cell's ``|`` written ``\\|``); a table
  without a header row takes its first row as the header;
* quotations, divisions and figures: the blocks they hold;
* emphasis ``*italic*`` and ``**bold**``; links ``[words](address)``;
  images and raw markup are left out.

Footnotes and endnotes alike are numbered in one sequence in the order of
their references, written ``[^n]`` glued to the text before them, and listed
as ``[^n]: text`` (one line) at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Node = dict[str, Any]

LIGATURES = str.maketrans(
    {"ﬁ": "fi", "ﬀ": "ff", "ﬃ": "ffi", "ﬂ": "fl", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "\u00ad": None}
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # a stray form feed must not fake a page break
SPACES = re.compile(r"[ \t\n]+")
LINK_UNSAFE = str.maketrans({" ": "%20", "(": "%28", ")": "%29"})
LINKED_SCHEMES = ("http://", "https://", "mailto:")


@dataclass
class Notes:
    """The notes met so far, in the order of their references."""

    texts: list[str] = field(default_factory=list)


def clean(text: str) -> str:
    """Ligatures undone, soft hyphens and control characters removed."""
    return CONTROL.sub(" ", text.translate(LIGATURES))


def one_line(text: str) -> str:
    return SPACES.sub(" ", text).strip()


# Inlines ---------------------------------------------------------------------------------------


def _wrap(mark: str, text: str) -> str:
    """Emphasis hugs its words: '*word* ', never '* word *'."""
    inner = text.strip()
    if not inner:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{inner}{mark}{trail}"


def _link(node: Node, notes: Notes) -> str:
    words = inlines(node["c"][1], notes)
    address = str(node["c"][2][0]).strip()
    if not address.lower().startswith(LINKED_SCHEMES):
        return words  # a bookmark inside the document, or a file on the author's computer
    shown = one_line(words)
    if shown == address.removeprefix("mailto:"):
        return shown  # the words are the address
    if not shown:
        return address
    if "[" in shown or "]" in shown:
        return f"{shown} <{address.translate(LINK_UNSAFE)}>"
    return f"[{shown}]({address.translate(LINK_UNSAFE)})"


def _note(node: Node, notes: Notes) -> str:
    notes.texts.append(one_line(" ".join(blocks_as_lines(node["c"], notes))))
    return f"[^{len(notes.texts)}]"


QUOTES = {"SingleQuote": ("‘", "’"), "DoubleQuote": ("“", "”")}


def _quoted(node: Node, notes: Notes) -> str:
    opening, closing = QUOTES.get(node["c"][0]["t"], ("“", "”"))
    return f"{opening}{inlines(node['c'][1], notes)}{closing}"


INLINE_RULES: dict[str, Callable[[Node, Notes], str]] = {
    "Str": lambda node, _: clean(node["c"]),
    "Space": lambda _, __: " ",
    "SoftBreak": lambda _, __: " ",
    "LineBreak": lambda _, __: " ",
    "Emph": lambda node, notes: _wrap("*", inlines(node["c"], notes)),
    "Strong": lambda node, notes: _wrap("**", inlines(node["c"], notes)),
    "Quoted": _quoted,
    "Cite": lambda node, notes: inlines(node["c"][1], notes),
    "Code": lambda node, _: clean(node["c"][1]),
    "Math": lambda node, _: clean(node["c"][1]),
    "Span": lambda node, notes: inlines(node["c"][1], notes),
    "Link": _link,
    "Note": _note,
}
SAME_WORDS = ("Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps")  # their words, unmarked


def inline(node: Node, notes: Notes) -> str:
    kind = node["t"]
    if kind in SAME_WORDS:
        return inlines(node["c"], notes)
    rule = INLINE_RULES.get(kind)
    return rule(node, notes) if rule else ""  # Image, RawInline: nothing to read


def inlines(nodes: Sequence[Node], notes: Notes) -> str:
    pieces: list[str] = []
    for node in nodes:
        if node["t"] == "Note" and pieces:
            pieces[-1] = pieces[-1].rstrip()  # the marker is glued to what precedes it
        pieces.append(inline(node, notes))
    return "".join(pieces)


# Blocks ----------------------------------------------------------------------------------------


def _paragraph(node: Node, notes: Notes) -> list[str]:
    text = one_line(inlines(node["c"], notes))
    return [text] if text else []


def _heading(node: Node, notes: Notes) -> list[str]:
    level, _, content = node["c"]
    text = one_line(inlines(content, notes))
    return [f"{'#' * min(max(int(level), 1), 6)} {text}"] if text else []


def _item_lines(item: Sequence[Node], marker: str, notes: Notes) -> list[str]:
    """A list item: its own text on one line, then its sub-lists' items."""
    own: list[str] = []
    nested: list[str] = []
    for block in item:
        if block["t"] in ("BulletList", "OrderedList"):
            nested += _list_lines(block, notes, nested=True)
        else:
            own += blocks_as_lines([block], notes)
    text = one_line(" ".join(own))
    return ([f"{marker} {text}"] if text else []) + nested


def _list_lines(node: Node, notes: Notes, nested: bool = False) -> list[str]:
    ordered = node["t"] == "OrderedList"
    items = node["c"][1] if ordered else node["c"]
    start = int(node["c"][0][0]) if ordered else 1
    lines: list[str] = []
    for index, item in enumerate(items):
        marker = f"{start + index}." if ordered and not nested else "-"
        lines += _item_lines(item, marker, notes)
    return lines


def _list(node: Node, notes: Notes) -> list[str]:
    """A list's items as one block; a heading that a word processor keeps in a numbered outline
    (LibreOffice writes a .docx's headings so) stands alone, as the heading it is."""
    if _items(node) and all(_is_heading_item(item) for item in _items(node)):
        return blocks_as_lines([block for item in _items(node) for block in item], notes)
    lines = _list_lines(node, notes)
    return ["\n".join(lines)] if lines else []


def _items(node: Node) -> list[list[Node]]:
    return list(node["c"][1] if node["t"] == "OrderedList" else node["c"])


def _is_heading_item(item: list[Node]) -> bool:
    """An item of headings only (a heading, and the outline of its sub-headings)."""
    return bool(item) and all(
        block["t"] == "Header"
        or (block["t"] in ("BulletList", "OrderedList") and all(_is_heading_item(i) for i in _items(block)))
        for block in item
    )


def _cell_text(cell: Any, notes: Notes) -> str:
    return one_line(" ".join(blocks_as_lines(cell[4], notes))).replace("|", "\\|")


def _grid(rows: Sequence[Any], width: int, notes: Notes) -> list[list[str]]:
    """Rows of cells -> a full grid: a cell spanning rows or columns fills its first place, '' the rest."""
    grid: list[list[str]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a cell from above
    for row in rows:
        line: list[str] = []
        cells = list(row[1])
        while len(line) < width and (cells or pending):
            column = len(line)
            if pending.get(column, 0) > 0:
                pending[column] -= 1
                line.append("")
                continue
            if not cells:
                break
            cell = cells.pop(0)
            row_span, column_span = max(int(cell[2]), 1), max(int(cell[3]), 1)
            for offset in range(column_span):
                pending[column + offset] = row_span - 1
            line += [_cell_text(cell, notes)] + [""] * (column_span - 1)
        grid.append((line + [""] * width)[:width])
    return grid


def _table(node: Node, notes: Notes) -> list[str]:
    _, caption, columns, head, bodies, foot = node["c"]
    rows = list(head[1])
    for body in bodies:
        rows += list(body[2]) + list(body[3])
    rows += list(foot[1])
    width = max(len(columns), 1)
    out = blocks_as_lines(caption[1], notes)  # first: it stands before the table
    grid = [row for row in _grid(rows, width, notes) if any(row)]
    if grid:
        lines = [grid[0], ["---"] * width, *grid[1:]]
        out.append("\n".join("| " + " | ".join(cells) + " |" for cells in lines))
    return out


def _children(node: Node, notes: Notes) -> list[str]:
    return blocks_as_lines(node["c"], notes)


def _last_child(node: Node, notes: Notes) -> list[str]:
    return blocks_as_lines(node["c"][-1], notes)


def _definitions(node: Node, notes: Notes) -> list[str]:
    out: list[str] = []
    for term, definitions in node["c"]:
        out += [text] if (text := one_line(inlines(term, notes))) else []
        for definition in definitions:
            out += blocks_as_lines(definition, notes)
    return out


def _line_block(node: Node, notes: Notes) -> list[str]:
    text = one_line(" ".join(inlines(line, notes) for line in node["c"]))
    return [text] if text else []


def _code(node: Node, _: Notes) -> list[str]:
    text = one_line(clean(node["c"][1]))
    return [text] if text else []


def _figure(node: Node, notes: Notes) -> list[str]:
    return blocks_as_lines(node["c"][2], notes) + blocks_as_lines(node["c"][1][1], notes)


BLOCK_RULES: dict[str, Callable[[Node, Notes], list[str]]] = {
    "Plain": _paragraph,
    "Para": _paragraph,
    "Header": _heading,
    "BulletList": _list,
    "OrderedList": _list,
    "Table": _table,
    "BlockQuote": _children,
    "Div": _last_child,
    "DefinitionList": _definitions,
    "LineBlock": _line_block,
    "CodeBlock": _code,
    "Figure": _figure,
}


def blocks_as_lines(nodes: Sequence[Node], notes: Notes) -> list[str]:
    """Each block's text (a list or a table on several lines); HorizontalRule, RawBlock: nothing."""
    out: list[str] = []
    for node in nodes:
        rule = BLOCK_RULES.get(node["t"])
        if rule is not None:
            out += rule(node, notes)
    return out


def source_text(document: Node, leading: Sequence[Node] = ()) -> str:
    """A pandoc document -> the source text format; `leading` blocks come first (see word.py)."""
    notes = Notes()
    blocks = blocks_as_lines([*leading, *document["blocks"]], notes)
    definitions = [f"[^{number}]: {text}" for number, text in enumerate(notes.texts, start=1)]
    text = "\n\n".join([*blocks, *definitions])
    return text + "\n" if text else ""
