from pathlib import Path

import pytest

from evidence_library.diagnostics import Report, UserError
from evidence_library.ingest.read import decode, parse_source, read_sources

GOOD = """---
title: A response
date: 2012-03
organisation: Example Trust
consultation: A consultation
consulting_body: NOMS
---
Body text.
"""


def parse(text: str) -> tuple[object, Report]:
    report = Report()
    return parse_source(text, "sources/x.md", "x", "utf-8", report), report


def codes(report: Report) -> list[tuple[str, int]]:
    return [(d.code, d.location.line) for d in report.sorted()]


def test_body_lines_keep_their_file_line_numbers() -> None:
    document, report = parse(GOOD)
    assert document is not None and not report.diagnostics
    assert document.lines[0].number == 8  # type: ignore[attr-defined]
    assert document.metadata.date == "2012-03"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"\xef\xbb\xbfa\r\nb\rc", "a\nb\nc", id="bom-crlf-cr"),
        pytest.param("caf\u00e9".encode("cp1252"), "caf\u00e9", id="windows-1252"),
    ],
)
def test_decode(raw: bytes, expected: str) -> None:
    text, _ = decode(raw, "x", Report())
    assert text == expected


def test_windows_1252_is_read_with_a_warning() -> None:
    report = Report()
    decode(b"line one\nbad \x93quote\x94", "sources/x.md", report)
    assert codes(report) == [("read.not-utf8", 2)]


def test_binary_file_is_refused() -> None:
    with pytest.raises(UserError) as error:
        decode(b"%PDF\x00\x01", "sources/x.md", Report())
    assert error.value.diagnostic.code == "read.binary"


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        pytest.param("", "read.empty", 0, id="empty"),
        pytest.param("no front matter", "front-matter.syntax", 1, id="no-fence"),
        pytest.param("---\ntitle: x\n", "front-matter.syntax", 1, id="unclosed"),
        pytest.param("---\ntitle: [unclosed\n---\nbody", "front-matter.syntax", 2, id="bad-yaml"),
        pytest.param("---\na: &a [x]\nb: *a\n---\nbody", "front-matter.syntax", 2, id="alias"),
        pytest.param("---\n- a list\n---\nbody", "front-matter.syntax", 2, id="not-a-mapping"),
    ],
)
def test_front_matter_errors_name_the_line(text: str, code: str, line: int) -> None:
    with pytest.raises(UserError) as error:
        parse(text)
    assert (error.value.diagnostic.code, error.value.diagnostic.location.line) == (code, line)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ("date: 2012-03", "date: 2012-13"), [("front-matter.bad-date", 3)], id="impossible-date"
        ),
        pytest.param(("date: 2012-03", "date: March 2012"), [("front-matter.bad-date", 3)], id="not-iso"),
        pytest.param(("title: A response\n", ""), [("front-matter.missing", 1)], id="missing-title"),
        pytest.param(
            ("title: A response", "title: [a, b]"), [("front-matter.wrong-type", 2)], id="wrong-type"
        ),
        pytest.param(
            ("---\nBody", "themse: [women]\n---\nBody"), [("front-matter.unknown-key", 7)], id="typo"
        ),
    ],
)
def test_front_matter_schema(change: tuple[str, str], expected: list[tuple[str, int]]) -> None:
    _, report = parse(GOOD.replace(*change))
    assert codes(report) == expected


def test_unknown_key_suggests_the_right_one() -> None:
    _, report = parse(GOOD.replace("---\nBody", "themse: [women]\n---\nBody"))
    assert "did you mean 'themes'?" in report.diagnostics[0].hint


def test_front_matter_without_body() -> None:
    _, report = parse(GOOD.replace("Body text.\n", "\n"))
    assert codes(report) == [("read.empty-body", 8)]


def test_bad_file_is_reported_and_the_rest_still_read(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a-good.md").write_text(GOOD)
    (tmp_path / "sources" / "b-bad.md").write_text("---\ntitle: [\n---\nx")
    (tmp_path / "sources" / "Bad Name.md").write_text(GOOD)
    report = Report()
    documents = read_sources(tmp_path, report)
    assert [d.slug for d in documents] == ["a-good"]
    assert sorted(d.code for d in report.diagnostics) == ["front-matter.syntax", "read.bad-slug"]
