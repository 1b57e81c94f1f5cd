"""Read stage: files on disk -> `SourceDocument` (front matter + numbered body lines).

Handles byte-order marks, CRLF and CR line ends, and text that is not UTF-8.
Nothing here rewrites a file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence_library.diagnostics import Diagnostic, Location, Report, Severity, UserError
from evidence_library.ingest import metadata
from evidence_library.ingest.front_matter import SafeYAMLHandler, front_matter_error, load_front_matter
from evidence_library.ingest.imported import ImportedDocument
from evidence_library.model import Line, SourceDocument
from evidence_library.settings import DEFAULT_LIMITS, Limits
from evidence_library.text.limits import check_source_size

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def decode(raw: bytes, path: str, report: Report) -> tuple[str, str]:
    """Bytes -> text with '\\n' line ends; falls back to Windows-1252 with a warning."""
    if b"\x00" in raw[:8192]:
        raise UserError(
            Diagnostic(
                "read.binary",
                Severity.ERROR,
                Location(path),
                "this looks like a binary file, not text",
                "import text, Markdown, PDF, Word or OpenDocument files with `evidence-library add FILE`",
            )
        )
    encoding = "utf-8"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        encoding = "windows-1252"
        text = raw.decode("windows-1252", errors="replace")
        line = raw[: error.start].count(b"\n") + 1
        report.add(
            "read.not-utf8",
            Severity.WARNING,
            Location(path, line),
            "the file is not UTF-8; it was read as Windows-1252",
            "re-save the file as UTF-8 so that every character is certain",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def read_text(path: Path, shown_as: str, report: Report) -> tuple[str, str]:
    """Read and decode one file; OS errors become user errors."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UserError(
            Diagnostic(
                "read.unreadable",
                Severity.ERROR,
                Location(shown_as),
                f"cannot read the file: {error.strerror}",
                "check that the path exists and is a readable file",
            )
        ) from None
    return decode(raw, shown_as, report)


def empty_file_error(path: str) -> UserError:
    return UserError(
        Diagnostic(
            "read.empty",
            Severity.ERROR,
            Location(path),
            "the file is empty",
            "check that the text was extracted from the PDF and saved",
        )
    )


PACKAGE = Path(__file__).resolve().parent.parent
PROGRAM_SUFFIXES = {".py", ".yml", ".json", ".model"}


def program_files() -> list[Path]:
    """This program's own code and data (a new model or a changed data file changes the output)."""
    return sorted(
        p for p in PACKAGE.rglob("*") if p.suffix in PROGRAM_SUFFIXES and "__pycache__" not in p.parts
    )


def by_name(path: Path) -> str:
    """The key to sort files of one folder by (comparing Paths themselves is many times slower)."""
    return path.name


def source_files(root: Path) -> list[Path]:
    """sources/*.md, by name."""
    return sorted((root / "sources").glob("*.md"), key=by_name)


def source_bytes(root: Path) -> dict[str, bytes]:
    """Every `sources/*.md`'s bytes, by name, sorted; one that cannot be read is left out (reading
    it again reports why)."""
    found = {}
    for file in source_files(root):
        try:
            found[file.name] = file.read_bytes()
        except OSError:
            continue
    return found


def sources_fingerprint(root: Path, raw: Mapping[str, bytes] | None = None) -> str:
    """A hash of this program's own code and of every source (`raw`: source_bytes(root), when read
    already), and of the other files' names."""
    digest = _files_digest(program_files())
    for name, data in (source_bytes(root) if raw is None else raw).items():
        digest.update(name.encode() + b"\0" + data + b"\0")
    for other in sorted((root / "sources").glob("*"), key=by_name):  # only their names matter: reported
        if other.suffix != ".md":
            digest.update(b"ignored\0" + other.name.encode() + b"\0")
    return digest.hexdigest()


def input_fingerprint(root: Path, inputs: Sequence[str], sources: str | None = None) -> str:
    """A hash of everything `generate` reads, and of this program's own code; `sources` is
    sources_fingerprint(root), when it was taken already."""
    digest = _files_digest([root / name for name in inputs])
    digest.update((sources or sources_fingerprint(root)).encode())
    return digest.hexdigest()


def _files_digest(files: Sequence[Path]) -> hashlib._Hash:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0")
        digest.update(file.read_bytes() if file.is_file() else b"(missing)")
        digest.update(b"\0")
    return digest


def read_optional(path: Path, shown_as: str, report: Report) -> str:
    """A file the library may not have yet (references.bib): '' when it is missing."""
    return read_text(path, shown_as, report)[0] if path.is_file() else ""


WORD_SUFFIXES = (".docx", ".odt", ".doc")


def read_response_file(path: Path, shown_as: str, report: Report) -> ImportedDocument:
    """A raw response to import: text or Markdown as it is, a PDF through its layout,
    a Word or OpenDocument file through pandoc."""
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES and path.is_file():
        from evidence_library.ingest.word import import_word

        return import_word(path, shown_as)
    if suffix == ".pdf" and path.is_file():
        from evidence_library.ingest.pdf import import_pdf

        return import_pdf(path, shown_as)
    return ImportedDocument(read_text(path, shown_as, report)[0], "text")


def split_front_matter(text: str, path: str) -> tuple[str, int, list[str]]:
    """Return (YAML text, number of the first body line, body lines)."""
    if not text.strip():
        raise empty_file_error(path)
    handler = SafeYAMLHandler(path)
    if not handler.detect(text):
        raise front_matter_error(
            path,
            1,
            "the file does not start with front matter ('---')",
            "start the file with '---', the fields, then '---' (see CONTRIBUTING.md)",
        )
    try:
        yaml_text, body = handler.split(text)
    except ValueError:
        raise front_matter_error(
            path, 1, "the front matter is never closed", "add a line '---' after the last field"
        ) from None
    body_start = yaml_text.count("\n") + 3  # the opening fence, the YAML's lines, the closing fence
    return yaml_text, body_start, body.split("\n") if body else []


def parse_source(text: str, path: str, slug: str, encoding: str, report: Report) -> SourceDocument | None:
    """Text of a source file -> SourceDocument; problems go to `report`."""
    yaml_text, body_start, body = split_front_matter(text, path)
    data, key_lines = load_front_matter(yaml_text, path)
    meta = metadata.parse_metadata(data, key_lines, path, report)
    if not any(line.strip() for line in body):
        report.add(
            "read.empty-body",
            Severity.ERROR,
            Location(path, body_start),
            "the file has front matter but no response text",
            "paste the response's text below the closing '---'",
        )
        return None
    if meta is None:
        return None
    lines = tuple(Line(body_start + i, t) for i, t in enumerate(body))
    return SourceDocument(path, slug, meta, lines, encoding)


IMPORTABLE = (".pdf", ".txt", ".text", ".markdown", *WORD_SUFFIXES)


def report_ignored_files(root: Path, report: Report) -> None:
    """A file in sources/ that the build does not read (a PDF, a .txt) was meant to be imported."""
    for file in sorted((root / "sources").iterdir(), key=by_name) if (root / "sources").is_dir() else []:
        if file.suffix == ".md" or file.name.startswith(".") or not file.is_file():
            continue
        shown = file.relative_to(root).as_posix()
        importable = file.suffix.lower() in IMPORTABLE
        report.add(
            "read.not-a-source",
            Severity.WARNING,
            Location(shown),
            "the build reads only .md files in sources/; this file is ignored",
            f"import it with `evidence-library add {shown}`, then delete {shown}"
            if importable
            else f"move {shown} out of sources/",
        )


def _too_large(file: Path, shown: str, limits: Limits, data: bytes | None = None) -> Diagnostic | None:
    try:
        if (file.stat().st_size if data is None else len(data)) <= limits.max_source_bytes:
            return None
        return check_source_size(file.read_bytes() if data is None else data, shown, limits)
    except OSError:
        return None  # reported when it is read


@dataclass(frozen=True)
class SourceFile:
    """A source's bytes, before they are decoded and parsed (the page cache keys on them)."""

    path: str  # relative to the root, e.g. sources/x.md
    slug: str
    raw: bytes


def read_source_files(
    root: Path, report: Report, limits: Limits = DEFAULT_LIMITS, raw: Mapping[str, bytes] | None = None
) -> list[SourceFile]:
    """The bytes of every `sources/*.md`, sorted by name (from `raw`, by name, for those read
    already); a file with a bad name, over the size limit or unreadable is reported and skipped."""
    report_ignored_files(root, report)
    found = []
    for file in source_files(root):
        shown = file.relative_to(root).as_posix()
        if not SLUG.match(file.stem):
            report.add(
                "read.bad-slug",
                Severity.ERROR,
                Location(shown),
                f"'{file.name}' is not a valid file name for a response",
                "use lowercase letters, digits and hyphens, e.g. 2012-03-noms-commissioning.md",
            )
            continue
        data = raw.get(file.name) if raw is not None else None
        if (refused := _too_large(file, shown, limits, data)) is not None:
            report.extend([refused])
            continue
        try:
            found.append(SourceFile(shown, file.stem, file.read_bytes() if data is None else data))
        except OSError as error:
            report.add(
                "read.unreadable",
                Severity.ERROR,
                Location(shown),
                f"cannot read the file: {error.strerror}",
                "check that the path exists and is a readable file",
            )
    return found


def parse_source_file(file: SourceFile, report: Report) -> SourceDocument | None:
    """Decode and parse one source's bytes; problems go to `report`."""
    try:
        text, encoding = decode(file.raw, file.path, report)
        return parse_source(text, file.path, file.slug, encoding, report)
    except UserError as error:
        report.extend([error.diagnostic])
        return None


def report_no_sources(documents: int, report: Report) -> None:
    if not documents and not report.has_errors:
        report.add(
            "read.no-sources",
            Severity.WARNING,
            Location("sources"),
            "there are no responses in sources/",
            "import one with `evidence-library add FILE`",
        )


def read_sources(root: Path, report: Report, limits: Limits = DEFAULT_LIMITS) -> tuple[SourceDocument, ...]:
    """Every `sources/*.md`, sorted by name; a bad file (or one over the size limit) is reported
    and skipped."""
    documents = []
    for file in read_source_files(root, report, limits):
        if (document := parse_source_file(file, report)) is not None:
            documents.append(document)
    report_no_sources(len(documents), report)
    return tuple(documents)


LABELS_MEMO = ".cache/reference-labels-{key}.json"


def read_labels_memo(root: Path, key: str) -> dict[str, str]:
    """The labels the reference parser gave notes in the last run with this model (a cache: any
    problem reading it means starting afresh)."""
    try:
        data = json.loads((root / LABELS_MEMO.format(key=key)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
