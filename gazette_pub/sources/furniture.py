"""Page furniture inside the body of a whole issue: page numbers, running heads
(the gazette name or its end part, the issue label, the section title), ``续表``
marks over a table's next page and the 红头 masthead above a 文号.

Contract: :func:`strip_page_furniture` and :func:`strip_section_heads` remove those
lines and report each one as discarded with its reason; a line is furniture only
when it is nothing else (another ``YYYY年第N号`` is an announcement's number, not
this issue's label).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .doc_number import doc_number_of_line
from .document import DocInput
from .lines import SourceLine, squash
from .organs import is_red_head
from .report import ReportBuilder
from .cover import CUMULATIVE_RE, ISSUE_NUMBER_RE, MASTHEAD_LEFTOVER_RE, Cover
from .toc import TocEntry, section_key

#: A 续表 mark over the part of a table on the next page: 续表 / （续表） / 续表1.
CONTINUED_TABLE_RE = re.compile(
    r"""
    [(（]? \s* 续 \s* 表 \s* \d{0,2} \s* [)）]?
    """,
    re.X,
)


#: A page number alone on its line (page furniture in the body).
PAGE_NUMBER_RE = re.compile(
    r"""
    [-—–－﹣·•\s]* \d{1,4} [-—–－﹣·•\s]*                  # 3 / - 3 - / — 3 — / －3－ / ·3·
  | 第 \s* \d{1,4} \s* 页 (?: \s* 共 \s* \d{1,4} \s* 页 )?   # 第3页 / 第3页 共60页
    """,
    re.X,
)


#: The issue label of a running head in a short form: 2023·5 / 2023.5 / 2023-05.
SHORT_ISSUE_LABEL_RE = re.compile(
    r"""
    \d{4} \s* [·.．/\-—] \s* \d{1,2}    # year, a separator, the issue number
    """,
    re.X,
)


#: A page number printed in a running head: ·3· / －3－ / — 3 — / 第3页.
HEAD_PAGE_NUMBER_RE = re.compile(
    r"""
    [-—–－﹣·•] \s* \d{1,4} \s* [-—–－﹣·•]    # ·3· / —3—
  | 第 \s* \d{1,4} \s* 页                    # 第3页
  | ^ \s* \d{1,4} (?=\s) | (?<=\s) \d{1,4} \s* $   # a bare number at either end
    """,
    re.X,
)


#: Shortest end part of the gazette name a running head may print (国务院公报 for
#: 中华人民共和国国务院公报).
SHORT_NAME_MIN = 4


def is_issue_label(text: str, cover: Cover) -> bool:
    """Is ``text`` this issue's own label (2021年第10期), as printed in a running head?
    Another ``YYYY年第N号`` is a document number (an announcement's), not furniture."""
    match = ISSUE_NUMBER_RE.fullmatch(text)
    return bool(match) and (not cover.number or (int(match["year"]), int(match["number"]))
                            == (cover.year, cover.number))


def is_running_head(text: str, cover: Cover) -> bool:
    """Is ``text`` the gazette name (or its end part, 国务院公报), alone or with the
    issue label (a running head)?"""
    name, flat = squash(cover.name), squash(text)
    tails = [name[i:] for i in range(max(len(name) - SHORT_NAME_MIN + 1, 0))]
    found = next((tail for tail in tails if tail in flat), None)
    if not found:
        return False
    rest = flat.replace(found, " ", 1)
    for label_re in (ISSUE_NUMBER_RE, CUMULATIVE_RE, SHORT_ISSUE_LABEL_RE, HEAD_PAGE_NUMBER_RE):
        rest = label_re.sub(" ", rest)
    return not MASTHEAD_LEFTOVER_RE.sub("", rest)


def strip_page_furniture(body: list[SourceLine], cover: Cover,
                         report: ReportBuilder) -> list[SourceLine]:
    """Drop page numbers and running heads (gazette name, issue label) from the body."""
    out = []
    for n, line in enumerate(body):
        if PAGE_NUMBER_RE.fullmatch(line.text):
            report.discard([line], "page furniture: page number")
        elif CONTINUED_TABLE_RE.fullmatch(line.text):
            report.discard([line], "page furniture: table continued (续表)")
        elif is_red_head(line.text) and n + 1 < len(body) and doc_number_of_line(body[n + 1].text):
            report.discard([line], "document masthead (发文机关标志)")
        elif is_running_head(line.text, cover) or is_issue_label(line.text, cover):
            report.discard([line], "page furniture: running head")
        else:
            out.append(line)
    return out


def strip_section_heads(inputs: list[tuple[TocEntry, DocInput]],
                        report: ReportBuilder) -> list[tuple[TocEntry, DocInput]]:
    """Drop section titles printed inside a document (a running head naming the
    section at the top of each page); those above a section's first document
    were taken before (:func:`cut_printed_sections`)."""
    titles = {squash(entry.section) for entry, _ in inputs if entry.section}
    out = []
    for entry, doc in inputs:
        kept = []
        for line in doc.body:
            if section_key(line) in titles:
                report.discard([line], "page furniture: running head (section title)")
            else:
                kept.append(line)
        out.append((entry, replace(doc, body=kept)))
    return out
