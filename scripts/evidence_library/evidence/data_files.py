"""The curated YAML data files (`themes.yml`, `bodies.yml`): a mapping that holds one list of entries."""

from __future__ import annotations

from typing import Any

import yaml

from evidence_library.diagnostics import Location, Report, Severity

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML was built with it


def load_yaml(text: str) -> Any:
    """yaml.safe_load, through libyaml when it is there (ten times quicker); a file it refuses is
    read again by the pure loader, whose messages the README and tests show."""
    try:
        return yaml.load(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def read_listing(text: str, file: str, key: str, report: Report) -> tuple[dict[str, Any], list[Any]] | None:
    """The file's mapping and its `key:` list; None, with a `<key>.syntax` error against the file,
    when the text is not YAML or holds no such list. An empty file is an empty list."""
    where = Location(file)
    try:
        data = load_yaml(text) if text.strip() else {key: []}
    except yaml.YAMLError as error:
        problem = f"{file} is not valid YAML: {error}"
        report.add(f"{key}.syntax", Severity.ERROR, where, problem, "mend the file")
        return None
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        report.add(f"{key}.syntax", Severity.ERROR, where, f"{file} needs a '{key}:' list", "see its header")
        return None
    return data, entries
