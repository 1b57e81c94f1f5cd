"""Render stage: the model -> Markdown strings. Pure: no I/O.

Only Markdown we produce ourselves reaches MkDocs: contributor text goes
through `markup.inline`, every footnote reference has exactly one
definition, and definitions are written in first-reference order.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from evidence_library.evidence.bibtex_text import encode
from evidence_library.evidence.crosslinks import Related
from evidence_library.evidence.library import bibtex_entry
from evidence_library.ingest.front_matter import dump_front_matter
from evidence_library.model import Block, BlockKind, Note, NoteRef, ResponsePage
from evidence_library.publish.markup import (
    UNSEARCHED,
    LinkFinding,
    block_start,
    counted,
    escape_text,
    fenced,
    inline,
    unsearched,
)

# English whatever the machine's locale (calendar.month_name follows it), and no strftime per call.
MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def human_date(iso: str) -> str:
    """'2012-03' -> 'March 2012'; '2017-07-05' -> '5 July 2017'."""
    parts = [int(p) for p in iso.split("-")]
    month = MONTH_NAMES[parts[1]]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def front_matter(fields: dict[str, object]) -> str:
    return dump_front_matter(fields)


def block_text(block: Block, findings: list[LinkFinding] | None = None) -> str:
    pieces = []
    for part in block.parts:
        if isinstance(part, NoteRef):
            pieces.append(f"[^{part.number}]")
        else:
            pieces.append(inline(part, findings))
    return "".join(pieces).strip()


def render_blocks(
    blocks: Iterable[Block],
    findings: list[LinkFinding] | None = None,
    anchors: Mapping[int, Sequence[str]] | None = None,
) -> list[str]:
    """Blocks -> Markdown chunks separated by blank lines; list items grouped.

    `anchors` gives, by a block's first line, the ids of positions it holds."""
    chunks: list[str] = []
    in_list = False
    for block in blocks:
        ids = (anchors or {}).get(block.line, ())
        text = "".join(f'<span id="{i}"></span>' for i in ids) + block_start(block_text(block, findings))
        if block.kind is BlockKind.LIST_ITEM:
            item = f"- {text}"
            if in_list:
                chunks[-1] += "\n" + item
            else:
                chunks.append(item)
            in_list = True
            continue
        in_list = False
        if block.kind is BlockKind.HEADING:
            text = heading_marks(block.level) + " " + text
        elif block.kind is BlockKind.TABLE:
            spans = "".join(f'<span id="{i}"></span>' for i in ids)
            text = (spans + "\n\n" if spans else "") + table_text(block, findings)
        chunks.append(text)
    return chunks


def heading_marks(level: int) -> str:
    """The page's own `#` is the response's title, so a document's level 1 heading is `##`."""
    return "#" * min(max(level, 1) + 1, 6)


PIPE = re.compile(r"(\\\||\||\n)")  # an escaped pipe (a cell's own), a cell border, a row end


def _table_piece(text: str, findings: list[LinkFinding] | None) -> str:
    out = []
    for token in PIPE.split(text):
        if token in ("|", "\n"):
            out.append(token)
        elif token:
            out.append(inline(token.replace("\\|", "|"), findings))
    return "".join(out)


def table_text(block: Block, findings: list[LinkFinding] | None = None) -> str:
    """A pipe table with each cell escaped like any text; note references in place."""
    pieces = [
        f"[^{part.number}]" if isinstance(part, NoteRef) else _table_piece(part, findings)
        for part in block.parts
    ]
    return "".join(pieces).strip()


def note_text(note: Note, findings: list[LinkFinding] | None = None) -> str:
    text = inline(note.text, findings)
    if note.refers_to is not None:
        text += f" *(ibid.: the same source as [note {note.refers_to}](#fn:{note.refers_to}))*"
    return text


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.split("\n"))


def boilerplate_note(page: ResponsePage, findings: list[LinkFinding] | None = None) -> str:
    organisation = escape_text(page.source.metadata.organisation)
    heading = f"About {organisation}, contact details and other matter outside the response"
    flattened = [
        Block(BlockKind.PARAGRAPH, block.parts, block.line, block.end_line)
        if block.kind is BlockKind.HEADING
        else block
        for block in page.boilerplate
    ]
    body = "\n\n".join(render_blocks(flattened, findings))
    return f'??? info "{heading}"\n\n{_indent(body)}'


def orphan_section(notes: Sequence[Note]) -> str:
    lines = [
        "## Notes without a marker",
        "",
        "These notes were found in the source, but no marker in the text points to them.",
        "",
    ]
    lines += [f"- Note {n.number}: {note_text(n)}" for n in notes]
    return "\n".join(lines)


def metadata_line(page: ResponsePage) -> str:
    meta = page.source.metadata
    return (
        f"*{escape_text(meta.organisation)}, {human_date(meta.date)}.* "
        f"Response to **{escape_text(meta.consultation)}** "
        f"({escape_text(meta.consulting_body)})."
    )


def page_front_matter(page: ResponsePage, labels: Mapping[str, str]) -> dict[str, object]:
    meta = page.source.metadata
    fields: dict[str, object] = {
        # MkDocs themes print the page title as HTML without escaping it.
        "title": html.escape(meta.title, quote=False),
        "date": meta.date,
        "organisation": meta.organisation,
        "consultation": meta.consultation,
        "consulting_body": meta.consulting_body,
        "source": page.source.path,
        "recommendations": [position.text for position in page.positions],
        "notes": len(page.notes),
    }
    if page.themes:
        fields["themes"] = list(page.themes)
        fields["tags"] = [html.escape(labels.get(theme, theme), quote=False) for theme in page.themes]
    return fields


@dataclass(frozen=True)
class PageLinks:
    """What the library as a whole knows about one response."""

    notes: Mapping[int, str] = field(default_factory=dict)  # note -> links to its works
    related: tuple[Related, ...] = ()
    cite_key: str = ""
    theme_labels: Mapping[str, str] = field(default_factory=dict)
    citation: str = ""  # "Cite this response": formatted citations and export links (publish/exports.py)


def key_recommendations(page: ResponsePage, limit: int = 5) -> str:
    if not page.positions:
        return ""
    items = [f"    1. {inline(p.text)} [↓](#{p.anchor})" for p in page.positions[:limit]]
    more = len(page.positions) - limit
    if more > 0:
        items.append(
            f"\n    And {more} more in the text; all are on the [positions pages](../positions/index.md)."
        )
    # the recommendations are in the text below: search finds them there and on the positions pages
    return f'!!! abstract {UNSEARCHED} "Key recommendations"\n\n' + "\n".join(items)


def themes_line(page: ResponsePage, labels: Mapping[str, str]) -> str:
    links = [f"[{escape_text(labels.get(t, t))}](../positions/{t}.md)" for t in page.themes]
    return f"**Themes:** {', '.join(links)}" if links else ""


def related_section(related: Sequence[Related]) -> str:
    if not related:
        return ""
    lines = ["## Related responses", ""]
    for other in related:
        reasons = [
            counted(n, what)
            for n, what in ((other.shared_works, "cited work"), (other.shared_themes, "theme"))
            if n
        ]
        lines.append(
            f"- [{escape_text(other.title)}]({other.slug}.md), {human_date(other.date)}: "
            f"shares {' and '.join(reasons)}"
        )
    return unsearched("\n".join(lines))


def cite_this(page: ResponsePage, key: str, citation: str = "") -> str:
    meta = page.source.metadata
    fields = {
        "author": f"{{{encode(meta.organisation)}}}",
        "title": encode(meta.title),
        "type": "Consultation response",
        "institution": encode(meta.organisation),
        "date": meta.date,
    }
    block = fenced(bibtex_entry("report", key, fields.items()), "bibtex")
    return unsearched(f"{citation}\n\n{block}" if citation else "## Cite this response\n\n" + block)


def render_response(
    page: ResponsePage, findings: list[LinkFinding] | None = None, links: PageLinks | None = None
) -> str:
    """One response -> the Markdown page at docs/responses/<slug>.md.

    Links that lost their address are added to `findings`, for the report."""
    links = links or PageLinks()
    anchors: dict[int, list[str]] = {}
    for position in page.positions:
        anchors.setdefault(position.line, []).append(position.anchor)
    sections = [
        front_matter(page_front_matter(page, links.theme_labels)).rstrip("\n"),
        f"# {escape_text(page.source.metadata.title)}",
        metadata_line(page),
        themes_line(page, links.theme_labels),
        key_recommendations(page),
        *render_blocks(page.body, findings, anchors),
    ]
    if page.orphan_notes:
        sections.append(orphan_section(page.orphan_notes))
    sections.append(related_section(links.related))
    if links.cite_key:
        sections.append(cite_this(page, links.cite_key, links.citation))
    if page.boilerplate:
        sections.append(boilerplate_note(page, findings))
    sections += [
        f"[^{note.number}]: {note_text(note)}"
        + (f" {links.notes[note.number]}" if note.number in links.notes else "")
        for note in page.notes
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def response_row(page: ResponsePage) -> str:
    meta = page.source.metadata
    link = f"[{escape_text(meta.title)}]({page.source.slug}.md)"
    return f"| {human_date(meta.date)} | {link} | {escape_text(meta.consulting_body)} | {len(page.notes)} |"


def by_date(pages: Iterable[ResponsePage]) -> list[ResponsePage]:
    return sorted(pages, key=lambda p: (p.source.metadata.date, p.source.slug), reverse=True)


def render_response_index(pages: Sequence[ResponsePage]) -> str:
    """docs/responses/index.md: every response, newest first."""
    rows = [response_row(page) for page in by_date(pages)]
    table = ["| Published | Response | Consulting body | Notes |", "| --- | --- | --- | --- |", *rows]
    intro = f"The library holds {len(pages)} consultation responses, newest first."
    return (
        "\n\n".join(
            [front_matter({"title": "Responses"}).rstrip("\n"), "# Responses", intro, "\n".join(table)]
        )
        + "\n"
    )


def render_latest(pages: Sequence[ResponsePage], limit: int = 10) -> str:
    """The list the home page includes: the newest responses."""
    items = []
    for page in by_date(pages)[:limit]:
        meta = page.source.metadata
        items.append(
            f"- [{escape_text(meta.title)}](responses/{page.source.slug}.md): "
            f"{escape_text(meta.organisation)}, {human_date(meta.date)}"
        )
    more = f"\n\n[All {len(pages)} responses](responses/index.md)"
    return "\n".join(items) + more + "\n"
