"""Build the real library from the two seed responses and check what a reader gets."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest

from evidence_library.cli import main
from tests.conftest import copy_library
from tests.unit.test_search import fragments

SLUG_2012 = "2012-03-noms-commissioning-intentions-discussion-document-2012-13"
SLUG_2017 = "2017-07-inspection-framework-and-programmes"

# The words just before each marker, in the order the notes appear.
MARKERS_2012 = [
    "responsive to local need.",
    "respond more favourably to the latter.",
    "organizations in service delivery.",
    "increase in people seeking their services.",
    "between different VCS organisations.",
    "cohort of service users has reduced.",
    "default model for women offenders in the province.",
    "serving sentences in the community.",
    "services for young female offenders.",
    "needs of this often overlooked group.",
    "half the self-harm incidents in prison.",
    "18-25 year olds in the Criminal Justice System.",
    "represented at every stage of the CJS.",
    "services for this particular group.",
    "may be found here.",
    "information sharing agreements and managing risk appropriately.",
    "nor indeed the same consistency of availability.",
    "in prisons and probation trusts in England and Wales may be found here.",
    "potential models of service user involvement.",
]
MARKERS_2017 = [
    "through our latest trackTR",
    "respondents to our State of the Sector",
    "role in Transforming Rehabilitation'",
    "Rehabilitation, what does good look like?'",
    "Our Change and Challenge",
    "As a starting point for this the Change and Challenge",
    "grant making guides over recent years",
    "'Good practice in service user involvement'",
    "thematic report on services for women in 2016",
    "inquiry into gypsy and traveller inequality",
    "in line with the adult population at 5%",
    "To inform our response to the Taylor review",
    "since the publication of Towards Race Equality",
]


REFERENCE_LINK = re.compile(r" \[→ [^\]]*\]\(\.\./references/[a-z0-9]+\.md\)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_library(tmp_path_factory.mktemp("seeds"))
    assert main(["--root", str(root), "build", "--strict"]) == 0
    return root


def page(root: Path, slug: str) -> frontmatter.Post:
    return frontmatter.load(root / "docs" / "responses" / f"{slug}.md")


def body_and_notes(post: frontmatter.Post) -> tuple[str, dict[int, str]]:
    found = re.findall(r"^\[\^(\d+)\]: (.*)$", post.content, re.MULTILINE)
    notes = {int(n): REFERENCE_LINK.sub("", t) for n, t in found}
    body = re.sub(r"^\[\^\d+\]: .*$", "", post.content, flags=re.MULTILINE)
    return body, notes


@pytest.mark.parametrize(("slug", "expected"), [(SLUG_2012, MARKERS_2012), (SLUG_2017, MARKERS_2017)])
def test_every_note_sits_at_its_marker(built: Path, slug: str, expected: list[str]) -> None:
    body, notes = body_and_notes(page(built, slug))
    assert sorted(notes) == list(range(1, len(expected) + 1))
    references = re.findall(r"\[\^(\d+)\]", body)
    assert [int(r) for r in references] == list(range(1, len(expected) + 1))  # each once, in order
    flat = " ".join(body.split())
    for number, words in enumerate(expected, start=1):
        assert f"{words}[^{number}]" in html.unescape(flat), f"note {number} is not after {words!r}"


def test_footnotes_running_over_blank_lines_are_whole(built: Path) -> None:
    _, notes = body_and_notes(page(built, SLUG_2012))
    assert notes[3].startswith("RR3, 2011. *Competition, commissioning and the VCS*. Online: <http")
    assert notes[3].endswith("\\[last accessed 5.3.12\\]")
    assert "girls_offending_fullreport.pdf" in notes[9]
    assert "caresteppingstonetocustody.pdf" in notes[10]
    assert "Women_in_prison_short_thematic_2010_rps_.pdf" in notes[11]
    assert notes[19].endswith("\\[last accessed 5.3.2012\\]")  # the tagline after it is not note text


def test_endnotes_by_marker_number_and_ibic_as_ibid(built: Path) -> None:
    _, notes = body_and_notes(page(built, SLUG_2017))
    assert notes[3].startswith("Clinks (2016) Change and Challenge")
    assert notes[5].startswith("Clinks (2016) Change and Challenge")
    assert notes[6].startswith("ibic") and "[note 5](#fn:5)" in notes[6]
    assert notes[7].startswith("Clinks (2014) More than a provider")
    assert notes[13].startswith("HM Inspectorate of Probation (2000) Towards Race Equality")


@pytest.mark.parametrize(
    ("slug", "date", "consultation", "body_name"),
    [
        (SLUG_2012, "2012-03", "NOMS Commissioning Intentions Discussion Document 2012-13", "NOMS"),
        (SLUG_2017, "2017-07", "Inspection framework and programmes", "HM Inspectorate of Probation"),
    ],
)
def test_front_matter(built: Path, slug: str, date: str, consultation: str, body_name: str) -> None:
    post = page(built, slug)
    assert post["date"] == date
    assert post["organisation"] == "Clinks"
    assert post["consultation"] == consultation
    assert post["consulting_body"] == body_name
    assert post["source"] == f"sources/{slug}.md"
    assert isinstance(post["recommendations"], list) and post["recommendations"]
    assert consultation.split()[0].lower() in str(post["title"]).lower()


def test_layout_and_boilerplate_are_out_of_the_argument(built: Path) -> None:
    for slug in (SLUG_2012, SLUG_2017):
        body, _ = body_and_notes(page(built, slug))
        argument, _, about = body.partition('??? info "About Clinks')
        assert "July 2017" not in argument.split("\n")
        for boilerplate in (
            "Registered charity",
            "0207 248 3538",
            "Tavis House",
            "We are a membership organisation",
        ):
            assert boilerplate not in argument
        assert "We are a membership organisation" in about
    body, _ = body_and_notes(page(built, SLUG_2012))
    assert "Clinks welcomes the opportunity to provide feedback" in body.partition("??? info")[0]


def test_home_page_explains_and_lists_both_responses(built: Path) -> None:
    home = html.unescape((built / "site" / "index.html").read_text())
    assert "turns those responses" in home
    assert "Clinks' response to NOMS Commissioning Intentions Discussion Document 2012-13" in home
    assert "Clinks' response to HM Inspectorate of Probation's consultation" in home
    assert f'href="responses/{SLUG_2012}/"' in home


def test_navigation_does_not_list_every_response(built: Path) -> None:
    about = (built / "site" / "about" / "index.html").read_text()
    assert SLUG_2012 not in about and SLUG_2017 not in about


def test_generate_is_deterministic(tmp_path: Path) -> None:
    first = copy_library(tmp_path / "one")
    second = copy_library(tmp_path / "two")
    for root in (first, second):
        assert main(["--root", str(root), "generate"]) == 0
    outputs = sorted(p.relative_to(first) for p in (first / "docs").rglob("*.md"))
    assert len(outputs) >= 7
    for relative in outputs:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_a_failed_build_leaves_the_previous_site(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_library(tmp_path / "lib")
    assert main(["--root", str(root), "build"]) == 0
    first = capsys.readouterr().out
    assert "built 2 response page(s)" in first and "nothing had changed" not in first  # a fresh clone
    before = (root / "site" / "index.html").read_bytes()
    (root / "sources" / "2099-01-broken.md").write_text("---\ntitle: [\n---\ntext\n")
    assert main(["--root", str(root), "build"]) == 1
    assert (root / "site" / "index.html").read_bytes() == before
    assert not list(root.glob(".site-*"))


def test_a_search_index_that_fails_leaves_the_previous_site(built: Path, tmp_path: Path) -> None:
    root = copy_library(tmp_path / "lib")
    assert main(["--root", str(root), "build"]) == 0
    before = (root / "site" / "index.html").read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "evidence_library", "--root", str(root), "build"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PAGEFIND_BINARY_PATH": "/bin/false"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "error [site.search-index-failed]: Pagefind could not index the site" in result.stderr
    assert (root / "site" / "index.html").read_bytes() == before
    assert not list(root.glob(".site-*"))


def test_the_search_index_holds_every_page_but_the_listings_it_leaves_out(built: Path) -> None:
    site = built / "site"
    folders = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    pages = {"/" if f == "." else f"/{f}/" for f in folders}
    searched = {p for p in pages if not p.startswith(("/explore/", "/tags/"))}
    assert len(searched) > 40 and "/responses/" + SLUG_2017 + "/" in searched
    assert searched < pages
    assert set(fragments(site / "pagefind")) == searched


def test_console_command_reports_without_traceback(library: Path) -> None:
    (library / "sources" / "2099-01-broken.md").write_text("---\ntitle: x\ndate: 2099-13\n---\ntext\n")
    result = subprocess.run(
        [sys.executable, "-m", "evidence_library", "--root", str(library), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "sources/2099-01-broken.md:3: error [front-matter.bad-date]" in result.stderr
    assert "fix: write the publication date as YYYY-MM" in result.stderr


def test_recommendations_in_front_matter(built: Path) -> None:
    later: list[str] = page(built, SLUG_2017)["recommendations"]  # type: ignore[assignment]
    labelled = [
        "HM Inspectorate of Probation should consider how in moving to a larger inspection unit,",
        "Clinks urges that the voluntary sector be fully engaged",
        "Good engagement with the voluntary sector by probation providers should be an embedded principle",
        "We suggest HM Inspectorate of Probation engages with the Lammy review team",
        "HM Inspectorate of Probation should therefore particularly consider how it might engage",
    ]
    for start in labelled:
        assert sum(r.startswith(start) for r in later) == 1, start
    earlier: list[str] = page(built, SLUG_2012)["recommendations"]  # type: ignore[assignment]
    proposals = [
        r for r in earlier if r.startswith(("Clinks would recommend", "Clinks would therefore propose"))
    ]
    assert len(proposals) == 9
    for recommendation in [*earlier, *later]:
        assert "Registered charity" not in recommendation and "last accessed" not in recommendation
        assert "[^" not in recommendation and "¹" not in recommendation
    # the summary bullet that repeats the body's last recommendation is one position
    assert (
        sum("consider a thematic inspection of services in the community for BAME" in r for r in later) == 1
    )


def test_every_recommendation_is_on_a_positions_page(built: Path) -> None:
    positions = " ".join(
        " ".join(html.unescape(p.read_text()).replace("\\", "").split())
        for p in (built / "docs" / "positions").glob("*.md")
    )
    for slug in (SLUG_2012, SLUG_2017):
        recommendations: list[str] = page(built, slug)["recommendations"]  # type: ignore[assignment]
        for recommendation in recommendations:
            assert " ".join(recommendation.split()) in positions, recommendation


def test_a_second_generate_skips_work_and_matches_a_full_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_library(tmp_path / "lib")
    assert main(["--root", str(root), "generate"]) == 0
    full = {p: p.read_bytes() for p in (root / "docs").rglob("*.md")}
    assert main(["--root", str(root), "-v", "generate"]) == 0
    out, err = capsys.readouterr()
    assert "(nothing had changed)" in out
    assert "info [boilerplate.moved]" in err  # the last run's report is shown again
    assert {p: p.read_bytes() for p in (root / "docs").rglob("*.md")} == full
    # an edited output, or an edited source, means a real run
    page = root / "docs" / "responses" / f"{SLUG_2012}.md"
    page.write_text("tampered")
    assert main(["--root", str(root), "generate"]) == 0
    assert "nothing had changed" not in capsys.readouterr()[0]
    assert page.read_bytes() == full[page]
    source = root / "sources" / f"{SLUG_2012}.md"
    source.write_text(source.read_text().replace("Women\n", "Women and girls\n"))
    assert main(["--root", str(root), "generate"]) == 0
    assert "nothing had changed" not in capsys.readouterr()[0]
    assert "## Women and girls" in page.read_text()


def test_search_leaves_out_what_every_page_repeats(built: Path) -> None:
    """A response's words are indexed; its citation to copy, BibTeX, related responses and the
    key recommendations (in the text already) are not, nor a cited work's BibTeX."""
    found = fragments(built / "site" / "pagefind")
    response = str(found[f"/responses/{SLUG_2017}/"]["content"])
    assert "Lammy review team" in response and "Service User Involvement Network" in response
    for repeated in ("Key recommendations", "Related responses", "Cite this response", "Harvard:", "@report"):
        assert repeated not in response, repeated
    work = str(found["/references/clinks2016change/"]["content"])
    assert "The sentence it supports" in work and "Transforming Rehabilitation" in work
    for repeated in ("Cite this work", "APA:", "BibTeX", "urldate"):
        assert repeated not in work, repeated
    # listings that repeat what the pages they list hold are left out whole; the positions are kept
    assert not [url for url in found if url.startswith(("/explore/", "/tags/"))]
    assert any(url.startswith("/positions/") for url in found)
    assert (built / "site" / "explore" / "index.html").is_file()
    page = (built / "site" / "responses" / SLUG_2017 / "index.html").read_text(encoding="utf-8")
    assert page.count('<div class="unsearched">') == 2 and "admonition abstract unsearched" in page
    assert "<strong>Harvard:</strong>" in page and "**Harvard:**" not in page  # converted, not raw
