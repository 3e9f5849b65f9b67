"""A document copied from a government website (text of the page).

Expected shape: optional navigation chrome (breadcrumbs, 当前位置, menus, the
site's name: lines above the title that no pattern knows are navigation when the
metadata sits under the title); the title; page metadata, either a line under
the title (发表时间/发布时间, 来源, 编辑录入, 浏览次数) or a field table above it
(索引号, 发文机关, 发文字号, 成文日期, 标题 …); page tools (【字体：大 中 小】);
often the title again as the article heading; the body with 4-space (or
no-break/ideographic-space) paragraph indents; footer chrome (版权所有, 主办,
运营维护, 网站标识码, ICP备, 地址 …, with short lines no pattern knows among them:
a visitor counter, a browser hint).

Contract: chrome, metadata and tools lines are discarded with their reason (a
field table copied a cell a line gives a label line, then its value line); a
page title that adds the site's name to the article heading under it is
discarded (the heading is the title); a repeated title is discarded as such and
(or the 标题 field) guides which spaces of the title are wrap spaces; the 发文字号
field gives the 文号 when the body has none; the publication date is reported;
indents are dropped; from the title on, the page is read like any single document
(:func:`standalone.document_input`: a title wrapped over several lines, the 文号 and
the 主送 under it); the result is a one-document draft issue.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from itertools import takewhile

from ..model import Issue
from .report import ReportBuilder
from .standalone import document_input, single_document_issue
from .lines import SourceLine, source_lines, squash
from .flattened import unflatten
from .doc_number import doc_number_of_line, order_number_of_line
from .head import DATED_NOTE_RE, ORDER_HEADING_RE, TITLE_END_RE, TITLE_VERB_RE, title_shaped
from .headings import label_type
from .organs import OFFICIAL_RE, is_signer_line, organ_parts
from .titles import similarity
from .site_chrome import is_chrome_text
from .page_fields import (META_RE, SITE_DATE_RE, is_meta, is_spaced_meta, meta_fields,
                          site_date)

logger = logging.getLogger(__name__)

#: A footer line with a site address (only counted inside the footer block).
FOOTER_ADDRESS_RE = re.compile(
    r"""
    (?: 地\s*址 | 电\s*话 | 邮\s*编 | 传\s*真 )   # address, phone, post code, fax
    \s* [:：]                                   # and a colon
    """,
    re.X,
)
#: A breadcrumb: 首页 > 政务公开 > 通知公告 (or ＞ → › /).
BREADCRUMB_RE = re.compile(
    r"""
    .* \S \s* [>»/＞→›] \s* \S    # 首页 > 政务公开
    .* [>»/＞→›] .*              # > 通知公告: at least two separators
    """,
    re.X,
)

#: Metadata fields that give the page's publication date, in order of preference.
PUBLISHED_LABELS = ("发布日期", "发布时间", "发表时间", "成文日期", "发文日期", "时间", "日期")

#: The site's name after the article title in a page title (关于…的通知_某某网站).
TITLE_SITE_NAME_RE = re.compile(
    r"""
    \s* [_|｜\-–—]+ \s*     # a separator
    [^_|｜]{2,30} $          # the site's name, to the end
    """,
    re.X,
)
#: The site's column before the article title in a page title: 政务服务丨… / 通知公告|….
TITLE_COLUMN_RE = re.compile(
    r"""
    (?P<column> [^|｜丨\s，。；：:]{2,10} ) \s* [|｜丨] \s*   # a short column name, a bar
    (?= \S{8,} $ )                                          # then the title, to the end
    """,
    re.X,
)
#: A repeated title counts when this similar to the first.
REPEAT_TITLE_MATCH = 0.9
#: Lines at the top of the article searched for metadata, tools and the repeated title.
HEAD_WINDOW = 12
#: Footer lines no pattern knows, taken in a row when chrome lies above them.
FOOTER_FILLER_RUN = 2
#: Longest such footer line.
FOOTER_FILLER_MAX = 40
#: Punctuation that ends or splits a sentence (never in a footer filler line).
SENTENCE_END_RE = re.compile(
    r"""
    [。；;！？]
    """,
    re.X,
)


def is_chrome(line: SourceLine) -> bool:
    return is_chrome_text(line.text)





def is_breadcrumb(line: SourceLine) -> bool:
    """首页 > 政务公开 > 通知公告; not a date with slashes (发文日期：2024/03/15)."""
    return bool(BREADCRUMB_RE.fullmatch(line.text)) and not SITE_DATE_RE.search(line.text)


def header_chrome(lines: list[SourceLine]) -> int:
    """How many leading lines are navigation chrome: chrome lines from the top, and
    everything up to a breadcrumb among the first :data:`HEAD_WINDOW` lines."""
    count = 0
    while count < len(lines) and (is_chrome(lines[count]) or is_breadcrumb(lines[count])):
        count += 1
    crumbs = [i for i, ln in enumerate(lines[:HEAD_WINDOW]) if is_breadcrumb(ln)]
    return max([count] + [i + 1 for i in crumbs])


def is_footer_filler(line: SourceLine) -> bool:
    """A short line no pattern knows, taken inside the footer (您是第12345位访客,
    建议使用1280×768分辨率浏览): no sentence, not a date."""
    return (len(line.text) <= FOOTER_FILLER_MAX and not SENTENCE_END_RE.search(line.text)
            and not site_date(line.text))


def footer_start(lines: list[SourceLine]) -> int:
    """Index of the first line of the footer chrome block (``len(lines)`` if none).

    The block is read from the end: chrome lines, address lines below a chrome line,
    and up to :data:`FOOTER_FILLER_RUN` filler lines in a row between or below them;
    it starts at its topmost chrome or address line (filler above it is the article's).
    """
    start = index = len(lines)
    filler = 0
    while index > 0 and filler <= FOOTER_FILLER_RUN:
        line = lines[index - 1]
        if is_chrome(line) or (start < len(lines) and FOOTER_ADDRESS_RE.match(line.text)):
            start, filler = index - 1, 0
        elif is_footer_filler(line):
            filler += 1
        else:
            break
        index -= 1
    return start


def awaited_value(lines: list[SourceLine], index: int) -> bool:
    """Is ``lines[index]`` the value of the label alone on the line above it? Only inside
    the field block: another label follows it, or it is a date or a 文号 (an empty last
    field, such as 内容概述, must not take the article's first line)."""
    line = lines[index]
    if is_chrome(line) or label_type(line.text):
        return False
    following = lines[index + 1] if index + 1 < len(lines) else None
    return bool((following is not None and is_meta(following.text))
                or site_date(line.text) or doc_number_of_line(line.text))


def without_column(line: SourceLine, report: ReportBuilder) -> SourceLine:
    """The page title ``line`` without the site's column before it (reported), when the
    rest reads as a title (政务服务丨某某市人民政府关于…的意见)."""
    match = TITLE_COLUMN_RE.match(line.text)
    rest = line.text[match.end():] if match else ""
    if not match or not title_shaped(rest) or TITLE_VERB_RE.search(match["column"]):
        return line
    report.discard([replace(line, text=line.text[:match.end()])],
                   "site chrome: the site's column before the page title")
    return replace(line, text=rest)


#: A page title holding the article's title in 《》 beside its 文号: 某政发〔2014〕20号《…》.
TITLE_BESIDE_NUMBER_RE = re.compile(
    r"""
    (?P<number> [^《》]+? 号 ) \s* 《 (?P<title> [^《》]+ (?:《[^《》]*》[^《》]*)* ) 》   # 文号《title》
  | 《 (?P<title2> [^《》]+ ) 》 \s* (?P<number2> [^《》]+? 号 )                       # 《title》文号
    """,
    re.X,
)


def without_number(line: SourceLine, head: "PageHead", report: ReportBuilder) -> SourceLine:
    """The page title ``line`` without the 文号 a site prints beside it (the 文号 kept as
    the page's 发文字号 field, its 《》 discarded), when the rest reads as a title."""
    match = TITLE_BESIDE_NUMBER_RE.fullmatch(line.text)
    if not match:
        return line
    number, title = match["number"] or match["number2"], match["title"] or match["title2"]
    if not doc_number_of_line(number) or not title_shaped(title):
        return line
    head.fields.setdefault("发文字号", number)
    report.discard([replace(line, text=number + "《》")],
                   "site chrome: the 文号 beside the page title (kept as the page's 发文字号)")
    return replace(line, text=title)


@dataclass
class PageHead:
    """The top of an article: title line, metadata fields, where the body starts."""

    title: SourceLine | None = None
    repeated: SourceLine | None = None
    fields: dict[str, str] = field(default_factory=dict)
    body_start: int = 0
    #: Organs printed on a line of their own over the title.
    organs: tuple[str, ...] = ()


def fuller_title(text: str, title: str) -> bool:
    """Is ``text`` (the article's heading) a fuller form of the page's ``title``: longer,
    not the title with more after it (a site's name, a cut copy's rest)?"""
    a, b = squash(text), squash(title)
    return len(a) > len(b) and not a.startswith(b) and a[-2:] == b[-2:]


def organ_over_named_title(lines: list[SourceLine], index: int, fields: dict[str, str]) -> bool:
    """Is ``lines[index]`` an organ line right over the title the page's 标题 field names
    (not itself that title)?"""
    named = fields.get("标题", "")
    following = lines[index + 1] if index + 1 < len(lines) else None
    return bool(named and following is not None and is_signer_line(lines[index].text)
                and not OFFICIAL_RE.fullmatch(lines[index].text)
                and similarity(lines[index].text, named) < REPEAT_TITLE_MATCH
                and similarity(following.text, named) >= REPEAT_TITLE_MATCH)


def navigation_above_title(lines: list[SourceLine]) -> int:
    """How many lines above the title are navigation no pattern knows (a site name, a
    menu). A field table naming the 标题 stands above the title: every line above the
    table is navigation. Metadata under the title: the title is the last line above
    it that is not chrome, and the lines above the title are navigation."""
    window = lines[:HEAD_WINDOW]
    first_meta = next((i for i, ln in enumerate(window) if is_meta(ln.text)), None)
    if first_meta is None:
        return 0
    block = takewhile(lambda ln: is_meta(ln.text) or is_chrome(ln), window[first_meta:])
    if any("标题" in meta_fields(ln.text) for ln in block):
        return first_meta
    others = [i for i in range(first_meta) if not is_chrome(window[i])]
    return others[-1] if others else 0


def read_page_head(lines: list[SourceLine], report: ReportBuilder) -> PageHead:
    """Title, metadata lines (above or under it), page tools and the repeated title."""
    head = PageHead()
    index = navigation_above_title(lines)
    report.discard(lines[:index], "site chrome: navigation")
    awaiting = None  # a label alone on its line: its value is on the next one
    metadata = 0  # metadata lines do not count against the window
    after_meta = False  # the line above was metadata
    while index < len(lines) and index - metadata < HEAD_WINDOW:
        line = lines[index]
        if META_RE.match(line.text) or is_spaced_meta(line.text, after_meta):
            fields = meta_fields(line.text)
            head.fields.update({k: v for k, v in fields.items() if v or k not in head.fields})
            awaiting = next(iter(fields)) if len(fields) == 1 and not any(fields.values()) \
                else None
            metadata += 1
            after_meta = True
            report.discard([line], "site chrome: page metadata")
            index += 1
            continue
        elif awaiting and awaited_value(lines, index):
            head.fields[awaiting], awaiting = line.text, None
            metadata += 1
            report.discard([line], "site chrome: page metadata")
        elif is_chrome(line):
            awaiting = None
            report.discard([line], "site chrome: page tools")
        elif head.title is None and organ_over_named_title(lines, index, head.fields):
            # the organ printed over the title the 标题 field names (a 发文机关 line)
            report.discard([line], "issuing organ above the title (byline): kept as the organ")
            head.organs += tuple(organ_parts(line.text))
        elif head.title is None:
            head.title = without_number(without_column(line, report), head, report)
        elif head.repeated is None and similarity(line.text, head.title.text) >= REPEAT_TITLE_MATCH \
                and fuller_title(line.text, head.title.text):
            # the article's own heading names more (某省人民政府 where the page says 某省政府)
            report.discard([head.title], "site chrome: page title (the article's own heading "
                                         "names it in full)")
            head.title, head.repeated, awaiting = line, head.title, None
        elif head.repeated is None and similarity(line.text, head.title.text) >= REPEAT_TITLE_MATCH:
            head.repeated, awaiting = line, None
            report.discard([line], "site chrome: repeated title (article heading)")
        elif head.repeated is None and similarity(
                line.text, TITLE_SITE_NAME_RE.sub("", head.title.text)) >= REPEAT_TITLE_MATCH:
            report.discard([head.title], "site chrome: page title (with the site's name)")
            head.title = line
        else:
            break
        after_meta = False
        index += 1
    head.body_start = index
    return head


#: Body lines searched for the article's own title under the page's.
OWN_TITLE_WINDOW = 4


#: Most lines the article's own title is wrapped over under the page's.
OWN_TITLE_LINES = 3


def printed_again(title: SourceLine, body: list[SourceLine]) -> bool:
    """Does the article print the page's title again among its first lines (on one
    line, or wrapped over up to :data:`OWN_TITLE_LINES` lines: organ, then 关于…)?"""
    window = body[:OWN_TITLE_WINDOW]
    return any(similarity("".join(ln.text for ln in window[i:i + n]), title.text)
               >= REPEAT_TITLE_MATCH
               for n in range(1, OWN_TITLE_LINES + 1) for i in range(len(window) - n + 1))


#: Shortest truncated copy of the title that still counts as the title printed again.
TRUNCATED_TITLE_MIN = 8


def same_title(text: str, title: str) -> bool:
    """Is ``text`` the title printed again: alike, or one cut short of the other (a law
    site prints the article's title truncated under the page's)?"""
    a, b = squash(text), squash(title)
    short, long_ = sorted((a, b), key=len)
    return similarity(a, b) >= REPEAT_TITLE_MATCH or (
        len(short) >= max(TRUNCATED_TITLE_MIN, len(long_) // 2) and long_.startswith(short)) \
        or (len(b) >= TRUNCATED_TITLE_MIN and b in a and bool(TITLE_END_RE.search(a)))


def organs_then_title(title: SourceLine, body: list[SourceLine]) -> int:
    """How many organ lines open ``body`` before a line printing ``title`` again (law
    and gov sites print [title] [organ line] [title, maybe cut short]); 0 if none."""
    for k, line in enumerate(body[:OWN_TITLE_WINDOW]):
        if k and same_title(line.text, title.text):
            return k
        if not is_signer_line(line.text) or SENTENCE_END_RE.search(line.text) \
                or OFFICIAL_RE.fullmatch(line.text):
            return 0
    return 0


def organs_then_order(title: SourceLine, body: list[SourceLine]) -> int:
    """How many organ lines open ``body`` before an order heading (某某令, or 某某令 with
    its number) when the page's ``title`` is printed again further down (the regulation
    the order promulgates); 0 if the body does not open so."""
    for k, line in enumerate(body[:OWN_TITLE_WINDOW]):
        if k and (ORDER_HEADING_RE.fullmatch(line.text) or order_number_of_line(line.text)):
            return k if any(same_title(ln.text, title.text) for ln in body[k + 1:]) else 0
        if not is_signer_line(line.text) or SENTENCE_END_RE.search(line.text) \
                or OFFICIAL_RE.fullmatch(line.text):
            return 0
    return 0


#: A law site's tag before a line of the article: 【题注】 (…) / 【章名】 第一章 总则.
SITE_TAG_RE = re.compile(
    r"""
    【 [\u4e00-\u9fff]{2,4} 】 \s*    # a short tag in 【】, then the line proper
    """,
    re.X,
)


def untagged(lines: list[SourceLine], report: ReportBuilder) -> list[SourceLine]:
    """``lines`` with a site's tag taken off the front of a line whose rest is a heading
    or a dated 题注 on its own (the tag is the site's markup, reported as discarded)."""
    out = []
    for line in lines:
        match = SITE_TAG_RE.match(line.text)
        rest = line.text[match.end():] if match else ""
        if match and rest and (label_type(rest) or DATED_NOTE_RE.fullmatch(rest)):
            report.discard([replace(line, text=match.group().strip())],
                           "site chrome: the site's tag before a line")
            line = replace(line, text=rest)
        out.append(line)
    return out


def read_web_page(text: str, *, source_file: str, gazette_id: str,
                  report: ReportBuilder) -> Issue:
    """Read a scraped web page (see the module doc) into a one-document issue."""
    lines = unflatten(source_lines(text), report)
    start, end = header_chrome(lines), footer_start(lines)
    report.discard(lines[:start], "site chrome: navigation")
    report.discard(lines[end:], "site chrome: footer")
    lines = lines[start:end]
    head = read_page_head(lines, report)
    for label in PUBLISHED_LABELS:
        if published := site_date(head.fields.get(label, "")):
            report.normalize(head.title.no if head.title else None,
                             f"{label} on the site: {published.isoformat()}")
            break
    guide = head.repeated.text if head.repeated else head.fields.get("标题", "")
    body = lines[head.body_start:]
    organs: tuple[str, ...] = ()
    if head.title is not None and (k := organs_then_title(head.title, body)):
        # [title] [organ line(s)] [the title again, maybe cut short]: the organ lines
        # are the organs, not part of the title; the longer copy is the title
        report.discard(body[:k], "issuing organ above the repeated title (byline): kept "
                                 "as the organ")
        organs = tuple(part for ln in body[:k] for part in organ_parts(ln.text))
        again = body[k]
        if len(squash(again.text)) > len(squash(head.title.text)):
            report.discard([head.title], "site chrome: page title (the article prints it "
                                         "in full)")
            head.title = again
        else:
            cut = len(squash(again.text)) < len(squash(head.title.text))
            report.discard([again], "site chrome: repeated title (article heading"
                                    + (", cut short)" if cut else ")"))
        body = body[k + 1:]
        fields = list(takewhile(lambda ln: is_meta(ln.text), body))
        report.discard(fields, "site chrome: page metadata (under the article's title)")
        body = untagged(body[len(fields):], report)
    elif head.title is not None and (k := organs_then_order(head.title, body)):
        # [regulation title] [organ line] [the order heading (某某令 / 第N号)] …: the
        # page's title is the regulation's the order promulgates, printed under it
        report.discard(body[:k], "issuing organ above the order heading (byline): kept "
                                 "as the organ")
        organs = tuple(part for ln in body[:k] for part in organ_parts(ln.text))
        report.discard([head.title], "site chrome: page title (the regulation the order "
                                     "promulgates, printed under it)")
        guide, head.title, body = "", None, body[k:]
    elif head.title is not None and printed_again(head.title, body):
        # the article prints its own title (maybe with its organs over it) further
        # down: the page's title is the site's, and the article is read from its head
        report.discard([head.title], "site chrome: page title (the article prints its own)")
        guide, head.title = head.title.text, None
    hint = next((value for label in ("发文字号", "文号", "文件编号")
                 if doc_number_of_line(value := head.fields.get(label, ""))), "")
    doc = document_input(([head.title] if head.title else []) + body, report,
                         first_is_title=head.title is not None, guide=guide, hint=hint,
                         organs=head.organs + organs)
    return single_document_issue(doc, gazette_id=gazette_id, source_file=source_file,
                                 report=report)
