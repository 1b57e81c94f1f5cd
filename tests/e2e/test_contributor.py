"""A contributor's path: CONTRIBUTING.md's worked example, bad input, pull-request checks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_library.cli import main
from tests.conftest import ROOT
from tests.helpers import run_cli as run

EXAMPLE = ROOT / "examples" / "example-response.txt"
FIELDS = "---\ntitle: T\ndate: 2020-01\norganisation: O\nconsultation: C\nconsulting_body: B\n"


def test_the_worked_example_in_contributing_md(library: Path) -> None:
    added = run(library, "add", str(EXAMPLE))
    assert added.returncode == 0, added.stderr
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    shown = re.search(
        r"\$ \.venv/bin/evidence-library add examples/example-response.txt\n(.*?)```", guide, re.DOTALL
    )
    assert shown is not None
    assert (added.stdout + added.stderr).strip() == shown.group(1).strip()
    assert run(library, "generate").returncode == 0
    checked = run(library, "check", "--strict")
    assert checked.returncode == 0, checked.stderr
    assert "0 error(s), 0 warning(s)" in checked.stderr


def test_adding_twice_never_overwrites(library: Path) -> None:
    assert run(library, "add", str(EXAMPLE)).returncode == 0
    again = run(library, "add", str(EXAMPLE))
    assert again.returncode == 1
    assert "error [add.exists]" in again.stderr and "--slug" in again.stderr


@pytest.mark.parametrize("slug", ["../../etc/passwd", "Bad Name", "a/b"])
def test_a_slug_cannot_leave_the_library(library: Path, slug: str) -> None:
    result = run(library, "add", str(EXAMPLE), "--slug", slug)
    assert result.returncode == 1
    assert "error [add.bad-slug]" in result.stderr
    assert not list(library.parent.rglob("passwd.md"))


BAD_SOURCES = {
    "not-yaml": ("---\ntitle: [unclosed\n---\ntext\n", "front-matter.syntax", 2),
    "alias-bomb": ("---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\ntext\n", "front-matter.syntax", 2),
    "wrong-type": (
        FIELDS.replace("title: T", "title: [a, b]") + "---\ntext\n",
        "front-matter.wrong-type",
        2,
    ),
    "impossible-date": (
        FIELDS.replace("2020-01", "2020-02-30") + "---\ntext\n",
        "front-matter.bad-date",
        3,
    ),
    "empty": ("", "read.empty", 0),
    "no-body": (
        "---\ntitle: T\ndate: 2020-01\norganisation: O\nconsultation: C\nconsulting_body: B\n---\n\n",
        "read.empty-body",
        8,
    ),
    "binary": ("\x00\x01\x02PK", "read.binary", 0),
    "unknown-theme-key": (
        FIELDS + "themse: [w]\n---\ntext.\n",
        "front-matter.unknown-key",
        7,
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_SOURCES))
def test_bad_sources_get_a_clear_message(library: Path, name: str) -> None:
    text, code, line = BAD_SOURCES[name]
    (library / "sources" / f"2020-01-{name}.md").write_bytes(text.encode("utf-8"))
    result = run(library, "check", "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    where = f"sources/2020-01-{name}.md" + (f":{line}" if line else "")
    assert re.search(rf"{re.escape(where)}: (error|warning) \[{re.escape(code)}\]", result.stderr), (
        result.stderr
    )
    assert "fix: " in result.stderr


def test_windows_1252_is_read_with_a_warning(library: Path) -> None:
    text = FIELDS + "---\n“Quoted” text.\n"
    (library / "sources" / "2020-01-cp1252.md").write_bytes(text.encode("cp1252"))
    assert run(library, "generate").returncode == 0
    result = run(library, "check", "--strict")
    assert "warning [read.not-utf8]" in result.stderr
    page = (library / "docs" / "responses" / "2020-01-cp1252.md").read_text()
    assert "“Quoted” text." in page


def test_a_broken_references_bib_is_reported(library: Path) -> None:
    bib = library / "references.bib"
    bib.write_text(
        bib.read_text() + "\n@report{clinks2011dust, title={Again}}\n\n@report{broken, title={x}\n"
    )
    result = run(library, "check")
    assert result.returncode == 1
    assert re.search(r"references\.bib:\d+: error \[bibliography\.duplicate-key\]", result.stderr)
    assert re.search(r"references\.bib:\d+: error \[bibliography\.syntax\]", result.stderr)


def test_adding_a_response_changes_only_what_it_touches(library: Path) -> None:
    assert main(["--root", str(library), "generate"]) == 0
    before = {p: p.read_bytes() for p in (library / "docs").rglob("*.md")}
    before_bib = (library / "references.bib").read_text()
    assert run(library, "add", str(EXAMPLE)).returncode == 0
    assert main(["--root", str(library), "generate"]) == 0
    after = {p: p.read_bytes() for p in (library / "docs").rglob("*.md")}
    changed = sorted(str(p.relative_to(library)) for p in after if before.get(p) != after[p])
    new = "2019-03-strengthening-probation"
    listings = (
        "docs/includes/",
        "docs/positions/",
        "docs/bodies/",
        "docs/responses/index.md",
        "docs/responses/timeline.md",
        "docs/explore/",  # the explorer counts and charts across responses
    )
    for path in changed:
        text = (library / path).read_text()
        if (
            path.startswith(listings)
            or path == f"docs/responses/{new}.md"
            or path == "docs/references/index.md"
        ):
            continue
        assert new in text, f"{path} changed but does not mention the new response"
    assert "docs/references/clinks2016change.md" in changed  # the example cites it too
    assert "docs/references/clinks2011dust.md" not in changed  # it does not cite this one
    assert not any(p.startswith("docs/bodies/noms") for p in changed)  # another body's page
    added_lines = set((library / "references.bib").read_text().split("\n")) - set(before_bib.split("\n"))
    removed_lines = set(before_bib.split("\n")) - set((library / "references.bib").read_text().split("\n"))
    assert removed_lines == set()
    assert any(line.startswith("@report{clinks2018state") for line in added_lines)


def test_workflow_files_are_valid_github_workflows() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
        + [str(p) for p in sorted((ROOT / ".github" / "workflows").glob("*.yml"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_megabyte_line_and_a_five_megabyte_response_still_build(library: Path) -> None:
    """Speed is measured by the benchmark; this only shows both finish and lose nothing."""
    from evidence_devtools.synthetic import Shape, synthetic_response

    head = FIELDS + "---\n"
    (library / "sources" / "2020-01-long-line.md").write_text(head + "word " * 200_000 + "\n")
    body: list[str] = []
    seed = 0
    while sum(map(len, body)) < 5_000_000:
        body.append(synthetic_response(seed, Shape("superscript", "endnotes-numbered"), paragraphs=60).text)
        seed += 1
    (library / "sources" / "2020-01-five-megabytes.md").write_text(head + "\n\f\n".join(body))
    result = run(library, "generate")
    assert "conservation.words-missing" not in result.stderr
    assert (library / "docs" / "responses" / "2020-01-long-line.md").stat().st_size > 1_000_000
    assert (library / "docs" / "responses" / "2020-01-five-megabytes.md").stat().st_size > 4_000_000


def test_the_next_step_add_names_then_succeeds(library: Path) -> None:
    added = run(library, "add", str(EXAMPLE))
    assert "next: run `evidence-library generate`, then `evidence-library check --strict`" in added.stdout
    assert run(library, "generate").returncode == 0
    assert run(library, "check", "--strict").returncode == 0


def test_an_incomplete_header_is_named_in_the_next_step(library: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.txt"
    bare.write_text("We think prisons should be smaller.\n")
    added = run(library, "add", str(bare))
    assert "title: MISSING: fill it in, or pass --title" in added.stdout
    assert "next: fill in each MISSING line at the top of sources/bare.md, then run" in added.stdout


@pytest.mark.parametrize("name", ["response.pdf", "response.txt", "response.docx", "notes.csv"])
def test_a_file_the_build_ignores_is_reported_with_the_command_that_imports_it(
    library: Path, name: str
) -> None:
    (library / "sources" / name).write_bytes(b"whatever")
    result = run(library, "check", "--strict")
    assert result.returncode == 1
    assert f"sources/{name}: warning [read.not-a-source]" in result.stderr
    fix = f"`evidence-library add sources/{name}`" if name != "notes.csv" else f"move sources/{name} out"
    assert fix in result.stderr
    generated = run(library, "generate")  # reported again when nothing else changed
    assert "read.not-a-source" in generated.stderr and "read.not-a-source" in run(library, "generate").stderr
