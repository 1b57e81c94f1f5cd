"""The seed library's exports: every file parses as its format says, and pages link to them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evidence_library.cli import main
from tests.conftest import copy_library
from tests.e2e.test_seed_library import SLUG_2012, SLUG_2017

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "csl-data.json"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_library(tmp_path_factory.mktemp("exports"))
    assert main(["--root", str(root), "generate", "--strict"]) == 0
    return root


def exports_of(root: Path, suffix: str) -> list[Path]:
    return sorted(p for p in (root / "docs" / "exports").rglob(f"*.{suffix}") if p.name != "library.json")


def bib_keys(root: Path) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", (root / "references.bib").read_text(), re.MULTILINE)


def test_bibtex_exports_parse_and_hold_the_entries_of_references_bib(generated: Path) -> None:
    from bibtexparser import parse_string  # type: ignore[attr-defined]

    files = exports_of(generated, "bib")
    assert len(files) == 1 + 2 + len(bib_keys(generated))  # the library, each response, each work
    for path in files:
        library = parse_string(path.read_text())
        assert library.failed_blocks == [], path
    whole = parse_string((generated / "docs" / "exports" / "bibliography.bib").read_text())
    assert [e.key for e in whole.entries] == sorted(bib_keys(generated))
    committed = parse_string((generated / "references.bib").read_text())
    for entry in committed.entries:
        exported = whole.entries_dict[entry.key]
        assert [(f.key, f.value) for f in exported.fields] == [(f.key, f.value) for f in entry.fields]


def test_csl_json_exports_are_valid_against_the_csl_schema(generated: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft3Validator(json.loads(SCHEMA.read_text()))
    for path in exports_of(generated, "json"):
        items = json.loads(path.read_text())
        assert list(validator.iter_errors(items)) == [], path
    bibliography = json.loads((generated / "docs" / "exports" / "bibliography.json").read_text())
    assert [item["id"] for item in bibliography] == sorted(bib_keys(generated))
    whole = json.loads((generated / "docs" / "exports" / "library.json").read_text())
    items = json.loads((generated / "docs" / "exports" / "responses" / f"{SLUG_2017}.json").read_text())
    cited_2017 = {w["key"] for w in whole["works"] if any(c["response"] == SLUG_2017 for c in w["cited_by"])}
    assert {item["id"] for item in items} == cited_2017
    change = next(item for item in items if item["id"] == "clinks2016change")
    assert change["author"] == [{"literal": "Clinks"}]


def test_ris_exports_are_read_by_a_parser(generated: Path) -> None:
    rispy = pytest.importorskip("rispy")
    for path in exports_of(generated, "ris"):
        records = rispy.loads(path.read_text())
        assert records, path
        assert all("unknown_tag" not in record for record in records), path
    whole = rispy.loads((generated / "docs" / "exports" / "bibliography.ris").read_text())
    assert sorted(record["id"] for record in whole) == sorted(bib_keys(generated))
    chapter = next(record for record in whole if record["id"] == "maruna2010desistance")
    assert chapter["type_of_reference"] == "CHAP"
    assert chapter["secondary_authors"] == ["McNeill, F.", "Raynor, P.", "Trotter, C."]


def test_library_json_holds_the_library(generated: Path) -> None:
    dump = json.loads((generated / "docs" / "exports" / "library.json").read_text())
    assert dump["version"] == 1
    assert [r["slug"] for r in dump["responses"]] == sorted([SLUG_2012, SLUG_2017])
    assert dump["responses"][0]["url"] == f"responses/{SLUG_2012}/"
    assert {p["response"] for p in dump["positions"]} == {SLUG_2012, SLUG_2017}
    note_6 = next(n for n in dump["notes"] if n["response"] == SLUG_2017 and n["number"] == 6)
    assert [c["key"] for c in note_6["cites"]] == ["clinks2016change"]
    assert sorted(w["key"] for w in dump["works"]) == sorted(bib_keys(generated))


def test_pages_offer_formatted_citations_and_link_their_exports(generated: Path) -> None:
    page = (generated / "docs" / "responses" / f"{SLUG_2012}.md").read_text()
    cite = page.split("## Cite this response")[1]
    assert "**Harvard:** Clinks (2012) <em>Clinks' response to NOMS Commissioning" in cite
    assert "**APA:** Clinks. (2012). <em>Clinks' response to NOMS Commissioning" in cite
    assert f"[RIS](../exports/responses/{SLUG_2012}.ris)" in cite
    reference = (generated / "docs" / "references" / "clinks2011dust.md").read_text()
    assert "## Cite this work\n\n**Harvard:** Clinks (2011) <em>When the dust settles</em>." in reference
    assert "[CSL-JSON](../exports/references/clinks2011dust.json)" in reference
    index = (generated / "docs" / "references" / "index.md").read_text()
    assert "[BibTeX](../exports/bibliography.bib)" in index


def test_exports_are_the_same_bytes_each_time_and_stale_ones_go(generated: Path, tmp_path: Path) -> None:
    again = copy_library(tmp_path / "again")
    assert main(["--root", str(again), "generate", "--strict"]) == 0
    for path in sorted((generated / "docs" / "exports").rglob("*")):
        if path.is_file():
            relative = path.relative_to(generated)
            assert (again / relative).read_bytes() == path.read_bytes(), relative
    (again / "sources" / f"{SLUG_2012}.md").unlink()
    assert main(["--root", str(again), "generate"]) == 0
    left = {p.name for p in (again / "docs" / "exports" / "responses").iterdir()}
    assert left == {f"{SLUG_2017}.{suffix}" for suffix in ("bib", "json", "ris")}
