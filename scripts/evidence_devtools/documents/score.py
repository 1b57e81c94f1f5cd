"""Score one imported page against the truth about its document. Pure functions, no I/O.

* notes: a note is right when its marker follows the right word and its text
  is the right text (compared without white space, emphasis or quote style);
  a note or marker whose number the document does not have, or a second
  marker for the same note, is invented;
* words kept in order: each known sentence is aligned with the page's words;
  its words count as kept when they come in order, in one run that nothing
  foreign breaks (a whole block, such as a text box, may stand between two
  halves of a sentence; text inserted inside a block may not: that is how
  interleaved columns or a running header left in a paragraph show);
* corrupted words: words on the page (body, notes) that the document never
  prints, such as "ﬁrst", "Offffender" or two words glued together;
* headings: a known heading found as a heading, and at the right level
  relative to the other headings (from the '#' lines of the source text);
* header fields: what `add` inferred, right, wrong or missing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import Match, SequenceMatcher

from evidence_devtools.documents import words
from evidence_devtools.documents.model import HEADER_FIELDS, DocumentText, Sentence
from evidence_devtools.documents.sentences import headings, known_sentences, note_anchors
from evidence_library.model import Block, BlockKind, NoteRef, ResponsePage

ATX = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
GAP_TOLERANCE = 1  # one word more on the page than in the sentence: a word split in two


@dataclass(frozen=True)
class PageWords:
    """The page's words in reading order, and the block each comes from."""

    words: tuple[str, ...]
    blocks: tuple[int, ...]


@dataclass(frozen=True)
class NoteFinding:
    number: int
    expected_anchor: str
    found_anchor: str
    expected_text: str
    found_text: str


@dataclass(frozen=True)
class TextScore:
    notes_expected: int = 0
    notes_right: int = 0
    notes_invented: int = 0
    words_known: int = 0
    words_kept: int = 0
    words_on_page: int = 0
    words_unmatched: int = 0  # page words no known sentence accounts for (duplicates, furniture, junk)
    corrupted: tuple[str, ...] = ()
    headings_known: int = 0
    headings_found: int = 0
    headings_at_level: int = 0
    wrong_notes: tuple[NoteFinding, ...] = ()
    broken_sentences: tuple[
        tuple[str, int, int], ...
    ] = ()  # (sentence, words kept, words) where some were lost


@dataclass(frozen=True)
class HeaderScore:
    right: tuple[str, ...] = ()
    wrong: tuple[tuple[str, str], ...] = ()  # (field, what was inferred)
    missing: tuple[str, ...] = ()


def block_text(block: Block) -> str:
    return "".join(part for part in block.parts if isinstance(part, str))


def page_words(page: ResponsePage) -> PageWords:
    found: list[str] = []
    owners: list[int] = []
    for index, block in enumerate((*page.body, *page.boilerplate)):
        block_words = words.words(block_text(block))
        found += block_words
        owners += [index] * len(block_words)
    return PageWords(tuple(found), tuple(owners))


def placed_notes(page: ResponsePage) -> tuple[dict[int, str], int]:
    """Each note reference's number -> the word before its first marker; and how many markers repeat one."""
    placed: dict[int, str] = {}
    repeats = 0
    for block in (*page.body, *page.boilerplate):
        before = ""
        for part in block.parts:
            if isinstance(part, NoteRef):
                repeats += part.number in placed
                placed.setdefault(part.number, words.anchor_word(before))
            else:
                before += part
    return placed, repeats


def score_notes(document: DocumentText, page: ResponsePage) -> tuple[int, int, tuple[NoteFinding, ...]]:
    """(notes right, notes invented, the notes that were not right)."""
    placed, repeats = placed_notes(page)
    texts = {note.number: note.text for note in page.notes}
    anchors = note_anchors(document)
    right, wrong = 0, []
    for note in document.notes:
        found_text = texts.get(note.number, "")
        if placed.get(note.number) == anchors[note.number] and words.note_key(found_text) == words.note_key(
            note.text
        ):
            right += 1
        else:
            wrong.append(
                NoteFinding(
                    note.number, anchors[note.number], placed.get(note.number, ""), note.text, found_text
                )
            )
    known = {note.number for note in document.notes}
    numbers = set(placed) | set(texts) | {note.number for note in page.orphan_notes}
    return right, len(numbers - known) + repeats, tuple(wrong)


def _chains(matches: list[Match], page: PageWords, offset: int) -> Iterator[list[Match]]:
    """Split a sentence's matching runs where foreign text inside a block breaks them."""
    chain: list[Match] = []
    for match in matches:
        if chain:
            last = chain[-1]
            sentence_gap = match.a - (last.a + last.size)
            end, start = offset + last.b + last.size - 1, offset + match.b
            ends = {page.blocks[end], page.blocks[start]}
            inserted = sum(1 for p in range(end + 1, start) if page.blocks[p] in ends)
            if inserted > sentence_gap + GAP_TOLERANCE:
                yield chain
                chain = []
        chain.append(match)
    if chain:
        yield chain


def align_sentence(sentence: tuple[str, ...], page: PageWords, matcher: SequenceMatcher[str]) -> set[int]:
    """The page positions of the sentence's words kept in order (see the module's docstring)."""
    matcher.set_seq1(sentence)
    a, b, size = matcher.find_longest_match(0, len(sentence), 0, len(page.words))
    if size == 0:
        return set()
    low = max(0, b - a - len(sentence) - 10)
    high = min(len(page.words), b + (len(sentence) - a) + len(sentence) + 10)
    window = SequenceMatcher(None, sentence, page.words[low:high], autojunk=False)
    matches = [m for m in window.get_matching_blocks() if m.size]
    best = max(_chains(matches, page, low), key=lambda chain: sum(m.size for m in chain))
    return {low + m.b + k for m in best for k in range(m.size)}


def score_words(
    sentences: Iterable[Sentence], page: PageWords
) -> tuple[int, int, set[int], tuple[tuple[str, int, int], ...]]:
    """(known words, kept words, page positions accounted for, sentences that lost words)."""
    matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(page.words)
    known = kept = 0
    covered: set[int] = set()
    broken = []
    for sentence in sentences:
        positions = align_sentence(sentence.words, page, matcher)
        known += len(sentence.words)
        kept += len(positions)
        covered |= positions
        if len(positions) < len(sentence.words):
            broken.append((" ".join(sentence.words), len(positions), len(sentence.words)))
    return known, kept, covered, tuple(broken)


def corrupted_words(page: ResponsePage, vocabulary: frozenset[str]) -> tuple[str, ...]:
    """Words on the page (text and notes) that the document never prints, and garbled characters."""
    texts = [block_text(block) for block in (*page.body, *page.boilerplate)]
    texts += [note.text for note in (*page.notes, *page.orphan_notes)]
    unknown = [word for text in texts for word in words.words(text) if word not in vocabulary]
    return (*unknown, *(run for text in texts for run in words.garbled(text)))


def source_levels(source_text: str) -> dict[tuple[str, ...], int]:
    """Each '#' heading of the source text -> its level."""
    return {words.words(m.group(2)): len(m.group(1)) for m in ATX.finditer(source_text)}


def score_headings(document: DocumentText, page: ResponsePage, source_text: str) -> tuple[int, int, int]:
    """(known headings, found as headings, found at the right level relative to the others)."""
    on_page = {
        words.words(block_text(block))
        for block in (*page.body, *page.boilerplate)
        if block.kind is BlockKind.HEADING
    }
    known = headings(document)
    found = [(heading, level) for heading, level in known if heading in on_page]
    levels = source_levels(source_text)
    shifts = Counter(levels[heading] - level for heading, level in found if heading in levels)
    shift = shifts.most_common(1)[0][0] if shifts else None
    at_level = sum(1 for heading, level in found if heading in levels and levels[heading] - level == shift)
    return len(known), len(found), at_level


def score_page(
    document: DocumentText, page: ResponsePage, source_text: str, vocabulary: frozenset[str]
) -> TextScore:
    right, invented, wrong = score_notes(document, page)
    on_page = page_words(page)
    known, kept, covered, broken = score_words(known_sentences(document), on_page)
    headings_known, headings_found, at_level = score_headings(document, page, source_text)
    return TextScore(
        notes_expected=len(document.notes),
        notes_right=right,
        notes_invented=invented,
        words_known=known,
        words_kept=kept,
        words_on_page=len(on_page.words),
        words_unmatched=len(on_page.words) - len(covered),
        corrupted=corrupted_words(page, vocabulary),
        headings_known=headings_known,
        headings_found=headings_found,
        headings_at_level=at_level,
        wrong_notes=wrong,
        broken_sentences=broken,
    )


def normal_field(value: str) -> str:
    text = " ".join(value.translate(words.QUOTES).lower().split()).strip(" '\".,:;")
    return text.removeprefix("the ")


def score_header(document: DocumentText, inferred: dict[str, str]) -> HeaderScore:
    right, wrong, missing = [], [], []
    for name in HEADER_FIELDS:
        value = inferred.get(name, "")
        if not value:
            missing.append(name)
        elif normal_field(value) in {normal_field(accepted) for accepted in document.header[name]}:
            right.append(name)
        else:
            wrong.append((name, value))
    return HeaderScore(tuple(right), tuple(wrong), tuple(missing))


def refused(document: DocumentText) -> TextScore:
    """The score of a document that could not be imported: everything lost."""
    sentences = known_sentences(document)
    return TextScore(
        notes_expected=len(document.notes),
        words_known=sum(len(s.words) for s in sentences),
        headings_known=len(headings(document)),
    )
