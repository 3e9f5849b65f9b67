"""Tables in OCR Markdown: HTML ``<table>`` markup and pipe tables → :class:`model.Table`.

HTML tables keep their rowspan/colspan (filled into a full grid, ragged rows padded
and reported) and their ``<thead>``/``<th>`` header rows; a cell's ``<br>`` breaks are
dropped. Pipe tables (outer pipes optional, as in GFM; delimiter cells ``---``,
``:-:``) are read like any table of rows by :func:`tables.build_table`: a second
header row under a merged cell is a header row, shifted rows are repaired, a group
label OCR repeated in every cell is kept once.

Contract: :func:`html_table` and :func:`pipe_table` return a table without a caption
(the line above it is its caption, set by the document builder); every padded row,
repeated label and repair is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from ..body import grid_problems
from ..chars import HAN_RE
from ..errors import SourceError
from ..model import Cell, Row, Table
from ..sanitize import clean_html
from .lines import SourceLine
from .ocr_inline import BR_RE, clean_inline
from .report import ReportBuilder
from .tables import build_table, group_label, header_rows_of, is_sub_header


#: A pipe-table row and the separator row under its header.
PIPE_ROW_RE = re.compile(
    r"""
    \| .* \|    # starts and ends with a pipe
    """,
    re.X,
)


PIPE_SEPARATOR_RE = re.compile(
    r"""
    \|? \s* :? -+ :? \s*                 # the first column's dashes (maybe aligned: :-:)
    (?: \| \s* :? -+ :? \s* )*           # the other columns'
    \|?                                 # an optional closing pipe
    """,
    re.X,
)


#: A pipe between two cells (an escaped \| is text).
PIPE_SPLIT_RE = re.compile(
    r"""
    (?<!\\) \|    # a pipe not preceded by a backslash
    """,
    re.X,
)


#: Whitespace inside a table cell.
CELL_SPACE_RE = re.compile(
    r"""
    \s+
    """,
    re.X,
)


#: The start and end of an HTML table (which may span several lines).
TABLE_OPEN_RE = re.compile(
    r"""
    <table \b    # the opening tag
    """,
    re.X | re.I,
)


TABLE_CLOSE_RE = re.compile(
    r"""
    </table \s* >    # the closing tag
    """,
    re.X | re.I,
)


@dataclass(frozen=True)
class RawLine:
    no: int
    text: str


def cell_lines(element) -> list[str]:
    """The text of a table cell (or caption), a line per ``<br>``."""
    parts, current = [], []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start" and node.tag == "br":
            parts.append("".join(current))
            current = []
        elif event == "start" and isinstance(node.tag, str):  # not a comment
            current.append(node.text or "")
        elif event == "end" and node is not element:
            current.append(node.tail or "")
    parts.append("".join(current))
    cleaned = (CELL_SPACE_RE.sub(" ", part).strip() for part in parts)
    return [part for part in cleaned if part]


def _cell_text(element) -> str:
    # the lines of a cell broken with <br> are one text (a cell holds no line breaks)
    return "".join(cell_lines(element))


def fill_grid(rows: list[list[Cell]], line: int, report: ReportBuilder) -> list[Row]:
    """Pad ragged rows with empty cells so that every row fills the grid."""
    taken: dict[tuple[int, int], bool] = {}
    widths = []
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while taken.get((r, col)):
                col += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, col + dc)] = True
            col += cell.colspan
        widths.append(max([c + 1 for (rr, c) in taken if rr == r], default=0))
    n_cols = max(widths, default=0)
    out = []
    for r, row in enumerate(rows):
        free = sum(1 for c in range(n_cols) if not taken.get((r, c)))
        if free:
            report.uncertain(line, f"table row {r + 1} is {free} cell(s) short; padded")
        out.append(tuple(row) + (Cell(""),) * free)
    return out


def html_root(markup: str, line: int, report: ReportBuilder):
    """The ``<table>`` element of ``markup``; SourceError when text stands beside it."""
    # Untrusted HTML: keep text and spans only, drop scripts/styles with their text.
    wrapper = lxml_html.fragment_fromstring(clean_html(markup.strip()), create_parent="div")
    root = wrapper[0] if len(wrapper) == 1 else None
    if root is None or root.tag != "table" or (wrapper.text or "").strip() \
            or (root.tail or "").strip():
        raise SourceError("an HTML table must stand on lines of its own (text or markup "
                          "beside it would be lost)", path=report.source, line=line)
    return root


def html_cell_lines(root) -> list[list[list[str]]]:
    """Each row of an HTML table as its cells, each cell as its lines."""
    return [[cell_lines(td) for td in tr if td.tag in ("td", "th")] for tr in root.iter("tr")]


def html_table(markup: str, line: int, report: ReportBuilder) -> Table:
    """A :class:`Table` from the markup of one ``<table>`` (spans and header rows kept)."""
    return table_of(html_root(markup, line, report), line, report)


def table_of(root, line: int, report: ReportBuilder) -> Table:
    """A :class:`Table` from one ``<table>`` element (spans and header rows kept)."""
    caption = root.find("caption")
    rows, heads = [], []
    for tr in root.iter("tr"):
        cells = [Cell(_cell_text(td), int(td.get("rowspan", 1) or 1), int(td.get("colspan", 1) or 1))
                 for td in tr if td.tag in ("td", "th")]
        rows.append(cells)
        heads.append(tr.getparent().tag == "thead" or all(td.tag == "th" for td in tr))
    grid = fill_grid(rows, line, report)
    n_head = next((i for i, h in enumerate(heads) if not h), len(heads)) or 1
    n_head = max(n_head, max((c.rowspan for c in grid[0]), default=1)) if grid else 0
    problems = grid_problems(tuple(grid))
    if problems:
        report.uncertain(line, f"table grid: {problems[0]}")
    header = tuple(grid[:n_head])
    if n_head == 1 and len(grid) > 2 and (two := sub_header_rows(grid[0], grid[1])) is not None:
        report.normalize(line, "table: the second row sub-divides merged header cells: a "
                               "header row")
        header, n_head = two, 2
    return Table(caption=_cell_text(caption) if caption is not None else "",
                 header_rows=header, rows=tuple(grid[n_head:]))


def spread(row: Row) -> list[str]:
    """A row's texts by grid column (a cell spanning columns, then empty ones)."""
    return [t for c in row for t in [c.text] + [""] * (c.colspan - 1)]


def sub_header_rows(first: Row, second: Row) -> tuple[Row, Row] | None:
    """The two header rows when ``second`` (OCR gives every row as ``<td>``) only fills
    the columns under merged cells of ``first`` (资金 over 中央/市级); else None."""
    if any(c.rowspan > 1 for c in first + second):
        return None
    top, bottom = spread(first), spread(second)
    if len(top) != len(bottom) or not is_sub_header(top, bottom):
        return None
    return header_rows_of(top, bottom)


def pipe_cell_lines(text: str) -> list[list[str]]:
    """The cells of a pipe-table row, each as its lines (a ``<br>`` ends a line)."""
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [[part for part in (clean_inline(p.strip()) for p in BR_RE.split(cell)) if part]
            for cell in PIPE_SPLIT_RE.split(inner)]


def pipe_cells(text: str) -> list[str]:
    # the lines of a cell broken with <br> are one text, as in HTML tables
    return ["".join(lines) for lines in pipe_cell_lines(text)]


def repeated_label(fields: list[str]) -> str | None:
    """The label of a group row printed in every column (a converter repeats the text
    of a merged cell in each slot it covers): one text with Han characters, in every
    field; group-row rules as :func:`tables.group_label`."""
    if len(set(fields)) != 1 or not HAN_RE.search(fields[0]):
        return None
    return group_label(fields[:1] + [""] * (len(fields) - 1))


def pipe_table(lines: list[RawLine], report: ReportBuilder) -> Table:
    """A :class:`Table` from pipe-table lines (header, separator, rows), read like any
    table of rows (:func:`tables.build_table`): a second header row under a merged
    header cell is a header row, shifted rows are repaired, remarks span the table. A
    group label OCR repeated in every column is kept once."""
    header = pipe_cells(lines[0].text)
    body = [pipe_cells(line.text) for line in lines[2:]]
    width = max(len(fields) for fields in [header] + body)
    rows = [SourceLine(lines[0].no, "\t".join(header))]
    for line, fields in zip(lines[2:], body):
        if len(fields) != len(header):
            report.uncertain(line.no, f"pipe table row has {len(fields)} cells, header {len(header)}")
        fields = fields + [""] * (width - len(fields))
        if group_label(fields) is None and (label := repeated_label(fields)) is not None:
            report.discard([SourceLine(line.no, "\t".join(fields[1:]))],
                           "group row: its label repeated in every column")
            fields = [label] + [""] * (width - 1)
        rows.append(SourceLine(line.no, "\t".join(fields)))
    return build_table(rows, "", report)


def take_html_table(raw: list[RawLine], start: int) -> tuple[str, int]:
    """The markup of the HTML table opening at ``raw[start]`` and the index after it."""
    end = start
    while end < len(raw) and not TABLE_CLOSE_RE.search(raw[end].text):
        end += 1
    return "\n".join(r.text for r in raw[start:end + 1]), end + 1


def is_pipe_row(text: str) -> bool:
    """A pipe-table row: between pipes, or (GFM) with a pipe between its cells only."""
    return bool(PIPE_ROW_RE.fullmatch(text) or PIPE_SPLIT_RE.search(text))


def opens_pipe_table(header: str, separator: str) -> bool:
    """A header row over its separator row. Without outer pipes both must have a pipe
    and as many cells (GFM), so that a line over a rule is no table."""
    if not PIPE_SEPARATOR_RE.fullmatch(separator):
        return False
    if PIPE_ROW_RE.fullmatch(header):
        return True
    return "|" in separator and is_pipe_row(header) \
        and len(pipe_cells(header)) == len(pipe_cells(separator))


def header_texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.header_rows]
