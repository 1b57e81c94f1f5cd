"""How the time of each stage grows with the size of one input: a fuzzing harness.

Each *shape* is a hypothesis strategy with a size parameter: it draws a few
random units of the shape (a sentence citing note 1, a list item nested one
level deeper, a table row, a heading, a run of `*`…) and repeats them to the
requested size, so the same seed gives the same source. For sizes 1×, 10× and
100× the harness times every stage we own on that source (read, clean, notes,
citations, positions, render) and the Markdown conversion MkDocs would do
(Python-Markdown with the extensions listed in mkdocs.yml), fits the growth
exponent (the slope of log median time against log input size in characters,
which for some shapes grows faster than the number of units: deeper lists
have longer lines) and gives a verdict.

A stage whose time at the next size is predicted to pass `budget` seconds is
not run at that size (the verdict then rests on the sizes that ran), so a
quadratic path cannot hang the harness.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from evidence_library.diagnostics import Report
from evidence_library.evidence import citations, positions
from evidence_library.evidence.references.parser import ReferenceParser
from evidence_library.evidence.references.tagger import shipped_tagger
from evidence_library.ingest import read
from evidence_library.model import ResponsePage
from evidence_library.publish import render
from evidence_library.settings import Limits
from evidence_library.text import boilerplate, clean, limits, notes

LINEAR = 1.15  # a fitted slope at most this counts as n log n or better
HEAD = (
    "---\ntitle: A response to the growth test\ndate: 2020-01\norganisation: Example Trust\n"
    "consultation: Growth\nconsulting_body: Home Office\n---\n"
)
WORD = st.sampled_from(("probation", "services", "women", "evidence", "local", "the", "of", "and", "support"))
PHRASE = st.lists(WORD, min_size=3, max_size=12).map(" ".join)


@dataclass(frozen=True)
class Shape:
    """A kind of input: `units` draws the pieces, `assemble` repeats them to a size."""

    name: str
    units: st.SearchStrategy[list[str]]
    assemble: Callable[[list[str], int], str]
    base: int  # how many repetitions make the 1× input


def draw(strategy: st.SearchStrategy[list[str]]) -> list[str]:
    """One example of `strategy`, the same on every run (derandomised, no database)."""
    box: list[list[str]] = []

    @settings(
        max_examples=1,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def capture(value: list[str]) -> None:
        box.append(value)

    capture()
    return box[-1]


def cycle(units: list[str], count: int) -> Iterator[tuple[int, str]]:
    for index in range(count):
        yield index, units[index % len(units)]


def _one_note_cited(units: list[str], count: int) -> str:
    sentences = " ".join(f"{u.capitalize()}.[^1]" for _, u in cycle(units, count))
    paragraphs = [sentences[i : i + 2000] for i in range(0, len(sentences), 2000)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    return text + "\n\n[^1]: Clinks (2019) The state of the sector. https://www.clinks.org/sector\n"


def _many_notes(units: list[str], count: int) -> str:
    body = "\n\n".join(f"{u.capitalize()}.[^{i + 1}]" for i, u in cycle(units, count))
    defined = "\n".join(
        f"[^{i + 1}]: Author {i} ({2000 + i % 20}) {u} report. https://example.org/r{i}"
        for i, u in cycle(units, count)
    )
    return f"{body}\n\n{defined}\n"


def _long_paragraph(units: list[str], count: int) -> str:
    return " ".join(f"{u}, *{u}* and [a link](https://example.org/{i})" for i, u in cycle(units, count))


def _nested_list(units: list[str], count: int) -> str:
    return "\n".join(f"{'  ' * min(i, 400)}- {u}" for i, u in cycle(units, count))


def _table(units: list[str], count: int) -> str:
    rows = [f"| {u} | {i} | {u[::-1]} |" for i, u in cycle(units, count)]
    return "| a | b | c |\n| --- | --- | --- |\n" + "\n".join(rows)


def _headings(units: list[str], count: int) -> str:
    return "\n\n".join(f"{'#' * (1 + i % 3)} {u} {i}\n\n{u}." for i, u in cycle(units, count))


def _markers(units: list[str], count: int) -> str:
    return "Text " + "".join(units[i % len(units)] for i in range(count)) + " end."


def _long_urls(units: list[str], count: int) -> str:
    path = "/".join(u for _, u in cycle(units, count))
    return f"See https://example.org/{path} and [this](https://example.org/{path}).[^1]\n\n[^1]: A note.\n"


def _many_citations(units: list[str], count: int) -> str:
    body = "\n\n".join(f"{u.capitalize()} (see note).[^{i + 1}]" for i, u in cycle(units, count))
    defined = "\n".join(
        f"[^{i + 1}]: Ministry of Justice ({2000 + i % 20}) *{u.capitalize()}*, London: MoJ. "
        f"Available at: https://www.gov.uk/r/{i} [accessed 5.3.2012]; ibid."
        for i, u in cycle(units, count)
    )
    return f"{body}\n\n{defined}\n"


MARK = st.sampled_from(("*", "_", "[", "(", "`", "**", "]", ")"))
SHAPES = (
    Shape("one note cited k times", st.lists(PHRASE, min_size=1, max_size=8), _one_note_cited, 160),
    Shape("many notes", st.lists(PHRASE, min_size=1, max_size=8), _many_notes, 20),
    Shape("long paragraph", st.lists(WORD, min_size=1, max_size=8), _long_paragraph, 100),
    Shape("deeply nested list", st.lists(WORD, min_size=1, max_size=8), _nested_list, 40),
    Shape("huge table", st.lists(WORD, min_size=1, max_size=8), _table, 50),
    Shape("thousands of headings", st.lists(PHRASE, min_size=1, max_size=8), _headings, 30),
    Shape("runs of * _ [ ( `", st.lists(MARK, min_size=1, max_size=8), _markers, 200),
    Shape("long URLs", st.lists(WORD, min_size=1, max_size=8), _long_urls, 100),
    Shape("many citations", st.lists(PHRASE, min_size=1, max_size=8), _many_citations, 10),
)


def markdown_converter(root: Path) -> markdown.Markdown:
    """Python-Markdown with the extensions (and their settings) MkDocs uses for this library."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for item in config.get("markdown_extensions", []):
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            configs[name] = options
    return markdown.Markdown(extensions=[*names, "meta", "attr_list"], extension_configs=configs)


Stage = Callable[[], object]


def stages(text: str, converter: markdown.Markdown) -> dict[str, Stage]:
    """Each stage as a thunk; each runs on the result of the one before (computed once, untimed)."""
    report = Report()
    source = read.parse_source(HEAD + text, "sources/growth.md", "growth", "utf-8", report)
    assert source is not None, report.diagnostics
    cleaned = clean.layout_blocks(source)
    noted, _ = notes.extract_notes(cleaned)
    blocks = clean.rejoin_page_splits(noted.blocks)
    meta = source.metadata
    parser = ReferenceParser(shipped_tagger().labels, frozenset(), {})
    resolved, _ = citations.resolve_back_references(noted.notes, source.path)
    cited, _ = citations.cite_notes(resolved, source.path, meta.date, parser)
    body, about, _ = boilerplate.separate_boilerplate(blocks, meta.title, meta.organisation)
    page = ResponsePage(source, body, about, cited, noted.orphan_notes, (), ())
    rendered = render.render_response(page)

    def fresh_parser() -> ReferenceParser:
        return ReferenceParser(shipped_tagger().labels, frozenset(), {})

    return {
        "read": lambda: read.parse_source(HEAD + text, "sources/growth.md", "growth", "utf-8", Report()),
        "clean": lambda: clean.rejoin_page_splits(clean.layout_blocks(source).blocks),
        "notes": lambda: notes.extract_notes(cleaned),
        "citations": lambda: citations.cite_notes(
            citations.resolve_back_references(noted.notes, source.path)[0],
            source.path,
            meta.date,
            fresh_parser(),
        ),
        "positions": lambda: positions.extract_positions(body, meta.organisation),
        "render": lambda: render.render_response(page),
        "markdown": lambda: converter.reset().convert(rendered),
    }


MIN_SAMPLE = 0.02  # seconds: a quicker stage is run several times per sample, as timeit does


def _sample(thunk: Stage, number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        thunk()
    return time.perf_counter() - start


def timed(thunk: Stage, repeats: int) -> float:
    """The median over `repeats` samples of one run's time; each sample times enough runs to last
    MIN_SAMPLE, so that sub-millisecond stages are not measured at the clock's grain."""
    number = 1
    while (first := _sample(thunk, number)) < MIN_SAMPLE and number < 10_000:
        number *= 10
    samples = [first, *(_sample(thunk, number) for _ in range(repeats - 1))]
    return statistics.median(samples) / number


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) against log(size in characters)."""
    if len(points) < 2:
        return math.nan
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(max(seconds, 1e-6)) for _, seconds in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


@dataclass(frozen=True)
class Row:
    shape: str
    stage: str
    times: tuple[float | None, ...]  # seconds at each factor; None: not run (predicted over budget)
    slope: float
    largest: int  # characters of the source at the largest factor
    refused: str = ""  # the sizes our limits refuse before MkDocs starts, and which limit

    @property
    def verdict(self) -> str:
        if math.isnan(self.slope):
            return "?"
        return "n log n or better" if self.slope <= LINEAR else "superlinear"


def refusals(text: str) -> tuple[str, ...]:
    """The limits (default settings) that would refuse this source before MkDocs starts."""
    raw = (HEAD + text).encode()
    if (too_large := limits.check_source_size(raw, "sources/growth.md", Limits())) is not None:
        return (too_large.code,)
    source = read.parse_source(HEAD + text, "sources/growth.md", "growth", "utf-8", Report())
    assert source is not None
    noted, _ = notes.extract_notes(clean.layout_blocks(source))
    blocks = clean.rejoin_page_splits(noted.blocks)
    found = [*limits.check_notes(noted.notes, blocks, source.path, Limits())]
    found += limits.check_blocks(blocks, source.path, Limits())
    return tuple(sorted({d.code for d in found}))


def measure_shape(
    shape: Shape, root: Path, factors: tuple[int, ...], repeats: int, budget: float
) -> list[Row]:
    units = draw(shape.units)
    converter = markdown_converter(root)
    times: dict[str, list[float | None]] = {}
    sizes: list[int] = []
    refused: list[str] = []
    skip: set[str] = set()
    for index, factor in enumerate(factors):
        text = shape.assemble(units, shape.base * factor)
        sizes.append(len(text))
        if codes := refusals(text):
            refused.append(f"{factor}× ({', '.join(codes)})")
        thunks = stages(text, converter)
        for name, thunk in thunks.items():
            if index == 0:
                thunk()  # warm up: compiled patterns, the tagger's model
            seconds = None if name in skip else timed(thunk, repeats)
            times.setdefault(name, []).append(seconds)
            if seconds is not None and index + 1 < len(factors):
                step = factors[index + 1] / factor
                if seconds * step**2 > budget:  # if it were quadratic, the next size would be too slow
                    skip.add(name)
    rows = []
    for name, values in times.items():
        points = [(size, t) for size, t in zip(sizes, values, strict=True) if t is not None]
        rows.append(Row(shape.name, name, tuple(values), slope(points), sizes[-1], "; ".join(refused)))
    return rows


def table(rows: list[Row], factors: tuple[int, ...]) -> str:
    head = "| shape | stage | " + " | ".join(f"t({f}×), ms" for f in factors)
    lines = [
        head + f" | {factors[-1]}×, KB | slope | verdict | refused by our limits |",
        "| --- | --- |" + " ---: |" * (len(factors) + 2) + " --- | --- |",
    ]
    for row in rows:
        cells = ["—" if t is None else f"{t * 1000:.1f}" for t in row.times]
        lines.append(
            f"| {row.shape} | {row.stage} | "
            + " | ".join(cells)
            + f" | {row.largest / 1000:,.0f} | {row.slope:.2f} | {row.verdict} | {row.refused or '—'} |"
        )
    return "\n".join(lines)
