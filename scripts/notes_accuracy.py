"""How many notes land at the right marker with the right text, over synthetic
responses in every common extraction shape.

    .venv/bin/python scripts/notes_accuracy.py [--seeds N]

Prints a line per shape and the total; exits 1 below 97% or if any note
was invented.
"""

from __future__ import annotations

import argparse
import sys

from evidence_devtools.accuracy import score_shapes
from evidence_devtools.synthetic import all_shapes

THRESHOLD = 0.97


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=5, help="responses per shape (default 5)")
    args = parser.parse_args()
    totals = score_shapes(all_shapes(), range(args.seeds))
    print(f"{'shape':60} {'notes':>6} {'right':>6} {'invented':>8}")
    for name, score in sorted(totals.items()):
        if name != "total":
            print(f"{name:60} {score.expected:6} {score.right:6} {score.invented:8}")
    total = totals["total"]
    print(f"{'total':60} {total.expected:6} {total.right:6} {total.invented:8}")
    print(f"placed right: {total.ratio:.2%} (threshold {THRESHOLD:.0%}); invented: {total.invented}")
    return 0 if total.ratio >= THRESHOLD and total.invented == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
