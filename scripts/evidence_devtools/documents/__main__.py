"""Build the corpus (or find it in the cache) and print its folder.

.venv/bin/python -m evidence_devtools.documents [--held-out]
"""

from __future__ import annotations

import argparse

from evidence_devtools.documents.build import build_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description="Build the document corpus and print its folder.")
    parser.add_argument("--held-out", action="store_true", help="the held-out part instead of the dev part")
    parser.add_argument("--jobs", type=int, default=2, help="LibreOffice and pdflatex processes at a time")
    args = parser.parse_args()
    print(build_corpus("held-out" if args.held_out else "dev", jobs=args.jobs))


if __name__ == "__main__":
    main()
