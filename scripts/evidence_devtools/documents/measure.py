"""Import every file of a corpus split through `add` and score it; tables and budgets.

Each file is imported twice, each time into an empty temporary library:
without overrides, to score the header fields `add` infers; and with the
whole front matter given as overrides, to read the source back
(`ingest.read`) and build its page model (`pipeline.build_page`), which is
scored against the truth.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evidence_devtools.documents.build import CorpusFile, build_corpus, load_manifest
from evidence_devtools.documents.layouts import furniture_lines, layout_named
from evidence_devtools.documents.markup import load_texts
from evidence_devtools.documents.model import HEADER_FIELDS, DocumentText
from evidence_devtools.documents.score import HeaderScore, TextScore, refused, score_header, score_page
from evidence_devtools.documents.sentences import document_vocabulary
from evidence_library import pipeline
from evidence_library.diagnostics import Report, UserError
from evidence_library.ingest import read

PROJECT = Path(__file__).resolve().parents[3]  # the repository: its bodies.yml is the library's default

FILE_TIMEOUT = 300  # seconds to import and score one file


@dataclass(frozen=True)
class DocumentScore:
    file: CorpusFile
    text: TextScore
    header: HeaderScore
    failure: str = ""  # why the file could not be imported, when it could not


@dataclass(frozen=True)
class Budgets:
    notes_right: float = 0.99
    notes_invented: int = 0
    words_kept: float = 0.995
    corrupted: int = 0
    header_fields: float = 0.90


@dataclass
class Tally:
    """Scores added up over some documents."""

    documents: int = 0
    failed: int = 0
    notes: int = 0
    notes_right: int = 0
    invented: int = 0
    words: int = 0
    kept: int = 0
    on_page: int = 0
    unmatched: int = 0
    corrupted: int = 0
    headings: int = 0
    headings_found: int = 0
    headings_at_level: int = 0
    fields: dict[str, int] = field(default_factory=lambda: {"right": 0, "wrong": 0, "missing": 0})

    def add(self, score: DocumentScore) -> None:
        text = score.text
        self.documents += 1
        self.failed += bool(score.failure)
        self.notes += text.notes_expected
        self.notes_right += text.notes_right
        self.invented += text.notes_invented
        self.words += text.words_known
        self.kept += text.words_kept
        self.on_page += text.words_on_page
        self.unmatched += text.words_unmatched
        self.corrupted += len(text.corrupted)
        self.headings += text.headings_known
        self.headings_found += text.headings_found
        self.headings_at_level += text.headings_at_level
        self.fields["right"] += len(score.header.right)
        self.fields["wrong"] += len(score.header.wrong)
        self.fields["missing"] += len(score.header.missing)

    def share(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    def failures(self, budgets: Budgets) -> list[str]:
        """The budgets these documents miss."""
        checks = [
            (
                self.share(self.notes_right, self.notes) >= budgets.notes_right,
                f"notes right < {budgets.notes_right:.0%}",
            ),
            (self.invented <= budgets.notes_invented, f"invented notes > {budgets.notes_invented}"),
            (
                self.share(self.kept, self.words) >= budgets.words_kept,
                f"words kept < {budgets.words_kept:.1%}",
            ),
            (self.corrupted <= budgets.corrupted, f"corrupted words > {budgets.corrupted}"),
            (
                self.share(self.fields["right"], sum(self.fields.values())) >= budgets.header_fields,
                f"header fields right < {budgets.header_fields:.0%}",
            ),
        ]
        return [message for passed, message in checks if not passed]


def import_file(root: Path, path: Path, overrides: dict[str, str]) -> tuple[str, dict[str, str]]:
    """`add` one file into the empty library `root`: (the source text written, the fields inferred)."""
    (root / "sources").mkdir()
    shutil.copy(PROJECT / "bodies.yml", root / "bodies.yml")  # as a real library has it
    added = pipeline.add_source(root, path, overrides, Report())
    return (root / added.path).read_text(encoding="utf-8"), added.inferred


def overrides_for(document: DocumentText) -> dict[str, str]:
    return {**{name: document.canonical(name) for name in HEADER_FIELDS}, "slug": "document"}


def page_score(document: DocumentText, path: Path, vocabulary: frozenset[str]) -> TextScore:
    with tempfile.TemporaryDirectory(prefix="evidence-documents-score-") as library:
        root = Path(library)
        source_text, _ = import_file(root, path, overrides_for(document))
        (source,) = read.read_sources(root, Report())
        page = pipeline.build_page(source).page
    return score_page(document, page, source_text, vocabulary)


def header_score(document: DocumentText, path: Path) -> HeaderScore:
    with tempfile.TemporaryDirectory(prefix="evidence-documents-header-") as library:
        _, inferred = import_file(Path(library), path, {})
    return score_header(document, inferred)


def texts_for(file: CorpusFile) -> dict[str, DocumentText]:
    """The known texts a file may be made from: a development file never reads the held-out texts."""
    splits = ("dev",) if file.split == "dev" else ("dev", "held-out")
    return {text.name: text for split in splits for text in load_texts(split)}


def score_file(folder: Path, file: CorpusFile) -> DocumentScore:
    """Import one file both ways and score it; a refusal or a crash scores nothing."""
    document = texts_for(file)[file.text]
    layout = layout_named(file.layout)
    vocabulary = document_vocabulary(document, furniture_lines(layout, document.running_header))
    path = folder / file.path
    try:
        return DocumentScore(file, page_score(document, path, vocabulary), header_score(document, path))
    except UserError as error:
        failure = f"refused: {error.diagnostic.code}: {error.diagnostic.message}"
    except Exception as error:  # a crash of the importer is a finding to report, not the end of the run
        failure = f"crashed: {type(error).__name__}: {error}"
    return DocumentScore(file, refused(document), HeaderScore(missing=HEADER_FIELDS), failure)


def selected(
    files: Iterable[CorpusFile], formats: Sequence[str], layouts: Sequence[str], texts: Sequence[str]
) -> list[CorpusFile]:
    return [
        f
        for f in files
        if (not formats or f.format in formats)
        and (not layouts or f.layout in layouts)
        and (not texts or f.text in texts)
    ]


def score_in_pool(folder: Path, files: Sequence[CorpusFile], workers: int) -> list[DocumentScore]:
    """score_file for each file in worker processes; a file that takes longer than FILE_TIMEOUT
    (an importer that hangs) is a failure, and the workers are ended when all are done."""
    scores = []
    with multiprocessing.Pool(workers) as pool:  # leaving the block terminates the workers
        pending = [pool.apply_async(score_file, (folder, file)) for file in files]
        for file, result in zip(files, pending, strict=True):
            try:
                scores.append(result.get(timeout=FILE_TIMEOUT))
            except multiprocessing.TimeoutError:
                texts = texts_for(file)
                failure = f"timed out after {FILE_TIMEOUT} s"
                scores.append(
                    DocumentScore(
                        file, refused(texts[file.text]), HeaderScore(missing=HEADER_FIELDS), failure
                    )
                )
    return scores


def score_corpus(
    split: str = "dev",
    formats: Sequence[str] = (),
    layouts: Sequence[str] = (),
    texts: Sequence[str] = (),
    jobs: int = 0,
) -> list[DocumentScore]:
    """Build the split if needed, then score the files chosen (all by default), in order."""
    folder = build_corpus(split)
    _, files = load_manifest(folder)
    chosen = selected(files, formats, layouts, texts)
    return score_in_pool(folder, chosen, jobs or min(os.cpu_count() or 1, 4))
