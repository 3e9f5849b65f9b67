"""The head of a single document, read by the 公文 grammar (GB/T 9704).

A document without an issue around it (a plain text, a web page's article, a
.docx or PDF) opens in the order the standard prints: the 版头 (份号, 密级, 紧急程度,
the 发文机关标志 ``某某人民政府文件``, 签发人) or the heading of an order
(``某某人民政府令``), the 文号, the title (wrapped over lines, blank lines between
allowed), the 文号 again when it is printed under the title (a 公告's ``（第N号）``),
a dated 题注 ``（2024年1月2日某某会议通过）``, the 主送 and then the body. A web
page may print the issuing organ on a line of its own under a complete title (a
byline).

Contract: every line of the first :data:`WINDOW` lines gets a score for each role
it could play (:func:`scores`), from its text (length, punctuation, numbering,
文号 and date patterns, a title's 关于…的通知 shape), the blank lines around it
and, where the reader knows them, its layout (centred, bold, a larger size, a
title style). :func:`read_head` then chooses the sequence of roles the grammar
allows (:data:`NEXT`) with the highest total score (dynamic programming over the
lines), and reports every line whose role wins by less than :data:`MARGIN_MIN`
over its best alternative as an uncertainty. The body (from the first body line
on) is left to :mod:`.document`. No rule names an organ, a place or a title.
"""

from __future__ import annotations

import logging
import math
import re
import statistics
from dataclasses import dataclass, replace

from .doc_number import (doc_number_at, doc_number_of_line, is_bare_number, is_broken_number,
                         order_number_of_line)
from .headings import CONTENTS_HEADER_RE, label_type
from .line_kinds import DATE_LINE_RE, is_addressee, is_title_like
from .lines import RUNNING_PUNCT_RE, SourceLine, squash
from .organs import OFFICIAL_RE, is_organ, is_red_head, is_signer_line
from .report import ReportBuilder

logger = logging.getLogger(__name__)

#: Lines at the top of a document the grammar reads (a head is never longer).
WINDOW = 16
#: A role chosen by less than this over its best alternative is reported as uncertain.
MARGIN_MIN = 3.0
#: Most lines a title wraps over.
TITLE_LINES_MAX = 6
#: Points between the title's size and the body's (二号 22pt over 三号 16pt).
SIZE_STEP = 2.0
#: Impossible.
NEVER = -math.inf
#: The score of a title line a reader found, where it looks like no title.
FORCED_TITLE = -8.0

#: Two roles that read a line alike (the body marks a 主送 too): never reported.
SAME_OUTCOME = {"addr", "body"}
#: The roles of the head, and what the import report calls them.
ROLE_NAMES = {
    "mast": "版头 (masthead)", "order": "order heading (某某令)", "num": "文号",
    "title": "title", "byline": "issuing organ under the title (byline)",
    "tdate": "题注 (dated note under the title)",
    "addr": "主送 (addressee)", "body": "body",
    "rule": "版头 separator line (分隔线)",
    "copy": "copy of the title above the head (a list's or page's heading)",
}

#: The grammar: which state may follow which (``sign``: the 签发人 beside or under the
#: 文号, part of the 版头). States are roles with their place in
#: the head: a 文号 above the title (``num_a``) or under it (``num_b``, or ``num_c``
#: after the 题注), and the title's lines counted (``title``, ``title2`` …), so that a
#: title never runs over more than :data:`TITLE_LINES_MAX` lines.
TITLE_STATES = ("title",) + tuple(f"title{k}" for k in range(2, TITLE_LINES_MAX + 1))
AFTER_TITLE = ("byline", "num_b", "tdate", "order_b", "addr", "body")
NEXT = {
    "start": ("copy", "mast", "order", "num_a", "title", "body"),
    "copy": ("mast", "order", "num_a", "title"),
    "mast": ("mast", "order", "num_a", "rule", "title"),
    "order": ("order_num", "title"),
    "order_num": ("rule", "title", "body"),
    "num_a": ("sign", "rule", "title", "body"),
    "sign": ("rule", "title"),
    "rule": ("title", "body"),
    **{state: (nxt,) + AFTER_TITLE for state, nxt in zip(TITLE_STATES, TITLE_STATES[1:])},
    TITLE_STATES[-1]: AFTER_TITLE,
    "byline": ("num_b", "tdate", "order_b", "addr", "body"),
    # the order (or 公告) promulgating the regulation, printed under its title (and 题注)
    "order_b": ("order_num_b",),
    "order_num_b": ("body",),
    "num_b": ("tdate_b", "byline", "addr", "body"),
    "tdate": ("num_c", "order_b", "addr", "body"),
    "tdate_b": ("addr", "body"),
    "num_c": ("addr", "body"),
    "addr": ("addr", "body"),
    "body": ("body",),
}
#: The role each state gives its line.
ROLE_OF = {"copy": "copy", "rule": "rule", "mast": "mast", "sign": "mast", "order": "order", "order_num": "num", "num_a": "num",
           "order_b": "order", "order_num_b": "num",
           **dict.fromkeys(TITLE_STATES, "title"), "byline": "byline", "num_b": "num",
           "num_c": "num",
           "tdate": "tdate", "tdate_b": "tdate", "addr": "addr", "body": "body"}

#: The last word of a 公文 title: the kind of document (通知, 意见, 办法 …).
TITLE_END_RE = re.compile(
    r"""
    (?: 通知 | 通报 | 通告 | 公告 | 决定 | 决议 | 意见 | 批复 | 复函 | 函 | 报告 | 请示
      | 命令 | 令 | 议案 | 纪要 | 公报 | 办法 | 规定 | 条例 | 细则 | 规则 | 规程 | 章程
      | 方案 | 规划 | 计划 | 纲要 | 要点 | 预案 | 措施 | 指南 | 指引 | 标准 | 清单 | 目录
      | 名单 | 名录 | 公约 | 守则 | 制度 | 说明 | 解读 | 答复 | 公示 | 声明 | 倡议书 | 倡议
      | 批示 | 通令 | 指示 | 规范 | 导则 | (?<!代) 表 )    # a table, not 人大代表
    \s* $
    """,
    re.X,
)
#: What the organs of a title do (关于 / 印发 / 转发 / 批转).
TITLE_VERB_RE = re.compile(
    r"""
    关于 | 印发 | 转发 | 批转
    """,
    re.X,
)
#: A 版头 line other than the 发文机关标志: 份号, 密级 and 保密期限, 紧急程度, 签发人.
HEAD_MARK_RE = re.compile(
    r"""
    \d{6}                                           # 份号: six digits
  | (?: 绝密 | 机密 | 秘密 ) (?: \s* ★ \s* \S* )?     # 密级 (★ 保密期限)
  | 特 \s* 急 | 加 \s* 急 | 特 \s* 提 | 平 \s* 急    # 紧急程度
  | 签 \s* 发 \s* 人 \s* [:：] .{0,40}              # 签发人：某某
    """,
    re.X,
)
#: A government order's heading alone on its line: 某某人民政府令 / 某某部令.
ORDER_HEADING_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,30} 令    # the organ, then 令
    """,
    re.X,
)
#: The heading of an announcement promulgating a regulation: 某省人大常务委员会公告.
ANNOUNCEMENT_HEADING_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{4,40} 公告    # the organ (with its term), then 公告
    """,
    re.X,
)
#: A dated 题注 in brackets: （2024年1月2日某某会议通过） / （2024年1月2日）.
DATED_NOTE_RE = re.compile(
    r"""
    [(（] [^()（）]{0,40}?
    (?: \d{4} | [〇○零一二三四五六七八九]{4} ) \s* 年 [^()（）]{1,60}
    [)）]
    """,
    re.X,
)
#: The 版头's separator line printed as text (the red rule under the 文号).
RULE_LINE_RE = re.compile(
    r"""
    [-—_─━=＝~～]{3,}    # dashes, rules or equals signs only
    """,
    re.X,
)
#: Shortest title whose copy above the head is recognized.
COPY_TITLE_MIN = 8
#: Longest site name a page title adds after the title it copies (… 中华文库).
SITE_SUFFIX_MAX = 8
#: Text in 《》 (a title inside a title may hold commas).
BOOK_TITLE_RE = re.compile(
    r"""
    《 [^《》]* 》
    """,
    re.X,
)


@dataclass(frozen=True)
class HeadParse:
    """The head of a document as the grammar read it (indices into the lines)."""

    #: Role of each line read, in order (the rest of the document is body).
    roles: tuple[str, ...]
    #: Index of the first body line (``len(lines)`` when there is none).
    body_start: int

    def indices(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]


def title_shaped(text: str) -> bool:
    """Title-like once any 《…》 inside is left out (a title may cite one with commas)."""
    return is_title_like(BOOK_TITLE_RE.sub("《》", text))


def layout_bonus(line: SourceLine, sizes: list[float]) -> float:
    """Evidence of a title from the layout a file reader found (0 for plain text)."""
    bonus = 0.0
    if line.align == "center":
        bonus += 1.5
    elif line.align in ("left", "justify") and sizes:
        bonus -= 0.5
    if line.bold:
        bonus += 1.0
    if line.size and sizes:
        if line.size >= max(sizes) - 0.1 and line.size > statistics.median(sizes) + 0.1:
            bonus += 2.0
        elif line.size < max(sizes) - SIZE_STEP:
            bonus -= 3.0  # set smaller than the largest line: body text, not the title
    if line.style and re.search(r"title|标题|heading", line.style, re.I):
        bonus += 1.5
    return bonus


def scores(line: SourceLine, sizes: list[float]) -> dict[str, float]:
    """The score of each role for one line (``NEVER`` where it cannot play it)."""
    text = line.text
    out = dict.fromkeys(ROLE_NAMES, NEVER)
    if line.table is not None:
        out["body"] = 2.0
        return out
    number = doc_number_of_line(text) or order_number_of_line(text)
    if number or is_bare_number(text):
        out["num"] = 6.0
    elif is_broken_number(text):
        out["num"] = 4.0  # where a 文号 stands, cut short by the source (reported)
    if is_red_head(text) or HEAD_MARK_RE.fullmatch(text):
        out["mast"] = 6.0
    if ORDER_HEADING_RE.fullmatch(text) and not TITLE_END_RE.search(text[:-1]):
        out["order"] = 6.0
    if DATED_NOTE_RE.fullmatch(text) or (DATE_LINE_RE.fullmatch(text) and text[0] in "(（"):
        out["tdate"] = 5.0
    elif DATE_LINE_RE.fullmatch(text):
        out["tdate"] = 3.0  # a bare date under the organ under the title (see transition)
    if title_shaped(text) and not OFFICIAL_RE.fullmatch(text):
        title = 1.0 + layout_bonus(line, sizes)
        if TITLE_END_RE.search(text) and out["order"] == NEVER:
            title += 2.0  # (the 令 of an order heading is no title's kind word)
        if TITLE_VERB_RE.search(text):
            title += 1.0
        out["title"] = title
    elif not number and not label_type(text) and len(text) <= 80:
        out["title"] = -6.0 + layout_bonus(line, sizes)
    if out["order"] == NEVER and ANNOUNCEMENT_HEADING_RE.fullmatch(text) \
            and not TITLE_VERB_RE.search(text):
        out["order"] = 2.5  # 某某常务委员会公告 over 第28号 (a title's own kind word scores more)
    if is_addressee(text):
        out["addr"] = 3.0 + (1.0 if text.startswith("各") else 0.0)
    elif text.startswith("各") and text[-1:] in "，,、" and len(text) <= 100:
        out["addr"] = 0.5
    body = 0.0
    if RUNNING_PUNCT_RE.search(text):
        body += 1.5
    if label_type(text):
        body += 2.0
    if text[-1:] in "。；;":
        body += 1.0
    if len(text) > 60:
        body += 1.0
    if is_signer_line(text) and not RUNNING_PUNCT_RE.search(text):
        body -= 0.5
    if is_signer_line(text) and not OFFICIAL_RE.fullmatch(text) \
            and not RUNNING_PUNCT_RE.search(text):
        out["byline"] = 1.0
    if RULE_LINE_RE.fullmatch(text):
        out["rule"], out["title"], body = 6.0, NEVER, -2.0
    if CONTENTS_HEADER_RE.fullmatch(text):
        out["title"], body = NEVER, body + 1.0  # a regulation's own 目录 opens its body
    out["body"] = body
    return out


def letter_head(window: list[SourceLine], i: int) -> bool:
    """Is line ``i`` the 发文机关标志 of the 信函格式 (a 函's head: the organ's name
    alone, no 文件), i.e. an organ name at the top with the 文号 right under it?"""
    text = window[i].text
    return (i + 1 < len(window) and is_organ(text) and not TITLE_VERB_RE.search(text)
            and bool(doc_number_of_line(window[i + 1].text))
            and not any(is_red_head(ln.text) for ln in window[:i]))


def masthead_shaped(window: list[SourceLine], i: int) -> bool:
    """Can line ``i`` be a 发文机关标志 or an order heading (whose size is no title's)?"""
    text = window[i].text
    return is_red_head(text) or bool(ORDER_HEADING_RE.fullmatch(text)) or letter_head(window, i)


def copies_later_title(window: list[SourceLine]) -> bool:
    """Does the first line hold, with more around it, a title-shaped line printed under a
    版头 further down (``第一篇:某省关于…的通知`` over ``某某厅文件`` … ``关于…的通知``), or
    the 版头 right under it (``第一篇:某某厅文件`` over ``某某厅文件``)?"""
    first = squash(window[0].text)
    if any(beside_number(first, squash(ln.text)) for ln in window[1:3]):
        return True  # 某办发〔2016〕26号《…的通知》 over 《…的通知》: a page title with its 文号
    if any(first == squash(ln.text) or (  # the page's title printed again (maybe with its
            first.startswith(squash(ln.text)) and title_shaped(ln.text)  # site's name)
            and TITLE_END_RE.search(ln.text) and len(squash(ln.text)) >= COPY_TITLE_MIN
            and len(first) - len(squash(ln.text)) <= SITE_SUFFIX_MAX)
           for ln in window[1:3]):
        return True
    return any(is_red_head(ln.text) for ln in window[1:4]) and any(
        len(squash(ln.text)) >= COPY_TITLE_MIN and squash(ln.text) in first
        and len(squash(ln.text)) < len(first)
        and (title_shaped(ln.text) if k else is_red_head(ln.text))  # (第一篇:某某厅文件)
        for k, ln in enumerate(window[1:]))


def beside_number(first: str, later: str) -> bool:
    """Is ``first`` the ``later`` title (maybe without its 《》) with a 文号 beside it?"""
    core = later.strip("《》")
    if len(core) < COPY_TITLE_MIN or core not in first or not TITLE_END_RE.search(core):
        return False
    rest = first.replace(core, "", 1).replace("《", "").replace("》", "")
    return bool(doc_number_of_line(rest))


def transition(lines: list[SourceLine], i: int, prev: str, state: str) -> float:
    """The score of going from ``prev`` (line ``i - 1``) to ``state`` (line ``i``)."""
    if ROLE_OF.get(prev) == "title" and ROLE_OF[state] == "title":
        before, text = lines[i - 1].text, lines[i].text
        if squash(before) == squash(text):
            return NEVER  # a title printed twice is not one title
        if TITLE_END_RE.search(before):
            # a title ending in its kind (…的通知) is complete: more is rarely title
            return -3.0 if TITLE_VERB_RE.search(before) or is_signer_line(text) else -1.0
        score = 1.0  # a title goes on to its kind word
        if lines[i].no == lines[i - 1].no + 1:
            score += 0.5  # no blank line between
        if before[-1:] in "的和及与、" or TITLE_VERB_RE.match(text):
            score += 1.0
        return score
    if state == "byline":
        # only under a title complete with its kind word (…的通知), or its 文号
        return 1.0 if prev == "num_b" or TITLE_END_RE.search(lines[i - 1].text) else NEVER
    if state in ("tdate", "tdate_b") and lines[i].text[:1] not in "(（":
        return 0.0 if prev == "byline" else NEVER  # a bare date: only the organ's, under it
    if prev == "start" and state == "body":
        return -4.0  # a document without a title
    if prev == "num_a" and state == "body":
        return -2.0
    if prev == "addr" and state == "addr":
        return 0.0 if lines[i - 1].text[-1:] in "，,、" else NEVER
    return 0.0


def role_score(table: dict[str, float], state: str) -> float:
    return table[ROLE_OF[state]]


def best_paths(lines: list[SourceLine], table: list[dict[str, float]], first_is_title: bool):
    """Forward (with back pointers) and backward max-sum scores of every (line, state)
    under :data:`NEXT`: ``fwd[i][s]`` is the best score of lines ``0..i`` ending in
    ``s``, ``bwd[i][s]`` the best score of lines ``i+1..`` after ``s``."""
    n = len(lines)
    fwd = [dict.fromkeys(ROLE_OF, NEVER) for _ in range(n)]
    back: list[dict[str, str]] = [{} for _ in range(n)]
    for state in NEXT["start"]:
        if not (first_is_title and state != "title"):
            fwd[0][state] = transition(lines, 0, "start", state) + role_score(table[0], state)
    for i in range(1, n):
        for prev, score in fwd[i - 1].items():
            if score == NEVER:
                continue
            for state in NEXT[prev]:
                value = score + transition(lines, i, prev, state) + role_score(table[i], state)
                if value > fwd[i][state]:
                    fwd[i][state], back[i][state] = value, prev
    bwd = [dict.fromkeys(ROLE_OF, NEVER) for _ in range(n)]
    bwd[n - 1] = dict.fromkeys(ROLE_OF, 0.0)
    for i in range(n - 2, -1, -1):
        for state in ROLE_OF:
            bwd[i][state] = max((transition(lines, i + 1, state, nxt) + role_score(table[i + 1], nxt)
                                 + bwd[i + 1][nxt] for nxt in NEXT[state]), default=NEVER)
    return fwd, back, bwd


#: A 文号 and the 签发人 beside it on one line (上行文): 某政发〔2024〕3号　　签发人：某某.
NUMBER_AND_SIGNER_RE = re.compile(
    r"""
    (?P<number> .+? 号 ) \s*            # the 文号
    (?P<signer> 签 \s* 发 \s* 人 \s* [:：] .{0,40} )   # 签发人：某某
    """,
    re.X,
)


def merge_cut_numbers(lines: list[SourceLine], report: ReportBuilder) -> list[SourceLine]:
    """The head lines with a 文号 cut over two lines by a break (``某政发〔2024〕`` /
    ``15号``) as one line (the join reported), and a 文号 printed with the 签发人 beside
    it as two (the 签发人 then reads as 版头); the rest as they are."""
    out = list(lines)
    for i, line in enumerate(out[:WINDOW]):
        both = NUMBER_AND_SIGNER_RE.fullmatch(line.text)
        if both and doc_number_of_line(both["number"]):
            out[i:i + 1] = [replace(line, text=both["number"]),
                            replace(line, text=both["signer"])]
    i = 0
    while i < min(len(out), WINDOW) - 1:
        if not ORDER_HEADING_RE.fullmatch(out[i].text) and out[i].table is None \
                and doc_number_at(out, i, report)[1] == 2:
            out[i:i + 2] = [replace(out[i], text=out[i].text + out[i + 1].text)]
        i += 1
    return out


def read_head(lines: list[SourceLine], report: ReportBuilder, *,
              first_is_title: bool = False) -> HeadParse:
    """The roles of the head lines of ``lines`` (see the module doc); with
    ``first_is_title`` the first line is the title's (a reader found it already).
    ``lines`` must have had their cut 文号 merged (:func:`merge_cut_numbers`)."""
    window = lines[:WINDOW]
    if not window:
        return HeadParse((), 0)
    # the 发文机关标志 is set larger than the title: the title's size is weighed against
    # the lines that can be no masthead
    sizes = [ln.size for i, ln in enumerate(window) if ln.size
             and not masthead_shaped(window, i)]
    table = [scores(ln, sizes) for ln in window]
    for i in range(min(2, len(window))):
        if letter_head(window, i):
            table[i]["mast"] = max(table[i]["mast"], 5.0)
    if copies_later_title(window):
        table[0]["copy"] = 6.0
    if first_is_title:  # the reader's word, whatever the line looks like
        table[0]["title"] = max(table[0]["title"], FORCED_TITLE)
    fwd, back, bwd = best_paths(window, table, first_is_title)
    states = [max(fwd[-1], key=lambda s: fwd[-1][s])]
    for i in range(len(window) - 1, 0, -1):
        states.insert(0, back[i][states[0]])
    report_margins(window, fwd, bwd, states, report)
    body_start = next((i for i, s in enumerate(states) if s == "body"), len(window))
    return HeadParse(tuple(ROLE_OF[s] for s in states[:body_start]), body_start)


def report_margins(window: list[SourceLine], fwd, bwd, states: list[str],
                   report: ReportBuilder) -> None:
    """Report each head line whose chosen role wins by less than :data:`MARGIN_MIN`."""
    for i, (line, state) in enumerate(zip(window, states)):
        role = ROLE_OF[state]
        by_role: dict[str, float] = {}
        for other, score in fwd[i].items():
            total = score + bwd[i][other]
            r = ROLE_OF[other]
            by_role[r] = max(by_role.get(r, NEVER), total)
        best = by_role[role]
        rival = max((r for r in by_role if r != role), key=lambda r: by_role[r])
        margin = best - by_role[rival]
        if margin < MARGIN_MIN and by_role[rival] > NEVER and {role, rival} != SAME_OUTCOME:
            report.uncertain(line.no, f"line read as the {ROLE_NAMES[role]} rather than the "
                                      f"{ROLE_NAMES[rival]} (score margin {margin:.1f}): "
                                      f"{line.text[:30]!r}")
        if role == "body":
            break
