"""Header inference: every shape in which a response opens, and what stays MISSING."""

from __future__ import annotations

import pytest

from evidence_library.diagnostics import Report
from evidence_library.evidence.bodies import Bodies, parse_bodies
from evidence_library.ingest.dates_found import find_date
from evidence_library.ingest.imported import DocumentProperties
from evidence_library.ingest.infer import infer_metadata, source_slug
from evidence_library.ingest.openings import OPENINGS_FILE, Example, openings, parse_openings
from tests.conftest import ROOT

KNOWN = parse_bodies((ROOT / "bodies.yml").read_text(), Report())
LABELS = openings(KNOWN).date_labels


def infer(text: str, properties: DocumentProperties | None = None) -> dict[str, str]:
    return infer_metadata(text, properties, KNOWN)


def examples() -> list[object]:
    table = openings(KNOWN)
    return [
        pytest.param(example, id=example.text[:50])
        for group in (table.titles, table.consultation_lines, table.organisation_lines, table.body_lines)
        for pattern in group
        for example in pattern.examples
    ]


@pytest.mark.parametrize("example", examples())
def test_every_example_in_openings_yml(example: Example) -> None:
    found = infer(example.text + "\n")
    assert {k: found[k] for k in example.fields} == example.fields


CLINKS_TR = {
    "title": "Clinks response to the Ministry of Justice consultation Transforming Rehabilitation",
    "organisation": "Clinks",
    "consultation": "Transforming Rehabilitation",
    "consulting_body": "Ministry of Justice",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Clinks response to the Ministry of Justice consultation\nTransforming Rehabilitation\n\n"
            "February 2013\n\nClinks welcomes the opportunity to respond.\n",
            {**CLINKS_TR, "date": "2013-02"},
            id="two-line-title-no-apostrophe",
        ),
        pytest.param(
            "Clinks response to the Ministry of Justice consultation\n\nTransforming Rehabilitation\n\n"
            "Text.\n",
            CLINKS_TR,
            id="title-over-two-blocks",
        ),
        pytest.param(
            "# Clinks response to the Ministry of Justice consultation\n\n# Transforming Rehabilitation\n\n"
            "Text.\n",
            CLINKS_TR,
            id="title-over-two-headings",
        ),
        pytest.param(
            "Clinks' response to the Ministry of Justice consultation Transforming Rehabilitation\n\nText.\n",
            {**CLINKS_TR, "title": CLINKS_TR["title"].replace("Clinks", "Clinks'")},
            id="apostrophe",
        ),
        pytest.param(
            "Nacro’s response to the Ministry of Justice consultation Transforming Youth Custody\n",
            {"organisation": "Nacro", "consultation": "Transforming Youth Custody"},
            id="curly-apostrophe-s",
        ),
        pytest.param(
            "Response from Nacro to the Ministry of Justice consultation Transforming Youth Custody\n\n"
            "12 April 2013\n",
            {"organisation": "Nacro", "consulting_body": "Ministry of Justice", "date": "2013-04-12"},
            id="response-from",
        ),
        pytest.param(
            "Submission to the Justice Committee inquiry into the role of the probation service\n\n"
            "About Clinks\n\nClinks is a charity.\n",
            {
                "organisation": "Clinks",
                "consultation": "The role of the probation service",
                "consulting_body": "Justice Committee",
            },
            id="submission-to-committee-inquiry",
        ),
        pytest.param(
            "Consultation response: Transforming Youth Custody\n\n"
            "Nacro welcomes the opportunity to respond to the Ministry of Justice's consultation.\n",
            {
                "title": "Consultation response: Transforming Youth Custody",
                "organisation": "Nacro",
                "consultation": "Transforming Youth Custody",
                "consulting_body": "Ministry of Justice",
            },
            id="consultation-response-colon",
        ),
        pytest.param(
            "NACRO\n46 Loman Street\nLondon SE1 0EH\n\nResponse to the HMPPS consultation on the future of "
            "probation\n\nNacro runs services. Nacro is a charity. Nacro welcomes this.\n",
            {
                "organisation": "NACRO",
                "consultation": "The future of probation",
                "consulting_body": "HM Prison and Probation Service",
            },
            id="letterhead",
        ),
        pytest.param(
            "Response from Nacro to the Ministry of Justice consul-\ntation Transforming Youth Custody\n",
            {
                "title": "Response from Nacro to the Ministry of Justice consultation "
                "Transforming Youth Custody",
                "consultation": "Transforming Youth Custody",
            },
            id="title-hyphenated-at-a-line-end",
        ),
        pytest.param(
            "Written evidence submitted by the North East Reducing\nReoffending Partnership\n\nText.\n",
            {"organisation": "North East Reducing Reoffending Partnership"},
            id="organisation-over-two-lines",
        ),
        pytest.param(
            "Clinks' response to NOMS Commissioning Intentions Discussion Document 2012-13\n\nText.\n",
            {
                "consultation": "NOMS Commissioning Intentions Discussion Document 2012-13",
                "consulting_body": "National Offender Management Service",
            },
            id="body-named-in-a-document-title",
        ),
    ],
)
def test_openings(text: str, expected: dict[str, str]) -> None:
    found = infer(text)
    assert {k: found[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Date: 12th March 2019\n", "2019-03-12", id="labelled-ordinal"),
        pytest.param("12/03/2019\n", "2019-03-12", id="numeric-day-first"),
        pytest.param("Submitted: 12.03.19\n", "2019-03-12", id="dotted-two-digit-year"),
        pytest.param("Published: March 2012\n", "2012-03", id="published-month"),
        pytest.param("Published in March 2012, this paper", "2012-03", id="published-in"),
        pytest.param("April 12, 2013\n", "2013-04-12", id="month-first"),
        pytest.param("2013-04-12\n", "2013-04-12", id="iso"),
        pytest.param("Sept 2016\n", "2016-09", id="abbreviated-month"),
        pytest.param("31/02/2019\n", "", id="impossible-date"),
        pytest.param("nothing here", "", id="none"),
        pytest.param("In 2016 we saw 5% fewer.\n", "", id="numbers-are-no-date"),
        pytest.param(
            "text\n" * 70 + "July 2017\n\nx\n\nJune 2016\n\nJuly 2017\n", "2017-07", id="repeated-footer"
        ),
    ],
)
def test_dates(text: str, expected: str) -> None:
    assert find_date(text, LABELS) == expected


def test_a_date_in_the_opening_beats_a_repeated_footer() -> None:
    assert find_date("Title\n\n5 May 2015\n\nText\n\nJune 2016\n\nJune 2016\n", LABELS) == "2015-05-05"


def test_a_subtitle_names_the_consultation_and_a_letterhead_with_an_address_the_organisation() -> None:
    found = infer(
        "Young Adults Justice Alliance\n\n14 Canal Street, Manchester M1 3HE\n\n"
        "# Written evidence\n\n"
        "Justice Committee inquiry: Prison population 2022: planning for the future\n\nText.\n"
    )
    assert (found["organisation"], found["consultation"], found["consulting_body"]) == (
        "Young Adults Justice Alliance",
        "Prison population 2022: planning for the future",
        "Justice Committee",
    )


def test_the_body_the_text_names_most_is_the_last_resort() -> None:
    text = "# Our response to Strengthening probation\n\nThe Ministry of Justice should act. The MoJ must.\n"
    assert infer(text)["consulting_body"] == "Ministry of Justice"
    assert infer(text.replace("The MoJ must.", ""))["consulting_body"] == ""  # named once: not enough


def test_what_cannot_be_inferred_stays_empty() -> None:
    found = infer("We think prisons should be smaller.\n\nThey should also be closer to home.\n")
    assert found == dict.fromkeys(("title", "date", "organisation", "consultation", "consulting_body"), "")


def test_the_files_own_properties_are_the_fallback() -> None:
    properties = DocumentProperties(
        "Clinks response to the Ministry of Justice consultation Transforming Rehabilitation",
        "Clinks",
        "2013-02-20",
    )
    found = infer("Our view\n\nClinks thinks so. Clinks says so. Clinks agrees.\n", properties)
    assert found == {**CLINKS_TR, "date": "2013-02"}


@pytest.mark.parametrize(
    "title", ["Microsoft Word - response.docx", "Consultation response template", "Document1", "draft.pdf"]
)
def test_placeholder_titles_are_ignored(title: str) -> None:
    assert infer("Text.\n", DocumentProperties(title, "Jane Smith", ""))["title"] == ""


def test_an_author_who_is_not_named_in_the_text_is_not_the_organisation() -> None:
    assert infer("Text.\n", DocumentProperties("", "Policy Office", ""))["organisation"] == ""


def test_a_first_level_heading_is_the_title_when_no_pattern_matches() -> None:
    assert infer("# Youth custody: our view\n\nText.\n")["title"] == "Youth custody: our view"


def test_without_bodies_yml_a_capitalised_body_is_kept_as_written() -> None:
    found = infer_metadata(
        "Clinks response to the Scottish Prison Service consultation on visits\n", None, Bodies()
    )
    assert (found["consulting_body"], found["consultation"]) == ("Scottish Prison Service", "Visits")


def test_a_bare_yes_or_on_in_openings_yml_is_refused() -> None:
    text = OPENINGS_FILE.read_text()
    with pytest.raises(ValueError, match="quote every word"):
        parse_openings(text.replace('["on", into', "[on, into"), KNOWN)


def test_slug_is_safe_and_dated() -> None:
    assert (
        source_slug({"date": "2012-03", "consultation": "../../etc/passwd <x>"}, "f")
        == "2012-03-etc-passwd-x"
    )
    assert source_slug({}, "raw file") == "raw-file"
