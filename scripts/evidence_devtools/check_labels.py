"""Check labelled notes and show how each splits into works.

    .venv/bin/python -m evidence_devtools.check_labels training/notes/*.xml [--show]

Exits 1 with the file and sequence if any file is malformed; prints counts of
labels and works per file, and with --show every note's works.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from evidence_library.evidence.references.labels import split_works
from evidence_library.evidence.references.training import DatasetError, read_dataset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--show", action="store_true", help="print each note's works")
    args = parser.parse_args()
    failed = False
    for path in args.files:
        try:
            notes = read_dataset(path)
        except DatasetError as error:
            print(f"error: {error}", file=sys.stderr)
            failed = True
            continue
        labels = Counter(span.label for note in notes for span in note.spans)
        works = Counter(len(split_works(note.spans)) for note in notes)
        print(f"{path.name}: {len(notes)} notes; works per note {dict(sorted(works.items()))}")
        print("  labels: " + ", ".join(f"{label} {count}" for label, count in labels.most_common()))
        if args.show:
            for note in notes:
                print(f"  [{note.index + 1}] {note.text}")
                for work in split_works(note.spans):
                    print("      work: " + " | ".join(f"{s.label}={s.text}" for s in work))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
