"""The ``gazette`` command. ``main(argv=None) -> int``; exit 0 ok, 1 invalid input, 2 usage.

Subcommands import their modules lazily so ``gazette --help`` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from .errors import GazetteError, UsageError
from .executors import add_executor_arguments

logger = logging.getLogger("gazette_pub")

DEFAULT_ISSUES = Path("issues")


def get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazette", description="Build Chinese government gazette issues into PDF and HTML.")
    _add_verbosity(parser, default=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser("build", help="build issues into a print PDF and an HTML edition")
    build.add_argument("issue_dirs", nargs="*", type=Path, metavar="ISSUE_DIR",
                       help="issue folders (default: every issue under issues/)")
    build.add_argument("--out", type=Path, default=Path("dist"), help="output folder (dist/)")
    build.add_argument("--pdf", action=argparse.BooleanOptionalAction, default=True,
                       help="render the print PDF (default: yes)")
    build.add_argument("--html", action=argparse.BooleanOptionalAction, default=True,
                       help="render the HTML edition (default: yes)")
    add_executor_arguments(build)
    build.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True,
                       help="reuse unchanged work from OUT/.cache (default: yes)")
    build.add_argument("--report-pages", action="store_true",
                       help="print each document's official (目录) and rendered start page")
    build.add_argument("--format", choices=("issue", "gongwen"), default="issue",
                       help="gongwen: the arguments are document files, each rendered alone "
                            "in the GB/T 9704-2012 公文 layout (default: issue)")
    build.add_argument("--pdf-variant", metavar="VARIANT",
                       help="also write the issue PDF as VARIANT for an archive: pdf/ua-1, "
                            "pdf/ua-2, pdf/a-1b, pdf/a-2b, pdf/a-3b, pdf/a-2u, pdf/a-3u")
    build.add_argument("--print-marks", action="store_true",
                       help="also write the issue PDF with crop marks and bleed for the printer")
    build.set_defaults(run=run_build)

    check = commands.add_parser("check", help="validate issue folders (exit 1 on errors)")
    check.add_argument("issue_dirs", nargs="*", type=Path, metavar="ISSUE_DIR")
    check.add_argument("--audit", type=Path, metavar="SOURCE",
                       help="also check that every CJK character of the import SOURCE is in the "
                            "issue or its import report (one ISSUE_DIR)")
    check.set_defaults(run=run_check)

    imp = commands.add_parser("import", help="import a source (a .docx, a .pdf with a text "
                                             "layer, or text: an issue, OCR Markdown, a web "
                                             "page, one document) into an issue folder")
    imp.add_argument("source", type=Path, metavar="SOURCE")
    where = imp.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="ISSUE_DIR",
                       help="write a new issue folder (e.g. issues/ningxia/2021-10)")
    where.add_argument("--into", type=Path, metavar="ISSUE_DIR",
                       help="append the document(s) to an existing issue")
    imp.add_argument("--kind", help="force a reader (default: detected; a .docx or .pdf is "
                                    "read as text-issue or standalone)")
    imp.add_argument("--gazette-id", help="gazette id (default: with --out "
                                          "GAZETTE/YYYY-NN, the GAZETTE folder's name; "
                                          "else from the file name)")
    imp.add_argument("--section", help="section title for the new document(s): with --into, "
                                       "the section they are added to; with --out, the "
                                       "section of a single document's draft")
    imp.add_argument("--year", type=int, help="issue year (single documents)")
    imp.add_argument("--number", type=int, help="issue number 第N期 (single documents)")
    imp.add_argument("--force", action="store_true", help="replace an existing issue folder")
    imp.add_argument("--fit-theme", action=argparse.BooleanOptionalAction, default=None,
                     help="with --out, for a new gazette whose source has a paged 目录: fit "
                          "its print theme (`gazette theme fit`; default: yes)")
    imp.set_defaults(run=run_import)

    theme = commands.add_parser("theme", help="print themes: fit one to an issue's 目录")
    theme_commands = theme.add_subparsers(dest="theme_command", metavar="ACTION", required=True)
    fit = theme_commands.add_parser(
        "fit", help="fit a print theme so each document starts on the page its 目录 gives")
    fit.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")
    fit.add_argument("--from", dest="source", type=Path, metavar="SOURCE",
                     help="take the 目录 pages from this import source (default: the "
                          "manifest's toc_page)")
    fit.add_argument("--name", help="theme name (default: the gazette id, or ID-fit when a "
                                    "bundled theme has that name); written to themes/NAME/ "
                                    "beside gazette.toml and named in it")
    fit.add_argument("--renders", type=int, default=None, metavar="N",
                     help="most real layouts to render (default: 4)")
    fit.add_argument("--page-size", action="append", metavar="SIZE",
                     help="paper size(s) to consider (default: A4, 16K, B5; A4 on a tie)")
    fit.add_argument("--columns", type=int, choices=(1, 2), action="append",
                     help="column count(s) to consider (default: 1 and 2; start pages alone "
                          "rarely tell them apart, so give the print's when known)")
    fit.set_defaults(run=run_theme_fit)

    export = commands.add_parser("export", help="print an issue's manifest as JSON")
    export.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")
    export.set_defaults(run=run_export)

    new = commands.add_parser("new", help="create the next issue folder of a gazette")
    new.add_argument("gazette_dir", type=Path, metavar="GAZETTE_DIR")
    # Required: the date decides the year and the 期, and a value from the clock is invented.
    new.add_argument("--date", type=dt.date.fromisoformat, required=True, metavar="YYYY-MM-DD",
                     help="publication date of the new issue")
    new.set_defaults(run=run_new)

    site = commands.add_parser("site", help="build the website of every issue (site/)")
    site.add_argument("issues_root", nargs="?", type=Path, default=DEFAULT_ISSUES,
                      metavar="ISSUES_ROOT", help="folder of the gazettes (default: issues/)")
    _add_site_arguments(site)
    site.add_argument("--dist", type=Path, default=None, metavar="DIR",
                      help="also write each issue as `gazette build` does into DIR (e.g. dist)")
    site.add_argument("--force", action="store_true",
                      help="rebuild every issue, even those that are up to date")
    add_executor_arguments(site)
    site.set_defaults(run=run_site)

    volume = commands.add_parser("volume", help="bind a year's issues into its volume (合订本): "
                                                 "continuous pages, 总目录, indexes")
    volume.add_argument("gazette_dir", type=Path, metavar="GAZETTE_DIR",
                        help="a gazette's folder (issues/<gazette>)")
    volume.add_argument("year", type=int, metavar="YEAR")
    volume.add_argument("--out", type=Path, default=Path("dist"),
                        help="output folder (default: dist); the build cache there is reused")
    volume.add_argument("--no-cache", dest="cache", action="store_false",
                        help="lay out every issue afresh")
    add_executor_arguments(volume)
    volume.set_defaults(run=run_volume)

    serve = commands.add_parser("serve", help="preview the website on 127.0.0.1; rebuilds and "
                                              "reloads the browser when a source changes")
    serve.add_argument("issues_root", nargs="?", type=Path, default=DEFAULT_ISSUES,
                       metavar="ISSUES_ROOT", help="folder of the gazettes (default: issues/)")
    _add_site_arguments(serve)
    serve.add_argument("--port", type=_port, default=8000,
                       help="port, 0-65535 (default: 8000; 0: any free port)")
    serve.set_defaults(run=run_serve)
    _add_verbosity_to_subcommands(parser)
    return parser


def _port(text: str) -> int:
    """A port number (a usage error if not a number; :func:`serve.make_server` refuses one
    out of range with exit 1, before anything is built)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None


def _add_verbosity(parser: argparse.ArgumentParser, *, default) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", default=default,
                        help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true", default=default,
                        help="print every step")


def _add_verbosity_to_subcommands(parser: argparse.ArgumentParser) -> None:
    """``-q``/``-v`` after any subcommand too (``gazette build … -v``). A subcommand's
    default is SUPPRESS, so it never resets a flag given before the subcommand."""
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for sub in action.choices.values():
            _add_verbosity(sub, default=argparse.SUPPRESS)
            _add_verbosity_to_subcommands(sub)


def _issue_dirs(paths: list[Path]) -> list[Path]:
    from .pipeline import find_issue_dirs
    folders = [f for p in (paths or [DEFAULT_ISSUES]) for f in find_issue_dirs(p)]
    if not folders:
        raise GazetteError("no issue folders found (an issue folder holds issue.toml)",
                           path=", ".join(map(str, paths or [DEFAULT_ISSUES])))
    return folders


#: ``gazette build`` options that ``--format gongwen`` cannot honour, with their defaults.
GONGWEN_IGNORES = {"--pdf-variant": ("pdf_variant", None), "--print-marks": ("print_marks", False),
                   "--jobs": ("jobs", None), "--executor": ("executor", None),
                   "--scheduler": ("scheduler", None), "--no-cache": ("cache", True),
                   "--no-pdf": ("pdf", True), "--no-html": ("html", True),
                   "--report-pages": ("report_pages", False)}


def _check_build_options(args) -> None:
    """Refuse (exit 2) every option that the build would otherwise ignore."""
    if args.format == "gongwen":
        given = [name for name, (attr, default) in GONGWEN_IGNORES.items()
                 if getattr(args, attr) != default]
        if given:
            raise UsageError(f"--format gongwen renders one PDF per document in this process, "
                             f"without a cache: {', '.join(given)} cannot apply",
                             field="--format")
        return
    if args.report_pages and not args.pdf:
        raise UsageError("--report-pages compares the rendered pages: it needs the PDF "
                         "(drop --no-pdf)", field="--report-pages")
    if (args.pdf_variant or args.print_marks) and not args.pdf:
        raise UsageError("--pdf-variant and --print-marks write PDFs: drop --no-pdf",
                         field="--pdf-variant" if args.pdf_variant else "--print-marks")
    if not args.pdf and not args.html:
        raise UsageError("--no-pdf --no-html leaves nothing to build", field="--no-html")


def run_build(args) -> int:
    from .executors import executor_options, run_issue_builds
    _check_build_options(args)
    if args.format == "gongwen":
        from .pipeline import check_output_folder, named_os_errors
        from .render.gongwen import build_gongwen
        check_output_folder(args.out)
        with named_os_errors(args.out):
            for path in build_gongwen(args.issue_dirs, args.out):
                logger.info("Wrote %s", path)
        return 0
    folders = _issue_dirs(args.issue_dirs)
    variants = ()
    if args.pdf_variant or args.print_marks:
        from .render.pdf import PrintOptions
        variants = (PrintOptions(args.pdf_variant, args.print_marks),)  # checked first
    outcomes = run_issue_builds(folders, args.out, pdf=args.pdf, html=args.html,
                                use_cache=args.cache, variants=variants,
                                **executor_options(args))
    for outcome in outcomes:
        logger.info("%s %s: %d files in %s", outcome.issue.gazette.name, outcome.issue.label,
                    len(outcome.files), args.out)
    if args.report_pages and args.pdf:
        from .render.measure import page_fidelity
        for outcome in outcomes:
            print(page_fidelity(outcome.issue, outcome.pages).format())
    return 0


def run_check(args) -> int:
    from .errors import ManifestError
    from .manifest import load_issue
    failed = unloadable = False
    for folder in _issue_dirs(args.issue_dirs):
        try:
            issue = load_issue(folder)
        except ManifestError as exc:
            failed = unloadable = True
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        from .checks import issue_warnings, missing_metadata
        if missing := missing_metadata(issue):  # a draft: it loads, but does not build
            failed = True
            for problem in missing:
                print(problem, file=sys.stderr)
            continue
        if _missing_glyphs(issue):  # what the print build would refuse, said now
            failed = True
            continue
        for warning in issue_warnings(issue):
            print(f"warning: {warning}", file=sys.stderr)
        logger.info("%s: ok (%d documents)", folder, len(issue.documents))
    if args.audit is not None and not unloadable:  # an issue that does not load is listed once
        failed = _run_audit(args) or failed
    return 1 if failed else 0


def _missing_glyphs(issue) -> bool:
    """Print the characters the issue's print fonts cannot draw (the build refuses them:
    ``render.fonts.check_glyphs``); True if there are any."""
    from .render.fonts import check_glyphs
    from .themes import issue_theme
    try:
        check_glyphs(issue, issue_theme(issue).print)
    except GazetteError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return True
    return False


def _run_audit(args) -> bool:
    """``check --audit``: True when characters of the source are unexplained."""
    from .audit import audit_issue_dir
    if len(args.issue_dirs) != 1:
        raise GazetteError("--audit needs exactly one ISSUE_DIR", path=str(args.audit))
    result = audit_issue_dir(args.issue_dirs[0], args.audit)
    (sys.stdout if result.ok else sys.stderr).write(result.to_text())
    return not result.ok


#: Options of ``import --out`` that ``--into`` would ignore: option → (attribute, default).
INTO_IGNORES = {"--year": ("year", None), "--number": ("number", None),
                "--force": ("force", False), "--fit-theme/--no-fit-theme": ("fit_theme", None)}


def run_import(args) -> int:
    from .sources import add_to_issue, complete_draft, import_source, name_section, save_import
    if args.into is not None:
        given = [name for name, (attr, default) in INTO_IGNORES.items()
                 if getattr(args, attr) != default]
        if given:
            raise UsageError(f"{', '.join(given)} set up a new issue folder (--out); --into adds "
                             "to an issue whose issue.toml already says them: edit it instead",
                             field="--into")
    gazette_id = args.gazette_id
    if gazette_id is None and args.out is not None:
        gazette_id = _gazette_of_folder(args.out)
    result = import_source(args.source, kind=args.kind, gazette_id=gazette_id)
    if args.into is not None:
        written = add_to_issue(result, args.into, section=args.section,
                               gazette_id=args.gazette_id)
    else:
        from .manifest import gazette_file
        issue = complete_draft(result.issue, year=args.year, number=args.number)
        if args.section is not None:
            issue = name_section(issue, args.section, path=args.source)
        new_gazette = not gazette_file(args.out).exists()
        if args.gazette_id is not None and not new_gazette:
            _refuse_other_gazette(args.out, args.gazette_id)
        written = save_import(type(result)(issue, result.report), args.out, force=args.force)
        if args.fit_theme is not False and new_gazette:
            _fit_new_gazette(args.out, args.source)
    report = result.report
    logger.info("Imported %s (%s): %d documents, %d discarded spans, %d joins, %d fixes, "
                "%d uncertainties; %d files written", args.source, report.kind,
                len(result.issue.documents), len(report.discarded), len(report.joins),
                len(report.fixes), len(report.uncertainties), len(written))
    return 0


def _gazette_of_folder(issue_dir: Path) -> str | None:
    """The gazette an ``--out`` folder laid out as ``GAZETTE/YYYY-NN`` names (the layout
    of issues/), or None: a file name such as ``附件4 实施细则.docx`` says nothing of it."""
    from . import ids
    from .manifest import issue_folder_parts
    folder = Path(issue_dir).absolute()
    if issue_folder_parts(folder) and ids.is_slug(folder.parent.name):
        return folder.parent.name
    return None


def _refuse_other_gazette(issue_dir: Path, gazette_id: str) -> None:
    """``import --out`` beside a gazette.toml of another gazette: the folder, not the
    option, would decide the gazette, so the option is refused rather than ignored."""
    from .errors import SourceError
    from .manifest import _Collector, gazette_file, load_gazette
    path = gazette_file(issue_dir)
    gazette = load_gazette(path, _Collector())
    if gazette is not None and gazette.id != gazette_id:
        raise SourceError(f"{issue_dir} would be an issue of gazette {gazette.id!r} (this "
                          f"gazette.toml), not {gazette_id!r}: import into "
                          f"a folder of gazette {gazette_id!r}, or leave out --gazette-id",
                          path=path)


def _fit_new_gazette(issue_dir: Path, source: Path) -> None:
    """At import: fit the new gazette's theme when the 目录 gives enough start pages."""
    from .fit import fit_and_save
    try:
        result, path = fit_and_save(issue_dir, fitted_on=source.name)
    except GazetteError as exc:  # too little evidence, or a draft issue that does not load
        logger.info("No theme fitted (the default theme stays): %s", exc)
        return
    logger.info("Fitted theme %s (%d renders): %s", path, len(result.renders),
                result.report.format().splitlines()[-1])


def run_theme_fit(args) -> int:
    from .fit import MAX_RENDERS, fit_and_save
    toc_pages = None
    if args.source is not None:
        from .sources import import_source
        imported = import_source(args.source)
        toc_pages = {d.seq: d.toc_page for d in imported.issue.documents if d.toc_page}
    result, path = fit_and_save(args.issue_dir, name=args.name, toc_pages=toc_pages,
                                max_renders=args.renders or MAX_RENDERS,
                                fitted_on=args.source.name if args.source else None,
                                paper_sizes=tuple(args.page_size) if args.page_size else None,
                                columns=tuple(args.columns) if args.columns else (1, 2))
    from .fit.search import describe
    best = result.estimates[0]
    n = len(result.report.compared)
    print(f"estimate: {describe(best.layout)}: {n - best.score.inexact}/{n} exact predicted")
    for number, rendered in enumerate(result.renders, 1):
        print(f"render {number}: {describe(rendered.layout)}: {n - rendered.score.inexact}/{n} "
              f"exact, {n - rendered.score.off}/{n} within ±1")
    print(result.report.format())
    for line in result.misfits():
        print(f"not within ±1: {line}")
    print(f"wrote {path}")
    return 0


def run_export(args) -> int:
    from .export import export_json
    from .manifest import load_issue
    text = export_json(load_issue(args.issue_dir))
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:  # a full disk or a closed pipe behind stdout
        raise GazetteError(f"cannot write the JSON: {exc.strerror}", path="<stdout>") from None
    return 0


def run_new(args) -> int:
    from .save import new_issue
    folder = new_issue(args.gazette_dir, args.date)
    print(folder)
    return 0


def _add_site_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("site"), help="output folder (site/)")
    parser.add_argument("--settings", type=Path, default=None, metavar="TOML",
                        help="site settings (base URL, name, 主办单位, contact, 网站标识码, "
                             "ICP 备案号); default: site.toml when present")
    parser.add_argument("--base-url", default=None, metavar="URL",
                        help="public URL of the site (overrides the settings)")
    parser.add_argument("--title", default=None, help="name of the site (overrides the settings)")


def run_site(args) -> int:
    from .executors import executor_options
    from .site import build_site
    from .site.settings import site_from_options
    site = site_from_options(args.settings, args.base_url, args.title)
    report = build_site(args.issues_root, args.out, site=site,
                        dist=args.dist, force=args.force, **executor_options(args))
    logger.info("Site in %s: %d issues rebuilt, %d up to date", args.out, len(report.rebuilt),
                len(report.reused))
    return 0


def run_volume(args) -> int:
    from .bind import bind_volume, write_volume
    from .cache import BuildCache
    from .executors import executor_options
    cache_dir = str(BuildCache.for_output(args.out).root) if args.cache else None
    volume, pdf = bind_volume(args.gazette_dir, args.year, cache_dir=cache_dir,
                              executor_options=executor_options(args))
    logger.info("Wrote %s", args.out / write_volume(volume, pdf, args.out))
    return 0


def run_serve(args) -> int:
    from .serve import serve
    from .site.settings import site_from_options
    serve(args.issues_root, args.out, site=site_from_options(args.settings, args.base_url, args.title),
          port=args.port)
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
    log = _write_log()
    if log is not None:
        log.replaced.clear()
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"gazette {args.command}: error: {exc.message}", file=sys.stderr)
        return 2
    except GazetteError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except OSError as exc:  # a fault of the machine (disk, network), not of the input
        where = f"{exc.filename}: " if exc.filename is not None else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, never the input's fault: one line unless -v
        if getattr(args, "verbose", False):
            logger.exception("internal error")
        print(f"error: internal error: {type(exc).__name__}: {exc} (a bug in gazette_pub; "
              "run with -v for the traceback and report it)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        log = _write_log()
        print(f"interrupted: {log.summary() if log else 'nothing was written'}",
              file=sys.stderr)
        return 130


def _write_log():
    """The write log of :mod:`gazette_pub.pipeline`, if this process loaded it (nothing
    can have been written otherwise)."""
    pipeline = sys.modules.get("gazette_pub.pipeline")
    return pipeline.WRITE_LOG if pipeline is not None else None


if __name__ == "__main__":
    sys.exit(main())
