"""Word and OpenDocument files imported with `add`: notes at their markers, structure kept,
and every file that cannot be read refused clearly, with nothing written."""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import word_files
from tests.conftest import copy_library
from tests.helpers import run_cli as run

NOTE_1 = "[^1]: Example Trust (2018) *Annual report*. London: Example Trust."
NOTE_2 = (
    "[^2]: Clinks (2018) State of the sector. Available at: https://www.clinks.org/sots "
    "[last accessed 14.02.19] Its second paragraph."
)
NOTE_3 = "[^3]: Ibid., p. 12."


def empty_library(folder: Path) -> Path:
    root = copy_library(folder)
    for source in (root / "sources").glob("*.md"):
        source.unlink()
    return root


def add(root: Path, file: Path) -> tuple[str, subprocess.CompletedProcess[str]]:
    """Import `file`; return the new source's text and what `add` printed."""
    result = run(root, "add", str(file))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    (source,) = (root / "sources").glob("*.md")
    return source.read_text(), result


def body(source: str) -> str:
    return source.split("\n---\n", 1)[1]


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return word_files.pandoc(word_files.RESPONSE, tmp_path_factory.mktemp("word") / "response.docx")


def test_a_docx_keeps_its_notes_headings_lists_table_and_links(docx: Path, tmp_path: Path) -> None:
    root = empty_library(tmp_path / "lib")
    source, result = add(root, docx)
    text = body(source)
    assert "supports people leaving prison.[^1] We welcome *this* consultation" in text
    assert "- Probation should fund local organisations through grants.[^2]\n- Mentoring" in text
    assert "income under £1 million.[^3] See [our survey](https://example.org/survey)" in text
    assert text.endswith(f"{NOTE_1}\n\n{NOTE_2}\n\n{NOTE_3}\n")
    for heading in ("# Summary", "## Funding local organisations", "### What they told us"):
        assert f"\n\n{heading}\n\n" in text
    assert text.startswith(
        "# Example Trust response to the Ministry of Justice consultation Strengthening Probation\n\n"
        "Example Trust\n\n"
    )  # Word's Title and Author paragraphs, which pandoc lifts into metadata, are put back
    assert "1. Contracts are too large.\n2. Payment by results carries too much risk." in text
    assert (
        "| Region | Members | Grants |\n| --- | --- | --- |\n| North | 12 | 4 |\n| South \\| East | 9 | 2 |"
    ) in text
    assert f"imported_sha256: {hashlib.sha256(docx.read_bytes()).hexdigest()}" in source
    assert "consulting_body: Ministry of Justice" in source and "date: '2019-03-12'" in source
    assert "notes: 3 paired with their markers" in result.stdout
    assert result.stderr.strip().startswith("0 error(s), 0 warning(s)"), result.stderr
    generated = run(root, "generate", "--strict")
    assert generated.returncode == 0, generated.stderr
    (page,) = [p for p in (root / "docs" / "responses").glob("2019-*.md")]
    rendered = page.read_text()
    assert "income under £1 million.[^3]" in rendered
    assert "[^2]: Clinks (2018) State of the sector." in rendered


def test_the_same_document_as_odt_gives_the_same_text(docx: Path, tmp_path: Path) -> None:
    odt = word_files.pandoc(word_files.RESPONSE, tmp_path / "response.odt")
    from_docx = body(add(empty_library(tmp_path / "a"), docx)[0])
    from_odt = body(add(empty_library(tmp_path / "b"), odt)[0])
    # Pandoc's OpenDocument reader leaves the title and author as plain paragraphs.
    assert from_odt.startswith("Example Trust response to the Ministry of Justice consultation")
    assert from_odt.split("# Summary", 1)[1] == from_docx.split("# Summary", 1)[1]


def test_libreoffice_files_with_an_endnote_number_notes_in_one_sequence(tmp_path: Path) -> None:
    odt = word_files.odt_with_an_endnote(tmp_path)
    docx = word_files.soffice_convert(odt, "docx", tmp_path / "converted")
    for file, folder in ((odt, "odt"), (docx, "docx")):
        text = body(add(empty_library(tmp_path / folder), file)[0])
        assert "grants.[^2]" in text and "£1 million.[^3]" in text and "prison.[^1]" in text, folder
        definitions = re.findall(r"^\[\^(\d+)\]: (.{12})", text, re.MULTILINE)
        assert definitions == [("1", "Example Trus"), ("2", "Clinks (2018"), ("3", "Ibid., p. 12")], folder


def test_a_docx_converted_by_libreoffice_to_odt(docx: Path, tmp_path: Path) -> None:
    odt = word_files.soffice_convert(docx, "odt", tmp_path / "converted")
    text = body(add(empty_library(tmp_path / "lib"), odt)[0])
    assert "# Summary" in text and "### What they told us" in text
    assert text.endswith(f"{NOTE_1}\n\n{NOTE_2}\n\n{NOTE_3}\n")


REFUSED: dict[str, tuple[Callable[[Path, Path], Path], str, str]] = {
    "damaged-docx": (
        lambda docx, folder: word_files.damaged(docx, folder / "damaged.docx"),
        "read.bad-word",
        "damaged",
    ),
    "zip-bomb": (lambda _, folder: word_files.zip_bomb(folder / "bomb.docx"), "read.zip-bomb", "zip bomb"),
    "password-protected-docx": (
        lambda docx, folder: word_files.encrypted_docx(docx, folder / "locked.docx"),
        "read.encrypted",
        "password",
    ),
    "password-protected-odt": (
        lambda _, folder: word_files.password_protected_odt(folder / "locked.odt"),
        "read.encrypted",
        "password",
    ),
    "old-doc": (lambda _, folder: word_files.legacy_doc(folder / "old.doc"), "read.legacy-word", "97-2003"),
    "text-named-docx": (
        lambda _, folder: _write(folder / "notes.docx", b"Just some text, saved with the wrong name.\n"),
        "read.not-word",
        "plain text",
    ),
    "pdf-named-docx": (
        lambda _, folder: _write(folder / "scan.docx", b"%PDF-1.4\n%\xe2\xe3\n"),
        "read.not-word",
        "a PDF",
    ),
    "spreadsheet-named-odt": (
        lambda _, folder: word_files.spreadsheet_named_odt(folder / "figures.odt"),
        "read.not-word",
        "spreadsheet",
    ),
    "empty-docx": (lambda _, folder: _write(folder / "empty.docx", b""), "read.not-word", "plain text"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unreadable_files_are_refused_clearly(docx: Path, tmp_path: Path, name: str) -> None:
    make, code, words = REFUSED[name]
    file = make(docx, tmp_path)
    root = empty_library(tmp_path / "lib")
    result = run(root, "add", str(file))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert re.search(
        rf"^{re.escape(str(file))}: error \[{re.escape(code)}\]: .*{words}", result.stderr, re.M
    ), result.stderr
    assert "    fix: " in result.stderr
    assert not list((root / "sources").iterdir())
    assert "added" not in result.stdout
