"""The writer: generated folders are brought in line with what was generated."""

from __future__ import annotations

from pathlib import Path

from evidence_library.publish.site import write_generated


def test_stale_pages_and_exports_go_and_other_files_stay(tmp_path: Path) -> None:
    for name in ("docs/responses/old.md", "docs/exports/responses/old.ris", "docs/exports/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("old")
    files = {"docs/responses/new.md": "page", "docs/exports/responses/new.ris": "TY  - GEN\nER  - \n"}
    write_generated(tmp_path, files, ("docs/responses", "docs/exports"))
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert left == ["docs/exports/notes.txt", "docs/exports/responses/new.ris", "docs/responses/new.md"]
