"""A column the print split for some rows only: put back as a column of its own.

A table printed from a word processor often splits one cell for a few items: the
``规格`` cell of a tree holds the unit and, beside it, a size class (``胸径5cm以下``)
before the price columns, while every other row has the unit alone. Extraction gives
those rows one value more than the header has columns: the number columns of the
header receive the size class and the numbers land one column to the right, the
remark past the header's last column.

The evidence that this is a split column and not a shift: every row reaching one
column past the header holds a short label and then a run of numbers starting at the
same column; at least :data:`MIN_ROWS` rows have that shape (a label in the column
before the run, numbers in the run); and the other rows hold mostly numbers in the
columns of the run moved one column left, where the header has them. Then a column is added where the run starts: those rows
keep their values, every other row moves its values from that column on one column
right and leaves the new column to the cell on its left (``colspan`` 2, as the header
cell over it), so every number sits under its header again.

Contract: :func:`split_column` takes the padded body fields (after
:func:`table_repair.repair_rows`) and the header's width and returns the column
added and the indexes of the rows holding a value in it, or None; :func:`widen`
applies it to any row of fields (header or body). Nothing is changed, dropped or
invented: each value keeps its order in its row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .table_repair import cell_kind, is_single

#: Rows holding a value in the split column needed to add it (one row is no pattern).
MIN_ROWS = 2
#: Share of a column's values that are numbers for it to be a number column.
NUMBER_SHARE = 0.6
#: Number kinds (cell_kind).
NUMBERS = ("int", "num")


@dataclass(frozen=True)
class Split:
    """A column added at ``column`` (0-based); ``rows`` hold a value in it."""

    column: int
    rows: frozenset[int]


def extent(row: list[str]) -> int:
    """The last filled column of ``row`` (-1 when empty)."""
    return max((j for j, v in enumerate(row) if v), default=-1)


def last_number_run(row: list[str]) -> tuple[int, int] | None:
    """(first column, length) of the last run of numbers in ``row`` (the values a
    remark may follow; a 序号 before them is another run), or None."""
    end = max((j for j, v in enumerate(row) if cell_kind(v) in NUMBERS), default=None)
    if end is None:
        return None
    start = end
    while start > 0 and cell_kind(row[start - 1]) in NUMBERS:
        start -= 1
    return start, end + 1 - start


def numbers_under(rows: list[list[str]], columns: range) -> bool:
    """Do ``rows`` hold mostly numbers in each of ``columns``?"""
    for j in columns:
        kinds = Counter(cell_kind(r[j]) for r in rows if r[j])
        filled = sum(kinds.values())
        if filled < 2 or sum(kinds[k] for k in NUMBERS) < NUMBER_SHARE * filled:
            return False
    return True


def holds_split_value(row: list[str], column: int, run: int) -> bool:
    """A short label at ``column`` and a number in each of the ``run`` columns after it."""
    values = row[column + 1:column + 1 + run]
    return (len(values) == run and cell_kind(row[column]) == "label"
            and all(cell_kind(v) in NUMBERS for v in values))


def split_column(fields: list[list[str]], header_width: int) -> Split | None:
    """The column the print split for some rows (see the module doc), or None."""
    rows = [i for i, r in enumerate(fields) if any(r) and not is_single(r)]
    wide = [i for i in rows if extent(fields[i]) == header_width]
    runs = Counter(run for i in wide if (run := last_number_run(fields[i])) is not None)
    if not runs:
        return None
    (start, run), _ = runs.most_common(1)[0]
    column = start - 1
    split = {i for i in rows if column > 0 and holds_split_value(fields[i], column, run)}
    others = [fields[i] for i in rows if i not in split]
    if len(split) < MIN_ROWS or not numbers_under(others, range(column, column + run)):
        return None
    return Split(column, frozenset(split))


def widen(row: list[str], column: int) -> list[str]:
    """``row`` with an empty field added at ``column`` (its values from there on one
    column right)."""
    return row[:column] + [""] + row[column:]
