"""Metamorphic tests of the OCR Markdown and web-page readers.

The seed issues are rewritten as OCR/layout tools print them (:class:`OcrStyle`:
unreliable ``#`` levels, bold, hard breaks, pipe or HTML tables with spans or
cut per page, page markers and running heads, the TOC or the colophon as tables,
a cover image); each rewrite, and each of its documents alone, must still meet
the seed's hand-checked expectations, explain every CJK character and leave no
markup in the manifest. The scraped web notice is wrapped in other sites' chrome
and metadata forms (:class:`SitePage`); each variant must give the document the
seed page gives, and report every chrome line it added.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from gazette_pub.audit import audit, issue_texts
from gazette_pub.model import Paragraph, Table
from gazette_pub.sources import import_source
from gazette_pub.sources.doc_number import normalize_doc_number

from .conftest import SEEDS, assert_fields_match
from .test_import_seeds import ISSUES, doc_comparisons, issue_comparisons, seed_expectations

# --------------------------------------------------------------------------- OCR Markdown


@dataclass(frozen=True)
class OcrStyle:
    """How the OCR tool printed an issue."""

    name: str
    #: "pipe", "html" (one row a line, <thead>/<th>) or "html-inline" (a whole table on
    #: one line in <html><body>, every cell a <td>, as layout tools print it).
    tables: str
    #: Tables cut at each page where the seed repeats the header (a table per page).
    split_tables: bool
    #: Level-one headings (一、) as ``##`` headings (else bold when ``hard_breaks``).
    item_headings: bool
    #: Page markers: "comment" (``<!-- page N -->``), "number" (the bare page number),
    #: "separator" (``{N}`` and a dashed rule, as paginated converter output) or "none"
    #: (a blank line where the page broke, page numbers dropped as layout tools do).
    page_marks: str
    #: Lines end with two spaces and no blank line between paragraphs.
    hard_breaks: bool
    #: TOC section headings (【…】) as ``#`` headings (else bold).
    section_headings: bool
    #: The TOC as a table: "" (not), "three-column" (title | 文号 | page) or
    #: "two-column" (the 文号 under the title in its cell | page).
    toc_table: str = ""
    #: The colophon on the back cover, after a 本刊简介.
    back_matter: bool = False
    #: A running head (gazette name, issue) under each page marker inside a document.
    running_heads: bool = False
    #: Document titles bold inside their heading marks (one bold run over all the lines
    #: of a title, as tools print a bold paragraph).
    bold_titles: bool = False
    #: Long table cells broken with ``<br>``.
    cell_breaks: bool = False
    #: Pipe rows start and end with a pipe (GFM allows leaving them out).
    outer_pipes: bool = True
    #: Pipe tables repeat a merged cell's text in every slot it covers (a group row as
    #: its label in each column), as some converters print spans.
    repeat_spans: bool = False
    #: Paragraphs indented with two ideographic spaces.
    indents: bool = False
    #: Document titles as setext headings (the title on one line, ``===`` or ``---`` under
    #: it) instead of ``#`` marks.
    setext_titles: bool = False
    #: The 落款 and date in one right-aligned HTML paragraph, lines broken with <br>.
    html_signatures: bool = False
    #: Each section's title printed as a ``#`` banner above its first document.
    section_banners: bool = False
    #: The colophon as a two-column table (label | value), as a ruled box comes out.
    colophon_table: bool = False
    #: An image (the red masthead) above each document title.
    masthead_images: bool = False
    #: Numbered items escaped as Markdown would (``1\\.``), so as not to be read as lists.
    escapes: bool = False


OCR_STYLES = [
    OcrStyle("pipe-tables", tables="pipe", split_tables=False, item_headings=False,
             page_marks="separator", hard_breaks=False, section_headings=True,
             repeat_spans=True),
    OcrStyle("html-tables", tables="html", split_tables=False, item_headings=False,
             page_marks="number", hard_breaks=True, section_headings=False, escapes=True,
             setext_titles=True),
    OcrStyle("layout-tool", tables="html-inline", split_tables=True, item_headings=True,
             page_marks="none", hard_breaks=False, section_headings=True),
    OcrStyle("pipe-pages", tables="pipe", split_tables=True, item_headings=False,
             page_marks="comment", hard_breaks=True, section_headings=False, cell_breaks=True,
             indents=True, html_signatures=True, outer_pipes=False),
    OcrStyle("scanned-back-cover", tables="html", split_tables=True, item_headings=True,
             page_marks="number", hard_breaks=False, section_headings=True, toc_table="three-column",
             back_matter=True, running_heads=True, bold_titles=True, cell_breaks=True,
             colophon_table=True),
    OcrStyle("boxed-colophon", tables="html-inline", split_tables=False, item_headings=False,
             page_marks="comment", hard_breaks=False, section_headings=False,
             colophon_table=True, masthead_images=True, section_banners=True,
             toc_table="two-column"),
]

#: A 一、 heading (printed bold by some OCR tools).
LEVEL_ONE_RE = re.compile(r"[一二三四五六七八九十]+、\S{1,30}")
#: A TOC section heading: 【市政府文件】.
SECTION_RE = re.compile(r"【[^】]+】")
#: A numbered item: 1.确保… (Markdown escapes its dot).
NUMBERED_ITEM_RE = re.compile(r"^(\d{1,2})\.(?=\S)")
#: Lines longer than this are paragraphs (indented in the styles that indent).
INDENT_MIN = 30
#: A page number alone (page furniture): 12, - 12 -.
PAGE_NUMBER_RE = re.compile(r"[-—·\s]*\d{1,3}[-—·\s]*")
#: The TOC header line.
TOC_HEADER_RE = re.compile(r"目\s*[录次]")


def _grid(table: Table, repeat_spans: bool) -> list[list[str]]:
    """Every row of ``table`` as ``n_cols`` texts: a spanned cell's text in its first
    slot, or in every slot it covers (``repeat_spans``)."""
    rows = table.header_rows + table.rows
    grid = [[""] * table.n_cols for _ in rows]
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            covered = {(r + dr, col + dc) for dr in range(cell.rowspan)
                       for dc in range(cell.colspan)}
            for rr, cc in covered if repeat_spans else {(r, col)}:
                grid[rr][cc] = cell.text
            taken |= covered
            col += cell.colspan
    return grid


#: Cells longer than this are broken with ``<br>`` in the styles that break cells.
CELL_BREAK_AT = 12


def broken_cell(text: str) -> str:
    """A long cell as a tool prints it, a ``<br>`` at each :data:`CELL_BREAK_AT` characters."""
    return "<br>".join(text[i:i + CELL_BREAK_AT] for i in range(0, len(text), CELL_BREAK_AT))


def pipe_table(table: Table, style: OcrStyle) -> list[str]:
    """A pipe table: header rows merged into one (as OCR tools do), spans left empty or
    their text repeated in each slot."""
    grid = [[(broken_cell(text) if style.cell_breaks else text).replace("|", "\\|")
             for text in row] for row in _grid(table, style.repeat_spans)]
    n_head = len(table.header_rows)
    header = [" ".join(dict.fromkeys(filter(None, column))) for column in zip(*grid[:n_head])]
    rows = [header, ["---"] * len(header)] + grid[n_head:]
    # without outer pipes an empty first or last cell cannot be written (GFM)
    if style.outer_pipes or any(not row[0] or not row[-1] for row in rows):
        return ["| " + " | ".join(row) + " |" for row in rows]
    return [" | ".join(row) for row in rows]


def _html_row(row, tag: str, cell_breaks: bool = False) -> str:
    cells = []
    for cell in row:
        spans = "".join(f' {name}="{n}"' for name, n in (("rowspan", cell.rowspan),
                                                          ("colspan", cell.colspan)) if n > 1)
        text = html.escape(cell.text)
        cells.append(f"<{tag}{spans}>{broken_cell(text) if cell_breaks else text}</{tag}>")
    return "<tr>" + "".join(cells) + "</tr>"


def html_table(table: Table, style: OcrStyle) -> list[str]:
    """An HTML table over several lines, spans as rowspan/colspan, header rows in <thead>."""
    breaks = style.cell_breaks
    return (["<table>", "<thead>"] + [_html_row(r, "th", breaks) for r in table.header_rows]
            + ["</thead>", "<tbody>"] + [_html_row(r, "td", breaks) for r in table.rows]
            + ["</tbody>", "</table>"])


def inline_html_table(table: Table, style: OcrStyle) -> list[str]:
    """A whole HTML table on one line, every cell a <td> (no <thead>)."""
    rows = "".join(_html_row(r, "td", style.cell_breaks)
                   for r in table.header_rows + table.rows)
    return [f"<html><body><table>{rows}</table></body></html>"]


TABLE_WRITERS = {"pipe": pipe_table, "html": html_table, "html-inline": inline_html_table}


def _spans_cut(table: Table, at: int) -> bool:
    """Would cutting the body rows of ``table`` before row ``at`` cut a row span?"""
    return any(r + cell.rowspan > at for r, row in enumerate(table.rows[:at]) for cell in row)


def page_pieces(table: Table, pieces: int) -> list[Table]:
    """``table`` cut into about ``pieces`` tables, each with the header (a page each);
    cuts move down to the next row that no span crosses."""
    cuts, n = [], len(table.rows)
    for k in range(1, pieces):
        at = next((i for i in range(n * k // pieces, n) if not _spans_cut(table, i)), n)
        if 0 < at < n and (not cuts or at > cuts[-1]):
            cuts.append(at)
    bounds = [0] + cuts + [n]
    return [dataclasses.replace(table, rows=table.rows[a:b]) for a, b in zip(bounds, bounds[1:])]


@dataclass
class SeedIssue:
    """A seed issue: its text lines (1-based), its expectations and its tables."""

    lines: list[str]
    expected: dict
    tables: dict[int, tuple[Table, ...]]

    def documents(self):
        return [d for s in self.expected["sections"] for d in s["documents"]]


@cache
def seed_issue(name: str) -> SeedIssue:
    """The seed's text, expectations and tables (as the plain-text import reads them,
    which tests/test_import_seeds.py holds to the expected row counts)."""
    expected = seed_expectations(name)
    issue = import_source(SEEDS / f"{name}.txt").issue
    tables = {doc.seq: doc.tables for doc in issue.documents}
    lines = (SEEDS / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    return SeedIssue(lines, expected, tables)


def _doc_number_line(seed: SeedIssue, doc: dict) -> int | None:
    """The line number of the document's 文号 under its title."""
    if not doc["doc_number"]:
        return None
    want = normalize_doc_number(doc["doc_number"])
    start = doc["line_start"]
    return next((no for no in range(start, start + 8)
                 if normalize_doc_number(seed.lines[no - 1].strip()) == want), None)


def page_mark(style: OcrStyle, page: int) -> str:
    """The line a layout tool prints at a page break: a comment or the bare page number."""
    return {"comment": f"<!-- page {page} -->", "number": str(page),
            "separator": f"{{{page}}}{'-' * 48}", "none": ""}[style.page_marks]


def _line_of(seed: SeedIssue, text: str, first: int, last: int) -> int:
    """The number of the first line in ``first..last`` that reads ``text``."""
    return next(no for no in range(first, last + 1) if seed.lines[no - 1].strip() == text)


def colophon_lines(seed: SeedIssue) -> range:
    """The line numbers of the colophon printed in the front matter."""
    front_end = min(d["line_start"] for d in seed.documents())
    raw = seed.expected["colophon_raw"]
    first = _line_of(seed, raw[0], 1, front_end)
    return range(first, _line_of(seed, raw[-1], first, front_end) + 1)


def toc_lines(seed: SeedIssue) -> range:
    """The line numbers of the TOC after its first header (up to the colophon)."""
    header = next(no for no, text in enumerate(seed.lines, start=1)
                  if TOC_HEADER_RE.fullmatch(text.strip()))
    return range(header + 1, colophon_lines(seed).start)


def toc_table(seed: SeedIssue, columns: str) -> list[str]:
    """The TOC as a layout tool prints a ruled one: a pipe table of title, 文号 and page
    (or of title with its 文号 under it, and page), a row of its own for each section."""
    three = columns == "three-column"
    rows = ["| 标题 | 文号 | 页码 |", "| --- | --- | --- |"] if three else \
        ["| 标题 | 页码 |", "| --- | --- |"]
    for section in seed.expected["sections"]:
        rows.append(f"| 【{section['title']}】 | |" + " |" * three)
        for doc in section["documents"]:
            number = doc["doc_number"] or ""
            title = f"{doc['toc_title']} | {number}" if three else \
                doc["toc_title"] + (f"<br>（{number}）" if number else "")
            rows.append(f"| {title} | {doc['toc_page']} |")
    return rows


#: A colophon line: label, colon, value (a line without a colon continues the value).
COLOPHON_LINE_RE = re.compile(r"(?P<label>[^:：]{1,8})[:：](?P<value>.*)")


def colophon_table(lines: list[str]) -> list[str]:
    """Colophon lines as a two-column HTML table, continuation lines in their cell."""
    rows: list[list[str]] = []
    for line in filter(str.strip, lines):
        if match := COLOPHON_LINE_RE.fullmatch(line.strip()):
            rows.append([html.escape(match["label"]), html.escape(match["value"])])
        else:
            rows[-1][1] += f"<br>{html.escape(line.strip())}"
    cells = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in rows)
    return ["", f"<table>{cells}</table>", ""]


def back_matter(seed: SeedIssue, colophon: list[str]) -> list[str]:
    """An introduction of the gazette, a subscription notice with its price table and
    the colophon, as printed on the back cover."""
    name = seed.expected["gazette"]["name"]
    return (["", "## 本刊简介", "", f"《{name}》是政府出版物，刊登规章和规范性文件。", "",
             "## 征订启事", "", "欢迎各单位订阅。", "", "| 刊名 | 全年定价 |", "| --- | --- |",
             f"| 《{name}》 | 240元 |", ""] + colophon)


@dataclass
class Rewrite:
    """A seed's lines being rewritten: kept lines by number, lines to insert before them."""

    seed: SeedIssue
    style: OcrStyle
    lines: dict[int, str]
    before: dict[int, list[str]]

    def insert(self, no: int, new: list[str]) -> None:
        self.before.setdefault(no, []).extend(new)

    def page_break(self, page: int, top: bool = False) -> list[str]:
        """The lines a page break leaves: the page marker, and the running head unless
        the page opens a document (``top``): on even pages the gazette name and issue,
        on odd pages the page number between dots and the gazette name."""
        issue, name = self.seed.expected["issue"], self.seed.expected["gazette"]["name"]
        label = f"{issue['year']}年第{issue['number']}期"
        head = [f"{name}　{label}" if page % 2 == 0 else f"·{page}·　{name}"] \
            * (self.style.running_heads and not top)
        return [page_mark(self.style, page)] + head

    def document(self, seq: int, doc: dict) -> None:
        """Title as a heading (level by position, not by meaning), page breaks, bold 文号,
        tables."""
        title_lines = doc.get("body_title_lines") or [doc["line_start"]]
        marks = "#" * (1 + seq % 3)
        if self.style.bold_titles:
            self.lines[title_lines[0]] = f"**{self.lines[title_lines[0]]}"
            self.lines[title_lines[-1]] = f"{self.lines[title_lines[-1]]}**"
        if self.style.setext_titles:
            self.lines[title_lines[0]] = "<br>".join(self.lines.pop(no) for no in title_lines)
            self.insert(title_lines[0] + 1, ["=" * 8 if seq % 2 else "-" * 8])
        else:
            for no in title_lines:
                self.lines[no] = f"{marks} {self.lines[no]}"
        page = doc["toc_page"]
        self.insert(title_lines[0], self.page_break(page, top=True))
        if self.style.masthead_images:
            self.insert(title_lines[0], [f"![](images/doc-{seq}-masthead.jpg)", ""])
        for after in doc["page_break_after_lines"]:
            page += 1
            self.insert(after + 1, self.page_break(page))
        if (number_line := _doc_number_line(self.seed, doc)) and seq % 2 == 0:
            self.lines[number_line] = f"**{self.lines[number_line].strip()}**"
        for exp_table, table in zip(doc["tables"], self.seed.tables[seq]):
            self.table(exp_table, table, page)
        if self.style.html_signatures and doc["signatories"]:
            self.signature(doc)

    def signature(self, doc: dict) -> None:
        """The 落款 lines and the date line under them as one ``<p align="right">``."""
        year, month, day = (int(n) for n in doc["date"].split("-"))
        date = f"{year}年{month}月{day}日"
        last = _line_of(self.seed, date, doc["line_start"], doc["line_end"])
        first = next(no for no in range(last, doc["line_start"], -1)
                     if self.seed.lines[no - 1].strip() == doc["signatories"][0])
        parts = [self.lines.pop(no).strip() for no in range(first, last + 1)
                 if self.lines.get(no, "").strip()]
        self.lines[first] = '<p align="right">' + "<br>".join(parts) + "</p>"

    def table(self, exp_table: dict, table: Table, page: int) -> None:
        """The table's text rows replaced by the table (cut per page when the style does)."""
        for no in range(exp_table["line_start"], exp_table["line_end"] + 1):
            if "\t" in self.lines.get(no, ""):
                del self.lines[no]
        pieces = exp_table["repeated_header_count"] + 1 if self.style.split_tables else 1
        rendered = [""]
        for n, piece in enumerate(page_pieces(table, pieces)):
            rendered += (self.page_break(page) + [""]) * bool(n) \
                + TABLE_WRITERS[self.style.tables](piece, self.style) + [""]
        self.insert(exp_table["line_start"], rendered)

    def front_matter(self) -> list[str]:
        """The colophon moved to the back when the style says so (returned); the TOC as a
        table when it says so."""
        moved = []
        colophon = colophon_lines(self.seed)
        if self.style.back_matter:
            moved = [self.lines.pop(no) for no in colophon]
            moved = colophon_table(moved) if self.style.colophon_table else moved
        elif self.style.colophon_table:
            self.insert(colophon.start, colophon_table([self.lines.pop(no) for no in colophon]))
        if self.style.toc_table:
            toc = toc_lines(self.seed)
            for no in toc:
                self.lines.pop(no, None)
            self.insert(toc.start, [""] + toc_table(self.seed, self.style.toc_table) + [""])
        return back_matter(self.seed, moved) if moved else []


def _render(rewrite: Rewrite, numbers: range, front_end: int) -> list[str]:
    """The rewritten lines ``numbers``, with what goes before each."""
    out = []
    for no in numbers:
        out += rewrite.before.get(no, [])
        if no in rewrite.lines:
            out.append(_styled_line(rewrite.lines[no], no < front_end, rewrite.style))
    return out


def _markdown(lines: list[str], style: OcrStyle) -> str:
    if style.hard_breaks:
        lines = [ln for ln in lines if ln.strip()]
    return "\n".join(lines) + "\n"


def ocr_markdown(name: str, style: OcrStyle) -> str:
    """The seed issue ``name`` as OCR Markdown in ``style``."""
    seed = seed_issue(name)
    rewrite = Rewrite(seed, style, dict(enumerate(seed.lines, start=1)), {})
    for seq, doc in enumerate(seed.documents(), start=1):
        rewrite.document(seq, doc)
    if style.section_banners:
        for section in seed.expected["sections"]:
            first = section["documents"][0]
            title_line = (first.get("body_title_lines") or [first["line_start"]])[0]
            rewrite.before[title_line][1:1] = [f"# {section['title']}", ""]
    back = rewrite.front_matter()
    front_end = min(d["line_start"] for d in seed.documents())
    out = _render(rewrite, range(1, len(seed.lines) + 1), front_end)
    return _markdown(["![](img/cover.jpg)", ""] + out + back, style)


def ocr_document_markdown(name: str, seq: int, style: OcrStyle) -> str:
    """Document ``seq`` of the seed issue ``name`` alone, as OCR Markdown in ``style``."""
    seed = seed_issue(name)
    doc = seed.documents()[seq - 1]
    rewrite = Rewrite(seed, style, dict(enumerate(seed.lines, start=1)), {})
    rewrite.document(seq, doc)
    return _markdown(_render(rewrite, range(doc["line_start"], doc["line_end"] + 1), 0), style)


def _styled_line(text: str, in_front_matter: bool, style: OcrStyle) -> str:
    stripped = text.strip()
    if in_front_matter and TOC_HEADER_RE.fullmatch(stripped):
        return f"## {stripped}"
    if in_front_matter and SECTION_RE.fullmatch(stripped):
        return f"# {stripped}" if style.section_headings else f"**{stripped}**"
    if not in_front_matter and LEVEL_ONE_RE.fullmatch(stripped) and style.item_headings:
        return f"## {stripped}"
    if not in_front_matter and LEVEL_ONE_RE.fullmatch(stripped) and style.hard_breaks:
        return f"**{stripped}**"
    if not in_front_matter and style.escapes:
        text = NUMBERED_ITEM_RE.sub(r"\1\\.", text)
    if not in_front_matter and style.indents and len(stripped) > INDENT_MIN:
        text = f"\u3000\u3000{text}"
    if style.hard_breaks and stripped and not stripped.startswith(("#", "<", "|")):
        return f"{text}  "
    return text


@pytest.fixture(scope="module")
def ocr_imports(tmp_path_factory):
    """``get(name, style) -> (path, ImportResult)``, each import done once."""
    folder = tmp_path_factory.mktemp("ocr")
    done = {}

    def get(name: str, style: OcrStyle):
        if (name, style) not in done:
            path = folder / f"{name}-{style.name}.md"
            path.write_text(ocr_markdown(name, style), encoding="utf-8")
            done[name, style] = path, import_source(path)
        return done[name, style]
    return get


OCR_CASES = [pytest.param(name, style, id=f"{name}-{style.name}")
             for name in ISSUES for style in OCR_STYLES]


def masthead_comparisons(expected: dict, issue) -> list[tuple[str, object, object]]:
    """(field, expected, got) for the colophon labels and the editorial committee."""
    gazette = issue.gazette
    labels = [label for label, _ in gazette.colophon]
    return [("colophon labels", list(expected["colophon"]), labels),
            ("editorial committee", expected["editorial_committee"],
             {role: list(names) for role, names in gazette.editorial_committee})]


@pytest.mark.parametrize("name,style", OCR_CASES)
def test_ocr_issue_meets_the_seed_expectations(ocr_imports, name, style):
    path, result = ocr_imports(name, style)
    assert result.report.kind == "ocr-markdown"
    expected = seed_issue(name).expected
    assert_fields_match(f"{name} as OCR Markdown ({style.name})",
                        issue_comparisons(expected, result.issue)
                        + masthead_comparisons(expected, result.issue))


#: Markdown, HTML and page furniture (a running head's ·12·) that must not reach the
#: manifest.
MARKUP_RE = re.compile(
    r"\*\*|__|</?(?:br|t[dhr]|table|span|strong|b)\b|<!--|!\[|\\[.*_#|]|-{5,}|={5,}| \| "
    r"|·\d+·")


@pytest.mark.parametrize("name,style", OCR_CASES)
def test_ocr_issue_leaves_no_markup_or_furniture_in_the_manifest(ocr_imports, name, style):
    path, result = ocr_imports(name, style)
    leaks = [text for text in issue_texts(result.issue) if MARKUP_RE.search(text)]
    assert leaks == []


@pytest.mark.parametrize("name,style", OCR_CASES)
def test_ocr_issue_explains_every_character(ocr_imports, name, style):
    path, result = ocr_imports(name, style)
    outcome = audit(path, result.issue, result.report)
    assert outcome.ok, outcome.to_text()


def _seed_documents():
    """(name, seq) of every seed document (expectations read at collection time)."""
    for name in ISSUES:
        path = SEEDS / f"{name}.expected.json"
        if path.exists():
            count = sum(len(s["documents"]) for s in json.loads(path.read_text("utf-8"))["sections"])
            yield from ((name, seq) for seq in range(1, count + 1))


#: Fields a document alone cannot give: they come from the issue's TOC.
TOC_FIELDS = ("toc_title", "toc_page")


@pytest.mark.parametrize("name,seq", list(_seed_documents()), ids=lambda v: str(v))
def test_ocr_document_alone_meets_the_seed_expectations(name, seq, tmp_path):
    """Each seed document on its own, in one of the styles in turn (its pages OCR'd by
    themselves): its own fields match, and no markup or page furniture stays in its
    body."""
    style = OCR_STYLES[seq % len(OCR_STYLES)]
    path = tmp_path / f"{name}-{seq}.md"
    path.write_text(ocr_document_markdown(name, seq, style), encoding="utf-8")
    result = import_source(path)
    (doc,) = result.issue.documents
    expected = seed_issue(name).documents()[seq - 1]
    assert_fields_match(f"{name} document {seq} as OCR Markdown ({style.name})",
                        [f for f in doc_comparisons(expected, doc) if f[0] not in TOC_FIELDS])
    assert result.report.kind == "ocr-markdown"
    assert audit(path, result.issue, result.report).ok
    leaks = [text for text in issue_texts(result.issue) if MARKUP_RE.search(text)]
    leaks += [block.text for block in doc.all_blocks()
              if isinstance(block, Paragraph) and PAGE_NUMBER_RE.fullmatch(block.text)]
    assert leaks == []


# --------------------------------------------------------------------------- web pages

WEB_NOTICE = SEEDS / "web-notice-2020-07-22.txt"
#: The date the seed page was published on its site (its 发表时间 line).
PUBLISHED = "2020-07-22"
#: A paragraph indent as scraped: spaces, no-break spaces, ideographic spaces.
INDENT_RE = re.compile(r"^[ \u00a0\u3000]+")
#: The label of the seed page's own metadata line, and of its footer.
SEED_META_RE = re.compile(r"发表时间")
SEED_FOOTER_RE = re.compile(r"版权所有")


@dataclass(frozen=True)
class SitePage:
    """Another site's page around the seed article."""

    name: str
    header: tuple[str, ...]
    #: Metadata lines under the title (or above it when ``meta_above_title``).
    meta: tuple[str, ...]
    tools: tuple[str, ...]
    footer: tuple[str, ...]
    indent: str = "    "
    meta_above_title: bool = False
    newline: str = "\n"
    encoding: str = "utf-8"
    #: The 文号 the page's metadata gives (the seed body prints none).
    doc_number: str = ""
    #: A 文号 printed under the article heading (the seed body has none).
    body_doc_number: str = ""
    #: Blank lines between paragraphs (pages copied as text often have none).
    blank_lines: bool = True
    #: What the page's own title adds to the article title (a scraper records the
    #: browser title: 关于…的通知_某某网站).
    title_suffix: str = ""


SITES = [
    SitePage(
        "province-portal",
        header=("示范省人民政府门户网站", "首页 | 政务公开 | 政务服务 | 互动交流",
                "当前位置：首页 > 政务公开 > 通知公告"),
        meta=("发布时间：2020-07-22 10:30　来源：示范省地方金融监管局　浏览次数：1024",
              "【字体：大 中 小】"),
        tools=("【打印本页】 【关闭窗口】", "分享到：微信 微博 QQ空间"),
        footer=("主办：示范省人民政府办公厅　承办：示范省大数据中心",
                "网站标识码：1100000001　示ICP备12345678号", "示公网安备 11000002000001号")),
    SitePage(
        "city-gbk-crlf",
        header=("首页 > 政务公开 > 通知公告",),
        meta=("发布日期：2020年07月22日　　来源：示范市金融工作局", "字体：[ 大 中 小 ]"),
        tools=("打印本页 | 关闭窗口",),
        footer=("版权所有：示范市人民政府办公室",
                "地址：示范市人民路1号　邮编：100000　电话：010-12345678",
                "网站标识码：1100000002　示ICP备87654321号"),
        indent="\u3000\u3000", newline="\r\n", encoding="gbk"),
    SitePage(
        "govcn-field-table",
        header=("首页 > 政策 > 政策文件库",),
        meta=("索 引 号：11000000/2020-00012", "主题分类：财政、金融、审计\\金融",
              "发文机关：示范省地方金融监管局", "成文日期：2020年06月28日",
              "标　　题：{title}", "发文字号：示金监发〔2020〕12号", "发布日期：2020年07月22日"),
        tools=("【我要打印】【关闭】",),
        footer=("主办单位：示范省人民政府办公厅", "网站标识码：1100000003"),
        indent="", meta_above_title=True, doc_number="示金监发〔2020〕12号"),
    SitePage(
        "date-forms",
        header=("示范县人民政府网", "您的位置：首页 » 信息公开 » 通知公告"),
        meta=("时间：2020-07-22 10:30:00", "信息来源：示范县金融办"),
        tools=("上一篇：无", "下一篇：无"),
        footer=("版权所有 © 示范县人民政府", "技术支持：示范科技有限公司"),
        indent="", newline="\r\n"),
    SitePage(
        "meta-one-line",
        header=("网站首页 / 政务公开 / 通知公告",),
        meta=("发布时间:2020-07-22 来源:示范省金融局 作者:佚名 【字体:大 中 小】",),
        tools=("【打印】【关闭】",),
        footer=("Copyright © 2020 示范省金融局 版权所有", "ICP备案号：示ICP备00000001号")),
    SitePage(
        "slash-date",
        header=("示范市人民政府", "当前位置：首页>>政务公开>>通知公告"),
        meta=("发文日期：2020/07/22　来源：示范市金融局　点击数：88",),
        tools=("【返回顶部】",),
        footer=("示范市人民政府 主办", "网站标识码：1100000004"),
        indent="\u3000\u3000"),
    SitePage(
        "menu-no-breadcrumb",
        header=("示范省地方金融监督管理局", "首页　机构概况　政务公开　政务服务　互动交流"),
        meta=("发布时间：2020年07月22日　　阅读量：356", "【字号：大 中 小】 [打印] [关闭]"),
        tools=("扫一扫在手机打开当前页",),
        footer=("关于我们 | 网站声明 | 联系我们", "主办：示范省地方金融监督管理局",
                "您是本站第 12345 位访客", "建议使用1280×768分辨率浏览")),
    SitePage(
        "govcn-two-fields-a-line",
        header=("首页 > 政策 > 最新",),
        meta=("索 引 号：\t11000000/2020-00012\t主题分类：\t金融",
              "发文机关：\t示范省地方金融监管局\t成文日期：\t2020年06月28日",
              "标　　题：\t{title}",
              "发文字号：\t示金监发〔2020〕12号\t发布日期：\t2020年07月22日"),
        tools=("【我要打印】【关闭】",),
        footer=("版权所有：示范省人民政府办公厅", "网站标识码1100000005"),
        meta_above_title=True, doc_number="示金监发〔2020〕12号"),
    SitePage(
        "govcn-cell-a-line",
        header=("首页 > 政策 > 最新",),
        meta=("索 引 号：", "11000000/2020-00012", "发文机关：", "示范省地方金融监管局",
              "标　　题：", "{title}", "发文字号：", "示金监发〔2020〕12号",
              "成文日期：", "2020年06月28日", "发布日期：", "2020年07月22日"),
        tools=(),
        footer=("版权所有：示范省人民政府办公厅",),
        meta_above_title=True, doc_number="示金监发〔2020〕12号"),
    SitePage(
        "unlabelled-date",
        header=("您现在的位置：首页 > 通知公告",),
        meta=("2020-07-22 10:30:00　来源：示范省金融局",),
        tools=("【打印本页】",),
        footer=("主办：示范省金融局", "网站标识码：1100000006"),
        indent="    ", body_doc_number="示金监发〔2020〕13号"),
    SitePage(
        "many-tools",
        header=("首页 > 信息公开 > 通知公告",),
        meta=("来源：示范市金融局　　发布时间：2020-07-22 09:00", "【大 中 小】 【打印】 【关闭】",
              "分享：微信 微博", "视力保护色：", "【我要纠错】"),
        tools=("【纠错】 【打印】 【关闭】", "相关文章：", "附件下载："),
        footer=("网站声明 | 网站地图 | 联系我们", "版权所有：示范市人民政府"),
        indent="    "),
    SitePage(
        "browser-title",
        header=(),
        meta=("发布时间：2020-07-22　来源：示范省金融局",),
        tools=(),
        footer=("版权所有：示范省金融局",),
        title_suffix="_示范省地方金融监督管理局网站"),
    SitePage(
        "dense-indented",
        header=("当前位置：首页 > 政务公开",),
        meta=("发布时间：2020-07-22", "来源：示范省金融局"),
        tools=(),
        footer=("版权所有：示范省金融局",),
        indent="\u3000\u3000", blank_lines=False),
    SitePage(
        "full-width-crumbs",
        header=("示范市商务局", "首页＞政务公开＞通知公告"),
        meta=("发布时间：2020-07-22",),
        tools=(),
        footer=("版权所有：示范市商务局",)),
    SitePage(
        "arrow-crumbs",
        header=("首页 → 信息公开 → 通知公告",),
        meta=("发布时间：2020-07-22",),
        tools=(),
        footer=("版权所有：示范市商务局",)),
    SitePage(
        "dense-flush",
        header=("当前位置：首页 > 政务公开",),
        meta=("发布时间：2020-07-22　来源：示范省金融局",),
        tools=("【关闭】",),
        footer=("版权所有：示范省金融局",),
        indent="", blank_lines=False, newline="\r\n"),
]


def seed_article() -> tuple[str, list[str]]:
    """The seed page's title and its article lines (repeated title to the last line
    before the footer), indents removed."""
    lines = WEB_NOTICE.read_text(encoding="utf-8").split("\n")
    meta = next(i for i, ln in enumerate(lines) if SEED_META_RE.search(ln))
    footer = next(i for i, ln in enumerate(lines) if SEED_FOOTER_RE.search(ln))
    return lines[0].strip(), lines[meta + 1:footer]


def web_page_bytes(site: SitePage) -> bytes:
    """The seed article inside ``site``'s chrome, as the site would serve it."""
    title, article = seed_article()
    meta = [ln.format(title=title) for ln in site.meta]
    page_title = title + site.title_suffix
    head = meta + [page_title] if site.meta_above_title else [page_title] + meta
    body = [INDENT_RE.sub(site.indent, ln) if ln.strip() else "" for ln in article
            if ln.strip() or site.blank_lines]
    if site.body_doc_number:
        squashed = re.sub(r"\s", "", title)
        heading = next(i for i, ln in enumerate(body) if re.sub(r"\s", "", ln) == squashed)
        body.insert(heading + 1, site.body_doc_number)
    lines = list(site.header) + head + body + list(site.tools) + list(site.footer)
    text = site.newline.join(lines) + site.newline
    if site.encoding != "utf-8":  # GBK has no no-break space: such pages print a space
        text = text.replace("\u00a0", " ")
    return text.encode(site.encoding)


def paragraph_count(doc) -> int:
    """Paragraphs of a document and of its enclosed documents."""
    return sum(isinstance(b, Paragraph) for part in (doc, *doc.enclosed) for b in part.blocks)


def web_fields(doc, report, doc_number: str) -> list[tuple[str, object]]:
    published = [e.message for e in report.events if "on the site" in e.message]
    return [("title", doc.title), ("doc_number", doc_number or doc.doc_number),
            ("date", doc.date), ("organs", doc.organs), ("signatories", doc.signatories),
            ("paragraphs", paragraph_count(doc)), ("published", PUBLISHED in "".join(published))]


def import_page(site: SitePage, folder: Path):
    """(path, ImportResult) of the seed article inside ``site``'s chrome."""
    if not WEB_NOTICE.exists():
        pytest.skip(f"seed missing: {WEB_NOTICE}")
    path = folder / f"{site.name}.txt"
    path.write_bytes(web_page_bytes(site))
    return path, import_source(path)


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_web_page_variant_gives_the_seed_document(site, tmp_path):
    path, result = import_page(site, tmp_path)
    seed = import_source(WEB_NOTICE)
    want = dict(web_fields(seed.issue.documents[0], seed.report,
                           site.doc_number or site.body_doc_number))
    assert result.report.kind == "web-page"
    got = web_fields(result.issue.documents[0], result.report, "")
    assert_fields_match(f"web notice on {site.name}",
                        [(name, want[name], value) for name, value in got])


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_web_page_chrome_is_reported_and_every_character_explained(site, tmp_path):
    path, result = import_page(site, tmp_path)
    outcome = audit(path, result.issue, result.report)
    assert outcome.ok, outcome.to_text()
    chrome = "\n".join(d.text for d in result.report.discarded
                       if d.reason.startswith("site chrome"))
    title = seed_article()[0]
    added = [ln.format(title=title).strip() for ln in site.header + site.meta + site.tools
             + site.footer]
    assert [ln for ln in added if ln not in chrome] == []


# --------------------------------------------------------------------------- CLI


def test_cli_imports_and_audits_an_ocr_issue_and_a_web_page(ocr_imports, tmp_path, capsys):
    """``gazette import`` then ``gazette check --audit`` on the saved folders (the audit
    reads the written manifest, not the in-memory issue); the web page is a draft whose
    year, 期, date and gazette name check lists as missing, and nothing else."""
    from gazette_pub.cli import main
    ocr_path, _ = ocr_imports(ISSUES[0], OCR_STYLES[-1])
    web_path, _ = import_page(SITES[1], tmp_path)
    for source, missing in ((ocr_path, 0), (web_path, 4)):
        out = tmp_path / source.stem
        # no theme fit here (layouts of the issue; tests/test_theme_fit.py has it)
        assert main(["import", str(source), "--out", str(out), "--no-fit-theme"]) == 0
        capsys.readouterr()
        assert main(["check", str(out), "--audit", str(source)]) == (1 if missing else 0)
        err = capsys.readouterr().err
        assert len([ln for ln in err.splitlines() if "missing:" in ln]) == missing
        assert "unexplained" not in err
