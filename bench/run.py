"""Benchmark gazette_pub against plain WeasyPrint and Chromium, side by side in one run.

    .venv/bin/python bench/run.py [--quick] [--repeat N] [--sizes 1,10,100] [--no-write]

Prints a table (case, our time, reference, reference time, ratio, target, peak RSS,
pages) and rewrites ``bench/RESULTS.md`` with it and a description of the machine.
Every command runs in a child process of its own; its peak RSS comes from ``wait4``
(the largest process of the child's tree). Times are medians of ``--repeat`` runs. This is
not a test: nothing here asserts a time.

Cases (issue #8):

1. cold build of the sample issue (manifest → HTML + PDF + per-document PDFs, empty
   cache) against the plain ``weasyprint`` CLI and ``chromium --print-to-pdf`` on the
   same print HTML and CSS;
2. rebuild after editing one document, as a new ``gazette build`` and inside one
   long-running process (as ``gazette serve`` does), against the cold build;
3. rebuild with nothing changed;
4. many issues (synthetic copies of the sample) on a process pool: issues per minute and
   peak RSS per worker, and the same issues one after another for the scaling;
5. a ~150-page issue (the sample's documents repeated): time and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import make_issues, scale_issue  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SAMPLES = [ROOT / "issues" / "ningxia" / "2021-10",
           ROOT / "tests" / "fixtures" / "issues" / "demo" / "2024-01"]
RESULTS = ROOT / "bench" / "RESULTS.md"
MIB = 1024 * 1024
#: Seconds of rest before each measured run.
SETTLE = 1.0

#: A body line of a document that can take an edit: not the header, not a block attribute
#: line, a heading, a table or a list marker.
EDITABLE_LINE_RE = re.compile(
    r"""
    ^(?![+{#|<>\s-])      # not a header fence, attribute list, heading, table, quote or list
    (?P<text>.*[。；])$    # a sentence that ends the line
    """,
    re.X | re.M,
)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss: int
    stdout: str


def measure(command: list[str], *, cwd: Path | None = None) -> Run:
    """Run ``command``; its wall time and the peak RSS of its process tree (``wait4``).

    Every run starts after a short rest: Chromium's helper processes outlive its main
    process by a little and would otherwise slow down whatever runs next.
    """
    time.sleep(SETTLE)
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} exited {proc.returncode}")
    return Run(seconds, usage.ru_maxrss * 1024, stdout)


def median_run(runs: list[Run]) -> Run:
    seconds = statistics.median(r.seconds for r in runs)
    return Run(seconds, max(r.peak_rss for r in runs), runs[-1].stdout)


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(path).pages)


def export_print_html(issue_dir: Path, dest: Path) -> Path:
    """The print HTML and CSS our build gives WeasyPrint, as files for the reference tools."""
    from gazette_pub.manifest import load_issue
    from gazette_pub.render.pdf import print_html, resolve_css, theme_values
    from gazette_pub.themes import load_theme
    issue = load_issue(issue_dir)
    theme = load_theme(issue.gazette.theme)
    values = theme_values(theme, issue)
    dest.mkdir(parents=True, exist_ok=True)
    links = []
    for index, sheet in enumerate(theme.print_css):
        css = dest / f"{index}-{sheet.name}"
        css.write_text(resolve_css(sheet.read_text(encoding="utf-8"), values, sheet),
                       encoding="utf-8")
        links.append(f'<link rel="stylesheet" href="{css.as_uri()}">')
    base = f'<base href="{issue_dir.resolve().as_uri()}/">'
    html = print_html(issue, theme).replace("</head>", base + "".join(links) + "</head>", 1)
    path = dest / "issue.html"
    path.write_text(html, encoding="utf-8")
    return path


def weasyprint_cli(html: Path, out: Path) -> Run:
    return measure([str(BIN / "weasyprint"), str(html), str(out)])


def chromium_print(html: Path, out: Path, profile: Path) -> Run:
    return measure([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--user-data-dir={profile}",
                    f"--print-to-pdf={out}", html.as_uri()])


def gazette_build(issue_dir: Path, out: Path, *extra: str) -> Run:
    return measure([str(BIN / "gazette"), "-q", "build", str(issue_dir), "--out", str(out),
                    *extra])


def edit_one_document(issue_dir: Path, mark: str) -> Path:
    """Append ``mark`` to the first sentence line of the last document; its path."""
    documents = sorted(issue_dir.glob("[0-9]*.md"))
    for path in reversed(documents):
        text = path.read_text(encoding="utf-8")
        body = text.split("+++", 2)[-1]
        match = EDITABLE_LINE_RE.search(body)
        if match:
            start = len(text) - len(body) + match.end("text")
            path.write_text(text[:start] + mark + text[start:], encoding="utf-8")
            return path
    raise SystemExit(f"bench: no editable sentence in {issue_dir}")


IN_PROCESS_DRIVER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from bench.run import edit_one_document
    from gazette_pub.executors import run_issue_builds
    folder, out, repeat = Path({folder!r}), Path({out!r}), {repeat}
    run_issue_builds([folder], out)
    times = []
    for i in range(repeat):
        edit_one_document(folder, "（驻留进程校对{{}}）".format(i))
        start = time.perf_counter()
        run_issue_builds([folder], out)
        times.append(time.perf_counter() - start)
    print(json.dumps(times))
""")

POOL_DRIVER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from gazette_pub.executors import run_issue_builds
    folders = [Path(p) for p in {folders!r}]
    start = time.perf_counter()
    outcomes = run_issue_builds(folders, Path({out!r}), executor={executor!r},
                                workers={workers}, use_cache=False)
    wall = time.perf_counter() - start
    workers = {{}}
    for o in outcomes:
        workers[o.worker] = max(workers.get(o.worker, 0), o.peak_rss)
    print(json.dumps({{"wall": wall, "workers": workers,
                      "issue_seconds": [o.seconds for o in outcomes]}}))
""")


@dataclass(frozen=True)
class Row:
    case: str
    ours: float
    reference: str
    reference_seconds: float | None
    target: str
    peak_rss: int
    pages: int | str

    @property
    def ratio(self) -> float | None:
        return self.ours / self.reference_seconds if self.reference_seconds else None


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor() or "unknown")
    mem = next((int(line.split()[1]) // 1024 for line in
                Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    from importlib.metadata import version
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    return [f"CPU: {cpu}, {os.cpu_count()} logical cores; RAM {mem} MiB",
            f"OS: {platform.platform()}; Python {platform.python_version()}",
            f"WeasyPrint {version('weasyprint')}, pydyf {version('pydyf')}, "
            f"pypdf {version('pypdf')}, Dask {version('distributed')}; "
            f"{chromium.strip() or 'Chromium not found'}",
            f"Load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
            "(the machine is shared; ratios are measured side by side to cancel most of it)"]


def table(rows: list[Row]) -> list[str]:
    lines = ["| case | ours (s) | reference | ref. (s) | ratio | target | peak RSS (MiB) | pages |",
             "| --- | ---: | --- | ---: | ---: | --- | ---: | ---: |"]
    for r in rows:
        ref = f"{r.reference_seconds:.2f}" if r.reference_seconds else "–"
        ratio = f"{r.ratio:.2f}×" if r.ratio else "–"
        lines.append(f"| {r.case} | {r.ours:.2f} | {r.reference} | {ref} | {ratio} | "
                     f"{r.target} | {r.peak_rss / MIB:.0f} | {r.pages} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=Path, default=None,
                        help="issue folder to measure (default: the ningxia sample, else demo)")
    parser.add_argument("--pool-sample", type=Path, default=SAMPLES[-1],
                        help="issue folder copied for the many-issue runs (default: the small "
                             "demo fixture, so that 100 issues take minutes, not an hour)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (median)")
    parser.add_argument("--sizes", default="1,10,100", help="issue counts of the pool runs")
    parser.add_argument("--quick", action="store_true", help="--repeat 1 --sizes 1,10")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    parser.add_argument("--cold-only", action="store_true",
                        help="only issue #17's cold-build targets (bench/cold.py), written "
                             "as their own section of RESULTS.md")
    args = parser.parse_args(argv)
    # Every child (``gazette``, drivers) imports this checkout's gazette_pub, not whatever
    # the shared environment's path files name.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT),
                                                             os.environ.get("PYTHONPATH")]))
    repeat = 1 if args.quick else args.repeat
    sizes = [1, 10] if args.quick else [int(n) for n in args.sizes.split(",")]
    sample = args.sample or next(s for s in SAMPLES if (s / "issue.toml").is_file())
    header = machine()
    print("\n".join(header), flush=True)
    work = Path(tempfile.mkdtemp(prefix="gazette-bench-"))
    from bench import cold
    try:
        cold_lines = cold.run(work / "cold-targets", repeat, export_print_html)
        if args.cold_only:
            if not args.no_write:
                write_cold_section(header, cold_lines, repeat)
            return 0
        rows, pool_lines = run_cases(sample.resolve(), args.pool_sample.resolve(), work,
                                     repeat, sizes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = table(rows)
    print("\n".join(lines + [""] + pool_lines))
    if not args.no_write:
        write_results(sample, args.pool_sample, header, lines, pool_lines, repeat)
        write_cold_section(header, cold_lines, repeat)
    return 0


COLD_TITLE = "## Issue #17: cold build against the WeasyPrint CLI"


def write_cold_section(header: list[str], lines: list[str], repeat: int) -> None:
    """Put the cold-build table (bench/cold.py) into RESULTS.md as its own section,
    replacing the previous one, leaving the other sections as they were measured."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    section = "\n".join([
        COLD_TITLE, "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; medians of "
        f"{repeat} run(s), the three commands in turns. {header[-1]}. Wall ratios are only "
        "meaningful on an idle machine; CPU ratios (user + sys of each process) move much "
        "less with load.", "", *lines, "", ""])
    before, found, after = text.partition(COLD_TITLE)
    if found:
        after = after[after.find("\n## ") + 1:] if "\n## " in after else ""
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")
    print(f"wrote {RESULTS}")


def run_cases(sample: Path, pool_sample: Path, work: Path, repeat: int, sizes: list[int]):
    issue = work / "issues" / sample.parent.name / sample.name
    issue.parent.mkdir(parents=True)
    shutil.copy2(sample.parent / "gazette.toml", issue.parent / "gazette.toml")
    shutil.copytree(sample, issue)
    html = export_print_html(issue, work / "ref")
    profile = work / "chromium-profile"
    step = lambda name: print(f"… {name}", file=sys.stderr, flush=True)  # noqa: E731

    step("cold builds and references")
    runs: dict[str, list[Run]] = {"ours": [], "weasyprint": [], "chromium": []}
    tools = {"ours": lambda i: gazette_build(issue, work / f"cold-{i}"),
             "weasyprint": lambda i: weasyprint_cli(html, work / f"weasy-{i}.pdf"),
             "chromium": lambda i: chromium_print(html, work / f"chromium-{i}.pdf", profile)}
    for i in range(repeat):
        # A different tool goes first in each round.
        order = list(tools)[i % len(tools):] + list(tools)[:i % len(tools)]
        for name in order:
            runs[name].append(tools[name](i))
    cold_run, weasy_run, chrome_run = (median_run(runs[name]) for name in tools)
    ours_pdf = next((work / "cold-0").glob("*/*/*.pdf"))
    pages = pdf_pages(ours_pdf)
    rows: list[Row] = []

    def add(row: Row) -> None:  # printed as soon as measured: a long run shows its progress
        rows.append(row)
        print(table([row])[-1], file=sys.stderr, flush=True)

    add(Row("cold build, 1 issue", cold_run.seconds, "weasyprint CLI", weasy_run.seconds,
            "≤ 0.6×", cold_run.peak_rss, pages))
    add(Row("cold build, 1 issue", cold_run.seconds, "Chromium print-to-PDF",
            chrome_run.seconds, "≤ 1.0×", cold_run.peak_rss,
            f"{pages} (Chromium {pdf_pages(work / 'chromium-0.pdf')})"))
    add(Row("  weasyprint CLI itself", weasy_run.seconds, "–", None, "",
            weasy_run.peak_rss, pdf_pages(work / "weasy-0.pdf")))
    add(Row("  Chromium itself", chrome_run.seconds, "–", None, "",
            chrome_run.peak_rss, pdf_pages(work / "chromium-0.pdf")))

    step("warm rebuilds")
    warm_out = work / "cold-0"
    warm = []
    for i in range(repeat):
        edit_one_document(issue, f"（校对{i}）")
        warm.append(gazette_build(issue, warm_out))
    warm_run = median_run(warm)
    add(Row("rebuild after editing 1 document (new process)", warm_run.seconds,
            "cold build", cold_run.seconds, "≤ 0.3×", warm_run.peak_rss, pages))
    # Before the resident runs below, which edit the issue again.
    unchanged = median_run([gazette_build(issue, warm_out) for _ in range(repeat)])
    resident = measure([PYTHON, "-c", IN_PROCESS_DRIVER.format(
        root=str(ROOT), folder=str(issue), out=str(work / "resident"), repeat=repeat)])
    add(Row("rebuild after editing 1 document (resident process)",
            statistics.median(json.loads(resident.stdout)), "cold build",
            cold_run.seconds, "≤ 0.3×", resident.peak_rss, pages))
    add(Row("rebuild, nothing changed", unchanged.seconds, "cold build",
            cold_run.seconds, "", unchanged.peak_rss, pages))

    step("a ~150-page issue")
    times = math.ceil(150 / pages) + 1  # front matter and flow make the copies a bit shorter
    big = scale_issue(issue, work / "big", times)
    big_html = export_print_html(big, work / "big-ref")
    big_run = gazette_build(big, work / "big-out", "--no-cache")
    big_weasy = weasyprint_cli(big_html, work / "big-weasy.pdf")
    big_chrome = chromium_print(big_html, work / "big-chromium.pdf", profile)
    big_pages = pdf_pages(next((work / "big-out").glob("*/*/*.pdf")))
    add(Row(f"cold build, {big_pages}-page issue (RSS target ≤ 400 MiB)", big_run.seconds,
            "weasyprint CLI", big_weasy.seconds, "≤ 0.6×", big_run.peak_rss, big_pages))
    add(Row(f"cold build, {big_pages}-page issue", big_run.seconds,
            "Chromium print-to-PDF", big_chrome.seconds, "≤ 1.0×", big_run.peak_rss,
            big_pages))
    add(Row("  weasyprint CLI itself", big_weasy.seconds, "–", None, "", big_weasy.peak_rss,
            pdf_pages(work / "big-weasy.pdf")))

    step("many issues")
    pool_lines = ["| issues | executor | worker processes (with replacements) | wall (s) | issues/min | s per issue in a worker "
                  "(median) | peak RSS per worker (MiB) |",
                  "| ---: | --- | ---: | ---: | ---: | ---: | --- |"]
    workers = os.cpu_count() or 1
    runs = [(n, "process", workers) for n in sizes] + [(min(10, max(sizes)), "local", 1)]
    for n, executor, count in runs:
        folders = make_issues(pool_sample, work / f"many-{n}-{executor}", n)
        result = measure([PYTHON, "-c", POOL_DRIVER.format(
            folders=[str(f) for f in folders], out=str(work / f"many-out-{n}-{executor}"),
            executor=executor, workers=count)])
        data = json.loads(result.stdout)
        rss = ", ".join(f"{v / MIB:.0f}" for v in sorted(data["workers"].values()))
        pool_lines.append(f"| {n} | {executor} | {len(data['workers'])} | {data['wall']:.1f} | "
                          f"{60 * n / data['wall']:.1f} | "
                          f"{statistics.median(data['issue_seconds']):.2f} | {rss} |")
        print(pool_lines[-1], file=sys.stderr, flush=True)
    return rows, pool_lines


def _shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def write_results(sample: Path, pool_sample: Path, header: list[str], lines: list[str],
                  pool_lines: list[str], repeat: int) -> None:
    text = "\n".join([
        "# Benchmark results",
        "",
        "Regenerated by `.venv/bin/python bench/run.py` (do not edit by hand; notes on what was",
        "changed and why are in `bench/PROFILE.md`).",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on the sample issue "
        f"`{_shown(sample)}`; medians of {repeat} run(s).",
        "",
        "## Machine",
        "",
        *[f"- {line}" for line in header],
        "",
        "## One issue",
        "",
        "Ratio = ours / reference; the reference tools only turn the print HTML into a PDF,",
        "our build also renders the HTML edition, the manifest and the per-document PDFs.",
        "",
        *lines,
        "",
        f"## Many issues (synthetic copies of `{_shown(pool_sample)}`)",
        "",
        "`process`: a pool of one worker per core, each replaced after "
        "`MAX_TASKS_PER_CHILD` issues; `local`: the same issues one after another in one "
        "process, for the scaling.",
        "",
        *pool_lines,
        "",
    ])
    RESULTS.write_text(text, encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    sys.exit(main())
