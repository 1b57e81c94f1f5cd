"""The seeds' shared bibliography: one entry per work, valid for biber and LaTeX."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from evidence_library.cli import main
from tests.conftest import copy_library
from tests.e2e.test_seed_library import SLUG_2012, SLUG_2017
from tests.helpers import biber_problems, tool


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_library(tmp_path_factory.mktemp("bib"))
    assert main(["--root", str(root), "generate", "--strict"]) == 0
    return root


def keys(root: Path) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", (root / "references.bib").read_text(), re.MULTILINE)


def test_committed_references_bib_is_in_step(library: Path) -> None:
    assert main(["--root", str(library), "check", "--strict"]) == 0


def test_one_entry_per_work_with_every_citing_note(generated: Path) -> None:
    assert len(keys(generated)) == len(set(keys(generated)))
    dust = (generated / "docs" / "references" / "clinks2011dust.md").read_text()
    for note in (4, 5, 17):
        assert f"{SLUG_2012}.md#fn:{note})" in dust
    change = (generated / "docs" / "references" / "clinks2016change.md").read_text()
    for note in (3, 5, 6):
        assert f"{SLUG_2017}.md#fn:{note})" in change
    assert change.count("| [Clinks' response") == 3
    assert (
        "https://web.archive.org/web/20170412/http://www.clinks.org/resources-reports/change-challenge"
        in change
    )


def test_footnotes_link_to_their_reference_pages(generated: Path) -> None:
    page = (generated / "docs" / "responses" / f"{SLUG_2017}.md").read_text()
    note_6 = next(line for line in page.split("\n") if line.startswith("[^6]:"))
    assert "(../references/clinks2016change.md)" in note_6
    assert (
        "[^9]: We would however note" in page
        and "../references/" not in page.split("[^9]:")[1].split("\n")[0]
    )


def test_check_fails_when_references_bib_is_stale(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (library / "references.bib").write_text("")
    assert main(["--root", str(library), "check"]) == 1
    assert "fix: run `evidence-library generate` and commit references.bib" in capsys.readouterr().err


def test_biber_validates_the_datamodel(generated: Path, tmp_path: Path) -> None:
    result, problems = biber_problems(generated / "references.bib", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert problems == []


def test_latex_with_biblatex_cites_every_key(generated: Path, tmp_path: Path) -> None:
    shutil.copy(generated / "references.bib", tmp_path / "references.bib")
    cited = ",".join(keys(generated))
    (tmp_path / "cite.tex").write_text(
        "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n"
        "\\usepackage[backend=biber]{biblatex}\n\\addbibresource{references.bib}\n"
        f"\\begin{{document}}\n\\cite{{{cited}}}\n\\printbibliography\n\\end{{document}}\n"
    )
    latex = [tool("pdflatex"), "-interaction=nonstopmode", "-halt-on-error", "cite.tex"]
    for command in (latex, [tool("biber"), "cite"], latex, latex):
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout[-3000:]
    log = (tmp_path / "cite.log").read_text(errors="replace")
    assert "undefined" not in log.lower()
    assert (tmp_path / "cite.pdf").stat().st_size > 10_000
