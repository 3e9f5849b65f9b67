"""Issue #17's targets: the cold build of each sample issue against WeasyPrint's CLI.

    .venv/bin/python bench/run.py --cold-only [--repeat N]

For each sample issue (ningxia, zhongwei): ``gazette build --no-cache`` against the
``weasyprint`` CLI on our own print HTML (target ≤ 1.1×) and on a plain HTML of the same
text (``constructs.plain_html``, target ≤ 1.4×), run in turns, medians of ``N``. Each
ratio is given on wall time and on CPU time (user + sys of the child, from ``wait4``):
on a loaded machine the wall ratio is noise, the CPU ratio much less so.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "issues" / "ningxia" / "2021-10", ROOT / "issues" / "zhongwei" / "2023-03"]
BIN = ROOT / ".venv" / "bin"


@dataclass(frozen=True)
class Timed:
    wall: float
    cpu: float


def timed(command: list[str]) -> Timed:
    """Wall and CPU seconds (user + sys of the child and its waited-for children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed")
    return Timed(wall, usage.ru_utime + usage.ru_stime)


def run(work: Path, repeat: int, export_print_html) -> list[str]:
    """Markdown rows of the issue-17 table, one per (sample, reference)."""
    from bench.constructs import plain_html
    lines = ["| issue | case | ours wall (s) | ref. wall (s) | wall ratio | ours CPU (s) | "
             "ref. CPU (s) | CPU ratio | target |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for sample in SAMPLES:
        if not (sample / "issue.toml").is_file():
            continue
        issue = work / "cold" / sample.parent.name / sample.name
        issue.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(sample.parent / "gazette.toml", issue.parent / "gazette.toml")
        shutil.copytree(sample, issue)
        ours_html = export_print_html(issue, work / f"ref-{sample.parent.name}")
        plain = ours_html.with_name("plain.html")
        plain.write_text(plain_html(ours_html.read_text(encoding="utf-8")), encoding="utf-8")
        tools = {
            "ours": lambda i: [str(BIN / "gazette"), "-q", "build", str(issue), "--out",
                               str(work / f"cold-{sample.parent.name}-{i}"), "--no-cache"],
            "cli-ours": lambda i: [str(BIN / "weasyprint"), str(ours_html),
                                   str(work / f"w-{i}.pdf")],
            "cli-plain": lambda i: [str(BIN / "weasyprint"), str(plain),
                                    str(work / f"p-{i}.pdf")]}
        runs: dict[str, list[Timed]] = {name: [] for name in tools}
        for i in range(repeat):
            order = list(tools)[i % 3:] + list(tools)[:i % 3]  # a different one first
            for name in order:
                runs[name].append(timed(tools[name](i)))
        med = {name: Timed(statistics.median(t.wall for t in runs[name]),
                           statistics.median(t.cpu for t in runs[name])) for name in runs}
        for ref, label, target in (("cli-ours", "WeasyPrint CLI on our print HTML", "≤ 1.1×"),
                                   ("cli-plain", "WeasyPrint CLI on a plain HTML of the "
                                                 "same text", "≤ 1.4×")):
            o, r = med["ours"], med[ref]
            lines.append(f"| {sample.parent.name} | cold build vs {label} | {o.wall:.2f} | "
                         f"{r.wall:.2f} | {o.wall / r.wall:.2f}× | {o.cpu:.2f} | {r.cpu:.2f} | "
                         f"{o.cpu / r.cpu:.2f}× | {target} |")
            print(lines[-1], flush=True)
    return lines
