"""The bodies that run consultations or are cited as authors, from the curated `bodies.yml`.

A body has a name, other names it goes by (aliases, acronyms) and a short key
stem. Names match whole, ignoring case, a leading "the", "&" for "and", and
punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from evidence_library.diagnostics import Location, Report, Severity
from evidence_library.evidence.data_files import read_listing

BODIES_FILE = "bodies.yml"
KEY_STEM = re.compile(r"^[a-z][a-z0-9]*$")


def normal_name(name: str) -> str:
    """'The Ministry of Justice (MoJ)' and 'ministry of justice (moj)' agree; '&' is 'and'."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("&", " and ").replace("’", "'").replace("'", ""))
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Body:
    name: str
    aliases: tuple[str, ...] = ()
    key: str = ""


@dataclass(frozen=True)
class Bodies:
    """Every body, findable by any of its names."""

    bodies: tuple[Body, ...] = ()

    @cached_property
    def by_name(self) -> dict[str, Body]:
        found: dict[str, Body] = {}
        for body in self.bodies:
            for name in (body.name, *body.aliases):
                found.setdefault(normal_name(name), body)
        return found

    @cached_property
    def names(self) -> frozenset[str]:
        """Every name and alias, normalised (see `normal_name`)."""
        return frozenset(self.by_name)

    def find(self, name: str) -> Body | None:
        """The body that `name` names, whole."""
        return self.by_name.get(normal_name(name))


def _body(entry: object, where: Location, report: Report) -> Body | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        report.add(
            "bodies.syntax", Severity.ERROR, where, f"a body needs a name: {entry!r}", "write `- name: ...`"
        )
        return None
    aliases = entry.get("aliases") or []
    key = str(entry.get("key") or "")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        report.add(
            "bodies.syntax",
            Severity.ERROR,
            where,
            f"the aliases of '{entry['name']}' must be a list of names",
            "write them as aliases: [MoJ, Ministry of Justice (MoJ)]",
        )
        return None
    if key and not KEY_STEM.match(key):
        report.add(
            "bodies.bad-key",
            Severity.ERROR,
            where,
            f"the key '{key}' of '{entry['name']}' is not lower-case letters and digits",
            "use a short stem such as `moj` or `hmiprobation`",
        )
        return None
    return Body(entry["name"], tuple(aliases), key)


def parse_bodies(text: str, report: Report) -> Bodies:
    """The text of bodies.yml -> the bodies; problems reported against the file."""
    where = Location(BODIES_FILE)
    listing = read_listing(text, BODIES_FILE, "bodies", report)
    if listing is None:
        return Bodies()
    _, entries = listing
    return Bodies(tuple(body for entry in entries if (body := _body(entry, where, report)) is not None))


NO_BODIES = Bodies()
