"""The page cache: what `generate` keeps between runs, so that a run does only the work its
changes call for. Like the rest of `.cache/`, it is this machine's own (pickles), never committed.

Building a page model (clean, notes, citations, positions, themes) is most of a clean run's
work, and each depends on its own source only, given the program and its settings. So each
built page is kept in `.cache/pages/<slug>.pickle` under a key: the SHA-256 of the program's
code and data files, the settings and shared inputs that reach `build_page` (themes.yml,
bodies.yml, the limits), the Python version, the source's path and its bytes. The file holds
parts that are read alone (`load_part`: the page's header and summary, `run_pages.py`) before
the whole page model (`load`). Every page's key and header are also kept in one table
(`HEADERS`), read at once.

Besides the pages: tables kept whole in one file (`load_table`: the response pages' renderings,
the bibliography ledger), a value under a key (`load_kept`: references.bib as parsed), and
texts kept together, each decoded only when asked for (`load_texts`: the library outputs).

The cache is only ever a shortcut: a missing, damaged or stale entry means the work is done
again, and an incremental run gives the same bytes as a clean one
(tests/e2e/test_incremental.py). Entries are written by `generate` only (never by `check`),
and the entries of removed sources are deleted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Generic, TypeVar

from evidence_library.diagnostics import Diagnostic
from evidence_library.publish.site import write_bytes

PAGES_DIR = ".cache/pages"
RENDERED = ".cache/rendered.pickle"  # each response page's rendering: key, link findings, digest
RENDERED_DIR = ".cache/rendered"  # each response page's Markdown, keyed by its page model and links
HEADERS = ".cache/page-headers.pickle"  # every page's key and header, read at once
CURATED = ".cache/references.pickle"  # references.bib as parse_bib read it
RESOLUTIONS = ".cache/bibliography.pickle"  # what adding each page to the bibliography did
LIBRARY_OUTPUTS = ".cache/library-outputs.pickle"  # the files made from the library as a whole
FORMAT = b"evidence-library page cache 3\n"

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """One source's cached result: its key, what reading it reported, and the built page."""

    key: str
    read_diagnostics: tuple[Diagnostic, ...]
    built: T


def program_key(program_files: Sequence[Path], shared_inputs: Iterable[str]) -> str:
    """A hash of what every page depends on besides its source."""
    digest = hashlib.sha256(FORMAT + sys.version.encode() + b"\0")
    for file in program_files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    for text in shared_inputs:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()


def source_key(program: str, path: str, raw: bytes) -> str:
    return hashlib.sha256(f"{program}\0{path}\0".encode() + raw).hexdigest()


def _file(root: Path, slug: str, folder: str) -> Path:
    return root / folder / f"{slug}.pickle"


UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def _open_parts(root: Path, slug: str, key: str, folder: str) -> tuple[BinaryIO, list[int]] | None:
    """The entry's file, open after its header, and the lengths of its parts; None if the key differs.

    A file holds the format, the key, the lengths of the parts, the parts and the entry: so a run
    that needs only a part reads no more of it."""
    try:
        stream = _file(root, slug, folder).open("rb")
    except OSError:
        return None
    try:
        if stream.readline() != FORMAT or stream.readline().strip() != key.encode():
            stream.close()
            return None
        return stream, [int(length) for length in stream.readline().split()]
    except UNREADABLE:
        stream.close()
        return None


def load_part(root: Path, slug: str, key: str, index: int, folder: str = PAGES_DIR) -> object | None:
    """A part kept beside the entry for `slug` (`store`), if it has this key (None for anything
    else: a part is never None)."""
    opened = _open_parts(root, slug, key, folder)
    if opened is None:
        return None
    with opened[0] as stream:
        lengths = opened[1]
        try:
            stream.seek(sum(lengths[:index]), os.SEEK_CUR)
            part: object = pickle.loads(stream.read(lengths[index]))
        except (*UNREADABLE, IndexError):
            return None
    return part


def load(root: Path, slug: str, key: str, folder: str = PAGES_DIR) -> Entry[T] | None:
    """The cached entry for `slug` if it has this key; None for anything else."""
    opened = _open_parts(root, slug, key, folder)
    if opened is None:
        return None
    with opened[0] as stream:
        try:
            stream.seek(sum(opened[1]), os.SEEK_CUR)
            entry = pickle.load(stream)
        except UNREADABLE:
            return None
    return entry if isinstance(entry, Entry) and entry.key == key else None


def store(
    root: Path, slug: str, entry: Entry[T], parts: Sequence[object] = (), folder: str = PAGES_DIR
) -> None:
    """Write one entry, and parts of it to be read alone, atomically (a temporary file renamed
    over the old one)."""
    pickled = [pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL) for part in parts]
    lengths = " ".join(str(len(part)) for part in pickled).encode()
    header = FORMAT + entry.key.encode() + b"\n" + lengths + b"\n"
    write_bytes(
        _file(root, slug, folder), header + b"".join(pickled) + pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
    )


def load_table(root: Path, name: str) -> dict[str, object]:
    """A table kept in one file (by slug); empty when missing or unreadable."""
    table = _load_whole(root, name)
    return table if isinstance(table, dict) else {}


def store_table(root: Path, name: str, table: Mapping[str, object]) -> None:
    write_bytes(root / name, FORMAT + pickle.dumps(dict(sorted(table.items())), pickle.HIGHEST_PROTOCOL))


class KeptTexts(Mapping[str, str]):
    """Texts kept together in one file (`store_texts`), each decoded only when it is asked for:
    a run that finds them unchanged on disk never decodes them."""

    def __init__(self, index: Mapping[str, tuple[int, int]], blob: bytes) -> None:
        self._index = index
        self._blob = blob

    def __getitem__(self, path: str) -> str:
        start, length = self._index[path]
        return self._blob[start : start + length].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __contains__(self, path: object) -> bool:  # Mapping's own would decode the text
        return path in self._index

    def __len__(self) -> int:
        return len(self._index)

    def only(self, paths: Iterable[str]) -> KeptTexts:
        """These texts alone (those of `paths` that are here)."""
        return KeptTexts({path: self._index[path] for path in paths if path in self._index}, self._blob)


def store_texts(root: Path, name: str, key: str, head: object, texts: Mapping[str, str]) -> None:
    """Keep `head` and `texts` under a key in one file: the head pickled, then the texts' bytes."""
    index: dict[str, tuple[int, int]] = {}
    blob, start = [], 0
    for path, text in texts.items():
        data = text.encode("utf-8")
        index[path] = (start, len(data))
        blob.append(data)
        start += len(data)
    header = pickle.dumps((key, head, index, start), pickle.HIGHEST_PROTOCOL)
    write_bytes(root / name, FORMAT + str(len(header)).encode() + b"\n" + header + b"".join(blob))


def load_texts(root: Path, name: str, key: str) -> tuple[object, KeptTexts] | None:
    """The head and texts `store_texts` kept under this key; None for anything else."""
    try:
        with (root / name).open("rb") as stream:
            if stream.readline() != FORMAT:
                return None
            kept_key, head, index, size = pickle.loads(stream.read(int(stream.readline())))
            if kept_key != key:
                return None
            blob = stream.read()
    except UNREADABLE:
        return None
    if len(blob) != size or not isinstance(index, dict):
        return None
    return head, KeptTexts(index, blob)


def load_kept(root: Path, name: str, key: str) -> object | None:
    """A value kept in one file under a key, if the key is this one."""
    kept = _load_whole(root, name)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
        value: object = kept[1]
        return value
    return None


def store_kept(root: Path, name: str, key: str, value: object) -> None:
    write_bytes(root / name, FORMAT + pickle.dumps((key, value), pickle.HIGHEST_PROTOCOL))


def _load_whole(root: Path, name: str) -> object:
    try:
        with (root / name).open("rb") as stream:
            if stream.readline() != FORMAT:
                return None
            whole: object = pickle.load(stream)
    except UNREADABLE:
        return None
    return whole


def prune(root: Path, slugs: Iterable[str], folder_name: str = PAGES_DIR) -> None:
    """Delete the entries of sources that are gone (and leftovers of interrupted writes)."""
    keep = {f"{slug}.pickle" for slug in slugs}
    folder = root / folder_name
    for name in sorted(os.listdir(folder)) if folder.is_dir() else []:
        if name not in keep:
            (folder / name).unlink(missing_ok=True)
