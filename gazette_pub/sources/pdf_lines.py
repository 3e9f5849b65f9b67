"""A PDF page's characters → text lines in reading order, with their geometry.

Contract: :func:`page_lines` takes the characters pdfplumber reads from one page
(minus those inside tables) and returns :class:`PdfLine` objects in reading order:

1. a character drawn twice at the same place (fake bold) is kept once, as bold;
   characters are grouped into rows by their vertical middle (a row holds characters
   whose middles are within half a character of each other: a 楷体 heading lead and
   the 宋体 text after it sit a point apart);
2. a row is cut where the gap between two characters is wider than
   :data:`SEGMENT_GAP` characters (two columns printed side by side, the cells of
   an unruled table); a smaller gap wider than :data:`SPACE_GAP` between two
   characters that are not wide (CJK) becomes one space where no space character stands
   (Latin words; the gap a typesetter leaves beside CJK is no space);
3. the page has two columns when some x between a quarter and three quarters of the
   width (the gutter) has segments entirely on each side on at least
   :data:`COLUMN_LINES_MIN` rows and at most :data:`CROSSING_SHARE` of all segments across it,
   unless it is only the gap before a table's last columns (:func:`table_across`); the
   gutter is then the empty band between the columns' lines, and segments reaching
   into it (a running head, a wide table) cut the page into
   bands, read top to bottom, each band left column first;
4. each line knows its page, its column's left and right edge (the extent of the
   lines and tables set in that column on that page; a line crossing the gutter: the
   page's), its font size (the largest), whether all
   its characters are bold (the font name says Bold/Heavy/Black or the char is
   stroked-filled), and its alignment within the column;
5. a line set across the page (no columns, or crossing the gutter) also knows the
   document's type area (:func:`type_area`, :func:`in_type_area`): a page of short
   lines — a list of items, the last lines of a chapter — ends short of the right
   margin, and its own longest line is no edge its lines reach.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, replace

from ..model import Table
from .line_kinds import ATTACH_NOTE_RE

#: Gap (in characters of the line's size) that cuts a row into segments.
SEGMENT_GAP = 1.6
#: Gap (in characters) read as a space between two characters.
SPACE_GAP = 0.3
#: Segments a column must hold on a page to count as one.
COLUMN_LINES_MIN = 5
#: Share of segments that may cross the gutter (running heads, wide tables).
CROSSING_SHARE = 0.2
#: Share of a column's extent the median line on it fills (text, not table cells).
COLUMN_FILL = 0.5
#: Share of the rows right of a gap that are table rows across it (no second column).
TABLE_ROW_SHARE = 0.8
#: How far (points; or 0.3 of the gutter if more) a line or a table's rule may reach
#: into the gutter and still be in its column.
COLUMN_SLACK = 8.0
#: How far (in characters) a line may stop short of the column's right edge and
#: still fill it (a typesetter that does not justify CJK text leaves up to one).
FULL_SLACK = 1.2
#: The label of a 附件说明 and the number of its first item (附件：1.), before the name.
ATTACH_LEAD_RE = re.compile(
    r"""
    \s* (?: """ + ATTACH_NOTE_RE.pattern + r""" )   # 附件：
    (?: \s* \d{1,2} \s* [.．、] )?                    # 1.
    """,
    re.X,
)
#: Lines of the whole document that must end at one x for it to be the type area's edge.
TYPE_AREA_LINES_MIN = 3
#: Single characters a row must hold to be read as letter-spaced (two are 目 录).
LETTER_SPACED_MIN = 3
#: A first-line indent is at least this many characters (首行缩进两字: 2).
INDENT_MIN = 1.5

#: Font names of bold faces.
BOLD_FONT_RE = re.compile(
    r"""
    bold | heavy | black | demi | 黑体 | hei\b    # Noto-Serif-CJK-SC-Bold, SimHei
    """,
    re.X | re.I,
)


@dataclass(frozen=True)
class PdfLine:
    """One printed line (or one segment of a row) of a PDF page."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    #: 0 when the page has one column or the line crosses the gutter, else 1 or 2.
    column: int = 0
    #: The column's left and right edge on this page.
    left: float = 0.0
    right: float = 0.0
    #: The row of the page the line was cut from (negative for a table).
    row: int = 0
    #: A ruled table standing here (its box is the line's; ``text`` is then "").
    table: Table | None = None

    @property
    def fills(self) -> bool:
        """Does the line reach the column's right edge?"""
        return self.x1 >= self.right - FULL_SLACK * self.size

    @property
    def indent(self) -> float:
        """The indent from the column's left edge, in characters."""
        return (self.x0 - self.left) / self.size if self.size else 0.0

    @property
    def align(self) -> str:
        """"center", "right", "justify" (a full line) or "left"."""
        before, after = self.x0 - self.left, self.right - self.x1
        if self.fills and before < INDENT_MIN * self.size:
            return "justify"
        if before > INDENT_MIN * self.size and abs(before - after) < self.size:
            return "center"
        if before > after + self.size and self.x0 > (self.left + self.right) / 2:
            return "right"  # flush right, or 右空二字 (two characters short of the edge)
        return "left"


@dataclass(frozen=True)
class Placed:
    """A physical line of the extracted text: the PDF line and its line number."""

    line: PdfLine
    no: int
    text: str


def _middle(char: dict) -> float:
    return (char["top"] + char["bottom"]) / 2


def rows_of(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into rows (see the module doc, 1), each sorted by x."""
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (_middle(c), c["x0"])):
        if rows and abs(_middle(char) - _middle(rows[-1][0])) <= char["size"] / 2:
            rows[-1].append(char)
        else:
            rows.append([char])
    return [sorted(row, key=lambda c: c["x0"]) for row in rows]


def _wide(text: str) -> bool:
    """Is ``text`` a wide (CJK) character: Han, CJK punctuation, full-width forms?"""
    return bool(text) and unicodedata.east_asian_width(text[0]) in "WF"


def _is_bold(char: dict) -> bool:
    return bool(char.get("overprinted") or BOLD_FONT_RE.search(char.get("fontname", "")))


#: Two copies of a character closer than this (points) are one character printed twice.
OVERPRINT_TOLERANCE = 1.5


def dedupe(chars: list[dict]) -> list[dict]:
    """Characters drawn twice at (almost) the same place — the fake bold of a font without
    a bold face, a shadow — as one character marked ``overprinted`` (bold evidence)."""
    out: list[dict] = []
    last: dict[str, dict] = {}
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        twin = last.get(char["text"])
        if twin is not None and not char["text"].isspace() \
                and abs(twin["x0"] - char["x0"]) < OVERPRINT_TOLERANCE \
                and abs(twin["top"] - char["top"]) < OVERPRINT_TOLERANCE:
            twin["overprinted"] = True
            continue
        copy = dict(char)
        out.append(copy)
        last[char["text"]] = copy
    return out


def segment_line(chars: list[dict], page: int) -> PdfLine:
    """One line from the characters of a segment (spaces per the module doc, 2)."""
    text, prev = [], None
    for char in chars:
        if prev is not None and not text[-1].isspace() and not char["text"].isspace() \
                and not (_wide(prev["text"]) or _wide(char["text"])):
            if char["x0"] - prev["x1"] > SPACE_GAP * char["size"]:
                text.append(" ")  # between Latin words; a gap beside Han is typography
        text.append(char["text"])
        prev = char
    visible = [c for c in chars if not c["text"].isspace()]
    return PdfLine(page=page, text="".join(text).strip(), x0=visible[0]["x0"],
                   x1=visible[-1]["x1"], top=min(c["top"] for c in visible),
                   bottom=max(c["bottom"] for c in visible),
                   size=round(max(c["size"] for c in visible), 1),
                   bold=all(_is_bold(c) for c in visible))


def segments(row: list[dict], page: int, index: int = 0) -> list[PdfLine]:
    """A row cut at wide gaps (module doc, 2)."""
    out, current = [], []
    for char in row:
        visible = [c for c in current if not c["text"].isspace()]
        if visible and not char["text"].isspace() \
                and char["x0"] - visible[-1]["x1"] > SEGMENT_GAP * char["size"]:
            out.append(current)
            current = []
        current.append(char)
    out.append(current)
    return [replace(segment_line(seg, page), row=index) for seg in out
            if any(not c["text"].isspace() for c in seg)]


def find_gutter(lines: list[PdfLine], width: float) -> tuple[float, float] | None:
    """The gutter of a two-column page as the empty band between the columns (the right
    edge of the left column's lines, the left edge of the right column's), or None
    (module doc, 3)."""
    if len(lines) < 2 * COLUMN_LINES_MIN:
        return None
    best = None
    for step in range(25, 76):
        x = width * step / 100
        left = sum(1 for ln in lines if ln.x1 <= x)
        right = sum(1 for ln in lines if ln.x0 >= x)
        crossing = len(lines) - left - right
        # rows, not segments: a letter-spaced heading is many segments on one row
        rows_left = len({ln.row for ln in lines if ln.x1 <= x})
        rows_right = len({ln.row for ln in lines if ln.x0 >= x})
        if rows_left >= COLUMN_LINES_MIN and rows_right >= COLUMN_LINES_MIN \
                and crossing <= CROSSING_SHARE * len(lines) \
                and not table_across(lines, x):
            if best is None or crossing < best[0] or (crossing == best[0]
                                                      and abs(x - width / 2) < abs(best[1] - width / 2)):
                best = (crossing, x)
    if best is None:
        return None
    x = best[1]
    return (_edge([ln.x1 for ln in lines if ln.x1 <= x], max),
            _edge([ln.x0 for ln in lines if ln.x0 >= x], min))


def table_across(lines: list[PdfLine], x: float) -> bool:
    """Is the candidate gutter at ``x`` only the gap before a table's last columns (a
    三线表 whose 同比增长 column holds short numbers far right)? So when the lines right
    of it do not fill their side as text does (:data:`COLUMN_FILL`) and nearly all of
    them (:data:`TABLE_ROW_SHARE`) stand on rows cut into three cells or more, one
    left of it at least."""
    right = [ln for ln in lines if ln.x0 >= x]
    if not right:
        return False
    widths = sorted(ln.x1 - ln.x0 for ln in right)
    extent = max(ln.x1 for ln in right) - min(ln.x0 for ln in right)
    if extent > 0 and widths[len(widths) // 2] >= COLUMN_FILL * extent:
        return False
    left: dict[int, int] = {}
    cells: dict[int, int] = {}
    for ln in lines:
        cells[ln.row] = cells.get(ln.row, 0) + 1
        if ln.x1 <= x:
            left[ln.row] = left.get(ln.row, 0) + 1
    rows = {ln.row for ln in right}
    return sum(left.get(r, 0) >= 1 and cells[r] >= 3 for r in rows) >= TABLE_ROW_SHARE * len(rows)


def _edge(values: list[float], pick) -> float:
    """The column edge among line ends: the outermost one that two lines share (a
    centred heading in the gutter's side is no edge), else the outermost."""
    rounded = [round(v) for v in values]
    shared = [v for v, r in zip(values, rounded) if rounded.count(r) >= 2]
    return pick(shared or values)


def column_of(line: PdfLine, gutter: tuple[float, float] | None) -> int:
    """1 or 2 for a line inside a column, 0 for one reaching into the gutter (or no columns)."""
    if gutter is None:
        return 0
    # a table's rules stand a little outside its column's text
    slack = max(COLUMN_SLACK, 0.3 * (gutter[1] - gutter[0]))
    return 1 if line.x1 <= gutter[0] + slack else 2 if line.x0 >= gutter[1] - slack else 0


def _with_column(line: PdfLine, column: int, lines: list[PdfLine]) -> PdfLine:
    same = [ln for ln in lines if ln.column == column and ln.table is None] if column else \
        [ln for ln in lines if ln.table is None]
    same = (same + [ln for ln in lines if ln.table is not None and ln.column == column]) or [line]
    left = min(ln.x0 for ln in same)
    right = max(ln.x1 for ln in same)
    return replace(line, left=min(left, line.x0), right=max(right, line.x1))


def reading_order(lines: list[PdfLine], gutter: tuple[float, float] | None) -> list[PdfLine]:
    """Lines in reading order, each with its column and the column's edges."""
    if gutter is None:
        ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
        return [_with_column(ln, 0, ordered) for ln in ordered]
    tagged = [replace(ln, column=column_of(ln, gutter)) for ln in lines]
    tagged.sort(key=lambda ln: (ln.top, ln.x0))
    out, band = [], []
    for line in tagged:
        if line.column == 0:
            out += sorted(band, key=lambda ln: (ln.column, ln.top, ln.x0)) + [line]
            band = []
        else:
            band.append(line)
    out += sorted(band, key=lambda ln: (ln.column, ln.top, ln.x0))
    return [_with_column(ln, ln.column, tagged) for ln in out]


def letter_spaced(parts: list[PdfLine]) -> bool:
    """Are ``parts`` single wide characters set apart by even gaps (a masthead or a
    heading set with letter spacing: 某 某 人 民 政 府 文 件), not the cells of a table?"""
    if len(parts) < LETTER_SPACED_MIN or not all(len(p.text) == 1 and _wide(p.text)
                                                 for p in parts):
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(parts, parts[1:])]
    return max(gaps) - min(gaps) <= 0.25 * max(gaps) + 1


def merge_row(parts: list[PdfLine]) -> PdfLine:
    """Segments of one row in one column as one line, each gap as spaces (one per half
    character, at least two: how ``pdftotext -layout`` sets an unruled table's cells);
    letter-spaced characters as one word."""
    text = parts[0].text
    spaced = letter_spaced(parts)
    for before, after in zip(parts, parts[1:]):
        gap = after.x0 - before.x1
        text += ("" if spaced else " " * max(2, round(2 * gap / after.size))) + after.text
    return replace(parts[0], text=text, x1=parts[-1].x1, top=min(p.top for p in parts),
                   bottom=max(p.bottom for p in parts), size=max(p.size for p in parts),
                   bold=all(p.bold for p in parts))


def page_lines(chars: list[dict], page: int, width: float, tables: list[PdfLine] = (),
               gutter: tuple[float, float] | None = None) -> list[PdfLine]:
    """The lines of one page in reading order (see the module doc); ``tables`` are
    placed among them by their boxes, in the columns of ``gutter`` when given (found
    on the whole page, tables' text included)."""
    segs = [seg for index, row in enumerate(rows_of(dedupe(chars)))
            for seg in segments(row, page, index)]
    gutter = gutter if gutter is not None else find_gutter(segs + list(tables), width)
    groups: list[list[PdfLine]] = []
    for seg in sorted(segs, key=lambda s: (s.row, s.x0)):
        if groups and groups[-1][-1].row == seg.row and (
                gutter is None or column_of(groups[-1][0], gutter) == column_of(seg, gutter)):
            groups[-1].append(seg)
        else:
            groups.append([seg])
    merged = [merge_row(group) if len(group) > 1 else group[0] for group in groups]
    return reading_order(merged + list(tables), gutter)


def _shared_edge(values: list[float], pick) -> float | None:
    """The outermost (``pick``: min or max) of the values that at least
    :data:`TYPE_AREA_LINES_MIN` values lie within a point of, or None."""
    shared = [v for v in values
              if sum(abs(w - v) <= 1.0 for w in values) >= TYPE_AREA_LINES_MIN]
    return pick(shared) if shared else None


def type_area(pages: list[list[PdfLine]], widths: list[float]) -> dict[int, tuple]:
    """For each page width (rounded, points) the type area's (left, right) edge: the
    outermost line starts and ends that several lines set across the page (column 0,
    text, not tables) share over the whole document. A width whose lines share no
    edge is left out."""
    by_width: dict[int, list[PdfLine]] = {}
    for lines, width in zip(pages, widths):
        by_width.setdefault(round(width), []).extend(
            ln for ln in lines if ln.column == 0 and ln.table is None)
    out = {}
    for width, lines in by_width.items():
        left = _shared_edge([ln.x0 for ln in lines], min)
        right = _shared_edge([ln.x1 for ln in lines], max)
        if left is not None and right is not None and left < right:
            out[width] = (left, right)
    return out


def in_type_area(lines: list[PdfLine], width: float, area: dict[int, tuple]) -> list[PdfLine]:
    """``lines`` of a page ``width`` wide, those set across the page with their edges
    widened to the type area (:func:`type_area`) where the page's own lines fall short."""
    edges = area.get(round(width))
    if edges is None:
        return lines
    return [replace(ln, left=min(ln.left, edges[0]), right=max(ln.right, edges[1]))
            if ln.column == 0 else ln for ln in lines]


def _printed_width(text: str, size: float) -> float:
    """The width ``text`` takes set in ``size``: a character a wide (CJK, full-width) one,
    half a character the others."""
    return sum(size if _wide(ch) else size / 2 for ch in text)


def hanging_wrap(first: PdfLine, prev: PdfLine, line: PdfLine) -> bool:
    """Is ``line`` the wrapped rest of the 附件说明 whose first line is ``first`` and
    last line so far ``prev``: right under ``prev`` in the same size, it starts under
    the first character of the attachment's name (GB/T 9704-2012 7.3.4: a long name
    wraps aligned with its first character — where the writer broke it, too: the next
    item's number stands under the first one's, left of that)?"""
    lead = ATTACH_LEAD_RE.match(first.text)
    if lead is None or abs(prev.size - line.size) > 0.5 \
            or (prev.page, prev.column) != (line.page, line.column) \
            or not 0 <= line.top - prev.bottom <= 1.5 * line.size:
        return False
    name_x = first.x0 + _printed_width(lead[0].lstrip(), first.size)
    return abs(line.x0 - name_x) <= 0.6 * line.size


def body_size(lines: list[PdfLine]) -> float:
    """The most common font size (the body text's)."""
    sizes = [ln.size for ln in lines]
    return statistics.mode(sizes) if sizes else 0.0
