"""A Word .docx (Microsoft Word or WPS Office) → the lines the text readers read.

Contract: :func:`extract_docx` opens the package with python-docx (repaired first
when it must be, or refused with a :class:`SourceError`: :mod:`.docx_package`) and
returns an :class:`Extracted` whose text has one line per paragraph of the body, in order:

* a paragraph's text is its runs' text (:mod:`.docx_runs`: insertions of tracked
  changes kept, deletions and hidden text — ``w:vanish``, reported — left out,
  hyperlinks, fields and content controls read through); a line break
  (``w:br``) starts a new line, a page break (``w:br w:type="page"``, page break
  before, a rendered page break) starts a new page, a tab is a space; an empty
  paragraph is an empty line (spacing, so a title is not read across it);
* a list paragraph (``w:numPr``, direct or from its style) starts with its visible
  label (:mod:`.docx_numbering`);
* its evidence: ``align`` from ``w:jc`` (direct or from the style chain; WPS writes
  ``distribute`` for justified text), ``bold`` when every visible character's run
  is bold (run, character style, paragraph style chain, document defaults),
  ``size`` the largest run size in points, ``style`` the style name, ``page`` and
  ``indented`` (a first-line indent, or leading full-width spaces, which are
  removed: alignment done by spaces);
* a table holding the 版记 (an 抄送 row first or a 印发 row last; Word templates
  draw its rules as the table's borders) is read as lines, one a row, its cells
  parted by a full-width space;
* a table drawn without any border is layout (a joint 落款 or 版头 set side by side):
  its cells' paragraphs are read as lines, row by row; a table with borders (in
  body order) is a parsed :class:`Table`: ``w:gridSpan`` → colspan,
  ``w:vMerge`` restart/continue (WPS writes continue without a value) → rowspan,
  ``w:gridBefore`` → empty cells, rows marked ``w:tblHeader`` (else the first) are the
  header; a cell's paragraphs are its lines (parted by newlines), a nested table's text goes into its cell;
* a footnote (or endnote) reference is ``[n]`` in the text and the note follows its paragraph
  as a line ``[n] text``; text boxes (``w:txbxContent``, read once although Word
  stores a fallback copy) follow their paragraph; images (seals, QR codes) are
  skipped, each reported with its name.

Body paragraphs and tables are read through content controls and custom XML around
them; an imported chunk (``w:altChunk``: HTML or MHT a web system put in the file) is
read from its part, each block a line, each table row a line of tab-parted cells
(:mod:`.docx_chunks`). Page headers and footers are not read (they are page furniture).
"""

from __future__ import annotations

import logging
import re

from lxml import etree

from ..model import Cell, Table
from .docx_chunks import chunk_lines
from .docx_numbering import Numbering
from .docx_package import open_docx
from .docx_runs import Segment, Walk, _on, is_hidden, paragraph_runs, run_parts
from .docx_styles import Styles
from .docx_xml import w
from .extracted import Extracted
from .frame import is_imprint
from .report import ReportBuilder
from .tables import first_row_is_data
from .line_kinds import TOC_STYLE_RE
from .lines import EDGE_SPACES, SourceLine

logger = logging.getLogger(__name__)

FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
ENDNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
NUMBERING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


#: Leading spaces that lay a paragraph out (full-width, no-break or ASCII spaces).
LEAD_SPACES_RE = re.compile(
    r"""
    ^ [\x20\u3000\xa0]{2,}    # two or more spaces before the text
    """,
    re.X,
)
#: ``w:jc`` values → the SourceLine alignment.
ALIGNMENTS = {"center": "center", "right": "right", "end": "right", "left": "left",
              "start": "left", "both": "justify", "distribute": "justify",
              "thaiDistribute": "justify", "lowKashida": "justify", "mediumKashida": "justify",
              "highKashida": "justify"}
#: Border values that draw nothing.
NO_BORDER = ("nil", "none")


# --------------------------------------------------------------------------- paragraphs

def paragraph_segments(p, walk: Walk) -> tuple[list[Segment], list, str | None]:
    """(lines of ``p``, what follows it — footnotes and text-box paragraphs —, style id)."""
    ppr = p.find(w("pPr"))
    pstyle = ppr.find(w("pStyle")).get(w("val")) if ppr is not None and \
        ppr.find(w("pStyle")) is not None else None
    before = ppr.find(w("pageBreakBefore")) if ppr is not None else None
    if before is None:
        before = walk.styles.paragraph_property(pstyle, w("pageBreakBefore"))
    if _on(before) and walk.text_since_break:
        walk.new_page()
    segments, after = [Segment(page=walk.page)], []
    walk.leader_tabs = is_toc_entry(ppr, pstyle, walk)
    label = numbering_label(ppr, pstyle, walk)
    for run in paragraph_runs(p):
        if is_hidden(run, walk, pstyle):
            hidden = "".join(t.text or "" for t in run.iter(w("t")))
            if hidden.strip():
                walk.report.uncertain(None, f"¶ {walk.paragraph}: hidden text {hidden[:30]!r} "
                                            "left out (Word neither shows nor prints it)")
            continue
        run_parts(run, walk, pstyle, segments, after)
    if label and segments[0].text.strip():
        segments[0].text = label + segments[0].text.lstrip(EDGE_SPACES)
        segments[0].bold = segments[0].bold[:1] * len(label) + segments[0].bold
    return segments, after, pstyle


#: Tab leaders that draw a TOC's dots or rule (w:tab w:leader="dot" …).
LEADERS = ("dot", "middleDot", "hyphen", "underscore", "heavy")


def is_toc_entry(ppr, pstyle: str | None, walk: Walk) -> bool:
    """Is the paragraph an entry of a table of contents: a ``toc N`` style (Word's
    目录), or a tab stop drawing leader dots (a 目录 typed by hand)?"""
    name = walk.styles.name(pstyle) or pstyle or ""
    if TOC_STYLE_RE.fullmatch(name):
        return True
    tabs = ppr.find(w("tabs")) if ppr is not None else None
    if tabs is None:
        tabs = walk.styles.paragraph_property(pstyle, w("tabs"))
    return tabs is not None and any(t.get(w("leader")) in LEADERS for t in tabs)


def numbering_label(ppr, pstyle: str | None, walk: Walk) -> str:
    # numId and ilvl are found each on its own, the paragraph's first, then along its
    # style chain (a paragraph or a derived style may state only the level)
    direct = ppr.find(w("numPr")) if ppr is not None else None
    chain = [direct] + [st.find(f"{w('pPr')}/{w('numPr')}")
                        for st in walk.styles.chain(pstyle, paragraph=True)]
    num_el = next((n.find(w("numId")) for n in chain
                   if n is not None and n.find(w("numId")) is not None), None)
    ilvl_el = next((n.find(w("ilvl")) for n in chain
                    if n is not None and n.find(w("ilvl")) is not None), None)
    if num_el is None:
        return ""
    num_id = num_el.get(w("val"))
    ilvl = int(ilvl_el.get(w("val"), "0")) if ilvl_el is not None and \
        (ilvl_el.get(w("val")) or "0").isdigit() else 0
    label = walk.numbering.label(num_id, ilvl)
    if label and (num_id, ilvl) not in walk.labelled:
        walk.labelled.add((num_id, ilvl))
        walk.report.normalize(None, f"¶ {walk.paragraph}: list labels such as {label.strip()!r} "
                                    f"(list {num_id}, level {ilvl + 1}) written from the "
                                    "document's numbering")
    for fmt in sorted(walk.numbering.unknown):
        walk.report.uncertain(None, f"numbering format {fmt!r} read as decimal numbers")
    walk.numbering.unknown.clear()
    return label


def alignment(ppr, pstyle: str | None, walk: Walk) -> str | None:
    jc = ppr.find(w("jc")) if ppr is not None else None
    if jc is None:
        jc = walk.styles.paragraph_property(pstyle, w("jc"))
    return ALIGNMENTS.get(jc.get(w("val"), "")) if jc is not None else None


def first_line_indent(ppr, pstyle: str | None, walk: Walk) -> bool:
    ind = ppr.find(w("ind")) if ppr is not None else None
    if ind is None:
        ind = walk.styles.paragraph_property(pstyle, w("ind"))
    if ind is None:
        return False
    for attr in ("firstLineChars", "firstLine"):
        value = ind.get(w(attr))
        if value and value.lstrip("-").isdigit():
            return int(value) > 0
    return False


def add_paragraph(p, walk: Walk) -> None:
    """Read one ``w:p`` into the extracted lines (module doc)."""
    walk.paragraph += 1
    ppr = p.find(w("pPr"))
    segments, after, pstyle = paragraph_segments(p, walk)
    align = alignment(ppr, pstyle, walk)
    indent = first_line_indent(ppr, pstyle, walk)
    name = walk.styles.name(pstyle)
    where = f"¶ {walk.paragraph}"
    for k, seg in enumerate(segments):
        raw = seg.text
        lead = LEAD_SPACES_RE.match(raw)
        text = raw.strip(EDGE_SPACES)
        if not text.strip():
            walk.lines.append(("", None, where))
            continue
        visible = [b for ch, b in zip(raw, seg.bold) if not ch.isspace()]
        line = SourceLine(0, text, indented=(indent or bool(lead)) and k == 0, align=align,
                          bold=bool(visible) and all(visible),
                          size=max(seg.sizes) if seg.sizes else None, style=name, page=seg.page)
        walk.lines.append((text, line, f"{where}, p. {seg.page}" if walk.page > 1 else where))
    for extra in after:
        if isinstance(extra, str):
            walk.lines.append((extra, SourceLine(0, extra, page=walk.page), where))
        elif etree.QName(extra).localname == "p":
            add_paragraph(extra, walk)
        elif etree.QName(extra).localname == "tbl":
            add_table(extra, walk)


# --------------------------------------------------------------------------- tables

def cell_text(tc, walk: Walk) -> str:
    """The text of a ``w:tc``: its paragraphs and line breaks (and nested tables) one
    line each, as the cell prints them (a list of 责任单位 stays a list)."""
    parts = []
    for p in tc.iter(w("p")):
        segments, after, _ = paragraph_segments(p, walk)
        parts += [s.text.strip(EDGE_SPACES) for s in segments]
        parts += [a for a in after if isinstance(a, str)]
    return "\n".join(part for part in parts if part.strip())


def table_of(tbl, walk: Walk) -> Table:
    """A :class:`Table` with spans from a ``w:tbl`` (module doc)."""
    header_rows = 0
    open_cells: dict[int, tuple[int, int]] = {}  # grid column → (row, index in row)
    rows: list[list[Cell]] = []
    for r, tr in enumerate(tbl.findall(w("tr"))):
        trpr = tr.find(w("trPr"))
        if trpr is not None and trpr.find(w("tblHeader")) is not None and header_rows == r:
            header_rows += 1
        before = trpr.find(w("gridBefore")) if trpr is not None else None
        col = int(before.get(w("val"), "0")) if before is not None else 0
        row: list[Cell] = [Cell("") for _ in range(col)]
        for tc in tr.findall(w("tc")):
            tcpr = tc.find(w("tcPr"))
            span_el = tcpr.find(w("gridSpan")) if tcpr is not None else None
            span = int(span_el.get(w("val"), "1")) if span_el is not None else 1
            merge = tcpr.find(w("vMerge")) if tcpr is not None else None
            if merge is not None and merge.get(w("val"), "continue") == "continue" \
                    and col in open_cells:
                top_r, index = open_cells[col]
                cell = rows[top_r][index]
                rows[top_r][index] = Cell(cell.text, cell.rowspan + 1, cell.colspan)
                extra = cell_text(tc, walk)
                if extra:
                    rows[top_r][index] = Cell(rows[top_r][index].text + extra,
                                              rows[top_r][index].rowspan, cell.colspan)
            else:
                row.append(Cell(cell_text(tc, walk), 1, span))
                if merge is not None:
                    open_cells[col] = (r, len(row) - 1)
                else:
                    open_cells.pop(col, None)
            col += span
        rows.append(row)
    from .ocr_tables import fill_grid
    walk.tables += 1
    filled = fill_grid(rows, None, walk.report)
    if header_rows or not filled:
        head = header_rows
    elif first_row_is_data(filled):  # no header row marked, and the first row is data
        walk.report.normalize(None, f"table {walk.tables}: no header row (the first row is "
                                    "shaped as the rows under it)")
        head = 0
    else:
        head = max((c.rowspan for c in filled[0]), default=1)
    return Table(caption="", header_rows=tuple(filled[:head]), rows=tuple(filled[head:]))


def has_borders(tbl, walk: Walk) -> bool:
    """Does the table draw any border (its own, its style's, or a cell's)?"""
    tblpr = tbl.find(w("tblPr"))
    found = []
    if tblpr is not None and tblpr.find(w("tblBorders")) is not None:
        found.append(tblpr.find(w("tblBorders")))
    else:
        style = tblpr.find(w("tblStyle")) if tblpr is not None else None
        for st in walk.styles.chain(style.get(w("val")) if style is not None else None):
            borders = st.find(f"{w('tblPr')}/{w('tblBorders')}")
            if borders is not None:
                found.append(borders)
                break
    found += list(tbl.iter(w("tcBorders")))
    return any(side.get(w("val"), "nil") not in NO_BORDER for group in found for side in group)


def row_texts(tbl, walk: Walk) -> list[str]:
    """Each row of a ``w:tbl`` as one line: its cells' text parted by a full-width
    space, as the row reads on paper."""
    texts = []
    for tr in tbl.findall(w("tr")):
        cells = [cell_text(tc, walk).replace("\n", "") for tc in tr.findall(w("tc"))]
        texts.append("\u3000".join(c for c in cells if c.strip()))
    return texts


def add_table(tbl, walk: Walk) -> None:
    plain = ["".join(t.text or "" for t in tr.iter(w("t"))) for tr in tbl.findall(w("tr"))]
    if is_imprint(plain):
        # the 版记 drawn as a table (its rules are the table's borders): each row is a
        # line of text (抄送：… / 某某办公室　2024年5月21日印发), as on paper
        walk.report.normalize(None, f"¶ {walk.paragraph}: a table holding the 版记 (抄送, "
                                    "印发) read as lines, one a row")
        for text in row_texts(tbl, walk):
            if text.strip():
                walk.lines.append((text, SourceLine(0, text, page=walk.page),
                                   f"¶ {walk.paragraph}"))
        return
    if not has_borders(tbl, walk):
        # a table without borders lays text out (a joint 落款 side by side, a 版头 with
        # the organs left of 文件): its cells' paragraphs are read as lines, row by row
        walk.report.normalize(None, f"¶ {walk.paragraph}: a table without borders read as "
                                    "lines (layout, not data)")
        for tc in tbl.iter(w("tc")):
            for child in tc:
                if etree.QName(child).localname == "p":
                    add_paragraph(child, walk)
                elif etree.QName(child).localname == "tbl":
                    add_table(child, walk)
        return
    table = table_of(tbl, walk)
    if not table.header_rows and not table.rows:
        return
    line = SourceLine(0, "", table=table, page=walk.page)
    walk.lines.append(("", line, f"table {walk.tables}"))


# --------------------------------------------------------------------------- the body

def add_block(element, walk: Walk) -> None:
    """Read a body paragraph or table; one whose markup python-docx or this reader cannot
    make sense of (a bad attribute value …) is read as its plain text, and reported."""
    tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
    if tag not in ("p", "tbl"):
        return
    mark = len(walk.lines)
    try:
        (add_paragraph if tag == "p" else add_table)(element, walk)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        del walk.lines[mark:]
        where = f"¶ {walk.paragraph}" if tag == "p" else f"table {walk.tables + 1}"
        walk.report.uncertain(None, f"{where}: unreadable markup ({type(exc).__name__}: {exc}); "
                                    "read as plain text")
        rows = element.findall(w("tr")) if tag == "tbl" else [element]
        for row in rows:
            text = " ".join("".join(t.text or "" for t in part.iter(w("t")))
                            for part in (row.findall(w("tc")) if tag == "tbl" else [row]))
            text = text.strip(EDGE_SPACES)
            walk.lines.append((text, SourceLine(0, text, page=walk.page) if text.strip()
                               else None, where))


def footnotes_of(document, reltype: str = FOOTNOTES_REL, tag: str = "footnote") -> dict[str, str]:
    """Footnote (or endnote) id → its text (separators and continuation notes left out)."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            try:
                root = etree.fromstring(rel.target_part.blob)
            except (etree.XMLSyntaxError, AttributeError, ValueError):
                return {}
            return {note.get(w("id")): "".join(t.text or "" for t in note.iter(w("t"))).strip()
                    for note in root.findall(w(tag))
                    if note.get(w("type")) in (None, "normal")}
    return {}


def numbering_of(document) -> Numbering:
    for rel in document.part.rels.values():
        if rel.reltype == NUMBERING_REL and not rel.is_external:
            try:
                return Numbering.of(rel.target_part.element)
            except AttributeError:  # a part python-docx did not parse
                return Numbering.of(etree.fromstring(rel.target_part.blob))
    return Numbering()


def read_body(element, document, walk: Walk) -> None:
    """Read the blocks of a body in order, through content controls and custom XML
    around them; an imported chunk (``w:altChunk``) is read from its part
    (:mod:`.docx_chunks`)."""
    for child in element:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag == "sdt":  # a content control around body paragraphs and tables
            content = child.find(w("sdtContent"))
            if content is not None:
                read_body(content, document, walk)
        elif tag == "customXml":
            read_body(child, document, walk)
        elif tag == "altChunk":
            where = f"¶ {walk.paragraph}"
            for text in chunk_lines(document, child.get(f"{{{R}}}id", ""), walk.report, where):
                walk.lines.append((text, SourceLine(0, text, page=walk.page), where))
        else:
            add_block(child, walk)


def extract_docx(data: bytes, path: str, report: ReportBuilder) -> Extracted:
    """The lines and text of the .docx ``data`` (file ``path``); see the module doc."""
    document = open_docx(data, path, report)
    walk = Walk(Styles.of(document), numbering_of(document), footnotes_of(document), report, path,
                endnotes=footnotes_of(document, ENDNOTES_REL, "endnote"))
    read_body(document.element.body, document, walk)
    text_lines, lines, locations = [], [], {}
    for text, line, where in walk.lines:
        no = len(text_lines) + 1
        rows = line.full_text.split("\n") if line is not None and line.table is not None \
            else [text]
        for k in range(len(rows)):
            locations[no + k] = where
        text_lines += rows
        if line is not None:
            lines.append(SourceLine(no, line.text, line.table, line.indented, line.align,
                                    line.bold, line.size, line.style, line.page))
    if not lines:
        report.uncertain(None, "the document body holds no text")
    return Extracted(tuple(lines), "\n".join(text_lines), locations)
