"""A citation -> a biblatex entry that biber's datamodel accepts: its type and its fields, as text.

Each type has mandatory fields and allowed ones (biblatex's `blx-dm.def`).
A citation that lacks a mandatory field falls back to a type that does not
need it (a chapter with no editors is an @inbook; a report with no
institution, a news leader with no author, anything without its
essentials, a @misc), and what a type cannot hold goes into `howpublished`
or `addendum` rather than being lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from evidence_library.model import Citation, EntryType

MANDATORY: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("author",), ("title",), ("journaltitle",)),
    "book": (("author",), ("title",)),
    "collection": (("editor",), ("title",)),
    "incollection": (("author",), ("editor",), ("title",), ("booktitle",)),
    "inbook": (("author",), ("title",), ("booktitle",)),
    "report": (("author",), ("title",), ("type",), ("institution",)),
    "thesis": (("author",), ("title",), ("type",), ("institution",)),
    "online": (("title",), ("url", "doi")),
    "misc": (("title",),),
}
FALLBACK = {
    "incollection": "inbook",
    "inbook": "misc",
    "book": "collection",
    "collection": "misc",
    "article": "misc",
    "report": "misc",
    "thesis": "misc",
    "online": "misc",
}
COMMON = ("author", "title", "date", "url", "urldate", "doi", "addendum")
# a chapter: in a book (`incollection`) or in a book by the chapter's own authors (`inbook`)
CHAPTER_FIELDS = (
    *("editor", "booktitle", "edition", "volume", "series"),
    *("publisher", "location", "pages", "isbn"),
)
ALLOWED: dict[str, frozenset[str]] = {
    name: frozenset(COMMON + extra)
    for name, extra in {
        "article": ("editor", "journaltitle", "volume", "number", "pages"),
        "book": ("editor", "edition", "volume", "number", "series", "publisher", "location", "isbn", "pages"),
        "collection": ("editor", "edition", "volume", "series", "publisher", "location", "isbn"),
        "incollection": CHAPTER_FIELDS,
        "inbook": CHAPTER_FIELDS,
        "report": ("type", "institution", "number", "location", "pages"),
        "thesis": ("type", "institution", "location", "pages"),
        "online": ("editor", "organization"),
        "misc": ("editor", "type", "organization", "howpublished", "location"),
    }.items()
}
FIELD_ORDER = (
    "author", "editor", "title", "booktitle", "journaltitle", "organization", "howpublished", "edition",
    "volume", "number", "pages", "type", "series", "institution", "publisher", "location", "date", "url",
    "urldate", "doi", "isbn", "addendum",
)  # fmt: skip


def names(people: Sequence[str], others: bool = False) -> str:
    return " and ".join([*people, *(["others"] if others else [])])


def _candidate_fields(citation: Citation) -> dict[str, str]:
    kind = citation.entry_type.value
    container = citation.container
    return {
        "author": names(citation.authors, citation.others),
        "editor": names(citation.editors),
        "title": citation.title,
        "journaltitle": container if kind == "article" else "",
        "booktitle": container if kind in ("incollection", "inbook") else "",
        "organization": container if kind in ("online", "misc") else "",
        "edition": citation.edition,
        "volume": citation.volume,
        "number": citation.number,
        "pages": citation.pages,
        "type": citation.kind or ("Report" if kind == "report" else ""),
        "series": citation.series,
        "institution": citation.institution or (_corporate(citation) if kind == "report" else ""),
        "publisher": citation.publisher,
        "location": citation.location,
        "date": citation.date or citation.year,
        "url": citation.url,
        "urldate": citation.urldate,
        "doi": citation.doi,
        "isbn": citation.isbn,
    }


def _corporate(citation: Citation) -> str:
    first = citation.authors[0] if citation.authors else ""
    return first[1:-1] if first.startswith("{") and first.endswith("}") else ""


def _fits(kind: str, fields: dict[str, str]) -> bool:
    return all(any(fields.get(name) for name in choice) for choice in MANDATORY[kind])


def _leftovers(kind: str, fields: dict[str, str]) -> dict[str, str]:
    """What the chosen type cannot hold, said in words in `howpublished` (misc) or `addendum`."""
    parts = {
        "journaltitle": "{}", "booktitle": "In {}", "organization": "{}", "volume": "vol. {}",
        "number": "{}", "pages": "pp. {}", "edition": "{} edn", "series": "{}", "institution": "{}",
        "publisher": "{}",
    }  # fmt: skip
    lost = [
        form.format(fields[name])
        for name, form in parts.items()
        if fields.get(name) and name not in ALLOWED[kind]
    ]
    if not lost:
        return {}
    target = "howpublished" if kind == "misc" else "addendum"
    return {target: ", ".join(lost)}


def entry_of(citation: Citation) -> tuple[str, dict[str, str]]:
    """The biblatex type and fields (plain text, empty ones left out) for a citation."""
    fields = {name: value for name, value in _candidate_fields(citation).items() if value}
    kind = citation.entry_type.value
    if kind == EntryType.BOOK.value and not fields.get("author") and fields.get("editor"):
        kind = "collection"
    while not _fits(kind, fields) and kind in FALLBACK:
        kind = FALLBACK[kind]
    if kind == "misc" and "type" not in fields and citation.entry_type is not EntryType.MISC:
        fields["type"] = citation.kind or citation.entry_type.value.capitalize()
    extra = _leftovers(kind, fields)
    kept = {name: value for name, value in fields.items() if name in ALLOWED[kind]}
    return kind, {name: ({**kept, **extra})[name] for name in FIELD_ORDER if name in {**kept, **extra}}
