"""Tab-separated table rows (text extracted from PDF) → :class:`model.Table`.

Contract: :func:`build_table` takes the rows of one logical table (possibly
gathered from several printed pages) and returns a table whose header rows are
the first row, plus a second one when it sub-divides a merged cell of the first
(a ``平衡标准`` cell over three district columns); header cells wrapped onto
a second line (``投资额`` / ``（万元）``) are joined first. Rows equal to the header
(repeated on each printed page) are dropped and reported as discarded. A row
whose only text is a short label in its first field is a *group row* (one cell
spanning every column); a row whose only text is a sentence (a note on the rows
above) stays a data row. A row whose only text sits under the last filled cell
of the data row above is that cell's wrapped end and is joined to it (reported).
Every row fills the grid: short rows are padded with empty cells, never truncated.
"""

from __future__ import annotations

import logging
import re

from ..model import GROUP_LABEL_MAX, SENTENCE_RE, Cell, Row, Table
from .report import ReportBuilder
from .table_repair import is_single, is_wrapped_end, repair_rows
from .table_subcolumn import Split, split_column, widen

logger = logging.getLogger(__name__)

#: Columns (from the left) checked for cells the print merged over several rows.
MERGE_HINT_COLUMNS = 3

#: A numeric cell (a value, not a header piece): 12 / 3.5 / -1.2 / 45%.
NUMBER_CELL_RE = re.compile(
    r"""
    [-+—]? [\d.,]+ %?    # digits with a sign, separators or a percent sign
    """,
    re.X,
)

#: Numbers in a cell, masked when cells are compared by their shape (第1天 ~ 第12天).
NUMBERS_RE = re.compile(
    r"""
    [\d０-９]+ | [一二三四五六七八九十百零〇]+    # Arabic or Chinese numerals
    """,
    re.X,
)
#: Share of the other rows whose first cell must have the first row's shape.
DATA_SHAPE_SHARE = 0.5


def first_row_is_data(rows: list[Row]) -> bool:
    """Is the first row of a table whose file marks no header row a data row: its first
    cell shaped as the first cells of most other rows, numbers masked (``第1天`` over
    ``第2天`` …; a header's ``序号`` over ``1`` is not)?"""
    def shape(row: Row) -> str:
        return NUMBERS_RE.sub("#", row[0].text.strip()) if row else ""
    first, others = shape(rows[0]) if rows else "", [shape(r) for r in rows[1:] if r]
    return bool(first) and len(others) >= 2 and \
        sum(s == first for s in others) >= DATA_SHAPE_SHARE * len(others)


#: An integer cell (a 序号 column value).
INT_CELL_RE = re.compile(
    r"""
    \d{1,4}    # a row number
    """,
    re.X,
)


def split_fields(text: str) -> list[str]:
    """The stripped fields of one tab-separated row."""
    return [f.strip() for f in text.split("\t")]


def trimmed(fields: list[str]) -> list[str]:
    """``fields`` without trailing empty fields (for comparing header rows)."""
    end = len(fields)
    while end and not fields[end - 1]:
        end -= 1
    return fields[:end]


def numbering_column(rows: list[list[str]]) -> int | None:
    """The column whose filled values are all integers (a 序号 column), if any."""
    width = max((len(r) for r in rows), default=0)
    for col in range(width):
        values = [r[col] for r in rows if col < len(r) and r[col]]
        if len(values) >= 2 and all(INT_CELL_RE.fullmatch(v) for v in values):
            return col
    return None


def last_number(rows: list[list[str]], col: int) -> int | None:
    values = [int(r[col]) for r in rows if col < len(r) and INT_CELL_RE.fullmatch(r[col])]
    return values[-1] if values else None


def first_number(rows: list[list[str]], col: int) -> int | None:
    values = [int(r[col]) for r in rows if col < len(r) and INT_CELL_RE.fullmatch(r[col])]
    return values[0] if values else None


def _groups(fields: list[str]) -> list[tuple[int, int]]:
    """Column ranges [start, end) of the header cells: a filled field and the empty ones after it."""
    starts = [i for i, f in enumerate(fields) if f or i == 0]
    return [(s, e) for s, e in zip(starts, starts[1:] + [len(fields)])]


def is_sub_header(first: list[str], second: list[str]) -> bool:
    """True when ``second`` only fills columns under merged cells of ``first``."""
    filled = [j for j, f in enumerate(second) if f]
    if not filled or second[0]:
        return False
    merged = {j for s, e in _groups(first) if e - s > 1 for j in range(s, e)}
    return all(j in merged for j in filled)


#: Longest piece of a header cell wrapped onto the next line: （万元）.
HEADER_WRAP_MAX = 10


def is_header_wrap(first: list[str], second: list[str]) -> bool:
    """Is ``second`` the rest of header cells of ``first`` that wrapped (``投资额`` /
    ``（万元）``): short pieces, no numbers, each under a filled header cell, the
    first column empty?"""
    filled = [j for j, f in enumerate(second) if f]
    return (bool(filled) and not second[0] and all(
        j < len(first) and first[j] and len(second[j]) <= HEADER_WRAP_MAX
        and not NUMBER_CELL_RE.fullmatch(second[j]) for j in filled))


def _pad(fields: list[str], width: int) -> list[str]:
    return fields + [""] * (width - len(fields))


def header_rows_of(first: list[str], second: list[str] | None) -> tuple[Row, ...]:
    if second is None:
        return (tuple(Cell(f) for f in first),)
    top: list[Cell] = []
    bottom: list[Cell] = []
    for start, end in _groups(first):
        if any(second[start:end]):
            top.append(Cell(first[start], colspan=end - start))
            bottom += [Cell(f) for f in second[start:end]]
        else:
            top.append(Cell(first[start], rowspan=2, colspan=end - start))
    return tuple(top), tuple(bottom)


def group_label(fields: list[str]) -> str | None:
    """The label of a group row (only the first field filled, short, no sentence)."""
    if len(fields) < 2 or not fields[0] or any(fields[1:]):
        return None
    label = fields[0]
    if len(label) > GROUP_LABEL_MAX or SENTENCE_RE.search(label):
        return None
    return label


def wrapped_cell(above: list[str] | None, row: list[str]) -> int | None:
    """The column of ``row``'s only filled cell when it is the wrapped end of the last
    filled cell of the data row ``above`` (a long 备注 printed over two lines leaves
    every other cell of the second line empty); None when ``row`` is a row of its own
    (a number, or more than one cell filled: the print merged cells above it)."""
    filled = [j for j, f in enumerate(row) if f]
    if above is None or len(filled) != 1 or NUMBER_CELL_RE.fullmatch(row[filled[0]]):
        return None
    last = max((j for j, f in enumerate(above) if f), default=0)
    return filled[0] if filled[0] == last > 0 else None


def cells_of(row: list[str], spans: int | None) -> Row:
    """The cells of ``row``; with ``spans`` (a column added for other rows, empty here)
    the cell on its left spans it."""
    if spans is None:
        return tuple(Cell(f) for f in row)
    return (tuple(Cell(f) for f in row[:spans - 1]) + (Cell(row[spans - 1], colspan=2),)
            + tuple(Cell(f) for f in row[spans + 1:]))


def body_rows(fields: list[list[str]], rows, header: tuple[list[str], list[str] | None],
              caption: str, report: ReportBuilder, spanned: dict[int, int] | None = None
              ) -> list[Row]:
    """The body rows of a table from the padded ``fields`` of its source ``rows`` under
    the ``header`` (first row, sub-header or None): repeated headers dropped and
    reported, group rows spanning the table, wrapped cell ends joined (reported).
    ``spanned`` maps a row's index to the column added for other rows that its cell
    on the left spans."""
    spanned = spanned or {}
    first, second = header
    width = len(first)
    body: list[Row] = []
    above: list[str] | None = None  # the last data row, while a wrapped cell end may follow it
    above_spans: int | None = None
    index = 0
    while index < len(fields):
        row = fields[index]
        if trimmed(row) == trimmed(first):
            skip = 2 if second is not None and index + 1 < len(fields) \
                and trimmed(fields[index + 1]) == trimmed(second) else 1
            report.discard(rows[index:index + skip], "repeated table header")
            index += skip
            above = None
            continue
        label = group_label(row)
        if (col := wrapped_cell(above, row)) is not None:
            report.join(rows[index].no, f"table {caption!r}: line {rows[index].no} is the wrapped "
                                        f"end of the cell above ({above[col][-6:]!r})")
            above[col] += row[col]
            body[-1] = cells_of(above, above_spans)
        elif label is not None:
            body.append((Cell(label, colspan=width),))
            above = None
        elif is_single(row) and width > 1:
            report.normalize(rows[index].no, f"table {caption!r}: a remark printed across the "
                                             f"table ({row[0][:12]!r}…) spans every column")
            body.append((Cell(row[0], colspan=width),))
            above = None
        else:
            above_spans = spanned.get(index)
            body.append(cells_of(row, above_spans))
            above = list(row)
        index += 1
    return body


#: The note a table gets when some of its rows may still be shifted: shown above it in
#: print and on the web until the editor has checked it against the printed gazette.
CHECK_NOTE = "本表部分单元格可能错位，按原件提取结果照录，请以原件为准。"


def repaired_fields(fields: list[list[str]], rows, header: tuple[list[str], list[str] | None],
                    caption: str, report: ReportBuilder
                    ) -> tuple[list[list[str]], list[int], Split | None, dict[int, int]]:
    """The body ``fields`` with shifted rows repaired (:func:`table_repair.repair_rows`;
    repeated header rows left as they are) and a column the print split for some rows
    added (:mod:`table_subcolumn`), trimmed to the widest row; the source lines of the
    rows still doubtful; the split, if any; and the rows whose cell spans the column
    added (index → column)."""
    if not fields:  # a table of header rows only: nothing to repair
        return [], [], None, {}
    first, second = header
    headers = [trimmed(first)] + ([trimmed(second)] if second is not None else [])
    keep = [k for k, f in enumerate(fields) if trimmed(f) not in headers]
    header_width = max(len(h) for h in headers)
    out = list(fields)
    split = added_column(out, rows, keep, header_width, caption, report)
    if split is not None:
        header_width += 1
    fixed, doubtful = repair_rows([_pad(out[k], max(len(f) for f in out)) for k in keep],
                                  [rows[k] for k in keep], header_width, caption, report)
    for k, row in zip(keep, fixed):
        out[k] = row
    width = max([header_width] + [len(trimmed(f)) for f in out])
    spanned = {} if split is None else {  # rows with no value in the column added
        k: split.column for k in keep if any(out[k]) and not is_single(out[k])
        and not out[k][split.column]}
    wide = [rows[k].no for k in keep if len(trimmed(out[k])) > header_width]
    return ([_pad(trimmed(f), width) for f in out], sorted(set(doubtful) | set(wide)), split,
            spanned)


def added_column(out: list[list[str]], rows, keep: list[int], header_width: int,
                 caption: str, report: ReportBuilder) -> Split | None:
    """Add in place, to the rows ``out`` (``keep``: the body rows, the others repeated
    headers), the column the print split for some rows, if there is one
    (:func:`table_subcolumn.split_column`); reported. Returns the split (its rows as
    indexes of ``out``) or None."""
    width = max(len(f) for f in out)
    padded = {k: _pad(out[k], width) for k in keep}
    body = [k for k in keep if any(padded[k])]
    ends = {k: above for above, k in zip(body, body[1:]) if is_wrapped_end(padded[above], padded[k])}
    found = split_column([padded[k] for k in body if k not in ends], header_width)
    if found is None:
        return None
    column = found.column
    starts = [k for k in body if k not in ends]
    split = frozenset(starts[n] for n in found.rows)
    for k, row in enumerate(out):
        owner = ends.get(k, k)
        if owner in split or (owner in padded and is_single(padded[owner])):
            continue
        out[k] = widen(row, column)
    lines = ", ".join(str(rows[k].no) for k in sorted(split))
    sample = next(padded[k][column] for k in sorted(split))
    report.fix(rows[min(split)].no,
               f"table {caption!r}: rows at lines {lines} hold a label ({sample[:8]!r}) in column "
               f"{column + 1} and their numbers one column right of the other rows': the print "
               f"split column {column} for them; a column is added after it (in the other rows "
               f"the cell of column {column} spans it, as in the header)")
    return Split(column, split)


def build_table(rows, caption: str, report: ReportBuilder) -> Table:
    """One table from its ``SourceLine`` rows (header first); see the module doc."""
    fields = [split_fields(r.text) for r in rows]
    width = max(len(trimmed(f)) for f in fields)
    fields = [_pad(trimmed(f), width) for f in fields]
    first = fields[0]
    if len(fields) > 2 and is_header_wrap(first, fields[1]):
        report.normalize(rows[1].no, f"table {caption!r}: header cells wrapped onto line "
                                     f"{rows[1].no} joined")
        first = [f + g for f, g in zip(first, fields[1])]
        fields = [first] + fields[2:]
        rows = [rows[0]] + list(rows[2:])
    second = fields[1] if len(fields) > 1 and is_sub_header(first, fields[1]) else None
    n_header = 1 if second is None else 2
    body_fields, doubtful, split, spanned = repaired_fields(
        fields[n_header:], rows[n_header:], (first, second), caption, report)
    if split is not None:  # the header cell on the left of the column added spans it
        first = widen(trimmed(first), split.column)
        second = widen(trimmed(second), split.column) if second is not None else None
    width = len(body_fields[0]) if body_fields else len(trimmed(first))
    first = _pad(trimmed(first), width)
    second = _pad(trimmed(second), width) if second is not None else None
    header = header_rows_of(first, second)
    if split is not None and second is None:
        header = (cells_of(first, split.column),)
    body = body_rows(body_fields, rows[n_header:], (first, second), caption, report, spanned)
    check = ""
    if doubtful:
        lines = ", ".join(map(str, doubtful))
        report.uncertain(rows[0].no, f"table {caption!r}: row(s) at line(s) {lines} do not fit "
                                     "the header's columns and no repair is certain; kept as "
                                     "printed and flagged for the editor (Table.check)")
        check = CHECK_NOTE
    table = Table(caption=caption, header_rows=header, rows=tuple(body), check=check)
    merged = merged_cell_columns(table)
    if merged:
        columns = ", ".join(str(col + 1) for col in merged)
        report.uncertain(rows[0].no, f"table {caption!r}: empty cells in column(s) {columns} "
                                     "are probably merged (rowspan) cells; kept empty")
    return table


def merged_cell_columns(table: Table) -> list[int]:
    """Leading columns where data rows leave a cell empty under a filled one (the
    print merged those cells; extraction cannot tell where a merge starts). Rows are
    read on the grid: a cell spanning columns further right does not hide them."""
    rows = [grid_texts(r) for r in table.data_rows if len(r) > 1]
    rows = [r for r in rows if len(r) == table.n_cols]
    out = []
    for col in range(min(MERGE_HINT_COLUMNS, table.n_cols)):
        values = [r[col] for r in rows]
        if values and values[0] and "" in values and values.count("") < len(values):
            out.append(col)
    return out


def grid_texts(row: Row) -> list[str]:
    """The text of each grid column of ``row`` (a spanning cell's text in its first)."""
    return [text for cell in row for text in [cell.text] + [""] * (cell.colspan - 1)]
