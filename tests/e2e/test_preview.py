"""`evidence-library serve`: the live preview has search, and follows edits to a source."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

SLUG = "2017-07-inspection-framework-and-programmes"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def eventually(check: Callable[[], bool], seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def test_the_preview_has_search_and_follows_an_edited_source(library: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    preview = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "evidence_library",
            "--root",
            str(library),
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert eventually(lambda: "Inspection" in fetch(f"{base}/responses/{SLUG}/"))
        entry = f"{base}/pagefind/pagefind-entry.json"
        assert eventually(lambda: '"languages"' in fetch(entry))
        before = fetch(entry)
        source = next((library / "sources").glob(f"{SLUG}*"))
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("Overview", "Overview of a preview edit", 1), encoding="utf-8")
        assert eventually(lambda: "Overview of a preview edit" in fetch(f"{base}/responses/{SLUG}/"))
        # the index of the edited text has another hash
        assert eventually(lambda: '"languages"' in fetch(entry) and fetch(entry) != before)
    finally:
        preview.terminate()
        _, errors = preview.communicate(timeout=30)
    assert "Traceback" not in errors
    assert "has no search" not in errors
