"""Incremental generate: a page model comes from the cache unless its source (or the program)
changed, and the output is byte for byte what a clean run gives."""

from __future__ import annotations

import shutil
from pathlib import Path

from evidence_devtools.synthetic import Shape, synthetic_response
from evidence_library.diagnostics import Report
from evidence_library.incremental import page_cache
from evidence_library.incremental.response_memo import kept_renderings
from evidence_library.pipeline import GENERATED_DIRS, Generated, check, generate
from tests.conftest import copy_library

LAYOUTS = ("footnotes", "endnotes-numbered", "endnotes-dash")
BODIES = ("NOMS", "Ministry of Justice", "Home Office")


def synthetic_library(root: Path, size: int) -> Path:
    """The seed library plus `size` synthetic responses citing works from a shared pool."""
    copy_library(root)
    for index in range(size):
        shape = Shape("superscript", LAYOUTS[index % 3], wrap=index % 2 == 0, shared_works=40)
        response = synthetic_response(index, shape, paragraphs=6 + index % 5)
        year, month = 2008 + index % 13, 1 + index % 12
        head = (
            f"---\ntitle: Example Trust's response number {index} to the Test Consultation\n"
            f"date: {year}-{month:02d}\norganisation: Example Trust\n"
            f"consultation: Test Consultation {index}\nconsulting_body: {BODIES[index % 3]}\n---\n"
        )
        (root / "sources" / f"{year}-{month:02d}-response-{index:04d}.md").write_text(
            head + response.text.lstrip("\ufeff")
        )
    return root


def outputs(root: Path) -> dict[str, bytes]:
    """Every generated file and references.bib, by path."""
    files = {"references.bib": (root / "references.bib").read_bytes()}
    for folder in GENERATED_DIRS:
        for file in sorted((root / folder).rglob("*")):
            if file.is_file():
                files[file.relative_to(root).as_posix()] = file.read_bytes()
    return files


def run(root: Path) -> Generated:
    report = Report()
    generated = generate(root, report)
    assert generated is not None, report.summary()
    return generated


def test_changing_one_source_rebuilds_its_page_only_and_matches_a_clean_run(tmp_path: Path) -> None:
    root = synthetic_library(tmp_path / "lib", 40)
    first = run(root)
    assert len(first.new_entries) == first.responses == 42
    assert len(list((root / page_cache.PAGES_DIR).glob("*.pickle"))) == 42

    changed = root / "sources" / "2010-03-response-0002.md"
    text = changed.read_text().replace("Example Trust's response number 2", "A retitled response number 2")
    changed.write_text(
        text + "\nA new paragraph citing a new work.¹⁰⁰\n\n¹⁰⁰ Nacro (2020) *A brand new report*. "
        "https://www.nacro.org.uk/new-report\n"
    )
    incremental = run(root)
    assert sorted(incremental.new_entries) == ["2010-03-response-0002"]
    # its own page, and those that list it among their related responses (its title changed)
    assert "2010-03-response-0002" in incremental.new_rendered
    assert 1 < len(incremental.new_rendered) < 42
    assert len(kept_renderings(root)) == 42
    after_incremental = outputs(root)
    assert any("brand-new" in p or "new report" in c.decode().lower() for p, c in after_incremental.items())

    shutil.rmtree(root / ".cache")
    clean = run(root)
    assert len(clean.new_entries) == 42
    assert outputs(root) == after_incremental


def test_an_incremental_run_matches_a_clean_run_of_a_copy(tmp_path: Path) -> None:
    root = synthetic_library(tmp_path / "lib", 12)
    run(root)
    (root / "sources" / "2008-01-response-0000.md").write_text(
        (root / "sources" / "2008-01-response-0000.md").read_text().replace("---\n", "---\nthemes: []\n", 1)
    )
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".cache"))
    incremental = run(root)
    assert len(incremental.new_entries) == 1
    assert len(run(copy).new_entries) == 14
    assert outputs(root) == outputs(copy)


def test_a_removed_source_takes_its_pages_and_cache_entry_with_it(tmp_path: Path) -> None:
    root = synthetic_library(tmp_path / "lib", 6)
    run(root)
    gone = "2012-03-noms-commissioning-intentions-discussion-document-2012-13"
    page = root / "docs" / "responses" / f"{gone}.md"
    assert page.is_file() and (root / page_cache.PAGES_DIR / f"{gone}.pickle").is_file()
    only_cited_there = [
        p.stem for p in (root / "docs" / "references").glob("*.md") if f"{gone}.md" in p.read_text()
    ]
    assert only_cited_there
    (root / "sources" / f"{gone}.md").unlink()
    incremental = run(root)
    assert incremental.new_entries == {}
    assert not page.exists()
    assert not (root / page_cache.PAGES_DIR / f"{gone}.pickle").exists()
    assert gone not in kept_renderings(root)
    assert gone not in (root / "docs" / "responses" / "index.md").read_text()
    references = root / "docs" / "references"
    vanished = [key for key in only_cited_there if not (references / f"{key}.md").exists()]
    assert vanished  # the works only it cited
    assert all(f"{{{key}," not in (root / "references.bib").read_text() for key in vanished)
    after = outputs(root)
    shutil.rmtree(root / ".cache")
    run(root)
    assert outputs(root) == after


def test_a_changed_setting_rebuilds_every_page(tmp_path: Path) -> None:
    root = synthetic_library(tmp_path / "lib", 3)
    run(root)
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config.replace("max_notes: 2000", "max_notes: 1999"))
    assert len(run(root).new_entries) == 5


def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path) -> None:
    root = synthetic_library(tmp_path / "lib", 2)
    run(root)
    before = outputs(root)
    entry = next((root / page_cache.PAGES_DIR).glob("*.pickle"))
    entry.write_bytes(entry.read_bytes()[:200])
    (root / ".cache" / "generate.json").unlink()  # so that the whole-run skip does not answer first
    assert sorted(run(root).new_entries) == [entry.stem]
    assert outputs(root) == before


def test_check_reads_the_cache_but_never_writes_it(tmp_path: Path) -> None:
    root = synthetic_library(tmp_path / "lib", 2)
    run(root)
    changed = root / "sources" / "2009-02-response-0001.md"
    changed.write_text(changed.read_text() + "\nOne more sentence.\n")
    before = {p.name: p.read_bytes() for p in (root / page_cache.PAGES_DIR).iterdir()}
    report = Report()
    generated = check(root, report)
    assert sorted(generated.new_entries) == ["2009-02-response-0001"]
    assert {p.name: p.read_bytes() for p in (root / page_cache.PAGES_DIR).iterdir()} == before


def add_sentence(root: Path, slug: str, sentence: str) -> None:
    changed = root / "sources" / f"{slug}.md"
    changed.write_text(changed.read_text() + f"\n{sentence}\n")


def test_a_sentence_added_renders_its_page_only_and_matches_a_clean_run(tmp_path: Path) -> None:
    root = synthetic_library(tmp_path / "lib", 12)
    run(root)  # references.bib is written: the next run matches every page against it
    add_sentence(root, "2008-01-response-0000", "A first sentence added.")
    assert run(root).new_outputs is not None  # the first run with this references.bib
    add_sentence(root, "2011-04-response-0003", "A second sentence added.")
    incremental = run(root)
    assert sorted(incremental.new_entries) == ["2011-04-response-0003"]
    assert sorted(incremental.new_rendered) == ["2011-04-response-0003"]
    assert incremental.new_outputs is None  # listings, references and exports as the last run made them
    assert incremental.ledger is not None and len(incremental.ledger.lines) == 14
    after = outputs(root)
    assert "A second sentence added." in after["docs/responses/2011-04-response-0003.md"].decode()
    shutil.rmtree(root / ".cache")
    run(root)
    assert outputs(root) == after


def test_a_new_title_makes_the_listings_again_and_matches_a_clean_run(tmp_path: Path) -> None:
    root = synthetic_library(tmp_path / "lib", 12)
    run(root)
    add_sentence(root, "2008-01-response-0000", "A sentence added.")
    run(root)
    changed = root / "sources" / "2011-04-response-0003.md"
    changed.write_text(changed.read_text().replace("response number 3", "retitled response number 3"))
    incremental = run(root)
    assert incremental.new_outputs is not None
    add_sentence(root, "2012-05-response-0004", "A sentence added after the new title.")
    assert run(root).new_outputs is None  # the outputs made with the new title stand
    after = outputs(root)
    assert "retitled response number 3" in after["docs/responses/index.md"].decode()
    shutil.rmtree(root / ".cache")
    run(root)
    assert outputs(root) == after


def test_a_page_model_that_cannot_be_read_is_built_again_when_its_page_is_rendered(tmp_path: Path) -> None:
    root = synthetic_library(tmp_path / "lib", 4)
    run(root)
    before = outputs(root)
    slug = "2009-02-response-0001"
    entry = root / page_cache.PAGES_DIR / f"{slug}.pickle"
    data = entry.read_bytes()
    entry.write_bytes(data[:-100])  # its summary is read, the whole page model is not
    (root / page_cache.RENDERED).unlink()  # so that its page is rendered again
    (root / ".cache" / "generate.json").unlink()
    generated = run(root)
    assert sorted(generated.new_entries) == [slug]
    assert outputs(root) == before


def test_the_citations_memo_is_where_citation_styles_keeps_it() -> None:
    from evidence_library.publish import citation_styles, library_outputs

    assert library_outputs.CITATIONS_MEMO == citation_styles.MEMO


def test_the_versions_of_the_tools_that_format_outputs_are_found() -> None:
    from evidence_library.pipeline import OUTPUT_TOOLS, installed_versions

    found = installed_versions(OUTPUT_TOOLS)
    assert [name.split("-")[0] for name in found] == list(OUTPUT_TOOLS)


def test_missing_resolutions_are_matched_again_and_match_a_clean_run(tmp_path: Path) -> None:
    root = synthetic_library(tmp_path / "lib", 8)
    run(root)
    add_sentence(root, "2008-01-response-0000", "A sentence added.")
    run(root)  # every page's resolution kept, against this references.bib
    shutil.rmtree(root / ".cache" / "resolutions")
    changed = root / "sources" / "2011-04-response-0003.md"
    changed.write_text(changed.read_text().replace("response number 3", "retitled response number 3"))
    incremental = run(root)
    assert incremental.new_outputs is not None  # the bibliography was built: each page matched again
    after = outputs(root)
    shutil.rmtree(root / ".cache")
    run(root)
    assert outputs(root) == after


def test_a_page_touched_by_hand_is_written_again_even_if_its_rendering_is_gone(
    tmp_path: Path,
) -> None:
    root = synthetic_library(tmp_path / "lib", 4)
    run(root)
    before = outputs(root)
    slug = "2009-02-response-0001"
    (root / page_cache.RENDERED_DIR / f"{slug}.pickle").unlink()
    (root / "docs" / "responses" / f"{slug}.md").write_text("touched by hand\n")
    (root / "docs" / "responses" / "index.md").write_text("touched by hand\n")
    generated = run(root)
    assert generated.new_rendered == {}  # its rendering stands: rendered again only to be written
    assert outputs(root) == before
