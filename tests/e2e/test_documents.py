"""The corpus of real documents: built with LibreOffice and pdflatex from known texts, it holds what it
says it holds (real notes, text boxes, ligature glyphs), and the importers meet their budgets on it.

The dev part is built once into .cache/documents/ and reused while the generator is unchanged."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from evidence_devtools.documents.build import CorpusFile, build_corpus, load_manifest
from evidence_devtools.documents.markup import load_texts
from evidence_devtools.documents.measure import Budgets, score_corpus
from evidence_devtools.documents.tables import budget_failures, table
from tests.helpers import font, tool

pytestmark = pytest.mark.documents
LIGATURES = {"ff", "fi", "fl", "ffi", "ffl", "ft", "tt", "ti", "ﬀ", "ﬁ", "ﬂ", "ﬃ", "ﬄ"}


@pytest.fixture(scope="module")
def corpus() -> tuple[Path, list[CorpusFile]]:
    tool("soffice")
    tool("pdflatex")
    font("Carlito")
    folder = build_corpus("dev")
    _, files = load_manifest(folder)
    return folder, files


def test_every_text_is_built_in_every_format_and_layout(corpus: tuple[Path, list[CorpusFile]]) -> None:
    folder, files = corpus
    texts = {text.name for text in load_texts("dev")}
    assert {f.text for f in files} == texts
    assert {(f.format, f.layout) for f in files if f.format != "pdf-latex"} == {
        (fmt, layout)
        for fmt in ("docx", "odt", "pdf-libreoffice")
        for layout in ("one-column", "two-column", "three-column", "text-box", "header-footer")
    }
    assert len(files) == len(texts) * (5 * 3 + 2)
    assert all((folder / f.path).stat().st_size > 1000 for f in files)


def test_word_and_odt_files_hold_real_notes_and_text_boxes(corpus: tuple[Path, list[CorpusFile]]) -> None:
    folder, files = corpus
    texts = {text.name: text for text in load_texts("dev")}
    for file in files:
        if file.format not in ("docx", "odt"):
            continue
        text = texts[file.text]
        with zipfile.ZipFile(folder / file.path) as archive:
            if file.format == "docx":
                part = "word/footnotes.xml" if text.note_kind == "footnote" else "word/endnotes.xml"
                notes = len(re.findall(r'<w:(?:footnote|endnote) w:id="\d+">', archive.read(part).decode()))
                boxes = archive.read("word/document.xml").decode().count("<w:txbxContent>")
            else:
                content = archive.read("content.xml").decode()
                notes = content.count(f'text:note-class="{text.note_kind}"')
                boxes = content.count("<draw:text-box") + content.count("<draw:custom-shape")
        assert notes == len(text.notes), file.path
        has_sidebar = any(block.kind.value == "sidebar" for block in text.blocks)
        assert (boxes > 0) == (file.layout == "text-box" and has_sidebar), file.path


def test_pdfs_carry_ligature_glyphs(corpus: tuple[Path, list[CorpusFile]]) -> None:
    import pdfplumber

    folder, files = corpus
    for layout in ("one-column", "latex-one-column", "latex-two-column"):
        file = next(f for f in files if f.layout == layout and f.format.startswith("pdf"))
        with pdfplumber.open(folder / file.path) as pdf:
            glyphs = {char["text"] for char in pdf.pages[0].chars}
            fonts = {char["fontname"] for char in pdf.pages[0].chars}
        assert glyphs & LIGATURES, f"{file.path} has no ligature glyphs"
        if layout == "latex-two-column":  # no ToUnicode map: the reader sees the ligature characters
            assert glyphs & {"ﬀ", "ﬁ", "ﬂ", "ﬃ", "ﬄ"}
        if layout == "one-column":
            assert any("Carlito" in name for name in fonts)


def test_the_importers_meet_the_budgets(corpus: tuple[Path, list[CorpusFile]]) -> None:
    scores = score_corpus("dev")
    failures = budget_failures(scores, Budgets())
    assert not failures, "\n".join([*table(scores), *failures])
