"""A library citing hundreds of reports by the same bodies: references.bib stays valid and reads back.

Whatever `generate` writes, `check` and a second `generate` read back without
error, and with no cache the second `generate` writes references.bib byte for
byte the same; biber accepts every key.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from evidence_library.cli import main
from tests.conftest import copy_library
from tests.helpers import biber_problems

PLACES = [
    f"{a} {b}"
    for a in ("North", "South", "East", "West", "Upper", "Lower")
    for b in (
        "Wessex",
        "Mercia",
        "Anglia",
        "Cumbria",
        "Kent",
        "Devon",
        "Essex",
        "Norfolk",
        "Sussex",
        "Dorset",
    )
]
BODIES = ("HM Inspectorate of Probation", "HM Inspectorate of Prisons", "HM Prison and Probation Service")
AWKWARD = ("Smith & Jones {draft}", "50% of under_18s: #1 $cost", "a back\\slash ~ and ^", "Réhabilitation")


def note(number: int, body: str, place: str, year: int, with_url: bool) -> str:
    title = f"An inspection of youth offending services in {place}"
    if number % 17 == 0:
        title += f": {AWKWARD[number % len(AWKWARD)]}"
    slug = re.sub(r"\W+", "-", f"{body} {place} {year}".lower())
    address = f" Available at: https://www.justiceinspectorates.gov.uk/{slug}.pdf" if with_url else ""
    return f"[^{number}]: {body} ({year}) {title}.{address}"


def response(index: int) -> str:
    notes = []
    for number in range(1, 121):
        body = BODIES[(number + index) % len(BODIES)]
        place = PLACES[(number * 7 + index) % len(PLACES)]
        notes.append(note(number, body, place, 2016 + number % 3, with_url=(number + index) % 2 == 0))
    text = " ".join(f"Inspectors found gaps in area {n}.[^{n}]" for n in range(1, 121))
    head = (
        f"---\ntitle: Example Trust's response number {index} to the Inspection Consultation\n"
        f"date: 2019-0{index + 1}\norganisation: Example Trust\n"
        f"consultation: Inspection Consultation {index}\n"
        "consulting_body: HM Inspectorate of Probation\n---\n"
    )
    return head + "Introduction\n\n" + text + "\n\n" + "\n\n".join(notes) + "\n"


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_library(tmp_path_factory.mktemp("crowded"))
    for path in (root / "sources").glob("*.md"):
        path.unlink()
    (root / "references.bib").write_text("")
    for index in range(3):
        (root / "sources" / f"2019-0{index + 1}-inspection-{index}.md").write_text(response(index))
    assert main(["--root", str(root), "generate"]) == 0
    return root


def test_keys_are_valid_and_unique(crowded: Path) -> None:
    keys = re.findall(r"^@\w+\{([^,]+),", (crowded / "references.bib").read_text(), re.MULTILINE)
    assert len(keys) > 150
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z][a-z0-9]*", key) for key in keys)
    assert any(key.startswith("hmiprobation2017youthoffending") for key in keys)
    assert any(key.startswith("hmiprisons") for key in keys)


def test_a_fresh_clone_checks_and_regenerates_byte_for_byte(crowded: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(crowded, clone, ignore=shutil.ignore_patterns(".cache", "docs"))
    shutil.copytree(
        crowded / "docs", clone / "docs", ignore=shutil.ignore_patterns("responses", "references")
    )
    written = (crowded / "references.bib").read_bytes()
    assert main(["--root", str(clone), "check"]) == 0
    assert main(["--root", str(clone), "generate"]) == 0
    assert (clone / "references.bib").read_bytes() == written


def test_biber_accepts_every_entry(crowded: Path, tmp_path: Path) -> None:
    result, problems = biber_problems(crowded / "references.bib", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert problems == []
