"""Measurements of a rendered print edition: page fidelity and line quality.

* :func:`page_fidelity` compares the page where each document starts in our PDF with
  the page printed for it in the source's 目录 (``toc_page`` in the manifest).
* :func:`read_lines` reads every printed line back from a PDF (``pdftotext
  -bbox-layout``, poppler) with its box, for :func:`ragged_right` and
  :func:`prohibited_line_starts`.
* :func:`ragged_right` is the share of non-final body lines that end short of the
  measure by more than half an em: WeasyPrint does not justify Chinese text
  (typesetting-notes §2), so every such line shows as a ragged right edge.

``bench/typography.py`` runs the line measurements on built issues; the README
"Chinese typography" section records its before/after figures.
"""

from __future__ import annotations

import logging
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import RenderError
from ..model import Issue
from .typography import INSERTED_FORMAT_CHARS, LINE_START_PROHIBITED

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------- page fidelity

@dataclass(frozen=True)
class StartPage:
    """Where one document starts: officially (source 目录) and in our PDF."""

    seq: int
    title: str
    #: The page printed in the source's 目录 (None: the source gives none).
    official: int | None
    rendered: int

    @property
    def drift(self) -> int | None:
        return None if self.official is None else self.rendered - self.official


@dataclass(frozen=True)
class FidelityReport:
    """Official vs rendered start page of every document of an issue."""

    label: str
    rows: tuple[StartPage, ...]

    @property
    def compared(self) -> tuple[StartPage, ...]:
        return tuple(r for r in self.rows if r.official is not None)

    @property
    def exact(self) -> int:
        return sum(r.drift == 0 for r in self.compared)

    @property
    def within_one(self) -> int:
        return sum(abs(r.drift) <= 1 for r in self.compared)

    def format(self) -> str:
        """A table an editor reads at a glance: drift marked, summary last."""
        lines = [f"{self.label}: official vs rendered start page",
                 f"{'seq':>4} {'official':>8} {'rendered':>8} {'drift':>5}  title"]
        for r in self.rows:
            official = "-" if r.official is None else str(r.official)
            drift = "" if r.drift is None else f"{r.drift:+d}" if r.drift else "0"
            flag = "" if r.drift is None or abs(r.drift) <= 1 else "  <-- off by more than 1"
            lines.append(f"{r.seq:>4} {official:>8} {r.rendered:>8} {drift:>5}  "
                         f"{r.title[:40]}{flag}")
        n = len(self.compared)
        if n:
            lines.append(f"fidelity: {self.exact}/{n} exact ({100 * self.exact / n:.0f} %), "
                         f"{self.within_one}/{n} within ±1 page")
        else:
            lines.append("fidelity: the source gives no 目录 pages to compare with")
        return "\n".join(lines)


def page_fidelity(issue: Issue, pages: dict[str, tuple[int, int]]) -> FidelityReport:
    """Compare each document's first printed page (``pages``) with its ``toc_page``."""
    rows = tuple(StartPage(doc.seq, doc.toc_title, doc.toc_page, pages[doc.id][0])
                 for doc in issue.documents)
    return FidelityReport(f"{issue.gazette.name} {issue.label}", rows)


# --------------------------------------------------------------------------- printed lines

@dataclass(frozen=True)
class PrintedLine:
    """One line of text as poppler reads it back from the PDF (points, origin top left)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


def read_lines(pdf_path: str | Path) -> list[PrintedLine]:
    """Every text line of the PDF, page by page, in poppler's reading order."""
    try:
        out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf_path), "-"],
                             capture_output=True, check=True, timeout=600).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"cannot read lines back with pdftotext (poppler-utils): {exc}",
                          path=pdf_path) from None
    root = etree.fromstring(out, etree.XMLParser(recover=True, huge_tree=True))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    lines = []
    for number, page in enumerate(root.iterfind(".//x:page", ns), 1):
        for line in page.iterfind(".//x:line", ns):
            words = [w.text or "" for w in line.iterfind("x:word", ns)]
            text = "".join(c for c in " ".join(words) if c not in INSERTED_FORMAT_CHARS)
            lines.append(PrintedLine(number, float(line.get("xMin")), float(line.get("yMin")),
                                     float(line.get("xMax")), float(line.get("yMax")), text))
    return lines


def prohibited_line_starts(lines: list[PrintedLine]) -> list[PrintedLine]:
    """Lines that start with a mark that must not start a line (typography rule 1).

    A line of marks only is not text that was broken: it is a table cell such as "—"
    (no data), so it is not counted.
    """
    return [line for line in lines if line.text[:1] in LINE_START_PROHIBITED
            and not set(line.text.strip()) <= LINE_START_PROHIBITED]


@dataclass(frozen=True)
class RaggedReport:
    """How ragged the right edge of the body text is."""

    #: Non-final body lines measured (lines followed by a continuation line).
    lines: int
    #: Of those, lines ending short of the measure by more than half an em.
    short: int
    #: Mean shortfall of the short lines, in ems.
    mean_short_em: float

    @property
    def share(self) -> float:
        return self.short / self.lines if self.lines else 0.0

    def format(self) -> str:
        return (f"{self.short}/{self.lines} non-final body lines end > 0.5 em short "
                f"({100 * self.share:.1f} %), mean shortfall {self.mean_short_em:.2f} em")


def ragged_right(lines: list[PrintedLine], *, measure: float, em: float,
                 columns: int = 1, pages: set[int] | None = None) -> RaggedReport:
    """Share of non-final body lines ending more than 0.5 em short of the measure.

    ``em`` is one character of the body: the grid's pitch (size + letter-spacing) when
    the theme has one. ``pages`` (1-based physical pages) limits the count to the body
    pages, leaving out the 目录, whose entries have a measure of their own.

    1. body lines are the lines of the most common height among lines set at about
       the body size (their box is 1.35–1.7 ``em`` tall, as CJK fonts draw 1 em type;
       table text at 0.9 em and larger titles are left out even where tables take
       most of the lines);
    2. on each page the leftmost start of a body line is the first column's edge, and
       the leftmost start at least 0.9 ``measure`` further right the second's; a line
       belongs to the column whose edge it starts at or after;
    3. a line is *non-final* when the next body line of its column starts right at
       the column edge (a continuation: paragraph first lines are indented and
       centred or right-aligned lines are not at the edge) and follows at most 1.6
       line pitches below; the line itself starts at the edge or at a paragraph
       indent (not a centred 文号 line); table cells never start at the edge;
    4. its shortfall is the column's right edge (edge + ``measure``) minus its end.
    """
    heights = Counter(round(line.height, 1) for line in lines
                      if 1.35 * em <= line.height <= 1.7 * em)
    if not heights:
        return RaggedReport(0, 0, 0.0)
    body_height = heights.most_common(1)[0][0]
    body = [line for line in lines if abs(line.height - body_height) < 0.2
            and (pages is None or line.page in pages)]
    measured = short = 0
    total_short = 0.0
    pages: dict[int, list[PrintedLine]] = {}
    for line in body:
        pages.setdefault(line.page, []).append(line)
    for page_lines in pages.values():
        edges = _column_edges(page_lines, measure, columns)
        by_column: dict[float, list[PrintedLine]] = {edge: [] for edge in edges}
        for line in page_lines:
            edge = max((e for e in edges if line.x0 >= e - 0.5), default=None)
            if edge is not None and line.x1 <= edge + measure + 0.5:
                by_column[edge].append(line)
        for edge, column in by_column.items():
            column.sort(key=lambda line: line.top)
            for line, following in zip(column, column[1:]):
                pitch = following.top - line.top
                if (abs(following.x0 - edge) > 0.5 or line.x0 > edge + 2.5 * em
                        or not 0 < pitch < 1.6 * body_height * 1.2):
                    continue
                measured += 1
                gap = edge + measure - line.x1
                if gap > 0.5 * em:
                    short += 1
                    total_short += gap / em
    return RaggedReport(measured, short, total_short / short if short else 0.0)


def _column_edges(lines: list[PrintedLine], measure: float, columns: int) -> list[float]:
    """The left edges of the page's columns (step 2 of :func:`ragged_right`)."""
    edges: list[float] = []
    for _ in range(columns):
        floor = edges[-1] + 0.9 * measure if edges else float("-inf")
        starts = [line.x0 for line in lines if line.x0 >= floor]
        if not starts:
            break
        edges.append(min(starts))
    return edges
