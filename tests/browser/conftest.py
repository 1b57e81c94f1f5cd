"""Serve a built copy of the library on 127.0.0.1 and drive Debian's Chromium."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from evidence_library.cli import main
from tests.conftest import copy_library

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
SCREENSHOTS = Path(__file__).parent / "screenshots"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def built_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the library, generated and built (docs/ and site/ filled in)."""
    root = copy_library(tmp_path_factory.mktemp("browser"))
    assert main(["--root", str(root), "build", "--strict"]) == 0
    return root


@pytest.fixture(scope="session")
def site_url(built_library: Path) -> Iterator[str]:
    root = built_library
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium and chromium-driver: .ci/run installs them")
        pytest.skip("Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    SCREENSHOTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Colours are checked as they settle, not halfway through a transition: Material fades a table of
# contents link (125 ms) when a scroll marks it passed, and axe once caught one mid-fade.
RUN_AXE = """
const done = arguments[arguments.length - 1];
const still = document.createElement("style");
still.textContent = "*, *::before, *::after {transition: none !important; animation: none !important}";
document.head.appendChild(still);
requestAnimationFrame(() => requestAnimationFrame(() =>
  axe.run(document, {resultTypes: ["violations"]}).then(result => done(result.violations.map(v => (
    {id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}
  ))))
));
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("CI must have axe-core: `make test` installs it with npm")
        pytest.skip("axe-core is not installed (npm ci)")
    return AXE.read_text()
