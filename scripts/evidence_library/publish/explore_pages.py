"""Render the evidence explorer, docs/explore/: pages that answer questions without a query. Pure.

* the index: responses per year, citations per year, the age of the evidence cited;
* the most-cited works;
* each cited organisation's works (with years and how often), and the people cited;
* each theme's recommendations over time, with the works they rest on.

Which recommendations a work supports comes from `evidence/support.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from slugify import slugify

from evidence_library.evidence.support import Support, cited_organisations, cited_people
from evidence_library.evidence.themes import Vocabulary
from evidence_library.model import ResponsePage, Work
from evidence_library.publish.charts import Chart, age_histogram, counts_per_year, render_chart, render_charts
from evidence_library.publish.markup import counted, escape_text, inline
from evidence_library.publish.reference_pages import TYPE_NAMES, work_label, year
from evidence_library.publish.render import front_matter

MOST_CITED = 50  # works on the most-cited page
Supports = Mapping[str, Sequence[Support]]


def _page(title: str, *sections: str) -> str:
    head = front_matter({"title": title, "kind": "explore"}).rstrip("\n")
    return "\n\n".join([head, f"# {escape_text(title)}", *[s for s in sections if s]]) + "\n"


def _work_link(work: Work, up: str) -> str:
    return f"[{escape_text(work.field('title') or work.key)}]({up}references/{work.key}.md)"


def _responses_citing(work: Work) -> int:
    return len({cite.slug for cite in work.cited_by})


def _years_cited(work: Work) -> str:
    years = sorted({cite.date[:4] for cite in work.cited_by})
    if not years:
        return ""
    return years[0] if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def evidence_ages(works: Sequence[Work]) -> list[int]:
    """For every note citing a dated work: the response's year minus the work's."""
    return [
        int(cite.date[:4]) - int(year(work))
        for work in works
        if year(work).isdigit()
        for cite in work.cited_by
        if cite.date[:4].isdigit()
    ]


def render_index(pages: Sequence[ResponsePage], works: Sequence[Work]) -> str:
    charts = [
        Chart(
            "responses-per-year",
            "Responses per year",
            counts_per_year(p.source.metadata.date[:4] for p in pages),
            "Year",
            "Responses",
        ),
        Chart(
            "citations-per-year",
            "Citations per year: notes citing a work, by the year of the response",
            counts_per_year(cite.date[:4] for work in works for cite in work.cited_by),
            "Year",
            "Citations",
        ),
        Chart(
            "evidence-age",
            "Age of the evidence cited: years between a work and the response citing it",
            age_histogram(evidence_ages(works)),
            "Years between",
            "Citations",
        ),
    ]
    links = "\n".join(
        [
            "- [Most-cited works](most-cited.md): the works the responses rely on most.",
            "- [Cited organisations](organisations/index.md): every organisation's works cited, "
            "with years and how often (all the HM Inspectorate of Probation reports, say).",
            "- [Cited authors](authors.md): the people whose works are cited.",
            "- [Themes over time](themes/index.md): each theme's recommendations by year, "
            "and the works they rest on.",
        ]
    )
    intro = (
        f"The evidence behind {counted(len(pages), 'response')}: {counted(len(works), 'cited work')}, "
        "who wrote them, how old they were when cited, and what they support."
    )
    return _page("Explore the evidence", intro, links, render_charts(charts))


def _works_table(works: Sequence[Work], up: str) -> str:
    rows = [
        "| Work | Year | Type | Cited in responses | Notes citing it | Cited in |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for work in works:
        rows.append(
            f"| {_work_link(work, up)} | {year(work)} | {TYPE_NAMES.get(work.entry_type, work.entry_type)} | "
            f"{_responses_citing(work)} | {len(work.cited_by)} | {_years_cited(work)} |"
        )
    return "\n".join(rows)


def most_cited(works: Sequence[Work], limit: int = MOST_CITED) -> list[Work]:
    """The works cited by the most responses (then notes), ties by key."""
    return sorted(works, key=lambda w: (-_responses_citing(w), -len(w.cited_by), w.key))[:limit]


def render_most_cited(works: Sequence[Work]) -> str:
    shown = most_cited(works)
    intro = (
        f"The {counted(len(shown), 'work')} cited by the most responses, of "
        f"{counted(len(works), 'cited work')} in the library. "
        "The full list is under [References](../references/index.md)."
    )
    return _page("Most-cited works", intro, _works_table(shown, "../"))


@dataclass(frozen=True)
class Named:
    """An organisation or person whose works are cited, with the page it gets."""

    name: str
    slug: str
    works: tuple[Work, ...]


def _unique_slugs(names: Sequence[str]) -> dict[str, str]:
    """Name -> a slug no other name has ('home-office', 'home-office-2'), in the names' sorted order."""
    taken: set[str] = set()
    slugs = {}
    for name in sorted(names):
        base = slugify(name) or "name"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[name] = slug
    return slugs


def group_by_name(works: Sequence[Work], people: bool) -> list[Named]:
    """Every organisation (or person) with the works cited, alphabetically; works by year, then key."""
    grouped: dict[str, list[Work]] = defaultdict(list)
    for work in works:
        for name in cited_people(work) if people else cited_organisations(work):
            grouped[name].append(work)
    slugs = _unique_slugs(list(grouped))
    return [
        Named(name, slugs[name], tuple(sorted(grouped[name], key=lambda w: (year(w), w.key))))
        for name in sorted(grouped, key=lambda n: (n.lower(), n))
    ]


def render_organisation(named: Named) -> str:
    citations = sum(len(w.cited_by) for w in named.works)
    intro = (
        f"{counted(len(named.works), 'work')} by {escape_text(named.name)} cited, "
        f"in {counted(citations, 'note')}."
    )
    chart = Chart(
        "citations-per-year",
        f"Citations of works by {named.name}, by the year of the citing response",
        counts_per_year(c.date[:4] for w in named.works for c in w.cited_by),
        "Year",
        "Citations",
    )
    return _page(
        f"Cited organisation: {named.name}", intro, _works_table(named.works, "../../"), render_chart(chart)
    )


def render_organisations(works: Sequence[Work]) -> dict[str, str]:
    """docs/explore/organisations/: an index and a page per organisation."""
    named = group_by_name(works, people=False)
    files = {f"{n.slug}.md": render_organisation(n) for n in named}
    rows = ["| Organisation | Works cited | Notes citing them |", "| --- | --- | --- |"]
    rows += [
        f"| [{escape_text(n.name)}]({n.slug}.md) | {len(n.works)} | {sum(len(w.cited_by) for w in n.works)} |"
        for n in named
    ]
    intro = "The organisations whose works the responses cite, as authors or publishing institutions."
    files["index.md"] = _page("Cited organisations", intro, "\n".join(rows))
    return files


def render_authors(works: Sequence[Work]) -> str:
    sections = []
    for named in group_by_name(works, people=True):
        items = [
            f"- {_work_link(w, '../')} ({year(w) or 'no date'}), cited {counted(len(w.cited_by), 'time')}"
            for w in named.works
        ]
        sections.append(f"## {escape_text(named.name)}\n\n" + "\n".join(items))
    intro = (
        "The people whose works the responses cite, alphabetically, with each work and how often it is cited."
    )
    return _page("Cited authors", intro, "\n\n".join(sections))


def works_by_position(supports: Supports, works: Sequence[Work]) -> dict[tuple[str, str], list[Work]]:
    """(response slug, position anchor) -> the works its paragraph cites, by key."""
    known = {work.key: work for work in works}
    found: dict[tuple[str, str], list[Work]] = defaultdict(list)
    for key in sorted(supports):
        for support in supports[key]:
            if key in known:
                found[(support.page.source.slug, support.position.anchor)].append(known[key])
    return found


def _theme_item(support: Support, rests_on: Sequence[Work]) -> str:
    page, position = support.page, support.position
    link = f"../../responses/{page.source.slug}.md#{position.anchor}"
    item = f"- {inline(position.text)} ([{escape_text(page.source.metadata.title)}]({link}))"
    if rests_on:
        item += "  \n  Rests on: " + "; ".join(
            f"[{escape_text(work_label(w))}](../../references/{w.key}.md)" for w in rests_on
        )
    return item


Rests = Mapping[tuple[str, str], list[Work]]


def _rests_on(entry: Support, rests: Rests) -> list[Work]:
    return rests.get((entry.page.source.slug, entry.position.anchor), [])


def _by_year(entries: Sequence[Support], rests: Rests) -> str:
    """The recommendations under a heading per year, each with the works it rests on."""
    sections, current = [], ""
    for entry in entries:
        when = entry.page.source.metadata.date[:4]
        if when != current:
            current = when
            sections.append(f"### {when}")
        sections.append(_theme_item(entry, _rests_on(entry, rests)))
    return "## Recommendations by year\n\n" + "\n\n".join(sections) if sections else ""


def _rested_on(entries: Sequence[Support], rests: Rests) -> str:
    """The works the recommendations rest on, most used first."""
    used: dict[str, list[Work]] = defaultdict(list)
    for entry in entries:
        for work in _rests_on(entry, rests):
            used[work.key].append(work)
    ranked = sorted(used.values(), key=lambda ws: (-len(ws), ws[0].key))
    rows = ["| Work | Year | Recommendations it supports here |", "| --- | --- | --- |"]
    rows += [f"| {_work_link(ws[0], '../../')} | {year(ws[0])} | {len(ws)} |" for ws in ranked]
    return "## The works they rest on\n\n" + "\n".join(rows) if ranked else ""


def _theme_charts(label: str, entries: Sequence[Support], rests: Rests) -> str:
    def when(entry: Support) -> str:
        return entry.page.source.metadata.date[:4]

    recommended = counts_per_year(when(e) for e in entries)
    cited = counts_per_year(when(e) for e in entries for _ in _rests_on(e, rests))
    recommendations = Chart(
        "recommendations-per-year",
        f"Recommendations on {label} per year",
        recommended,
        "Year",
        "Recommendations",
    )
    caption = f"Citations in the paragraphs of recommendations on {label}, per year"
    return render_charts([recommendations, Chart("citations-per-year", caption, cited, "Year", "Citations")])


def render_theme(theme: str, label: str, entries: Sequence[Support], rests: Rests) -> str:
    """One theme: its recommendations by year, each with the works it rests on, and those works."""
    responses = len({e.page.source.slug for e in entries})
    citations = sum(len(_rests_on(e, rests)) for e in entries)
    intro = (
        f"{counted(len(entries), 'recommendation')} on {escape_text(label)} in "
        f"{counted(responses, 'response')}, oldest first; "
        f"{counted(citations, 'citation')} in the same paragraphs. "
        f"The [positions page](../../positions/{theme}.md) lists the responses on this theme."
    )
    sections = (_theme_charts(label, entries, rests), _by_year(entries, rests), _rested_on(entries, rests))
    return _page(f"Theme over time: {label}", intro, *sections)


def _span(entries: Sequence[Support]) -> str:
    """'4 recommendations, 2012 to 2017' (entries oldest first)."""
    first, last = (e.page.source.metadata.date[:4] for e in (entries[0], entries[-1]))
    return f"{counted(len(entries), 'recommendation')}, {first}" + (f" to {last}" if last != first else "")


def render_themes(
    pages: Sequence[ResponsePage], vocabulary: Vocabulary, supports: Supports, works: Sequence[Work]
) -> dict[str, str]:
    """docs/explore/themes/: an index and a page per theme that has a recommendation."""
    grouped: dict[str, list[Support]] = defaultdict(list)
    for page in sorted(pages, key=lambda p: (p.source.metadata.date, p.source.slug)):
        for position in page.positions:
            for theme in position.themes:
                grouped[theme].append(Support(page, position))
    rests = works_by_position(supports, works)
    shown = [t for t in vocabulary.themes if t.id in grouped]
    files = {f"{t.id}.md": render_theme(t.id, t.label, grouped[t.id], rests) for t in shown}
    rows = [f"- [{escape_text(t.label)}]({t.id}.md): {_span(grouped[t.id])}" for t in shown]
    intro = "Each theme's recommendations over time, and the works cited in the paragraphs that make them."
    files["index.md"] = _page(
        "Themes over time", intro, "\n".join(rows) or "No recommendation has a theme yet."
    )
    return files


def render_explorer(
    pages: Sequence[ResponsePage], works: Sequence[Work], vocabulary: Vocabulary, supports: Supports
) -> dict[str, str]:
    """Every page under docs/explore/, by its path there."""
    files = {
        "index.md": render_index(pages, works),
        "most-cited.md": render_most_cited(works),
        "authors.md": render_authors(works),
    }
    files |= {f"organisations/{name}": text for name, text in render_organisations(works).items()}
    files |= {
        f"themes/{name}": text for name, text in render_themes(pages, vocabulary, supports, works).items()
    }
    return files
