"""What a reader does: open the home page, a response, a note, search."""

from __future__ import annotations

from typing import Any

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import RUN_AXE, SCREENSHOTS

pytestmark = pytest.mark.browser
TITLE_2012 = "Clinks' response to NOMS Commissioning Intentions Discussion Document 2012-13"


def wait(browser: Any) -> WebDriverWait:  # type: ignore[type-arg]
    return WebDriverWait(browser, 15)


RESULT = ".evidence-result"


def result_mentions(browser: Any, words: str) -> bool:
    return any(words in r.text for r in browser.find_elements(By.CSS_SELECTOR, RESULT))


def search_from_the_header(browser: Any, site_url: str, query: str) -> None:
    browser.get(site_url + "/")
    field = browser.find_element(By.ID, "evidence-search")
    field.send_keys(query)
    field.submit()
    wait(browser).until(lambda b: "/search/" in b.current_url)


def test_home_lists_responses_and_a_reader_reaches_a_note(browser: Any, site_url: str) -> None:
    browser.get(site_url + "/")
    browser.save_screenshot(str(SCREENSHOTS / "home.png"))
    link = browser.find_element(By.LINK_TEXT, TITLE_2012)
    link.click()
    wait(browser).until(expected_conditions.title_contains("NOMS Commissioning"))
    assert browser.find_element(By.TAG_NAME, "h1").text == TITLE_2012
    browser.save_screenshot(str(SCREENSHOTS / "response.png"))

    references = browser.find_elements(By.CSS_SELECTOR, "a.footnote-ref")
    assert len(references) == 19
    references[3].click()
    wait(browser).until(lambda b: b.current_url.endswith("#fn:4"))
    note = browser.find_element(By.ID, "fn:4")
    assert "When the dust settles" in note.text
    assert note.is_displayed()


def test_boilerplate_is_collapsed_until_opened(browser: Any, site_url: str) -> None:
    browser.get(site_url + "/responses/2017-07-inspection-framework-and-programmes/")
    details = browser.find_element(By.CSS_SELECTOR, "details.info")
    assert details.get_attribute("open") is None
    paragraph = details.find_elements(By.TAG_NAME, "p")[0]
    assert not paragraph.is_displayed()
    details.find_element(By.TAG_NAME, "summary").click()
    assert "membership organisation" in details.text


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        pytest.param("desistance", "Clinks' response to NOMS Commissioning", id="a-response-by-its-words"),
        pytest.param("consults with providers", "Positions: ", id="a-recommendation-by-its-words"),
        pytest.param("Maruna", "Cited work: The desistance paradigm", id="a-cited-work-by-its-author"),
    ],
)
def test_search_finds_each_kind_and_says_which(browser: Any, site_url: str, query: str, kind: str) -> None:
    search_from_the_header(browser, site_url, query)
    # Results re-render as the index loads and the query runs: look again until they settle.
    patient = WebDriverWait(browser, 15, ignored_exceptions=[StaleElementReferenceException])
    assert patient.until(lambda b: result_mentions(b, kind))
    browser.save_screenshot(str(SCREENSHOTS / f"search-{query.split()[0]}.png"))


def test_a_footnote_leads_to_its_reference_page_and_back(browser: Any, site_url: str) -> None:
    browser.get(site_url + "/responses/2017-07-inspection-framework-and-programmes/")
    note = browser.find_element(By.ID, "fn:6")
    note.find_element(By.PARTIAL_LINK_TEXT, "Change and Challenge").click()
    wait(browser).until(lambda b: "/references/clinks2016change/" in b.current_url)
    browser.save_screenshot(str(SCREENSHOTS / "reference.png"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Cited work: Change and Challenge")
    rows = browser.find_elements(By.CSS_SELECTOR, "table tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[2].text for r in rows] == ["3", "5", "6"]
    rows[2].find_elements(By.TAG_NAME, "td")[2].find_element(By.TAG_NAME, "a").click()
    wait(browser).until(
        lambda b: b.current_url.endswith("/responses/2017-07-inspection-framework-and-programmes/#fn:6")
    )
    assert "ibic" in browser.find_element(By.ID, "fn:6").text


def test_search_finds_a_cited_work_and_says_what_it_is(browser: Any, site_url: str) -> None:
    search_from_the_header(browser, site_url, "Localising justice")
    patient = WebDriverWait(browser, 15, ignored_exceptions=[StaleElementReferenceException])
    patient.until(lambda b: result_mentions(b, "Cited work: Localising justice"))
    browser.save_screenshot(str(SCREENSHOTS / "search-cited-work.png"))
    link = next(
        r.find_element(By.CSS_SELECTOR, "a.evidence-result__link")
        for r in browser.find_elements(By.CSS_SELECTOR, RESULT)
        if "Cited work: Localising justice" in r.text
    )
    link.click()
    wait(browser).until(lambda b: "/references/clinks2010localising/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Cited work: Localising justice"


def test_a_theme_leads_to_a_recommendation_in_its_response(browser: Any, site_url: str) -> None:
    browser.get(site_url + "/positions/")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Commissioning and funding").click()
    wait(browser).until(lambda b: "/positions/commissioning-funding/" in b.current_url)
    browser.save_screenshot(str(SCREENSHOTS / "positions.png"))
    item = browser.find_element(
        By.XPATH, "//li[contains(., 'Clinks would recommend that NOMS consults with providers')]"
    )
    item.find_element(By.TAG_NAME, "a").click()
    wait(browser).until(lambda b: "#position-" in b.current_url)
    anchor = browser.current_url.rsplit("#", 1)[1]
    paragraph = browser.find_element(By.XPATH, f"//*[@id='{anchor}']/..")
    assert "Clinks would recommend that NOMS consults with providers" in paragraph.text


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/responses/2012-03-noms-commissioning-intentions-discussion-document-2012-13/",
        "/references/clinks2011dust/",
        "/positions/commissioning-funding/",
    ],
)
def test_no_serious_accessibility_violations(browser: Any, site_url: str, axe_source: str, path: str) -> None:
    browser.get(site_url + path)
    browser.execute_script(axe_source)
    browser.set_script_timeout(60)
    violations = browser.execute_async_script(RUN_AXE)
    name = path.strip("/").replace("/", "-") or "home"
    browser.save_screenshot(str(SCREENSHOTS / f"axe-{name}.png"))
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
