"""The Jinja environment: ordered search path, autoescape, StrictUndefined, filters."""

from __future__ import annotations

import datetime as dt
import functools
import re

import jinja2

from ..model import Table
from ..themes import Theme

#: The lead of a run-in heading: its label and first sentence (（一）健全……。), set in the
#: heading face while the rest of the paragraph stays in the body face.
RUN_IN_LEAD_RE = re.compile(
    r"""
    (?P<lead>.+?[。：:])    # up to the first full stop or colon
    (?P<rest>.+)           # the paragraph that follows on the same line
    """,
    re.X | re.S,
)


def split_lead(text: str) -> tuple[str, str]:
    """(lead, rest) of a heading: short headings are all lead."""
    match = RUN_IN_LEAD_RE.fullmatch(text)
    return (match["lead"], match["rest"]) if match else (text, "")


#: A table cell that holds one number: digits with thousands separators and a decimal
#: point, an optional sign, per cent or per mille, as statistics tables print them.
NUMBER_CELL_RE = re.compile(
    r"""
    \s*
    [+\-−－±]?                       # a sign
    \d[\d,，.．]*                    # digits, separators and decimal point
    \s*[%％‰]?                       # per cent, per mille
    \s*
    """,
    re.X,
)


def is_number_text(text: str) -> bool:
    """True for a cell that is one number (``2300``, ``-5.2``, ``1,234.5``, ``12%``)."""
    return NUMBER_CELL_RE.fullmatch(text) is not None


def _placed(table: Table) -> list[list[int]]:
    """The grid column each cell of each row (header rows, then body rows) starts in, after
    the row and column spans of the rows above."""
    rows = table.header_rows + table.rows
    taken: set[tuple[int, int]] = set()
    starts = []
    for r, row in enumerate(rows):
        c, row_starts = 0, []
        for cell in row:
            while (r, c) in taken:
                c += 1
            row_starts.append(c)
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan)
                         for dc in range(cell.colspan))
            c += cell.colspan
        starts.append(row_starts)
    return starts


def first_column_cells(table: Table) -> list[list[bool]]:
    """For each row (header rows, then body rows), whether each cell starts in column 1."""
    return [[c == 0 for c in row] for row in _placed(table)]


def is_irregular_table(table: Table) -> bool:
    """A table printed with an irregular grid: an empty header cell, or a row that does not
    fill the table's width (cells shifted or missing in the source)."""
    if any(not cell.text.strip() for row in table.header_rows for cell in row):
        return True
    rows = table.header_rows + table.rows
    width = table.n_cols
    filled = [0] * len(rows)
    for r, (row, starts) in enumerate(zip(rows, _placed(table))):
        for cell, start in zip(row, starts):
            for dr in range(cell.rowspan):
                if r + dr < len(rows):
                    filled[r + dr] = max(filled[r + dr], start + cell.colspan)
    return any(f != width for f in filled)


#: The longest text read as a heading on the web; a longer one is a numbered paragraph.
MAX_HEADING_CHARS = 60

#: An article or chapter label of rules (第一条, 第十二章): a heading even before a long text.
ARTICLE_LABEL_RE = re.compile(
    r"""
    \s*第[一二三四五六七八九十百零〇两\d]+[条章节]\s*   # 第X条 / 第X章 / 第X节
    """,
    re.X,
)


def heading_role(block) -> str | None:
    """Which part of a heading block is the heading on the web (the print is the same):

    ``lead``: the lead phrase of a run-in heading (（一）健全……。 before 合理设置……);
    ``whole``: the whole, short line (一、总体要求); ``label``: only the article label of
    a long one (第一条 before its text); None: a long numbered paragraph, no heading.
    """
    lead, rest = split_lead(block.full_text)
    if len(lead) <= MAX_HEADING_CHARS:
        return "lead" if rest else "whole"
    if block.label and ARTICLE_LABEL_RE.fullmatch(block.label):
        return "label"
    return None


def outline_depths(blocks) -> list[int | None]:
    """Each block's depth in the document outline (None for a block that is no heading on
    the web, :func:`heading_role`).

    A heading is one deeper than the nearest heading above it of a higher rank (a smaller
    ``level``), so a document that starts at （一） or skips from 一、 to 1. has no gap in
    its heading levels.
    """
    stack: list[int] = []
    depths: list[int | None] = []
    for block in blocks:
        if block.type != "heading" or heading_role(block) is None:
            depths.append(None)
            continue
        while stack and stack[-1] >= block.level:
            stack.pop()
        stack.append(block.level)
        depths.append(len(stack))
    return depths


def cn_date(value: dt.date | None) -> str:
    """``2021年7月15日`` (Arabic numerals, as the gazettes print dates)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


@functools.lru_cache(maxsize=1)
def _bytecode_cache() -> jinja2.FileSystemBytecodeCache | None:
    """Compiled templates in the machine cache; None (compile every time) where the
    folder cannot be made, e.g. a read-only home."""
    from ..cache import machine_cache_dir
    folder = machine_cache_dir() / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def make_environment(theme: Theme) -> jinja2.Environment:
    """A Jinja environment for ``theme``: its template folder first, then the defaults."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in theme.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        # No auto_reload: a template edited in the middle of a build must not mix versions.
        auto_reload=False,
        # Compiled templates are kept per user, keyed by template name and source checksum,
        # so an edited template is compiled again and the others are not (bench/PROFILE.md).
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["split_lead"] = split_lead
    env.filters["first_column_cells"] = first_column_cells
    env.filters["outline_depths"] = outline_depths
    env.filters["heading_role"] = heading_role
    env.tests["number_text"] = is_number_text
    env.tests["irregular_table"] = is_irregular_table
    env.filters["cn_date"] = cn_date
    return env
