"""A stage run in a process of its own, so that the memory it takes goes back to the system when it ends.

`evidence-library build` runs `generate`, then MkDocs, this way, and Pagefind
after both: each holds the whole library in memory at its peak, and so the
three peaks come one after another instead of piling up in one long-lived
process (CPython keeps most of what it freed for its own later use). The
child is forked, so the stage needs no pickling; its diagnostics and its
result come back through a pipe. Where the platform cannot fork, the stage
runs in this process.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

from evidence_library.diagnostics import Report, UserError

T = TypeVar("T")


class StageCrashError(RuntimeError):
    """A stage run apart ended with an unexpected error: its traceback, as text."""


def run_apart(stage: Callable[[Report], T], report: Report) -> T:
    """`stage(report)` in a forked process: its result, with its diagnostics added to `report`.
    A UserError it raises is raised here; anything else raises StageCrashError with its traceback."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return stage(report)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_run_in_child, args=(stage, sending))
    child.start()
    sending.close()
    try:
        message = receiving.recv()
    except EOFError:  # it died without a word (killed, out of memory)
        message = None
    finally:
        receiving.close()
        child.join()
    if message is None:
        message = ("crashed", f"it ended with exit status {child.exitcode}", [])
    outcome, value, diagnostics = message
    report.extend(diagnostics)
    if outcome == "user-error":
        raise UserError(value)
    if outcome == "crashed":
        raise StageCrashError(f"a stage run in its own process failed:\n{value}")
    return value  # type: ignore[no-any-return]  # what `stage` returned


def _run_in_child(stage: Callable[[Report], object], sending: Connection) -> None:
    report = Report()
    try:
        sending.send(("done", stage(report), report.diagnostics))
    except UserError as error:
        sending.send(("user-error", error.diagnostic, report.diagnostics))
    except BaseException:
        sending.send(("crashed", traceback.format_exc(), report.diagnostics))
    finally:
        sending.close()
