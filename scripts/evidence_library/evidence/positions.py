"""Positions stage: the recommendations a response makes.

Three shapes, in the order a reader meets them:

* a passage that opens with "Recommendation:" (its text after the label);
* an item of a summary list under a heading that names recommendations;
* a sentence in which the organisation, or "we", recommends, proposes,
  urges, suggests, calls for or asks for something.

Each is kept as its full sentence, without note markers. A summary item
that repeats a recommendation made in the body is one position: the body's,
where the argument for it stands.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from evidence_library.model import Block, BlockKind, Position

LABEL = re.compile(r"^\s*recommendations?\s*\d*\s*[:.–-]\s*(?P<text>\S.*)$", re.IGNORECASE | re.DOTALL)
SUMMARY_HEADING = re.compile(r"\brecommend", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])['’\"”)]*\s+(?=[A-Z‘'\"“(])")
ADVERBS = (
    r"(?:\s+(?:would|will|therefore|however|also|strongly|further|particularly|again|finally|thus|firmly))*"
)
VERBS = r"\s+(?:recommends?|proposes?|urges?|suggests?|calls?\s+(?:on|for)|asks?)\b"
SAME_POSITION = 0.6


@dataclass(frozen=True)
class _Found:
    text: str
    line: int
    summary: bool


def block_text(block: Block) -> str:
    """The block's words, note markers left out."""
    return " ".join("".join(p for p in block.parts if isinstance(p, str)).split())


def advocacy(organisation: str) -> re.Pattern[str]:
    subject = rf"(?:{re.escape(organisation)}|[Ww]e)" if organisation else r"[Ww]e"
    return re.compile(rf"\b{subject}\b{ADVERBS}{VERBS}")


def _summary_items(blocks: Sequence[Block]) -> set[int]:
    """Indexes of list items under a heading that names recommendations."""
    items: set[int] = set()
    under = False
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING:
            under = bool(SUMMARY_HEADING.search(block.text))
        elif under and block.kind is BlockKind.LIST_ITEM:
            items.add(index)
    return items


def find_candidates(blocks: Sequence[Block], organisation: str) -> list[_Found]:
    pattern = advocacy(organisation)
    summary = _summary_items(blocks)
    found: list[_Found] = []
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING:
            continue
        text = block_text(block)
        if index in summary:
            found.append(_Found(text, block.line, summary=True))
        elif label := LABEL.match(text):
            found.append(_Found(label.group("text").strip(), block.line, summary=False))
        else:
            found += [_Found(s, block.line, False) for s in SENTENCE_END.split(text) if pattern.search(s)]
    return found


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _repeats(item: _Found, body: Sequence[_Found]) -> bool:
    mine = _normal(item.text)
    return any(difflib.SequenceMatcher(None, mine, _normal(b.text)).ratio() >= SAME_POSITION for b in body)


def extract_positions(blocks: Sequence[Block], organisation: str) -> tuple[Position, ...]:
    """Every recommendation in reading order; a summary item the body repeats counts once."""
    candidates = find_candidates(blocks, organisation)
    body = [c for c in candidates if not c.summary]
    kept = [c for c in candidates if not (c.summary and _repeats(c, body))]
    return tuple(Position(c.text, f"position-{n}", c.line) for n, c in enumerate(kept, start=1))
