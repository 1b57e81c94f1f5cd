"""The document corpus's scorer on small hand-made imports: a perfect one scores 100%, and each
kind of damage (a dropped note, an invented one, a corrupted word, an interleaved sentence) is caught."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from evidence_devtools.documents import measure
from evidence_devtools.documents.build import CorpusFile
from evidence_devtools.documents.ideal import word_source_text
from evidence_devtools.documents.markup import load_texts, parse_text
from evidence_devtools.documents.measure import DocumentScore
from evidence_devtools.documents.model import DocumentText
from evidence_devtools.documents.score import TextScore, score_header, score_page
from evidence_devtools.documents.sentences import document_vocabulary, known_sentences, note_anchors
from evidence_library import pipeline
from evidence_library.model import Line, Metadata, SourceDocument

SAMPLE = """---
title: Example Trust response to the Review of Probation
organisation: Example Trust
consultation: [Review of Probation, the Review of Probation Services]
consulting_body: [Ministry of Justice, MoJ]
date: 2020-03
notes: footnote
running_header: Example Trust
title_block:
  - [title, Example Trust response to the Review of Probation]
  - [line, March 2020]
---
## Introduction

Example Trust welcomes the review of the probation office.^[Ministry of Justice (2020) *Review of \
Probation*. London: MoJ.] Our staff work with offenders in the first weeks after release, and we see \
how difficult it is for them to find a home.

### Our evidence

Effective support depends on the flow of information,^[HM Inspectorate of Probation (2019) *Annual \
report*. Manchester: HMI Probation.] which official rules often affect.

- Fund specialist services fairly.
- Publish the official data.
"""
SENTENCE = "Our staff work with offenders in the first weeks after release, and we see how difficult it is"


@pytest.fixture(scope="module")
def sample() -> DocumentText:
    return parse_text("sample", "dev", SAMPLE.replace("\\\n", ""))


def page_of(document: DocumentText, text: str) -> TextScore:
    metadata = Metadata(
        title=document.canonical("title"),
        date=document.canonical("date"),
        organisation=document.canonical("organisation"),
        consultation=document.canonical("consultation"),
        consulting_body=document.canonical("consulting_body"),
    )
    lines = tuple(Line(number, line) for number, line in enumerate(text.split("\n"), start=1))
    page = pipeline.build_page(SourceDocument("sources/sample.md", "sample", metadata, lines)).page
    return score_page(document, page, text, document_vocabulary(document))


def test_the_truth_is_read_from_the_markup(sample: DocumentText) -> None:
    assert [note.number for note in sample.notes] == [1, 2]
    assert note_anchors(sample) == {1: "office", 2: "information"}
    first = known_sentences(sample)[1]
    assert first.words[-3:] == ("the", "probation", "office") and first.notes == ((1, 8),)


def test_a_perfect_import_scores_everything(sample: DocumentText) -> None:
    score = page_of(sample, word_source_text(sample))
    assert (score.notes_right, score.notes_expected, score.notes_invented) == (2, 2, 0)
    assert score.words_kept == score.words_known == 57
    assert score.corrupted == ()
    assert (score.headings_found, score.headings_at_level, score.headings_known) == (2, 2, 2)


@pytest.mark.parametrize("document", load_texts("dev"), ids=lambda d: d.name)
def test_a_perfect_import_of_each_corpus_text_scores_everything(document: DocumentText) -> None:
    score = page_of(document, word_source_text(document))
    assert score.notes_right == score.notes_expected and score.notes_invented == 0, score.wrong_notes
    assert score.words_kept == score.words_known, score.broken_sentences
    assert score.corrupted == ()
    assert score.headings_found == score.headings_at_level == score.headings_known


def test_a_dropped_note_is_not_right(sample: DocumentText) -> None:
    text = word_source_text(sample).replace("[^2]: HM Inspectorate", "HM Inspectorate")
    score = page_of(sample, text)
    assert score.notes_right == 1
    assert [note.number for note in score.wrong_notes] == [2]


def test_a_marker_after_the_wrong_word_is_not_right(sample: DocumentText) -> None:
    text = word_source_text(sample).replace("information,[^2]", "information,").replace("flow", "flow[^2]")
    assert page_of(sample, text).wrong_notes[0].found_anchor == "flow"


def test_an_invented_note_and_a_repeated_marker_are_counted(sample: DocumentText) -> None:
    text = word_source_text(sample).replace("a home.", "a home.[^3]") + "\n[^3]: A note nobody wrote.\n"
    assert page_of(sample, text).notes_invented == 1
    repeated = word_source_text(sample).replace("fairly.", "fairly.[^1]")
    assert page_of(sample, repeated).notes_invented == 1


@pytest.mark.parametrize("damaged", ["Offffenders", "ﬁrst", "weeksafter", "diffi cult"])
def test_a_corrupted_word_is_caught(sample: DocumentText, damaged: str) -> None:
    original = {
        "Offffenders": "offenders",
        "ﬁrst": "first",
        "weeksafter": "weeks after",
        "diffi cult": "difficult",
    }
    text = word_source_text(sample).replace(original[damaged], damaged, 1)
    score = page_of(sample, text)
    assert score.corrupted and set(score.corrupted) <= {w.lower() for w in damaged.split()}
    assert score.words_kept < score.words_known


def test_a_private_use_bullet_is_corrupt(sample: DocumentText) -> None:
    text = word_source_text(sample).replace("- Fund", "- \uf0b7 Fund")
    assert page_of(sample, text).corrupted == ("\uf0b7",)


def test_an_interleaved_sentence_loses_words(sample: DocumentText) -> None:
    """Two columns read across: a line of the other column lands inside the sentence."""
    other = "depends on the flow of"
    text = word_source_text(sample).replace("in the first weeks", f"in the {other} first weeks")
    score = page_of(sample, text)
    assert score.corrupted == ()  # the words are all known: only the alignment can tell
    assert score.words_kept <= score.words_known - 4
    assert any(sentence.startswith("our staff") for sentence, _, _ in score.broken_sentences)


def test_a_text_box_between_the_halves_of_a_sentence_costs_nothing(sample: DocumentText) -> None:
    box = "\n\nKey facts: 40 staff.\n\n"
    text = word_source_text(sample).replace(
        "in the first weeks after release, and", f"in the first weeks{box}after release, and"
    )
    score = page_of(sample, text)
    assert score.words_kept == score.words_known


def test_a_heading_read_as_a_paragraph_is_not_found(sample: DocumentText) -> None:
    score = page_of(sample, word_source_text(sample).replace("### Our evidence", "Our evidence is this."))
    assert (score.headings_found, score.headings_at_level) == (1, 1)


def test_headings_at_the_wrong_level_are_found_but_not_at_level(sample: DocumentText) -> None:
    score = page_of(sample, word_source_text(sample).replace("### Our evidence", "## Our evidence"))
    assert (score.headings_found, score.headings_at_level) == (2, 1)


def test_header_fields_right_wrong_and_missing(sample: DocumentText) -> None:
    score = score_header(
        sample,
        {
            "title": "Example Trust response to the  Review of Probation",
            "organisation": "Example Trust's",
            "consultation": "The Review of Probation Services",
            "consulting_body": "",
            "date": "2020-04",
        },
    )
    assert score.right == ("title", "consultation")
    assert score.wrong == (("organisation", "Example Trust's"), ("date", "2020-04"))
    assert score.missing == ("consulting_body",)


def never_done(folder: Path, file: CorpusFile) -> DocumentScore:
    time.sleep(30)
    raise AssertionError("the pool should have been ended")


def test_an_importer_that_hangs_is_a_failure_not_a_hang(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(measure, "FILE_TIMEOUT", 0.5)
    monkeypatch.setattr(measure, "score_file", never_done)
    file = CorpusFile("clinks-transforming-rehabilitation", "one-column", "docx", "dev", "docx/x.docx")
    started = time.monotonic()
    (score,) = measure.score_in_pool(tmp_path, [file], 1)
    assert score.failure == "timed out after 0.5 s"
    assert score.text.words_kept == 0 and score.text.words_known > 0
    assert time.monotonic() - started < 10
