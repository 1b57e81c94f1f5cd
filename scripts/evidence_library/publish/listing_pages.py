"""Render the pages that list across responses: positions by theme, consulting
bodies, the timeline, and the home page's includes. Pure: no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from slugify import slugify

from evidence_library.evidence.themes import Vocabulary
from evidence_library.model import Bibliography, Position, ResponsePage
from evidence_library.publish.markup import counted, escape_text, inline
from evidence_library.publish.render import by_date, front_matter, human_date

OTHER = "other"


def _page(title: str, *sections: str, fields: dict[str, object] | None = None) -> str:
    head = front_matter({"title": title} | (fields or {})).rstrip("\n")
    return "\n\n".join([head, f"# {escape_text(title)}", *[s for s in sections if s]]) + "\n"


def positions_by_theme(pages: Sequence[ResponsePage]) -> dict[str, list[tuple[ResponsePage, Position]]]:
    """Theme id -> (response, position), oldest first, so a reader sees how the asks evolved."""
    grouped: dict[str, list[tuple[ResponsePage, Position]]] = defaultdict(list)
    for page in sorted(pages, key=lambda p: (p.source.metadata.date, p.source.slug)):
        for position in page.positions:
            for theme in position.themes or (OTHER,):
                grouped[theme].append((page, position))
    return grouped


def _response_link(page: ResponsePage) -> str:
    return f"[{escape_text(page.source.metadata.title)}](../responses/{page.source.slug}.md)"


def _position_item(page: ResponsePage, position: Position) -> str:
    link = f"../responses/{page.source.slug}.md#{position.anchor}"
    return f"- {inline(position.text)} ([{escape_text(page.source.metadata.title)}]({link}))"


def render_theme(
    theme: str,
    label: str,
    entries: Sequence[tuple[ResponsePage, Position]],
    responses: Sequence[ResponsePage],
) -> str:
    sections, year = [], ""
    for page, position in entries:
        if page.source.metadata.date[:4] != year:
            year = page.source.metadata.date[:4]
            sections.append(f"## {year}")
        sections.append(_position_item(page, position))
    which = "on none of the themes" if theme == OTHER else "on this theme"
    intro = f"Every recommendation {which}, oldest first: {len(entries)} in all."
    about = [f"- {_response_link(p)}, {human_date(p.source.metadata.date)}" for p in by_date(responses)]
    listed = "## Responses on this theme\n\n" + "\n".join(about) if about else ""
    fields: dict[str, object] = {"theme": label} if theme != OTHER else {}
    return _page(f"Positions: {label}", intro, "\n\n".join(sections), listed, fields=fields)


def _theme_counts(entries: Sequence[tuple[ResponsePage, Position]], responses: Sequence[ResponsePage]) -> str:
    """'5 recommendations from 3 responses; 7 responses on this theme', in words that never contradict."""
    making = len({page.source.slug for page, _ in entries})
    if entries:
        text = f"{counted(len(entries), 'recommendation')} from {counted(making, 'response')}"
    else:
        text = "no recommendation yet"
    if responses:
        text += f"; {counted(len(responses), 'response')} on this theme"
    return text


def render_positions(pages: Sequence[ResponsePage], vocabulary: Vocabulary) -> dict[str, str]:
    """docs/positions/: an index, and a page per theme that a response or a recommendation has."""
    grouped = positions_by_theme(pages)
    labels = {t.id: t.label for t in vocabulary.themes} | {OTHER: "Recommendations on no listed theme"}
    responses: dict[str, list[ResponsePage]] = defaultdict(list)
    for page in pages:
        for theme in page.themes:
            responses[theme].append(page)
    shown = [theme for theme in labels if theme in grouped or theme in responses]
    files = {f"{t}.md": render_theme(t, labels[t], grouped.get(t, []), responses.get(t, [])) for t in shown}
    rows = [
        f"- [{escape_text(labels[t])}]({t}.md): {_theme_counts(grouped.get(t, []), responses.get(t, []))}"
        for t in shown
    ]
    total = sum(len(p.positions) for p in pages)
    intro = f"The {total} recommendations of the library's responses, by theme; each page lists them by date."
    files["index.md"] = _page("Positions", intro, "\n".join(rows))
    return files


def render_bodies(pages: Sequence[ResponsePage]) -> dict[str, str]:
    """docs/bodies/: an index and a page per consulting body."""
    grouped: dict[str, list[ResponsePage]] = defaultdict(list)
    for page in pages:
        grouped[page.source.metadata.consulting_body].append(page)
    files: dict[str, str] = {}
    rows = []
    for body in sorted(grouped, key=str.lower):
        slug = slugify(body) or "body"
        items = [
            f"- [{escape_text(p.source.metadata.title)}](../responses/{p.source.slug}.md), "
            f"{human_date(p.source.metadata.date)}"
            for p in by_date(grouped[body])
        ]
        files[f"{slug}.md"] = _page(f"Responses to {body}", "\n".join(items))
        rows.append(f"- [{escape_text(body)}]({slug}.md): {counted(len(grouped[body]), 'response')}")
    files["index.md"] = _page(
        "Consulting bodies", "The bodies whose consultations the responses answer.", "\n".join(rows)
    )
    return files


def render_timeline(pages: Sequence[ResponsePage]) -> str:
    sections, year = [], ""
    for page in by_date(pages):
        meta = page.source.metadata
        if meta.date[:4] != year:
            year = meta.date[:4]
            sections.append(f"## {year}")
        sections.append(
            f"- {human_date(meta.date)}: [{escape_text(meta.title)}]({page.source.slug}.md) "
            f"({escape_text(meta.consulting_body)})"
        )
    return _page(
        "Timeline", "Every response by the year it was published, newest first.", "\n\n".join(sections)
    )


def render_counts(pages: Sequence[ResponsePage], bibliography: Bibliography) -> str:
    positions = sum(len(p.positions) for p in pages)
    return (
        f"The library holds **{len(pages)}** responses, making **{positions}** recommendations "
        f"and citing **{len(bibliography.works)}** works.\n"
    )


def render_theme_list(pages: Sequence[ResponsePage], vocabulary: Vocabulary) -> str:
    grouped = positions_by_theme(pages)
    items = [
        f"[{escape_text(t.label)}](positions/{t.id}.md) ({len(grouped[t.id])})"
        for t in vocabulary.themes
        if t.id in grouped
    ]
    return " · ".join(items) + "\n"
