"""Render the bibliography: a page per work, the references index, and the
short labels that footnotes link with. Pure: no I/O."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from evidence_library.evidence.bibtex_text import decode
from evidence_library.evidence.library import bibtex_entry, normal_title, split_names
from evidence_library.evidence.support import Support, cited_organisations
from evidence_library.model import Bibliography, ResponsePage, Work
from evidence_library.publish.charts import Chart, counts_per_year, render_chart
from evidence_library.publish.markup import counted, escape_text, fenced, inline, unsearched
from evidence_library.publish.render import front_matter, human_date

TYPE_NAMES = {
    "report": "Report",
    "online": "Web page",
    "article": "Article",
    "incollection": "Chapter",
    "book": "Book",
}


def author_text(work: Work) -> str:
    """'Maruna, S. and LeBel, T.' -> 'Maruna, S., LeBel, T.'; braces of corporate names dropped."""
    names = [decode(name) for name in split_names(work.raw("author"))]
    names = ["et al." if name == "others" else name for name in names]
    return "; ".join(names) if any("," in n for n in names) else ", ".join(names)


def year(work: Work) -> str:
    return work.field("date")[:4]


def work_label(work: Work) -> str:
    """'Clinks (2011) When the dust settles' — the words a footnote links with."""
    when = f" ({year(work)})" if year(work) else ""
    return f"{author_text(work)}{when} {work.field('title')}".strip()


def wayback_url(work: Work) -> str:
    """An archived copy near the day the note's author looked at the page."""
    url = work.field("url")
    if not url:
        return ""
    stamp = re.sub(r"\D", "", work.field("urldate") or year(work)) or "2000"
    return f"https://web.archive.org/web/{stamp}/{url}"


def formatted_citation(work: Work) -> str:
    parts = [
        f"{escape_text(author_text(work))} ({escape_text(year(work) or 'n.d.')}).",
        f"*{escape_text(work.field('title'))}*.",
    ]
    for name, prefix in (("booktitle", "In "), ("journaltitle", ""), ("institution", ""), ("publisher", "")):
        if work.field(name) and not (name == "institution" and work.field(name) == author_text(work)):
            parts.append(f"{prefix}{escape_text(work.field(name))}.")
    if work.field("pages"):
        parts.append(f"pp. {escape_text(work.field('pages'))}.")
    return " ".join(parts)


def bibtex_block(work: Work) -> str:
    return fenced(bibtex_entry(work.entry_type, work.key, work.fields), "bibtex")


def cited_by_table(work: Work) -> str:
    rows = ["| Response | Published | Note | The sentence it supports |", "| --- | --- | --- | --- |"]
    for cite in work.cited_by:
        page = f"../responses/{cite.slug}.md"
        rows.append(
            f"| [{escape_text(cite.title)}]({page}) | {human_date(cite.date)} | "
            f"[{cite.note}]({page}#fn:{cite.note}) | {escape_text(cite.sentence)} |"
        )
    return "\n".join(rows)


ResponseIndex = Mapping[tuple[str, str], ResponsePage]


def response_index(pages: Sequence[ResponsePage]) -> dict[tuple[str, str], ResponsePage]:
    """(year, normalised title or consultation) -> response, to find works that are responses."""
    index: dict[tuple[str, str], ResponsePage] = {}
    for page in pages:
        meta = page.source.metadata
        for name in (meta.consultation, meta.title):
            index[(meta.date[:4], normal_title(name))] = page
    return index


def in_library(work: Work, responses: ResponseIndex) -> ResponsePage | None:
    """The response page this work is, when the library holds it."""
    title = normal_title(work.field("title"))
    return responses.get((year(work), title)) if title else None


def reference_front_matter(work: Work) -> dict[str, object]:
    """What the page's header holds; the search index's filters read `year`, `type` and `organisations`."""
    fields: dict[str, object] = {
        "title": html.escape(work_label(work), quote=False),
        "key": work.key,
        "type": work.entry_type,
    }
    if year(work):
        fields["year"] = year(work)
    if organisations := cited_organisations(work):
        fields["organisations"] = list(organisations)
    return fields


def supports_section(supports: Sequence[Support]) -> str:
    """The recommendations made in the paragraphs whose notes cite the work."""
    if not supports:
        return ""
    items = []
    for found in supports:
        meta = found.page.source.metadata
        link = f"../responses/{found.page.source.slug}.md#{found.position.anchor}"
        items.append(
            f"- {inline(found.position.text)} ([{escape_text(meta.title)}]({link}), {human_date(meta.date)})"
        )
    intro = "Recommendations made in the paragraphs whose notes cite this work, oldest first."
    return "## Recommendations it supports\n\n" + intro + "\n\n" + "\n".join(items)


def citations_chart(work: Work) -> str:
    """Citations per year of the citing responses, for a work cited in more than one year."""
    bars = counts_per_year(cite.date[:4] for cite in work.cited_by)
    if len(bars) < 2:
        return ""
    caption = "Citations of this work per year of the citing response"
    return render_chart(Chart("work-citations-per-year", caption, bars, "Year", "Citations"))


def render_reference(
    work: Work, responses: ResponseIndex, citation: str = "", supports: Sequence[Support] = ()
) -> str:
    """A work's page; `citation` is its "Cite this work" section (formatted citations, exports),
    `supports` the recommendations its notes stand beside."""
    sections = [
        front_matter(reference_front_matter(work)).rstrip("\n"),
        f"# Cited work: {escape_text(work.field('title') or work.key)}",  # search results show this line
        f"{TYPE_NAMES.get(work.entry_type, work.entry_type)} · key `{work.key}` · "
        f"cited {counted(len(work.cited_by), 'time')}",
    ]
    if not citation:
        sections.append(formatted_citation(work))
    if response := in_library(work, responses):
        title = escape_text(response.source.metadata.title)
        sections.append(f"This work is in the library: [{title}](../responses/{response.source.slug}.md).")
    if work.field("url"):
        original = inline("<" + work.field("url") + ">")
        sections.append(f"- Original link: {original}\n- Archived copy: <{wayback_url(work)}>")
    if citation:
        sections.append(unsearched(citation))
    sections += ["## Cited by", cited_by_table(work), citations_chart(work), supports_section(supports)]
    sections.append(unsearched(f"## BibTeX\n\n{bibtex_block(work)}"))
    return "\n\n".join(s for s in sections if s) + "\n"


def render_reference_index(bibliography: Bibliography, export: str = "") -> str:
    """The references index; `export` links the whole library's export files."""
    rows = ["| Author | Year | Title | Type | Cited |", "| --- | --- | --- | --- | --- |"]
    ordered = sorted(bibliography.works, key=lambda w: (author_text(w).lower(), year(w), w.key))
    for work in ordered:
        rows.append(
            f"| {escape_text(author_text(work))} | {year(work)} | "
            f"[{escape_text(work.field('title') or work.key)}]({work.key}.md) | "
            f"{TYPE_NAMES.get(work.entry_type, work.entry_type)} | {len(work.cited_by)} |"
        )
    intro = (
        f"Every work the library's responses cite: {len(bibliography.works)} in all, by author. "
        "Each page shows the citation, the original and an archived link, the BibTeX, "
        "and every note that cites it. "
        "All of them are in `references.bib`."
    )
    return (
        "\n\n".join(
            [
                front_matter({"title": "References"}).rstrip("\n"),
                "# References",
                intro,
                *([export] if export else []),
                "\n".join(rows),
            ]
        )
        + "\n"
    )


def note_links(bibliography: Bibliography) -> dict[str, dict[int, str]]:
    """Per response and note, the Markdown that links the note to its works' pages."""
    # each work's link once, not once per note citing it
    link = {w.key: f"[→ {escape_text(work_label(w))}](../references/{w.key}.md)" for w in bibliography.works}
    links: dict[str, dict[int, str]] = {}
    for (slug, number), keys in bibliography.note_keys.items():
        found = [link[k] for k in keys if k in link]
        if found:
            links.setdefault(slug, {})[number] = " ".join(found)
    return links
