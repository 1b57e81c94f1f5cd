"""How well the reference parser reads notes it was not trained on, field by field and style by style.

    .venv/bin/python scripts/citations_accuracy.py [--folds 5] [--final] [--anystyle DIR] [--labels FILE]
    .venv/bin/python scripts/citations_accuracy.py --rescore FILE
    .venv/bin/python scripts/citations_accuracy.py --external evaluation/academic   (or web, uk-notes)

The labelled data (AnyStyle's `core.xml` and `good.xml`, and our own
`training/notes/*.xml`) is split by a hash of each note's text. One part in
six is the final test set: it is never used while the features and
normalisers are tuned, and is scored only with `--final` (trained on the
other five parts). The other five are scored by cross-validation (train on
four, test on the fifth, each in turn). Prints a table per field, by style
family for AnyStyle's references and by file for our notes, then each budget
pooled over styles and files with whether it is met; exits 1 if one is not.

`--labels FILE` keeps the labels the models gave the notes they were tested
on; `--rescore FILE` scores them again with the current normalisers (names,
fields, the split into works) without training: what a change to those
costs or gains, in seconds. A change to features or training needs a new run.

`--external DIR` scores the shipped model, untrained, on labelled references
written apart from all the training data (`evaluation/academic/`, one file per
citation style, never trained or tuned on), each sequence one reference, or on
footnotes written apart (`evaluation/uk-notes/`, `kind: notes` in
`evaluation/sets.yml`), each of which may cite several works or none and is
scored as our notes are; and, beside it, a baseline: the same model and
features trained on AnyStyle's `core.xml` alone (the issue's floors were set
against a plain CRF trained so; this one shows what `good.xml` and our notes
add to the shipped model). A set is halved by a
hash of each reference, and each half is reported apart, with whether it was
looked at for errors while the parser was mended (`evaluation/sets.yml`: half
0 of each set was, and the mends it led to are in the README; half 1 never
was).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from evidence_devtools.citation_scores import (
    ANYSTYLE_FILES,
    FIELDS,
    Scores,
    Tally,
    also_in,
    group_of,
    score,
    table,
)
from evidence_library.evidence.references.tagger import MODEL_FILE, Tagger
from evidence_library.evidence.references.training import (
    DatasetError,
    LabelledNote,
    fold_of,
    read_datasets,
    train,
)

ROOT = Path(__file__).resolve().parent.parent
FINAL = 0  # the part of six kept for the final test
PARTS = 6
BUDGETS = {"year": 0.98, "title": 0.95, "first author": 0.97, "url": 0.98, "type": 0.90}
UK_FLOOR = 0.92
PROSE_FLOOR = 0.95


def trained_and_tagged(train_notes: list[LabelledNote], test_notes: list[LabelledNote]) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "references.model"
        train(train_notes, model)
        tagger = Tagger(model)
        return [tagger.labels(note.tokens) for note in test_notes]


def _fold(args: tuple[list[LabelledNote], int, int]) -> tuple[list[LabelledNote], list[list[str]]]:
    notes, fold, folds = args
    test = [n for n in notes if fold_of(n, folds) == fold]
    return test, trained_and_tagged([n for n in notes if fold_of(n, folds) != fold], test)


def cross_validate(
    notes: list[LabelledNote], folds: int, workers: int
) -> list[tuple[LabelledNote, list[str]]]:
    """Each note with the labels of the model that was not trained on it."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_fold, [(notes, fold, folds) for fold in range(folds)]))
    return [(n, labels) for test, predicted in results for n, labels in zip(test, predicted, strict=True)]


def save_labels(path: Path, tagged: list[tuple[LabelledNote, list[str]]]) -> None:
    rows = [{"source": n.source, "index": n.index, "text": n.text, "labels": labels} for n, labels in tagged]
    path.write_text(json.dumps(rows) + "\n", encoding="utf-8")


def load_labels(path: Path, notes: list[LabelledNote]) -> list[tuple[LabelledNote, list[str]]]:
    """Saved labels with their notes; a note whose text changed since is left out."""
    by_place = {(n.source, n.index): n for n in notes}
    tagged = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        note = by_place.get((row["source"], row["index"]))
        if note is not None and note.text == row["text"]:
            tagged.append((note, row["labels"]))
    return tagged


def pooled(scores: Scores, groups: Sequence[str], name: str) -> Tally:
    """One field's tally over several groups (all AnyStyle styles, or all our files)."""
    total = Tally()
    for group in groups:
        tally = scores.fields[group].get(name) if group in scores.fields else None
        if tally is not None:
            total.right += tally.right
            total.total += tally.total
    return total


def verdict(what: str, tally: Tally, floor: float) -> tuple[str, bool]:
    met = tally.share >= floor
    return (
        f"- {what}: {tally.share:.1%} of {tally.total} (floor {floor:.0%}): {'met' if met else 'NOT met'}",
        met,
    )


def budgets(scores: Scores, groups: Sequence[str], kind: str, prefix: str = "") -> tuple[list[str], bool]:
    """References are judged by the issue's floors for academic references; notes by its floors for
    our UK notes (every field, and prose-only notes linked to nothing). Each line says the figure and
    whether it meets its floor; `prefix` names the data ('UK ') when a report holds both kinds."""
    if kind == "references":
        tallies = [(name, pooled(scores, groups, name), floor) for name, floor in BUDGETS.items()]
    else:
        tallies = [(name, pooled(scores, groups, name), UK_FLOOR) for name in FIELDS]
        tallies = [(name, tally, floor) for name, tally, floor in tallies if tally.total]
        tallies.append(("prose-only notes linked to nothing", scores.prose_only, PROSE_FLOOR))
    verdicts = [verdict(f"{prefix}{name}", tally, floor) for name, tally, floor in tallies]
    lines = [line for line, _ in verdicts]
    if kind == "notes":
        lines.append(f"- {prefix}works invented: {scores.invented}; works missed: {scores.missed}")
    return lines, all(met for _, met in verdicts)


def budget_lines(scores: Scores, academic: Sequence[str], ours: Sequence[str]) -> tuple[list[str], bool]:
    """The budgets, each with its figure and whether it is met."""
    for_references, references_met = budgets(scores, academic, "references", "AnyStyle ")
    for_notes, notes_met = budgets(scores, ours, "notes", "UK ")
    return for_references + for_notes, references_met and notes_met


def report(scores: Scores, notes: list[LabelledNote], title: str) -> bool:
    academic = sorted({group_of(n) for n in notes if n.source in ANYSTYLE_FILES})
    ours = sorted({group_of(n) for n in notes if n.source not in ANYSTYLE_FILES})
    print(f"\n## {title}\n\nAnyStyle's references, by style family:\n")
    print(table(scores, academic))
    print("\nOur UK notes, by file:\n")
    print(table(scores, ours))
    lines, ok = budget_lines(scores, academic, ours)
    print("\nBudgets, pooled over styles and files:\n")
    print("\n".join(lines))
    return ok


def anystyle_notes(folder: Path) -> list[LabelledNote]:
    """AnyStyle's labelled references, or a clear exit when they are not in `folder`."""
    missing = [name for name in ANYSTYLE_FILES if not (folder / name).is_file()]
    if missing:
        raise SystemExit(
            f"{folder}: {', '.join(missing)} not found; get them from res/parser/ in the "
            "inukshuk/anystyle repository, or name their folder with --anystyle DIR"
        )
    return read_datasets([folder / name for name in ANYSTYLE_FILES])


def training_notes(anystyle: Path) -> list[LabelledNote]:
    """Everything the model learns from: AnyStyle's references and our labelled notes."""
    return anystyle_notes(anystyle) + read_datasets((ROOT / "training" / "notes").glob("*.xml"))


SETS_FILE = ROOT / "evaluation" / "sets.yml"


def set_entry(folder: Path) -> dict[str, object] | None:
    """What `evaluation/sets.yml` records of a set written apart, or None when it does not name it."""
    sets = yaml.safe_load(SETS_FILE.read_text(encoding="utf-8")) if SETS_FILE.is_file() else None
    entry = (sets or {}).get(folder.resolve().name)
    return entry if isinstance(entry, dict) else None


def looked_at(entry: dict[str, object] | None) -> str:
    """Which half of a set written apart was looked at for errors ('0', '1' or 'none'), as
    `evaluation/sets.yml` records it; 'not recorded' for a set it does not name."""
    if entry is None:
        return "not recorded"
    half = entry.get("looked_at_half")
    return "none" if half is None else str(half)


# What each half's line shows: the five fields for references; for notes, the fields UK notes
# are judged on most often, and the prose-only notes.
HALF_FIELDS = {
    "references": tuple(BUDGETS),
    "notes": ("first author", "year", "title", "container", "number", "publisher", "pin", "type"),
}


def external(folder: Path, anystyle: Path) -> bool:
    """The shipped model and a core.xml-only baseline on references or notes written apart from the
    training data. `sets.yml` says which a set holds (`kind: notes`: footnotes that may cite several
    works or none, scored as our notes are; otherwise one reference per sequence)."""
    notes = read_datasets(folder.glob("*.xml"))
    if not notes:
        raise SystemExit(f"{folder}: no labelled references (*.xml) to score")
    training = training_notes(anystyle)
    if copied := also_in(notes, training):
        where = ", ".join(f"{n.source}: sequence {n.index + 1}" for n in copied[:5])
        raise SystemExit(f"{len(copied)} references are also in the training data: {where}")
    groups = sorted({group_of(n) for n in notes})
    shipped = Tagger(MODEL_FILE)
    entry = set_entry(folder)
    kind = "notes" if entry is not None and entry.get("kind") == "notes" else "references"
    half_looked_at = looked_at(entry)
    ok = True
    for title, labels, judged in (
        ("The shipped model", [shipped.labels(n.tokens) for n in notes], True),
        (
            "Baseline: the same model and features trained on AnyStyle's core.xml alone",
            trained_and_tagged([n for n in training if n.source == "core.xml"], notes),
            False,  # for comparison: its floors are not the shipped parser's
        ),
    ):
        one_reference = kind == "references"
        scores = score(notes, labels, one_reference=one_reference)
        print(f"\n## {title}, on {len(notes)} {kind} written apart ({folder})\n")
        shown = (*BUDGETS, "container", "pages", "doi") if one_reference else tuple(FIELDS)
        print(table(scores, groups, shown))
        print(f"\nBudgets, pooled over {'styles' if one_reference else 'files'}:\n")
        lines, met = budgets(scores, groups, kind)
        print("\n".join(lines))
        ok &= met or not judged
        for part in (0, 1):
            if half_looked_at == "not recorded":
                what = f"looked at or not: not recorded in {SETS_FILE.relative_to(ROOT)}"
            else:
                what = "looked at while mending" if half_looked_at == str(part) else "never looked at"
            chosen = [(n, found) for n, found in zip(notes, labels, strict=True) if fold_of(n, 2) == part]
            half = score([n for n, _ in chosen], [found for _, found in chosen], one_reference=one_reference)
            figures = ", ".join(
                f"{name} {pooled(half, groups, name).share:.1%}" for name in HALF_FIELDS[kind]
            )
            if not one_reference:
                figures += f", prose-only {half.prose_only.share:.1%} of {half.prose_only.total}"
            print(f"- half {part} ({len(chosen)} {kind}, {what}): {figures}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--final", action="store_true", help="score the final test set (once tuning is done)")
    parser.add_argument("--anystyle", type=Path, default=ROOT.parent / "shared" / "anystyle")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--labels", type=Path, help="keep the tested notes' labels in this JSON file")
    parser.add_argument("--rescore", type=Path, help="score labels kept with --labels again; no training")
    parser.add_argument("--external", type=Path, help="score the shipped model on references in this folder")
    args = parser.parse_args()
    if args.external:
        return 0 if external(args.external, args.anystyle) else 1
    notes = training_notes(args.anystyle)
    development = [n for n in notes if fold_of(n, PARTS) != FINAL]
    if args.rescore:
        tagged = load_labels(args.rescore, notes)
        title = f"Labels kept in {args.rescore.name}, scored again ({len(tagged)} notes)"
    elif args.final:
        final = [n for n in notes if fold_of(n, PARTS) == FINAL]
        tagged = list(zip(final, trained_and_tagged(development, final), strict=True))
        title = "Final test set (one part in six, never tuned on)"
    else:
        tagged = cross_validate(development, args.folds, args.workers)
        title = f"{args.folds}-fold cross-validation on the development part"
    if args.labels:
        save_labels(args.labels, tagged)
    tested = [n for n, _ in tagged]
    ok = report(score(tested, [labels for _, labels in tagged]), tested, title)
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except DatasetError as error:  # a malformed labelled file: which one, which sequence, what is wrong
        sys.exit(f"error: {error}")
