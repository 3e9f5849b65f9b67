"""What each construct of the print HTML/CSS costs WeasyPrint: remove one at a time, count.

    .venv/bin/python bench/constructs.py ISSUE_DIR [--docs N] [--repeat R] [VARIANT …]

Lays out and writes the print edition of the first ``N`` documents of ``ISSUE_DIR`` (all
with 0) with its theme, once as our build gives it to WeasyPrint (``baseline``) and once
per variant with one construct removed, each in a fresh child process. The measure is the
child's CPU time (user + sys, ``getrusage``) spent in ``render()`` + ``write_pdf()``,
median of ``R`` runs: on a shared, loaded machine wall time is useless, CPU time moves
much less (cache contention still inflates it a little, so compare rows of one run only).
Prints a Markdown table (variant, CPU s, saved against the baseline, pages). Not a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Spans the typography puts around digit/Latin runs, dashes and interpuncts.
CHAR_SPAN_RE = re.compile(r'<span class="(?:hw[^"]*|fw|mid)">([^<]*)</span>')

#: Variant → (what it removes, extra CSS, HTML rewrite name, justification patch on).
VARIANTS = {
    "baseline": ("nothing (our print HTML and CSS)", "", None, True),
    "no-justify-patch": ("inter-character justification patch (typography.py)", "", None, False),
    "no-char-spans": ("grid spans around digit/Latin runs, dashes, ·", "", "unspan", True),
    "no-font-features": ("hwid/fwid font features of those spans",
                         ".hw, .fw { font-feature-settings: normal }", None, True),
    "one-column": ("two columns", "main.issue-body { columns: auto }", None, True),
    "ragged": ("text-align: justify (all justification)",
               "html, html * { text-align: left !important }", None, False),
    "no-letter-spacing": ("the grid's letter-spacing",
                          "html, html * { letter-spacing: normal !important }", None, True),
    "no-repeat-thead": ("repeated table headers", "thead { display: table-row-group }",
                        None, True),
    "no-tables-borders": ("table borders (collapsed)",
                          "table, td, th { border: none !important; "
                          "border-collapse: separate !important }", None, True),
    "plain": ("everything: plain paragraphs of the same text, default CSS", "", "plain", False),
}


def child(issue_dir: str, docs: int, variant: str) -> None:
    import resource

    import weasyprint

    from gazette_pub.manifest import load_issue
    from gazette_pub.render import pdf, typography
    from gazette_pub.themes import load_theme

    issue = load_issue(Path(issue_dir))
    if docs:
        keep, sections = docs, []
        for section in issue.sections:
            kept = section.documents[:keep]
            keep -= len(kept)
            if kept:
                sections.append(dataclasses.replace(section, documents=kept))
        issue = dataclasses.replace(issue, sections=tuple(sections))
    theme = load_theme(issue.gazette.theme)
    _, css, rewrite, justify = VARIANTS[variant]
    text = pdf.print_html(issue, theme)
    values = pdf.theme_values(theme, issue)
    sheets = [weasyprint.CSS(string=pdf.resolve_css(p.read_text(encoding="utf-8"), values, p),
                             base_url=str(p)) for p in theme.print_css]
    if rewrite == "unspan":
        text = CHAR_SPAN_RE.sub(r"\1", text)
    elif rewrite == "plain":
        text, sheets = plain_html(text), []
    if css:
        sheets.append(weasyprint.CSS(string=css))
    before = resource.getrusage(resource.RUSAGE_SELF)
    with typography.inter_character_justification(justify and theme.print.justify_cjk):
        document = weasyprint.HTML(string=text, base_url=str(ROOT) + "/").render(
            stylesheets=sheets)
        document.write_pdf()
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(json.dumps({"cpu": cpu, "pages": len(document.pages)}))


def plain_html(text: str) -> str:
    """The same text as ``text`` (a print HTML) in plain paragraphs, no class, no style:
    the "plain HTML of the same text" that issue #17 measures our build against."""
    from lxml import html as lxml_html
    tree = lxml_html.document_fromstring(text)
    paragraphs = [e.text_content() for e in tree.iter("p", "li", "td", "th", "h1", "h2")]
    return "<!DOCTYPE html><html lang=zh><body>" + "".join(
        "<p>" + p.replace("&", "&amp;").replace("<", "&lt;") + "</p>"
        for p in paragraphs) + "</body></html>"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("issue")
    parser.add_argument("--docs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("variants", nargs="*")
    args = parser.parse_intermixed_args(argv)
    if args.child:
        child(args.issue, args.docs, args.child)
        return 0
    names = args.variants or list(VARIANTS)
    if "baseline" not in names:
        names.insert(0, "baseline")
    results = {}
    for _ in range(args.repeat):  # interleaved, so a change of load hits every variant
        for name in names:
            out = subprocess.run([sys.executable, __file__, args.issue, "--docs", str(args.docs),
                                  "--child", name], capture_output=True, text=True, check=True,
                                 cwd=ROOT)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            results.setdefault(name, []).append(row)
            print(f"  {name}: {row}", file=sys.stderr, flush=True)
    base = statistics.median(r["cpu"] for r in results["baseline"])
    print("| removed | CPU s (median) | share of baseline saved | pages |")
    print("| --- | ---: | ---: | ---: |")
    for name in names:
        cpu = statistics.median(r["cpu"] for r in results[name])
        pages = results[name][-1]["pages"]
        print(f"| {name}: {VARIANTS[name][0]} | {cpu:.2f} | {(base - cpu) / base:+.0%} | {pages} |")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
