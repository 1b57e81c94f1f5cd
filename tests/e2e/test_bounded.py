"""No input can hang the build: the response that once kept MkDocs busy for minutes.

A ~5 MB response whose 16,000 sentences all cite note 1. The build runs in a
subprocess with a timeout generous enough for a loaded machine but far below
what the quadratic path took; it must either succeed or refuse the file with
a limit diagnostic before MkDocs starts. Timings are not asserted.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_library

HANG = 300  # seconds: a hang, not a slow machine
HEAD = (
    "---\ntitle: A very long response\ndate: 2020-01\norganisation: Example Trust\n"
    "consultation: Growth\nconsulting_body: Home Office\n---\n"
)
WORDS = "the voluntary sector supports women and young adults across probation services in the community"


def long_response(references: int = 16_000) -> str:
    words = WORDS.split()
    sentences = [
        " ".join(words[(i + k) % len(words)] for k in range(45)).capitalize() + f" ({i}).[^1]"
        for i in range(references)
    ]
    paragraphs = [" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10)]
    note = "[^1]: Clinks (2019) The state of the sector. https://www.clinks.org/sector\n"
    return HEAD + "\n\n".join(paragraphs) + "\n\n" + note


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "evidence_library", "--root", str(root), "build"]
    return subprocess.run(command, capture_output=True, text=True, timeout=HANG, check=False)


def test_five_megabytes_citing_note_1_sixteen_thousand_times_builds_or_is_refused(tmp_path: Path) -> None:
    root = copy_library(tmp_path / "lib")
    text = long_response()
    assert len(text.encode()) > 5_000_000
    (root / "sources" / "2020-01-long.md").write_text(text)
    result = _build(root)
    if result.returncode == 0:
        page = (root / "site" / "responses" / "2020-01-long" / "index.html").read_text()
        assert page.count('class="footnote-ref"') == 16_000
        assert 'id="fnref16000:1"' in page and 'href="#fnref16000:1"' in page
    else:
        assert "sources/2020-01-long.md:" in result.stdout + result.stderr
        assert "error [limits." in result.stdout + result.stderr
        assert not (root / "site").exists()


def test_the_same_response_over_a_lower_limit_is_refused_before_mkdocs(tmp_path: Path) -> None:
    root = copy_library(tmp_path / "lib")
    config = (root / "mkdocs.yml").read_text()
    assert "max_references_to_one_note: 20000" in config
    (root / "mkdocs.yml").write_text(config.replace("one_note: 20000", "one_note: 1000"))
    (root / "sources" / "2020-01-long.md").write_text(long_response(1_200))
    result = _build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "error [limits.too-many-references]: note 1 is referenced more than 1,000 times" in output
    assert "max_references_to_one_note" in output
    assert not (root / "site").exists()
    assert not (root / "docs" / "responses" / "2020-01-long.md").exists()
