"""The ``gazette`` command. ``main(argv=None) -> int``; exit 0 ok, 1 invalid input, 2 usage.

Subcommands import their modules lazily so ``gazette --help`` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from .errors import GazetteError

logger = logging.getLogger("gazette_pub")

DEFAULT_ISSUES = Path("issues")


def get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazette", description="Build Chinese government gazette issues into PDF and HTML.")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every step")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser("build", help="build issues into a print PDF and an HTML edition")
    build.add_argument("issue_dirs", nargs="*", type=Path, metavar="ISSUE_DIR",
                       help="issue folders (default: every issue under issues/)")
    build.add_argument("--out", type=Path, default=Path("dist"), help="output folder (dist/)")
    build.add_argument("--pdf", action=argparse.BooleanOptionalAction, default=True,
                       help="render the print PDF (default: yes)")
    build.add_argument("--html", action=argparse.BooleanOptionalAction, default=True,
                       help="render the HTML edition (default: yes)")
    build.set_defaults(run=run_build)

    check = commands.add_parser("check", help="validate issue folders (exit 1 on errors)")
    check.add_argument("issue_dirs", nargs="*", type=Path, metavar="ISSUE_DIR")
    check.set_defaults(run=run_check)

    export = commands.add_parser("export", help="print an issue's manifest as JSON")
    export.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")
    export.set_defaults(run=run_export)

    new = commands.add_parser("new", help="create the next issue folder of a gazette")
    new.add_argument("gazette_dir", type=Path, metavar="GAZETTE_DIR")
    new.add_argument("--date", type=dt.date.fromisoformat, default=None,
                     help="publication date (default: today)")
    new.set_defaults(run=run_new)
    return parser


def _issue_dirs(paths: list[Path]) -> list[Path]:
    from .pipeline import find_issue_dirs
    folders = [f for p in (paths or [DEFAULT_ISSUES]) for f in find_issue_dirs(p)]
    if not folders:
        raise GazetteError("no issue folders found (an issue folder holds issue.toml)",
                           path=", ".join(map(str, paths or [DEFAULT_ISSUES])))
    return folders


def run_build(args) -> int:
    from .pipeline import build
    folders = _issue_dirs(args.issue_dirs)
    report = build(folders, args.out, pdf=args.pdf, html=args.html)
    for built in report.built:
        logger.info("Built %s %s: %d files in %s", built.issue.gazette.name, built.issue.label,
                    len(built.files), args.out)
    return 0


def run_check(args) -> int:
    from .errors import ManifestError
    from .manifest import load_issue
    failed = False
    for folder in _issue_dirs(args.issue_dirs):
        try:
            issue = load_issue(folder)
        except ManifestError as exc:
            failed = True
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        logger.info("%s: ok (%d documents)", folder, len(issue.documents))
    return 1 if failed else 0


def run_export(args) -> int:
    from .manifest import export_json, load_issue
    sys.stdout.write(export_json(load_issue(args.issue_dir)))
    return 0


def run_new(args) -> int:
    from .manifest import new_issue
    folder = new_issue(args.gazette_dir, args.date or dt.date.today())
    print(folder)
    return 0


def _setup_logging(args) -> None:
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else (
        logging.INFO if sys.stderr.isatty() else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("gazette_pub")
    root.handlers[:] = [handler]
    root.setLevel(level)
    # WeasyPrint warns about CSS it ignores (CJK properties meant for browsers): not for users.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    parser = get_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    _setup_logging(args)
    try:
        return args.run(args)
    except GazetteError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; previous output left intact", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
