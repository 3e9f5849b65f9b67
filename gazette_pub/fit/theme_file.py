"""A fitted layout as an ordinary theme: ``<gazette>/themes/<name>/theme.toml``.

The TOML lists every searched parameter (and the margins the search assumed) so an
editor reads and changes it like a hand-made theme; its leading comment says what it
was fitted on, how many renders it took and the start-page fit it reached, and names
every document the fit could not bring within one page, with the reason.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..ids import GAZETTE_FILE, gazette_file
from ..manifest import load_issue
from ..themes import PrintTheme, known_themes
from .search import MAX_RENDERS, FitResult, fit_issue

logger = logging.getLogger(__name__)

#: The ``theme = "…"`` line of a gazette.toml's [gazette] table.
THEME_LINE_RE = re.compile(
    r"""
    ^theme[ \t]*=[ \t]*      # the key
    (?:"[^"\n]*"|'[^'\n]*')  # its string value
    [ \t]*$
    """,
    re.X | re.M,
)

#: Fields written, in this order (the rest keep PrintTheme's defaults).
WRITTEN = ("page_size", "margin_top", "margin_outer", "margin_bottom", "margin_inner",
           "font_size", "line_height", "columns", "column_gap", "chars_per_line",
           "document_new_page", "section_new_page", "document_gap_lines", "title_scale",
           "title_lines", "table_scale", "table_line_height", "table_cell_padding",
           "first_body_page")

#: Names of the Chinese type sizes (号) by point size, for the comment.
TYPE_SIZES = {9.0: "小五", 10.5: "五号", 12.0: "小四", 14.0: "四号"}


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, float):
        return f"{value:g}" if "." in f"{value:g}" or "e" in f"{value:g}" else f"{value:g}.0"
    return str(value)


def theme_toml(result: FitResult, fitted_on: str) -> str:
    """The theme.toml text of a fit (comment + [print] table)."""
    theme: PrintTheme = result.layout.theme(result.first_body_page)
    report = result.report
    n = len(report.compared)
    layout = result.layout
    size = TYPE_SIZES.get(layout.font_size, f"{layout.font_size:g}pt")
    head = [f"# Fitted by `gazette theme fit` on {fitted_on} ({result.label}): the start pages of "
            f"its 目录 for {n} documents.",
            f"# {layout.page_size}, {layout.columns} column(s) of {layout.chars_per_line} × "
            f"{size} characters, line pitch {layout.pitch:g}pt; {len(result.renders)} render(s) after "
            "a line-count estimate.",
            f"# Start-page fit reached: {report.exact}/{n} exact, {report.within_one}/{n} within "
            "±1 page."]
    for line in result.misfits():
        head.append(f"# Not within ±1: {line}")
    head.append("# Layout parameters only; edit freely (`gazette build --report-pages` shows the "
                "fit of any change).")
    body = [f"{name} = {_toml_value(getattr(theme, name))}" for name in WRITTEN]
    return "\n".join(head + ["[print]"] + body) + "\n"


def save_theme(text: str, gazette_dir: Path, name: str) -> Path:
    """Write the theme beside the gazette and name it in gazette.toml; return its path."""
    folder = Path(gazette_dir) / "themes" / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "theme.toml"
    path.write_text(text, encoding="utf-8")
    gazette_toml = Path(gazette_dir) / GAZETTE_FILE
    if gazette_toml.is_file():
        current = gazette_toml.read_text(encoding="utf-8")
        line = f'theme = "{name}"'
        updated, count = THEME_LINE_RE.subn(line, current, count=1)
        if not count:
            updated = current.replace("[gazette]\n", f"[gazette]\n{line}\n", 1)
        gazette_toml.write_text(updated, encoding="utf-8")
    return path


def fit_and_save(issue_dir: Path, *, name: str | None = None, max_renders: int = MAX_RENDERS,
                 fitted_on: str | None = None, toc_pages: dict[int, int] | None = None,
                 paper_sizes=None, columns=(1, 2)) -> tuple[FitResult, Path]:
    """Fit the issue in ``issue_dir`` and save the theme as ``name`` (the gazette id)."""
    from dataclasses import replace
    issue_dir = Path(issue_dir)
    issue = load_issue(issue_dir)
    if toc_pages:
        sections = tuple(replace(s, documents=tuple(
            replace(d, toc_page=toc_pages.get(d.seq, d.toc_page)) for d in s.documents))
            for s in issue.sections)
        issue = replace(issue, sections=sections)
    result = fit_issue(issue, max_renders=max_renders, paper_sizes=paper_sizes, columns=columns)
    if name is None:  # the gazette id, unless a bundled theme has it (never shadow one)
        taken = set(known_themes())
        name = issue.gazette.id if issue.gazette.id not in taken else f"{issue.gazette.id}-fit"
    text = theme_toml(result, fitted_on or f"{issue_dir.parent.name}/{issue_dir.name}")
    path = save_theme(text, gazette_file(issue_dir).parent, name)
    logger.info("Wrote %s", path)
    return result, path
