"""Boilerplate stage: set apart what is about the organisation, not the argument.

Three rules, none tied to one organisation's wording:

* the title line repeated at the top of the text (it is the page's title);
* sections under an "About <organisation>", "<organisation>" or "Contact"
  heading, up to the next heading or the first paragraph that speaks of the
  response itself;
* the back matter: the run of blocks at the end that are contact details,
  colophon lines (charity numbers, copyright, "Published"), bare web
  addresses, or fragments with no sentence in them.

Boilerplate is not dropped: the page shows it in a collapsed note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evidence_library.model import Block, BlockKind, Removed
from evidence_library.text.clean import ends_open

EMAIL = r"[\w.'+-]+@[\w-]+(?:\.[\w-]+)+"
UK_PHONE = r"(?<!\d)(?:\+44\s?|0)\d{2,4}[ ]?\d{3,4}[ ]?\d{3,4}(?!\d)"
POSTCODE = r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"
COLOPHON = (
    r"registered (?:charity|office|in england)|company limited by guarantee|"
    r"charity (?:no|number)|all rights reserved|©|\(c\) \d{4}"
)
LEAD_IN = r"^(?:published\b|for (?:further|more) information|get involved|follow us|contact us\b)"
SIGNAL = re.compile(rf"{EMAIL}|{UK_PHONE}|{POSTCODE}|{COLOPHON}|{LEAD_IN}", re.IGNORECASE)
BARE_ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.IGNORECASE)
SPEAKS_OF_RESPONSE = re.compile(
    r"\b(?:this|our|the following) (?:response|submission)\b|\bconsultation\b|"
    r"\bwelcomes? the opportunity\b",
    re.IGNORECASE,
)
CONTACT_HEADINGS = {"contact", "contacts", "contact details", "contact us", "about us"}


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s.]", " ", text.lower()).split())


def is_organisation_heading(text: str, organisation: str) -> bool:
    heading, name = _normal(text), _normal(organisation)
    return (
        heading in CONTACT_HEADINGS
        or heading in {name, f"about {name}", f"about the {name}"}
        or (bool(BARE_ADDRESS.match(heading)) and name.replace(" ", "") in heading)
    )


def is_back_matter(block: Block) -> bool:
    text = block.text.strip()
    fragment = block.kind is BlockKind.PARAGRAPH and ends_open(block)
    return bool(SIGNAL.search(text) or BARE_ADDRESS.match(text) or fragment)


def about_sections(blocks: Sequence[Block], organisation: str) -> list[bool]:
    """Flag blocks inside "About <organisation>" and contact sections."""
    flags = []
    inside = False
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            inside = is_organisation_heading(block.text, organisation) or (
                inside and bool(SIGNAL.search(block.text))
            )
        elif inside and SPEAKS_OF_RESPONSE.search(block.text):
            inside = False
        flags.append(inside)
    return flags


def separate_boilerplate(
    blocks: Sequence[Block], title: str, organisation: str
) -> tuple[tuple[Block, ...], tuple[Block, ...], tuple[Removed, ...]]:
    """Return (argument blocks, boilerplate blocks, the repeated title if any)."""
    removed: tuple[Removed, ...] = ()
    if blocks and _normal(blocks[0].text) == _normal(title):
        removed = (Removed("boilerplate.title", blocks[0].text, blocks[0].line),)
        blocks = blocks[1:]
    flags = about_sections(blocks, organisation)
    for index in reversed(range(len(blocks))):
        if not (flags[index] or is_back_matter(blocks[index])):
            break
        flags[index] = True
    body = tuple(b for b, flag in zip(blocks, flags, strict=True) if not flag)
    boilerplate = tuple(b for b, flag in zip(blocks, flags, strict=True) if flag)
    return body, boilerplate, removed
