"""The frame of a 公文 (GB/T 9704-2012) around the document proper: 版头 and 版记.

A document sent as a .docx or .pdf is the paper copy: above its title stands the
版头 — 份号, 密级和保密期限, 紧急程度, the 发文机关标志 (``某某人民政府文件``, joint
organs one a line) and the 签发人 (on the 文号's line in an upward document) — and
after its last page the 版记: 抄送, then 印发机关和印发日期 (``某某办公室　2021年3月1日印发``).
A gazette prints the document without either. Contract: :func:`read_frame`

* takes the 版头 lines off the top (at most :data:`HEAD_WINDOW` lines, stopping at
  the first line that is none of them; the 文号 stays, with a 签发人 part of its line
  cut off): each is discarded with its reason, and the organs of the 发文机关标志
  are kept for the document (:meth:`Frame.apply`: its organs when neither its
  落款 nor its title named them);
* takes the 版记 off the end: from the last 抄送 (or 主题词, 分送) line among the last
  :data:`TAIL_WINDOW` lines — the first of such rows standing one after another (抄送
  then 分送) — or from the 印发 line, to the end. It is **discarded
  with its reason, not kept as metadata**: who got copies and when the office printed
  them is distribution data of the paper copy, which the gazette edition does not
  print and the manifest has no field for (the report keeps the text).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from ..model import Issue
from .report import ReportBuilder
from .doc_number import doc_number_of_line
from .lines import SourceLine
from .organs import RED_HEAD_RE, TITLE_VERB_RE, unspaced

logger = logging.getLogger(__name__)

#: Lines at the top that may hold the 版头.
HEAD_WINDOW = 10
#: Lines at the end that may hold the 版记.
TAIL_WINDOW = 8

#: 份号: six digits (or fewer) alone, maybe labelled.
COPY_NUMBER_RE = re.compile(
    r"""
    (?: 份 \s* 号 \s* [:：]? \s* )? \d{1,6}    # 000123 / 份号：000123
    """,
    re.X,
)
#: 密级和保密期限: 秘密 / 机密★1年 / 绝密★长期 / 密级：秘密.
SECRECY_RE = re.compile(
    r"""
    (?: 密 \s* 级 \s* [:：] \s* )?
    (?: 秘 | 机 | 绝 ) \s* 密 (?: \s* [★☆*] \s* [\w]{1,6} )?
    """,
    re.X,
)
#: 紧急程度: 特急 / 加急 (特提 / 平急 for telegrams), maybe labelled.
URGENCY_RE = re.compile(
    r"""
    (?: 紧 \s* 急 \s* 程 \s* 度 \s* [:：] \s* )? (?: 特 \s* 急 | 加 \s* 急 | 特 \s* 提 | 平 \s* 急 )
    """,
    re.X,
)
#: 签发人：张三 李四 (after the 文号 on its line, or alone).
SIGNER_RE = re.compile(
    r"""
    签 \s* 发 \s* 人 \s* [:：] .*    # 签发人： and the names
    """,
    re.X,
)
#: An organ line of a joint 发文机关标志 (the 文件 on a line of its own or after the last).
ORGAN_LINE_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,40} (?<=[委府厅局部会院办室处署行组心司团社所站队馆校])   # ends like an organ
    """,
    re.X,
)
#: 文件 alone (the right part of a joint masthead).
FILE_WORD_RE = re.compile(
    r"""
    文 \s* 件
    """,
    re.X,
)
#: The 抄送 line (or 主题词 of older documents) that opens the 版记.
COPIES_RE = re.compile(
    r"""
    (?: 抄 \s* 送 | 主 \s* 题 \s* 词 | 分 \s* 送 ) \s* [:：]
    """,
    re.X,
)
#: 印发机关和印发日期: 某某办公室　2021年3月1日印发 (digits half- or full-width, or
#: Chinese numerals: 二〇二一年三月一日印发).
PRINTED_RE = re.compile(
    r"""
    .* (?: [\d０-９]{4} | [〇○Oo0零一二三四五六七八九]{4} ) \s* 年 \s*
    (?: [\d０-９]{1,2} | [一二三四五六七八九十]{1,3} ) \s* 月 \s*
    (?: [\d０-９]{1,2} | [一二三四五六七八九十]{1,3} ) \s* 日 \s* 印 \s* 发 \s*
    """,
    re.X,
)


def is_imprint(texts: list[str]) -> bool:
    """Do the rows ``texts`` (a table's, each row's cells joined) hold a 版记: an
    抄送 row first or a 印发 row last? Word's GB/T 9704 templates draw the 版记 as a
    table whose rules are the 版记's lines; its rows are text, not data."""
    rows = [t.strip() for t in texts if t.strip()]
    return bool(rows) and (bool(COPIES_RE.match(rows[0])) or bool(PRINTED_RE.fullmatch(rows[-1])))


@dataclass(frozen=True)
class Frame:
    """The document proper (``lines``) and the organs its 发文机关标志 names."""

    lines: list[SourceLine]
    organs: tuple[str, ...] = ()

    def apply(self, issue: Issue, report: ReportBuilder) -> Issue:
        """``issue`` with the masthead's organs on its one document if it has none."""
        if len(issue.documents) != 1 or issue.documents[0].organs:
            return issue
        doc = replace(issue.documents[0], organs=self.organs)
        report.normalize(doc.source.lines[0] if doc.source and doc.source.lines else None,
                         f"organs {'、'.join(self.organs)} taken from the 发文机关标志")
        sections = tuple(replace(s, documents=tuple(doc if d.seq == doc.seq else d
                                                    for d in s.documents))
                         for s in issue.sections)
        return replace(issue, sections=sections)


def masthead_organs(lines: list[SourceLine], start: int) -> tuple[int, tuple[str, ...]]:
    """(lines used, organs) of a 发文机关标志 at ``lines[start]``, or (0, ()): one line
    ``某某人民政府文件``, or joint organs one a line with 文件 after the last, on a line of
    its own or beside them (read from a table: ``organ / 文件 / organ``)."""
    organs: list[str] = []
    end, has_file_word = start, False
    while end < len(lines) and lines[end].table is None:
        text = unspaced(lines[end].text)
        if RED_HEAD_RE.fullmatch(text) and not TITLE_VERB_RE.search(text):
            organs += FILE_WORD_RE.sub("", text).split()
            has_file_word = True
        elif FILE_WORD_RE.fullmatch(text):
            has_file_word = True
        elif ORGAN_LINE_RE.fullmatch(text) and not TITLE_VERB_RE.search(text):
            organs.append(text)
        else:
            break
        end += 1
    if not has_file_word or not organs:
        return 0, ()
    return end - start, tuple(o.strip() for o in organs if o.strip())


def read_head(lines: list[SourceLine], report: ReportBuilder) -> tuple[list[SourceLine], tuple]:
    """The lines without the 版头, and the masthead's organs (module doc)."""
    out: list[SourceLine] = []
    organs: tuple[str, ...] = ()
    index = 0
    while index < min(len(lines), HEAD_WINDOW):
        line = lines[index]
        text = line.text
        if line.table is not None:
            break
        if COPY_NUMBER_RE.fullmatch(text) and not out and not organs:
            report.discard([line], "版头: 份号 (copy number of the paper copy)")
        elif SECRECY_RE.fullmatch(text):
            report.discard([line], "版头: 密级和保密期限")
        elif URGENCY_RE.fullmatch(text):
            report.discard([line], "版头: 紧急程度")
        elif not organs and (found := masthead_organs(lines, index))[0]:
            used, organs = found
            report.discard(lines[index:index + used], "版头: 发文机关标志 (the organs are kept "
                                                      "as the document's)")
            index += used
            continue
        elif SIGNER_RE.fullmatch(text):
            report.discard([line], "版头: 签发人")
        elif (signer := SIGNER_RE.search(text)) and doc_number_of_line(text[:signer.start()]
                                                                       .strip()):
            kept = text[:signer.start()].strip()
            report.discard([replace(line, text=text[signer.start():])], "版头: 签发人")
            out.append(replace(line, text=kept))
        else:
            break
        index += 1
    return out + lines[index:], organs


def read_tail(lines: list[SourceLine], report: ReportBuilder) -> list[SourceLine]:
    """The lines without the 版记 (module doc)."""
    window = range(max(0, len(lines) - TAIL_WINDOW), len(lines))
    printed = next((i for i in reversed(window) if lines[i].table is None
                    and PRINTED_RE.fullmatch(lines[i].text)), None)
    copies = next((i for i in reversed(window) if lines[i].table is None
                   and COPIES_RE.match(lines[i].text)
                   and (printed is None or i < printed)), None)
    while copies is not None and copies > 0 and lines[copies - 1].table is None \
            and COPIES_RE.match(lines[copies - 1].text):
        copies -= 1  # 主题词 / 抄送 / 分送 rows one after another: the 版记 opens with the first
    start = copies if copies is not None else printed
    if start is None or start == 0:
        return lines
    report.discard(lines[start:], "版记 (抄送, 印发机关和印发日期): distribution data of the "
                                  "paper copy, not printed in the gazette")
    return lines[:start]


def read_frame(lines: list[SourceLine], report: ReportBuilder) -> Frame:
    """The document proper of a .docx/.pdf single document (see the module doc)."""
    body, organs = read_head(lines, report)
    return Frame(read_tail(body, report), organs)
