"""The metadata a web page prints around an article: field labels (发布日期, 来源, 索引号,
发文字号 …) with a colon, the bar of a table copied as text, 【】 (a law database) or
only spaces for cells (an info-disclosure table), and a bare publication date.

Contract: :func:`is_meta` tells a metadata line, :func:`meta_fields` reads its
``label → value`` pairs (名称 stands for 标题), :func:`site_date` a field's date. The
labels are the fields' words, never a site's name.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import body as body_format
from .lines import WHITESPACE_RE

#: A label of the page's metadata (a line under the title, or a field table above it).
META_LABEL_RE = re.compile(
    r"""
    【?                                      # (a law database puts the label in 【】)
    (?P<label>
        发表时间 | 发布时间 | 发布日期 | 发文日期 | 成文日期 | 生效日期     # dates
      | 信息来源 | 来源 | 编辑录入 | 责任编辑 | 作者                       # provenance
      | 浏览次数 | 点击数 | 阅读次数 | 访问量 | 阅读量 | 浏览量 | 点击量    # counters
      | (?: 阅读 | 浏览 | 点击 ) (?= \s* [:：] \s* \d+ \s* (?: $ | [^\d\s年.]) )   # 阅读:8400
      | 索\s*引\s*号 | 主题分类 | 发文机关 | 发文机构 | 发布机构 | 所属机构  # gov.cn field table
      | 发文字号 | 文\s*号 | 体裁分类 | 组配分类 | 服务对象 | 公开方式 | 公开范围
      | 内容概述 | 内容摘要 | 关\s*键\s*词 | 统一编号 | 登记号 | 废止日期
      | 颁布日期 | 实施日期 | 施行日期 | 失效日期 | 颁布单位 | 发布部门 | 发布单位   # law sites
      | 时效性 | 效力级别 | 法规类别
      | 生成日期 | 生效时间 | 废止时间 | 信息分类 | 文件编号 | 公开日期 | 公开时限    # info-disclosure tables
      | 发布文号 | 所属类别 | 文件来源
      | 公开形式 | 公开程序 | 效力状况 | 责任部门 | 是否有效 | 简\s*介
      | 标\s*题 | 名\s*称 | 主\s*题\s*词 | 有\s*效\s*性 | 时\s*效
      | (?<![\u4e00-\u9fff]) (?: 时\s*间 | 日\s*期 )                     # 时间：2024-03-15, not 会议时间：
        (?= \s* [:：] \s* \d{4} \s* [-/.年] )                              # (only before a date)
    )
    (?: \s* (?: [:：] | [|｜] )              # and a colon (or the bar of a table copied as text)
      | 】 )                                 # or the closing 】
    """,
    re.X,
)
#: A label of a field table copied with spaces for cells (索引号 0001/2023-01 生成日期 …).
SPACED_LABEL_RE = re.compile(
    r"""
    (?: ^ | (?<=\s) )
    (?P<label>
        索引号 | 生成日期 | 公开日期 | 发布日期 | 成文日期 | 文件编号 | 发文字号 | 公开时限
      | 发布机构 | 发文机关 | 公开形式 | 公开方式 | 公开范围 | 效力状况 | 公开程序 | 有效性
      | 主题 [(（] [一二三] [)）] | 主题分类 | 体裁 | 关键词 | 分类词 | 文件下载 | 内容概况 | 内容概述
    )
    \s+ (?= \S )                            # a space, then the value
    """,
    re.X,
)
#: A line that is only the date (and time) a site published the page: • 2020-11-13 14:42.
DATE_ONLY_RE = re.compile(
    r"""
    [•·*]? \s* \d{4} [-/.] \d{1,2} [-/.] \d{1,2} [\s\d:]* $    # a bulleted date, a time
    """,
    re.X,
)
#: The start of a metadata line (so that ``META_RE.match`` tells one apart).
META_RE = re.compile(
    r"""
    (?: \d{4} [-/.年] \d{1,2} [-/.月] \d{1,2} 日? [\s\d:]* )?   # a date (and time) without label
    .{0,12}?            # a little chrome before the first label
    (?=""" + META_LABEL_RE.pattern + r""")
  | """ + DATE_ONLY_RE.pattern + r"""
    """,
    re.X,
)

#: A date as sites print it: 2023-05-08 / 2023/5/8 / 2023.05.08 (maybe with a time).
SITE_DATE_RE = re.compile(
    r"""
    (?P<year>\d{4}) [-/.] (?P<month>\d{1,2}) [-/.] (?P<day>\d{1,2})   # year, month, day
    """,
    re.X,
)


def site_date(text: str) -> dt.date | None:
    """The date of a metadata field: 2023年5月8日 or 2023-05-08; None if there is none."""
    if found := body_format.parse_date(text):
        return found
    match = SITE_DATE_RE.search(text)
    try:
        return dt.date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


def meta_fields(text: str) -> dict[str, str]:
    """``label → value`` of a metadata line (``发表时间: … 来源: …``); a date before the
    first label (``2024-03-15 10:30 来源：…``) is the 日期 field."""
    matches = list(META_LABEL_RE.finditer(text)) or list(SPACED_LABEL_RE.finditer(text))
    ends = [m.start() for m in matches[1:]] + [len(text)]
    fields = {WHITESPACE_RE.sub("", m["label"]): text[m.end():end].strip(" \t\u3000|｜")
              for m, end in zip(matches, ends)}
    lead = text[:matches[0].start()] if matches else text
    if site_date(lead):
        fields.setdefault("日期", lead.strip())
    if "名称" in fields:  # the article's name: its title
        fields.setdefault("标题", fields.pop("名称"))
    return fields


def is_spaced_meta(text: str, after_meta: bool = False) -> bool:
    """Is ``text`` a row of a field table copied with spaces for cells: a label first,
    and another label later (or, right under such a row, one label and its value)?"""
    labels = list(SPACED_LABEL_RE.finditer(text))
    return bool(labels) and labels[0].start() == 0 and (len(labels) >= 2 or after_meta)


def is_meta(text: str) -> bool:
    """Is ``text`` a line of the page's metadata (labels with colons, or a spaced row)?"""
    return bool(META_RE.match(text)) or is_spaced_meta(text)
