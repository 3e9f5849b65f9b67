"""A standalone document as plain text: a title first, then the body.

Contract: the title is the first line plus the lines directly under it (no
blank line between) that are still title-like (at most
:data:`TITLE_MAX_LINES`); wrap spaces are removed and reported. A 红头 document
may start with its masthead (``某某人民政府文件``, discarded with its reason) and
its 文号 above the title. The rest goes
through :func:`document.build_document` (tables laid out with spaces read as
tab-separated rows first, 文号 under the title if any, numbered
items 1.–45. become headings whose level follows from the labels used). The
result is a one-document draft issue: year/number 0, no date, an untitled
section, so the editor fills in the issue it belongs to.
"""

from __future__ import annotations

import logging

from ..model import Gazette, Issue, Section, SourceRef
from .layout import tabulate_space_columns
from .report import ReportBuilder
from .doc_number import doc_number_of_line
from .document import DocInput, build_document
from .line_kinds import is_title_like
from .lines import SourceLine, source_lines
from .organs import is_red_head
from .titles import clean_title

logger = logging.getLogger(__name__)

#: Lines a title may wrap over.
TITLE_MAX_LINES = 4


def title_lines(lines: list[SourceLine]) -> int:
    """How many of the first ``lines`` make the title (at least one)."""
    count = 1
    while (count < min(TITLE_MAX_LINES, len(lines)) and lines[count].no == lines[count - 1].no + 1
           and is_title_like(lines[count].text)):
        count += 1
    return count


def document_title(lines: list[SourceLine], report: ReportBuilder, guide: str = "") -> str:
    """The title of ``lines`` (wrap spaces removed, reported)."""
    raw = " ".join(ln.text for ln in lines)
    title = clean_title(raw, guide)
    if title != raw:
        report.normalize(lines[0].no, f"title {raw!r}: wrap spaces removed")
    return title


def single_document_issue(doc: DocInput, *, gazette_id: str, source_file: str,
                          report: ReportBuilder) -> Issue:
    """A draft issue holding one document (unknown metadata left empty)."""
    document = build_document(doc, gazette_id=gazette_id, year=0, number=0,
                              source_file=source_file, report=report)
    report.uncertain(None, "single document: issue year, number and date left empty")
    return Issue(gazette=Gazette(id=gazette_id, name=""), year=0, number=0, cumulative=None,
                 date=None, sections=(Section("", (document,)),), source=SourceRef(source_file))


def read_standalone(text: str, *, source_file: str, gazette_id: str,
                    report: ReportBuilder) -> Issue:
    """Read a standalone document (see the module doc) into a one-document issue."""
    text = tabulate_space_columns(text, report)
    return read_document_lines(source_lines(text), source_file=source_file,
                               gazette_id=gazette_id, report=report)


def read_document_lines(lines: list[SourceLine], *, source_file: str, gazette_id: str,
                        report: ReportBuilder) -> Issue:
    """:func:`read_standalone` on lines already cut (and cleaned) by a reader."""
    if not lines:
        report.uncertain(None, "empty input")
        return Issue(Gazette(gazette_id, ""), 0, 0, None, None, (), source=SourceRef(source_file))
    if len(lines) > 2 and is_red_head(lines[0].text):
        # 红头: the masthead, the 文号, then the title (the 文号 is read as if under it)
        report.discard(lines[:1], "document masthead (发文机关标志)")
        lines = lines[1:]
    # a 文号 above the title is read as if under it
    number = lines[:1] if len(lines) > 1 and doc_number_of_line(lines[0].text) else []
    rest = lines[len(number):]
    count = title_lines(rest)
    doc = DocInput(title=document_title(rest[:count], report), body=number + rest[count:],
                   seq=1, first_line=lines[0].no)
    return single_document_issue(doc, gazette_id=gazette_id, source_file=source_file,
                                 report=report)
