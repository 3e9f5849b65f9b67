"""A whole gazette issue as text extracted from its PDF → :class:`model.Issue`.

The layout this reader expects (every part optional except the documents):

* the cover: a stray title line, slogans with ●, the gazette name (``…公报``,
  possibly wrapped; a line in pinyin or English), the 编辑委员会 (主任:/副主任:/委员:
  and name lines), the masthead (``(半月刊)``, ``NNNN年第N期`` or ``第N号``,
  ``(总第N期)`` or ``总号：N``, ``NNNN年N月N日出版``), colophon lines (主管单位：…);
* the 目录 / 目次, over one or more pages (the header repeated, maybe ``（续）``,
  page furniture such as slogans in between): section headings (in ``【】 〔〕 ［］``,
  after a bullet ■, or plain short lines), entries of wrapped title lines, the
  文号 (in brackets, bare after a space, or on its own line before or after the
  page), an order (``某某人民政府令（第N号）``), leaders (``.... …… ····`` or
  spaces) and the page (on the entry's last line or alone under it);
* the colophon: ``label:value`` lines (labels may be letter-spaced, values may wrap);
* the documents, one after another, each starting with its title as in the TOC,
  with page numbers and running heads (the gazette name or its end, the issue
  label, the section title) between their lines.

Contract: tables laid out with spaces become tab-separated rows first
(:func:`layout.tabulate_space_columns`); page furniture is dropped next; then
documents are found by matching
each TOC entry's title against the body lines (whitespace ignored, similarity ≥
:data:`TITLE_MATCH`, or lower, or the TOC title inside the body title, with the
same 文号 right under it); an exact title line later on wins over a fuzzy one
without a 文号 under it (:func:`prefer_exact`). The organ line above a title the
TOC printed without it, a 文号 (and 红头 masthead) above the title and the order
promulgating a 规章 open their document (:func:`lead_in`). Front matter and TOC
lines are reported as discarded (their content lives in the gazette/issue
metadata and in each document's ``toc_title``/``toc_page``). Without a TOC,
documents are found by their 文号 lines (:func:`split_by_doc_numbers`). A
section heading also printed in the body above its first document marks its
section ``in_body`` (inside a document it is a running head, discarded); a
colophon or back matter (本刊简介 …)
after the last document is cut off and read. When the TOC and the body print a
文号 differently only by OCR-confusable characters (千/干), the form with more
support in the issue wins and the fix is reported (:func:`resolve_number`).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .. import body as body_format
from ..model import Document, Gazette, Issue, Section, SourceRef
from .layout import tabulate_space_columns
from .report import ReportBuilder
from .breaks import text_layout
from .doc_number import (DOC_NUMBER_RE, ORDER_HEAD_RE, ORDER_NUMBER_RE, confusable_variants,
                         doc_number_of_line, is_doc_number, normalize_doc_number,
                         order_number_of_line, same_order_number)
from .document import DocInput, build_document
from .line_kinds import DATE_LINE_RE, classify, is_title_like, to_items
from .lines import ORGAN_MAX, WHITESPACE_RE, SourceLine, source_lines, squash
from .organs import ORGAN_ENDINGS, TITLE_VERB_RE, is_red_head
from .titles import clean_title, similarity

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- patterns

#: The TOC header, letter-spaced or not: 目录 / 目 录.
TOC_HEADER_RE = re.compile(
    r"""
    (?: 本 \s* 期 \s* )?        # 本期目录
    目 \s* [录次]               # 目录 / 目次, maybe letter-spaced
    (?: \s* [(（] \s* 续 \s* [)）] )?   # 目录（续）: the TOC goes on
    (?: \s* [A-Za-z]{4,} )?    # 目录 CONTENTS
    """,
    re.X,
)

#: A TOC section heading in brackets: 【自治区人民政府文件】 / 〔省政府令〕 / ［人事任免］.
SECTION_BRACKET_RE = re.compile(
    r"""
    [【\[〔［]                   # opening bracket
    \s* (?P<title>[^【】\[\]〔〕［］\d]+?) \s*   # the title (no digits: not a 〔2023〕 year)
    [】\]〕］]                   # closing bracket
    """,
    re.X,
)

#: The leaders and page number ending a TOC line (after the title and 文号).
TOC_PAGE_PATTERN = r"""
    (?P<leader> [.．·•…⋯—－\-\s]*+ )   # ..... / …… / ··· / —— / spaces (possessive: no backtracking)
    (?P<open>[(（])? \s* (?P<page>\d{1,4}) \s* (?P<close>[)）])?
"""
#: The end of a TOC entry: optional 文号 in parentheses, leaders, the page number.
TOC_TAIL_RE = re.compile(
    r"""
    (?P<head>.*?)
    (?: \s* [(（] \s*
        (?P<number> (?: [^()（）] | [(（]\s*\d{4}\s*[)）] )*? \d \s* 号 )
        # (示党发〔2024〕13号) / (示政办发(2024)2号)
        \s* [)）] )?
    """ + TOC_PAGE_PATTERN,
    re.X,
)
#: The same without a 文号 (a bracketed part that is no 文号 stays in the title).
TOC_TAIL_PLAIN_RE = re.compile(
    r"""
    (?P<head>.*?) (?P<number>)
    """ + TOC_PAGE_PATTERN,
    re.X,
)

#: A TOC title ending in a 文号 printed without brackets after a space (or in
#: brackets when the page is on the line below).
BARE_NUMBER_TAIL_RE = re.compile(
    r"""
    (?P<title> .*\S )
    (?: [\x20\u3000]+ (?P<number> [\u4e00-\u9fff]{1,12} \s*       # a space, 江政发〔2023〕5号
            [〔\[【(（［] \s* \d{4} \s* [〕\]】)）］] \s* \d{1,5} \s* 号 )
      | \s* [(（] \s* (?P<bracketed> [^()（）]*? \d \s* 号 ) \s* [)）] )   # or (江政发〔2023〕5号)
    """,
    re.X,
)

#: A TOC line holding only the page (with leaders) of the title lines above it.
LONE_PAGE_RE = re.compile(
    r"""
    (?P<head>) (?P<number>)                  # no title, no 文号 on this line
    [.．·•…⋯—－\-\s]*+                      # leaders
    [(（]? \s* (?P<page>\d{1,4}) \s* [)）]?   # the page
    """,
    re.X,
)

#: A slogan line with bullets: ●权威性 ●法规性.
BULLET_SLOGAN_RE = re.compile(
    r"""
    (?: [●•◆■] \s* [\u4e00-\u9fff]{2,8} \s* ){2,}    # two or more bulleted phrases
    """,
    re.X,
)
#: One phrase of a slogan line.
PHRASE_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,8}
    """,
    re.X,
)
#: A slogan line of space-separated phrases: 发布政令 宣传政策.
PHRASE_SLOGAN_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,8}                  # a phrase
    (?: \s+ [\u4e00-\u9fff]{2,8} )+       # and more, space-separated
    """,
    re.X,
)

#: The gazette name: a line ending in 公报/政报 (its first part may be on the line before).
GAZETTE_NAME_RE = re.compile(
    r"""
    [\u4e00-\u9fff《》]{0,30}    # the organ (or the name's second line)
    (?: 公报 | 政报 )             # 公报 / 政报
    """,
    re.X,
)
#: The first line of a wrapped gazette name (某某回族自治区).
NAME_START_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,20}    # characters only
    """,
    re.X,
)

#: Masthead lines.
ISSUE_NUMBER_RE = re.compile(
    r"""
    (?P<year>\d{4}) \s* 年 \s*        # 2021年
    第 \s* (?P<number>\d{1,3}) \s* [期号]  # 第10期 / 第5号
    """,
    re.X,
)
CUMULATIVE_RE = re.compile(
    r"""
    [(（]? \s*                                        # (
    总 \s* (?: 第 \s* (?P<number>\d{1,5}) \s* [期号]    # 总第512期 / 总第1795号
           | 号 \s* [:：]? \s* (?P<serial>\d{1,5}) )     # 总号：1795
    \s* [)）]?                                         # )
    """,
    re.X,
)
PUBLISHED_RE = re.compile(
    r"""
    (?P<date>
        \d{4} \s* 年 \s* \d{1,2} \s* 月 \s* \d{1,2} \s* 日               # 2021年7月15日
      | [〇○Oo0零一二三四五六七八九]{4} 年 [一二三四五六七八九十]{1,3} 月
        [一二三四五六七八九十]{1,3} 日                                  # 二〇二一年七月十五日
    )
    \s* 出 \s* 版                                                    # 出版
    """,
    re.X,
)
FREQUENCY_RE = re.compile(
    r"""
    [(（] \s*
    (?P<frequency>[\u4e00-\u9fff]{1,3}刊)    # (半月刊) / (月刊) / (旬刊) …
    \s* [)）]
  | (?P<bare> 半\s*月\s*刊 | 双\s*月\s*刊 | 月\s*刊 | 旬\s*刊 | 周\s*刊 | 季\s*刊 )   # 半月刊 without brackets
    """,
    re.X,
)

#: Masthead parts, in the order they are looked for in a line.
#: The issue number printed without its year (第5期; the year comes from the date).
NUMBER_ONLY_RE = re.compile(
    r"""
    第 \s* (?P<number>\d{1,3}) \s* 期    # 第5期
    """,
    re.X,
)

MASTHEAD_PARTS = (("issue number", ISSUE_NUMBER_RE), ("cumulative number", CUMULATIVE_RE),
                  ("issue number only", NUMBER_ONLY_RE), ("publication date", PUBLISHED_RE),
                  ("frequency", FREQUENCY_RE))
#: What may be left of a masthead line once its parts are taken out.
MASTHEAD_LEFTOVER_RE = re.compile(
    r"""
    [\s()（）·•,，、]+    # spaces, brackets and separators
    """,
    re.X,
)

#: The editorial committee heading and its role lines (主任:房全忠).
COMMITTEE_HEAD_RE = re.compile(
    r"""
    编 \s* 辑 \s* 委 \s* 员 \s* 会    # 编辑委员会, maybe letter-spaced
    """,
    re.X,
)
ROLE_RE = re.compile(
    r"""
    (?P<role> (?:副\s*)? 主\s*任 | 委\s*员 | 顾\s*问 )   # 主任 / 副主任 / 委员 / 顾问
    \s* [:：] \s*
    (?P<annotation> [(（][^)）]*[)）] )?                # (按姓氏笔画排列)
    \s* (?P<names>.*)
    """,
    re.X,
)
#: A line of names only (committee rows): 王振家 王耀武, 林 晓.
NAMES_RE = re.compile(
    r"""
    [\u4e00-\u9fff·]{1,5}                 # a name (or half of a letter-spaced one)
    (?: \s+ [\u4e00-\u9fff·]{1,5} )*      # more, space-separated
    """,
    re.X,
)
#: Whitespace inside a label (主 编 → 主编).
SPACE_RE = re.compile(
    r"""
    \s
    """,
    re.X,
)
#: Dot leaders of a TOC entry (at least two dots or ellipsis characters).
DOTS_RE = re.compile(
    r"""
    [.．·•]{2} | […⋯] | [—－-]{2}    # dots, an ellipsis, dashes
    """,
    re.X,
)
#: A CJK character (a TOC line without one is furniture, e.g. CONTENTS).
CJK_CHAR_RE = re.compile(
    r"""
    [\u3400-\u9fff]
    """,
    re.X,
)
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

#: A bullet before a TOC section heading: ■市政府文件 / ◆ 政策解读.
SECTION_BULLET_RE = re.compile(
    r"""
    ^ [■□◆◇●○▲△★☆▶►•·\s]+    # bullets and the space after them
    """,
    re.X,
)

#: Longest TOC section heading printed without brackets.
SECTION_MAX = 16

#: Minimum title similarity for a TOC entry to match a body title on its own …
TITLE_MATCH = 0.9
#: … and with the same 文号 printed right under the body title.
TITLE_MATCH_WITH_NUMBER = 0.75
#: A colon: a body title line never has one (colophon and field lines do).
TITLE_STOP_RE = re.compile(
    r"""
    [:：]    # a colon
    """,
    re.X,
)

#: Lines a body title may wrap over.
TITLE_MAX_LINES = 4


# --------------------------------------------------------------------------- cover

@dataclass
class Cover:
    """What the cover, masthead and colophon give (gazette and issue metadata)."""

    name: str = ""
    frequency: str = ""
    slogans: list[str] = field(default_factory=list)
    committee: list[tuple[str, list[str]]] = field(default_factory=list)
    colophon: list[tuple[str, str | tuple[str, ...]]] = field(default_factory=list)
    year: int = 0
    number: int = 0
    cumulative: int | None = None
    date: dt.date | None = None

    def add_colophon(self, label: str, value: str | tuple[str, ...]) -> None:
        """One colophon entry per label (the gazette TOML is a table): a label seen again
        (a colophon printed twice, two 电话 lines) keeps each different value once."""
        for index, (known, old) in enumerate(self.colophon):
            if known == label:
                values = _as_tuple(old) + tuple(v for v in _as_tuple(value)
                                                if v not in _as_tuple(old))
                self.colophon[index] = (label, values if len(values) > 1 else values[0])
                return
        self.colophon.append((label, value))

    def committee_role(self, role: str) -> list[str]:
        """The name list of ``role`` (one per role, as for the colophon), new if unseen."""
        for known, names in self.committee:
            if known == role:
                return names
        self.committee.append((role, []))
        return self.committee[-1][1]


def _as_tuple(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def slogans_of(text: str) -> list[str] | None:
    """The slogans of a slogan line, or None when ``text`` is not one."""
    if BULLET_SLOGAN_RE.fullmatch(text):
        return PHRASE_RE.findall(text)
    if PHRASE_SLOGAN_RE.fullmatch(text):
        return text.split()
    return None


def split_names(text: str) -> list[str]:
    """Names printed on one line: ``王振家 王耀武`` → two names; a two-character
    name letter-spaced to the width of three (``林 晓``) stays one name."""
    names: list[str] = []
    for token in text.split():
        if len(token) == 1 and names and len(names[-1]) == 1:
            names[-1] += " " + token
        else:
            names.append(token)
    return names


def apply_masthead(part: str, match: re.Match, cover: Cover) -> None:
    """Store one masthead part (see :data:`MASTHEAD_PARTS`) in ``cover``."""
    if part == "issue number":
        cover.year, cover.number = int(match["year"]), int(match["number"])
    elif part == "cumulative number":
        cover.cumulative = int(match["number"] or match["serial"])
    elif part == "issue number only":
        cover.number = int(match["number"])
    elif part == "publication date":
        cover.date = body_format.parse_date(match["date"])
    else:
        cover.frequency = match["frequency"] or SPACE_RE.sub("", match["bare"])


def read_masthead(line: SourceLine, cover: Cover) -> str | None:
    """Fill ``cover`` from a masthead line (one part or several, e.g.
    ``2024年第10期（总第512期）``); the discard reason, or None if it is none."""
    rest, found = line.text, []
    for part, pattern in MASTHEAD_PARTS:
        if match := pattern.search(rest):
            found.append((part, match))
            rest = rest[:match.start()] + " " + rest[match.end():]
    if not found or MASTHEAD_LEFTOVER_RE.sub("", rest):
        return None
    for part, match in found:
        apply_masthead(part, match, cover)
    return "masthead: " + ", ".join(part for part, _ in found)


def starts_wrapped_name(lines: list[SourceLine], index: int) -> bool:
    """Is ``lines[index]`` the first part of a gazette name wrapped onto the next line?"""
    return (index + 1 < len(lines) and lines[index + 1].no == lines[index].no + 1
            and GAZETTE_NAME_RE.fullmatch(lines[index + 1].text) is not None
            and NAME_START_RE.fullmatch(lines[index].text) is not None)


def read_cover_line(lines: list[SourceLine], index: int, cover: Cover,
                    role: list[str] | None) -> tuple[str, list[str] | None]:
    """Read ``lines[index]`` into ``cover``: (discard reason, current committee role list).

    The reason is "" for a line taken with the next one (a wrapped gazette name)
    and "?" for a line not understood.
    """
    line, text = lines[index], lines[index].text
    if (reason := read_masthead(line, cover)) is not None:
        return reason, None
    if BULLET_SLOGAN_RE.fullmatch(text) or (role is None and PHRASE_SLOGAN_RE.fullmatch(text)):
        cover.slogans += slogans_of(text)
        return "cover: slogans (in gazette metadata)", role
    if DATE_LINE_RE.fullmatch(text) and cover.date is None:
        cover.date = body_format.parse_date(text)
        return "masthead: publication date", None
    if match := COLOPHON_RE.fullmatch(text):
        label = SPACE_RE.sub("", match["label"])
        value = (match["value"],) if label in NAME_LABELS else match["value"]
        cover.add_colophon(label, value)
        if label == "出版日期" and cover.date is None:
            cover.date = body_format.parse_date(match["value"])
        return "cover: colophon line (in gazette metadata)", None
    if COMMITTEE_HEAD_RE.fullmatch(text):
        return "cover: editorial committee heading", role
    if match := ROLE_RE.fullmatch(text):
        role = cover.committee_role(SPACE_RE.sub("", match["role"]))
        role += split_names(match["names"])
        return "cover: editorial committee (in gazette metadata)", role
    if role is not None and NAMES_RE.fullmatch(text):
        role += split_names(text)
        return "cover: editorial committee (in gazette metadata)", role
    if not CJK_CHAR_RE.search(text):
        return "cover: line without Chinese text (the name in pinyin or English, a code)", role
    if starts_wrapped_name(lines, index):
        return "", role
    if GAZETTE_NAME_RE.fullmatch(text):
        first = index - 1 if index and starts_wrapped_name(lines, index - 1) else index
        cover.name = "".join(ln.text for ln in lines[first:index + 1]).strip("《》")
        return "cover: gazette name (in gazette metadata)", role
    return "?", role


def read_cover(lines: list[SourceLine], cover: Cover, report: ReportBuilder) -> None:
    """Gazette name, slogans, committee and masthead from the cover lines."""
    role: list[str] | None = None
    pending: list[SourceLine] = []
    for index, line in enumerate(lines):
        reason, role = read_cover_line(lines, index, cover, role)
        pending.append(line)
        if reason == "?":
            report.uncertain(line.no, f"cover line not understood: {line.text!r}")
            reason = "cover: unrecognized line (not used)"
        if reason:
            report.discard(pending, reason)
            pending = []


def colophon_match(text: str) -> re.Match | None:
    """A colophon line with a known label, else any short ``label：value`` line."""
    return COLOPHON_RE.fullmatch(text) or COLOPHON_FIELD_RE.fullmatch(text)


def read_colophon(lines: list[SourceLine], cover: Cover, report: ReportBuilder) -> None:
    """``label:value`` lines with wrapped continuations → ``cover.colophon``."""
    entries: list[tuple[str, list[str]]] = []
    for line in lines:
        match = colophon_match(line.text)
        if match:
            entries.append((SPACE_RE.sub("", match["label"]), [match["value"]]))
        elif entries:
            entries[-1][1].append(line.text)
        else:
            report.uncertain(line.no, f"front matter line not understood: {line.text!r}")
    for label, values in entries:
        names = tuple(WHITESPACE_RE.sub(" ", v) for v in values)  # 李　华 → 李 华
        cover.add_colophon(label, names if label in NAME_LABELS else "".join(values))
    report.discard(lines, "colophon (in gazette metadata)")


# --------------------------------------------------------------------------- TOC

@dataclass
class TocEntry:
    """One TOC entry: its section, title, 文号 as printed and page."""

    section: str
    title: str
    number_raw: str
    page: int | None
    line: int


def toc_tail(text: str):
    """The entry-ending match of a TOC line (page number after leaders/文号), or None."""
    if text.count("\t") > 1:  # a table row
        return None
    match = TOC_TAIL_RE.fullmatch(text)
    if match and match["number"] and not is_doc_number(match["number"].strip()):
        match = TOC_TAIL_PLAIN_RE.fullmatch(text)
    if not match:
        return None
    leader = match["leader"] or ""
    dotted = DOTS_RE.search(leader)
    bracketed = match["open"] and match["close"]
    spaced = bool(leader)
    wide_gap = len(leader) >= 2 or "\u3000" in leader or "\t" in leader  # title<TAB>3
    if dotted or wide_gap or (match["number"] and (spaced or bracketed)) or (bracketed and spaced):
        return match
    return None


def parse_toc(lines: list[SourceLine], cover: Cover, report: ReportBuilder) -> tuple[list[TocEntry], int]:
    """TOC entries from ``lines`` (starting at a 目录 header); and how many lines it spans."""
    entries: list[TocEntry] = []
    section = ""
    buffer: list[SourceLine] = []
    end = 0
    for index, line in enumerate(lines):
        text = line.text
        if TOC_HEADER_RE.fullmatch(text):
            flush_furniture(buffer, cover, report)
            buffer = []
        elif (match := SECTION_BRACKET_RE.fullmatch(text)) and not buffer:
            section = match["title"]
        elif entries and COLOPHON_RE.fullmatch(text):
            break
        elif not CJK_CHAR_RE.search(text) and not (buffer and LONE_PAGE_RE.fullmatch(text)):
            continue  # CONTENTS, a bare page number: furniture inside the TOC span
        elif (tail := toc_tail(text) or LONE_PAGE_RE.fullmatch(text)) is not None:
            heading, buffer = plain_section(buffer, line)
            section = heading if heading is not None else section
            title = "".join(ln.text for ln in buffer) + tail["head"].strip()
            number = (tail["number"] or "").strip()
            if not number and buffer and doc_number_of_line(buffer[-1].text):
                number = doc_number_of_line(buffer[-1].text)
                title = "".join(ln.text for ln in buffer[:-1])
            elif not number and buffer and order_number_of_line(buffer[0].text):
                number = order_number_of_line(buffer[0].text)  # 某某人民政府令（第212号）
                title = "".join(ln.text for ln in buffer[1:]) + tail["head"].strip()
            elif (not number and (bare := BARE_NUMBER_TAIL_RE.fullmatch(title))
                  and is_doc_number(bare["number"] or bare["bracketed"])):
                # 标题　江政发〔2023〕5号……3, or 标题（江政发〔2023〕5号） with the page under it
                title, number = bare["title"], bare["number"] or bare["bracketed"]
            entries.append(TocEntry(WHITESPACE_RE.sub(" ", section), WHITESPACE_RE.sub(" ", title),
                                    number, int(tail["page"]), line.no))
            buffer = []
            end = index + 1
        elif not buffer and entries and not entries[-1].number_raw and doc_number_of_line(text):
            entries[-1].number_raw = doc_number_of_line(text)  # printed under the page number
            end = index + 1
        elif len(buffer) >= TITLE_MAX_LINES + 1:
            break
        else:
            buffer.append(line)
    report.discard(lines[:end], "table of contents (in toc_title/toc_page and sections)")
    return entries, end


def plain_section(buffer: list[SourceLine], tail: SourceLine) -> tuple[str | None, list[SourceLine]]:
    """(section heading, title lines) of an entry's buffered lines: a heading printed
    without brackets is a short line, not a title part (no 关于/通知 …), set off by a
    blank line from the entry under it, or not ending like an organ (a title's first
    line wrapped after its organ, 某某人民政府 / 关于…, does) with title text after it."""
    if not buffer:
        return None, buffer
    first, following = buffer[0], (buffer[1:] or [tail])[0]
    if not (len(first.text) <= SECTION_MAX and is_title_like(first.text)
            and not TITLE_VERB_RE.search(first.text)):
        return None, buffer
    title_after = len(buffer) > 1 or bool(CJK_CHAR_RE.search(toc_tail(tail.text)["head"]))
    if following.no > first.no + 1 or (title_after and first.text[-1] not in ORGAN_ENDINGS):
        return SECTION_BULLET_RE.sub("", first.text), buffer[1:]
    return None, buffer


def flush_furniture(buffer: list[SourceLine], cover: Cover, report: ReportBuilder) -> None:
    """Lines left before a repeated 目录 header are page furniture (slogans)."""
    for line in buffer:
        slogans = slogans_of(line.text)
        if slogans is not None:
            cover.slogans += [s for s in slogans if s not in cover.slogans]
        else:
            report.uncertain(line.no, f"TOC line not understood: {line.text!r}")


# --------------------------------------------------------------------------- matching

@functools.lru_cache(maxsize=8192)
def may_be_in_title(text: str) -> bool:
    """Can a line reading ``text`` be part of a body title (plain text: no label, date
    or note, no colon, no 文号)? Asked for every line against every TOC entry."""
    return (classify(SourceLine(0, text)) == "para" and not TITLE_STOP_RE.search(text)
            and not doc_number_of_line(text))


def title_candidates(lines: list[SourceLine], index: int, toc_title: str):
    """(number of lines, joined text) of the title that may start at ``lines[index]``."""
    limit = 2 * len(squash(toc_title)) + 10
    text = ""
    for count in range(1, TITLE_MAX_LINES + 1):
        if index + count > len(lines):
            return
        line = lines[index + count - 1]
        if line.table is not None or not may_be_in_title(line.text):
            return
        text += line.text
        if len(squash(text)) > limit:
            return
        yield count, text


def number_under(lines: list[SourceLine], index: int, wanted: str) -> bool:
    """Is the 文号 ``wanted`` (as in the TOC) printed within two lines after ``index``?"""
    want = normalize_doc_number(wanted)
    for line in lines[index:index + 2]:
        found = normalize_doc_number(doc_number_of_line(line.text) or "")
        if found and (found == want or confusable_variants(found, want)):
            return True
    return False


#: Shortest TOC title looked for inside a longer body title.
CONTAINED_TITLE_MIN = 6


def contains_title(text: str, entry: TocEntry) -> bool:
    """Does the body title ``text`` hold the whole TOC title (a TOC that lists a 印发
    notice by the name of what it issues)? Only counts with the 文号 under it."""
    want = squash(entry.title)
    return len(want) >= CONTAINED_TITLE_MIN and want in squash(text)


def title_score(lines: list[SourceLine], index: int, entry: TocEntry) -> tuple[float, int] | None:
    """(similarity, line count) of the best title match for ``entry`` starting at ``index``."""
    best = None
    for count, text in title_candidates(lines, index, entry.title):
        score = similarity(text, entry.title, TITLE_MATCH_WITH_NUMBER)
        close = score >= TITLE_MATCH_WITH_NUMBER or contains_title(text, entry)
        if score >= TITLE_MATCH or (close and entry.number_raw
                                    and number_under(lines, index + count, entry.number_raw)):
            if best is None or score > best[0]:
                best = (score, count)
    return best


def find_title(lines: list[SourceLine], start: int, entry: TocEntry) -> tuple[int, int] | None:
    """(index, line count) of the body title matching ``entry``, searching from ``start``.

    The first match wins, unless one starting on a following line (a neighbour
    taken in by a multi-line candidate) scores better.
    """
    for index in range(start, len(lines)):
        best = title_score(lines, index, entry)
        if best is None:
            continue
        hits = [(best, index)] + [(s, i) for i in range(index + 1, min(index + TITLE_MAX_LINES, len(lines)))
                                  if (s := title_score(lines, i, entry)) is not None]
        (score, count), found = max(hits, key=lambda h: (h[0][0], -h[1]))
        return found, count
    return None


# --------------------------------------------------------------------------- issue

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


def number_prefixes(lines: list[SourceLine]) -> Counter:
    """How often each 文号 prefix is printed in the issue: the evidence for
    :func:`resolve_number`."""
    text = "\n".join(ln.text for ln in lines)  # a 文号 may be cut over two lines
    return Counter(m["prefix"] for m in DOC_NUMBER_RE.finditer(text))


def resolve_number(doc: Document, entry: TocEntry, prefixes: Counter,
                   report: ReportBuilder) -> Document:
    """Compare the body 文号 with the TOC's; fix OCR slips with evidence from the issue
    (``prefixes``: :func:`number_prefixes`)."""
    toc = normalize_doc_number(entry.number_raw)
    if not toc or doc.doc_number == toc:
        return doc
    if not doc.doc_number:
        report.normalize(entry.line, f"文号 {entry.number_raw!r} taken from the TOC")
        return replace(doc, doc_number=toc, doc_number_raw=entry.number_raw)
    if same_order_number(doc.doc_number, toc) or doc.doc_number.endswith(toc):
        return doc  # the same order, or an announcement number cited with its issuer
    if not confusable_variants(doc.doc_number, toc) or not DOC_NUMBER_RE.fullmatch(toc):
        report.uncertain(entry.line, f"TOC 文号 {entry.number_raw!r} differs from body "
                                     f"{doc.doc_number_raw!r}; body kept")
        return doc
    body_prefix = DOC_NUMBER_RE.fullmatch(doc.doc_number)["prefix"]
    toc_prefix = DOC_NUMBER_RE.fullmatch(toc)["prefix"]
    if prefixes[toc_prefix] > prefixes[body_prefix]:
        report.fix(doc.source.lines[0] if doc.source and doc.source.lines else None,
                   f"body 文号 {doc.doc_number_raw!r} corrected to {toc!r} (TOC, and the "
                   f"prefix {toc_prefix} is more frequent in this issue)")
        return replace(doc, doc_number=toc)
    report.fix(entry.line, f"TOC 文号 {entry.number_raw!r} is an OCR slip for "
                           f"{doc.doc_number!r} (body); body kept")
    return doc


#: Lines before a title searched for the heading of the order (令) that promulgates it.
ORDER_LEAD_MAX = 12


def lead_in(body: list[SourceLine], lo: int, index: int, count: int) -> tuple[int, bool]:
    """(how many lines before the title at ``body[index]``, not before ``lo``, open its
    document; whether the title line stays in the body). Either a 文号 printed above
    the title (none under it), maybe under a 红头 masthead, or the order that
    promulgates a 规章 (``某某人民政府令`` / ``第212号`` / preamble / 落款 / date),
    whose title line then stays to open the regulation text."""
    under = body[index + count].text if index + count < len(body) else ""
    if index - 1 >= lo and doc_number_of_line(body[index - 1].text) \
            and not doc_number_of_line(under):
        return (2 if index - 2 >= lo and is_red_head(body[index - 2].text) else 1), False
    for head in range(index - 2, max(lo, index - ORDER_LEAD_MAX) - 1, -1):
        order = order_number_of_line(body[head].text) or (
            ORDER_HEAD_RE.fullmatch(body[head].text)
            and ORDER_NUMBER_RE.fullmatch(body[head + 1].text))
        if order and any(classify(ln) == "date" for ln in body[head + 1:index]):
            return index - head, True
    return 0, False


def prefer_exact(body: list[SourceLine], hit: tuple[int, int], entry: TocEntry,
                 later: list[TocEntry]) -> tuple[int, int]:
    """A fuzzy title hit gives way to a later line holding exactly the TOC title
    (``《某方案》解读`` after the enclosed ``某方案``) unless the next TOC entry's
    title comes first."""
    index, count = hit
    if squash(" ".join(ln.text for ln in body[index:index + count])) == squash(entry.title) or any(
            doc_number_of_line(ln.text) for ln in body[index + count:index + count + 2]):
        return hit  # exact already, or a document's head (a 文号 under the title)
    for at in range(index + 1, len(body)):
        if later and title_score(body, at, later[0]) is not None:
            return hit
        exact = next((n for n, text in title_candidates(body, at, entry.title)
                      if squash(text) == squash(entry.title)), None)
        if exact is not None:
            return at, exact
    return hit


def with_organ_line(body: list[SourceLine], lo: int, index: int, count: int) -> tuple[int, int]:
    """The title hit ``(index, count)`` widened by the organ line printed above it when
    the TOC left the organ out (TOC ``关于印发…的通知``, body ``某某市人民政府`` /
    ``关于印发…的通知``)."""
    if index - 1 < lo or not body[index].text.startswith(("关于", "印发", "转发", "批转")):
        return index, count
    above = body[index - 1].text
    if (is_body_title_line(body[index - 1]) and len(above) <= ORGAN_MAX
            and above[-1:] in ORGAN_ENDINGS and not TITLE_VERB_RE.search(above)):
        return index - 1, count + 1
    return index, count


def document_inputs(body: list[SourceLine], entries: list[TocEntry],
                    report: ReportBuilder) -> list[tuple[TocEntry, DocInput]]:
    """Cut ``body`` at the titles of the TOC entries (and the lines that lead in to
    them, see :func:`lead_in`)."""
    found: list[tuple[TocEntry, int, int, int]] = []
    cursor = 0
    for n, entry in enumerate(entries):
        hit = find_title(body, cursor, entry)
        if hit is None:
            report.uncertain(entry.line, f"TOC entry {entry.title!r} not found in the body")
            continue
        hit = prefer_exact(body, hit, entry, entries[n + 1:])
        hit = with_organ_line(body, cursor, *hit)
        lead, keep_title = lead_in(body, cursor, *hit)
        if lead:
            report.normalize(body[hit[0] - lead].no, f"lines {body[hit[0] - lead].no}-"
                                                     f"{body[hit[0] - 1].no} above the title "
                                                     f"{entry.title!r} open its document")
        found.append((entry, *hit, lead, keep_title))
        cursor = hit[0] + hit[1]
    out = []
    for seq, (entry, index, count, lead, keep_title) in enumerate(found, start=1):
        end = found[seq][1] - found[seq][3] if seq < len(found) else len(body)
        raw_title = " ".join(ln.text for ln in body[index:index + count])
        title = clean_title(raw_title, entry.title)
        if squash(title) != squash(entry.title):
            report.uncertain(body[index].no, f"body title {title!r} differs from the TOC "
                                             f"title {entry.title!r}")
        if raw_title != title:
            report.normalize(body[index].no, f"title {raw_title!r}: wrap spaces removed")
        # a 文号 above the title is read as if under it; an order keeps the title
        # line, which then opens the regulation (an enclosed document)
        lines = (body[index - lead:end] if keep_title
                 else body[index - lead:index] + body[index + count:end])
        out.append((entry, DocInput(title=title, body=lines, seq=seq,
                                    toc_title=entry.title, toc_page=entry.page,
                                    first_line=body[index - lead].no)))
    return out


def is_body_title_line(line: SourceLine) -> bool:
    """Can ``line`` be part of a document title (not a masthead or section line)?"""
    masthead = (ISSUE_NUMBER_RE, CUMULATIVE_RE, PUBLISHED_RE, FREQUENCY_RE, SECTION_BRACKET_RE)
    return (is_title_like(line.text) and classify(line) == "para"
            and not any(rx.fullmatch(line.text) for rx in masthead))


#: Lines at the top of an issue without a TOC searched for the gazette name.
FRONT_NAME_LINES = 40


def split_by_doc_numbers(body: list[SourceLine], cover: Cover) -> list[TocEntry]:
    """Without a TOC: pseudo-entries from the title lines above each 文号 line (a
    running head of ``cover``'s gazette is no title line); a 【…】 line in the body
    opens a section."""
    entries = []
    section = ""
    for index, line in enumerate(body):
        if match := SECTION_BRACKET_RE.fullmatch(line.text):
            section = match["title"]
        number = doc_number_of_line(line.text)
        if not number or ISSUE_NUMBER_RE.fullmatch(line.text):  # 2023年第5号: the masthead
            continue
        start = index
        while (start > 0 and index - start < TITLE_MAX_LINES and is_body_title_line(body[start - 1])
               and not is_running_head(body[start - 1].text, cover)
               and not TOC_HEADER_RE.fullmatch(body[start - 1].text)):
            start -= 1
        end = index + 1
        if start == index - 1 and is_red_head(body[start].text):  # 红头 / 文号 / title
            start = index
            while (end < len(body) and end - index <= TITLE_MAX_LINES
                   and is_body_title_line(body[end])):
                end += 1
        title_lines = body[start:index] or body[index + 1:end]
        if title_lines:
            entries.append(TocEntry(section, "".join(ln.text for ln in title_lines), number, None,
                                    line.no))
    return entries


def sections_of(pairs: list[tuple[TocEntry, Document]], printed: set[str],
                report: ReportBuilder) -> tuple[Section, ...]:
    """Sections in TOC order; ``printed`` holds the titles also printed in the body."""
    sections: list[tuple[str, list[Document]]] = []
    for entry, doc in pairs:
        if not sections or sections[-1][0] != entry.section:
            sections.append((entry.section, []))
        sections[-1][1].append(doc)
    if any(not title for title, _ in sections):
        report.uncertain(None, "documents without a TOC section heading: section title left empty")
    return tuple(Section(title, tuple(docs), title in printed) for title, docs in sections)


def section_key(line: SourceLine) -> str:
    """What ``line`` says as a section heading: its text without 【】 and whitespace."""
    match = SECTION_BRACKET_RE.fullmatch(line.text)
    return squash(match["title"] if match else line.text)


def is_section_line(line: SourceLine, title: str) -> bool:
    """Is ``line`` the section heading ``title`` (with or without 【】)?"""
    return bool(title) and section_key(line) == squash(title)


def cut_printed_sections(front: list[SourceLine], inputs: list[tuple[TocEntry, DocInput]],
                         report: ReportBuilder):
    """Section headings printed in the body, above a section's first document, are cut
    from the text before it; returns (front, inputs, titles printed in the body)."""
    printed: set[str] = set()
    out: list[tuple[TocEntry, DocInput]] = []
    for entry, doc in inputs:
        before = out[-1][1].body if out else front
        opens = not out or out[-1][0].section != entry.section
        if opens and before and is_section_line(before[-1], entry.section):
            printed.add(entry.section)
            report.normalize(before[-1].no, f"section heading {entry.section!r} printed in the body")
            if out:
                out[-1] = (out[-1][0], replace(out[-1][1], body=before[:-1]))
            else:
                front = before[:-1]
        out.append((entry, doc))
    return front, out, printed


def read_front(lines: list[SourceLine], cover: Cover, report: ReportBuilder):
    """(TOC entries, lines after the TOC, whether there is a TOC): the cover and TOC
    read into ``cover``. Without a TOC, entries come from the 文号 lines and every
    line is body (the cover is then read from the lines before the first document).
    """
    toc_at = next((i for i, ln in enumerate(lines) if TOC_HEADER_RE.fullmatch(ln.text)), None)
    if toc_at is not None:
        furniture = Cover()  # slogans printed between TOC pages come after the cover's
        entries, length = parse_toc(lines[toc_at:], furniture, report)
        if entries:
            read_cover(lines[:toc_at], cover, report)
            cover.slogans += [s for s in furniture.slogans if s not in cover.slogans]
            return entries, lines[toc_at + length:], True
    named = Cover(name=next((ln.text for ln in lines[:FRONT_NAME_LINES]
                             if GAZETTE_NAME_RE.fullmatch(ln.text)), ""))
    entries = split_by_doc_numbers(lines, named)
    listed = pageless_toc(entries, lines, toc_at)
    if listed:
        end = next(i for i, ln in enumerate(lines) if ln.no == listed[-1].line) + 1
        report.uncertain(lines[toc_at].no, "TOC without page numbers: its entries are the "
                                           "documents listed before their texts")
        read_cover(lines[:toc_at], cover, report)
        report.discard(lines[toc_at:end], "table of contents (in toc_title and sections)")
        return listed, lines[end:], True
    report.uncertain(None, "no TOC entries: documents found by their 文号 lines")
    return entries, lines, False


def pageless_toc(entries: list[TocEntry], lines: list[SourceLine],
                 toc_at: int | None) -> list[TocEntry]:
    """The entries (title + 文号 pairs) that a TOC without page numbers lists: those
    after the 目录 header whose 文号 comes again later (over the document itself)."""
    if toc_at is None:
        return []
    numbers = [normalize_doc_number(e.number_raw) for e in entries]
    listed = []
    for k, entry in enumerate(entries):
        if entry.line <= lines[toc_at].no:
            continue
        if numbers[k] not in numbers[k + 1:]:
            break
        listed.append(entry)
    return listed


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


def read_tail(inputs: list[tuple[TocEntry, DocInput]], cover: Cover, report: ReportBuilder):
    """Cut a trailing colophon and back matter off the last document; (inputs, back matter)."""
    if not inputs:
        return inputs, ()
    entry, last = inputs[-1]
    rest, back_matter = split_back_matter(strip_trailing_colophon(last.body, cover, report), report)
    return inputs[:-1] + [(entry, replace(last, body=rest))], back_matter


def read_text_issue(text: str, *, source_file: str, gazette_id: str,
                    report: ReportBuilder) -> Issue:
    """Read a whole issue (see the module doc) into an :class:`Issue`."""
    text = tabulate_space_columns(text, report)
    return read_issue_lines(source_lines(text), source_file=source_file,
                            gazette_id=gazette_id, report=report)


def read_issue_lines(lines: list[SourceLine], *, source_file: str, gazette_id: str,
                     report: ReportBuilder) -> Issue:
    """:func:`read_text_issue` on lines already cut (and cleaned) by a reader."""
    cover = Cover()
    entries, body, has_toc = read_front(lines, cover, report)
    if has_toc:  # the cover is known: furniture goes before titles are looked for
        body = strip_page_furniture(body, cover, report)
    inputs = document_inputs(body, entries, report)
    first = inputs[0][1].first_line if inputs else None
    front = [ln for ln in body if first is not None and ln.no < first]
    front, inputs, printed = cut_printed_sections(front, inputs, report)
    inputs = strip_section_heads(inputs, report)
    if front:
        (read_colophon if has_toc else read_cover)(front, cover, report)
    if not has_toc:
        inputs = [(entry, replace(doc, body=strip_page_furniture(doc.body, cover, report)))
                  for entry, doc in inputs]
    inputs, back_matter = read_tail(inputs, cover, report)
    if not cover.year and cover.number and cover.date:
        cover.year = cover.date.year
        report.normalize(None, f"issue year {cover.year} taken from the publication date")
    prefixes = number_prefixes(lines)
    layout = text_layout(to_items([ln for _, doc in inputs for ln in doc.body]))
    pairs = []
    for entry, doc_input in inputs:
        doc_input = replace(doc_input, layout=layout)
        doc = build_document(doc_input, gazette_id=gazette_id, year=cover.year,
                             number=cover.number, source_file=source_file, report=report)
        pairs.append((entry, resolve_number(doc, entry, prefixes, report)))
    gazette = Gazette(id=gazette_id, name=cover.name, frequency=cover.frequency,
                      slogans=tuple(cover.slogans),
                      editorial_committee=tuple((r, tuple(n)) for r, n in cover.committee),
                      colophon=tuple(cover.colophon))
    return Issue(gazette=gazette, year=cover.year, number=cover.number,
                 cumulative=cover.cumulative, date=cover.date,
                 sections=sections_of(pairs, printed, report), back_matter=back_matter,
                 source=SourceRef(source_file))
