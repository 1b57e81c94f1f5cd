"""A reader takes a work to a reference manager: the export links open their files, and the
"Cite this" blocks pass axe-core in the light and the dark scheme."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import RUN_AXE, SCREENSHOTS

pytestmark = pytest.mark.browser
RESPONSE = "/responses/2012-03-noms-commissioning-intentions-discussion-document-2012-13/"
REFERENCE = "/references/clinks2011dust/"
SCHEMA = Path(__file__).resolve().parents[1] / "data" / "csl-data.json"
# What the file's type tells a browser: JSON opens, BibTeX and RIS go to a reference manager
# (Python's test server does not know .ris, and sends it as a download).
CONTENT_TYPES = {
    "BibTeX": {"text/x-bibtex"},
    "CSL-JSON": {"application/json"},
    "RIS": {"application/x-research-info-systems", "application/octet-stream"},
}


def export_links(browser: Any) -> dict[str, str]:
    paragraph = browser.find_element(By.XPATH, "//p[strong[text()='Export:']]")
    return {a.text: a.get_attribute("href") for a in paragraph.find_elements(By.TAG_NAME, "a")}


def parses(label: str, text: str) -> int:
    """How many works the file holds, read as a reference manager would."""
    if label == "BibTeX":
        from bibtexparser import parse_string  # type: ignore[attr-defined]

        library = parse_string(text)
        assert library.failed_blocks == []
        return len(library.entries)
    if label == "RIS":
        rispy = pytest.importorskip("rispy")
        return len(rispy.loads(text))
    return len(json.loads(text))


@pytest.mark.parametrize(("path", "works"), [(RESPONSE, 16), (REFERENCE, 1), ("/references/", 26)])
def test_each_export_link_serves_its_file(browser: Any, site_url: str, path: str, works: int) -> None:
    browser.get(site_url + path)
    links = export_links(browser)
    assert list(links) == ["BibTeX", "CSL-JSON", "RIS"]
    for label, address in links.items():
        with urllib.request.urlopen(address) as answer:
            assert answer.status == 200
            assert answer.headers.get_content_type() in CONTENT_TYPES[label], (label, address)
            assert parses(label, answer.read().decode("utf-8")) == works, (label, address)


def test_a_reader_opens_the_csl_json_of_a_work(browser: Any, site_url: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    browser.get(site_url + REFERENCE)
    browser.find_element(By.LINK_TEXT, "CSL-JSON").click()
    WebDriverWait(browser, 15).until(
        lambda b: b.current_url.endswith("/exports/references/clinks2011dust.json")
    )
    items = json.loads(browser.find_element(By.TAG_NAME, "body").text)
    assert list(jsonschema.Draft3Validator(json.loads(SCHEMA.read_text())).iter_errors(items)) == []
    assert items[0]["title"] == "When the dust settles"


def test_cite_this_response_shows_harvard_and_apa(browser: Any, site_url: str) -> None:
    browser.get(site_url + RESPONSE)
    heading = browser.find_element(By.ID, "cite-this-response")
    block = heading.find_elements(By.XPATH, "following-sibling::p")
    texts = [p.text for p in block[:3]]
    assert texts[0].startswith("Harvard: Clinks (2012) Clinks' response to NOMS")
    assert texts[1].startswith("APA: Clinks. (2012). Clinks' response to NOMS")
    emphasis = block[0].find_element(By.TAG_NAME, "em")
    assert emphasis.text.startswith("Clinks' response to NOMS")


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
@pytest.mark.parametrize("path", [RESPONSE, REFERENCE], ids=["response", "reference"])
def test_cite_blocks_have_no_serious_accessibility_violations(
    browser: Any, site_url: str, axe_source: str, path: str, scheme: str
) -> None:
    browser.get(site_url + path)
    browser.execute_script(
        "document.body.setAttribute('data-md-color-scheme', arguments[0]);"
        "document.querySelector('[id^=cite-this]').scrollIntoView();",
        scheme,
    )
    browser.execute_script(axe_source)
    browser.set_script_timeout(60)
    violations = browser.execute_async_script(RUN_AXE)
    name = path.strip("/").split("/")[0]
    browser.save_screenshot(str(SCREENSHOTS / f"axe-cite-{name}-{scheme}.png"))
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
