"""Contributor text cannot put script or markup into the site."""

from __future__ import annotations

import re
from pathlib import Path

from evidence_library.cli import main
from tests.conftest import copy_library

EVIL = """---
title: "Evil <script>alert(1)</script> title"
date: 2020-01
organisation: "Org <img src=x onerror=alert(2)>"
consultation: "C <b>bold</b>"
consulting_body: "B {: onclick=alert(6) }"
---
Text with <script>alert(3)</script> and [x](javascript:alert) and <iframe src="x"></iframe>.¹

A [y](data:text/html;base64,PHNjcmlwdD4=) link and <a href="javascript:alert(7)">z</a>.²

¹Note <script>alert(5)</script> [y](javascript:alert)

²HM Inspectorate (2019) A <svg onload=alert(8)> report. Online: <javascript:alert(9)>
"""
# Real tags and attributes only: the same words escaped as text (&lt;script&gt;) are fine.
FORBIDDEN = re.compile(
    r"<script>alert|<img src=x|<iframe|<svg onload|<b>bold"
    r"|<[a-z]+\b[^<>]*\son(?:click|load|error)=|<a\b[^<>]*\shref=\"(?:javascript|data):",
    re.IGNORECASE,
)


def test_nothing_in_a_source_reaches_the_html_as_markup(tmp_path: Path) -> None:
    root = copy_library(tmp_path / "lib")
    (root / "sources" / "2020-01-evil.md").write_text(EVIL)
    (root / "references.bib").unlink()
    assert main(["--root", str(root), "build"]) == 0
    pages = list((root / "site").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text()
        assert not FORBIDDEN.search(html), (page, FORBIDDEN.search(html))
    evil = (root / "site" / "responses" / "2020-01-evil" / "index.html").read_text()
    assert "Evil &lt;script&gt;alert(1)&lt;/script&gt; title" in evil
    assert "Text with &lt;script&gt;alert(3)&lt;/script&gt;" in evil
