"""Simple tables: short cells in columns whose rows start level with each other -> GitHub pipe tables.

A region is a table when white space cuts it into 2 to `MAX_COLUMNS`
columns, every column starts on the first row, at least `MIN_ROWS` rows
begin with cells in two columns or more at the same height, and its lines
are short (`MAX_CELL_CHARS` on average: columns of running text hold longer
lines), and its rows do not read as running text (`_running_text`: narrow
columns of prose set side by side have lines as short and as level as a
table's). A row starts where cells of the first column and another start
level (the second lines of wrapped cells in other columns do not start one,
nor does a line that goes on with a word broken above it); a
cell's lines are joined, and a word broken at a cell's edge, with a hyphen
or, when it was too long for the cell, without one ("Pris" / "on": the
halves fill the cell and make a common English word), is whole again. The
first row is the header. Every line is set in one type size.
"""

from __future__ import annotations

from collections.abc import Sequence

from evidence_library.ingest.pdf.boxes import TextLine, column_cuts
from evidence_library.text.english import is_common_word

MAX_COLUMNS = 8
RUNNING_SHARE = 0.5  # of the lines that start rows: this many opening in lower case are running text
MIN_ROWS = 2
MAX_CELL_CHARS = 30
LEVEL = 0.3  # of the type size: cells whose tops are this close start one row
NEXT_LINE = 1.0  # of the type size: a cell's next line is at most this far below


def _starts_row(members: set[int]) -> bool:
    """Lines level in the first column and another start a row; lines level in other columns only
    are the second lines of cells that wrapped ("Violent in-" / "cidents per")."""
    return 0 in members and len(members) >= 2


def _broken_word(above: TextLine, line: TextLine, right: float) -> bool:
    """Whether `line` goes on with a word too long for its cell, broken without a hyphen ("Pris" /
    "on"): the line above is that one word, it fills the cell (the next letter would not fit), and
    the two make a common English word."""
    head, tail = above.text.strip(), line.text.split(" ", 1)[0].rstrip(".,;:")
    if not head or " " in head or not tail:
        return False
    letter = line.width / max(len(line.text), 1)
    return above.x1 + letter > right and is_common_word((head + tail).lower())


def _goes_on(above: TextLine | None, line: TextLine, right: float) -> bool:
    """Whether a cell's line goes on with a word the line just above it broke."""
    if above is None or line.top - above.bottom > NEXT_LINE * line.size:
        return False
    hyphenated = above.text.endswith("-") and above.text[-2:-1].isalpha() and line.text[:1].islower()
    return hyphenated or _broken_word(above, line, right)


def _continuations(columns: Sequence[Sequence[TextLine]]) -> set[int]:
    """The lines (by id) that go on with a word broken on the line above them in their column."""
    going_on = set()
    for column in columns:
        right = max(line.x1 for line in column)
        ordered = sorted(column, key=lambda line: line.top)
        going_on |= {
            id(line)
            for above, line in zip([None, *ordered], ordered, strict=False)
            if _goes_on(above, line, right)
        }
    return going_on


def _row_tops(columns: Sequence[Sequence[TextLine]], going_on: set[int], size: float) -> list[float]:
    """The heights at which a row starts: cells of the first column and another start together (a
    line that goes on with a word broken above it starts no cell)."""
    tops = sorted(
        (line.top, index)
        for index, column in enumerate(columns)
        for line in column
        if id(line) not in going_on
    )
    rows: list[float] = []
    start, members = 0.0, set[int]()
    for top, index in tops:
        if members and top - start > LEVEL * size:
            if _starts_row(members):
                rows.append(start)
            members = set()
        if not members:
            start = top
        members.add(index)
    if _starts_row(members):
        rows.append(start)
    return rows


def _running_text(columns: Sequence[Sequence[TextLine]], rows: Sequence[float], size: float) -> bool:
    """Whether the "rows" are lines of prose set side by side in columns: most of the first column's
    lines that start a row open in lower case, going on with the sentence above, as the lines of
    running text do; a table's rows open with a label, a name or a figure."""
    starts = [line for line in columns[0] if any(abs(line.top - top) <= LEVEL * size for top in rows)]
    return sum(line.text[:1].islower() for line in starts) >= RUNNING_SHARE * len(starts)


def _cells(
    columns: Sequence[Sequence[TextLine]], rows: Sequence[float], going_on: set[int], size: float
) -> list[list[str]] | None:
    cells: list[list[list[TextLine]]] = [[[] for _ in columns] for _ in rows]
    for index, column in enumerate(columns):
        for line in sorted(column, key=lambda line: line.top):
            if line.top + LEVEL * size < rows[0]:
                return None  # a line above the first row: not a table of this shape
            row = max(i for i, top in enumerate(rows) if top <= line.top + LEVEL * size)
            cells[row][index].append(line)
    return [[_joined(parts, going_on) for parts in row] for row in cells]


def _joined(lines: Sequence[TextLine], going_on: set[int]) -> str:
    """A cell's lines as one; a word hyphenated or broken in a narrow column is joined again."""
    text = ""
    for line in lines:
        if text and id(line) in going_on:
            text = (text[:-1] if text.endswith("-") else text) + line.text
        else:
            text = f"{text} {line.text}" if text else line.text
    return text


def table_rows(lines: Sequence[TextLine], gutter: float) -> list[list[str]] | None:
    """The table's rows of cell texts, or None when the lines are not a simple table."""
    if len(lines) < 2 * MIN_ROWS or sum(len(line.text) for line in lines) > MAX_CELL_CHARS * len(lines):
        return None
    if max(line.size for line in lines) > 1.1 * min(line.size for line in lines):
        return None  # a table is set in one size
    columns = column_cuts(lines, gutter)
    if not 2 <= len(columns) <= MAX_COLUMNS:
        return None
    size = max(line.size for line in lines)
    going_on = _continuations(columns)
    rows = _row_tops(columns, going_on, size)
    if len(rows) < MIN_ROWS or any(min(line.top for line in c) > rows[0] + LEVEL * size for c in columns):
        return None
    if _running_text(columns, rows, size):
        return None
    return _cells(columns, rows, going_on, size)


def pipe_table(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cells -> a GitHub pipe table, the first row as its header."""

    def row_line(row: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"

    header, *body = rows
    return "\n".join(
        [row_line(header), "| " + " | ".join("---" for _ in header) + " |", *map(row_line, body)]
    )
