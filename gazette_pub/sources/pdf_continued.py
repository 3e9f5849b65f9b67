"""A ruled table's parts on later pages or columns → one table (:mod:`.pdf_reader`).

Contract: :func:`continued_table` appends the rows of a table's next part to it — a
header printed again is discarded, a merged cell the page break cut is made whole
(:func:`.pdf_tables.carry_merged_cells`), the rest of a row the break split (drawn as
a row with an empty first cell) is joined to its start (:func:`split_row_rest`);
:func:`split_row_start` puts the start of a split row, printed as loose text under the
table, into the empty cells of the next part's first row. Every join is reported.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Row, Table
from .lines import SourceLine
from .pdf_lines import PdfLine, Placed
from .pdf_tables import carry_merged_cells
from .report import ReportBuilder


def split_row_start(fragments: list[Placed], before: PdfLine, after: PdfLine) -> Table | None:
    """The table ``after`` (the next page's part of the table ``before``) with the loose
    ``fragments`` printed under ``before`` put in the empty cells of its first body row,
    when they are the start of a row the page break split (a word processor lets a row
    break across pages): on ``before``'s page, right under it (within two lines) and
    inside its width, as many as the empty cells of that row; else None."""
    table = after.table
    if after.page != before.page + 1 or not table.rows:
        return None
    if any(f.line.page != before.page or f.line.table is not None
           or not 0 <= f.line.top - before.bottom <= 2 * f.line.size
           or f.line.x0 < before.x0 - 1 or f.line.x1 > before.x1 + 1 for f in fragments):
        return None
    first = table.rows[0]
    empty = [k for k, c in enumerate(first) if not c.text]
    if not empty or len(empty) != len(fragments):
        return None
    texts = iter(f.text.strip() for f in sorted(fragments, key=lambda f: f.line.x0))
    row = tuple(replace(c, text=next(texts)) if k in empty else c for k, c in enumerate(first))
    return replace(table, rows=(row,) + table.rows[1:])


def split_row_rest(last: Row, first: Row, others: tuple) -> Row | None:
    """``last`` (a table part's last row) and ``first`` (the next part's first body row)
    as one row when ``first`` is the rest of a row the page break split: its first
    cell is empty where every other row's first cell has text (a 序号 or name column),
    and both rows have the same cells; else None."""
    if len(last) != len(first) or first[0].text or not last[0].text \
            or any((a.rowspan, a.colspan) != (b.rowspan, b.colspan) for a, b in zip(last, first)) \
            or not others or any(not row or not row[0].text for row in others) \
            or any(c.rowspan > 1 for row in (last, first, *others) for c in row):
        return None  # (in a table with merged rows an empty first cell may be a merge)
    return tuple(replace(a, text=a.text + b.text) for a, b in zip(last, first))


def continued_table(before: SourceLine, part: Placed, report: ReportBuilder) -> SourceLine:
    """The table ``before`` with the rows of ``part``, its part on the next column or
    page (as wide in grid columns: a part of another width is a table of its own): a header printed again is discarded, other rows are appended (the rest of a
    row the page break split joined to its start, :func:`split_row_rest`)."""
    table, more = before.table, part.line.table
    texts = [[c.text for c in row] for row in table.header_rows]
    rows = more.rows
    if [[c.text for c in row] for row in more.header_rows] == texts:
        report.discard([SourceLine(part.no, "", table=replace(more, rows=()))],
                       "table header repeated on the next page or column")
    else:
        rows = more.header_rows + more.rows
    report.join(part.no, f"table at line {before.no} goes on at line {part.no} "
                         f"(p. {part.line.page}): rows appended")
    body, rows, carried = carry_merged_cells(table.rows, rows)
    if carried:
        table = replace(table, rows=body)
        report.join(part.no, f"{carried} merged cell(s) the page break cut go on into the "
                             f"rows on p. {part.line.page}: made whole")
    if table.rows and rows and (whole := split_row_rest(table.rows[-1], rows[0],
                                                        table.rows[:-1] + rows[1:])):
        report.join(part.no, f"the first row of the table's part on p. {part.line.page} is "
                             "the rest of the row the page break split: joined to it")
        return replace(before, table=replace(table, rows=table.rows[:-1] + (whole,) + rows[1:]))
    return replace(before, table=replace(table, rows=table.rows + rows))
