"""Faceted search, the evidence explorer and its charts, as a reader uses them."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import RUN_AXE, SCREENSHOTS

pytestmark = pytest.mark.browser
THEME = "Commissioning and funding"


def patient(browser: Any) -> WebDriverWait:  # type: ignore[type-arg]
    return WebDriverWait(browser, 15, ignored_exceptions=[StaleElementReferenceException])


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return dict(yaml.safe_load(text.split("---\n")[1]))


def responses_on(library: Path, theme: str, year: str = "") -> int:
    """How many responses of the built library have the theme (and year), from their front matter."""
    found = 0
    for page in sorted((library / "docs" / "responses").glob("*.md")):
        meta = front_matter(page)
        if theme in meta.get("tags", []) and str(meta.get("date", "")).startswith(year):
            found += 1
    return found


def count_text(browser: Any) -> str:
    return str(browser.find_element(By.ID, "evidence-search-count").text)


def result_titles(browser: Any) -> list[str]:
    return [
        e.text
        for e in browser.find_elements(By.CSS_SELECTOR, "#evidence-search-results .evidence-result__link")
    ]


def tick(browser: Any, filter_name: str, value: str) -> None:
    box = browser.find_element(By.CSS_SELECTOR, f"input[name='{filter_name}'][value='{value}']")
    if not box.is_displayed():  # a long list starts folded: open it as a reader would
        box.find_element(By.XPATH, "ancestor::details/summary").click()
    browser.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").click()


def test_typing_in_the_header_shows_results_without_leaving_the_page(browser: Any, site_url: str) -> None:
    start = site_url + "/responses/2017-07-inspection-framework-and-programmes/"
    browser.get(start)
    field = browser.find_element(By.ID, "evidence-search")
    field.send_keys("desistance")
    panel = browser.find_element(By.ID, "evidence-search-panel")
    patient(browser).until(
        lambda b: panel.is_displayed() and "Cited work: The desistance paradigm" in panel.text
    )
    assert browser.current_url == start
    status = browser.find_element(By.ID, "evidence-search-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("textContent").endswith("results for “desistance”")
    browser.save_screenshot(str(SCREENSHOTS / "search-panel.png"))

    field.send_keys(Keys.ARROW_DOWN)  # the keyboard reaches the results, Escape closes them
    first = browser.switch_to.active_element
    assert "evidence-result__link" in first.get_attribute("class").split()
    first.send_keys(Keys.ESCAPE)
    assert not panel.is_displayed()
    assert browser.switch_to.active_element == field

    field.send_keys(Keys.ENTER)  # Enter opens the search page with the query
    patient(browser).until(lambda b: "/search/" in b.current_url)
    patient(browser).until(lambda b: "“desistance”" in count_text(b))
    assert parse_qs(urlparse(browser.current_url).query) == {"q": ["desistance"]}


def test_filters_narrow_the_results_to_the_right_number_and_the_address_keeps_them(
    browser: Any, site_url: str, built_library: Path
) -> None:
    on_theme = responses_on(built_library, THEME)
    in_2017 = responses_on(built_library, THEME, "2017")
    assert on_theme > in_2017 > 0  # the library makes the test meaningful
    browser.get(site_url + "/search/")
    patient(browser).until(lambda b: b.find_elements(By.CSS_SELECTOR, "input[name='kind']"))
    tick(browser, "kind", "Response")
    patient(browser).until(lambda b: count_text(b).startswith(("1 result", "2 results", "3 results")))
    tick(browser, "theme", THEME)
    patient(browser).until(lambda b: count_text(b).startswith(f"{on_theme} result"))
    assert len(result_titles(browser)) == on_theme
    label = browser.find_element(By.CSS_SELECTOR, "label[for^='evidence-filter-year-']").text
    assert label.endswith(")")  # each value shows how many results it would leave
    tick(browser, "year", "2017")
    patient(browser).until(lambda b: count_text(b).startswith(f"{in_2017} result"))
    titles = result_titles(browser)
    assert len(titles) == in_2017
    shared = browser.current_url
    assert parse_qs(urlparse(shared).query) == {"kind": ["Response"], "theme": [THEME], "year": ["2017"]}
    browser.save_screenshot(str(SCREENSHOTS / "search-filtered.png"))

    browser.get(site_url + "/")  # someone else opens the shared address
    browser.get(shared)
    patient(browser).until(lambda b: count_text(b).startswith(f"{in_2017} result"))
    assert result_titles(browser) == titles
    box = browser.find_element(By.CSS_SELECTOR, "input[name='year'][value='2017']")
    assert box.is_selected()


def test_since_and_sort_by_date_come_back_from_the_address(browser: Any, site_url: str) -> None:
    for order, first in (
        ("newest", "Clinks' response to HM Inspectorate"),
        ("oldest", "Clinks' response to NOMS"),
    ):
        browser.get(site_url + f"/search/?kind=Response&sort={order}")
        patient(browser).until(lambda b: count_text(b).startswith("2 results"))
        assert result_titles(browser)[0].startswith(first)
        assert browser.find_element(By.ID, "evidence-search-sort").get_attribute("value") == order
    browser.get(site_url + "/search/?kind=Response&since=2015")
    patient(browser).until(lambda b: count_text(b).startswith("1 result,"))
    assert "since 2015" in count_text(browser)
    assert result_titles(browser)[0].startswith("Clinks' response to HM Inspectorate of Probation")


def test_explorer_pages_list_the_expected_works(browser: Any, site_url: str) -> None:
    browser.get(site_url + "/")
    browser.find_element(By.LINK_TEXT, "Explore").click()
    patient(browser).until(lambda b: b.current_url.endswith("/explore/"))
    browser.find_element(By.PARTIAL_LINK_TEXT, "Cited organisations").click()
    browser.find_element(By.LINK_TEXT, "HM Inspectorate of Probation").click()
    patient(browser).until(lambda b: "/explore/organisations/hm-inspectorate-of-probation/" in b.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "article table:not(.evidence-chart__table) tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows] == ["Towards Race Equality"]

    browser.get(site_url + "/explore/most-cited/")
    rows = browser.find_elements(By.CSS_SELECTOR, "article table:not(.evidence-chart__table) tbody tr")
    cited = [int(r.find_elements(By.TAG_NAME, "td")[3].text) for r in rows]
    assert cited == sorted(cited, reverse=True) and len(rows) > 5
    titles = [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows]
    notes = [int(r.find_elements(By.TAG_NAME, "td")[4].text) for r in rows]
    assert titles[0] == "When the dust settles" and notes[0] == max(notes)  # cited most often
    assert any(title.startswith("Change and Challenge") for title in titles)

    browser.get(site_url + "/references/clinks2017good/")
    supported = browser.find_element(By.ID, "recommendations-it-supports")
    assert supported.tag_name == "h2"


def test_charts_render_with_their_text_alternative(browser: Any, site_url: str) -> None:
    browser.get(site_url + "/explore/")
    figures = browser.find_elements(By.CSS_SELECTOR, "figure.evidence-chart")
    assert len(figures) == 3
    for figure in figures:
        picture = figure.find_element(By.CSS_SELECTOR, "svg[role='img']")
        assert picture.size["width"] > 200 and picture.size["height"] > 50
        caption = browser.find_element(By.ID, picture.get_attribute("aria-labelledby"))
        assert caption.tag_name == "figcaption" and caption.text
        bars = figure.find_elements(By.CSS_SELECTOR, "rect.evidence-chart__bar")
        figure.find_element(By.TAG_NAME, "summary").click()
        table_rows = figure.find_elements(By.CSS_SELECTOR, "details table tbody tr")
        assert len(table_rows) == len(bars) > 0
        assert table_rows[0].is_displayed()
    browser.save_screenshot(str(SCREENSHOTS / "explore-charts.png"))
    years = figures[0].find_elements(By.CSS_SELECTOR, "tbody td:first-child")
    labels = [y.get_attribute("textContent") for y in years]
    assert labels[0] == "2012" and labels[-1] == "2017"


def use_scheme(browser: Any, scheme: str) -> None:
    """Pick the palette the way a reader does: Material's toggle in the header."""
    current = browser.execute_script("return document.body.getAttribute('data-md-color-scheme')")
    if current != scheme:
        toggle = next(
            label
            for label in browser.find_elements(By.CSS_SELECTOR, "form[data-md-component='palette'] label")
            if label.is_displayed()
        )
        toggle.click()
        patient(browser).until(
            lambda b: b.execute_script("return document.body.getAttribute('data-md-color-scheme')") == scheme
        )


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize(
    "path",
    [
        "/explore/",
        "/explore/most-cited/",
        "/explore/organisations/hm-inspectorate-of-probation/",
        "/explore/themes/commissioning-funding/",
        "/positions/",
        "/references/clinks2017good/",
        f"/search/?kind=Response&theme={THEME.replace(' ', '+')}",
        "panel",  # the home page with the header's results open
    ],
)
def test_no_serious_accessibility_violations_in_either_scheme(
    browser: Any, site_url: str, axe_source: str, path: str, scheme: str
) -> None:
    browser.get(site_url + ("/" if path == "panel" else path))
    use_scheme(browser, scheme)
    if path == "panel":
        browser.find_element(By.ID, "evidence-search").send_keys("probation")
        patient(browser).until(lambda b: b.find_element(By.ID, "evidence-search-panel").is_displayed())
    elif path.startswith("/search/"):
        patient(browser).until(lambda b: result_titles(b))
    browser.execute_script(axe_source)
    browser.set_script_timeout(60)
    violations = browser.execute_async_script(RUN_AXE)
    name = path.strip("/").split("?")[0].replace("/", "-") or "home"
    browser.save_screenshot(str(SCREENSHOTS / f"axe-{name}-{scheme}.png"))
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
