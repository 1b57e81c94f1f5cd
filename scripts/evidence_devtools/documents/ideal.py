"""What a perfect Word or ODT import of a corpus text gives: its source text format
(see ingest/imported.py and the ingest conventions), built from the truth.

The scorer's own tests use it (a perfect import must score 100%), and it shows
the importers' authors what is expected of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from evidence_devtools.documents.model import Block, DocumentText, Inline, Kind, NoteMark, Run


def markdown_runs(runs: tuple[Run, ...]) -> str:
    return "".join(f"*{run.text}*" if run.italic else run.text for run in runs)


def markdown_inline(parts: tuple[Inline, ...]) -> str:
    return "".join(
        f"[^{part.number}]" if isinstance(part, NoteMark) else markdown_runs((part,)) for part in parts
    )


def title_blocks(document: DocumentText) -> Iterator[str]:
    title = " ".join(document.title_lines)
    written = False
    for line in document.title_block:
        if line.role != "title":
            yield line.text
        elif not written:
            yield f"# {title}"
            written = True


def table_markdown(block: Block) -> str:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    header, *rows = block.rows
    return "\n".join([row(header), "| " + " | ".join("---" for _ in header) + " |", *(row(r) for r in rows)])


def block_markdown(block: Block) -> Iterator[str]:
    if block.kind is Kind.HEADING:
        yield "#" * block.level + " " + markdown_inline(block.items[0])
    elif block.kind is Kind.PARAGRAPH:
        yield markdown_inline(block.items[0])
    elif block.kind is Kind.BULLETS:
        yield "\n".join(f"- {markdown_inline(item)}" for item in block.items)
    elif block.kind is Kind.NUMBERED:
        yield "\n".join(f"{n}. {markdown_inline(item)}" for n, item in enumerate(block.items, start=1))
    elif block.kind is Kind.TABLE:
        yield table_markdown(block)
    else:
        yield from (markdown_inline(item) for item in block.items)


def word_source_text(document: DocumentText) -> str:
    """The text a perfect import of the document's .docx or .odt gives."""
    blocks = [*title_blocks(document)]
    for block in document.blocks:
        blocks += block_markdown(block)
    blocks += [f"[^{note.number}]: {markdown_runs(note.runs)}" for note in document.notes]
    return "\n\n".join(blocks) + "\n"
