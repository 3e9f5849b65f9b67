"""The page around a flattened document: where a scraper's text without line breaks
holds the site's chrome, the page's metadata, copies of the title, an organ line and
an order heading before the document's own head.

Contract: :func:`page_cuts` returns the places in the opening of a flattened text
(before its first sentence end) where a new line must start — around a breadcrumb
(``首页 » 栏目 »``), a bar-separated link list, a chrome word (``点击此处下载``), a
metadata field (``时间:2024-07-06 04:34:58``, ``浏览:8616``, a label of
:mod:`.page_fields` with its short value) — and :func:`page_start` where the page's
opening ends (the document's head follows). :func:`opening_cuts` cuts the head run
between there and the 文号 or 主送: a title printed twice (the repeat cut off), a title
followed by its organ line, an order heading (``某某人民政府令第N号``) with its number.
Punctuation, field labels and organ endings only: no site, organ or title is named.
The pieces are read by :mod:`.web_page` and :mod:`.head` like any other lines.
"""

from __future__ import annotations

import re
from os.path import commonprefix

from .doc_number import DOC_NUMBER_RE
from .organs import ORGAN_ENDINGS, ORGAN_MIN, is_organ, is_signer_line
from .page_fields import META_LABEL_RE

#: Characters from the start in which the page's opening is looked for.
PAGE_SPAN = 700
#: Shortest title printed twice that is cut as a repeat.
REPEAT_MIN = 6
#: Longest value of a metadata field without a date or a number (来源:某某网).
VALUE_MAX = 16
#: Longest order heading's organ (某某人民政府令).
ORDER_ORGAN_MAX = 24

#: A breadcrumb: 首页 then links with separators, ending on a separator.
BREADCRUMB_RE = re.compile(
    r"""
    (?: (?: 您的 | 您现在的 | 当前 | 所在 ) 位置 \s* [:：]? \s* )?
    首页 (?: \s* (?: » | >> | > | ＞ | › ) \s* [^\s»>＞›。，：:]{1,14} )* \s* (?: » | >> | > | ＞ | › )
    """,
    re.X,
)
#: A list of links with bars between them (热门站点| 某网 | 某网 |).
LINK_BAR_RE = re.compile(
    r"""
    (?: [^|｜\s。，：:《》]{1,12} \s* [|｜] \s* ){2,}
    """,
    re.X,
)
#: Words only a page's tools print (a fragment of their own).
CHROME_WORD_RE = re.compile(
    r"""
    下载地址 \s* [:：] \s* (?: 点击此处下载 )? | 点击此处下载 | 收藏本站 | 设为首页 | 加入收藏
  | 打印本页 | 关闭窗口 | 分享到 \s* [:：]? | 【 \s* (?: 打印 | 关闭 | 收藏 | 大 \s* 中 \s* 小 ) \s* 】
  | 字号 \s* [:：] \s* 大 \s* 中 \s* 小 | 繁体中文 | 首页
  | (?: 您 (?: 的 | 现在的 )? )? (?: 当前 )? 所在 位置 \s* [:：] | 您的当前位置 \s* [:：]
  | ^ [A-Za-z] [A-Za-z\s]* (?= [\u4e00-\u9fff] )                  # a Latin marker opening it
    """,
    re.X,
)
#: A date field or a counter run on after a word (…的通知时间:2024-07-08 21:46:01): a page's, never
#: a sentence's (a sentence writes 2024年7月8日).
DATE_FIELD_RE = re.compile(
    r"""
    (?: 时间 | 日期 ) \s* [:：] \s* \d{4} [-/.] \d{1,2} [-/.] \d{1,2}
    (?: \s* \d{1,2} : \d{2} (?: : \d{2} )? )?
  | (?: 阅读 | 浏览 | 点击 | 访问 ) (?: 次数 | 量 )? \s* [:：] \s* \d*     # a counter: 阅读:8400
    """,
    re.X,
)
#: A field's value that ends by its shape: a date (and time), or a number.
FIELD_VALUE_RE = re.compile(
    r"""
    \s* (?: \d{4} \s* [-/.年] \s* \d{1,2} \s* [-/.月] \s* \d{1,2} \s* 日?      # 2024-07-06
            (?: \s* \d{1,2} : \d{2} (?: : \d{2} )? )?                        # 04:34:58
          | \d[\d\s/-]* (?<=\d) )                                              # 8616 / 0001/2024-1
    """,
    re.X,
)
#: The rest of a field's value without a shape: up to a space.
FIELD_WORD_RE = re.compile(
    r"""
    \s* [^\s:：|｜，,。]{1,%d} (?= \s )
    """ % VALUE_MAX,
    re.X,
)
#: An order heading's number: 令第N号, 令〔2010〕第15号, 令(九届第37号), 公告第28号.
ORDER_NUMBER_RE = re.compile(
    r"""
    (?: 令 | 公告 ) \s* [(（]? \s*
    (?: [〔\[【(（［] \s* \d{4} \s* [〕\]】)）］] \s* )?
    (?: [一二三四五六七八九十]{1,3} 届 \s* )?
    第 \s* \d{1,5} \s* 号 \s* [)）]?
    """,
    re.X,
)
#: The kind word that ends a title (where an organ line may follow it).
TITLE_KIND_RE = re.compile(
    r"""
    (?: 通知 | 通告 | 公告 | 决定 | 意见 | 批复 | 办法 | 规定 | 条例 | 细则 | 规则 | 方案 | 法 )
    (?: [(（] [^()（）]{1,12} [)）] )?
    """,
    re.X,
)
#: Sentence punctuation (the head's runs hold none).
PUNCT_RE = re.compile(r"[，,。；;！？!?：:]")


def field_end(text: str, start: int) -> int:
    """Where the value of a metadata field whose label ends at ``start`` ends: after a
    date or a number, after a short word before a space, or at the label (a value of
    no shape is left to the reader)."""
    for pattern in (FIELD_VALUE_RE, FIELD_WORD_RE):
        if (value := pattern.match(text, start)) and value.end() > start:
            return value.end()
    return start


def page_cuts(text: str) -> list[int]:
    """Cuts around the chrome and the metadata fields in the opening of ``text``."""
    stop = min((i for i in (text.find(c) for c in "。；;") if i >= 0), default=len(text))
    span = text[:min(stop, PAGE_SPAN)]
    cuts: list[int] = []
    labels = list(META_LABEL_RE.finditer(span))
    for pattern in (BREADCRUMB_RE, LINK_BAR_RE, CHROME_WORD_RE, DATE_FIELD_RE):
        for match in pattern.finditer(span):
            if not any(m.start() < match.start() < m.end() for m in labels):
                cuts += [match.start(), match.end()]  # (not 日期: inside 发布日期:)
    marks = sorted(set(cuts) | {m.start() for m in labels})
    for match in labels:
        end = field_end(text, match.end())
        if end == match.end():  # a value of no shape runs to the next mark (来源:某网下载地址:)
            after = next((c for c in marks if c > end), len(span))
            if after - end <= VALUE_MAX and not PUNCT_RE.search(text, end, after):
                end = after
        cuts += [match.start(), end]
    return sorted(c for c in set(cuts) if 0 < c < len(text))


def page_start(text: str, cuts: list[int]) -> int:
    """Where the document's head starts: after the last chrome or field cut."""
    return max(cuts, default=0)


def repeat_cuts(run: str) -> list[int]:
    """The cut before a title printed again in a head run (T, maybe an organ line, T
    again, maybe cut short): where the longest opening of the run that is printed again
    starts again."""
    for k in range(len(run) // 2, REPEAT_MIN - 1, -1):
        if PUNCT_RE.search(run[:k]):
            continue
        again = run.find(run[:k], k)
        if again >= 0 and (run[again - 1] in ORGAN_ENDINGS or run[again - 1] in "》)）"
                           or TITLE_KIND_RE.search(run, max(0, again - 4), again)
                           and TITLE_KIND_RE.search(run, max(0, again - 4), again).end() == again):
            return [again]  # (the copy starts after an organ, a bracket or a title)
    return []


def title_organ_cut(run: str) -> list[int]:
    """The cut between a title and the organ line printed after it (…规定某市人民政府)."""
    for match in reversed(list(TITLE_KIND_RE.finditer(run))):
        rest = run[match.end():].strip()
        if len(rest) >= ORGAN_MIN and not PUNCT_RE.search(rest) and is_signer_line(rest) \
                and rest[-1] in ORGAN_ENDINGS:
            return [match.end()]
    return []


def joint_organ_cuts(run: str) -> list[int]:
    """Where a 落款 naming joint organs run together splits (中共某市委办公室某市人民政府
    办公室): after an organ ending, when both sides are organs and the second opens with
    a place name the first holds (a joint 落款 repeats its place); none elsewhere."""
    cuts, last = [], 0
    for i in range(ORGAN_MIN, len(run) - ORGAN_MIN + 1):
        if run[i - 1] in ORGAN_ENDINGS and run[i] not in ORGAN_ENDINGS \
                and is_organ(run[last:i].strip()) and is_organ(run[i:].strip()) \
                and run[i:i + 2] in run[last:i - 1]:
            cuts.append(i)
            last = i
    return cuts


def named_again(run: str) -> list[int]:
    """Where an organ line run into an order heading's organ that names it again splits
    (某部中华人民共和国某部, 某省某市人民政府某市人民政府): after an organ ending, when
    both sides are organs and one holds the other."""
    return [i for i in range(ORGAN_MIN, len(run) - ORGAN_MIN + 1)
            if run[i - 1] in ORGAN_ENDINGS and is_organ(run[:i]) and is_organ(run[i:])
            and (run[:i] in run[i:] or run[i:] in run[:i])][:1]


def order_cuts(text: str, start: int, end: int) -> list[int]:
    """Cuts around an order heading (某某令 and its number) between ``start`` and
    ``end``: before its organ and after its number. The organ starts after the last
    title kind word or closing bracket before it (the title or its 题注), and after
    an organ line there that repeats its place (某省某市人民政府某市人民政府令); with
    neither, after the last organ ending where the rest names an organ."""
    for match in ORDER_NUMBER_RE.finditer(text, start, end):
        if text[match.start() - 1:match.start()] in "《":
            continue
        lo = max(start, match.start() - ORDER_ORGAN_MAX)
        strong = [m.end() for m in TITLE_KIND_RE.finditer(text, lo, match.start() - 1)]
        strong += [i + 1 for i in range(lo, match.start() - 1) if text[i] in "）)"]
        if strong:
            cut = max(strong)
            cut += max(joint_organ_cuts(text[cut:match.start()])
                       + named_again(text[cut:match.start()]), default=0)
        else:
            organs = [i for i in range(lo + 1, match.start() - 1)
                      if text[i - 1] in ORGAN_ENDINGS and is_organ(text[i:match.start()])]
            cut = organs[-1] if organs else start
        return ([cut] if cut > start else []) + [match.end()]
    return []


def opening_cuts(text: str, start: int, head: list[int], stop: int) -> list[int]:
    """Cuts in the head's runs from ``start`` up to the 主送 (or the first sentence end
    ``stop``), between the cuts ``head`` found: an order heading (looked for up to
    ``stop``), a title printed again, a title and its organ line."""
    cuts = order_cuts(text, start, stop)
    end = cuts[0] if cuts else (max(head) if head else stop)
    marks = sorted({start, end} | {c for c in head if start < c < end})
    for a, b in zip(marks, marks[1:]):
        run = text[a:b]
        repeats = repeat_cuts(run)
        cuts += [a + c for c in repeats]
        if repeats:  # a copy cut short by the site, its 文号 run on: 关于印发某某建议某政办发〔…
            same = len(commonprefix([run[:repeats[0]], run[repeats[0]:]]))
            if DOC_NUMBER_RE.match(run, repeats[0] + same):
                cuts.append(a + repeats[0] + same)
        for lo, hi in zip([0] + repeats, repeats + [len(run)]):
            # (the organ line after the first copy, or after a title before the order)
            cuts += [a + lo + c for c in title_organ_cut(run[lo:hi])]
    return cuts
