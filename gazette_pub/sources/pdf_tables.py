"""Ruled tables of a PDF page → :class:`model.Table` with merged cells.

Contract: :func:`ruled_tables` runs pdfplumber's table finder (ruling lines) on the
body of a page (running heads and page numbers cropped off) and returns each table
found with at least two rows and two columns, as (bounding box, Table):

* the grid's column and row edges are the cells' edges, those closer than
  :data:`EDGE_TOLERANCE` points taken as one (a border drawn twice, rounding);
* a cell's colspan/rowspan are the grid columns/rows its box covers (a merged
  header cell, a group row across the table, a 地区 cell over several rows);
* a cell's text is the text of its lines joined (a cell wraps only for its width;
  two Latin words cut at a line end keep a space between them);
* the first row is the header, with the rows its tallest cell spans, unless it is
  shaped as the rows under it (:func:`.tables.first_row_is_data`).

A merged cell the page break cut (a 类别 cell over rows on two pages) goes on as an empty
cell spanning the rows of the next page's part; :func:`carry_merged_cells` gives those
rows back to the cell above (:func:`.pdf_continued.continued_table`).

Only what a page shows is a ruling line (:func:`drawn_only`): a rectangle filled white
without a stroke, or a stroke in white, draws nothing on the white page — office
programs export such boxes behind every paragraph (LibreOffice's paragraph
backgrounds), and read as rules they made the whole page one table.

Tables without ruling lines are left to the text: their rows come out as lines whose
cells are set off by spaces, which :mod:`.layout` reads as it does ``pdftotext -layout``.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ..model import Cell, Row, Table
from .pdf_lines import dedupe, rows_of, segments
from .tables import first_row_is_data

logger = logging.getLogger(__name__)

#: Edges closer than this (points) are one grid line.
EDGE_TOLERANCE = 2.0
#: Drawing objects of a page (pdfplumber ``object_type``) whose edges are rules.
GRAPHIC_TYPES = frozenset({"rect", "line", "curve"})


def _white(color) -> bool:
    """A colour that is white on paper: gray 1, RGB (1, 1, 1) or CMYK (0, 0, 0, 0)."""
    if isinstance(color, (int, float)):
        return color >= 0.99
    if not isinstance(color, (tuple, list)) or not color \
            or not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 4:
        return all(v <= 0.01 for v in color)
    return all(v >= 0.99 for v in color)


def draws(obj: dict) -> bool:
    """Whether a drawing object leaves a mark on a white page: it is stroked in a colour
    other than white, or filled in one (a shaded cell, a black rule drawn as a thin
    filled box). Characters and images always do."""
    if obj.get("object_type") not in GRAPHIC_TYPES or ("stroke" not in obj and "fill" not in obj):
        return True
    stroked = bool(obj.get("stroke")) and not _white(obj.get("stroking_color"))
    filled = bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))
    return stroked or filled


def drawn_only(page):
    """The pdfplumber ``page`` without the drawing objects that show nothing (:func:`draws`)."""
    return page.filter(draws)


def _grid(values: list[float]) -> list[float]:
    """Sorted values with near-duplicates (within EDGE_TOLERANCE) merged."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > EDGE_TOLERANCE:
            out.append(value)
    return out


def _index(grid: list[float], value: float) -> int:
    return min(range(len(grid)), key=lambda i: abs(grid[i] - value))


def cell_text(chars: list[dict], box: tuple[float, float, float, float]) -> str:
    """The text of the characters whose middle lies inside ``box``, lines joined."""
    x0, top, x1, bottom = box
    inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
              and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    text = ""
    for row in rows_of(dedupe(inside)):
        for seg in segments(row, 0):
            part = seg.text
            if text and text[-1].isascii() and text[-1].isalnum() and part[:1].isascii() \
                    and part[:1].isalnum():
                text += " "
            text += part
    return text


def table_of(cells: list[tuple[float, float, float, float]],
             chars: list[dict]) -> tuple[tuple, Table] | None:
    """(box, Table) from pdfplumber cell boxes (see the module doc), or None if it is
    not one. Empty rows above or below the text (ruling lines running on into the
    margin) are no part of it."""
    texts = {box: cell_text(chars, box) for box in cells}
    filled = [box for box in cells if texts[box]]
    if not filled:
        return None
    top = min(b[1] for b in filled) - EDGE_TOLERANCE
    bottom = max(b[3] for b in filled) + EDGE_TOLERANCE
    cells = [b for b in cells if b[1] >= top and b[3] <= bottom]
    xs = _grid([c[0] for c in cells] + [c[2] for c in cells])
    ys = _grid([c[1] for c in cells] + [c[3] for c in cells])
    if len(xs) < 3 or len(ys) < 3:
        return None
    placed: dict[tuple[int, int], tuple[Cell, int]] = {}
    for box in cells:
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        if c1 <= c0 or r1 <= r0:
            continue
        placed[(r0, c0)] = (Cell(texts[box], rowspan=r1 - r0, colspan=c1 - c0), c1)
    rows: list[Row] = []
    for r in range(len(ys) - 1):
        rows.append(tuple(placed[(r, c)][0] for c in range(len(xs) - 1) if (r, c) in placed))
    if not any(c.text for row in rows for c in row):
        return None
    head = 0 if first_row_is_data(rows) else max((c.rowspan for c in rows[0]), default=1)
    box = (xs[0], ys[0], xs[-1], ys[-1])
    return box, Table(caption="", header_rows=tuple(rows[:head]), rows=tuple(rows[head:]))


def _placed(rows: tuple[Row, ...]) -> list[tuple[int, int, int]]:
    """(row, first grid column, index in its row) of each cell of ``rows``, the grid
    columns taken by the row spans of the rows above skipped."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        col = 0
        for i, cell in enumerate(row):
            while (r, col) in taken:
                col += 1
            out.append((r, col, i))
            taken |= {(r + dr, col + dc) for dr in range(cell.rowspan)
                      for dc in range(cell.colspan)}
            col += cell.colspan
    return out


def carry_merged_cells(before: tuple[Row, ...], after: tuple[Row, ...],
                       frozen: int = 0) -> tuple[tuple[Row, ...], tuple[Row, ...], int]:
    """(``before``, ``after``, cells carried): a table's rows before a page break and
    the rows of its next part, with each merged cell the break cut made whole again.
    An empty cell of ``after``'s first row that stands in the grid columns of a cell of
    ``before`` reaching down to its last row, where either of the two spans rows, is
    the rest of that cell: its rows are added to the cell's and it is dropped. The first
    ``frozen`` rows of ``before`` (the header) are left as they are."""
    if not before or not after:
        return before, after, 0
    last = len(before) - 1
    ending: dict[tuple[int, int], tuple[int, int]] = {}  # (column, colspan) → (row, index)
    for r, col, i in _placed(before):
        cell = before[r][i]
        if r >= frozen and r + cell.rowspan - 1 == last:
            ending[(col, cell.colspan)] = (r, i)
    grow: dict[tuple[int, int], int] = {}
    keep = []
    for r, col, i in _placed(after[:1]):
        cell = after[0][i]
        above = ending.get((col, cell.colspan))
        if not cell.text and above is not None \
                and (cell.rowspan > 1 or before[above[0]][above[1]].rowspan > 1):
            grow[above] = cell.rowspan
        else:
            keep.append(cell)
    if not grow:
        return before, after, 0
    rows = [list(row) for row in before]
    for (r, i), extra in grow.items():
        rows[r][i] = replace(rows[r][i], rowspan=rows[r][i].rowspan + extra)
    return tuple(tuple(row) for row in rows), (tuple(keep),) + after[1:], len(grow)


def _reach(bbox: tuple, edges: list[dict]) -> tuple[float, float]:
    """Where the table in ``bbox`` starts — as high as its vertical rules reach (a header
    printed again at a page's top without a rule over it) — and ends: at its last closed
    row (an open row under it is the start of a row the break split, read by
    :func:`.pdf_continued.split_row_start`, or left as text)."""
    down = [e for e in edges if e["orientation"] == "v"
            and bbox[0] - EDGE_TOLERANCE <= e["x0"] <= bbox[2] + EDGE_TOLERANCE
            and e["top"] < bbox[3] and e["bottom"] > bbox[1]]
    return min([bbox[1]] + [e["top"] for e in down]), bbox[3]


def _rule(bbox: tuple, y: float) -> dict:
    """A horizontal rule at ``y`` across the table in ``bbox`` (only there: a rule across
    the page would cut a table in the other column)."""
    return {"object_type": "line", "x0": bbox[0], "x1": bbox[2], "top": y, "bottom": y,
            "width": bbox[2] - bbox[0], "height": 0.0}


def ruled_tables(page, box: tuple[float, float, float, float]) -> list[tuple[tuple, Table, list]]:
    """(bounding box, Table, cell boxes) for each ruled table inside ``box`` of the
    pdfplumber ``page``. A table the page break cuts has no rule where it is cut, over
    a cell going on to the next page (a 类别 cell over many rows) or under the header
    printed again: the finder is run a second time with a rule along each table's top
    and bottom, so that those cells are closed and their text read."""
    area = drawn_only(page).crop(box, strict=False)
    found = area.find_tables()
    rules = [_rule(table.bbox, y) for table in found for y in _reach(table.bbox, area.edges)]
    if rules:
        found = area.find_tables(table_settings={"explicit_horizontal_lines": rules})
    out = []
    for table in found:
        read = table_of(list(table.cells), area.chars)
        if read is not None and len(read[1].header_rows) + len(read[1].rows) >= 2 \
                and read[1].n_cols >= 2:
            out.append((*read, list(table.cells)))
    return out
