"""Turn contributor text into Markdown that can only mean what we allow.

Contributor text is untrusted. Everything is escaped except three things we
check and rebuild ourselves: emphasis with `*`, Markdown links and
autolinks whose address is http, https or mailto. Links to anything else
(`#`, `javascript:`, `data:`) keep their words and lose the address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SAFE_URL = re.compile(r"^(?:https?://[^\s<>\"'`\\(){}|^]+|mailto:[^\s<>\"'`\\(){}|^]+@[^\s<>\"'`\\(){}|^]+)$")
LINK = re.compile(r"\[(?P<words>[^\[\]\n]{0,500})\]\((?P<address>[^()\s]{0,2000})\)")
AUTOLINK = re.compile(r"<(?P<address>[a-zA-Z][a-zA-Z0-9+.-]{1,20}:[^<>\s]{1,2000})>")
ANY_LINK = re.compile(
    r"\[[^\[\]\n]{0,500}\]\([^()\s]{0,2000}\)"
    r"|<[a-zA-Z][a-zA-Z0-9+.-]{1,20}:[^<>\s]{1,2000}>"
    r"|\b(?:https?://|www\.)[^\s<>\"'`\\(){}|^\[\]]{1,2000}"
)
TRAILING_PUNCTUATION = ".,;:!?'\"’”*_"
ESCAPES = {
    "\\": "\\\\",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "[": "\\[",
    "]": "\\]",
    "{": "\\{",
    "}": "\\}",
    "#": "\\#",
    "`": "\\`",
    "|": "\\|",
}
ESCAPE_PAIRS = tuple(ESCAPES.items())  # backslash first, & before the entities that use it
LINE_START = re.compile(r"^(\s*)(?:(\d+)([.)])(?=\s|$)|([-+*])(?=\s|$))")


@dataclass(frozen=True)
class LinkFinding:
    """A link whose address was removed, for the report."""

    words: str
    address: str
    unsafe: bool  # True for a scheme that could run code; False for a dead '#' link


def escape_text(text: str) -> str:
    """Escape characters that could form HTML or Markdown constructs."""
    # A chain of replaces is many times faster than str.translate with a table of strings.
    for character, escaped in ESCAPE_PAIRS:
        if character in text:
            text = text.replace(character, escaped)
    return text


def _link_target(address: str) -> str | None:
    if address.lower().startswith("www."):
        address = "http://" + address
    return address if SAFE_URL.match(address) else None


def _split_trailing(address: str) -> tuple[str, str]:
    stripped = address.rstrip(TRAILING_PUNCTUATION)
    return stripped, address[len(stripped) :]


def inline(text: str, findings: list[LinkFinding] | None = None) -> str:
    """Contributor text -> safe inline Markdown, keeping `*emphasis*` and safe links."""
    pieces: list[str] = []
    position = 0
    for match in ANY_LINK.finditer(text):
        pieces.append(escape_text(text[position : match.start()]))
        pieces.append(_render_link(match.group(0), findings))
        position = match.end()
    pieces.append(escape_text(text[position:]))
    return "".join(pieces)


def _render_link(raw: str, findings: list[LinkFinding] | None) -> str:
    if (link := LINK.fullmatch(raw)) is not None:
        words, address = link.group("words"), link.group("address")
        target = _link_target(address)
        if target is None:
            if findings is not None:
                findings.append(LinkFinding(words, address, unsafe=address not in ("", "#")))
            return escape_text(words)
        return f"[{escape_text(words)}]({target})"
    if (auto := AUTOLINK.fullmatch(raw)) is not None:
        target = _link_target(auto.group("address"))
        if target is None:
            if findings is not None:
                findings.append(LinkFinding(raw, auto.group("address"), unsafe=True))
            return escape_text(raw)
        return f"<{target}>"
    address, trailing = _split_trailing(raw)
    target = _link_target(address)
    if target is None:
        return escape_text(raw)
    return f"<{target}>{escape_text(trailing)}"


def block_start(markdown: str) -> str:
    """Escape a list or quote marker at the start of a line of our own output."""

    def escape(match: re.Match[str]) -> str:
        indent, number, delimiter, bullet = match.groups()
        return indent + (f"{number}\\{delimiter}" if number else f"\\{bullet}")

    return LINE_START.sub(escape, markdown, count=1)


UNSEARCHED = "unsearched"  # the class of a page's parts that search leaves out (publish/search.py)


def unsearched(markdown: str) -> str:
    """A part of a page that search leaves out: what every page of its kind repeats (a citation to
    copy, its BibTeX, links to other pages), so that a query finds the pages whose own text has its
    words. Needs the `md_in_html` extension (mkdocs.yml) for the Markdown inside to be converted."""
    return f'<div class="{UNSEARCHED}" markdown="1">\n\n{markdown}\n\n</div>' if markdown else ""


def fenced(body: str, language: str) -> str:
    """A fenced code block whose fence is longer than any run of backticks in `body`."""
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    return f"{fence}{language}\n{body}\n{fence}"


IRREGULAR_PLURALS = {"body": "bodies", "consulting body": "consulting bodies", "person": "people"}


def counted(number: int, noun: str) -> str:
    """'1 response', '3 responses', '0 responses': a count in plain words, never 'response(s)'."""
    if number == 1:
        return f"1 {noun}"
    return f"{number:,} {IRREGULAR_PLURALS.get(noun, noun + 's')}"
