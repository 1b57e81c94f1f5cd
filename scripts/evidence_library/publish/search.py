"""The site's search index: Pagefind, fed each page's HTML by the MkDocs plugin.

Pagefind's command line reads a finished site and its pages' whole HTML.
Its service mode (`pagefind --service`, the protocol its own Python and Node
packages speak: base64-encoded JSON messages, each followed by a comma)
takes pages from us instead: the plugin hands it each page's converted
content, with its filters, and asks for the index to be written.

Under `mkdocs serve` the plugin feeds the service as MkDocs converts
(`SearchIndexer`). `evidence-library build` keeps the pages in a file while
MkDocs runs (`PageSpool`) and feeds the service from it once MkDocs has
ended (`index_spooled`): Pagefind holds the whole index at its peak, and so
does MkDocs, so the two peaks come one after the other rather than one on
top of the other.

The Python package's own client waits a tenth of a second between replies,
which is minutes for a thousand pages; this one reads them as they come.
"""

from __future__ import annotations

import base64
import html
import json
import queue
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Protocol

from evidence_library.publish.markup import UNSEARCHED

ROOT_SELECTOR = "article"  # index the page's text, not Material's navigation
# the ¶ after each heading, and what pages repeat: citations to copy, BibTeX, links to other pages
EXCLUDE_SELECTORS = [".headerlink", f".{UNSEARCHED}"]
# Pages search leaves out whole: listings that only repeat what the pages they list hold, so that a
# search leads to the response or the work itself. The explorer has filters of its own; the tags page
# lists every page's title. At N = 10,000 they are 10% of the HTML to index (36 of 337 MB).
UNSEARCHED_PAGES = ("explore/", "tags.md")


def searched(src_uri: str) -> bool:
    """Whether a page (by its Markdown file's path under docs/) goes into the search index."""
    return not src_uri.startswith(UNSEARCHED_PAGES)


WRITE_TIMEOUT = 600.0  # seconds to wait for the index to be written before giving up
QUEUED_PAGES = 32  # pages waiting to be sent: a faster reader waits for Pagefind rather than fill memory
# Pages sent that Pagefind has not answered yet. Its service reads every message as it comes into a
# queue of its own without a bound, so without this the pages it has not indexed yet pile up there.
PAGES_IN_FLIGHT = 64


class SearchIndexError(Exception):
    """Pagefind could not be started, or failed to index or write."""


def page_html(title: str, content: str, language: str, facets: str = "") -> str:
    """A page as Pagefind reads it: the content MkDocs converted, in the element it indexes,
    after `facets`, the markup of its filters, metadata and sort keys (see `search_facets.py`)."""
    head = f'<html lang="{html.escape(language)}"><head><title>{html.escape(title)}</title></head>'
    return f"<!DOCTYPE html>{head}<body><{ROOT_SELECTOR}>{facets}{content}</{ROOT_SELECTOR}></body></html>"


def _executable() -> str:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchIndexError("the pagefind program is not installed")
    return str(found)


def _encode(message_id: int, payload: dict[str, Any]) -> bytes:
    message = {"message_id": message_id, "payload": payload}
    return base64.b64encode(json.dumps(message).encode("utf-8")) + b","


class PageIndexer(Protocol):
    """What the plugin hands pages to: Pagefind's service, or a spool for it."""

    def add_page(self, url: str, html: str) -> None: ...
    def start_writing(self, folder: Path) -> None: ...
    def wait_written(self) -> int: ...
    def close(self) -> None: ...


class PageSpool:
    """Pages for the index, kept one per line in a file while MkDocs builds (`index_spooled` reads them)."""

    def __init__(self, path: Path) -> None:
        self._stream = path.open("w", encoding="utf-8")
        self._pages = 0

    def add_page(self, url: str, html: str) -> None:
        self._stream.write(json.dumps([url, html]) + "\n")
        self._pages += 1

    def start_writing(self, folder: Path) -> None:
        """Nothing to write yet: `index_spooled` writes the index once MkDocs has ended."""

    def wait_written(self) -> int:
        self._stream.flush()
        return self._pages

    def close(self) -> None:
        self._stream.close()


def spooled_pages(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            url, page = json.loads(line)
            yield url, page


def index_spooled(spool: Path, folder: Path) -> int:
    """Index the spooled pages and write the index into `folder`; the number of pages in it."""
    indexer = SearchIndexer()
    try:
        for url, page in spooled_pages(spool):
            indexer.add_page(url, page)
        indexer.start_writing(folder)
        return indexer.wait_written()
    finally:
        indexer.close()


class SearchIndexer:
    """One Pagefind index, built page by page, written once at the end.

    Messages queue for a writer thread, and a reader thread collects the
    replies. `add_page` waits while PAGES_IN_FLIGHT pages are unanswered, so
    what Pagefind holds unindexed stays bounded; nothing else waits but
    `wait_written`. Errors are kept and raised by `wait_written`."""

    def __init__(self) -> None:
        try:
            self._process = subprocess.Popen(
                [_executable(), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise SearchIndexError(f"pagefind could not be started: {error}") from error
        self._outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUED_PAGES)
        self._replies: dict[int, threading.Event] = {}
        self._in_flight = threading.BoundedSemaphore(PAGES_IN_FLIGHT)
        self._pages_unanswered: set[int] = set()
        self._payloads: dict[int, dict[str, Any]] = {}
        self._errors: list[str] = []
        self._lock = threading.Lock()
        self._next_id = 0
        threading.Thread(target=self._send_queued, args=(self._process.stdin,), daemon=True).start()
        threading.Thread(target=self._read_replies, args=(self._process.stdout,), daemon=True).start()
        self._written: int | None = None  # the id of the request to write the index
        config = {"root_selector": ROOT_SELECTOR, "exclude_selectors": EXCLUDE_SELECTORS}
        try:
            reply = self._wait(self._request({"type": "NewIndex", "config": config}), "NewIndex")
        except SearchIndexError:
            self.close()
            raise
        self._index_id = int(reply["index_id"])

    def add_page(self, url: str, html: str) -> None:
        """Index one page, found by readers at `url` (from the site's root, like `/a/b/`)."""
        self._until(lambda timeout: self._in_flight.acquire(timeout=timeout), "pagefind stopped taking pages")
        payload = {"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": html}
        self._request(payload, page=True)

    def start_writing(self, folder: Path) -> None:
        """Ask for the index to be written into `folder` (the site's `pagefind/`) once the pages are in."""
        payload = {"type": "WriteFiles", "index_id": self._index_id, "output_path": str(folder)}
        self._written = self._request(payload)

    def wait_written(self) -> int:
        """Wait until the index is written; the number of pages in it."""
        if self._written is None:
            raise SearchIndexError("no page reached the search index")
        self._wait(self._written, "WriteFiles")
        with self._lock:
            if self._errors:
                raise SearchIndexError("; ".join(self._errors[:3]))
            return sum(1 for p in self._payloads.values() if p.get("type") == "IndexedFile")

    def close(self) -> None:
        self._process.terminate()  # first: a send waiting on Pagefind fails, and the queue drains
        self._process.wait()
        self._outbox.put(None)

    def _request(self, payload: dict[str, Any], page: bool = False) -> int:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            self._replies[message_id] = threading.Event()
            if page:
                self._pages_unanswered.add(message_id)
        try:
            self._outbox.put(_encode(message_id, payload), timeout=WRITE_TIMEOUT)
        except queue.Full:
            raise SearchIndexError("pagefind stopped taking pages") from None
        return message_id

    def _until(self, ready: Callable[[float], bool], failure: str) -> None:
        """Wait for `ready(timeout)` in slices, so a Pagefind that died is noticed rather than waited
        on for ever; SearchIndexError(failure) if it died or WRITE_TIMEOUT passed."""
        waited = 0.0
        while not ready(0.5):
            waited += 0.5
            if self._process.poll() is not None or waited > WRITE_TIMEOUT:
                raise SearchIndexError(failure)

    def _wait(self, message_id: int, what: str) -> dict[str, Any]:
        self._until(self._replies[message_id].wait, f"pagefind stopped before it replied ({what})")
        reply = self._payloads[message_id]
        if reply.get("type") == "Error":
            raise SearchIndexError(str(reply.get("message")))
        return reply

    def _send_queued(self, stdin: IO[bytes]) -> None:
        broken = False
        while (message := self._outbox.get()) is not None:
            if broken:
                continue  # keep taking messages, so that no sender waits on a full queue
            try:
                stdin.write(message)
                if self._outbox.empty():
                    stdin.flush()
            except (BrokenPipeError, ValueError):
                with self._lock:
                    self._errors.append("pagefind stopped while pages were being sent")
                broken = True

    def _read_replies(self, stdout: IO[bytes]) -> None:
        pending = b""
        while chunk := stdout.read1(1 << 16):  # type: ignore[attr-defined]
            pending += chunk
            *complete, pending = pending.split(b",")
            for encoded in complete:
                try:
                    reply = json.loads(base64.b64decode(encoded))
                except ValueError:  # not a reply (a stray line of output): say so, read on
                    with self._lock:
                        self._errors.append(f"pagefind wrote something unreadable: {encoded[:80]!r}")
                    continue
                self._take_reply(reply)

    def _take_reply(self, reply: dict[str, Any]) -> None:
        message_id, payload = reply.get("message_id"), reply.get("payload") or {}
        with self._lock:
            if payload.get("type") == "Error":
                self._errors.append(str(payload.get("message")))
            if message_id is None or message_id not in self._replies:
                return
            if message_id in self._pages_unanswered:
                self._pages_unanswered.discard(message_id)
                self._in_flight.release()
            self._payloads[message_id] = payload
            self._replies[message_id].set()
