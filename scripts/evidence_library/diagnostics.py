"""One diagnostic format for every stage: where, how bad, what, and how to fix it.

A diagnostic renders as::

    sources/x.md:12: warning [notes.orphan-marker]: marker 7 has no note text
        | ...the excerpt...
        fix: add the note's text, or remove the marker from the source
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; `line` is 1-based, 0 when the whole file is meant."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    location: Location
    message: str
    hint: str = ""
    excerpt: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": int(self.severity),
            "path": self.location.path,
            "line": self.location.line,
            "message": self.message,
            "hint": self.hint,
            "excerpt": self.excerpt,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Diagnostic:
        return cls(
            str(data["code"]),
            Severity(int(str(data["severity"]))),
            Location(str(data["path"]), int(str(data["line"]))),
            str(data["message"]),
            str(data["hint"]),
            str(data["excerpt"]),
        )

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line, -self.severity, self.code)

    def format(self) -> str:
        lines = [f"{self.location}: {self.severity} [{self.code}]: {self.message}"]
        if self.excerpt:
            lines.append(f"    | {shorten(self.excerpt)}")
        if self.hint:
            lines.append(f"    fix: {self.hint}")
        return "\n".join(lines)


def shorten(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@dataclass
class Report:
    """Diagnostics collected across stages; stages append and carry on."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        code: str,
        severity: Severity,
        location: Location,
        message: str,
        hint: str = "",
        excerpt: str = "",
    ) -> None:
        self.diagnostics.append(Diagnostic(code, severity, location, message, hint, excerpt))

    def extend(self, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def fails(self, strict: bool) -> bool:
        threshold = Severity.WARNING if strict else Severity.ERROR
        return any(d.severity >= threshold for d in self.diagnostics)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=Diagnostic.sort_key)

    def summary(self) -> str:
        return (
            f"{self.count(Severity.ERROR)} error(s), "
            f"{self.count(Severity.WARNING)} warning(s), "
            f"{self.count(Severity.INFO)} note(s)"
        )


class UserError(Exception):
    """Input we cannot work with at all; the CLI prints it without a traceback."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


class KeptRecords(logging.Handler):
    """A logging handler that keeps each record it is given at `level` or above, once, in order
    (a record that reaches it through two loggers it is attached to is kept once)."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []
        self._seen: set[int] = set()  # ids of the records kept, which stay alive in `records`

    def emit(self, record: logging.LogRecord) -> None:
        if id(record) not in self._seen:
            self._seen.add(id(record))
            self.records.append(record)
