"""`evidence-library`: arguments in, a report and an exit code out.

Exit codes: 0 success; 1 errors in the input (or warnings under --strict);
2 a bad command line; 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from evidence_library import pipeline
from evidence_library.diagnostics import Diagnostic, Location, Report, Severity, UserError

FIELD_OPTIONS = ("title", "date", "organisation", "consultation", "consulting_body", "slug")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="evidence-library",
        description="Turn consultation responses into a searchable evidence library.",
    )
    main.add_argument("--root", type=Path, default=Path("."), help="the library folder (default: .)")
    main.add_argument("-v", "--verbose", action="store_true", help="also list informational notes")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add = commands.add_parser("add", help="import raw responses into sources/")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    for option in FIELD_OPTIONS:
        add.add_argument(f"--{option.replace('_', '-')}", dest=option, default="", help=f"set the {option}")
    for name, text in (
        ("generate", "write the generated pages into docs/"),
        ("build", "generate, then build the site into site/"),
        ("check", "validate everything without writing"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
    train = commands.add_parser("train", help="retrain the reference parser from the labelled notes")
    train.add_argument(
        "--anystyle",
        type=Path,
        default=None,
        metavar="DIR",
        help="the folder with AnyStyle's core.xml and good.xml (default: ../shared/anystyle from the root)",
    )
    serve = commands.add_parser("serve", help="live preview that regenerates on changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT")
    return main


def print_report(report: Report, verbose: bool) -> None:
    sys.stdout.flush()
    shown = [d for d in report.sorted() if verbose or d.severity >= Severity.WARNING]
    for diagnostic in shown:
        print(diagnostic.format(), file=sys.stderr)
    print(report.summary(), file=sys.stderr)


def describe(generated: pipeline.Generated) -> str:
    unchanged = " (nothing had changed)" if generated.unchanged else ""
    return f"{generated.responses} response page(s) with {generated.notes} notes{unchanged}"


def run_add(args: argparse.Namespace, report: Report) -> None:
    overrides = {option: getattr(args, option) for option in FIELD_OPTIONS}
    incomplete: list[str] = []
    added_any = False
    for file in args.files:
        try:
            added = pipeline.add_source(args.root, file, overrides, report)
        except UserError as error:
            report.extend([error.diagnostic])
            continue
        added_any = True
        print(f"added {added.path}")
        for key, value in added.inferred.items():
            print(f"  {key}: {value}")
        if added.notes is not None:
            print(f"  notes: {added.notes} paired with their markers")
        for key in added.missing:
            print(f"  {key}: MISSING: fill it in, or pass --{key.replace('_', '-')}")
        if added.missing:
            incomplete.append(added.path)
    if added_any:
        print(next_step(incomplete))


def next_step(incomplete: list[str]) -> str:
    """What the contributor runs next: `generate` brings references.bib in step, so `check` then passes."""
    run = "`evidence-library generate`, then `evidence-library check --strict`"
    if incomplete:
        return f"next: fill in each MISSING line at the top of {', '.join(incomplete)}, then run {run}"
    return f"next: run {run}"


def run_train(args: argparse.Namespace) -> None:
    from evidence_library.evidence.references.tagger import MODEL_FILE
    from evidence_library.evidence.references.training import DatasetError, build_model

    anystyle = args.anystyle or args.root.resolve().parent / "shared" / "anystyle"
    try:
        import jax  # noqa: F401  (only training needs it)
    except ImportError:
        raise UserError(
            Diagnostic(
                "train.jax",
                Severity.ERROR,
                Location("pyproject.toml"),
                "training the reference model needs JAX, which the site does not install: "
                "run `make model`, or `pip install -e '.[train]'` and then this command",
            )
        ) from None
    try:
        record = build_model(args.root, anystyle, MODEL_FILE)
    except DatasetError as error:
        raise UserError(
            Diagnostic("train.data", Severity.ERROR, Location(str(error).split(":")[0]), str(error))
        ) from None
    print(f"trained on {record['sequences']} labelled notes; wrote {MODEL_FILE}")


def run(args: argparse.Namespace) -> int:
    report = Report()
    strict = getattr(args, "strict", False)
    try:
        if args.command == "add":
            run_add(args, report)
        elif args.command == "generate":
            if generated := pipeline.generate(args.root, report, strict):
                print(f"generated {describe(generated)} in {args.root / 'docs'}")
        elif args.command == "build":
            if generated := pipeline.build(args.root, report, strict):
                print(f"built {describe(generated)} into {args.root / 'site'}")
        elif args.command == "check":
            generated = pipeline.check(args.root, report)
            print(f"checked {describe(generated)}")
        elif args.command == "train":
            run_train(args)
        elif args.command == "serve":
            from mkdocs.commands.serve import serve

            serve(config_file=str(args.root / "mkdocs.yml"), dev_addr=args.dev_addr)
    except UserError as error:
        report.extend([error.diagnostic])
    print_report(report, args.verbose)
    return 1 if report.fails(strict) else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug in our code, not in the input
        traceback.print_exc()
        print(
            "internal error: this is a bug in evidence-library, not in your files; "
            "please report it with the message above",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
