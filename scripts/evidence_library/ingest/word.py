"""A Word (.docx) or OpenDocument text (.odt) file -> an `ImportedDocument`, through pandoc.

The file is untrusted, so it is inspected before pandoc sees it:

1. its size is bounded (`MAX_FILE_BYTES`);
2. an OLE compound file (the container of a password-protected Office file,
   and of old Word 97-2003 .doc files) is refused with what to do instead;
3. it must be a zip package holding a Word document or an OpenDocument text;
4. the package is unpacked in memory, member by member, without keeping
   anything: too many members, more than `MAX_UNPACKED_BYTES` in all, or a
   member that compresses more than `MAX_RATIO` times is a zip bomb; a member
   whose data does not match its checksum means a damaged file;
5. an OpenDocument file whose members are encrypted is password-protected.

Then pandoc (the binary shipped in the pypandoc-binary wheel) reads it in a
sandbox, with a time limit and a memory limit, and writes its document tree
as JSON; `pandoc_text` turns that into the source text format. The
document's own properties (title, author, creation date) come from its
`docProps/core.xml` or `meta.xml`, for the header inference to fall back on.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from evidence_library.diagnostics import Diagnostic, Location, Severity, UserError
from evidence_library.ingest import pandoc_text, text_boxes
from evidence_library.ingest.imported import DocumentProperties, ImportedDocument

MAX_FILE_BYTES = 100 * 2**20
MAX_MEMBERS = 5_000
MAX_UNPACKED_BYTES = 400 * 2**20
MAX_RATIO = 200  # deflate rarely beats 20:1 on a document's XML; bombs reach 1000:1
RATIO_FROM_BYTES = 2**20  # small members may compress well: judge the ratio only above this size
PANDOC_SECONDS = 120
PANDOC_HEAP = "2g"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")  # the stream that holds an encrypted package
ODF_TEXT = "application/vnd.oasis.opendocument.text"
DOCX_MAIN = "word/document.xml"
WORD_HINT = "open it in Word or LibreOffice, save it as .docx (or .odt), and add that"

NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}
PARAGRAPH_STYLE = re.compile(rb"<w:pStyle\s+w:val=\"([^\"]{1,200})\"")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Pandoc's Word reader lifts the opening paragraphs in these styles into its metadata; they are the
# document's text, so they go back in front of it, in this order.
LIFTED_STYLES = ("title", "subtitle", "author", "date", "abstract")


UNPACKING_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,  # a member zipfile cannot decrypt
    NotImplementedError,  # a compression method zipfile does not know
    ValueError,
)


def refusal(code: str, shown_as: str, message: str, hint: str) -> UserError:
    return UserError(Diagnostic(code, Severity.ERROR, Location(shown_as), message, hint))


def read_bytes(path: Path, shown_as: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise refusal(
                "read.too-large",
                shown_as,
                f"the file is {size // 2**20} MB; a response is at most {MAX_FILE_BYTES // 2**20} MB",
                "save it again without embedded pictures, or save its text as .txt and add that",
            )
        return path.read_bytes()
    except OSError as error:
        raise refusal(
            "read.unreadable",
            shown_as,
            f"cannot read the file: {error.strerror}",
            "check that the path exists and is a readable file",
        ) from None


def refuse_compound_file(raw: bytes, shown_as: str) -> None:
    """An OLE compound file is an encrypted Office file, or an old .doc: neither can be read."""
    if not raw.startswith(OLE_MAGIC):
        return
    if ENCRYPTED_OOXML in raw:
        raise refusal(
            "read.encrypted",
            shown_as,
            "the file is protected by a password (an encrypted Office file), so its text cannot be read",
            "open it in Word, remove the password (File > Info > Protect Document), save, and add it again",
        )
    raise refusal(
        "read.legacy-word",
        shown_as,
        "this is an old Word 97-2003 document (.doc), which cannot be read as it is",
        WORD_HINT,
    )


def refuse_other_file(raw: bytes, shown_as: str) -> None:
    """Anything that is not a zip package: say what it looks like."""
    if raw.startswith(ZIP_MAGIC):
        return
    head = raw[:4096]
    if head.startswith(b"%PDF"):
        what, hint = "a PDF", "rename it to end in .pdf and add that"
    elif head.lstrip().startswith(b"{\\rtf"):
        what, hint = "an RTF document", WORD_HINT
    elif b"\x00" not in head:
        what, hint = "plain text", "rename it to end in .txt and add that, or " + WORD_HINT
    else:
        what, hint = "not a zip package", WORD_HINT
    raise refusal(
        "read.not-word",
        shown_as,
        f"this is not a Word or OpenDocument file: it is {what}",
        hint,
    )


def _bomb(shown_as: str, why: str) -> UserError:
    return refusal(
        "read.zip-bomb",
        shown_as,
        f"the file is not an ordinary document: {why} (a zip bomb?)",
        "if it is a real response, save it again in Word or LibreOffice, or save its text as .txt",
    )


def check_members(archive: zipfile.ZipFile, shown_as: str) -> None:
    """Refuse zip bombs and encrypted or damaged members, unpacking each member once into nothing."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _bomb(shown_as, f"it holds {len(members)} files (at most {MAX_MEMBERS})")
    declared = sum(info.file_size for info in members)
    if declared > MAX_UNPACKED_BYTES:
        raise _bomb(
            shown_as, f"it unpacks to {declared // 2**20} MB (at most {MAX_UNPACKED_BYTES // 2**20} MB)"
        )
    unpacked = 0
    for info in members:
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bomb(
                shown_as, f"'{info.filename}' compresses {info.file_size // max(info.compress_size, 1)} times"
            )
        if info.flag_bits & 0x1:
            raise refusal(
                "read.encrypted",
                shown_as,
                "the file is protected by a password, so its text cannot be read",
                "open it, save a copy without the password, and add that",
            )
        with archive.open(info) as member:
            while chunk := member.read(2**20):
                unpacked += len(chunk)
                if unpacked > MAX_UNPACKED_BYTES:
                    raise _bomb(shown_as, f"it unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB")


def open_package(raw: bytes, shown_as: str) -> zipfile.ZipFile:
    refuse_compound_file(raw, shown_as)
    refuse_other_file(raw, shown_as)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        check_members(archive, shown_as)
    except UNPACKING_ERRORS as error:
        raise refusal(
            "read.bad-word",
            shown_as,
            f"the file is damaged and cannot be unpacked ({error})",
            "check it opens in Word or LibreOffice; if it does, save it again and add that",
        ) from None
    return archive


def package_kind(archive: zipfile.ZipFile, shown_as: str) -> str:
    """'docx' or 'odt', from what the package holds (not from the file's name)."""
    names = set(archive.namelist())
    if DOCX_MAIN in names:
        return "docx"
    mimetype = (
        archive.read("mimetype")[:200].decode("ascii", "replace").strip() if "mimetype" in names else ""
    )
    if mimetype == ODF_TEXT and "content.xml" in names:
        manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
        if b"encryption-data" in manifest:
            raise refusal(
                "read.encrypted",
                shown_as,
                "the OpenDocument file is protected by a password, so its text cannot be read",
                "open it in LibreOffice, save a copy without the password (File > Save As, "
                "untick 'Save with password'), and add that",
            )
        return "odt"
    what = (
        f"an OpenDocument file of another kind ({mimetype})" if mimetype else "a zip package of another kind"
    )
    raise refusal(
        "read.not-word",
        shown_as,
        f"this is not a Word or OpenDocument text file: it is {what}",
        WORD_HINT,
    )


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    """A small XML member, parsed; None if missing, unreadable or declaring a DTD (never needed here)."""
    if name not in archive.namelist():
        return None
    data = archive.read(name)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None


def _text_of(root: ElementTree.Element | None, *paths: str) -> str:
    for path in paths:
        found = root.find(path, NAMESPACES) if root is not None else None
        if found is not None and (text := " ".join((found.text or "").split())):
            return text
    return ""


def read_properties(archive: zipfile.ZipFile, kind: str) -> DocumentProperties:
    """Title, author and creation date from docProps/core.xml (Word) or meta.xml (OpenDocument)."""
    if kind == "docx":
        core = _xml(archive, "docProps/core.xml")
        title, author = _text_of(core, "dc:title"), _text_of(core, "dc:creator")
        created = _text_of(core, "dcterms:created")
    else:
        meta = _xml(archive, "meta.xml")
        title = _text_of(meta, "office:meta/dc:title")
        author = _text_of(meta, "office:meta/meta:initial-creator", "office:meta/dc:creator")
        created = _text_of(meta, "office:meta/meta:creation-date")
    day = ISO_DAY.match(created)
    return DocumentProperties(title, author, day.group(0) if day else "")


def lifted_styles(archive: zipfile.ZipFile) -> set[str]:
    """Which of `LIFTED_STYLES` the Word document's paragraphs use (styles.xml names them, by id)."""
    styles = _xml(archive, "word/styles.xml")
    if styles is None:
        return set()
    ids: dict[str, str] = {}
    for style in styles.findall("w:style", NAMESPACES):
        name = style.find("w:name", NAMESPACES)
        label = str(name.get(f"{{{NAMESPACES['w']}}}val", "")).lower() if name is not None else ""
        if label in LIFTED_STYLES:
            ids[str(style.get(f"{{{NAMESPACES['w']}}}styleId", ""))] = label
    used = set(PARAGRAPH_STYLE.findall(archive.read(DOCX_MAIN)))
    return {label for style_id, label in ids.items() if style_id.encode() in used}


def pandoc_path(shown_as: str) -> str:
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        raise refusal(
            "read.no-pandoc",
            shown_as,
            "pandoc, which reads Word and OpenDocument files, is not installed",
            "run `make site` (or `pip install -e .`) to install it with the other tools",
        ) from None


def run_pandoc(raw: bytes, kind: str, shown_as: str) -> dict[str, Any]:
    """Pandoc's document tree of the file, read from standard input in a sandbox, with limits."""
    command = [pandoc_path(shown_as), "+RTS", f"-M{PANDOC_HEAP}", "-RTS", "--sandbox"]
    command += ["--from", kind, "--to", "json", "-"]
    try:
        done = subprocess.run(command, input=raw, capture_output=True, timeout=PANDOC_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise refusal(
            "read.bad-word",
            shown_as,
            f"reading the file took longer than {PANDOC_SECONDS} s",
            "save it again in Word or LibreOffice, or save its text as .txt and add that",
        ) from None
    if done.returncode != 0:
        problem = " ".join(done.stderr.decode("utf-8", "replace").split())[:300] or f"exit {done.returncode}"
        raise refusal(
            "read.bad-word",
            shown_as,
            f"the file could not be read: {problem}",
            "check it opens in Word or LibreOffice; if it does, save it again and add that",
        )
    tree: dict[str, Any] = json.loads(done.stdout)
    return tree


def _as_blocks(value: dict[str, Any], heading: bool) -> list[dict[str, Any]]:
    """A metadata value pandoc lifted from the text -> the blocks it was."""
    kind, content = value.get("t"), value.get("c") or []
    if kind == "MetaList":
        return [block for item in content for block in _as_blocks(item, heading)]
    if kind == "MetaBlocks":
        return list(content)
    inlines = content if kind == "MetaInlines" else [{"t": "Str", "c": str(content)}]
    return [{"t": "Header", "c": [1, ["", [], []], inlines]} if heading else {"t": "Para", "c": inlines}]


def lifted_blocks(tree: dict[str, Any], styles: set[str]) -> list[dict[str, Any]]:
    """The opening title, subtitle, author, date and abstract paragraphs, back as text.

    Only styles the document uses: pandoc also fills its metadata from custom properties."""
    meta = tree.get("meta", {})
    blocks: list[dict[str, Any]] = []
    for name in LIFTED_STYLES:
        if name in meta and name in styles:
            blocks += _as_blocks(meta[name], heading=name == "title")
    return blocks


def import_word(path: Path, shown_as: str) -> ImportedDocument:
    """Inspect, then read a .docx or .odt file; refusals are `UserError`s naming the file."""
    raw = read_bytes(path, shown_as)
    archive = open_package(raw, shown_as)
    kind = package_kind(archive, shown_as)
    properties = read_properties(archive, kind)
    styles = lifted_styles(archive) if kind == "docx" else set()
    readable = text_boxes.with_boxes_lifted(raw, archive, kind)
    tree = run_pandoc(readable, kind, shown_as)
    leading = lifted_blocks(tree, styles)
    text = pandoc_text.source_text(tree, leading)
    return ImportedDocument(text, kind, properties, hashlib.sha256(raw).hexdigest())
