"""Chinese typography before/after on the seed issues: ragged right and line starts.

    .venv/bin/python bench/typography.py [ISSUE_DIR …]   (default: the seed issues)

"before" renders the issue as the spine did: no character grid (``chars_per_line = 0``),
none of the print-only rules of ``gazette_pub/render/typography.py`` and no
inter-character justification; "grid" adds the grid and the rules; "after" is the
gazette's theme as committed (grid, rules and justification). For each it prints the share of non-final body lines that
end more than 0.5 em short of the measure (:func:`gazette_pub.render.measure.ragged_right`)
and the lines that start with a prohibited mark. Not a test: nothing is asserted.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import tempfile
from pathlib import Path

from gazette_pub.manifest import load_issue
from gazette_pub.render.measure import prohibited_line_starts, ragged_right, read_lines
from gazette_pub.render.pdf import print_html, render_issue_pdf
from gazette_pub.render.templating import make_environment
from gazette_pub.themes import PROJECT_ROOT, load_theme

SEEDS = [PROJECT_ROOT / "issues" / "ningxia" / "2021-10",
         PROJECT_ROOT / "issues" / "zhongwei" / "2023-03"]


def measure(issue, theme, html: str, workdir: Path, name: str) -> str:
    printed = render_issue_pdf(issue, theme, html=html)
    path = workdir / f"{name}.pdf"
    path.write_bytes(printed.pdf)
    lines = read_lines(path)
    p = theme.print
    numbered = {i + 1 for i, label in enumerate(printed.page_labels) if label is not None}
    report = ragged_right(lines, measure=p.measure_pt, em=p.pitch_pt, columns=p.columns,
                          pages=numbered)
    return f"{report.format()}; {len(prohibited_line_starts(lines))} prohibited line starts"


def main(argv: list[str] | None = None) -> int:
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    folders = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or SEEDS
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            issue = load_issue(folder)
            after = load_theme(issue.gazette.theme)
            grid = dataclasses.replace(after, print=dataclasses.replace(after.print,
                                                                        justify_cjk=False))
            before = dataclasses.replace(grid, print=dataclasses.replace(grid.print,
                                                                         chars_per_line=0))
            raw = make_environment(before).get_template("print/issue.html").render(
                issue=issue, theme=before.print, toc_href=lambda doc: "#" + doc.id)
            print(f"{issue.gazette.id} {issue.slug}")
            print("  before:", measure(issue, before, raw, Path(tmp), "before"), flush=True)
            print("  grid:  ", measure(issue, grid, print_html(issue, grid), Path(tmp), "grid"),
                  flush=True)
            print("  after: ", measure(issue, after, print_html(issue, after), Path(tmp),
                                       "after"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
