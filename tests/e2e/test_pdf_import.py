"""A PDF with real footnotes, imported with `add`, gives the page its clean text would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evidence_library.cli import main
from tests.conftest import copy_library
from tests.pdfs import clean_text, make_pdf


def import_and_generate(root: Path, file: Path) -> str:
    shutil.rmtree(root / "sources")
    (root / "sources").mkdir()
    assert main(["--root", str(root), "add", str(file), "--consulting-body", "Ministry of Justice"]) == 0
    assert main(["--root", str(root), "generate", "--strict"]) == 0
    pages = [
        p for p in (root / "docs" / "responses").glob("*.md") if p.name not in ("index.md", "timeline.md")
    ]
    assert len(pages) == 1
    return "\n".join(line for line in pages[0].read_text().split("\n") if not line.startswith("source:"))


def test_pdf_gives_the_same_page_as_its_clean_text(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "response.pdf")
    text = tmp_path / "response.txt"
    text.write_text(clean_text())
    from_pdf = import_and_generate(copy_library(tmp_path / "a"), pdf)
    from_text = import_and_generate(copy_library(tmp_path / "b"), text)
    assert from_pdf == from_text
    assert "local services matter most to the people they support.[^1]" in from_pdf
    assert "[^2]: Ibid., p. 12 *(ibid.: the same source as [note 1](#fn:1))*" in from_pdf
    assert "Example Trust \\| Review of Probation Services" not in from_pdf  # the running header


def test_a_pdf_without_text_is_refused_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reportlab.pdfgen import canvas

    blank = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(blank))
    page.rect(10, 10, 100, 100)
    page.save()
    root = copy_library(tmp_path / "lib")
    assert main(["--root", str(root), "add", str(blank)]) == 1
    assert "[read.pdf-without-text]" in capsys.readouterr().err


def test_a_broken_pdf_is_refused_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    root = copy_library(tmp_path / "lib")
    assert main(["--root", str(root), "add", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "broken.pdf" in err


def test_add_reports_the_running_header_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = make_pdf(tmp_path / "response.pdf")
    root = copy_library(tmp_path / "lib")
    shutil.rmtree(root / "sources")
    (root / "sources").mkdir()
    assert main(["--root", str(root), "-v", "add", str(pdf), "--consulting-body", "Ministry of Justice"]) == 0
    err = capsys.readouterr().err
    assert "[read.furniture-removed]: 2 line(s) of page furniture" in err
    assert "'Example Trust | Review of Probation Services'" in err
    (source,) = (root / "sources").glob("*.md")
    assert "Example Trust | Review" not in source.read_text()


def test_endnotes_set_in_the_body_size_are_paired_with_their_markers(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14, spaceAfter=8)
    heading = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceAfter=8)
    story = [
        Paragraph("Example Trust response to the Home Office consultation on Serious Violence", heading),
        Paragraph("Local services matter most.<super>1</super> Many have ten staff.<super>2</super>", body),
        Paragraph("Notes", heading),
        Paragraph("1. Clinks (2016) State of the sector. London: Clinks.", body),
        Paragraph("2. HM Inspectorate of Probation (2019) Annual report. Manchester: HMI Probation.", body),
    ]
    pdf = tmp_path / "endnotes.pdf"
    SimpleDocTemplate(str(pdf), pagesize=A4).build(story)
    page = import_and_generate(copy_library(tmp_path / "lib"), pdf)
    assert "Local services matter most.[^1] Many have ten staff.[^2]" in page
    assert "[^1]: Clinks (2016) State of the sector. London: Clinks." in page
    assert "[^2]: HM Inspectorate of Probation (2019) Annual report. Manchester: HMI Probation." in page
