"""Pages converted on every core make the same site as MkDocs converting them one after another."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_library.cli import main
from evidence_library.publish import page_conversion
from tests.conftest import copy_library

BROKEN_LINK = "A hand-written page that links to [a page that is not there](missing.md).\n"


def built_site(
    root: Path, workers: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[dict[str, bytes], str]:
    """Every file of the built site but Pagefind's index (its file names vary from run to run),
    and what the build reported."""
    copy_library(root)
    (root / "docs" / "broken.md").write_text(BROKEN_LINK, encoding="utf-8")
    monkeypatch.setattr(page_conversion, "PARALLEL_FROM", 1)
    monkeypatch.setattr(page_conversion, "default_workers", lambda: workers)
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    reported = capsys.readouterr()
    site = root / "site"
    files = {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).parts[0] != "pagefind"
    }
    return files, reported.out + reported.err


def test_pages_converted_by_workers_give_the_same_site_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    apart, reported_apart = built_site(tmp_path / "workers", 2, monkeypatch, capsys)
    alone, reported_alone = built_site(tmp_path / "alone", 1, monkeypatch, capsys)
    assert apart.keys() == alone.keys()
    assert [name for name in apart if apart[name] != alone[name]] == []
    assert "index.html" in apart and any(name.startswith("responses/") for name in apart)
    # MkDocs' warning about the broken link, logged in a worker, is reported once, as without workers
    assert reported_apart.count("missing.md") == reported_alone.count("missing.md") == 1
