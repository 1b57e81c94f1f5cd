"""The limits on one source, and the settings that set them."""

from __future__ import annotations

import textwrap
from pathlib import Path

from evidence_library.diagnostics import Report, Severity
from evidence_library.ingest import read
from evidence_library.model import Block, BlockKind, Note, NoteRef
from evidence_library.pipeline import PageInputs, build_page
from evidence_library.settings import Limits, parse_settings
from evidence_library.text.limits import check_blocks, check_notes, check_source_size, markup_work

HEAD = "---\ntitle: T\ndate: 2020-01\norganisation: O\nconsultation: C\nconsulting_body: B\n---\n"


def _block(parts: tuple[str | NoteRef, ...], line: int = 1) -> Block:
    return Block(BlockKind.PARAGRAPH, parts, line, line)


def test_source_over_the_size_limit_is_refused_at_the_line_passing_it() -> None:
    raw = b"one\ntwo\nthree\nfour\n"
    problem = check_source_size(raw, "sources/x.md", Limits(max_source_bytes=9))
    assert problem is not None
    assert (problem.code, problem.severity, problem.location.line) == (
        "limits.source-too-large",
        Severity.ERROR,
        3,
    )
    assert "19 bytes, more than the limit of 9" in problem.message
    assert "max_source_bytes" in problem.hint and "mkdocs.yml" in problem.hint


def test_source_at_the_size_limit_passes() -> None:
    assert check_source_size(b"x" * 9, "sources/x.md", Limits(max_source_bytes=9)) is None


def test_too_many_notes_points_at_the_first_note_over() -> None:
    notes = [Note(n, f"note {n}", 10 + n) for n in range(1, 5)]
    problems = check_notes(notes, [], "sources/x.md", Limits(max_notes=3))
    assert [(p.code, p.location.line) for p in problems] == [("limits.too-many-notes", 14)]
    assert "4 notes, more than the limit of 3" in problems[0].message
    assert check_notes(notes, [], "sources/x.md", Limits(max_notes=4)) == []


def test_one_note_referenced_too_often_is_reported_once_at_the_first_marker_over() -> None:
    blocks = [
        _block(("a", NoteRef(1, line, "[^1]"), "b", NoteRef(2, line, "[^2]")), line) for line in (5, 6, 7)
    ]
    problems = check_notes([], blocks, "sources/x.md", Limits(max_references_to_one_note=2))
    assert [(p.code, p.location.line) for p in problems] == [
        ("limits.too-many-references", 7),
        ("limits.too-many-references", 7),
    ]
    assert "note 1 is referenced more than 2 times" in problems[0].message
    assert check_notes([], blocks, "sources/x.md", Limits(max_references_to_one_note=3)) == []


def test_block_over_the_length_limit() -> None:
    blocks = [_block(("short",), 3), _block(("x" * 11,), 4)]
    problems = check_blocks(blocks, "sources/x.md", Limits(max_block_chars=10))
    assert [(p.code, p.location.line) for p in problems] == [("limits.block-too-long", 4)]
    assert "11 characters" in problems[0].message


def test_build_page_applies_the_limits_it_is_given() -> None:
    body = "A.[^1] B.[^1] C.[^1]\n\n[^1]: The note.\n"
    source = read.parse_source(HEAD + body, "sources/x.md", "x", "utf-8", Report())
    assert source is not None
    strict = build_page(source, PageInputs(limits=Limits(max_references_to_one_note=2)))
    assert [d.code for d in strict.diagnostics if d.severity is Severity.ERROR] == [
        "limits.too-many-references"
    ]
    relaxed = build_page(source, PageInputs())
    assert not [d for d in relaxed.diagnostics if d.severity is Severity.ERROR]


def test_read_sources_skips_a_source_over_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "big.md").write_text(HEAD + "word " * 100)
    (tmp_path / "sources" / "small.md").write_text(HEAD + "word")
    report = Report()
    documents = read.read_sources(tmp_path, report, Limits(max_source_bytes=200))
    assert [d.slug for d in documents] == ["small"]
    assert [(d.code, d.location.path) for d in report.diagnostics] == [
        ("limits.source-too-large", "sources/big.md")
    ]


MKDOCS = textwrap.dedent(
    """\
    site_name: x
    markdown_extensions:
      - pymdownx.emoji:
          emoji_index: !!python/name:material.extensions.emoji.twemoji
    extra:
      evidence_library:
        limits:
          max_notes: 10
          max_source_bytes: 5000
    """
)


def test_settings_from_mkdocs_yml_extra_section() -> None:
    report = Report()
    settings = parse_settings(MKDOCS, report)
    assert report.diagnostics == []
    assert settings.limits == Limits(max_notes=10, max_source_bytes=5000)


def test_settings_default_without_the_section_or_the_file() -> None:
    assert parse_settings("site_name: x\n", Report()).limits == Limits()
    assert parse_settings("", Report()).limits == Limits()


def test_bad_settings_are_all_reported_with_their_lines() -> None:
    text = (
        "extra:\n  evidence_library:\n    limits:\n"
        "      max_notse: 3\n      max_notes: -1\n      max_block_chars: many\n"
    )
    report = Report()
    settings = parse_settings(text, report)
    assert settings.limits == Limits()
    found = sorted((d.code, d.location.line) for d in report.diagnostics)
    assert found == [("settings.bad-value", 5), ("settings.bad-value", 6), ("settings.unknown", 4)]
    assert all(d.severity is Severity.ERROR for d in report.diagnostics)


def test_the_repositorys_mkdocs_yml_states_the_defaults() -> None:
    report = Report()
    root = Path(__file__).resolve().parents[2]
    assert parse_settings((root / "mkdocs.yml").read_text(), report).limits == Limits()
    assert report.diagnostics == []


def test_markup_work_is_length_times_markup_characters_summed_over_the_response() -> None:
    table = _block(("| a | b |\n| --- | --- |",), 3)  # 23 characters, 6 of them markup
    assert markup_work(table) == 23 * 6
    assert markup_work(_block(("word " * 1000,), 1)) == 0  # plain words cost nothing
    blocks = [table, _block(("plain",), 5), _block(("*x* [y]",), 6), _block(("*z*",), 7)]
    within = Limits(max_markup_work=23 * 6 + 7 * 4 + 3 * 2)
    assert check_blocks(blocks, "sources/x.md", within) == []
    over = Limits(max_markup_work=23 * 6 + 7 * 4)
    problems = check_blocks(blocks, "sources/x.md", over)
    assert [(p.code, p.location.line) for p in problems] == [("limits.markup-work", 7)]
    assert "max_markup_work" in problems[0].hint and "blank line" in problems[0].hint


def test_a_megabyte_of_plain_words_passes_the_default_limits() -> None:
    assert check_blocks([_block(("word " * 200_000,), 1)], "sources/x.md", Limits()) == []
