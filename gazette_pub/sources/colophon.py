"""Colophon and back matter of a whole issue (版权页, 本刊简介, 征订启事 …).

A colophon is a run of ``label：value`` lines (labels may be letter-spaced, values
may wrap onto the next line); it may stand between the 目录 and the first document
or after the last one. Back matter is a heading such as 本刊简介 with the lines
under it, printed after the last document.

Contract: :func:`read_colophon` stores each label once in the :class:`~.cover.Cover`
(values seen again are kept once each); :func:`strip_trailing_colophon` and
:func:`split_back_matter` cut what follows the last document off it, so that it
never becomes paragraphs of that document; every line cut is reported.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .line_kinds import is_title_like
from .lines import WHITESPACE_RE, SourceLine
from .report import ReportBuilder

if TYPE_CHECKING:
    from .cover import Cover

#: Whitespace inside a label (主 编 → 主编).
LABEL_SPACE_RE = re.compile(
    r"""
    \s
    """,
    re.X,
)

#: A colophon line: a (possibly letter-spaced) label, a colon, the value.
COLOPHON_RE = re.compile(
    r"""
    (?P<label>
        主\s*编 | 副\s*主\s*编 | 总\s*编\s*辑 | 副\s*总\s*编\s*辑          # editors
      | 责\s*任\s*编\s*辑 | 执\s*行\s*编\s*辑 | 编\s*辑
      | (?: 主\s*管 | 主\s*办 | 承\s*办 | 编\s*辑\s*出\s*版 | 出\s*版 )      # publisher
        (?: \s* 单\s*位 )?                                             # 主管单位
      | 出\s*版\s*日\s*期
      | 地\s*址 | 邮\s*政\s*编\s*码 | 邮\s*编 | 电\s*话 | 联\s*系\s*电\s*话  # contact
      | 传\s*真 | 电\s*子\s*邮\s*箱 | 邮\s*箱 | 网\s*址
      | 国\s*际\s*标\s*准\s*刊\s*号 | 国\s*内\s*统\s*一\s*刊\s*号          # registration
      | 刊\s*号 | 登\s*记\s*号 | 连\s*续\s*性\s*内\s*部\s*资\s*料\s*准\s*印\s*证
      | (?:内\s*部\s*资\s*料\s*(?:性\s*出\s*版\s*物\s*)?)? 准\s*印\s*证\s*号
      | 印\s*刷 | 印\s*刷\s*单\s*位 | 承\s*印                                # print, sale
      | 发\s*行 | 发\s*行\s*范\s*围 | 定\s*价
    )
    \s* [:：] \s*
    (?P<value>.*)
    """,
    re.X,
)


#: Any other ``label：value`` line inside a colophon (投稿邮箱：…, 发行范围：…).
COLOPHON_FIELD_RE = re.compile(
    r"""
    (?P<label> [\u4e00-\u9fff] [\u4e00-\u9fff\x20\u3000]{1,9} )   # a short label
    \s* [:：] \s*
    (?P<value> [^。；;]* )                                      # a value, no sentence
    """,
    re.X,
)


#: Colophon labels whose value is a list of names (one per line).
NAME_LABELS = frozenset({"主编", "副主编", "总编辑", "副总编辑", "责任编辑", "执行编辑", "编辑"})


#: A back-matter heading after the last document: 本刊简介, 征订启事, 稿约 …
BACK_MATTER_RE = re.compile(
    r"""
    (?:本\s*刊|本\s*报)? \s*
    (?: 简\s*介 | 征\s*订\s*启\s*事 | 订\s*阅\s*(?:办法|启事|须知) | 稿\s*约 | 更\s*正\s*启\s*事 | 声\s*明
      | 征\s*稿\s*启\s*事 | 投\s*稿\s*须\s*知 | 读\s*者\s*须\s*知 | 订\s*阅\s*单 )
    """,
    re.X,
)


def colophon_match(text: str) -> re.Match | None:
    """A colophon line with a known label, else any short ``label：value`` line."""
    return COLOPHON_RE.fullmatch(text) or COLOPHON_FIELD_RE.fullmatch(text)


def read_colophon(lines: list[SourceLine], cover: Cover, report: ReportBuilder) -> None:
    """``label:value`` lines with wrapped continuations → ``cover.colophon``."""
    entries: list[tuple[str, list[str]]] = []
    for line in lines:
        match = colophon_match(line.text)
        if match:
            entries.append((LABEL_SPACE_RE.sub("", match["label"]), [match["value"]]))
        elif entries:
            entries[-1][1].append(line.text)
        else:
            report.uncertain(line.no, f"front matter line not understood: {line.text!r}")
    for label, values in entries:
        names = tuple(WHITESPACE_RE.sub(" ", v) for v in values)  # 李　华 → 李 华
        cover.add_colophon(label, names if label in NAME_LABELS else "".join(values))
    report.discard(lines, "colophon (in gazette metadata)")


def strip_trailing_colophon(body: list[SourceLine], cover: Cover,
                            report: ReportBuilder) -> list[SourceLine]:
    """A colophon printed after the last document (≥ 3 label lines) is cut off and read."""
    labels = [i for i, ln in enumerate(body) if COLOPHON_RE.fullmatch(ln.text)]
    for first in labels:
        tail = body[first:]
        if sum(1 for ln in tail if COLOPHON_RE.fullmatch(ln.text)) >= 3 and all(
                colophon_match(ln.text) or is_title_like(ln.text) for ln in tail):
            read_colophon(tail, cover, report)
            return body[:first]
    return body


def split_back_matter(body: list[SourceLine], report: ReportBuilder) -> tuple[list[SourceLine], tuple[str, ...]]:
    """Cut back matter (本刊简介, 征订启事 …) off the end of the last document.

    Each back-matter piece is its heading line and the lines under it, joined by newlines.
    """
    starts = [i for i, ln in enumerate(body) if BACK_MATTER_RE.fullmatch(ln.text)]
    if not starts:
        return body, ()
    pieces = []
    for start, end in zip(starts, starts[1:] + [len(body)]):
        pieces.append("\n".join(ln.full_text for ln in body[start:end]))
        report.normalize(body[start].no, f"back matter {body[start].text!r} (lines "
                                         f"{body[start].no}-{body[end - 1].no})")
    return body[:starts[0]], tuple(pieces)
