"""Tables laid out with spaces (``pdftotext -layout``) → tab-separated rows.

Text extracted with its layout kept sets table columns off by runs of spaces and
leaves an empty cell blank, so a row's cells are known only from where they stand.
Contract: :func:`tabulate_space_columns` returns the text with the same lines
(line numbers keep pointing at the source), each table row rewritten as the
tab-separated fields that :mod:`.tables` reads:

1. a table starts at a line of at least :data:`MIN_COLUMNS` cells set off by
   gaps of two or more spaces (one space stays inside a cell: ``柳 编``; an
   ideographic space is letter spacing, never a gap);
2. it goes on over the rows of two or more cells that line up with it (past blank
   lines too; another table set out otherwise ends it), its header printed again,
   and the lines of one cell directly under a row when another row or a blank line
   follows them (a row spanning the table, a group label or a note, a cell's
   wrapped end); a part printed on the next page, after at most
   :data:`FURNITURE_LINES_MAX` lines of page furniture, is read with the columns
   of the part before when its cells fit them (it may then start with a cell's
   wrapped end);
3. the columns are the stretches that some row with two or more cells covers
   (the gutters are covered by none; the header row is left out, as it may
   centre a merged cell over several columns), measured in display columns (a
   CJK character takes two); two neighbours that no row fills both of are one
   column (text flush left, numbers flush right); each cell goes to the column
   it starts in (or the nearest), so a blank cell stays an empty field, and a
   header cell centred over the columns its sub-header divides goes to the first
   of them (:func:`header_columns`);
4. a block of fewer than :data:`MIN_ROWS` rows (and no part of the table above)
   is no table, nor is one of organs only (a joint 落款, three organs a line), one
   of TOC entries (each ending in its page number) or one whose cells line up in
   fewer than :data:`MIN_COLUMNS` columns; those stay as they are.

Every rewritten block is reported. Only spaces change, so nothing is lost.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from itertools import islice

from .report import ReportBuilder
from .organs import is_signer_line

logger = logging.getLogger(__name__)

#: A cell of a laid-out line: text whose spaces come one at a time (a gap between
#: two columns is two or more spaces; an ideographic space is letter spacing, 王　军).
CELL_RE = re.compile(
    r"""
    [^\x20] (?: \x20? [^\x20] )*    # non-spaces, single spaces inside
    """,
    re.X,
)
#: Cells a row must show to start a table; rows of this many a table must have.
MIN_COLUMNS = 3
MIN_ROWS = 2


@dataclass(frozen=True)
class LaidOutCell:
    """A cell of a laid-out line: its text and the display columns it covers."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Columns:
    """A table's columns: the display-column spans [start, end) they cover, left to
    right and apart, with their starts and ends for bisection."""

    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...] = field(init=False)
    ends: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", tuple(lo for lo, _ in self.spans))
        object.__setattr__(self, "ends", tuple(hi for _, hi in self.spans))

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self.spans[index]


#: A character two columns wide in a monospaced layout (Unicode East Asian Width W
#: or F: https://www.unicode.org/reports/tr11/).
WIDE_RE = re.compile(
    r"""
    [\u1100-\u115f]                   # Hangul Jamo
  | [\u231a\u231b\u2329\u232a]         # watch, hourglass, angle brackets
  | [\u2e80-\u303e\u3041-\u33ff]       # CJK radicals, symbols and punctuation, kana
  | [\u3400-\u4dbf\u4e00-\u9fff]       # CJK ideographs
  | [\ua000-\ua4cf\ua960-\ua97f]       # Yi, Hangul Jamo extended
  | [\uac00-\ud7a3\uf900-\ufaff]       # Hangul syllables, compatibility ideographs
  | [\ufe10-\ufe19\ufe30-\ufe6f]       # vertical and small forms
  | [\uff01-\uff60\uffe0-\uffe6]       # full-width forms
  | [\U00020000-\U0003fffd]           # supplementary ideographs
    """,
    re.X,
)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced layout (wide CJK characters take two)."""
    return len(text) + len(WIDE_RE.findall(text))


def laid_out_cells(line: str) -> list[LaidOutCell]:
    """The cells of ``line`` (a line with a tab already has its fields: none)."""
    if "\t" in line or not line.strip():
        return []
    text = line.lstrip(" ")
    if "  " not in text.rstrip(" "):  # one cell (most lines): no gap to measure
        start = len(line) - len(text)
        return [LaidOutCell(text.rstrip(" "), start, start + display_width(text.rstrip(" ")))]
    cells, at, column = [], 0, 0  # at: a character of the line, column: its display column
    for match in CELL_RE.finditer(line):
        start = column + display_width(line[at:match.start()])
        column, at = start + display_width(match[0]), match.end()
        cells.append(LaidOutCell(match[0], start, column))
    return cells


#: Lines of one cell a table may hold in a row between two of its rows (a group
#: label, a note, a cell's wrapped end).
SPANNING_LINES_MAX = 3


def texts(row: list[LaidOutCell]) -> list[str]:
    """The texts of a row's cells (a header printed again has the same)."""
    return [cell.text for cell in row]


def spanned(columns: Columns, cell: LaidOutCell) -> range:
    """The indices of the ``columns`` that ``cell`` overlaps."""
    return range(bisect.bisect_right(columns.ends, cell.start),
                 bisect.bisect_left(columns.starts, cell.end))


def keeps_columns(columns: Columns, row: list[LaidOutCell]) -> bool:
    """Does ``row`` line up with ``columns``: no cell of it over a gutter between two
    of them (as another table's rows, set out otherwise, would be)?"""
    return all(len(spanned(columns, cell)) <= 1 for cell in row)


def within(columns: Columns, row: list[LaidOutCell]) -> bool:
    """Does every cell of ``row`` lie inside one of ``columns`` (they stay as they are)?"""
    return all(len(over := spanned(columns, cell)) == 1 and columns[over[0]][0] <= cell.start
               and cell.end <= columns[over[0]][1] for cell in row)


def block_end(cells: list[list[LaidOutCell]], start: int) -> int:
    """The end (exclusive) of the table block whose first row is ``cells[start]``.

    Rows of two or more cells that line up with the block (once it has rows besides
    its header) go on with it, past blank lines too. Lines of one cell directly
    under a row (at most :data:`SPANNING_LINES_MAX`) and the header printed again
    go with it when a row that lines up follows them; lines of one cell do too when
    a blank line follows them (a note under the table). A line of one cell after a
    blank line ends it.
    """
    header, rows, end, gap = texts(cells[start]), [cells[start]], start + 1, False
    columns: Columns | None = None  # known once there are MIN_ROWS body rows
    pending: list[int] = []  # lines that go with the block if a row follows them
    header_again = False
    for index in range(start + 1, len(cells)):
        line = cells[index]
        if not line:
            if pending and not gap and not header_again:
                end = index  # a note right under the table
            pending, gap, header_again = [], True, False
        elif len(line) >= 2 and texts(line) == header:
            pending, gap, header_again = pending + [index], False, True
        elif len(line) >= 2:
            if columns is not None and not keeps_columns(columns, line):
                break
            rows.append(line)
            if len(rows) > MIN_ROWS and (columns is None or not within(columns, line)):
                columns = table_columns(rows)
            end, pending, gap, header_again = index + 1, [], False, False
        elif not gap and len(pending) < SPANNING_LINES_MAX:
            pending.append(index)
        else:
            break
    return end


def column_starts(rows: list[list[LaidOutCell]]) -> Columns:
    """The columns that the cells of ``rows`` cover, left to right."""
    covered = sorted({x for row in rows for cell in row for x in range(cell.start, cell.end)})
    spans: list[tuple[int, int]] = []
    for x in covered:
        if spans and x == spans[-1][1]:
            spans[-1] = (spans[-1][0], x + 1)
        else:
            spans.append((x, x + 1))
    return Columns(tuple(spans))


def table_columns(rows: list[list[LaidOutCell]]) -> Columns:
    """The columns of a table from its rows of two or more cells. The header (the
    first row, and its copies on later pages) may centre a merged cell over the
    gutters of the columns it spans (人数 over 男 and 女), so only the other
    rows mark the gutters, when there are enough of them; a header cell over a
    gutter of theirs heads a column they leave empty."""
    body = [row for row in rows if texts(row) != texts(rows[0])]
    if len(body) < MIN_ROWS:
        return join_split_columns(column_starts(rows), rows)
    columns = column_starts(body)
    alone = [(cell.start, cell.end) for cell in rows[0] if not spanned(columns, cell)]
    return join_split_columns(Columns(tuple(sorted(columns.spans + tuple(alone)))), rows)


def starting_in(columns: Columns, row: list[LaidOutCell]) -> list[int]:
    """The indices of the ``columns`` a cell of ``row`` starts in, left to right."""
    found = {(bisect.bisect_right(columns.starts, cell.start) - 1, cell.start) for cell in row}
    return sorted({c for c, start in found if c >= 0 and start < columns.ends[c]})


def join_split_columns(columns: Columns, rows: list[list[LaidOutCell]]) -> Columns:
    """``columns`` with neighbours that no row fills both of taken as one: a column
    whose text is flush left and numbers flush right shows a gap inside it."""
    # for each column, the nearest column to its left that a row filling it fills too
    left = [-1] * len(columns)
    for row in rows:
        filled = starting_in(columns, row)
        for before, here in zip(filled, filled[1:]):
            left[here] = max(left[here], before)
    joined, group = list(columns.spans[:1]), 0
    for c in range(1, len(columns)):
        if left[c] >= group:
            joined.append(columns[c])
            group = c
        else:
            joined[-1] = (joined[-1][0], columns[c][1])
    return Columns(tuple(joined))


def column_of(cell: LaidOutCell, columns: Columns) -> int:
    """The column ``cell`` starts in; for a cell starting in a gutter (a heading
    centred over a narrow column) the one it overlaps most, else the nearest."""
    inside = bisect.bisect_right(columns.starts, cell.start) - 1
    if inside >= 0 and cell.start < columns[inside][1]:
        return inside

    def overlap(c: int) -> int:
        return min(cell.end, columns[c][1]) - max(cell.start, columns[c][0])
    over = spanned(columns, cell)
    if over:
        return max(over, key=overlap)
    return min((c for c in (inside, inside + 1) if 0 <= c < len(columns)),
               key=lambda c: min(abs(columns[c][0] - cell.start),
                                 abs(columns[c][1] - 1 - cell.start)))


def tab_row(row: list[LaidOutCell], columns: Columns,
            placed: list[int] | None = None) -> str:
    """A laid-out row as tab-separated fields, one per column (``placed``: the column
    of each cell, when not the one it starts in)."""
    fields = [""] * len(columns)
    for cell, col in zip(row, placed or [column_of(cell, columns) for cell in row]):
        fields[col] = f"{fields[col]} {cell.text}".strip()
    return "\t".join(fields)


#: Widest run of columns a merged header cell is looked for over, either side.
MERGED_SPAN_MAX = 12


def header_columns(header: list[LaidOutCell], sub: list[LaidOutCell],
                   columns: Columns) -> list[int]:
    """The column of each header cell when a sub-header divides the columns under it.

    Print centres a merged cell over the columns it spans, so it goes to the first
    column of the run (empty in the header, divided in the sub-header) whose middle
    is nearest its own; ``build_table`` then spans it over the empty cells after
    it. A cell flush with its column stays there when nothing free is left of it
    or a merged neighbour may span what is (cells set flush left).
    """
    owns = [column_of(cell, columns) for cell in header]
    divided = set(starting_in(columns, sub))
    if 0 in divided:
        return owns
    heads = set(owns)  # columns a header cell starts in: no run goes over another's
    placed = []
    for cell, own in zip(header, owns):
        if own not in divided:
            placed.append(own)
            continue
        lo, hi = own, own
        while lo - 1 in divided and lo - 1 not in heads and own - lo < MERGED_SPAN_MAX:
            lo -= 1
        while hi + 1 in divided and hi + 1 not in heads and hi - own < MERGED_SPAN_MAX:
            hi += 1
        if cell.start == columns[own][0] and (lo == own or lo - 1 in divided):
            placed.append(own)
            continue
        middle = (cell.start + cell.end) / 2
        placed.append(min(((first, last) for first in range(lo, own + 1)
                           for last in range(own, hi + 1)),
                          key=lambda run: abs((columns[run[0]][0] + columns[run[1]][1]) / 2
                                              - middle))[0])
    return placed


#: Lines a page end may put between two parts of a table (page number, running
#: head, 续表); the part after them is read with the columns of the part before.
FURNITURE_LINES_MAX = 3


@dataclass
class TableReading:
    """The table being read: its rows of two or more cells so far, and where it ended."""

    rows: list[list[LaidOutCell]]
    end: int

    def goes_on_at(self, lines: list[str], index: int) -> bool:
        """Is ``index`` close enough under the table for its next printed part?"""
        if not self.rows:
            return False
        between = (no for no in range(self.end, index) if lines[no].strip())
        return next(islice(between, FURNITURE_LINES_MAX, None), None) is None

    def fits(self, rows: list[list[LaidOutCell]]) -> bool:
        """Do ``rows`` keep every gutter of the table (the same columns)?"""
        return len(table_columns(self.rows + rows)) == len(table_columns(self.rows))


def opens_block(cells: list[list[LaidOutCell]], index: int, reading: TableReading,
                lines: list[str]) -> bool:
    """Does a table block start at ``index``: a row of :data:`MIN_COLUMNS` cells, or,
    right after a table part, a cell's wrapped end (a line indented into a column
    past the first)?"""
    if len(cells[index]) >= MIN_COLUMNS:
        return True
    if not cells[index] or not reading.goes_on_at(lines, index):
        return False
    first = table_columns(reading.rows)[0]
    return cells[index][0].start >= first[1]


#: A page number: the last cell of a TOC entry laid out with spaces.
PAGE_CELL_RE = re.compile(
    r"""
    [(（]? \d{1,4} [)）]?    # 3 / (3)
    """,
    re.X,
)


def is_table(rows: list[list[LaidOutCell]]) -> bool:
    """Do ``rows`` (of two or more cells, the first of :data:`MIN_COLUMNS`) make a
    table of their own: :data:`MIN_ROWS` of them, lined up in :data:`MIN_COLUMNS`
    columns or more, not organs only (a joint 落款) and not TOC entries (each
    ending in its page number; a table's header ends in a heading)?"""
    wide = [row for row in rows if len(row) >= MIN_COLUMNS]
    return (len(rows) >= MIN_ROWS
            and not all(is_signer_line(cell.text) for row in wide for cell in row)
            and not all(PAGE_CELL_RE.fullmatch(row[-1].text) for row in rows)
            and len(table_columns(rows)) >= MIN_COLUMNS)


def tabulate_space_columns(text: str, report: ReportBuilder) -> str:
    """``text`` with its space-laid-out tables as tab-separated rows (see the module doc)."""
    lines = text.split("\n")
    cells = [laid_out_cells(line) for line in lines]
    reading = TableReading([], 0)
    index = 0
    while index < len(lines):
        if not opens_block(cells, index, reading, lines):
            index += 1
            continue
        end = block_end(cells, index)
        rows = [row for row in cells[index:end] if len(row) >= 2]
        if reading.goes_on_at(lines, index) and reading.fits(rows):
            reading = TableReading(reading.rows + rows, end)
        elif is_table(rows):
            reading = TableReading(rows, end)
        else:
            index = end
            continue
        columns = table_columns(reading.rows)
        header = reading.rows[0]
        placed = header_columns(header, (reading.rows[1:] or [[]])[0], columns)
        for no in range(index, end):
            if cells[no]:
                lines[no] = tab_row(cells[no], columns,
                                    placed if texts(cells[no]) == texts(header) else None)
        report.normalize(index + 1, f"lines {index + 1}-{end}: columns set off by spaces "
                                    f"read as a table of {len(columns)} columns")
        index = end
    return "\n".join(lines)
