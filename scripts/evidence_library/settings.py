"""The library's settings: typed, with a default and a docstring each, validated all at once.

They live in `mkdocs.yml` under `extra: evidence_library:` (MkDocs refuses unknown
top-level keys under --strict, and `extra` is the section it leaves to sites):

    extra:
      evidence_library:
        limits:
          max_source_bytes: 8000000
          max_notes: 2000

A missing file or section means the defaults. An unknown name or a value that
is not a positive whole number is an error naming the line.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

import yaml

from evidence_library.diagnostics import Location, Report, Severity

SETTINGS_FILE = "mkdocs.yml"
SECTION = ("extra", "evidence_library")


@dataclass(frozen=True)
class Limits:
    """Bounds on one source, so that no contributor's file can stall the build. Each stops
    the build with an error naming the file, the line and the setting, before MkDocs starts."""

    max_source_bytes: int = 8_000_000
    """Size of one source file in bytes. The largest real response is a few hundred KB."""

    max_notes: int = 2_000
    """Notes (footnotes or endnotes) in one response. Python-Markdown numbers each note by
    looking it up in the list of notes referenced so far, so its cost grows as notes × references."""

    max_references_to_one_note: int = 20_000
    """Markers pointing to one note. Each one becomes a back link in the note."""

    max_block_chars: int = 2_000_000
    """Characters in one paragraph, heading or list item."""

    max_markup_work: int = 1_000_000_000
    """Python-Markdown rebuilds a paragraph's text at each inline construct it finds (an escaped
    [ ] | # { } and backslash, an entity for `& < >`, emphasis, a link, a note marker), so a paragraph costs
    its length times its markup characters. This bounds that product summed over the response's
    paragraphs (about a few seconds of MkDocs' time); a megabyte of plain words costs nothing."""


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Settings:
    limits: Limits = DEFAULT_LIMITS


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without acting on its tags (`!ENV`, `!!python/name:`): they become None."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _section(text: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The `extra.evidence_library.limits` mapping and each key's line."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}, {}  # MkDocs reports a broken mkdocs.yml itself
    for key in (*SECTION, "limits"):
        if not isinstance(node, yaml.MappingNode):
            return {}, {}
        node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    if not isinstance(node, yaml.MappingNode):
        return {}, {}
    values = {k.value: _Loader(text).construct_object(v, deep=True) for k, v in node.value}
    lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
    return values, lines


def parse_settings(text: str, report: Report, shown_as: str = SETTINGS_FILE) -> Settings:
    """mkdocs.yml's text -> Settings; every problem reported, defaults kept for those values."""
    values, lines = _section(text)
    known = {f.name for f in fields(Limits)}
    chosen: dict[str, int] = {}
    for name, value in sorted(values.items()):
        where = Location(shown_as, lines[name])
        if name not in known:
            report.add(
                "settings.unknown",
                Severity.ERROR,
                where,
                f"'{name}' is not a limit the library knows",
                f"use one of: {', '.join(sorted(known))}",
            )
        elif isinstance(value, bool) or not isinstance(value, int) or value < 1:
            report.add(
                "settings.bad-value",
                Severity.ERROR,
                where,
                f"{name} must be a positive whole number, not {value!r}",
                f"write e.g. `{name}: {getattr(Limits(), name)}` (the default)",
            )
        else:
            chosen[name] = value
    return Settings(replace(Limits(), **chosen))
