"""A stage run in a process of its own: its result, diagnostics and errors come back."""

from __future__ import annotations

import os

import pytest

from evidence_library.diagnostics import Diagnostic, Location, Report, Severity, UserError
from evidence_library.processes import StageCrashError, run_apart


def test_the_result_and_the_diagnostics_come_back_from_another_process() -> None:
    def stage(report: Report) -> tuple[int, list[int]]:
        report.add("stage.note", Severity.WARNING, Location("sources/a.md", 3), "a warning")
        return os.getpid(), [1, 2, 3]

    report = Report()
    pid, value = run_apart(stage, report)
    assert value == [1, 2, 3]
    assert pid != os.getpid()  # it ran apart: its memory went back when it ended
    assert [(d.code, d.location.path, d.location.line) for d in report.diagnostics] == [
        ("stage.note", "sources/a.md", 3)
    ]


def test_a_user_error_is_raised_here_with_the_diagnostics_before_it() -> None:
    def stage(report: Report) -> None:
        report.add("stage.first", Severity.INFO, Location("sources/a.md"), "before the error")
        raise UserError(Diagnostic("stage.bad", Severity.ERROR, Location("sources/b.md", 7), "bad input"))

    report = Report()
    with pytest.raises(UserError) as raised:
        run_apart(stage, report)
    assert raised.value.diagnostic.location.line == 7
    assert [d.code for d in report.diagnostics] == ["stage.first"]


def test_a_crash_says_where_it_happened() -> None:
    def stage(report: Report) -> None:
        raise ZeroDivisionError("the stage divided by zero")

    with pytest.raises(StageCrashError, match="ZeroDivisionError: the stage divided by zero"):
        run_apart(stage, Report())


def test_a_stage_that_dies_without_a_word_is_an_error_not_a_hang() -> None:
    def stage(report: Report) -> None:
        os._exit(3)

    with pytest.raises(StageCrashError, match="exit status 3"):
        run_apart(stage, Report())
