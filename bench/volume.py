"""Benchmark the bound volume (issue #17 §3): a synthetic year of 24 issues.

    .venv/bin/python bench/volume.py [--sample ISSUE_DIR] [--issues 24] [--jobs 2]

Measured in one run, each command in a child process of its own (bench/run.py ``measure``):

* reference — the same issues laid out one after another (``gazette build --no-html
  --no-cache --executor local``);
* ``volume`` after the issues were built (the usual order: a volume binds published
  issues, so the build cache holds each issue's page count) — target ≤ 0.6× the reference;
* ``volume --no-cache``, cold: every issue is laid out twice (once to count its pages);
* peak RSS of the volume's workers against one issue's build: bounded by one issue's.

Prints a table and appends nothing to RESULTS.md unless ``--write``; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import BIN, MIB, measure  # noqa: E402
from bench.synthetic import ISSUES_PER_YEAR, make_issues  # noqa: E402

GAZETTE = str(BIN / "gazette")
YEAR = 2001

#: A task line of ``gazette -v volume`` (gazette_pub/bind.py ``gather``).
TASK_RE = re.compile(r"^Task (?P<key>\S+): (?P<seconds>[\d.]+) s on \S+, peak RSS (?P<mib>\d+) MiB$",
                     re.M)


def with_log(command: list[str]) -> list[str]:
    """``command`` with its log (stderr) on stdout, where :func:`measure` reads."""
    return ["sh", "-c", " ".join(shlex.quote(part) for part in command) + " 2>&1"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=ROOT / "issues" / "ningxia" / "2021-10")
    parser.add_argument("--issues", type=int, default=ISSUES_PER_YEAR)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folders = make_issues(args.sample, tmp / "issues", args.issues, first_year=YEAR)
        gazette_dir = folders[0].parent
        one = measure([GAZETTE, "-q", "build", str(folders[0]), "--no-html", "--no-cache",
                       "--out", str(tmp / "one")])
        reference = measure([GAZETTE, "-q", "build", str(gazette_dir), "--no-html",
                             "--no-cache", "--executor", "local", "--out", str(tmp / "ref")])
        # publishing the issues (not timed): their print editions land in the build cache
        measure([GAZETTE, "-q", "build", str(gazette_dir), "--no-html", "--jobs",
                 str(args.jobs), "--out", str(tmp / "dist")])
        warm = measure(with_log([GAZETTE, "-v", "volume", str(gazette_dir), str(YEAR),
                                 "--out", str(tmp / "dist"), "--executor", "process",
                                 "--jobs", str(args.jobs)]))
        cold = measure(with_log([GAZETTE, "-v", "volume", str(gazette_dir), str(YEAR),
                                 "--out", str(tmp / "cold"), "--no-cache", "--executor",
                                 "process", "--jobs", str(args.jobs)]))
    workers = [int(m["mib"]) for m in TASK_RE.finditer(warm.stdout + cold.stdout)]
    rows = [
        ("one issue, build (peak RSS reference)", one.seconds, one.peak_rss // MIB, ""),
        (f"{args.issues} issues one after another (reference)", reference.seconds,
         reference.peak_rss // MIB, "1.00"),
        ("volume, issues built before", warm.seconds, warm.peak_rss // MIB,
         f"{warm.seconds / reference.seconds:.2f} (target ≤ 0.6)"),
        ("volume, cold (--no-cache)", cold.seconds, cold.peak_rss // MIB,
         f"{cold.seconds / reference.seconds:.2f}"),
    ]
    print("| case | seconds | peak RSS MiB | ratio to reference |\n|---|---|---|---|")
    for name, seconds, rss, ratio in rows:
        print(f"| {name} | {seconds:.1f} | {rss} | {ratio} |")
    if workers:
        print(f"\nvolume tasks: largest worker peak RSS {max(workers)} MiB "
              f"(one issue's build: {one.peak_rss // MIB} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
