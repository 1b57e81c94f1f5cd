"""Word and OpenDocument files made by the tests: real ones through pandoc (and LibreOffice for
endnotes), and broken, encrypted or hostile ones built byte by byte."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from evidence_library.ingest.word import OLE_MAGIC, pandoc_path
from tests.helpers import tool

RESPONSE = """\
---
title: Example Trust response to the Ministry of Justice consultation Strengthening Probation
author: Example Trust
---

# Summary

Example Trust is a charity that supports people leaving prison.[^1] We welcome
*this* consultation, and we have **three** points to make.

- Probation should fund local organisations through grants.[^2]
- Mentoring should be open to everyone leaving prison.

## Funding local organisations

Most organisations we work with are small: 81% have an income under £1 million.[^3]
See [our survey](https://example.org/survey) for the detail.

### What they told us

1. Contracts are too large.
2. Payment by results carries too much risk.

| Region | Members | Grants |
| --- | --- | --- |
| North | 12 | 4 |
| South \\| East | 9 | 2 |

Date: 12th March 2019

[^1]: Example Trust (2018) *Annual report*. London: Example Trust.

[^2]: Clinks (2018) State of the sector. Available at:
    https://www.clinks.org/sots [last accessed 14.02.19]

    Its second paragraph.

[^3]: Ibid., p. 12.
"""


def pandoc(markdown: str, target: Path) -> Path:
    """A .docx or .odt written by pandoc from Markdown (footnotes become Word's own footnotes)."""
    subprocess.run(
        [pandoc_path(str(target)), "--from", "markdown-smart", "--output", str(target)],
        input=markdown.encode(),
        check=True,
        capture_output=True,
    )
    return target


def soffice_convert(source: Path, extension: str, folder: Path) -> Path:
    """LibreOffice's own conversion: an .odt to .docx, or the reverse."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "profile"  # its own profile, so that tests never share LibreOffice's lock
    subprocess.run(
        [
            tool("soffice"),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            extension,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = folder / f"{source.stem}.{extension}"
    assert converted.is_file(), f"LibreOffice did not write {converted}"
    shutil.rmtree(profile, ignore_errors=True)
    return converted


def rewrite_member(package: Path, member: str, change: tuple[str, str], target: Path) -> Path:
    """A copy of a zip package with one text member changed (the mimetype kept first, unpacked)."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data = data.decode().replace(*change).encode()
            method = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            copy.writestr(info.filename, data, compress_type=method)
    return target


def odt_with_an_endnote(folder: Path) -> Path:
    """An .odt whose second note is an endnote (pandoc writes footnotes only)."""
    odt = pandoc(RESPONSE, folder / "footnotes.odt")
    with zipfile.ZipFile(odt) as package:
        content = package.read("content.xml").decode()
    notes = [m.start() for m in re.finditer('text:note-class="footnote"', content)]
    assert len(notes) == 3
    second = notes[1]
    edited = content[:second] + content[second:].replace('"footnote"', '"endnote"', 1)
    return rewrite_member(odt, "content.xml", (content, edited), folder / "endnote.odt")


def encrypted_docx(docx: Path, target: Path) -> Path:
    """A password-protected Word file: an OLE compound file holding an EncryptedPackage stream."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with docx.open("rb") as plain, target.open("wb") as out:
        OOXMLFile(plain).encrypt("secret", out)
    return target


def legacy_doc(target: Path) -> Path:
    """The start of an OLE compound file without an encrypted package, as an old .doc begins."""
    target.write_bytes(OLE_MAGIC + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 2048)
    return target


def zip_bomb(target: Path, megabytes: int = 64) -> Path:
    """A .docx-shaped package whose document.xml is many megabytes of one repeated byte."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as member:
            block = b"\x20" * 2**20
            for _ in range(megabytes):
                member.write(block)
    return target


def damaged(docx: Path, target: Path) -> Path:
    """A real .docx with its middle overwritten, as a broken download leaves it."""
    raw = bytearray(docx.read_bytes())
    middle = len(raw) // 2
    raw[middle : middle + 2000] = b"\xff" * 2000
    target.write_bytes(bytes(raw))
    return target


def package(target: Path, members: dict[str, str]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    target.write_bytes(buffer.getvalue())
    return target


def spreadsheet_named_odt(target: Path) -> Path:
    return package(
        target, {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}
    )


def password_protected_odt(target: Path) -> Path:
    """What LibreOffice writes with 'Save with password': members listed with encryption data."""
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
        "</manifest:file-entry></manifest:manifest>"
    )
    return package(
        target,
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": manifest,
            "content.xml": "\x8f\x02 encrypted bytes",
        },
    )
