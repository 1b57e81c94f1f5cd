"""Simple tables: short cells in columns whose rows start level with each other -> GitHub pipe tables.

A region is a table when white space cuts it into 2 to `MAX_COLUMNS`
columns, every column starts on the first row, at least `MIN_ROWS` rows
begin with cells in two columns or more at the same height, and its lines
are short (`MAX_CELL_CHARS` on average: columns of running text hold longer
lines). A row starts where cells of the first column and another start
level (the second lines of wrapped cells in other columns do not start one);
a cell's lines are joined. The first row is the header. Every line is set in one type size.
"""

from __future__ import annotations

from collections.abc import Sequence

from evidence_library.ingest.pdf.boxes import TextLine, column_cuts

MAX_COLUMNS = 8
MIN_ROWS = 2
MAX_CELL_CHARS = 30
LEVEL = 0.3  # of the type size: cells whose tops are this close start one row


def _starts_row(members: set[int]) -> bool:
    """Lines level in the first column and another start a row; lines level in other columns only
    are the second lines of cells that wrapped ("Violent in-" / "cidents per")."""
    return 0 in members and len(members) >= 2


def _row_tops(columns: Sequence[Sequence[TextLine]], size: float) -> list[float]:
    """The heights at which a row starts: cells of the first column and another start together."""
    tops = sorted((line.top, index) for index, column in enumerate(columns) for line in column)
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


def _cells(
    columns: Sequence[Sequence[TextLine]], rows: Sequence[float], size: float
) -> list[list[str]] | None:
    cells: list[list[list[str]]] = [[[] for _ in columns] for _ in rows]
    for index, column in enumerate(columns):
        for line in sorted(column, key=lambda line: line.top):
            if line.top + LEVEL * size < rows[0]:
                return None  # a line above the first row: not a table of this shape
            row = max(i for i, top in enumerate(rows) if top <= line.top + LEVEL * size)
            cells[row][index].append(line.text)
    return [[_joined(parts) for parts in row] for row in cells]


def _joined(parts: Sequence[str]) -> str:
    """A cell's lines as one; a word hyphenated in a narrow column is joined again."""
    text = ""
    for part in parts:
        if text.endswith("-") and text[-2:-1].isalpha() and part[:1].islower():
            text = text[:-1] + part
        else:
            text = f"{text} {part}" if text else part
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
    rows = _row_tops(columns, size)
    if len(rows) < MIN_ROWS or any(min(line.top for line in c) > rows[0] + LEVEL * size for c in columns):
        return None
    return _cells(columns, rows, size)


def pipe_table(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cells -> a GitHub pipe table, the first row as its header."""

    def row_line(row: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"

    header, *body = rows
    return "\n".join(
        [row_line(header), "| " + " | ".join("---" for _ in header) + " |", *map(row_line, body)]
    )
