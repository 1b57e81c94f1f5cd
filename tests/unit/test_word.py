"""Pandoc's tree -> the source text format, and the checks a Word package passes before pandoc."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from evidence_library.diagnostics import UserError
from evidence_library.ingest import pandoc_text, text_boxes, word
from evidence_library.ingest.imported import DocumentProperties
from tests import word_files


def tree(markdown: str) -> dict[str, Any]:
    """Pandoc's own reading of a little Markdown, as the Word reader would give it."""
    done = subprocess.run(
        [word.pandoc_path("test"), "--from", "markdown-smart", "--to", "json"],
        input=markdown.encode(),
        capture_output=True,
        check=True,
    )
    import json

    parsed: dict[str, Any] = json.loads(done.stdout)
    return parsed


def text_of(markdown: str) -> str:
    return pandoc_text.source_text(tree(markdown))


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param(
            "A note [^1] after a space.\n\n[^1]: Its text.", "A note[^1] after a space.", id="note-glued"
        ),
        pytest.param("# One\n\n## Two\n\n###### Six", "# One\n\n## Two\n\n###### Six", id="heading-levels"),
        pytest.param("A line\\\nbroken by hand.", "A line broken by hand.", id="line-break-is-a-space"),
        pytest.param(
            "*italic* and **bold** and *half **both***",
            "*italic* and **bold** and *half **both***",
            id="emphasis",
        ),
        pytest.param(
            "[words](https://example.org/a b)", "[words](https://example.org/a%20b)", id="link-escaped"
        ),
        pytest.param("<https://example.org>", "https://example.org", id="bare-address"),
        pytest.param("[mail us](mailto:a@b.org)", "[mail us](mailto:a@b.org)", id="mailto"),
        pytest.param("[inside](#section-2)", "inside", id="bookmark-keeps-words"),
        pytest.param("[a [b] c](https://x.org)", "a [b] c <https://x.org>", id="bracketed-words"),
        pytest.param("Text ![a picture](p.png) here.", "Text here.", id="image-left-out"),
        pytest.param("Eﬃcient oﬃce, soft\u00adhyphen", "Efficient office, softhyphen", id="ligatures"),
        pytest.param("> A quotation.", "A quotation.", id="quotation"),
        pytest.param("- a\n    - sub\n- b", "- a\n- sub\n- b", id="nested-list-flat"),
        pytest.param("3. three\n4. four", "3. three\n4. four", id="numbered-from-three"),
        pytest.param("1. a\n    - sub\n2. b", "1. a\n- sub\n2. b", id="bullets-inside-numbers"),
        pytest.param(
            "- item one\n\n    its second paragraph",
            "- item one its second paragraph",
            id="item-paragraphs-joined",
        ),
    ],
)
def test_blocks_and_inlines(markdown: str, expected: str) -> None:
    assert text_of(markdown).split("\n\n[^")[0].rstrip("\n") == expected


def test_notes_are_numbered_in_order_of_reference_and_listed_at_the_end() -> None:
    text = text_of("B first.[^b] A second.[^a]\n\n[^a]: Note A.\n\n[^b]: Note B,\n\n    over two paragraphs.")
    assert text == "B first.[^1] A second.[^2]\n\n[^1]: Note B, over two paragraphs.\n\n[^2]: Note A.\n"


def test_a_table_with_a_pipe_and_a_note_in_a_cell() -> None:
    text = text_of("| A | B |\n| --- | --- |\n| x \\| y | z[^1] |\n\n[^1]: In a cell.")
    assert text == "| A | B |\n| --- | --- |\n| x \\| y | z[^1] |\n\n[^1]: In a cell.\n"


def cell(text: str, rows: int = 1, columns: int = 1) -> list[Any]:
    return [
        ["", [], []],
        {"t": "AlignDefault"},
        rows,
        columns,
        [{"t": "Plain", "c": [{"t": "Str", "c": text}]}],
    ]


def test_cells_spanning_rows_and_columns_keep_the_grid() -> None:
    table = {
        "t": "Table",
        "c": [
            ["", [], []],
            [None, []],
            [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]] * 3,
            [["", [], []], [[["", [], []], [cell("wide", columns=2), cell("c")]]]],
            [
                [
                    ["", [], []],
                    0,
                    [],
                    [
                        [["", [], []], [cell("tall", rows=2), cell("b"), cell("c")]],
                        [["", [], []], [cell("b2"), cell("c2")]],
                    ],
                ]
            ],
            [["", [], []], []],
        ],
    }
    assert pandoc_text.source_text({"blocks": [table]}) == (
        "| wide |  | c |\n| --- | --- | --- |\n| tall | b | c |\n|  | b2 | c2 |\n"
    )


def test_a_table_without_a_header_row_takes_its_first_row() -> None:
    table = {
        "t": "Table",
        "c": [
            ["", [], []],
            [None, [{"t": "Para", "c": [{"t": "Str", "c": "Caption."}]}]],
            [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]] * 2,
            [["", [], []], []],
            [
                [
                    ["", [], []],
                    0,
                    [],
                    [[["", [], []], [cell("a"), cell("b")]], [["", [], []], [cell("c"), cell("d")]]],
                ]
            ],
            [["", [], []], []],
        ],
    }
    assert pandoc_text.source_text({"blocks": [table]}) == "Caption.\n\n| a | b |\n| --- | --- |\n| c | d |\n"


def test_lifted_title_and_author_go_back_in_front() -> None:
    meta = {
        "title": {"t": "MetaInlines", "c": [{"t": "Str", "c": "Title"}]},
        "author": {"t": "MetaList", "c": [{"t": "MetaInlines", "c": [{"t": "Str", "c": "Ann"}]}]},
        "date": {"t": "MetaInlines", "c": [{"t": "Str", "c": "May 2019"}]},
    }
    lifted = word.lifted_blocks({"meta": meta}, {"title", "author"})  # no Date paragraph in the document
    assert pandoc_text.source_text({"blocks": []}, lifted) == "# Title\n\nAnn\n"


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refused(raw: bytes) -> str:
    with pytest.raises(UserError) as error:
        word.package_kind(word.open_package(raw, "x.docx"), "x.docx")
    assert error.value.diagnostic.location.path == "x.docx"
    return error.value.diagnostic.code


def test_a_member_whose_data_does_not_match_its_checksum_is_damage() -> None:
    raw = bytearray(
        zipped({"word/document.xml": b"<w:document>" + b"text " * 200 + b"</w:document>"}, zipfile.ZIP_STORED)
    )
    raw[raw.index(b"text") + 2] = ord("X")
    assert refused(bytes(raw)) == "read.bad-word"


def test_too_much_in_all_is_a_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word, "MAX_UNPACKED_BYTES", 1000)
    assert (
        refused(zipped({"word/document.xml": b"x" * 600, "word/styles.xml": b"y" * 600})) == "read.zip-bomb"
    )


def test_a_member_that_declares_less_than_it_holds_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word, "MAX_UNPACKED_BYTES", 10_000)
    raw = bytearray(zipped({"word/document.xml": b"a" * 50_000}))
    # Lie in both headers: the member says it unpacks to 100 bytes.
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = raw.index(header) + offset
        raw[at : at + 4] = (100).to_bytes(4, "little")
    assert refused(bytes(raw)) in ("read.bad-word", "read.zip-bomb")


def test_too_many_members_is_a_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word, "MAX_MEMBERS", 3)
    assert refused(zipped({f"m{i}": b"" for i in range(4)})) == "read.zip-bomb"


def test_a_zip_of_something_else_is_not_a_word_file() -> None:
    assert refused(zipped({"readme.txt": b"hello"})) == "read.not-word"


def test_properties_from_core_xml() -> None:
    core = (
        b"<cp:coreProperties "
        b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
        b"<dc:title>A  title</dc:title><dc:creator>Clinks</dc:creator>"
        b"<dcterms:created>2013-02-20T10:00:00Z</dcterms:created></cp:coreProperties>"
    )
    archive = zipfile.ZipFile(io.BytesIO(zipped({"word/document.xml": b"<x/>", "docProps/core.xml": core})))
    assert word.read_properties(archive, "docx") == DocumentProperties("A title", "Clinks", "2013-02-20")


def test_properties_with_a_dtd_are_not_read() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    archive = zipfile.ZipFile(io.BytesIO(zipped({"word/document.xml": b"<x/>", "docProps/core.xml": bomb})))
    assert word.read_properties(archive, "docx") == DocumentProperties()


def test_a_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(word, "MAX_FILE_BYTES", 10)
    big = tmp_path / "big.docx"
    big.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(UserError) as error:
        word.import_word(big, "big.docx")
    assert error.value.diagnostic.code == "read.too-large"


def test_headings_kept_in_an_outline_list_stand_alone() -> None:
    """LibreOffice writes a .docx's numbered headings into an .odt as list items holding a heading."""
    heading = {"t": "Header", "c": [2, ["", [], []], [{"t": "Str", "c": "Funding"}]]}
    outline = {"t": "BulletList", "c": [[{"t": "BulletList", "c": [[heading]]}]]}
    paragraph = {"t": "Para", "c": [{"t": "Str", "c": "Text."}]}
    assert pandoc_text.source_text({"blocks": [outline, paragraph]}) == "## Funding\n\nText.\n"
    section = {"t": "Header", "c": [1, ["", [], []], [{"t": "Str", "c": "Money"}]]}
    nested = {"t": "BulletList", "c": [[section, {"t": "BulletList", "c": [[heading]]}]]}
    assert pandoc_text.source_text({"blocks": [nested]}) == "# Money\n\n## Funding\n"


BOXED = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>'
    "<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Key facts</w:t></w:r></w:p>"
    "</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Key facts</w:t></w:r></w:p>"
    "</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>"
    "<w:r><w:t>The paragraph beside the box.</w:t></w:r></w:p></w:body></w:document>"
)


def test_a_text_box_moves_after_its_paragraph_once() -> None:
    lifted = text_boxes.lift_text_boxes(BOXED.encode())
    assert lifted is not None
    text = lifted.decode()
    assert text.count("Key facts") == 1
    assert text.index("The paragraph beside the box.") < text.index("Key facts")
    assert "<w:p>" in text  # the prefixes pandoc looks for are kept
    assert text_boxes.lift_text_boxes(b"<w:document/>") is None


def test_a_docx_with_a_text_box_keeps_the_paragraph_that_anchors_it(tmp_path: Path) -> None:
    made = word_files.pandoc("Text.", tmp_path / "made.docx")
    docx = tmp_path / "boxed.docx"
    with zipfile.ZipFile(made) as package:
        members = {name: package.read(name) for name in package.namelist()}
    docx.write_bytes(zipped({**members, "word/document.xml": BOXED.encode()}))
    text = word.import_word(docx, "boxed.docx").text
    assert text == "The paragraph beside the box.\n\nKey facts\n"


def test_an_opendocument_shape_with_text_moves_after_its_paragraph() -> None:
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"><office:body><office:text>'
        "<text:p>Beside<draw:custom-shape><text:p>Key facts</text:p></draw:custom-shape> the box.</text:p>"
        "<text:p>After.</text:p></office:text></office:body></office:document-content>"
    )
    lifted = text_boxes.lift_text_boxes(content.encode(), "odt")
    assert lifted is not None
    text = lifted.decode()
    assert text.index("Beside the box.") < text.index("Key facts") < text.index("After.")
    assert "<text:p>Beside the box.</text:p>" in text
