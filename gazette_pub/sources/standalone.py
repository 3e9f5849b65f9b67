"""A standalone document as plain text: a title first, then the body.

Contract: the title is the first line plus the lines directly under it (no
blank line between) that are still title-like (at most
:data:`TITLE_MAX_LINES`); wrap spaces are removed and reported. A 红头 document
may start with its masthead (``某某人民政府文件``, discarded with its reason) and
its 文号 above the title. The rest goes
through :func:`structure.build_document` (文号 under the title if any, numbered
items 1.–45. become headings whose level follows from the labels used). The
result is a one-document draft issue: year/number 0, no date, an untitled
section, so the editor fills in the issue it belongs to. Rules (===, ---) and a
page number above the title are discarded with their reason.
"""

from __future__ import annotations

import logging
import re

from ..model import Gazette, Issue, Section, SourceRef
from .report import ReportBuilder
from .structure import (DocInput, SourceLine, build_document, clean_title, doc_number_of_line,
                        is_red_head, is_title_like, source_lines)
from .text_issue import PAGE_NUMBER_RE

logger = logging.getLogger(__name__)

#: Lines a title may wrap over.
TITLE_MAX_LINES = 4

#: A line that only decorates: a rule (a separator, a setext underline).
RULE_LINE_RE = re.compile(
    r"""
    [=\-_*─━]{3,}    # three or more rule characters, nothing else
    """,
    re.X,
)


def without_furniture(lines: list[SourceLine], report: ReportBuilder) -> list[SourceLine]:
    """``lines`` less rules (anywhere) and page numbers above the title, each reported;
    otherwise they were read into the title."""
    kept = []
    for line in lines:
        if RULE_LINE_RE.fullmatch(line.text):
            report.discard([line], "decoration: rule")
        elif not kept and PAGE_NUMBER_RE.fullmatch(line.text):
            report.discard([line], "page furniture: page number")
        else:
            kept.append(line)
    return kept


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
    return read_document_lines(source_lines(text), source_file=source_file,
                               gazette_id=gazette_id, report=report)


def read_document_lines(lines: list[SourceLine], *, source_file: str, gazette_id: str,
                        report: ReportBuilder) -> Issue:
    """:func:`read_standalone` on lines already cut (and cleaned) by a reader."""
    lines = without_furniture(lines, report)
    if not lines:
        report.uncertain(None, "empty input")
        return Issue(Gazette(gazette_id, ""), 0, 0, None, None, (), source=SourceRef(source_file))
    if len(lines) > 2 and is_red_head(lines[0].text):
        # 红头: the masthead, the 文号, then the title (the 文号 is read as if under it)
        report.discard(lines[:1], "document masthead (发文机关标志)")
        lines = lines[1:]
    if len(lines) > 1 and doc_number_of_line(lines[0].text):
        count = title_lines(lines[1:])
        doc = DocInput(title=document_title(lines[1:count + 1], report),
                       body=lines[:1] + lines[count + 1:], seq=1, first_line=lines[0].no)
    else:
        count = title_lines(lines)
        doc = DocInput(title=document_title(lines[:count], report), body=lines[count:], seq=1,
                       first_line=lines[0].no)
    return single_document_issue(doc, gazette_id=gazette_id, source_file=source_file,
                                 report=report)
