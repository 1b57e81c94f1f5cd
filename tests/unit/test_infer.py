import pytest

from evidence_library.ingest.infer import infer_date, infer_metadata, source_slug


def test_title_line_names_organisation_and_consultation() -> None:
    found = infer_metadata(
        "\n\nClinks' response to NOMS Commissioning Intentions Discussion Document 2012-13\n\n"
        "About Clinks\n\nText.\n\nPublished: March 2012\n"
    )
    assert found == {
        "title": "Clinks' response to NOMS Commissioning Intentions Discussion Document 2012-13",
        "date": "2012-03",
        "organisation": "Clinks",
        "consultation": "NOMS Commissioning Intentions Discussion Document 2012-13",
        "consulting_body": "NOMS",
    }


def test_without_a_title_line_the_rest_is_still_found() -> None:
    found = infer_metadata(
        "About Nacro\n\n"
        "In order to respond to HM Inspectorate of Probation's consultation questions we ...\n\n"
        "July 2017\n\nText\n\nJuly 2017\n"
    )
    assert found["organisation"] == "Nacro"
    assert found["consulting_body"] == "HM Inspectorate of Probation"
    assert found["date"] == "2017-07"
    assert found["title"] == "" and found["consultation"] == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published: 5 March 2012", "2012-03-05"),
        ("Date: June 2019", "2019-06"),
        ("nothing here", ""),
        ("July 2017\n\ntext\n\nJune 2016 is mentioned\n\nJuly 2017", "2017-07"),
    ],
)
def test_infer_date(text: str, expected: str) -> None:
    assert infer_date(text) == expected


def test_slug_is_safe_and_dated() -> None:
    assert (
        source_slug({"date": "2012-03", "consultation": "../../etc/passwd <x>"}, "f")
        == "2012-03-etc-passwd-x"
    )
    assert source_slug({}, "raw file") == "raw-file"
