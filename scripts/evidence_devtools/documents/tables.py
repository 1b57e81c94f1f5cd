"""The accuracy tables: a row per format and layout, a subtotal per format, the total; and details."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from evidence_devtools.documents.layouts import LATEX_FORMATS, LIBREOFFICE_FORMATS
from evidence_devtools.documents.measure import Budgets, DocumentScore, Tally

FORMATS = (*LIBREOFFICE_FORMATS, *LATEX_FORMATS)
COLUMNS = (
    f"{'format / layout':34} {'docs':>4} {'fail':>4} {'notes right':>17} {'inv':>4} {'words kept':>19} "
    f"{'corrupt':>7} {'unmatched':>9} {'headings':>9} {'at level':>9} {'header r/w/m':>14}"
)


def percent(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     -"


def row(name: str, tally: Tally) -> str:
    fields = tally.fields
    header = f"{fields['right']}/{fields['wrong']}/{fields['missing']}"
    return (
        f"{name:34} {tally.documents:4} {tally.failed:4} "
        f"{percent(tally.notes_right, tally.notes)} {tally.notes_right:4}/{tally.notes:<4} "
        f"{tally.invented:4} "
        f"{percent(tally.kept, tally.words)} {tally.kept:5}/{tally.words:<5} {tally.corrupted:7} "
        f"{percent(tally.unmatched, tally.on_page):>9} {percent(tally.headings_found, tally.headings):>9} "
        f"{percent(tally.headings_at_level, tally.headings):>9} "
        f"{percent(fields['right'], sum(fields.values()))} {header:>7}"
    )


def tally(scores: Sequence[DocumentScore]) -> Tally:
    total = Tally()
    for score in scores:
        total.add(score)
    return total


def format_tallies(scores: Sequence[DocumentScore]) -> dict[str, Tally]:
    return {
        f: tally([s for s in scores if s.file.format == f])
        for f in FORMATS
        if any(s.file.format == f for s in scores)
    }


def table(scores: Sequence[DocumentScore]) -> Iterator[str]:
    yield COLUMNS
    for fmt, subtotal in format_tallies(scores).items():
        in_format = [s for s in scores if s.file.format == fmt]
        layouts = sorted({s.file.layout for s in in_format})
        if len(layouts) > 1:
            for layout in layouts:
                yield row(f"  {fmt} / {layout}", tally([s for s in in_format if s.file.layout == layout]))
        yield row(f"{fmt} (all)", subtotal)
    yield row("total", tally(scores))


def budget_failures(scores: Sequence[DocumentScore], budgets: Budgets) -> list[str]:
    """Each format, and the total, must meet every budget."""
    failures = [f"{fmt}: {miss}" for fmt, t in format_tallies(scores).items() for miss in t.failures(budgets)]
    return failures + [f"total: {miss}" for miss in tally(scores).failures(budgets)]


def details(score: DocumentScore, limit: int = 5) -> Iterator[str]:
    """What went wrong in one document, for the importers' authors."""
    text, header = score.text, score.header
    yield f"{score.file.path}"
    if score.failure:
        yield f"  {score.failure}"
        return
    for note in text.wrong_notes[:limit]:
        yield (
            f"  note {note.number}: after {note.expected_anchor!r}, found after {note.found_anchor!r}; "
            f"text {note.found_text[:70]!r}" + ("" if note.found_text else " (no text)")
        )
    if text.notes_invented:
        yield f"  {text.notes_invented} invented note(s) or repeated marker(s)"
    if text.corrupted:
        common = ", ".join(
            f"{word} ×{n}" if n > 1 else word for word, n in Counter(text.corrupted).most_common(12)
        )
        yield f"  corrupted words ({len(text.corrupted)}): {common}"
    for sentence, kept, known in text.broken_sentences[:limit]:
        yield f"  kept {kept}/{known}: {sentence[:90]}"
    for name, value in header.wrong:
        yield f"  header {name}: inferred {value!r}"
    if header.missing:
        yield f"  header missing: {', '.join(header.missing)}"
