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

Tables without ruling lines are left to the text: their rows come out as lines whose
cells are set off by spaces, which :mod:`.layout` reads as it does ``pdftotext -layout``.
"""

from __future__ import annotations

import logging

from ..model import Cell, Row, Table
from .pdf_lines import dedupe, rows_of, segments
from .tables import first_row_is_data

logger = logging.getLogger(__name__)

#: Edges closer than this (points) are one grid line.
EDGE_TOLERANCE = 2.0


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


def ruled_tables(page, box: tuple[float, float, float, float]) -> list[tuple[tuple, Table]]:
    """(bounding box, Table) for each ruled table inside ``box`` of the pdfplumber ``page``."""
    area = page.crop(box, strict=False)
    out = []
    for found in area.find_tables():
        read = table_of(list(found.cells), area.chars)
        if read is not None and len(read[1].header_rows) + len(read[1].rows) >= 2 \
                and read[1].n_cols >= 2:
            out.append(read)
    return out
