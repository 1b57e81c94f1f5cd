"""Time the PDF importer on a long document: a 100-page two-column LaTeX PDF made from generated text.

    .venv/bin/python scripts/benchmark_import.py [--pages 100] [--repeats 3]

It writes a LaTeX article (two columns, a running header, page numbers,
sections, footnotes every few paragraphs, a bulleted list now and then) of
generated sentences, compiles it with pdflatex until it has at least the
pages asked for, then times the layout import (`ingest.pdf.import_pdf`) and
the whole `evidence-library add` of the file, and prints the medians, wall
clock and CPU time (on a shared machine the CPU time is the fair figure).
Needs pdflatex. The budget: under 10 s for 100 pages.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORD_LIST = (
    "probation prison community sentence offender rehabilitation voluntary sector organisation evidence "
    "support service commissioning contract provider outcome family children women young adults local "
    "national review consultation response ministry justice funding effective office official first "
    "difficult sufficient staff volunteers members report data public safety resettlement housing"
)
WORDS = tuple(WORD_LIST.split())
PARAGRAPHS_PER_PAGE = 8  # a two-column page of 10 pt type holds about this many of these paragraphs


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def latex_source(paragraphs: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = [
        r"\documentclass[10pt,a4paper,twocolumn]{article}",
        r"\usepackage[T1]{fontenc}",
        r"\pagestyle{myheadings}\markright{Example Trust \textbar{} Benchmark response}",
        r"\begin{document}",
        r"\title{Example Trust response to the benchmark consultation}\date{March 2020}\maketitle",
    ]
    for number in range(paragraphs):
        if number % 12 == 0:
            lines.append(rf"\section{{Part {number // 12 + 1}: {sentence(rng)[:-1]}}}")
        text = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        if number % 3 == 0:
            text += rf"\footnote{{{sentence(rng)} London: Example Press, {2000 + number % 20}.}}"
        lines.append(text + "\n")
        if number % 20 == 10:
            items = "".join(rf"\item {sentence(rng)} " for _ in range(3))
            lines.append(rf"\begin{{itemize}}{items}\end{{itemize}}")
    lines.append(r"\end{document}")
    return "\n".join(lines)


def make_pdf(folder: Path, pages: int) -> Path:
    tex = folder / "long.tex"
    tex.write_text(latex_source(pages * PARAGRAPHS_PER_PAGE), encoding="utf-8")
    command = ["pdflatex", "-interaction=batchmode", "-halt-on-error", tex.name]
    subprocess.run(command, cwd=folder, check=True, capture_output=True, timeout=600)
    return folder / "long.pdf"


def time_import(pdf: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, pages, notes) of one layout import."""
    from evidence_library.ingest.pdf import analyse, extract

    start, cpu = time.perf_counter(), time.process_time()
    pages, properties = extract.read_pages(pdf.read_bytes(), pdf.name)
    layout = analyse(pages, properties)
    return time.perf_counter() - start, time.process_time() - cpu, layout.pages, layout.text.count("\n[^")


def time_add(pdf: Path, folder: Path) -> float:
    root = folder / "library"
    (root / "sources").mkdir(parents=True, exist_ok=True)
    for old in (root / "sources").glob("*.md"):
        old.unlink()
    command = [sys.executable, "-m", "evidence_library.cli", "--root", str(root), "add", str(pdf)]
    command += ["--title", "T", "--organisation", "O", "--consultation", "C", "--consulting-body", "B"]
    command += ["--date", "2020-03", "--slug", "benchmark"]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        pdf = make_pdf(folder, args.pages)
        runs = [time_import(pdf) for _ in range(args.repeats)]
        adds = [time_add(pdf, folder) for _ in range(args.repeats)]
    seconds, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    pages, notes = runs[0][2], runs[0][3]
    print(f"{pages} pages, {notes} notes; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"layout import: {seconds:.2f} s wall, {cpu:.2f} s CPU, median of {args.repeats}")
    print(f"  per 100 pages: {seconds / pages * 100:.2f} s wall, {cpu / pages * 100:.2f} s CPU")
    print(f"evidence-library add (a new process, the whole add): {statistics.median(adds):.2f} s wall")
    return 0 if cpu / pages * 100 < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
