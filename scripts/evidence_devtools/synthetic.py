"""Synthetic raw responses in the shapes PDFs give, with the truth about their notes.

Used by the notes accuracy script, the property tests and the benchmark.
Each response is built from a seed, so the same arguments give the same text.
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass

WORDS = (
    "commissioning",
    "probation",
    "prisons",
    "women",
    "young",
    "adults",
    "voluntary",
    "sector",
    "services",
    "providers",
    "rehabilitation",
    "resettlement",
    "desistance",
    "evidence",
    "outcomes",
    "volunteers",
    "inspection",
    "framework",
    "community",
    "partnership",
    "funding",
    "grants",
    "contracts",
    "local",
    "national",
    "review",
    "offenders",
    "families",
    "support",
    "delivery",
    "quality",
    "monitoring",
    "standards",
    "equality",
    "engagement",
    "report",
    "government",
)
SMALL = ("the", "of", "and", "to", "in", "for", "with", "that", "on", "by", "their", "across", "within")
NUMBERS_IN_TEXT = ("in 2016", "some 5% of", "18 to 25 year olds", "on p.30", "over 380 members", "in 2012-13")
SOURCES = (
    "Clinks, {year}. *When the dust settles*. Online: <http://www.clinks.org/assets/{n}.pdf> "
    "[last accessed 5.3.2012]",
    "HM Inspectorate of Probation ({year}) Thematic inspection {n}. "
    "Available at: http://www.example.gov.uk/r{n}.pdf",
    "Maruna, S. and LeBel, T., {year}. 'The desistance paradigm' in McNeill, F. (Eds.) "
    "Offender supervision pp. {n}-87",
    "Prison Reform Trust {year}. *Care – a stepping stone to custody?* Online:\n\n<http://www.prt.org.uk/{n}.pdf>",
    "See <http://www.t2a.org.uk/{n}>",
)
POOL_SOURCE = "Clinks ({year}) Shared report number {n}. Available at: http://www.clinks.org/reports/{n}.pdf"
MARKERS = {
    "superscript": lambda n: str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")),
    "bracketed": lambda n: f"[{n}]",
    "caret": lambda n: f"[^{n}]",
    "glued": lambda n: str(n),
    "parenthesised": lambda n: f"({n})",
}
LAYOUTS = ("footnotes", "endnotes-numbered", "endnotes-dash", "endnotes-unnumbered", "number-after-text")


@dataclass(frozen=True)
class TrueNote:
    number: int
    anchor: str  # the word the marker is glued to
    text: str  # the note's text, whitespace-normalised, as the page should show it


@dataclass(frozen=True)
class SyntheticResponse:
    name: str
    text: str
    notes: tuple[TrueNote, ...]


@dataclass(frozen=True)
class Shape:
    markers: str = "superscript"
    layout: str = "footnotes"
    wrap: bool = False
    furniture: bool = False
    crlf: bool = False
    bom: bool = False
    shared_works: int = 0  # cite from a pool of this many works, as a sector's responses do

    @property
    def name(self) -> str:
        flags = [f for f in ("wrap", "furniture", "crlf", "bom") if getattr(self, f)]
        return "/".join([self.markers, self.layout, *flags])


class _Writer:
    def __init__(self, rng: random.Random, shape: Shape) -> None:
        self.rng, self.shape = rng, shape
        self.notes: list[TrueNote] = []
        self.raws: dict[int, str] = {}  # note text as printed, perhaps over blank lines

    def sentence(self, note: bool) -> str:
        words = [
            self.rng.choice(WORDS if i % 2 else (*SMALL, *WORDS)) for i in range(self.rng.randint(8, 18))
        ]
        if self.rng.random() < 0.3:
            words.insert(self.rng.randint(1, len(words) - 1), self.rng.choice(NUMBERS_IN_TEXT))
        text = " ".join(words).capitalize()
        if not note:
            return text + "."
        number = len(self.notes) + 1
        if self.shape.shared_works:
            work = self.rng.randrange(self.shape.shared_works)
            source = POOL_SOURCE.format(year=2000 + work % 20, n=work)
        else:
            source = self.rng.choice(SOURCES).format(year=self.rng.randint(1999, 2019), n=number)
        self.raws[number] = source
        after_stop = self.shape.markers in ("glued", "superscript") and self.rng.random() < 0.5
        anchor = words[-1] + ("." if after_stop else "")
        self.notes.append(TrueNote(number, anchor, " ".join(source.split())))
        marker = MARKERS[self.shape.markers](number)
        return f"{text}.{marker}" if after_stop else f"{text}{marker}."

    def paragraph(self) -> str:
        return " ".join(self.sentence(self.rng.random() < 0.35) for _ in range(self.rng.randint(2, 5)))


def _definition(note: TrueNote, raw: str, shape: Shape) -> str:
    if shape.layout == "number-after-text":
        return f"{raw}\n{note.number}"
    label = MARKERS["superscript"](note.number) if shape.markers == "superscript" else f"{note.number} "
    if shape.markers in ("bracketed", "caret"):
        label = MARKERS[shape.markers](note.number) + (": " if shape.markers == "caret" else " ")
    return label + raw


def _hyphenate(lines: list[str], rng: random.Random) -> list[str]:
    """Split some long words across lines with a hyphen, as PDFs do."""
    for index in range(1, len(lines)):
        head, _, rest = lines[index].partition(" ")
        if len(head) >= 9 and head.isalpha() and head.islower() and rest and rng.random() < 0.5:
            cut = len(head) // 2
            lines[index - 1] += f" {head[:cut]}-"
            lines[index] = head[cut:] + " " + rest
    return lines


def _wrap(text: str, rng: random.Random) -> str:
    wrapped = []
    for line in text.split("\n"):
        pieces = textwrap.wrap(line, rng.randint(60, 90), break_on_hyphens=False) or [line]
        wrapped.append("\n".join(_hyphenate(pieces, rng)))
    return "\n".join(wrapped)


def synthetic_response(seed: int, shape: Shape, paragraphs: int = 12) -> SyntheticResponse:
    """A raw response in `shape`, with its notes' truth."""
    rng = random.Random(f"{seed}/{shape.name}")
    writer = _Writer(rng, shape)
    pages: list[tuple[list[str], list[int]]] = [([], [])]
    for index in range(paragraphs):
        before = len(writer.notes)
        pages[-1][0].append(writer.paragraph())
        pages[-1][1].extend(range(before + 1, len(writer.notes) + 1))
        if index % 3 == 2 and index < paragraphs - 1:
            pages.append(([], []))
    chunks = ["Example Trust's response to the Test Consultation 2020", "Introduction"]
    footnotes = shape.layout in ("footnotes", "number-after-text")
    for page_number, (page, numbers) in enumerate(pages, start=1):
        chunks += page
        if footnotes:
            chunks += [_definition(writer.notes[n - 1], writer.raws[n], shape) for n in numbers]
        if shape.furniture:
            footer = rng.choice([f"Page {page_number} of {len(pages)}", f"Example Trust | {page_number}"])
            chunks += [footer, "\f" + "Example Trust response to the Test Consultation"]
    if not footnotes:
        chunks += ["End notes", _endnote_list(writer.notes, writer.raws, shape)]
    chunks += ["Published: March 2020", "Example Trust is a registered charity no. 1234567"]
    text = "\n\n".join(chunks) + "\n"
    if shape.wrap:
        text = _wrap(text, rng)
    if shape.crlf:
        text = text.replace("\n", "\r\n")
    if shape.bom:
        text = "\ufeff" + text
    return SyntheticResponse(f"{seed:04d}-{shape.name.replace('/', '-')}", text, tuple(writer.notes))


def _endnote_list(notes: list[TrueNote], raws: dict[int, str], shape: Shape) -> str:
    items = []
    for note in notes:
        raw = " ".join(raws[note.number].split())
        if shape.layout == "endnotes-numbered":
            items.append(f"{note.number}. {raw}")
        elif shape.layout == "endnotes-dash":
            items.append(f"- {note.number}. {raw}")
        else:
            items.append(f"- {raw}")
    return "\n".join(items)


def all_shapes() -> list[Shape]:
    shapes = []
    for markers in MARKERS:
        for layout in LAYOUTS:
            shapes.append(Shape(markers, layout))
            shapes.append(Shape(markers, layout, wrap=True, furniture=True, crlf=True, bom=True))
    return shapes
