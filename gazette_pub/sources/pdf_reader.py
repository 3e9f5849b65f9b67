"""A PDF with a text layer → the lines the text readers read (pypdfium2, pdfplumber).

Contract: :func:`extract_pdf` reads the file's characters with pypdfium2
(:mod:`.pdf_chars`) and the pages that draw ruling lines also with pdfplumber, for
their tables (a damaged or encrypted file is refused with a :class:`SourceError`; so is a PDF whose pages carry images
but fewer than :data:`TEXT_MIN_PER_PAGE` characters a page: a scan, which needs OCR)
and returns an :class:`Extracted`:

1. each page's characters become lines in reading order (:mod:`.pdf_lines`: one
   or two columns), its ruled tables :class:`Table` objects with their merged cells
   (:mod:`.pdf_tables`), placed where they stand;
2. page furniture goes to the report as discarded: a page number (a line of only a
   number, ``— 3 —``, ``第3页``) in the top or bottom :data:`FURNITURE_ZONE` of a
   page, and running heads — a line in those zones printed (digits aside) on at least
   :data:`RUNNING_SHARE` of the pages and on two at least;
3. a table laid out without rules comes out as lines whose cells are set off by
   spaces and is read as ``pdftotext -layout`` text is (:mod:`.layout`);
4. lines are joined into paragraphs by their geometry: a line that reaches its
   column's right edge goes on in the next line when that one has the same size and
   starts at the column's left edge (no first-line indent), in the same column, the
   next column or the next page (those joins are reported with both pages); a line
   ending in a TOC leader and page number, a table row, and a line followed by a gap
   of more than :data:`PARAGRAPH_GAP` lines end their paragraph;
5. each paragraph is a :class:`SourceLine` numbered by its first line of the
   extracted text, with its evidence: ``align`` (centred, right-aligned, justified),
   ``bold`` (every character in a bold face), ``size`` (the largest, points),
   ``page`` and ``indented``.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import replace

from ..errors import SourceError
from .extracted import Extracted
from .layout import tabulate_space_columns
from .pdf_chars import IMAGE_OBJECT, PATH_OBJECT, count_objects, page_chars, split_rotated
from .pdf_lines import (INDENT_MIN, PdfLine, Placed, body_size, find_gutter, hanging_wrap, in_type_area,
                        page_lines, type_area)
from .pdf_continued import continued_table, split_row_start
from .pdf_tables import drawn_only, ruled_tables
from .report import ReportBuilder
from .lines import SourceLine, squash

logger = logging.getLogger(__name__)

#: A PDF with fewer characters than this per page, and images, is a scan.
TEXT_MIN_PER_PAGE = 20
#: Share of the page height at the top and at the bottom where furniture stands.
FURNITURE_ZONE = 0.1
#: Share of the page height at the top and at the bottom where a page number stands: a
#: 公文's — 1 — is set 7 mm under the type area (GB/T 9704-2012 7.5), some 30 mm above
#: the paper's edge, just outside FURNITURE_ZONE.
PAGE_NUMBER_ZONE = 0.14
#: Share of the pages a running head is printed on (digits aside).
RUNNING_SHARE = 0.25
#: A vertical gap (in lines of the text's size) that ends a paragraph.
PARAGRAPH_GAP = 1.5

#: A page number alone: 3 / — 3 — / ·3· / 第3页 / 第3页 共60页 / 3/60.
PAGE_NUMBER_RE = re.compile(
    r"""
    [-—–－﹣·•\s]* \d{1,4} [-—–－﹣·•\s]*                  # 3 / - 3 - / — 3 — / ·3·
  | 第 \s* \d{1,4} \s* 页 (?: \s* [,，]? \s* 共 \s* \d{1,4} \s* 页 )?   # 第3页 共60页
  | \d{1,4} \s* / \s* \d{1,4}                             # 3/60
    """,
    re.X,
)
#: A TOC entry's end: leader dots and the page number, maybe in brackets.
LEADER_END_RE = re.compile(
    r"""
    (?: \.{3,} | …+ | ·{3,} | ．{3,} ) \s* [(（]? \s* \d{1,4} \s* [)）]? $
    """,
    re.X,
)
#: The report's reason for a page number.
PAGE_NUMBER = "page furniture: page number"
#: Digits, stripped from a line before it is compared with the lines of other pages.
DIGITS_RE = re.compile(r"\d+")
#: The wide gap between two parts of a margin line (a head's title and its issue line).
PARTS_RE = re.compile(
    r"""
    \s{2,}    # merged segments are set off by two spaces at least
    """,
    re.X,
)


def _open(data: bytes, path: str):
    """The pypdfium2 document of ``data``; SourceError for a damaged or encrypted file."""
    import pypdfium2
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise SourceError("the PDF is encrypted (password protected): save an unprotected "
                              "copy and import that", path=path) from exc
        raise SourceError(f"cannot read the PDF ({exc}); it may be damaged — export it again",
                          path=path) from exc


class TablePages:
    """pdfplumber pages, opened only for the pages that draw ruling lines (tables)."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pdf = data, None

    def page(self, number: int):
        if self.pdf is None:
            import pdfplumber
            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        return self.pdf.pages[number - 1]

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def furniture_keys(pages: list[list[PdfLine]], heights: list[float]) -> set[str]:
    """Keys (squashed text, digits as #) of lines, and of the parts of lines, repeated in
    the page margins (a head's parts are one line on some pages and two on others)."""
    seen: dict[str, set[int]] = {}
    for lines, height in zip(pages, heights):
        for line in lines:
            if in_margin(line, height):
                for key in {furniture_key(line.text), *part_keys(line.text)}:
                    seen.setdefault(key, set()).add(line.page)
    needed = max(2, RUNNING_SHARE * len(pages))
    return {key for key, where in seen.items() if key and len(where) >= needed}


def furniture_key(text: str) -> str:
    return DIGITS_RE.sub("#", squash(text))


def part_keys(text: str) -> list[str]:
    """The keys of the parts of a line set apart by wide gaps (two spaces or more)."""
    return [furniture_key(part) for part in PARTS_RE.split(text.strip()) if part]


def in_margin(line: PdfLine, height: float, zone: float = FURNITURE_ZONE) -> bool:
    return line.bottom <= zone * height or line.top >= (1 - zone) * height


def furniture_reason(line: PdfLine, height: float, keys: set[str]) -> str | None:
    """Why ``line`` would be page furniture where it stands, or None (see
    :func:`page_furniture` for where furniture can stand: a page number in the wider
    :data:`PAGE_NUMBER_ZONE` is taken only with nothing beyond it)."""
    if line.table is not None or not in_margin(line, height, PAGE_NUMBER_ZONE):
        return None
    if PAGE_NUMBER_RE.fullmatch(line.text.strip()):
        return PAGE_NUMBER
    if not in_margin(line, height):
        return None
    if not any(ch.isalpha() for ch in line.text):
        return None  # figures only: a table's row, not a head
    if furniture_key(line.text) in keys or all(k in keys for k in part_keys(line.text)):
        return "page furniture: running head (repeated on the pages)"
    return None


def page_furniture(lines: list[PdfLine], height: float, keys: set[str]) -> dict[int, str]:
    """The furniture reason of each furniture line of a page, by its index in ``lines``.

    Furniture stands between the page's edge and its body: the printed rows are taken
    from the top edge down (and from the bottom edge up) while every line of the row
    is furniture (:func:`furniture_reason`), one page number at most; the first row that is not — a table's
    header, a row of figures, a line of text — ends the walk, so nothing under it
    (a figure in a table's last row, a header printed again) is ever taken for a page
    number or a running head."""
    rows: dict[tuple, list[int]] = {}
    for i, line in enumerate(lines):
        rows.setdefault(("table", i) if line.table is not None else line.row, []).append(i)
    groups = list(rows.values())
    reasons = {i: furniture_reason(line, height, keys) for i, line in enumerate(lines)}
    out: dict[int, str] = {}
    for order in (sorted(groups, key=lambda g: min(lines[i].top for i in g)),
                  sorted(groups, key=lambda g: -max(lines[i].bottom for i in g))):
        numbered = False
        for group in order:
            numbers = any(reasons[i] == PAGE_NUMBER for i in group)
            if not all(reasons[i] for i in group) or (numbers and numbered):
                break  # a second number at one edge is a figure of the body
            numbered |= numbers
            out.update((i, reasons[i]) for i in group)
    return out


def body_box(lines: list[PdfLine], page, keys: set[str]) -> tuple[float, float, float, float]:
    """The page without its furniture (for the table finder)."""
    top, bottom = 0.0, float(page.height)
    for i in page_furniture(lines, page.height, keys):
        line = lines[i]
        if line.bottom <= FURNITURE_ZONE * page.height:
            top = max(top, line.bottom + 0.5)
        else:
            bottom = min(bottom, line.top - 0.5)
    return (0.0, top, float(page.width), bottom)


def _outside(char: dict, boxes: list[tuple]) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def read_page(page, number: int, chars: list[dict], first_pass: list[PdfLine],
              keys: set[str]) -> list[PdfLine]:
    """A page's lines with its ruled tables (found on the pdfplumber ``page``) in place
    (module doc, 1)."""
    if len(drawn_only(page).edges) < 4:
        return first_pass
    tables = ruled_tables(page, body_box(first_pass, page, keys))
    if not tables:
        return first_pass
    cells = [cell for _, _, table_cells in tables for cell in table_cells]
    rest = [c for c in chars if _outside(c, cells)]  # text in no cell stays text
    extra = [PdfLine(page=number, text="", x0=b[0], x1=b[2], top=b[1], bottom=b[3], size=0.0,
                     bold=False, row=-1 - i, table=t) for i, (b, t, _) in enumerate(tables)]
    return page_lines(rest, number, float(page.width), extra,
                      find_gutter(first_pass, float(page.width)))


def check_text_layer(chars: int, images: int, pages: int, path: str) -> None:
    """Refuse a scan (module doc)."""
    if chars >= TEXT_MIN_PER_PAGE * pages:
        return
    if images:
        raise SourceError(f"the PDF has no text layer ({chars} characters on {pages} page(s), "
                          f"{images} image(s)): it is a scan; OCR is not part of the importer — "
                          "OCR it and import the OCR Markdown, or ask for the original file",
                          path=path)
    if not chars:
        raise SourceError("the PDF holds no text", path=path)


def physical_lines(doc, tables: TablePages, path: str,
                   report: ReportBuilder) -> list[tuple[PdfLine, str | None]]:
    """Every line of the PDF in reading order with its furniture reason (or None)."""
    pages = [doc[i] for i in range(len(doc))]
    chars, turned = zip(*[split_rotated(page_chars(p)) for p in pages]) if pages else ((), ())
    widths = [float(p.get_width()) for p in pages]
    heights = [float(p.get_height()) for p in pages]
    first = [page_lines(c, n, w) for n, (c, w) in enumerate(zip(chars, widths), start=1)]
    images = [count_objects(p, IMAGE_OBJECT) for p in pages]
    check_text_layer(sum(len(ln.text) for page in first for ln in page), sum(images),
                     len(pages), path)
    keys = furniture_keys(first, heights)
    area = type_area(first, widths)
    out = []
    for n, (page, lines) in enumerate(zip(pages, first), start=1):
        if images[n - 1]:
            report.uncertain(None, f"page {n}: {images[n - 1]} image(s) skipped (a seal, "
                                   "a QR code or a figure: only text is imported)")
        if not lines:
            report.uncertain(None, f"page {n} has no text")
        if count_objects(page, PATH_OBJECT) >= 4:  # ruling lines: maybe a table
            lines = read_page(tables.page(n), n, chars[n - 1], lines, keys)
        lines = in_type_area(lines, widths[n - 1], area)
        ring = page_lines(turned[n - 1], n, widths[n - 1])
        furniture = page_furniture(lines, heights[n - 1], keys)
        out += [(line, furniture.get(i) or seal_centre(line, ring))
                for i, line in enumerate(lines)]
        out += [(line, "text drawn turned from the page's direction (a seal's ring of "
                       "characters), not the document's text") for line in ring]
    return out


#: A seal's centre mark: stars or circles only.
SEAL_MARK_RE = re.compile(
    r"""
    [★☆✩✪✫✬✭✮✯●○◎\s]+    # the star (or circle) in the middle of a seal
    """,
    re.X,
)


def seal_centre(line: PdfLine, ring: list[PdfLine]) -> str | None:
    """The reason to discard ``line`` when it is the star in the middle of a seal whose
    ring of characters ``ring`` surrounds it; else None."""
    if not ring or line.table is not None or not SEAL_MARK_RE.fullmatch(line.text):
        return None
    x0, x1 = min(r.x0 for r in ring), max(r.x1 for r in ring)
    top, bottom = min(r.top for r in ring), max(r.bottom for r in ring)
    inside = x0 <= line.x0 and line.x1 <= x1 and top <= line.top and line.bottom <= bottom + line.size
    return "the mark in the middle of a seal (inside its ring of characters)" if inside else None


def _text_rows(line: PdfLine) -> list[str]:
    if line.table is None:
        return [line.text]
    return SourceLine(0, "", table=line.table).full_text.split("\n")


def number_lines(lines: list[tuple[PdfLine, str | None]], report: ReportBuilder):
    """(placed lines with their furniture reason, extracted text, locations)."""
    placed, text_lines, locations = [], [], {}
    for line, reason in lines:
        no = len(text_lines) + 1
        rows = _text_rows(line)
        for k in range(len(rows)):
            locations[no + k] = f"p. {line.page}"
        text_lines += rows
        placed.append((Placed(line, no, rows[0] if line.table is None else ""), reason))
    return placed, text_lines, locations


#: A Latin word or number at the start of a line (moved down whole when it did not fit).
LEADING_WORD_RE = re.compile(
    r"""
    [A-Za-z0-9][A-Za-z0-9.,%\-]*    # and, 2021, 12.5%
    """,
    re.X,
)


def word_wrapped(a: PdfLine, following: str) -> bool:
    """Does ``a`` stop short only because the Latin word starting ``following`` did not
    fit in the rest of the line (half a character a letter, a character of slack)?"""
    word = LEADING_WORD_RE.match(following)
    return bool(word) and a.right - a.x1 < (len(word[0]) / 2 + 1.5) * a.size


def goes_on(prev: Placed, line: Placed) -> bool:
    """Does ``line`` continue the paragraph whose last line is ``prev`` (module doc, 4)?"""
    a, b = prev.line, line.line
    if a.table is not None or b.table is not None or "\t" in prev.text or "\t" in line.text:
        return False
    if abs(a.size - b.size) > 0.5 or not (a.fills or word_wrapped(a, line.text)) \
            or LEADER_END_RE.search(prev.text):
        return False
    if b.indent >= INDENT_MIN or b.align in ("center", "right"):
        return False
    if a.page == b.page and a.column == b.column:
        return b.top - a.bottom <= PARAGRAPH_GAP * a.size
    return True


def _joined(parts: list[Placed]) -> str:
    text = parts[0].text
    for part in parts[1:]:
        if text[-1:].isascii() and text[-1:].isalnum() and part.text[:1].isascii() \
                and part.text[:1].isalnum():
            text += " "
        text += part.text
    return text


def paragraph_line(parts: list[Placed]) -> SourceLine:
    """One SourceLine for the physical lines of a paragraph (module doc, 5)."""
    first = parts[0].line
    if first.table is not None:
        return SourceLine(parts[0].no, "", table=first.table, page=first.page)
    aligns = {p.line.align for p in parts}
    align = first.align if len(parts) == 1 else (
        "center" if parts[-1].line.align == "center" else "justify" if "justify" in aligns
        else first.align)
    return SourceLine(parts[0].no, _joined(parts).strip(),
                      indented=first.indent >= INDENT_MIN and align == "left" or
                      (first.indent >= INDENT_MIN and align == "justify"),
                      align=align, bold=all(p.line.bold for p in parts),
                      size=max(p.line.size for p in parts), page=first.page)


def title_wrap(a: PdfLine, b: PdfLine, body: float) -> bool:
    """Are ``a`` and ``b`` two lines of one centred heading or caption (set in another
    size than the body)?"""
    return (b.align == "center"
            and abs(a.size - b.size) <= 0.5 and abs(a.size - body) > 0.5
            and a.page == b.page and a.column == b.column
            and b.top - a.bottom <= PARAGRAPH_GAP * a.size)


def is_caption(lines: list[Placed], table: PdfLine, body: float) -> bool:
    """Are ``lines`` a caption: centred over ``table`` and right above it (within a line),
    not set larger than the body? A larger line is a title (a document's whose text is
    the table): it stays a line, and the importer decides (sources/enclosed.py)."""
    last = lines[-1].line
    if last.page != table.page or last.column != table.column or last.size <= 0:
        return False
    if any(p.line.size > body + 0.5 for p in lines):
        return False
    middle = (table.x0 + table.x1) / 2
    return (all(abs((p.line.x0 + p.line.x1) / 2 - middle) < p.line.size for p in lines)
            and 0 <= table.top - last.bottom <= 1.5 * last.size)


def paragraphs(placed: list[tuple[Placed, str | None]], report: ReportBuilder) -> list[SourceLine]:
    """Furniture discarded, the rest joined into paragraphs (module doc, 2 and 4)."""
    out: list[SourceLine] = []
    current: list[Placed] = []
    last_table: Placed | None = None  # the table out[-1] holds, if any
    body = body_size([p.line for p, reason in placed if not reason and p.line.table is None])
    for item, reason in placed:
        if reason:
            report.discard([SourceLine(item.no, item.text)], reason)
            continue
        if current and (goes_on(current[-1], item) or title_wrap(current[-1].line, item.line, body)
                        or hanging_wrap(current[0].line, current[-1].line, item.line)):
            before = current[-1].line
            if (before.page, before.column) != (item.line.page, item.line.column):
                report.join(current[-1].no, f"joined line {current[-1].no} (p. {before.page}) "
                                            f"with line {item.no} (p. {item.line.page}): the "
                                            "line fills its column and the next is not indented")
            current.append(item)
            continue
        if current and item.line.table is not None and is_caption(current, item.line, body):
            report.normalize(current[0].no, f"line {current[0].no} centred right above the "
                                            f"table at line {item.no}: its caption")
            item = replace(item, line=replace(item.line, table=replace(
                item.line.table, caption=_joined(current).strip())))
            current = []
        if current and item.line.table is not None and last_table is not None \
                and (filled := split_row_start(current, last_table.line, item.line)):
            report.join(current[0].no, f"line(s) {current[0].no}-{current[-1].no} under the "
                                       f"table at line {last_table.no} (p. {last_table.line.page})"
                                       f": the start of a row the page break split, put in its "
                                       f"cells on p. {item.line.page}")
            item = replace(item, line=replace(item.line, table=filled))
            current = []
        if current:
            out.append(paragraph_line(current))
            current, last_table = [], None
        if item.line.table is not None and last_table is not None \
                and (last_table.line.page, last_table.line.column) \
                != (item.line.page, item.line.column) \
                and item.line.table.n_cols == out[-1].table.n_cols:
            out[-1] = continued_table(out[-1], item, report)
            last_table = item
            continue
        if item.line.table is not None:
            out.append(paragraph_line([item]))
            last_table = item
            continue
        current = [item]
    if current:
        out.append(paragraph_line(current))
    return out


def extract_pdf(data: bytes, path: str, report: ReportBuilder) -> Extracted:
    """The lines and text of the PDF ``data`` (file ``path``); see the module doc."""
    doc = _open(data, path)
    tables = TablePages(data)
    try:
        lines = physical_lines(doc, tables, path, report)
    except SourceError:
        raise
    except Exception as exc:  # PDFium or pdfminer on a damaged page, table or font
        raise SourceError(f"cannot read the PDF ({type(exc).__name__}: {exc}); it may be "
                          "damaged — export it again", path=path) from exc
    finally:
        tables.close()
        doc.close()
    placed, text_lines, locations = number_lines(lines, report)
    tabulated = tabulate_space_columns("\n".join(text_lines), report).split("\n")
    placed = [(replace(p, text=tabulated[p.no - 1] if p.line.table is None else ""), reason)
              for p, reason in placed]
    return Extracted(tuple(paragraphs(placed, report)), "\n".join(text_lines), locations)
