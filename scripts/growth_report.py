"""Print how each stage's time grows with the size of each input shape.

    .venv/bin/python scripts/growth_report.py [--factors 1 10 100] [--repeats 3] [--budget 30]
                                              [--shape NAME ...]

See `evidence_devtools/growth.py`: for each shape, the time of every stage
(ours, and the Markdown conversion MkDocs does) at each size, the fitted
growth exponent and a verdict (slope <= 1.15: n log n or better).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evidence_devtools.growth import SHAPES, measure_shape, table

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeats", type=int, default=3, help="samples per stage and size (median)")
    parser.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="seconds: a stage predicted (as if quadratic) to take longer at the next size is not run there",
    )
    parser.add_argument("--shape", nargs="*", help="only the shapes whose names contain these words")
    args = parser.parse_args()
    factors = tuple(args.factors)
    chosen = [s for s in SHAPES if not args.shape or any(w in s.name for w in args.shape)]
    rows = []
    for shape in chosen:
        rows += measure_shape(shape, ROOT, factors, args.repeats, args.budget)
        print(f"measured: {shape.name}", file=sys.stderr, flush=True)
    print(table(rows, factors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
