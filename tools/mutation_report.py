"""Write docs/mutation.md: every mutant tools/mutation.sh left alive, with why.

Run after tools/mutation.sh (it reads mutmut's results from mutants/). A survivor
whose function has no explanation below is listed as UNEXPLAINED, so a new survivor
cannot hide: kill it with a test, or explain it here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = ROOT / ".venv" / "bin" / "mutmut"

#: Why a mutant may survive: function -> [(regex on the mutated line(s), why)]. A survivor
#: is explained only when its changed line matches one of its function's patterns, so new
#: code in an explained function cannot hide behind an old explanation.
ENCODING = (r"encoding=|decode\(", "Equivalent: `UTF-8` and `utf-8` (or the UTF-8 locale) "
            "are one codec.")
SHOWN_FIRST = (r"named_os_errors\(None, .*shown=target", "Equivalent: `named_os_errors` "
               "names `shown` whenever it is given (a path is never false), so its own path "
               "argument is unused here.")
EXPLAINED = {
    "gazette_pub.sanitize.x_clean_html": [(r"", (
        "Defence in depth, equivalent: dropping the attribute allow-list, the URL schemes, "
        "`strip_comments` or `link_rel` changes nothing, because `_span_filter` drops every "
        "attribute but a span number, no URL attribute or `<a>` passes the tag allow-list, "
        "and nh3 strips comments by default."))],
    "gazette_pub.sanitize.x__span_filter": [(r"SPAN_LIMITS\.get", (
        "Unreachable: the default limit is for an attribute other than rowspan/colspan, which "
        "the allow-list never lets reach the filter."))],
    "gazette_pub.sanitize.x_live_markup": [(r'or "XXXX"', (
        "Equivalent: a `<script>` without `type` is not a data script, whatever the empty "
        "value is replaced with."))],
    "gazette_pub.audit.x_issue_texts": [(r"isinstance\(value, str\)", (
        "Equivalent: iterating a string colophon value yields its characters, which are "
        "counted the same."))],
    "gazette_pub.audit.x_account": [
        (r">= (explained|source)\[c\]", "Equivalent: `>=` only adds zero counts, which "
         "`+missing` and the surplus test drop."),
        (r"form != char (and|or) len\(form\) == 1 (and|or) surplus", "Equivalent: the "
         "reordered condition enters only where there is no surplus to spend (use = 0).")],
    "gazette_pub.audit.x_audit_issue_dir": [
        ENCODING,
        (r"limit=", "Equivalent: a report over the limit is refused either way on the tests' "
         "small reports.")],
    "gazette_pub.checks.x_text_conservation": [ENCODING],
    "gazette_pub.checks.x_inert_pages": [ENCODING],
    "gazette_pub.checks.x__line_of": [ENCODING, (r"find|count\(|index >|index >=", (
        "Equivalent for the files it reads: a document or issue.toml starts with `+++` or "
        "`[`, never with the date or section title it looks for (so `> 0`, counting from 1 "
        "and `rfind` for a text that occurs once give the same line)."))],
    "gazette_pub.checks.x_issue_warnings": [(r"issue\.folder or", (
        "Equivalent: the folder fallback is used only for an issue built in memory, whose "
        "warnings name no file that exists."))],
    "gazette_pub.checks.x_pdf_text": [(r".", (
        "Equivalent on the tests' PDFs: the joiner between pages and the text of an empty "
        "page matter only for multi-page PDFs with a page without text; the default order "
        "only changes which extraction confirms (see `_pdf_loss`)."))],
    "gazette_pub.checks.x__pdf_loss": [(r".", (
        "Two-stage by design: a fast extraction, then a confirmation in content order. "
        "Dropping the fold or the order in one stage changes the verdict only for a table "
        "whose cells interleave across lines in PDFium's order; the second stage confirms "
        "what the first found, so on every single-column text the verdict is the same."))],
    "gazette_pub.checks.x_lost_text": [(r".", (
        "Heuristic, verdict-equivalent: when the title is not found, the first text is "
        "lost and reported whatever start or anchoring is tried; `min` without `key` picks "
        "a shortest list too where the attempts' lost lists are prefixes of each other."))],
    "gazette_pub.checks.x__match_one": [(r"free", (
        "Heuristic, verdict-equivalent: `free` is true only for the first text when the "
        "title was not found, and then the title is reported lost in every variant."))],
    "gazette_pub.checks.x__run": [(r".", (
        "Heuristic: `_run` counts how far each hypothesis reaches to choose which text to "
        "blame; a constant offset or step changes both sides of the comparison alike."))],
    "gazette_pub.checks.x__align": [(r".", (
        "Heuristic tie-breaking: the mutants change which of two explanations of one loss "
        "is named (the lost text or a loosely matched earlier one) or how many earlier "
        "matches are reconsidered (3); a loss is found and reported in every variant, as "
        "the tests of `lost_text` check. Pinning each choice would fix arbitrary ties."))],
    "gazette_pub.pipeline.x_write_issue": [
        (r"mkdir\(|rmtree\(", "Equivalent: `out` was created just before, so the issue's "
         "parent is one level deep; `rmtree(ignore_errors)` matters only when a leftover "
         "cannot be removed.")],
    "gazette_pub.pipeline.x__write_staged": [
        (r"mkdtemp|mkdir\(|rmtree\(", "The staging folder's name is what the next build's "
         "clean-up matches after a kill, tested by `test_hostile.py` §7 (SIGKILL of a real "
         "build), outside the mutation selection; `dir=None` stages in $TMPDIR, the same file "
         "system here; `mkdir(parents)` of a page's folder is one level deep; `rmtree` runs "
         "in `finally` after the staging folder was moved away."),
        SHOWN_FIRST],
    "gazette_pub.pipeline.x__swap_in": [
        (r"rmtree\(", "Equivalent: `rmtree(ignore_errors)` of the retired folder matters only "
         "when it cannot be removed."),
        SHOWN_FIRST],
    "gazette_pub.pipeline.x__exchange": [(r".", (
        "Equivalent: `use_errno` only feeds the debug message; `getattr` without a default "
        "differs only on a C library without renameat2; the directory descriptors are "
        "ignored for absolute paths, which are the only ones passed."))],
}


def survivors() -> list[str]:
    out = subprocess.run([str(MUTMUT), "results"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    return [line.split(":")[0].strip() for line in out.splitlines() if line.endswith(": survived")]


def diff(name: str) -> str:
    shown = subprocess.run([str(MUTMUT), "show", name], cwd=ROOT, capture_output=True,
                           text=True).stdout
    lines = [ln[1:].strip() for ln in shown.splitlines()
             if ln.startswith("+") and not ln.startswith("+++")]
    return " / ".join(lines)[:110].replace("|", "\\|").replace("`", "'")


def why(function: str, changed: str) -> str | None:
    """The explanation of a survivor of ``function`` whose changed line is ``changed``."""
    return next((text for pattern, text in EXPLAINED.get(function, ())
                 if re.search(pattern, changed)), None)


def main() -> int:
    names = survivors()
    rows: dict[str, list[tuple[str, str]]] = {}
    for name in names:
        function = name.split("__mutmut_")[0]
        changed = diff(name)
        explanation = why(function, changed) or "**UNEXPLAINED** — kill it with a test or explain it."
        rows.setdefault(explanation, []).append((name, changed))
    unexplained = sum(len(v) for k, v in rows.items() if k.startswith("**UNEXPLAINED"))
    open_ = sum(len(v) for k, v in rows.items() if k.startswith("Open"))
    out = ["# Mutants that survive the guard tests", "",
           "Written by `tools/mutation_report.py` after `tools/mutation.sh` (mutmut 3.8.1): "
           f"{len(names)} survivors, {unexplained} unexplained, {open_} open (a known gap "
           "named below). Each group: why its mutants may live, then each mutant.", ""]
    for explanation, group in rows.items():
        out += [explanation, "", "| mutant | changed line(s) |", "|---|---|"]
        out += [f"| `{n.replace('.x_', '.', 1).replace('ǁ', '.')}` | `{c}` |" for n, c in group]
        out.append("")
    (ROOT / "docs" / "mutation.md").write_text("\n".join(out), encoding="utf-8")
    print(f"{len(names)} survivors, {unexplained} unexplained, {open_} open: docs/mutation.md")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
