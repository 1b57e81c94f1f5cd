"""Charts drawn at build time: counting, binning, and the SVG with its table of numbers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from evidence_library.publish.charts import Chart, _ticks, age_histogram, counts_per_year, render_chart


def test_counts_per_year_fill_the_gaps_between_years() -> None:
    assert counts_per_year(["2014", "2012", "2012", "", "n.d."]) == (("2012", 2), ("2013", 0), ("2014", 1))


def test_no_dated_year_is_no_bars() -> None:
    assert counts_per_year(["", "undated"]) == ()
    assert render_chart(Chart("c", "Nothing", (), "Year", "Responses")) == ""


def test_ages_fall_in_their_bins_and_later_editions_count_as_new() -> None:
    assert age_histogram([0, -1, 1, 3, 4, 5, 6, 10, 11, 21, 40]) == (
        ("0", 2),
        ("1", 1),
        ("2", 0),
        ("3", 1),
        ("4–5", 2),
        ("6–10", 2),
        ("11–20", 1),
        ("21 or more", 2),
    )


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        pytest.param(0, [0], id="empty"),
        pytest.param(3, [0, 1, 2, 3], id="small"),
        pytest.param(7, [0, 2, 4, 6, 8], id="rounded-up"),
        pytest.param(100, [0, 50, 100], id="exact"),
    ],
)
def test_the_value_axis_has_a_few_round_ticks_reaching_the_top(top: int, ticks: list[int]) -> None:
    assert _ticks(top) == ticks


def test_a_chart_is_a_named_picture_with_its_numbers_in_a_table() -> None:
    chart = Chart(
        "per-year", "Responses per year", (("2012", 2), ("2013", 0), ("2014", 5)), "Year", "Responses"
    )
    markup = render_chart(chart)
    assert "\n" not in markup  # one block for Markdown, passed through whole
    figure = ElementTree.fromstring(markup.replace('xmlns="http://www.w3.org/2000/svg"', ""))
    svg = figure.find("svg")
    assert svg is not None
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "per-year-caption"
    assert figure.findtext("figcaption") == "Responses per year"
    heights = [float(rect.get("height", "")) for rect in svg.iter("rect")]
    assert heights[1] == 0 and heights[2] > heights[0] > 0
    assert heights[2] / heights[0] == pytest.approx(5 / 2)
    cells = [[cell.text for cell in row] for row in figure.iter("tr")]
    assert cells == [["Year", "Responses"], ["2012", "2"], ["2013", "0"], ["2014", "5"]]
    summary = figure.find("p")
    assert summary is not None and summary.get("id") == "per-year-summary"
    assert summary.text == "Responses: 7 in all, from 2012 to 2014; the most, 5, in 2014."


def test_labels_are_escaped_and_thinned_out_when_there_are_many_bars() -> None:
    bars = tuple((f"<{year}>", 1) for year in range(1990, 2030))
    markup = render_chart(Chart("many", "A & B", bars, "Year", "Citations"))
    assert "&lt;1990&gt;" in markup and "<1990>" not in markup
    assert "A &amp; B" in markup
    axis_labels = re.findall(r'text-anchor="middle">([^<]*)</text>', markup)
    assert 8 <= len(axis_labels) <= 16
    assert axis_labels[0] == "&lt;1990&gt;"
