"""The front-matter schema of a source file, declared once and validated at once.

Each field has a type, whether it is required, and a sentence that the
`check` command shows when the field is wrong.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from evidence_library.diagnostics import Location, Report, Severity
from evidence_library.model import Metadata

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Field:
    name: str
    doc: str
    required: bool = True
    is_list: bool = False
    is_mapping: bool = False


FIELDS: tuple[Field, ...] = (
    Field("title", "the response's full title, naming the consultation it answers"),
    Field("date", "when the response was published: YYYY-MM or YYYY-MM-DD"),
    Field("organisation", "the organisation that wrote the response"),
    Field("consultation", "the consultation, review or inquiry being answered"),
    Field("consulting_body", "the body that ran the consultation, e.g. NOMS"),
    Field(
        "themes",
        "themes to add to the response (ids or labels from themes.yml)",
        required=False,
        is_list=True,
    ),
    Field(
        "not_themes", "themes the text suggests but the response is not about", required=False, is_list=True
    ),
    Field("imported_from", "the file name `add` imported, for the record", required=False),
    Field(
        "imported_sha256",
        "the SHA-256 of the PDF, Word or ODT file `add` imported, to tell it from another version",
        required=False,
    ),
    Field(
        "citations",
        "pins a note to entries of references.bib, e.g. {6: clinks2016change}",
        required=False,
        is_mapping=True,
    ),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)


def validate_date(value: str) -> str | None:
    """Return why `value` is not an ISO month or day that exists, or None if it is fine."""
    match = ISO_DATE.match(value)
    if not match:
        return f"'{value}' is not an ISO date (YYYY-MM or YYYY-MM-DD)"
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None and month is not None
    try:
        dt.date(year, month, day or 1)
    except ValueError as error:
        return f"'{value}' is not a real date ({error})"
    return None


def _as_text(value: object) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()
    return None


def _check_pins(
    field: Field, value: object, where: Location, report: Report
) -> dict[int, tuple[str, ...]] | None:
    pins: dict[int, tuple[str, ...]] = {}
    for note, keys in value.items() if isinstance(value, dict) else [(None, None)]:
        listed = [keys] if isinstance(keys, str) else keys
        if (
            not str(note).isdigit()
            or not isinstance(listed, list)
            or not all(isinstance(k, str) for k in listed)
        ):
            report.add(
                "front-matter.wrong-type",
                Severity.ERROR,
                where,
                f"'{field.name}' must map note numbers to reference keys",
                f"write it as {field.doc}",
            )
            return None
        pins[int(str(note))] = tuple(listed)
    return pins


def _check_field(
    field: Field, value: object, where: Location, report: Report
) -> str | tuple[str, ...] | dict[int, tuple[str, ...]] | None:
    if field.is_mapping:
        return _check_pins(field, value, where, report)
    if field.is_list:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            report.add(
                "front-matter.wrong-type",
                Severity.ERROR,
                where,
                f"'{field.name}' must be a list of text values",
                f"write it as a YAML list: {field.name}: [first, second] ({field.doc})",
            )
            return None
        return tuple(i.strip() for i in items if i.strip())
    text = _as_text(value)
    if text is None:
        report.add(
            "front-matter.wrong-type",
            Severity.ERROR,
            where,
            f"'{field.name}' must be a single line of text, not {type(value).__name__}",
            f"give {field.doc}",
        )
    return text


def parse_metadata(
    data: Mapping[str, object], key_lines: Mapping[str, int], path: str, report: Report
) -> Metadata | None:
    """Validate front matter; add every problem to `report`; None if any is an error."""
    errors_before = report.count(Severity.ERROR)
    values: dict[str, str | tuple[str, ...] | dict[int, tuple[str, ...]]] = {}
    for key in sorted(set(data) - set(FIELD_NAMES), key=str):
        close = difflib.get_close_matches(str(key), FIELD_NAMES, n=1)
        report.add(
            "front-matter.unknown-key",
            Severity.WARNING,
            Location(path, key_lines.get(key, 1)),
            f"unknown front-matter key '{key}'; it is ignored",
            f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(FIELD_NAMES)}",
        )
    for field in FIELDS:
        where = Location(path, key_lines.get(field.name, 1))
        value = data.get(field.name)
        if value is None or value == "":
            if field.required:
                report.add(
                    "front-matter.missing",
                    Severity.ERROR,
                    where,
                    f"front matter has no '{field.name}'",
                    f"add a line '{field.name}: ...' with {field.doc}",
                )
            continue
        checked = _check_field(field, value, where, report)
        if checked is not None:
            values[field.name] = checked
    date = values.get("date")
    if isinstance(date, str) and (problem := validate_date(date)):
        report.add(
            "front-matter.bad-date",
            Severity.ERROR,
            Location(path, key_lines.get("date", 1)),
            problem,
            "write the publication date as YYYY-MM or YYYY-MM-DD, e.g. 2012-03",
        )
    if report.count(Severity.ERROR) > errors_before:
        return None
    return Metadata(**values)  # type: ignore[arg-type]
