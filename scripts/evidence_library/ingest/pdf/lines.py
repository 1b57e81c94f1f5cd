"""Glyphs in the order the page draws them -> lines of text, with spaces and superscript markers.

Generators draw a line's glyphs one after the other, so a line is a run of
glyphs that stays on one baseline and moves rightwards; anything else starts
a new line (and the columns of a page never share a line, whatever their
height). Within a line:

* a gap wider than `SPACE_GAP` of the type size is a space (LaTeX draws no
  space glyphs, it moves the pen);
* a gap of at least `CELL_GAP` of the type size that is also `WIDE_GAP`
  times the line's narrowest word space (or a normal word space,
  `NORMAL_SPACE`, on a line with one space) ends the line: it is the space
  between two cells of a table row. A justified line stretches all its word
  spaces alike, and more after a full stop or colon, so those are not
  compared;
* a glyph drawn again on top of itself (fake bold) counts once;
* a vertical rule the page draws between two glyphs (a ruled table's cell
  border) ends the line too, and a line with a rule just left of it (within
  `RULE_REACH` of the type size) is marked `ruled`: it starts a cell;
* digits smaller than `SUPERSCRIPT_SIZE` of the line's size and raised by
  `SUPERSCRIPT_RISE` of it are a note marker, written between `MARK_OPEN`
  and `MARK_CLOSE`.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

from evidence_library.ingest.pdf.boxes import MARK_CLOSE, MARK_OPEN, Glyph, Rule, TextLine, median

SPACE_GAP = 0.16  # of the type size: LaTeX's smallest word space is about 0.22 em, kerning under 0.1
MAX_GAP = 1.6  # of the type size: a wider jump to the right is another line (a table cell, a column)
BACKWARDS = 0.6  # of the type size: a glyph this far left of the last one starts a new line
SAME_LINE = 0.35  # of the type size: how far a same-size glyph's middle may stray from the line's
SAME_LINE_SMALL = 0.7  # the same for a smaller glyph (a superscript or subscript)
SUPERSCRIPT_SIZE = 0.85
SUPERSCRIPT_RISE = 0.12
LABEL_GLYPHS = 3  # a run this short before a line on its level is its label: a bullet, "1.", a note number
LABEL_GAP = 3.0  # of the type size: how far a label may stand from its line
OVERPRINT = 0.5  # points: a glyph this close to the same glyph is the same glyph drawn twice
CELL_GAP = 0.9  # of the type size: LaTeX puts 12 pt between a table's cells
WIDE_GAP = 3.0  # times the line's narrowest word space
NORMAL_SPACE = 0.33  # of the type size: a word space, for a line with only one
STRETCHED_AFTER = frozenset(".!?:;")  # TeX stretches the space after these more than the others
RULE_REACH = 1.0  # of the type size: a rule this far left of a line is its cell's border
RULE_SLACK = 0.5  # points: a rule may touch the glyphs it stands between


def _same_line(anchor: Glyph, last: Glyph, glyph: Glyph) -> bool:
    size = anchor.size
    middle = (anchor.top + anchor.bottom) / 2
    stray = abs((glyph.top + glyph.bottom) / 2 - middle)
    allowed = SAME_LINE if glyph.size >= SUPERSCRIPT_SIZE * size else SAME_LINE_SMALL
    gap = glyph.x0 - last.x1
    return stray <= allowed * size and -BACKWARDS * size <= gap <= MAX_GAP * size


def _overprinted(last: Glyph, glyph: Glyph) -> bool:
    return (
        glyph.text == last.text
        and abs(glyph.x0 - last.x0) < OVERPRINT
        and abs(glyph.top - last.top) < OVERPRINT
    )


def group_runs(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs in drawing order -> runs of glyphs on one line (space glyphs kept, as word breaks)."""
    runs: list[list[Glyph]] = []
    anchor: Glyph | None = None  # the run's largest glyph: its middle is the line's
    last: Glyph | None = None
    for glyph in glyphs:
        if not glyph.text:
            continue
        if glyph.text.isspace():
            if runs and last is not None:
                runs[-1].append(glyph)
            continue
        if anchor is not None and last is not None and _same_line(anchor, last, glyph):
            if _overprinted(last, glyph):
                continue
            runs[-1].append(glyph)
            if glyph.size > anchor.size:
                anchor = glyph
        else:
            runs.append([glyph])
            anchor = glyph
        last = glyph
    return runs


class Rules:
    """A page's vertical rules, found by position."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules = sorted(rules, key=lambda rule: rule.x)
        self._xs = [rule.x for rule in self._rules]

    def between(self, x0: float, x1: float, top: float, bottom: float) -> bool:
        """Whether a rule runs between x0 and x1, level with the height from top to bottom."""
        middle = (top + bottom) / 2
        start, end = bisect.bisect_left(self._xs, x0), bisect.bisect_right(self._xs, x1)
        return any(rule.top <= middle <= rule.bottom for rule in self._rules[start:end])


NO_RULES = Rules()


def split_cells(run: list[Glyph], rules: Rules = NO_RULES) -> list[list[Glyph]]:
    """A run cut at each gap much wider than its word spaces, or with a rule drawn in it: the cells of
    a table row."""
    printed = [glyph for glyph in run if not glyph.text.isspace()]
    if len(printed) < 2:
        return [run]
    size = median(glyph.size for glyph in printed)
    gaps = [(after.x0 - before.x1, before, after) for before, after in itertools.pairwise(printed)]
    spaces = [gap for gap, before, _ in gaps if gap > SPACE_GAP * size and before.text not in STRETCHED_AFTER]
    ruled = {
        id(after)
        for _, before, after in gaps
        if rules.between(before.x1 - RULE_SLACK, after.x0 + RULE_SLACK, after.top, after.bottom)
    }
    if len(spaces) == 1 and printed[-1].text == "-" and not ruled:
        return [run]  # two words of a justified line that breaks a word: one stretched space ("1,000 pris-")
    widest = WIDE_GAP * (min(spaces) if len(spaces) > 1 else NORMAL_SPACE * size)
    cuts = ruled | {
        id(after)
        for gap, before, after in gaps
        if gap >= max(CELL_GAP * size, widest) and before.text not in STRETCHED_AFTER
    }
    if not cuts:
        return [run]
    parts: list[list[Glyph]] = [[]]
    for glyph in run:
        if id(glyph) in cuts:
            parts.append([])
        parts[-1].append(glyph)
    return parts


def _is_label_of(label: list[Glyph], run: list[Glyph]) -> bool:
    printed = [g for g in label if not g.text.isspace()]
    first = run[0]
    if len(printed) > LABEL_GLYPHS or not printed:
        return False
    last = printed[-1]
    stray = abs((last.top + last.bottom) / 2 - (first.top + first.bottom) / 2)
    return stray <= SAME_LINE_SMALL * first.size and 0 <= first.x0 - last.x1 <= LABEL_GAP * first.size


def join_labels(runs: list[list[Glyph]], rules: Rules = NO_RULES) -> list[list[Glyph]]:
    """A bullet or a note number drawn apart from its line's text joins it (not across a rule: a short
    cell and the next are two cells)."""
    joined: list[list[Glyph]] = []
    for run in runs:
        if (
            joined
            and _is_label_of(joined[-1], run)
            and not rules.between(
                joined[-1][-1].x1 - RULE_SLACK, run[0].x0 + RULE_SLACK, run[0].top, run[0].bottom
            )
        ):
            joined[-1] = joined[-1] + run
        else:
            joined.append(run)
    return joined


def _is_marker(glyph: Glyph, size: float, baseline: float) -> bool:
    return (
        glyph.text.isdigit()
        and glyph.size < SUPERSCRIPT_SIZE * size
        and glyph.bottom < baseline - SUPERSCRIPT_RISE * size
    )


def run_text(run: Sequence[Glyph], size: float) -> str:
    """A run's text: spaces from gaps and space glyphs, superscript digits as markers."""
    full = [g for g in run if not g.text.isspace() and g.size >= SUPERSCRIPT_SIZE * size]
    baseline = median((g.bottom for g in full), default=run[0].bottom)
    out: list[str] = []
    previous: Glyph | None = None
    pending_space = False
    in_marker = False
    for glyph in run:
        if glyph.text.isspace():
            pending_space = True
            continue
        marker = _is_marker(glyph, size, baseline)
        gap = glyph.x0 - previous.x1 if previous is not None else 0.0
        spaced = previous is not None and (pending_space or gap > SPACE_GAP * min(size, previous.size * 1.4))
        if in_marker and not (marker and not spaced):
            out.append(MARK_CLOSE)
            in_marker = False
        if spaced and not (marker and not in_marker):
            out.append(" ")
        if marker and not in_marker:
            out.append(MARK_OPEN)
            in_marker = True
        out.append(glyph.text)
        previous, pending_space = glyph, False
    if in_marker:
        out.append(MARK_CLOSE)
    return " ".join("".join(out).split())


def make_line(run: Sequence[Glyph], page: int, rules: Rules = NO_RULES) -> TextLine:
    printed = [g for g in run if not g.text.isspace()]
    size = median(g.size for g in printed)
    usual = [g for g in printed if g.size >= SUPERSCRIPT_SIZE * size] or printed
    x0, top, bottom = min(g.x0 for g in printed), min(g.top for g in usual), max(g.bottom for g in usual)
    return TextLine(
        text=run_text(run, size),
        x0=x0,
        x1=max(g.x1 for g in printed),
        top=top,
        bottom=bottom,
        size=size,
        bold=all(g.bold for g in usual if g.text.isalnum()) and any(g.text.isalnum() for g in usual),
        page=page,
        ruled=rules.between(x0 - RULE_REACH * size, x0 + RULE_SLACK, top, bottom),
    )


def page_lines(glyphs: Iterable[Glyph], page: int, rules: Iterable[Rule] = ()) -> tuple[TextLine, ...]:
    """The page's lines, in drawing order; lines with no text are left out."""
    drawn = Rules(rules)
    runs = [cell for run in group_runs(glyphs) for cell in split_cells(run, drawn)]
    lines = (make_line(run, page, drawn) for run in join_labels(runs, drawn))
    return tuple(line for line in lines if line.text.strip())
