"""A note's text -> the works it cites: tokens, labels from the model, works split, fields normalised.

Labelling is the costly step, so labels are remembered by the note's text:
`ReferenceParser.memo` maps a digest of the text to its labels, and the
pipeline keeps it in `.cache/` between runs (keyed by the model's hash), so a
note already seen is never labelled again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from evidence_library.evidence.references.fields import citation_of
from evidence_library.evidence.references.labels import LABELS, spans_of, split_works
from evidence_library.evidence.references.tokens import tokenize
from evidence_library.model import Citation

CODES = {label: chr(ord("A") + index) for index, label in enumerate(LABELS)}  # one letter per label
LABEL_OF = {code: label for label, code in CODES.items()}
Labeller = Callable[[Sequence[str]], list[str]]


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def encode_labels(labels: Sequence[str]) -> str:
    return "".join(CODES[label] for label in labels)


def decode_labels(codes: str) -> list[str]:
    return [LABEL_OF[code] for code in codes]


@dataclass
class ReferenceParser:
    """Works from note texts. Labels already known (`memo`, read-only) are reused; `used` collects every
    text's labels this parser gave, for the next run's memo."""

    labeller: Labeller
    known_bodies: frozenset[str] = frozenset()
    memo: Mapping[str, str] = field(default_factory=dict)
    used: dict[str, str] = field(default_factory=dict)

    def labels(self, tokens: Sequence[str], text: str) -> list[str]:
        key = digest(text)
        codes = self.used.get(key) or self.memo.get(key)
        if codes is None or len(codes) != len(tokens):
            codes = encode_labels(self.labeller(tokens))
        self.used[key] = codes
        return decode_labels(codes)

    def works(self, text: str) -> tuple[Citation, ...]:
        """The works a note cites, in order; none for prose."""
        tokens = [token.text for token in tokenize(text)]
        if not tokens:
            return ()
        spans = spans_of(tokens, self.labels(tokens, text))
        return tuple(citation_of(work, self.known_bodies) for work in split_works(spans))
