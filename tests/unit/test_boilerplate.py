from evidence_library.text.boilerplate import separate_boilerplate
from evidence_library.text.clean import layout_blocks
from tests.helpers import source


def split(text: str) -> tuple[list[str], list[str], list[str]]:
    blocks = layout_blocks(source(text)).blocks
    body, about, removed = separate_boilerplate(
        blocks, "Example response to the Test Consultation", "Example Trust"
    )
    return [b.text for b in body], [b.text for b in about], [r.code for r in removed]


def test_title_about_section_and_back_matter() -> None:
    body, about, removed = split(
        """
        Example response to the Test Consultation

        About Example Trust

        Example Trust is a charity supporting people in prison.

        - promoting volunteering;
        - tackling discrimination

        Example Trust welcomes the opportunity to respond to this consultation.

        Policy context

        Our argument, which mentions info@partner.org in passing.

        We close the argument here.

        Published: March 2012

        supporting people in prison and their families

        CONTACT DETAILS

        Jane Doe, Policy Officer (jane.doe@example.org)

        Registered charity: 1074546
        """
    )
    assert removed == ["boilerplate.title"]
    assert body == [
        "Example Trust welcomes the opportunity to respond to this consultation.",
        "Policy context",
        "Our argument, which mentions info@partner.org in passing.",
        "We close the argument here.",
    ]
    assert about[:4] == [
        "About Example Trust",
        "Example Trust is a charity supporting people in prison.",
        "promoting volunteering;",
        "tackling discrimination",
    ]
    assert about[-3:] == [
        "CONTACT DETAILS",
        "Jane Doe, Policy Officer (jane.doe@example.org)",
        "Registered charity: 1074546",
    ]
    assert "supporting people in prison and their families" in about


def test_organisation_name_heading_at_the_end() -> None:
    body, about, _ = split(
        """
        Our final recommendation is this.

        EXAMPLE TRUST

        Example Trust supports and campaigns for the sector.

        www.example.org/policy
        """
    )
    assert body == ["Our final recommendation is this."]
    assert about == [
        "EXAMPLE TRUST",
        "Example Trust supports and campaigns for the sector.",
        "www.example.org/policy",
    ]


def test_a_response_without_boilerplate_is_untouched() -> None:
    body, about, removed = split(
        "Introduction\n\nWe welcome the review.\n\nConclusion\n\nWe hope this helps."
    )
    assert body == ["Introduction", "We welcome the review.", "Conclusion", "We hope this helps."]
    assert about == [] and removed == []
