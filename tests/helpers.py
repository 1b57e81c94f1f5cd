"""Small builders shared by the tests: a source document from inline text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from evidence_library.model import Line, Metadata, SourceDocument

METADATA = Metadata(
    title="Example response to the Test Consultation",
    date="2020-01",
    organisation="Example Trust",
    consultation="Test Consultation",
    consulting_body="Test Body",
)


def source(text: str, metadata: Metadata = METADATA, dedent: bool = True) -> SourceDocument:
    body = textwrap.dedent(text) if dedent else text
    lines = tuple(Line(number, line) for number, line in enumerate(body.split("\n"), start=1))
    return SourceDocument("sources/example.md", "example", metadata, lines)


def tool(name: str) -> str:
    """The path of a program a test needs: skipped on a laptop without it, a failure in CI."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"CI must have {name}: .ci/run installs it")
    pytest.skip(f"{name} is not installed (see the README for the Debian packages the tests use)")


def font(family: str) -> None:
    """A font a test needs (by its fontconfig family): skipped on a laptop without it, a failure in CI."""
    fc_list = tool("fc-list")
    found = subprocess.run(
        [fc_list, f":family={family}", "family"], capture_output=True, text=True, check=False
    )
    if found.stdout.strip():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must have the font {family}: .ci/run installs it")
    pytest.skip(f"the font {family} is not installed (see the README for the Debian packages the tests use)")


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`evidence-library --root ROOT ARGS` in a process of its own, as a contributor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "evidence_library", "--root", str(root), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def biber_problems(bib: Path, folder: Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """`biber --tool --validate-datamodel` over a copy of `bib` in `folder`: its result, and the
    warnings and errors it printed."""
    shutil.copy(bib, folder / "references.bib")
    result = subprocess.run(
        [tool("biber"), "--tool", "--validate-datamodel", "references.bib"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    return result, [line for line in result.stdout.split("\n") if line.startswith(("WARN", "ERROR"))]
