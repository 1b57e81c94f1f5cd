from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HAND_WRITTEN = (
    "mkdocs.yml",
    "references.bib",
    "themes.yml",
    "bodies.yml",
    "sources",
    "overrides",
    "docs/stylesheets",
    "docs/javascripts",
    *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md")),
)


def copy_library(target: Path) -> Path:
    """A copy of this repository's library (sources, hand-written pages, config)."""
    for name in HAND_WRITTEN:
        source = ROOT / name
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination)
        else:
            shutil.copy2(source, destination)
    return target


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return copy_library(tmp_path / "library")
