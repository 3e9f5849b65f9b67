"""An issue or a document as OCR Markdown (the output of OCR/layout tools).

What OCR Markdown gets wrong, and what this reader does about it:

* ``#`` levels are unreliable (a 一、 heading as ``#``, a title as ``###``): the
  ``#`` marks are dropped and levels are re-derived from the labels by
  :mod:`.headings` (一、 （一） 1. （1） 第X章 第X条);
* ``**bold**``/``__bold__``/``*em*`` marks (also a bold run over several
  lines), Markdown escapes, ``> `` quotes, inline HTML tags and trailing
  double-space (or ``\\``) hard breaks are removed; ``<br>`` splits a line (and
  is dropped inside a table cell); soft-wrapped lines are left to the structure
  stage, which joins lines cut inside a sentence;
* tables come as HTML (``<table>`` with rowspan/colspan, ``<thead>``/``<th>``
  header rows, possibly over several lines) or as pipe tables (outer pipes
  optional, as in GFM); both become
  :class:`model.Table` (a pipe row with only its first cell filled, or with one
  label repeated in every cell, is a group row); ragged rows are padded to a full
  grid and reported;
* a colophon or editorial committee in a ruled box comes as a ``label | value``
  table: it is read as the ``label：value`` lines the issue reader knows;
* a table cut by a page break comes as two tables, the second repeating the
  header (layout tools read each page on its own): with only page furniture
  (page numbers, running heads, 续表) between them, the parts are joined again and the repeated
  header and the furniture reported;
* images, HTML comments (page markers), rules and setext underlines are
  discarded with a reason.

Contract: the cleaned lines go to :mod:`.text_issue` when they hold an issue
(a 目录 and a masthead line), else to :mod:`.standalone`; back matter and the
colophon are handled there. A single document first loses its page numbers and
running heads, and a title printed over several headings is joined.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from lxml import etree
from lxml import html as lxml_html

from ..body import grid_problems
from ..chars import HAN_RE
from ..errors import SourceError
from ..model import Cell, Issue, Row, Table
from ..sanitize import clean_html
from .report import ReportBuilder
from .standalone import read_document_lines
from .doc_number import is_doc_number
from .lines import SourceLine
from .organs import is_red_head
from .tables import build_table, group_label
from .colophon import COLOPHON_RE
from .cover import ISSUE_NUMBER_RE, ROLE_RE, join_broken_mastheads
from .furniture import CONTINUED_TABLE_RE, PAGE_NUMBER_RE
from .text_issue import read_issue_lines
from .toc import TOC_HEADER_RE

logger = logging.getLogger(__name__)

#: An ATX heading: its marks are dropped (levels come from the labels).
ATX_RE = re.compile(
    r"""
    \#{1,6} \s+         # 1-6 hash marks and a space
    (?P<text>.*?)       # the heading text
    (?:\s+\#+)? \s*     # optional closing hashes
    """,
    re.X,
)

#: Emphasis marks around text: **bold**, __bold__, *em* (a lone _ stays: e-mail addresses).
EMPHASIS_RE = re.compile(
    r"""
    \*\*(?P<b1>.+?)\*\*         # **bold**
  | __(?P<b2>.+?)__             # __bold__
  | (?<![\w*])\*(?P<em>[^*\s][^*]*?)\*(?![\w*])   # *em*
    """,
    re.X,
)

#: A bold mark left unpaired on its line: a bold run over several lines (a wrapped
#: title) opens at the start of its first line and closes at the end of its last.
UNPAIRED_BOLD_RE = re.compile(
    r"""
    ^ \s* (?: \*\* | __ )      # a mark opening the line
  | (?: \*\* | __ ) \s* $      # a mark closing it
    """,
    re.X,
)

#: A backslash escape of a Markdown special character.
ESCAPE_RE = re.compile(
    r"""
    \\                                   # a backslash
    (?P<char>[\\`*_{}\[\]()#+\-.!|<>~])    # before a Markdown special character
    """,
    re.X,
)

#: Inline HTML tags (their text is kept) and line-break tags.
TAG_RE = re.compile(
    r"""
    </?                                              # opening or closing tag
    (?:span|sup|sub|b|i|strong|em|u|font|p|div) \b   # a formatting element
    [^>]* >                                          # its attributes
    """,
    re.X | re.I,
)
BR_RE = re.compile(
    r"""
    <br \s* /? >    # <br>, <br/>, <br />
    """,
    re.X | re.I,
)

#: Lines discarded whole, with their reason.
IMAGE_RE = re.compile(
    r"""
    ! \[ [^\]]* \]     # ![alt]
    \( [^)]* \)        # (target)
    """,
    re.X,
)
COMMENT_RE = re.compile(
    r"""
    <!-- .*? -->    # an HTML comment (OCR page markers)
    """,
    re.X,
)
PAGE_SEPARATOR_RE = re.compile(
    r"""
    \{ \d+ \} -{3,}    # {12}------: a page break in paginated converter output
    """,
    re.X,
)
RULE_RE = re.compile(
    r"""
    -{3,} | \*{3,} | _{3,}    # a thematic break (or a setext h2 underline)
    """,
    re.X,
)
SETEXT_UNDERLINE_RE = re.compile(
    r"""
    ={3,}    # the underline of a setext h1 (its text above is the heading)
    """,
    re.X,
)

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

#: Blockquote marks at the start of a line (> > text).
QUOTE_RE = re.compile(
    r"""
    ^ (?: > \s? )+    # one or more quote marks
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


#: Fewest rows of a ``label | value`` table read as colophon lines.
LABEL_BOX_MIN_ROWS = 3


@dataclass(frozen=True)
class RawLine:
    no: int
    text: str


# --------------------------------------------------------------------------- tables

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
    return Table(caption=_cell_text(caption) if caption is not None else "",
                 header_rows=tuple(grid[:n_head]), rows=tuple(grid[n_head:]))


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


# --------------------------------------------------------------------------- text

def clean_inline(text: str) -> str:
    """Remove emphasis marks, inline tags and escapes from one line."""
    text = TAG_RE.sub("", text)
    text = EMPHASIS_RE.sub(lambda m: m["b1"] or m["b2"] or m["em"], text)
    text = UNPAIRED_BOLD_RE.sub("", text)
    return ESCAPE_RE.sub(lambda m: m["char"], text)


def discard_reason(text: str) -> str | None:
    stripped = text.strip()
    if IMAGE_RE.fullmatch(stripped):
        return "image reference"
    if COMMENT_RE.fullmatch(stripped) or PAGE_SEPARATOR_RE.fullmatch(stripped):
        return "OCR comment / page marker"
    if RULE_RE.fullmatch(stripped):
        return "horizontal rule"
    if SETEXT_UNDERLINE_RE.fullmatch(stripped):
        return "heading underline (level re-derived from the label)"
    return None


def take_html_table(raw: list[RawLine], start: int) -> tuple[str, int]:
    """The markup of the HTML table opening at ``raw[start]`` and the index after it."""
    end = start
    while end < len(raw) and not TABLE_CLOSE_RE.search(raw[end].text):
        end += 1
    return "\n".join(r.text for r in raw[start:end + 1]), end + 1


def label_box_lines(rows: list[list[list[str]]], no: int) -> list[SourceLine]:
    """A colophon or editorial committee printed as a ruled box comes out as a table
    of ``label | value`` rows: those rows as the ``label：value`` lines the text reader
    knows (a value broken with ``<br>`` goes on a line each). [] unless every row has
    two filled cells and at least half of them read as colophon or committee lines."""
    if len(rows) < LABEL_BOX_MIN_ROWS or any(len(row) != 2 or not all(row) for row in rows):
        return []
    firsts = [f"{' '.join(label)}：{value[0]}" for label, value in rows]
    known = sum(bool(COLOPHON_RE.fullmatch(text) or ROLE_RE.fullmatch(text)) for text in firsts)
    if known * 2 < len(rows):
        return []
    out = []
    for text, (_, value) in zip(firsts, rows):
        out += [SourceLine(no, text)] + [SourceLine(no, more) for more in value[1:]]
    return out


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


def take_table(raw: list[RawLine], index: int,
               report: ReportBuilder) -> tuple[list[SourceLine], int]:
    """The table starting at ``raw[index]`` and the index after it; ([], index) if none.

    The table comes as one line holding it, or, when it is a label box (see
    :func:`label_box_lines`), as its ``label：value`` lines.
    """
    line = raw[index]
    stripped = line.text.strip()
    if TABLE_OPEN_RE.search(stripped):
        markup, end = take_html_table(raw, index)
        root = html_root(markup, line.no, report)
        rows = html_cell_lines(root)
        if not (box := label_box_lines(rows, line.no)):
            return [SourceLine(line.no, "", table_of(root, line.no, report))], end
    elif index + 1 < len(raw) and opens_pipe_table(stripped, raw[index + 1].text.strip()):
        end = index + 2
        while end < len(raw) and is_pipe_row(raw[end].text.strip()):
            end += 1
        rows = [pipe_cell_lines(r.text) for r in raw[index:end] if r is not raw[index + 1]]
        if not (box := label_box_lines(rows, line.no)):
            return [SourceLine(line.no, "", pipe_table(raw[index:end], report))], end
    else:
        return [], index
    report.normalize(line.no, "a label | value table read as colophon lines")
    return box, end


def header_texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.header_rows]


def is_page_furniture(line: SourceLine) -> bool:
    """A page number, a running head or a 续表 mark: what a page break leaves in the text
    (between two parts of a table, or around a document OCR'd on its own)."""
    return line.table is None and any(pattern.fullmatch(line.text) for pattern in (
        PAGE_NUMBER_RE, RUNNING_HEAD_RE, CONTINUED_TABLE_RE))


def join_table_part(out: list[SourceLine], part: SourceLine, report: ReportBuilder) -> bool:
    """Append the rows of table ``part`` to the table it continues, if any: the last
    table in ``out``, with the same header and only page furniture after it. The
    repeated header and the furniture are reported. Returns whether it joined."""
    at = len(out)
    while at > 0 and is_page_furniture(out[at - 1]):
        at -= 1
    if at == 0 or out[at - 1].table is None \
            or header_texts(out[at - 1].table) != header_texts(part.table):
        return False
    first = out[at - 1]
    report.discard(out[at:], "page furniture between the parts of a table")
    report.discard([SourceLine(part.no, "\t".join(row)) for row in header_texts(part.table)],
                   "repeated table header (table continued on the next page)")
    report.join(part.no, f"table at line {first.no} continues at line {part.no}")
    out[at - 1:] = [replace(first, table=replace(first.table,
                                                 rows=first.table.rows + part.table.rows))]
    return True


def toc_table_lines(line: SourceLine, report: ReportBuilder) -> list[SourceLine]:
    """A TOC printed as a table (title | 文号 | page) → TOC text lines: a row with
    one filled cell is a section heading; otherwise the cells before the page are
    the title and the 文号 (put in brackets), a tab sets off the page. The column
    header row is discarded."""
    table = line.table
    out = []
    for n, row in enumerate(table.header_rows + table.rows):
        cells = [c.text for c in row if c.text]
        if n < len(table.header_rows) and not any(cell.isdigit() for cell in cells):
            report.discard([SourceLine(line.no, "\t".join(cells))],
                           "table of contents: column headings")
        elif len(cells) == 1:
            out.append(SourceLine(line.no, cells[0]))
        elif cells:
            *parts, page = cells
            head = "".join(f"（{p}）" if is_doc_number(p) else p for p in parts)
            out.append(SourceLine(line.no, f"{head}\t{page}"))
    return out


def text_lines(line: RawLine, report: ReportBuilder) -> list[SourceLine]:
    """The cleaned text of one Markdown line (several lines when it holds ``<br>``)."""
    stripped = line.text.strip()
    if not stripped:
        return []
    reason = discard_reason(stripped)
    if reason:
        report.discard([SourceLine(line.no, stripped)], reason)
        return []
    if heading := ATX_RE.fullmatch(stripped):
        report.normalize(line.no, "heading marks dropped (level re-derived from the label)")
        stripped = heading["text"]
    stripped = QUOTE_RE.sub("", stripped).rstrip("\\")
    parts = (clean_inline(part).strip() for part in BR_RE.split(stripped))
    return [SourceLine(line.no, part) for part in parts if part]


def markdown_lines(text: str, report: ReportBuilder) -> list[SourceLine]:
    """Cleaned lines and parsed tables of an OCR Markdown text.

    Soft-wrapped lines stay separate: the structure stage joins lines cut inside
    a sentence (and reports each join), whether the cut came from Markdown
    wrapping or from the page.
    """
    raw = [RawLine(no, line) for no, line in enumerate(text.split("\n"), start=1)]
    out: list[SourceLine] = []
    index = 0
    while index < len(raw):
        taken, after = take_table(raw, index, report)
        if not taken:
            out += text_lines(raw[index], report)
            index += 1
            continue
        table = taken[0]
        if table.table is None:  # a label box, read as lines
            out += taken
        elif out and TOC_HEADER_RE.fullmatch(out[-1].text):
            out += toc_table_lines(table, report)
        elif not join_table_part(out, table, report):
            out.append(table)
        index = after
    return out


#: A running head of a page OCR'd with its document: the page number between dots or
#: dashes beside a short name, or a gazette name with the issue label.
RUNNING_HEAD_RE = re.compile(
    r"""
    [-—·•] \s* \d{1,4} \s* [-—·•] \s* [^，。；：:]{0,30}               # ·15·　某某公报
  | [^，。；：:]{0,30} [-—·•] \s* \d{1,4} \s* [-—·•]                   # 某某公报　·15·
  | [^，。；：:]{2,30} 公报 \s* \d{4} \s* 年 \s* 第 \s* \d{1,3} \s* [期号]   # 某某公报 2024年第3期
    """,
    re.X,
)

#: Longest line taken for a masthead (2024年第3期（总第45期） 2024年6月28日出版).
MASTHEAD_MAX = 40


def read_ocr_markdown(text: str, *, source_file: str, gazette_id: str,
                      report: ReportBuilder) -> Issue:
    """Read OCR Markdown (see the module doc): a whole issue or one document."""
    lines = join_broken_mastheads(markdown_lines(text, report), report)
    texts = [ln.text for ln in lines]
    masthead = any(ISSUE_NUMBER_RE.search(t) and len(t) <= MASTHEAD_MAX for t in texts)
    if masthead and any(TOC_HEADER_RE.fullmatch(t) for t in texts):
        return read_issue_lines(lines, source_file=source_file, gazette_id=gazette_id, report=report)
    lines = without_page_furniture(lines, report)
    lines = join_title_headings(lines, heading_numbers(text), report)
    return read_document_lines(lines, source_file=source_file, gazette_id=gazette_id,
                               report=report)


def without_page_furniture(lines: list[SourceLine], report: ReportBuilder) -> list[SourceLine]:
    """``lines`` less the page numbers and running heads of the pages a document was
    OCR'd from (a number above the title was read as part of it); an issue's are
    dropped by :mod:`.text_issue`, which knows the gazette's name."""
    kept = []
    for line in lines:
        if is_page_furniture(line):
            report.discard([line], "page furniture: page number, running head or 续表")
        else:
            kept.append(line)
    return kept


def heading_numbers(text: str) -> set[int]:
    """Numbers of the lines printed as headings: ``#`` lines, and text over a setext
    underline."""
    raw = text.split("\n")
    return {no for no, line in enumerate(raw, start=1)
            if ATX_RE.fullmatch(line.strip())
            or (no < len(raw) and SETEXT_UNDERLINE_RE.fullmatch(raw[no].strip()))}


def join_title_headings(lines: list[SourceLine], headings: set[int],
                        report: ReportBuilder) -> list[SourceLine]:
    """A document title printed over several headings (a ``#`` line per wrapped line,
    or one cut by ``<br>``) as one line, so that the document reader takes it whole
    (it joins only lines that follow each other). A 文号 or a masthead ends it."""
    count = 0
    while count < len(lines) and lines[count].no in headings and lines[count].table is None \
            and not is_doc_number(lines[count].text) and not is_red_head(lines[count].text):
        count += 1
    if count < 2:
        return lines
    report.join(lines[0].no, f"title printed over {count} headings joined")
    return [SourceLine(lines[0].no, " ".join(ln.text for ln in lines[:count]))] + lines[count:]
