"""Site stage: the only writer. Writes generated pages and runs MkDocs.

Files are written through a temporary file and a rename, and only when their
content changed (so `serve` does not loop on its own output). The site is
built into a temporary folder and swapped in only when the build succeeded,
so a failed build leaves the previous `site/` as it was.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_library.diagnostics import Diagnostic, KeptRecords, Location, Report, Severity, UserError
from evidence_library.processes import run_apart
from evidence_library.publish import page_conversion
from evidence_library.publish.search import PageSpool, SearchIndexError, index_spooled

SITE_DIR = "site"
PLUGIN = "evidence-library"


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` through a temporary file and a rename: no reader ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_file(path: Path, content: str) -> bool:
    """Write `content` atomically if it differs from what is there; True if written."""
    data = content.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    write_bytes(path, data)
    return True


def write_new_file(path: Path, content: str, shown_as: str) -> None:
    """Create a file that must not exist yet (a newly added source)."""
    if path.exists():
        raise UserError(
            Diagnostic(
                "add.exists",
                Severity.ERROR,
                Location(shown_as),
                "a source with this name already exists; it was not overwritten",
                "give the new response another name with --slug, or delete the old file first",
            )
        )
    write_file(path, content)


GENERATED_SUFFIXES = (".md", ".bib", ".json", ".ris")  # pages and exports (publish/exports.py)


def write_generated(
    root: Path,
    files: Mapping[str, str],
    generated_dirs: Iterable[str],
    written_before: Mapping[str, Sequence[object]] | None = None,
    known: Mapping[str, str] | None = None,
) -> dict[str, list[Any]]:
    """Bring the generated folders in line with `files`, removing stale pages and exports; return
    what was written, as `write_stamp` keeps it: each file's size, time and digest (`content_digest`).

    `written_before` is the last run's record of what it wrote (path -> [size, mtime_ns, digest],
    as `write_stamp` keeps it): a file whose new digest is the one recorded, and whose size and time
    on disk are those recorded (nobody touched it since), is left unread; any other is compared
    byte for byte and written if it differs. `known` gives some files' digests already: those
    files' contents are asked for only to be written (`files` may make them when asked)."""
    before = written_before or {}
    written: dict[str, list[Any]] = {}
    for relative in sorted(files):
        digest = (known or {}).get(relative) or content_digest(files[relative].encode("utf-8"))
        path = os.path.join(root, relative)
        if _unchanged(path, before.get(relative), digest):
            written[relative] = [*before[relative][:2], digest]
        else:
            write_file(root / relative, files[relative])
            written[relative] = [*_signature(path), digest]
    for stale in sorted(set(_generated_files(root, generated_dirs)) - files.keys()):
        (root / stale).unlink()
    return written


def _generated_files(root: Path, generated_dirs: Iterable[str]) -> Iterator[str]:
    """The pages and exports in the generated folders, relative to the root (POSIX separators)."""
    for folder in generated_dirs:
        for directory, _, names in os.walk(root / folder):
            relative = Path(directory).relative_to(root).as_posix()
            yield from (f"{relative}/{name}" for name in names if name.endswith(GENERATED_SUFFIXES))


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unchanged(path: str, recorded: Sequence[object] | None, digest: str) -> bool:
    """Whether `path` holds the bytes of `digest` by the last run's record, without reading it."""
    if recorded is None or len(recorded) != 3 or recorded[2] != digest:
        return False
    try:
        status = os.stat(path)
    except OSError:
        return False
    return [status.st_size, status.st_mtime_ns] == list(recorded[:2])


STAMP = ".cache/generate.json"
LABELS_MEMO = ".cache/reference-labels-{key}.json"  # as ingest/read.py reads it


def write_labels_memo(root: Path, key: str, labels: Mapping[str, str]) -> None:
    """Keep this run's note labels for the next run; memos of other models are removed."""
    if not key:
        return
    target = root / LABELS_MEMO.format(key=key)
    for old in (root / ".cache").glob(LABELS_MEMO.format(key="*").removeprefix(".cache/")):
        if old != target:
            old.unlink()
    write_file(target, json.dumps(dict(sorted(labels.items())), separators=(",", ":")))


@dataclass(frozen=True)
class Stamp:
    """What the last `generate` read (as a hash) and wrote, and what it reported."""

    fingerprint: str
    outputs: dict[str, list[Any]]  # path -> [size, mtime_ns, digest of the bytes written]
    diagnostics: list[dict[str, object]]
    summary: dict[str, int]


def _signature(path: str | Path) -> list[int]:
    status = os.stat(path)
    return [status.st_size, status.st_mtime_ns]


def write_stamp(
    root: Path,
    fingerprint: str,
    written: Mapping[str, list[Any]],
    diagnostics: list[dict[str, object]],
    summary: dict[str, int],
) -> None:
    """Keep what this run read (a hash) and wrote (`write_generated`'s record) for the next run."""
    stamp = {"fingerprint": fingerprint, "outputs": written, "diagnostics": diagnostics, "summary": summary}
    write_file(root / STAMP, json.dumps(stamp, sort_keys=True))


def read_stamp(root: Path) -> Stamp | None:
    """The last run's stamp, if there is a readable one."""
    try:
        return Stamp(**json.loads((root / STAMP).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def fresh_stamp(root: Path, fingerprint: str, stamp: Stamp | None = None) -> Stamp | None:
    """The last run's stamp if the inputs are the same and no output was touched since."""
    stamp = stamp or read_stamp(root)
    if stamp is None or stamp.fingerprint != fingerprint:
        return None
    for name, signature in stamp.outputs.items():
        try:
            if _signature(os.path.join(root, name)) != list(signature[:2]):
                return None
        except OSError:
            return None
    return stamp


@contextmanager
def _mkdocs_warnings(report: Report) -> Iterator[None]:
    """MkDocs' warnings while the block runs, added to the report (strict mode counts them)."""
    collector = KeptRecords(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        yield
    finally:
        logger.removeHandler(collector)
        for record in collector.records:
            report.add("site.mkdocs", Severity.WARNING, Location("mkdocs.yml"), record.getMessage())


def build_site(root: Path, report: Report, strict: bool) -> bool:
    """Run MkDocs into a temporary folder, in a process of its own, the plugin keeping each page
    for the search index in a spool; then index the spool with Pagefind, once MkDocs' memory is
    given back; swap the folder in as site/ if it all succeeded."""
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=root))
    with tempfile.TemporaryDirectory(prefix="evidence-library-search-") as spool_folder:
        spool = Path(spool_folder) / "pages.jsonl"
        ok = run_apart(lambda child_report: _run_mkdocs(root, staging, strict, spool, child_report), report)
        ok = ok and not report.fails(strict) and _index_for_search(spool, staging / "pagefind", report)
    if not ok or report.fails(strict):
        shutil.rmtree(staging, ignore_errors=True)
        return False
    _swap(staging, root / SITE_DIR)
    return True


def _run_mkdocs(root: Path, staging: Path, strict: bool, spool: Path, report: Report) -> bool:
    """MkDocs' build into `staging`, the plugin keeping every page for search in `spool`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict)
        plugin = config.plugins.get(PLUGIN)
        if plugin is None:
            report.add(
                "site.no-plugin",
                Severity.ERROR,
                Location("mkdocs.yml"),
                f"the {PLUGIN} plugin is not listed under plugins, so pages would not be indexed for search",
                f"add `- {PLUGIN}` under `plugins:` in mkdocs.yml",
            )
            return False
        plugin.indexer = PageSpool(spool)
        plugin.conversion_workers = page_conversion.default_workers()
        try:
            with _mkdocs_warnings(report):
                build(config)
        finally:
            plugin.indexer.close()
            plugin.indexer = None
    except (MkDocsException, OSError) as error:
        _mkdocs_failed(report, error)
        return False
    return True


def _index_for_search(spool: Path, folder: Path, report: Report) -> bool:
    try:
        index_spooled(spool, folder)
    except (SearchIndexError, OSError) as error:
        _search_failed(report, error)
        return False
    return True


def _mkdocs_failed(report: Report, error: Exception) -> None:
    report.add(
        "site.mkdocs-failed",
        Severity.ERROR,
        Location("mkdocs.yml"),
        f"MkDocs could not build the site: {error}",
        "fix the warnings above, then run `evidence-library build` again",
    )


def _search_failed(report: Report, error: Exception) -> None:
    report.add(
        "site.search-index-failed",
        Severity.ERROR,
        Location("site"),
        f"Pagefind could not index the site: {error}",
        "reinstall the tools with `make site`; this is not a problem in the sources",
    )


def _swap(staging: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
