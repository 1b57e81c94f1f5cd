"""Small builders shared by the tests: a source document from inline text."""

from __future__ import annotations

import textwrap

from evidence_library.model import Line, Metadata, SourceDocument

METADATA = Metadata(
    title="Example response to the Test Consultation",
    date="2020-01",
    organisation="Example Trust",
    consultation="Test Consultation",
    consulting_body="Test Body",
)


def source(text: str, metadata: Metadata = METADATA, dedent: bool = True) -> SourceDocument:
    body = textwrap.dedent(text) if dedent else text
    lines = tuple(Line(number, line) for number, line in enumerate(body.split("\n"), start=1))
    return SourceDocument("sources/example.md", "example", metadata, lines)
