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
  optional, as in GFM); both become (:mod:`.ocr_tables`)
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
from dataclasses import replace

from ..model import Issue
from .report import ReportBuilder
from .standalone import read_document_lines
from .doc_number import is_doc_number
from .lines import SourceLine
from .organs import is_red_head
from .colophon import COLOPHON_RE
from .cover import ISSUE_NUMBER_RE, ROLE_RE, join_broken_mastheads
from .furniture import CONTINUED_TABLE_RE, PAGE_NUMBER_RE
from .ocr_inline import BR_RE, clean_inline
from .ocr_tables import (TABLE_OPEN_RE, RawLine, header_texts, html_cell_lines, html_root,
                         is_pipe_row, opens_pipe_table, pipe_cell_lines, pipe_table, table_of,
                         take_html_table)
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


#: Blockquote marks at the start of a line (> > text).
QUOTE_RE = re.compile(
    r"""
    ^ (?: > \s? )+    # one or more quote marks
    """,
    re.X,
)


#: Fewest rows of a ``label | value`` table read as colophon lines.
LABEL_BOX_MIN_ROWS = 3


# --------------------------------------------------------------------------- tables


# --------------------------------------------------------------------------- text


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
