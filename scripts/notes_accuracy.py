"""How many notes land at the right marker with the right text: over synthetic
responses in every common extraction shape, or over a corpus of real documents.

    .venv/bin/python scripts/notes_accuracy.py [--seeds N]
    .venv/bin/python scripts/notes_accuracy.py --documents [--format F] [--layout L] [--text T] [--details]
    .venv/bin/python scripts/notes_accuracy.py --documents --held-out

The synthetic mode prints a line per shape and the total; it exits 1 below 97%
or if any note was invented.

The documents mode builds (once, then from its cache) Word, ODT and PDF files
made with LibreOffice and pdflatex from known texts
(scripts/evidence_devtools/documents/), imports each with `add`, and prints
per format and layout: notes right, notes invented, words kept in order,
corrupted words, words no known sentence accounts for, headings found and at
the right level, and header fields right/wrong/missing. It exits 1 when a
format or the total misses a budget. `--held-out` scores the held-out part
instead of the development part: never tune an importer on it.
"""

from __future__ import annotations

import argparse
import sys

from evidence_devtools.accuracy import score_shapes
from evidence_devtools.synthetic import all_shapes

THRESHOLD = 0.97


def synthetic(seeds: int) -> int:
    totals = score_shapes(all_shapes(), range(seeds))
    print(f"{'shape':60} {'notes':>6} {'right':>6} {'invented':>8}")
    for name, score in sorted(totals.items()):
        if name != "total":
            print(f"{name:60} {score.expected:6} {score.right:6} {score.invented:8}")
    total = totals["total"]
    print(f"{'total':60} {total.expected:6} {total.right:6} {total.invented:8}")
    print(f"placed right: {total.ratio:.2%} (threshold {THRESHOLD:.0%}); invented: {total.invented}")
    return 0 if total.ratio >= THRESHOLD and total.invented == 0 else 1


def documents(args: argparse.Namespace) -> int:
    from evidence_devtools.documents.build import build_corpus, load_manifest
    from evidence_devtools.documents.measure import Budgets, score_corpus
    from evidence_devtools.documents.tables import budget_failures, details, table

    split = "held-out" if args.held_out else "dev"
    folder = build_corpus(split, jobs=args.jobs or 2)
    manifest, _ = load_manifest(folder)
    print(f"corpus: {folder} ({split} split, built in {manifest['seconds']} s)")
    scores = score_corpus(split, args.format, args.layout, args.text, args.jobs)
    print("\n".join(table(scores)))
    if args.details:
        for score in scores:
            print("\n".join(details(score)))
    failures = budget_failures(scores, Budgets())
    print("budgets: notes right >= 99%, 0 invented, words kept >= 99.5%, 0 corrupted, header fields >= 90%")
    print("budgets missed: " + "; ".join(failures) if failures else "all budgets met")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=5, help="synthetic responses per shape (default 5)")
    parser.add_argument("--documents", action="store_true", help="score the corpus of real documents")
    parser.add_argument("--held-out", action="store_true", help="with --documents: score the held-out part")
    parser.add_argument("--format", action="append", default=[], help="docx, odt, pdf-libreoffice, pdf-latex")
    parser.add_argument("--layout", action="append", default=[], help="a layout name (see layouts.py)")
    parser.add_argument("--text", action="append", default=[], help="a text name (see texts/)")
    parser.add_argument("--details", action="store_true", help="what went wrong in each document")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: up to 4)")
    args = parser.parse_args()
    return documents(args) if args.documents else synthetic(args.seeds)


if __name__ == "__main__":
    sys.exit(main())
