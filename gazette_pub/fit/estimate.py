"""The cheap half of ``gazette theme fit``: a line-count model of the print edition.

No rendering here. Each document is reduced to the amounts that decide how many lines it
takes (:class:`DocumentShape`: runs of text with their widths in characters, table rows
with their cell widths); a :class:`Layout` (paper, columns, body size, grid characters per
line, line pitch, table density, new-page rules) turns them into each document's extent
in text columns, and :func:`predict_starts` lays the extents end to end into printed
start pages. :func:`estimate` scores every candidate layout of a grid against the start
pages of the issue's own 目录 and returns the best ones.

The model is deliberately simple (a paragraph takes ``ceil((width + indent) / cpl)``
lines, a table row the lines of its fullest cell); the renders of :mod:`.search` correct
it document by document (:func:`predict_starts` takes a factor per document).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from itertools import product

from ..model import Document, Issue, Table
from ..themes import PAGE_SIZES_MM, POINTS_PER_UNIT, PrintTheme

#: Margins every candidate layout uses (the defaults of :class:`PrintTheme`): start pages
#: do not tell margins from paper size, so only the text area is searched.
DEFAULT_THEME = PrintTheme()

#: Body sizes tried, in points, by number of columns: 五号, 小四, 四号 and 三号 (the
#: 公文 body of GB/T 9704) for one column, 五号 and 小五 for two. The first is preferred
#: on a tie.
BODY_SIZES = {1: (10.5, 12.0, 14.0, 16.0), 2: (10.5, 9.0)}

#: Paper sizes tried when none is given; the first is preferred on a tie (the common one).
PAPER_SIZES = ("A4", "16K", "B5")

#: Line pitch tried, as multiples of the body size, and the step of the grid in points.
PITCH_RANGE = (1.3, 2.0)
PITCH_STEP = 0.25

#: Letter-spacing a grid may add or take, as a share of the body size (→ range of cpl).
SPACING_RANGE = (-0.05, 0.15)

#: Table densities tried: (table text size in body sizes, line height factor, cell
#: padding in table ems), from tables set single-spaced in tight cells at 小五 to tables
#: at the body size in loose cells (each row 1 to 2.3 body sizes per line of text).
TABLE_DENSITIES = ((0.9, 1.0, 0.05), (0.9, 1.35, 0.15), (0.9, 1.6, 0.15), (1.0, 1.2, 0.2),
                   (1.0, 1.6, 0.35))


def text_width(text: str) -> float:
    """Width of ``text`` in body characters: ASCII letters, digits and spaces count half."""
    return sum(0.5 if ord(c) < 0x80 else 1.0 for c in text if not c.isspace() or c == " ")


@dataclass(frozen=True)
class TableShape:
    """What decides a table's height: caption, notes and the widths of each row's cells."""

    caption: float
    #: Per row, (width in characters, columns spanned) of each cell.
    rows: tuple[tuple[tuple[float, int], ...], ...]
    notes: tuple[float, ...] = ()


@dataclass(frozen=True)
class DocumentShape:
    """A document reduced to the amounts that decide its printed length."""

    seq: int
    title: str
    #: The page its official 目录 gives (None: not given).
    official: int | None
    #: Index of its section in the issue.
    section: int
    title_width: float
    #: Runs of text: (kind, width) with kind "para" (indented, wraps), "line" (one line
    #: or more, not indented: 文号, date, signature lines), "title" (an enclosed title).
    runs: tuple[tuple[str, float], ...]
    tables: tuple[TableShape, ...]
    #: Whether the document holds images (their height is unknown to the model).
    images: int = 0


def _table_shape(table: Table) -> TableShape:
    rows = tuple(tuple((text_width(c.text), c.colspan) for c in row)
                 for row in table.header_rows + table.rows)
    return TableShape(text_width(table.caption), rows,
                      tuple(text_width(n) for n in table.footnotes))


def _block_runs(blocks) -> tuple[list[tuple[str, float]], list[TableShape], int]:
    runs: list[tuple[str, float]] = []
    tables: list[TableShape] = []
    images = 0
    for block in blocks:
        kind = getattr(block, "type", "")
        if kind == "table":
            tables.append(_table_shape(block.table))
        elif kind == "signature":
            runs += [("line", 0.0)] + [("line", text_width(t)) for t in block.lines]
        elif kind == "list":
            runs += [("para", text_width(t)) for t in block.items]
        elif kind == "attachment":
            runs += [("line", 0.0)] + [("para", text_width(t)) for t in block.text.split("\n")]
        elif kind in ("date",):
            runs.append(("line", text_width(block.text)))
        elif hasattr(block, "text"):
            label = getattr(block, "label", "")
            runs.append(("para", text_width(label + block.text)))
        else:  # an image or a block the model does not know: counted, not measured
            images += 1
    return runs, tables, images


def document_shape(doc: Document, section: int) -> DocumentShape:
    runs: list[tuple[str, float]] = []
    if doc.doc_number:
        runs.append(("line", text_width(doc.doc_number)))
    body, tables, images = _block_runs(doc.blocks)
    runs += body
    for enclosed in doc.enclosed:
        runs.append(("title", text_width(enclosed.title)))
        more, more_tables, more_images = _block_runs(enclosed.blocks)
        runs += more
        tables += more_tables
        images += more_images
    return DocumentShape(doc.seq, doc.toc_title or doc.title, doc.toc_page, section,
                         text_width(doc.title), tuple(runs), tuple(tables), images)


def issue_shapes(issue: Issue) -> tuple[DocumentShape, ...]:
    return tuple(document_shape(doc, index) for index, section in enumerate(issue.sections)
                 for doc in section.documents)


@dataclass(frozen=True)
class Layout:
    """The searched parameters of a print theme (the rest keep their defaults)."""

    page_size: str = "A4"
    columns: int = 1
    font_size: float = 10.5
    chars_per_line: int = 45
    pitch: float = 16.0
    document_new_page: bool = False
    section_new_page: bool = False
    table_scale: float = 0.9
    table_line_height: float = 1.35
    table_cell_padding: float = 0.15
    title_scale: float = 1.45
    title_lines: float = 2.0
    document_gap_lines: float = 2.0

    def theme(self, first_body_page: int = 3) -> PrintTheme:
        return replace(DEFAULT_THEME, page_size=self.page_size, columns=self.columns,
                       font_size=f"{self.font_size:g}pt", line_height=f"{self.pitch:g}pt",
                       chars_per_line=self.chars_per_line,
                       document_new_page=self.document_new_page,
                       section_new_page=self.section_new_page,
                       table_scale=self.table_scale,
                       table_line_height=self.table_line_height,
                       table_cell_padding=self.table_cell_padding,
                       title_scale=self.title_scale, title_lines=self.title_lines,
                       document_gap_lines=self.document_gap_lines,
                       first_body_page=first_body_page)

    @property
    def measure(self) -> float:
        return self.theme().measure_pt

    @property
    def text_height(self) -> float:
        """Height of the text area of a body page, in points."""
        _w, height_mm = PAGE_SIZES_MM[self.page_size]
        theme = DEFAULT_THEME
        margins = sum(float(m[:-2]) for m in (theme.margin_top, theme.margin_bottom))
        return (height_mm - margins) * POINTS_PER_UNIT["mm"]

    @property
    def lines_per_column(self) -> int:
        return int(self.text_height // self.pitch)

    @property
    def column_height(self) -> float:
        """What a column holds, in points: whole lines only (the rest stays blank)."""
        return self.lines_per_column * self.pitch


def with_density(layout: Layout, density: tuple[float, float, float]) -> Layout:
    """``layout`` with the table density ``density`` (one of :data:`TABLE_DENSITIES`)."""
    scale, line_height, padding = density
    return replace(layout, table_scale=scale, table_line_height=line_height,
                   table_cell_padding=padding)


def density_of(layout: Layout) -> tuple[float, float, float]:
    return (layout.table_scale, layout.table_line_height, layout.table_cell_padding)


def table_height(table: TableShape, layout: Layout) -> float:
    """Height of a table in points: each row as tall as its fullest cell."""
    size = layout.table_scale * layout.font_size
    per_line = max(layout.measure / size, 4.0)
    columns = max((sum(span for _w, span in row) for row in table.rows), default=1)
    widest = [2.0] * columns
    for row in table.rows:
        col = 0
        for width, span in row:
            if span == 1 and col < columns:
                widest[col] = max(widest[col], min(width, per_line))
            col += span
    total = sum(widest)
    usable = per_line - 0.6 * columns
    shares = [max(1.5, usable * w / total) for w in widest]
    row_pt = size * layout.table_line_height + 2 * layout.table_cell_padding * size + 1.0
    height = 0.0
    for row in table.rows:
        col, lines = 0, 1
        for width, span in row:
            room = sum(shares[col:col + span]) or usable
            lines = max(lines, math.ceil(width / room - 1e-9))
            col += span
        height += lines * row_pt
    body_lines = (1 if table.caption else 0) + sum(
        math.ceil((w * layout.table_scale) / per_line) for w in table.notes)
    return height + body_lines * layout.pitch + 1.2 * size


def text_lines(shape: DocumentShape, layout: Layout) -> float:
    """Lines of the document's text (title, paragraphs, lines) on the body grid."""
    cpl = layout.chars_per_line
    title_per_line = layout.measure / (layout.title_scale * layout.font_size)
    lines = math.ceil(shape.title_width / title_per_line) * layout.title_lines + 0.5
    for kind, width in shape.runs:
        if kind == "para":
            lines += max(1, math.ceil((width + 2) / cpl - 1e-9))
        elif kind == "line":
            lines += max(1, math.ceil(width / cpl - 1e-9))
        else:  # an enclosed title
            lines += 1 + 0.5 + math.ceil(width / title_per_line) * layout.title_lines
    return lines


def tables_height(shape: DocumentShape, layout: Layout) -> float:
    """Height of the document's tables, in points."""
    return sum(table_height(t, layout) for t in shape.tables)


def document_lines(shape: DocumentShape, layout: Layout) -> float:
    """The document's height in body lines (its tables converted at the line pitch)."""
    return text_lines(shape, layout) + tables_height(shape, layout) / layout.pitch


def document_extents(shapes, layout: Layout) -> list[float]:
    """Each document's extent in text columns."""
    return [document_lines(s, layout) * layout.pitch / layout.column_height for s in shapes]


def forced_break(layout: Layout, previous: DocumentShape, shape: DocumentShape) -> bool:
    """Whether ``shape`` starts a new page after ``previous`` under ``layout``."""
    return layout.document_new_page or (layout.section_new_page and
                                         shape.section != previous.section)


def gap_columns(layout: Layout) -> float:
    """The space between two documents sharing a page, in text columns."""
    return layout.document_gap_lines / layout.lines_per_column


def after_break(end: float) -> float:
    """The scored start of a document that starts on a new page after a document ending
    at ``end`` (a page number with its fraction): the page it starts on, with the
    fraction of the page before that the previous document filled. Its page is the
    printed one; its fraction says how fragile that page is (a previous document that
    barely spills onto, or nearly fills, its last page moves the start by a page with
    a small change of layout), which a start at the top of its page would not say."""
    page = math.ceil(end - 1e-9)
    return page if page - end < 1e-9 else end + 1


def predict_starts(shapes, extents, layout: Layout, first_body_page: int,
                   factors=None, origin: float = 0.0) -> list[float]:
    """Printed start position of each document, as a page number with its fraction
    (12.5: halfway down page 12), laying the extents (× factors) end to end from
    ``origin`` (in columns: what the body prints before the first document); a start
    after a forced page break is scored by :func:`after_break`."""
    cols = layout.columns
    gap = gap_columns(layout)
    pos = origin
    starts = []
    previous = None
    for index, (shape, extent) in enumerate(zip(shapes, extents)):
        scored = None
        if previous is not None:
            if forced_break(layout, previous, shape):
                scored = first_body_page + after_break(pos / cols)
                pos = math.ceil(pos / cols - 1e-9) * cols
            else:
                pos += gap
                # a title does not start in the last two lines of a column
                within = pos - math.floor(pos)
                if within > 1 - 3 / layout.lines_per_column:
                    pos = math.floor(pos) + 1
        starts.append(scored if scored is not None else first_body_page + pos / cols)
        pos += extent * (factors[index] if factors else 1.0)
        previous = shape
    return starts


@dataclass(frozen=True)
class Score:
    """How well predicted start positions match the official pages (lower is better)."""

    off: int          # documents more than one page away
    inexact: int      # documents not on their page
    distance: float   # how far inside their official page the starts fall (robustness)

    @property
    def key(self) -> tuple:
        return (self.off, self.inexact, round(self.distance, 4))


def score(starts, shapes, margin: float = 0.08) -> Score:
    """``margin``: the share of a page at its top and bottom where a start counts as
    fragile (a small change of the layout moves it to the next or previous page)."""
    off = inexact = 0
    distance = 0.0
    for start, shape in zip(starts, shapes):
        if shape.official is None:
            continue
        page = math.floor(start + 1e-9)
        drift = page - shape.official
        off += abs(drift) > 1
        inexact += drift != 0
        low, high = shape.official + margin, shape.official + 1 - margin
        distance += max(0.0, low - start) + max(0.0, start - high)
    return Score(off, inexact, distance)


def shape_width(shape: DocumentShape) -> float:
    """All the characters of a document (text and table cells), in body characters."""
    return (shape.title_width + sum(w for _k, w in shape.runs) +
            sum(t.caption + sum(w for row in t.rows for w, _s in row) + sum(t.notes)
                for t in shape.tables))


@dataclass(frozen=True)
class Evidence:
    """What the 目录 says about the layout before any model is tried."""

    first_body_page: int
    #: Two documents start on one page: documents do not start on new pages.
    shared_page: bool
    #: Two documents of different sections start on one page: sections do not either.
    shared_across_sections: bool
    compared: int
    #: Characters per page between the first and the last 目录 page (0: one page only).
    density: float


def evidence(shapes) -> Evidence:
    paged = [s for s in shapes if s.official is not None]
    shared = any(a.official == b.official for a, b in zip(paged, paged[1:]))
    across = any(a.official == b.official and a.section != b.section
                 for a, b in zip(paged, paged[1:]))
    first = min((s.official for s in paged), default=DEFAULT_THEME.first_body_page)
    density = 0.0
    if len(paged) > 1 and paged[-1].official > paged[0].official:
        before_last = [s for s in shapes if s.seq < paged[-1].seq and s.seq >= paged[0].seq]
        density = sum(map(shape_width, before_last)) / (paged[-1].official - paged[0].official)
    return Evidence(first, shared, across, len(paged), density)


def break_rules(ev: Evidence | None):
    """(document_new_page, section_new_page) pairs the evidence allows."""
    rules = [(d, s) for d, s in product((False, True), (False, True))
             if not (d and not s)]  # documents on new pages implies sections too
    if ev is not None:
        rules = [(d, s) for d, s in rules
                 if not (d and ev.shared_page) and not (s and ev.shared_across_sections)]
    return rules


def pitch_grid(size: float) -> list[float]:
    pitches, pitch = [], PITCH_RANGE[0] * size
    while pitch <= PITCH_RANGE[1] * size + 1e-9:
        pitches.append(round(pitch, 2))
        pitch += PITCH_STEP
    return pitches


def cpl_range(layout: Layout) -> range:
    measure, size = layout.measure, layout.font_size
    return range(math.ceil(measure / (size * (1 + SPACING_RANGE[1]))),
                 math.floor(measure / (size * (1 + SPACING_RANGE[0]))) + 1)


@dataclass(frozen=True)
class Estimate:
    layout: Layout
    score: Score
    starts: tuple[float, ...]


def estimate(shapes, *, paper_sizes=PAPER_SIZES, columns=(1, 2), keep: int = 5) -> list[Estimate]:
    """The ``keep`` best layouts of the grid by predicted start pages, best first; on a
    tie the earlier paper size (A4), fewer columns and the simpler break rules win.

    Text lines depend on the characters per line and table heights on the table density
    only, so each is computed once per value and the pitch loop only adds them up.
    """
    ev = evidence(shapes)
    rules = break_rules(ev)
    results = []
    order = 0
    for paper, cols in product(paper_sizes, columns):
        for size in BODY_SIZES[cols]:
            base = Layout(page_size=paper, columns=cols, font_size=size)
            tables = {density: [tables_height(s, with_density(base, density)) for s in shapes]
                      for density in TABLE_DENSITIES}
            for cpl in cpl_range(base):
                text = [text_lines(s, replace(base, chars_per_line=cpl)) for s in shapes]
                for pitch, density, (doc_break, section_break) in product(
                        pitch_grid(size), TABLE_DENSITIES, rules):
                    layout = with_density(replace(base, chars_per_line=cpl, pitch=pitch,
                                                  document_new_page=doc_break,
                                                  section_new_page=section_break), density)
                    extents = [(t * pitch + h) / layout.column_height
                               for t, h in zip(text, tables[density])]
                    starts = predict_starts(shapes, extents, layout, ev.first_body_page)
                    s = score(starts, shapes)
                    results.append((s.key, order, layout, s, starts))
                    order += 1
    results.sort(key=lambda r: (r[0], r[1]))
    return [Estimate(layout, s, tuple(starts)) for _k, _o, layout, s, starts in results[:keep]]
