"""Measure the library at scale: N synthetic responses in the seeds' raw shapes.

    .venv/bin/python scripts/benchmark.py [--sizes 100 1000] [--repeats 3]
        [--incremental-runs 5] [--skip generate explorer round-trip parse-cost] [--skip-from 10000]

For each N it builds a library in a temporary folder (footnotes between
paragraphs and endnote lists, works cited again across responses), then
times `generate`, a second `generate` with nothing changed, `build`, `generate` after
changing one source (five times, each another source: the page cache at work), and a
bare `mkdocs build` over the same generated pages (the floor MkDocs sets), then
Pagefind's command line over that bare site (the floor with search, since `build`
indexes for search), and measures peak memory, site bytes, response page bytes and what a reader
downloads for a first search. It prints medians over the repeats as a
Markdown table, with the ratios the budgets speak of.

It also measures what reading the notes costs (CPU per note of a cold
`generate` over one with only the parser's labels cached), and after the
last build it checks the round trip a fresh clone depends on:
with `.cache` deleted, `check` must pass with no error, and a second
`generate` must leave `references.bib` byte for byte the same. A failure
there ends the run with exit status 1.

At N = 10,000 a full run takes hours on a shared machine: `--skip` leaves out
the optional parts (a separate clean `generate`, the explorer's floor, the
fresh-clone round trip, the cost of reading notes) from `--skip-from` on, and
`--incremental-runs` sets how many one-source changes are timed. The table is
printed after each size.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence_devtools.synthetic import Shape, synthetic_response

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LAYOUTS = ("footnotes", "endnotes-numbered", "endnotes-dash")
BODIES = ("NOMS", "Ministry of Justice", "HM Inspectorate of Probation", "Home Office", "Youth Justice Board")
MODEL = ROOT / "scripts/evidence_library/evidence/references/model/references.model"
RESULTS_SHOWN = 20  # results the search page shows at first (docs/javascripts/search.js)
GENERATED = (
    "docs/responses",
    "docs/references",
    "docs/positions",
    "docs/bodies",
    "docs/includes",
    "docs/exports",
    "docs/explore",
)


# Recommendations that name themes, opening some paragraphs that cite works: so positions, themes and
# the recommendations works support reach the explorer, as in a real library.
RECOMMENDATIONS = (
    "We recommend that women's centres receive secure funding.",
    "We urge the government to keep young adults out of prison.",
    "We call for volunteering in prisons to be supported.",
    "We recommend that probation providers commission the voluntary sector.",
    "We ask for resettlement services before release.",
    "We suggest that youth justice services work with families.",
)
SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]")


def with_recommendations(text: str, rng: random.Random) -> str:
    """Open some paragraphs that have a note marker (not the notes themselves) with a recommendation."""
    paragraphs = text.split("\n\n")
    for index, paragraph in enumerate(paragraphs):
        if SUPERSCRIPT.search(paragraph[1:]) and not SUPERSCRIPT.match(paragraph) and rng.random() < 0.3:
            paragraphs[index] = f"{rng.choice(RECOMMENDATIONS)} {paragraph}"
    return "\n\n".join(paragraphs)


def make_library(folder: Path, size: int) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copy(ROOT / "themes.yml", folder / "themes.yml")
    shutil.copy(ROOT / "bodies.yml", folder / "bodies.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    (folder / "docs").mkdir()
    for item in (ROOT / "docs").iterdir():
        if item.suffix == ".md" or item.name in ("stylesheets", "javascripts"):
            (shutil.copytree if item.is_dir() else shutil.copy)(item, folder / "docs" / item.name)
    sources = folder / "sources"
    sources.mkdir()
    rng = random.Random(size)
    for index in range(size):
        shape = Shape("superscript", LAYOUTS[index % len(LAYOUTS)], wrap=index % 2 == 0, shared_works=300)
        response = synthetic_response(index, shape, paragraphs=rng.randint(9, 18))
        year, month = 2008 + index % 13, 1 + index % 12
        head = (
            f"---\ntitle: Example Trust's response number {index} to the Test Consultation\n"
            f"date: {year}-{month:02d}\norganisation: Example Trust\n"
            f"consultation: Test Consultation {index}\nconsulting_body: {BODIES[index % len(BODIES)]}\n---\n"
        )
        (sources / f"{year}-{month:02d}-response-{index:04d}.md").write_text(
            head + with_recommendations(response.text.lstrip("\ufeff"), rng)
        )
    return folder


def tree_memory_kb(root_pid: int) -> int:
    """The memory a process and all its descendants hold at once, in KB: the sum of their proportional
    set sizes (PSS, so pages shared by forked workers count once), read from /proc (0 where there is none)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while the tree was read
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grew = {root_pid}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    total = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total


def run_sampled(command: list[str]) -> tuple[float, int, float, str, int]:
    """Seconds, peak memory of the largest process in KB, CPU seconds (user + system, with children),
    standard output, and the peak of all its processes together in KB (sampled every half second; GNU
    time gives the first three when it is there)."""
    gnu_time = shutil.which("time") or "/usr/bin/time"
    use_time = Path(gnu_time).exists()
    wrapped = [gnu_time, "-f", "%M %U %S", *command] if use_time else command
    start = time.perf_counter()
    process = subprocess.Popen(wrapped, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.5):
            samples.append(tree_memory_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    done.set()
    sampler.join()
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    if not use_time:
        return elapsed, 0, 0.0, stdout, max(samples)
    peak, user, system = stderr.strip().split("\n")[-1].split()
    return elapsed, int(peak), float(user) + float(system), stdout, max(samples)


def run_timed(command: list[str]) -> tuple[float, int, float, str]:
    """Seconds, peak memory in KB, CPU seconds (user + system, with children) and standard output of
    one command (memory and CPU through GNU time when it is there)."""
    return run_sampled(command)[:4]


def timed(command: list[str]) -> tuple[float, int]:
    """Seconds and peak memory in KB of one command."""
    elapsed, peak, _, _ = run_timed(command)
    return elapsed, peak


def clear_generated(root: Path) -> None:
    for folder in GENERATED:
        shutil.rmtree(root / folder, ignore_errors=True)
    for leftover in (root / "references.bib", root / ".cache"):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        elif leftover.exists():
            leftover.unlink()


def first_search_bytes(site: Path) -> int:
    """What the browser fetches to show the first results of a search."""
    pagefind = site / "pagefind"
    if not pagefind.is_dir():  # Material's own search: the whole index and its worker
        workers = site / "assets" / "javascripts" / "workers"
        return sum(p.stat().st_size for p in [*(site / "search").glob("*"), *workers.glob("search*.js")])
    fixed = ["pagefind-entry.json", "pagefind.js", "pagefind-worker.js"]
    size = sum((pagefind / name).stat().st_size for name in fixed if (pagefind / name).exists())
    size += (site / "javascripts" / "search.js").stat().st_size  # our UI on Pagefind's JS API
    size += max((p.stat().st_size for p in pagefind.glob("wasm.*")), default=0)  # one language's
    size += max((p.stat().st_size for p in pagefind.glob("pagefind.*.pf_meta")), default=0)
    size += sum(p.stat().st_size for p in (pagefind / "filter").glob("*.pf_filter"))  # every filter's counts
    chunks = sorted(p.stat().st_size for p in (pagefind / "index").glob("*.pf_index"))
    fragments = sorted(p.stat().st_size for p in (pagefind / "fragment").glob("*.pf_fragment"))
    # a query of a word or two reads one or two index chunks, and a fragment per result shown (20 on
    # the search page): count the largest of each, so the figure is an upper bound
    return size + sum(chunks[-2:]) + sum(fragments[-RESULTS_SHOWN:])


def bare_mkdocs_command(root: Path, into: str) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / into)]


def bare_mkdocs(root: Path, into: str) -> float:
    seconds, _ = timed(bare_mkdocs_command(root, into))
    return seconds


def pagefind_command(site: Path) -> list[str]:
    """Pagefind's command line over a finished site, with the root and excluded selectors our indexer
    gives it (publish/search.py): what a bare MkDocs site needs for search."""
    from pagefind.service import get_executable

    from evidence_library.publish.search import EXCLUDE_SELECTORS, ROOT_SELECTOR

    command = [str(get_executable()), "--site", str(site), "--root-selector", ROOT_SELECTOR, "--quiet"]
    return command + [arg for selector in EXCLUDE_SELECTORS for arg in ("--exclude-selectors", selector)]


def without_unsearched_pages(site: Path) -> None:
    """The bare site without the pages our search leaves out whole (`search.UNSEARCHED_PAGES`), so that
    Pagefind's command line indexes the same pages as `build` does."""
    from evidence_library.publish.search import UNSEARCHED_PAGES

    for page in UNSEARCHED_PAGES:
        shutil.rmtree(site / page.removesuffix(".md").rstrip("/"), ignore_errors=True)


def floor_without_explorer(root: Path) -> float:
    """A bare MkDocs build over the same pages but the explorer's (docs/explore/ set aside)."""
    explore, aside = root / "docs" / "explore", root / "explore-aside"
    explore.rename(aside)
    try:
        return bare_mkdocs(root, "bare-no-explore")
    finally:
        aside.rename(explore)


def round_trip(root: Path, cli: list[str]) -> dict[str, float]:
    """What a fresh clone sees: `check` with no cache, then `generate` again; the works counted."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    bib = root / "references.bib"
    before = hashlib.sha256(bib.read_bytes()).hexdigest()
    check = subprocess.run([*cli, "check"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise SystemExit(
            f"check failed on the library `build` wrote:\n{check.stdout[-3000:]}{check.stderr[-3000:]}"
        )
    timed([*cli, "generate"])
    after = hashlib.sha256(bib.read_bytes()).hexdigest()
    if after != before:
        raise SystemExit("a second generate with no cache changed references.bib")
    keys = [
        line.split("{", 1)[1].rstrip(",") for line in bib.read_text().splitlines() if line.startswith("@")
    ]
    return {"works": len(keys), "round_trip": 1.0}


def parse_cost(root: Path, cli: list[str]) -> dict[str, float]:
    """CPU per note of reading notes with the reference parser, cold: `generate` with no cache at all,
    less `generate` with only the cached note labels, over the number of notes."""
    clear_generated(root)
    _, _, cold, output = run_timed([*cli, "generate"])
    memo = sorted((root / ".cache").glob("reference-labels-*.json"))
    kept = [(path.name, path.read_bytes()) for path in memo]
    clear_generated(root)
    (root / ".cache").mkdir()
    for name, data in kept:
        (root / ".cache" / name).write_bytes(data)
    _, _, warm, _ = run_timed([*cli, "generate"])
    notes = int(re.search(r"with (\d+) notes", output)[1])  # type: ignore[index]
    return {
        "notes": notes,
        "parse_ms": max(0.0, cold - warm) / notes * 1000,
        "model_mb": MODEL.stat().st_size / 1e6,
    }


INCREMENTAL_RUNS = 5
OPTIONAL = ("generate", "explorer", "round-trip", "parse-cost")  # parts `--skip` may leave out


def changed_one_source(root: Path, cli: list[str], runs: int) -> list[tuple[float, float]]:
    """`generate` after changing one source (a sentence added), `runs` times, each time another
    source, as wall and CPU seconds; the page cache is warm from the run before."""
    sources = sorted((root / "sources").glob("*.md"))
    times = []
    for index in range(runs):
        source = sources[(index * 97) % len(sources)]
        source.write_text(source.read_text() + f"\nA sentence added for run {index}.\n")
        wall, _, cpu, _ = run_timed([*cli, "generate"])
        times.append((wall, cpu))
    return times


def incremental_only(size: int, runs: int) -> str:
    """`--incremental-only`: a clean `generate`, then `generate` after changing one source, with the
    wall and CPU seconds of each run and their medians."""
    with tempfile.TemporaryDirectory(prefix=f"bench-incremental-{size}-") as temporary:
        root = make_library(Path(temporary), size)
        cli = [str(BIN / "evidence-library"), "--root", str(root)]
        clean, _, clean_cpu, _ = run_timed([*cli, "generate"])
        times = changed_one_source(root, cli, runs)
    lines = [f"N = {size:,}: clean `generate` {clean:.2f} s ({clean_cpu:.2f} s CPU)"]
    lines += [
        f"after changing one source, run {n + 1}: {w:.2f} s ({c:.2f} s CPU)" for n, (w, c) in enumerate(times)
    ]
    wall, cpu = statistics.median(w for w, _ in times), statistics.median(c for _, c in times)
    return "\n".join([*lines, f"median of {runs}: {wall:.2f} s ({cpu:.2f} s CPU)"])


@dataclass(frozen=True)
class Plan:
    """What to measure: `skip` leaves out the optional parts (OPTIONAL) at sizes from `skip_from` on,
    where a run would otherwise take hours."""

    repeats: int = 3
    incremental_runs: int = INCREMENTAL_RUNS
    skip: frozenset[str] = frozenset()
    skip_from: int = 0

    def does(self, part: str, size: int) -> bool:
        return part not in self.skip or size < self.skip_from


def timed_builds(root: Path, cli: list[str], size: int, plan: Plan) -> dict[str, list[float]]:
    """Clean `generate`s and `build`s, and the floors after them, `plan.repeats` times."""
    runs: dict[str, list[float]] = {}
    for _ in range(plan.repeats):
        found: dict[str, float] = {}
        if plan.does("generate", size):
            clear_generated(root)
            found["generate"], _ = timed([*cli, "generate"])
            found["again"], _ = timed([*cli, "generate"])
        clear_generated(root)
        found["build"], found["peak"], found["build_cpu"], _, found["peak_all"] = run_sampled([*cli, "build"])
        found["floor"], _, floor_cpu, _, found["floor_peak_all"] = run_sampled(
            bare_mkdocs_command(root, "bare")
        )
        without_unsearched_pages(root / "bare")
        found["pagefind"], found["pagefind_peak"], pagefind_cpu, _ = run_timed(
            pagefind_command(root / "bare")
        )
        found["floor_search"] = found["floor"] + found["pagefind"]
        found["floor_search_cpu"] = floor_cpu + pagefind_cpu  # steadier than seconds on a busy machine
        if plan.does("explorer", size):
            found["without_explorer"] = floor_without_explorer(root)
        for name, value in found.items():
            runs.setdefault(name, []).append(value)
    return runs


def measure(size: int, plan: Plan) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as temporary:
        root = make_library(Path(temporary), size)
        cli = [str(BIN / "evidence-library"), "--root", str(root)]
        runs = timed_builds(root, cli, size, plan)
        if plan.incremental_runs:
            runs["incremental"] = [wall for wall, _ in changed_one_source(root, cli, plan.incremental_runs)]
        site = root / "site"
        pages = sorted(
            p.stat().st_size for p in (site / "responses").glob("*/index.html") if p.parent.name != "timeline"
        )
        result = {name: statistics.median(values) for name, values in runs.items()}
        result |= {
            "site": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            "median_page": statistics.median(pages),
            "largest_page": pages[-1],
            "search": first_search_bytes(site),
            "overhead": max(0.0, result["build"] - result["floor_search"]) / result["floor_search"],
            "overhead_unsearched": max(0.0, result["build"] - result["floor"]) / result["floor"],
            "overhead_cpu": max(0.0, result["build_cpu"] - result["floor_search_cpu"])
            / result["floor_search_cpu"],
            "explore_pages": sum(1 for _ in (root / "docs" / "explore").rglob("*.md")),
            "explore_bytes": markdown_bytes(root, ["docs/explore"]) / markdown_bytes(root, GENERATED),
        }
        if plan.does("explorer", size):
            result |= {"explorer": explorer_share(result), "explore_conversion": conversion_share(root)}
        if plan.does("round-trip", size):
            result |= round_trip(root, cli)
        if plan.does("parse-cost", size):
            result |= parse_cost(root, cli)
    return result


def markdown_bytes(root: Path, folders: Sequence[str]) -> int:
    return sum(p.stat().st_size for folder in folders for p in (root / folder).rglob("*.md"))


def conversion_share(root: Path) -> float:
    """The explorer's share of the time Markdown takes to convert the generated pages, with the site's
    extensions: the bulk of MkDocs' work, measured in one process, so a busy machine slows both alike."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"))
    spent = {True: 0.0, False: 0.0}
    for path in sorted(p for folder in GENERATED for p in (root / folder).rglob("*.md")):
        text = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        converter = markdown.Markdown(
            extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
        )
        start = time.perf_counter()
        converter.convert(text)
        spent["explore" in path.parts] += time.perf_counter() - start
    return spent[True] / spent[False]


def explorer_share(result: dict[str, float]) -> float:
    """What MkDocs spends on the explorer's pages, as a share of the build without them."""
    added = max(0.0, result["floor"] - result["without_explorer"])
    return added / (result["build"] - added)


def table(results: dict[int, dict[str, float]]) -> str:
    rows = [
        ("`generate`, s", "generate", "{:.2f}"),
        ("second `generate`, nothing changed, s", "again", "{:.2f}"),
        ("`generate` after changing one source, s (median of the runs)", "incremental", "{:.2f}"),
        ("`build` (generate + MkDocs), s", "build", "{:.2f}"),
        ("bare `mkdocs build`, s (the floor)", "floor", "{:.2f}"),
        ("Pagefind's command line over the bare site, s", "pagefind", "{:.2f}"),
        ("the floor with search (bare `mkdocs build`, then Pagefind), s", "floor_search", "{:.2f}"),
        ("our work over the floor, search on both sides", "overhead", "{:.0%}"),
        ("our work over the floor without search (search on our side only)", "overhead_unsearched", "{:.0%}"),
        ("`build`, CPU s (user + system, every process)", "build_cpu", "{:.1f}"),
        ("the floor with search, CPU s", "floor_search_cpu", "{:.1f}"),
        ("our work over the floor with search, in CPU time", "overhead_cpu", "{:.0%}"),
        ("peak memory of `build`, largest process, MiB", "peak", "{:.0f}"),
        ("peak memory of `build`, all its processes at once (PSS, sampled), MiB", "peak_all", "{:.0f}"),
        (
            "peak memory of the bare `mkdocs build`, all its processes (PSS, sampled), MiB",
            "floor_peak_all",
            "{:.0f}",
        ),
        ("peak memory of Pagefind's command line over the bare site, MiB", "pagefind_peak", "{:.0f}"),
        ("site, MB", "site", "{:.1f}"),
        ("median response page, KB", "median_page", "{:.0f}"),
        ("largest response page, KB", "largest_page", "{:.0f}"),
        ("first search downloads, KB", "search", "{:.0f}"),
        ("notes", "notes", "{:,.0f}"),
        ("reading notes, cold: CPU per note, ms", "parse_ms", "{:.2f}"),
        ("reference model file, MB", "model_mb", "{:.1f}"),
        ("works in `references.bib`", "works", "{:,.0f}"),
        ("fresh clone: `check` passes, second `generate` byte-identical", "round_trip", "{:.0f}"),
        ("explorer pages", "explore_pages", "{:.0f}"),
        ("bare `mkdocs build` without the explorer, s", "without_explorer", "{:.2f}"),
        ("the explorer's share of `build`", "explorer", "{:.0%}"),
        ("the explorer's share of the generated Markdown", "explore_bytes", "{:.1%}"),
        ("the explorer's Markdown conversion over the rest's", "explore_conversion", "{:.1%}"),
    ]
    scale = {
        "peak": 1 / 1024,
        "peak_all": 1 / 1024,
        "floor_peak_all": 1 / 1024,
        "pagefind_peak": 1 / 1024,
        "site": 1 / 1e6,
        "median_page": 1 / 1e3,
        "largest_page": 1 / 1e3,
        "search": 1 / 1e3,
    }
    sizes = sorted(results)
    lines = [
        "| measure | " + " | ".join(f"N = {n:,}" for n in sizes) + " |",
        "| --- |" + " --- |" * len(sizes),
    ]
    for label, key, form in rows:
        values = [
            form.format(results[n][key] * scale.get(key, 1)) if key in results[n] else "—" for n in sizes
        ]
        if key == "round_trip":
            values = [("yes" if results[n][key] else "no") if key in results[n] else "—" for n in sizes]
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    if len(sizes) > 1:
        small, large = results[sizes[0]], results[sizes[-1]]
        lines.append(
            f"| `build` growth N={sizes[0]:,}→{sizes[-1]:,} | {large['build'] / small['build']:.1f}× |"
        )
        lines.append(
            f"| peak memory growth N={sizes[0]:,}→{sizes[-1]:,} | {large['peak'] / small['peak']:.1f}× |"
        )
        lines.append(
            f"| floor growth N={sizes[0]:,}→{sizes[-1]:,} | {large['floor'] / small['floor']:.1f}× |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--incremental-only", action="store_true", help="only `generate` after changing one source"
    )
    parser.add_argument(
        "--incremental-runs", type=int, default=INCREMENTAL_RUNS, help="`generate`s after changing one source"
    )
    parser.add_argument("--skip", nargs="*", choices=OPTIONAL, default=[], help="parts to leave out")
    parser.add_argument("--skip-from", type=int, default=0, help="leave them out from this size on")
    args = parser.parse_args()
    if args.incremental_only:
        print("\n".join(incremental_only(size, args.incremental_runs) for size in args.sizes))
        return 0
    plan = Plan(args.repeats, args.incremental_runs, frozenset(args.skip), args.skip_from)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results: dict[int, dict[str, float]] = {}
    for size in args.sizes:  # the table so far after each size, so a long run shows what it has
        results[size] = measure(size, plan)
        print(f"{machine}; medians of {args.repeats} runs; {time.strftime('%H:%M:%S')}\n", flush=True)
        print(table(results) + "\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
