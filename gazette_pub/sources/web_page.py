"""A document copied from a government website (text of the page).

Expected shape: optional navigation chrome (breadcrumbs, 当前位置, menus), the
title, a metadata line (发表时间/发布时间, 来源, 编辑录入, 浏览次数), often the
title again as the article heading, the body with 4-space (or no-break-space)
paragraph indents, and footer chrome (版权所有, 主办, 运营维护, 网站标识码,
ICP备, 地址…) at the end.

Contract: chrome and the metadata line are discarded with their reason; a
repeated title is discarded as such (and guides which spaces of the title are
wrap spaces); indents are dropped; the body goes through
:func:`structure.build_document`; the result is a one-document draft issue.
"""

from __future__ import annotations

import logging
import re

from ..model import Issue
from .report import ReportBuilder
from .standalone import document_title, single_document_issue
from .structure import DocInput, SourceLine, similarity, source_lines
from .. import body as body_format

logger = logging.getLogger(__name__)

#: The page's metadata line under the title.
META_RE = re.compile(
    r"""
    .*?
    (?: 发表时间 | 发布时间 | 发文日期 | 来源 | 编辑录入 | 浏览次数 | 点击数 | 作者 )
    \s* [:：]
    """,
    re.X,
)

#: Site chrome lines: navigation before the article, footer after it.
CHROME_RE = re.compile(
    r"""
    .*?
    (?: 版权所有 | 运营维护 | 主办单位 | 承办单位 | 网站标识码 | ICP备 | 公网安备
      | 技术支持 | 联系我们 | 网站地图 | 设为首页 | 加入收藏 | 打印本页 | 关闭窗口
      | 当前位置 | 您的位置 | 字体[:：]? \s* [【\[]? \s* 大 )
    """,
    re.X,
)
#: A footer line with a site address (only counted inside the footer block).
FOOTER_ADDRESS_RE = re.compile(
    r"""
    (?: 地\s*址 | 电\s*话 | 邮\s*编 | 传\s*真 )   # address, phone, post code, fax
    \s* [:：]                                   # and a colon
    """,
    re.X,
)
#: A breadcrumb: 首页 > 政务公开 > 通知公告.
BREADCRUMB_RE = re.compile(
    r"""
    .* \S \s* (?: > | » | / ) \s* \S    # 首页 > 政务公开
    .* (?: > | » | / ) .*              # > 通知公告: at least two separators
    """,
    re.X,
)

#: A repeated title counts when this similar to the first.
REPEAT_TITLE_MATCH = 0.9
#: Lines under the metadata line searched for the repeated title.
REPEAT_WINDOW = 3


def is_chrome(line: SourceLine) -> bool:
    return bool(CHROME_RE.match(line.text))


def header_chrome(lines: list[SourceLine]) -> int:
    """How many leading lines are navigation chrome."""
    count = 0
    while count < len(lines) and (is_chrome(lines[count]) or
                                  BREADCRUMB_RE.fullmatch(lines[count].text)):
        count += 1
    return count


def footer_start(lines: list[SourceLine]) -> int:
    """Index of the first line of the footer chrome block (``len(lines)`` if none)."""
    start = len(lines)
    while start > 0 and (is_chrome(lines[start - 1]) or
                         (start < len(lines) and FOOTER_ADDRESS_RE.match(lines[start - 1].text))):
        start -= 1
    return start


def read_web_page(text: str, *, source_file: str, gazette_id: str,
                  report: ReportBuilder) -> Issue:
    """Read a scraped web page (see the module doc) into a one-document issue."""
    lines = source_lines(text)
    head = header_chrome(lines)
    report.discard(lines[:head], "site chrome: navigation")
    end = footer_start(lines)
    report.discard(lines[end:], "site chrome: footer")
    lines = lines[head:end]
    title_line, rest = lines[0], lines[1:]
    if rest and META_RE.match(rest[0].text):
        published = body_format.parse_date(rest[0].text)
        report.discard(rest[:1], "site chrome: page metadata (发表时间/来源)")
        if published:
            report.normalize(rest[0].no, f"published on the site on {published.isoformat()}")
        rest = rest[1:]
    guide = ""
    for index, line in enumerate(rest[:REPEAT_WINDOW]):
        if similarity(line.text, title_line.text) >= REPEAT_TITLE_MATCH:
            report.discard(rest[:index], "site chrome: page tools")
            report.discard([line], "site chrome: repeated title (article heading)")
            guide, rest = line.text, rest[index + 1:]
            break
    doc = DocInput(title=document_title([title_line], report, guide), body=rest, seq=1,
                   first_line=title_line.no)
    return single_document_issue(doc, gazette_id=gazette_id, source_file=source_file,
                                 report=report)
