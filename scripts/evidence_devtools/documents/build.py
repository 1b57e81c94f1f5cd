"""Build the corpus once into a cache folder keyed by a hash of the generator, and reuse it.

    <cache>/<hash>/<split>/manifest.json
    <cache>/<hash>/<split>/sources/*.fodt, *.tex        what LibreOffice and pdflatex were given
    <cache>/<hash>/<split>/docx/*.docx                 .fodt -> .docx by LibreOffice
    <cache>/<hash>/<split>/odt/*.odt                   that .docx -> .odt by LibreOffice
    <cache>/<hash>/<split>/pdf-libreoffice/*.pdf       that .docx -> .pdf by LibreOffice
    <cache>/<hash>/<split>/pdf-latex/*.pdf             .tex -> .pdf by pdflatex

The cache is `$EVIDENCE_DOCUMENTS_CACHE`, else `.cache/documents` in the
repository. Each LibreOffice process gets a private profile, so that parallel
builds do not clash; a lock file keeps two builds of the same corpus apart.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from evidence_devtools.documents.fodt import fodt_document
from evidence_devtools.documents.latex import latex_document
from evidence_devtools.documents.layouts import EXTENSIONS, LAYOUTS, Layout
from evidence_devtools.documents.markup import load_texts
from evidence_devtools.documents.model import DocumentText

PACKAGE = Path(__file__).resolve().parent
REPOSITORY = PACKAGE.parents[2]
GENERATOR = ("build.py", "fodt.py", "latex.py", "layouts.py", "markup.py", "model.py", "templates", "texts")
TOOL_TIMEOUT = 900  # seconds for one batch of LibreOffice conversions or one pdflatex run
SPLITS = ("dev", "held-out")


class BuildError(RuntimeError):
    pass


@dataclass(frozen=True)
class CorpusFile:
    """One file of the corpus and what it was made from."""

    text: str
    layout: str
    format: str
    split: str
    path: str  # relative to the corpus folder


def generator_hash() -> str:
    """A hash of every file that decides what the corpus holds."""
    digest = hashlib.sha256()
    paths = [PACKAGE / name for name in GENERATOR]
    files = sorted(
        f for path in paths for f in ([path] if path.is_file() else path.rglob("*")) if f.is_file()
    )
    for path in files:
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    return Path(os.environ.get("EVIDENCE_DOCUMENTS_CACHE") or REPOSITORY / ".cache" / "documents")


def plan(split: str) -> list[tuple[DocumentText, Layout]]:
    """The (text, layout) pairs of a split: dev texts in dev layouts; for held-out, the held-out
    texts in every layout and the dev texts in the held-out layouts."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: use one of {SPLITS}")
    dev_texts, dev_layouts = load_texts("dev"), [lay for lay in LAYOUTS if lay.split == "dev"]
    if split == "dev":
        return [(text, layout) for text in dev_texts for layout in dev_layouts]
    held_out_layouts = [lay for lay in LAYOUTS if lay.split == "held-out"]
    return [(text, layout) for text in load_texts("held-out") for layout in LAYOUTS] + [
        (text, layout) for text in dev_texts for layout in held_out_layouts
    ]


def stem(text: DocumentText, layout: Layout) -> str:
    return f"{text.name}--{layout.name}"


def corpus_files(split: str) -> list[CorpusFile]:
    return [
        CorpusFile(text.name, layout.name, fmt, split, f"{fmt}/{stem(text, layout)}.{EXTENSIONS[fmt]}")
        for text, layout in plan(split)
        for fmt in layout.formats
    ]


def require_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BuildError(f"{name} is not installed: see scripts/evidence_devtools/documents/README.md")
    return found


def run_tool(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TOOL_TIMEOUT, check=False
    )
    if result.returncode != 0:
        raise BuildError(
            f"{' '.join(command[:4])} ... failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )


def tool_version(name: str) -> str:
    """The first line a tool prints for --version, for the manifest."""
    result = subprocess.run(
        [require_tool(name), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    return result.stdout.strip().split("\n")[0]


def soffice_convert(target: str, files: Sequence[Path], outdir: Path) -> None:
    """One LibreOffice process with its own profile converts `files` to `target` into `outdir`."""
    if not files:
        return
    with tempfile.TemporaryDirectory(prefix="evidence-documents-profile-") as profile:
        run_tool(
            [
                require_tool("soffice"),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                *map(str, files),
            ],
            cwd=outdir,
        )


def in_batches(files: Sequence[Path], count: int) -> list[list[Path]]:
    return [list(files[index::count]) for index in range(count)]


def convert_libreoffice(folder: Path, fodts: Sequence[Path], jobs: int) -> None:
    """.fodt -> .docx, then the .docx -> .pdf and -> .odt, in `jobs` processes at a time."""
    for name in ("docx", "odt", "pdf-libreoffice"):
        (folder / name).mkdir()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lambda batch: soffice_convert("docx", batch, folder / "docx"), in_batches(fodts, jobs)))
        docx = sorted((folder / "docx").glob("*.docx"))
        conversions = [("pdf:writer_pdf_Export", "pdf-libreoffice"), ("odt", "odt")]
        tasks = [(target, batch, out) for target, out in conversions for batch in in_batches(docx, jobs)]
        list(pool.map(lambda task: soffice_convert(task[0], task[1], folder / task[2]), tasks))


def compile_latex(tex: Path, outdir: Path) -> None:
    """pdflatex in a folder of its own; the PDF is moved to `outdir`."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1577836800", "FORCE_SOURCE_DATE": "1"}
    with tempfile.TemporaryDirectory(prefix="evidence-documents-latex-") as work:
        shutil.copy(tex, work)
        command = [require_tool("pdflatex"), "-interaction=nonstopmode", "-halt-on-error", tex.name]
        run_tool(command, Path(work), env)
        shutil.move(Path(work) / tex.with_suffix(".pdf").name, outdir / tex.with_suffix(".pdf").name)


def write_sources(folder: Path, split: str) -> tuple[list[Path], list[Path]]:
    sources = folder / "sources"
    sources.mkdir(parents=True)
    fodts, texs = [], []
    for text, layout in plan(split):
        if layout.engine == "libreoffice":
            path = sources / f"{stem(text, layout)}.fodt"
            path.write_text(fodt_document(text, layout), encoding="utf-8")
            fodts.append(path)
        else:
            path = sources / f"{stem(text, layout)}.tex"
            path.write_text(latex_document(text, layout), encoding="utf-8")
            texs.append(path)
    return fodts, texs


def build_into(folder: Path, split: str, jobs: int) -> None:
    started = time.monotonic()
    fodts, texs = write_sources(folder, split)
    convert_libreoffice(folder, fodts, jobs)
    (folder / "pdf-latex").mkdir()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lambda tex: compile_latex(tex, folder / "pdf-latex"), texs))
    files = corpus_files(split)
    absent = [
        f.path for f in files if not (folder / f.path).is_file() or not (folder / f.path).stat().st_size
    ]
    if absent:
        raise BuildError(f"the tools made no file for: {', '.join(absent[:10])}")
    manifest = {
        "generator": generator_hash(),
        "split": split,
        "seconds": round(time.monotonic() - started, 1),
        "tools": {name: tool_version(name) for name in ("soffice", "pdflatex")},
        "files": [asdict(f) for f in files],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_corpus(split: str = "dev", root: Path | None = None, jobs: int = 2) -> Path:
    """The corpus folder of a split, built first if this generator has not built it yet."""
    base = (root or cache_root()) / generator_hash()
    folder = base / split
    with locked(base / f".{split}.lock"):
        if (folder / "manifest.json").is_file():
            return folder
        building = Path(tempfile.mkdtemp(prefix=f".{split}-", dir=base))
        try:
            build_into(building, split, jobs)
            building.rename(folder)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    return folder


def load_manifest(folder: Path) -> tuple[dict[str, object], list[CorpusFile]]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return manifest, [CorpusFile(**entry) for entry in manifest["files"]]
