import pytest

from evidence_library.publish.render import human_date


@pytest.mark.parametrize(
    ("iso", "expected"),
    [("2012-03", "March 2012"), ("2017-07-05", "5 July 2017"), ("1999-12", "December 1999")],
)
def test_dates_are_written_in_english(iso: str, expected: str) -> None:
    assert human_date(iso) == expected
