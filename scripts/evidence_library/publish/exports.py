"""Exports for reference managers and for reuse. Pure: no I/O.

    works -> BibTeX (the entries of references.bib, as bibtexparser writes them)
          -> CSL-JSON (the items citeproc and Zotero read)
          -> RIS (what EndNote, Mendeley and Zotero import)
    pages + bibliography -> library.json (responses, positions, notes, works)

The whole library and each response's cited works are exported, and each work
on its own, under `docs/exports/` so that MkDocs copies them into the site.
Every writer sorts what it writes: the same library gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evidence_library.evidence.bibtex_text import decode, field_text
from evidence_library.evidence.library import split_names
from evidence_library.model import Bibliography, ResponsePage, Work

EXPORTS_DIR = "docs/exports"
FORMATS = (("bib", "BibTeX"), ("json", "CSL-JSON"), ("ris", "RIS"))
DUMP_VERSION = 1

# biblatex entry type -> (CSL type, RIS type). CSL 1.0.1 has no generic "document": "article" is its
# generic type (Zotero writes a document as "article" too).
ENTRY_TYPES: dict[str, tuple[str, str]] = {
    "report": ("report", "RPRT"),
    "techreport": ("report", "RPRT"),
    "online": ("webpage", "ELEC"),
    "article": ("article-journal", "JOUR"),
    "book": ("book", "BOOK"),
    "collection": ("book", "EDBOOK"),
    "incollection": ("chapter", "CHAP"),
    "inbook": ("chapter", "CHAP"),
    "inproceedings": ("paper-conference", "CPAPER"),
    "thesis": ("thesis", "THES"),
    "phdthesis": ("thesis", "THES"),
    "mastersthesis": ("thesis", "THES"),
    "legislation": ("legislation", "STAT"),
    "jurisdiction": ("legal_case", "CASE"),
    "unpublished": ("manuscript", "UNPB"),
    "misc": ("article", "GEN"),
}
GENERIC = ("article", "GEN")
# A @misc's `type` says what it is when it is law (see evidence/references/fields.py, `law_kind`).
MISC_KINDS: dict[str, tuple[str, str]] = {
    "act of parliament": ("legislation", "STAT"),
    "statutory instrument": ("legislation", "STAT"),
    "bill": ("bill", "BILL"),
    "case": ("legal_case", "CASE"),
    "hansard": ("speech", "HEAR"),
}


def export_types(work: Work) -> tuple[str, str]:
    """The CSL and RIS types of a work, from its biblatex type (and a @misc's `type`)."""
    if work.entry_type == "misc" and (kind := MISC_KINDS.get(work.field("type").lower())):
        return kind
    return ENTRY_TYPES.get(work.entry_type, GENERIC)


def csl_type(work: Work) -> str:
    return export_types(work)[0]


def ris_type(work: Work) -> str:
    return export_types(work)[1]


# --- names and dates ----------------------------------------------------------


def csl_names(raw: str) -> list[dict[str, str]]:
    """A BibTeX name list -> CSL names: organisations (braced whole) as literals; 'others' left out."""
    names: list[dict[str, str]] = []
    for name in split_names(raw):
        if name == "others":
            continue
        if name.startswith("{") and name.endswith("}"):
            names.append({"literal": decode(name[1:-1])})
            continue
        text = decode(name)
        family, comma, given = text.partition(",")
        if not comma:
            *first, family = text.split()
            given = " ".join(first)
        person = {"family": family.strip(), "given": given.strip()}
        names.append({k: v for k, v in person.items() if v})
    return names


def ris_name(name: Mapping[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    return ", ".join(part for part in (name.get("family", ""), name.get("given", "")) if part)


ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_parts(text: str) -> list[list[int]] | None:
    """'2011-04' -> [[2011, 4]]; a biblatex range '2010/2011' -> [[2010], [2011]]; None if not ISO."""
    parts = []
    for piece in text.strip().split("/")[:2]:
        match = ISO_DATE.fullmatch(piece)
        if match is None:
            return None
        parts.append([int(number) for number in match.groups() if number])
    return parts or None


def csl_date(text: str) -> dict[str, Any]:
    parts = date_parts(text)
    return {"date-parts": parts} if parts else {"literal": text}


# --- CSL-JSON -----------------------------------------------------------------

CSL_TEXT_FIELDS = (
    ("title", "title"),
    ("edition", "edition"),
    ("volume", "volume"),
    ("number", "number"),
    ("series", "collection-title"),
    ("location", "publisher-place"),
    ("isbn", "ISBN"),
    ("doi", "DOI"),
    ("url", "URL"),
)
CONTAINERS = ("journaltitle", "booktitle", "organization")
PUBLISHERS = ("publisher", "institution")
NOTES = ("howpublished", "addendum")


def _first_field(work: Work, names: Sequence[str]) -> str:
    return next((work.field(name) for name in names if work.field(name)), "")


def csl_item(work: Work) -> dict[str, Any]:
    """A work as a CSL-JSON item: plain text values, names split, dates as date-parts."""
    item: dict[str, Any] = {"id": work.key, "type": csl_type(work)}
    for role in ("author", "editor"):
        if names := csl_names(work.raw(role)):
            item[role] = names
    item.update({target: work.field(name) for name, target in CSL_TEXT_FIELDS if work.field(name)})
    extra = {
        "container-title": _first_field(work, CONTAINERS),
        "publisher": _first_field(work, PUBLISHERS),
        "genre": work.field("type") if work.field("type").lower() not in MISC_KINDS else "",
        "page": work.field("pages").replace("--", "-"),
        "note": "; ".join(work.field(name) for name in NOTES if work.field(name)),
    }
    item.update({name: value for name, value in extra.items() if value})
    for name, target in (("date", "issued"), ("urldate", "accessed")):
        if work.field(name):
            item[target] = csl_date(work.field(name))
    return dict(sorted(item.items()))


def response_item(page: ResponsePage, key: str) -> dict[str, Any]:
    """A response itself as a CSL-JSON item (the report its organisation published)."""
    meta = page.source.metadata
    return {
        "author": [{"literal": meta.organisation}],
        "genre": "Consultation response",
        "id": key,
        "issued": csl_date(meta.date),
        "publisher": meta.organisation,
        "title": meta.title,
        "type": "report",
    }


def csl_json(works: Iterable[Work]) -> str:
    items = [csl_item(work) for work in sorted(works, key=lambda w: w.key)]
    return json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- RIS ----------------------------------------------------------------------


def _ris_date(text: str) -> str:
    """ISO '2017-04-12' -> RIS 'YYYY/MM/DD/'."""
    parts = date_parts(text)
    if not parts:
        return ""
    year, *rest = parts[0]
    padded = [str(year), *(f"{n:02d}" for n in rest)] + [""] * (2 - len(rest))
    return "/".join(padded) + "/"


def ris_record(work: Work, item: Mapping[str, Any] | None = None) -> str:
    """One work as a RIS record, tags in the order EndNote writes them, ending with `ER`; `item` is
    its CSL-JSON item when it was made already."""
    item = item if item is not None else csl_item(work)
    tags: list[tuple[str, str]] = [("TY", ris_type(work))]
    tags += [("AU", ris_name(name)) for name in item.get("author", [])]
    tags += [("A2", ris_name(name)) for name in item.get("editor", [])]  # editors, as EndNote writes them
    start, _, end = work.field("pages").replace("--", "-").partition("-")
    year = (date_parts(work.field("date")) or [[0]])[0][0]
    fields = (
        ("TI", item.get("title", "")),
        ("T2", item.get("container-title", "")),
        ("T3", item.get("collection-title", "")),
        ("PY", str(year) if year else ""),
        ("DA", _ris_date(work.field("date"))),
        ("M3", item.get("genre", "")),
        ("ET", item.get("edition", "")),
        ("VL", item.get("volume", "")),
        ("IS", item.get("number", "")),
        ("SP", start.strip()),
        ("EP", end.strip()),
        ("PB", item.get("publisher", "")),
        ("CY", item.get("publisher-place", "")),
        ("SN", item.get("ISBN", "")),
        ("DO", item.get("DOI", "")),
        ("UR", item.get("URL", "")),
        ("Y2", _ris_date(work.field("urldate"))),
        ("N1", item.get("note", "")),
        ("ID", work.key),
    )
    tags += [(tag, value) for tag, value in fields if value]
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in tags]
    return "\n".join([*lines, "ER  - "]) + "\n"


def ris_text(works: Iterable[Work]) -> str:
    return "\n".join(ris_record(work) for work in sorted(works, key=lambda w: w.key))


# --- BibTeX -------------------------------------------------------------------


def bibtex_text(works: Iterable[Work]) -> str:
    """The works' entries as references.bib holds them (bibtexparser 2 writes them), by key."""
    from bibtexparser import write_string  # type: ignore[attr-defined]
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field
    from bibtexparser.writer import BibtexFormat

    library = Library()
    for work in sorted(works, key=lambda w: w.key):
        library.add(Entry(work.entry_type, work.key, [Field(name, value) for name, value in work.fields]))
    layout = BibtexFormat()  # type: ignore[no-untyped-call]
    layout.indent = "  "
    layout.block_separator = "\n"
    return str(write_string(library, bibtex_format=layout))


# --- what is written where ----------------------------------------------------


@dataclass(frozen=True)
class ExportedWork:
    """One work in each format, made once however many files hold it. Joined in key order, the
    pieces give the same bytes as `bibtex_text`, `csl_json` and `ris_text` (the tests check)."""

    bibtex: str
    csl: str  # the item as `csl_json` indents it inside its list
    ris: str


def exported_work(work: Work) -> ExportedWork:
    item = csl_item(work)
    csl = json.dumps(item, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n  ")
    return ExportedWork(bibtex_text([work]), f"  {csl}", ris_record(work, item))


def export_set(stem: str, works: Sequence[ExportedWork]) -> dict[str, str]:
    """`stem`.bib, .json and .ris under docs/exports/ for these works (in key order)."""
    items = ",\n".join(w.csl for w in works)
    return {
        f"{EXPORTS_DIR}/{stem}.bib": "\n".join(w.bibtex for w in works),
        f"{EXPORTS_DIR}/{stem}.json": f"[\n{items}\n]\n" if works else "[]\n",
        f"{EXPORTS_DIR}/{stem}.ris": "\n".join(w.ris for w in works),
    }


def works_by_response(bibliography: Bibliography) -> dict[str, list[Work]]:
    """Each response's cited works, by key."""
    keys: dict[str, set[str]] = {}
    for work in bibliography.works:
        for cite in work.cited_by:
            keys.setdefault(cite.slug, set()).add(work.key)
    by_key = {work.key: work for work in bibliography.works}
    return {slug: [by_key[key] for key in sorted(found)] for slug, found in sorted(keys.items())}


def export_files(pages: Sequence[ResponsePage], bibliography: Bibliography) -> dict[str, str]:
    """Every export file: the whole bibliography, each response's works, each work; and library.json."""
    made = {work.key: exported_work(work) for work in sorted(bibliography.works, key=lambda w: w.key)}
    files = export_set("bibliography", list(made.values()))  # not "library": library.json is the dump
    cited = works_by_response(bibliography)
    for page in pages:
        works = cited.get(page.source.slug, [])
        files.update(export_set(f"responses/{page.source.slug}", [made[work.key] for work in works]))
    for key, one in made.items():
        files.update(export_set(f"references/{key}", [one]))
    files[f"{EXPORTS_DIR}/library.json"] = library_dump(pages, bibliography)
    return files


def export_line(prefix: str, stem: str) -> str:
    """'Export: BibTeX · CSL-JSON · RIS', each a link to the file; `prefix` leads from the page to
    docs/ ('../' from a response or reference page)."""
    links = [f"[{label}]({prefix}exports/{stem}.{suffix})" for suffix, label in FORMATS]
    return "**Export:** " + " · ".join(links)


# --- library.json -------------------------------------------------------------


def _response_record(page: ResponsePage) -> dict[str, Any]:
    meta = page.source.metadata
    return {
        "slug": page.source.slug,
        "title": meta.title,
        "organisation": meta.organisation,
        "consultation": meta.consultation,
        "consulting_body": meta.consulting_body,
        "date": meta.date,
        "themes": list(page.themes),
        "url": f"responses/{page.source.slug}/",
    }


def _positions(page: ResponsePage) -> list[dict[str, Any]]:
    return [
        {"response": page.source.slug, "anchor": p.anchor, "text": p.text, "themes": list(p.themes)}
        for p in page.positions
    ]


Pins = Mapping[tuple[str, int, str], str]  # (response, note, key) -> where in the work


def _notes(page: ResponsePage, bibliography: Bibliography, pins: Pins) -> list[dict[str, Any]]:
    slug = page.source.slug
    return [
        {
            "response": slug,
            "number": note.number,
            "text": note.text,
            "cites": [
                {"key": key, "pin": pins.get((slug, note.number, key), "")}
                for key in bibliography.note_keys.get((slug, note.number), ())
            ],
        }
        for note in page.notes
    ]


def _work_record(work: Work) -> dict[str, Any]:
    return {
        "key": work.key,
        "type": work.entry_type,
        "fields": {name: field_text(name, value) for name, value in sorted(work.fields)},
        "cited_by": [{"response": c.slug, "note": c.note, "pin": c.pin} for c in work.cited_by],
    }


def library_dump(pages: Sequence[ResponsePage], bibliography: Bibliography) -> str:
    """docs/exports/library.json: the library as data (its shape is described in the README)."""
    pins = {(c.slug, c.note, w.key): c.pin for w in bibliography.works for c in w.cited_by}
    ordered = sorted(pages, key=lambda p: p.source.slug)
    dump = {
        "version": DUMP_VERSION,
        "responses": [_response_record(page) for page in ordered],
        "positions": [position for page in ordered for position in _positions(page)],
        "notes": [note for page in ordered for note in _notes(page, bibliography, pins)],
        "works": [_work_record(work) for work in sorted(bibliography.works, key=lambda w: w.key)],
    }
    # One line: with an indent, json writes in Python, ten times slower at N = 1,000.
    return json.dumps(dump, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
