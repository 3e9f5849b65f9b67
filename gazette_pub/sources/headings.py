"""Heading labels (一、 （一） 1. （1） 第X章 第X节 第X条, outline 1 / 1.1 / 1.1.1)
and their levels: a label's level is its rank among the label types a document uses.
"""

from __future__ import annotations

import re

from .. import body as body_format
from ..model import Heading
from .lines import Item


#: Heading labels by type, in canonical nesting order (see :data:`LABEL_ORDER`).
LABEL_RES = {
    "chapter": re.compile(r"""
        第 [一二三四五六七八九十百零〇\d]+ [编章]   # 第一章 / 第一编
        (?= \s | $                               # then a space or the end (not 第一章节),
          | (?!节) [\u4e00-\u9fff] [^，,。；;：:]{0,24} $ )  # or a short name (第一章总则)
        """, re.X),
    "section": re.compile(r"""
        第 [一二三四五六七八九十百零〇\d]+ 节       # 第一节
        (?= \s | $                               # then a space or the end,
          | [\u4e00-\u9fff] [^，,。；;：:]{0,24} $ )  # or a short name (第一节一般规定)
        """, re.X),
    "article": re.compile(r"""
        第 [一二三四五六七八九十百零〇\d]+ 条       # 第一条
        (?=.)                                    # followed by the article's text
        """, re.X),
    "cn": re.compile(r"""
        [一二三四五六七八九十百零〇]+ 、            # 一、
        """, re.X),
    "paren_cn": re.compile(r"""
        [（(] \s* [一二三四五六七八九十百零〇]+ \s* [）)]   # （一） / (一) / ( 一 )
        """, re.X),
    "num": re.compile(r"""
        \d{1,3} \s* [.．、]    # 1. / 1． / 1、
        (?!\d)                # not a decimal number (1.5倍)
        """, re.X),
    "paren_num": re.compile(r"""
        [（(] \d{1,3} [）)]    # （1） / (1)
        """, re.X),
    # decimal outline numbering of plans and standards (1 总则 / 1.1 编制目的 / 1.1.1 …)
    "outline1": re.compile(r"""
        \d{1,2} [\x20\u3000]+                     # 1 and a space
        (?= [\u4e00-\u9fff] [^，,。；;：:]{0,20} $ )   # then a short heading, the whole line
        """, re.X),
    "outline2": re.compile(r"""
        \d{1,2} \. \d{1,2} [\x20\u3000]+ (?=[\u4e00-\u9fff])   # 1.1 编制目的
        """, re.X),
    "outline3": re.compile(r"""
        \d{1,2} \. \d{1,2} \. \d{1,2} [\x20\u3000]+ (?=[\u4e00-\u9fff])   # 1.1.1 …
        """, re.X),
}


LABEL_ORDER = tuple(LABEL_RES)


#: Heading labels that head a title-like line (一、总体要求); the others head paragraphs.
TITLE_LABELS = frozenset({"chapter", "section", "cn", "paren_cn",
                          "outline1", "outline2", "outline3"})


def label_type(text: str) -> str | None:
    """The heading label type a line starts with, or None."""
    return next((kind for kind, rx in LABEL_RES.items() if rx.match(text)), None)


def heading_levels(items: list[Item]) -> dict[str, int]:
    """Level of each label type used: rank in :data:`LABEL_ORDER`, capped at 4."""
    used = {label_type(i.text) for i in items if i.kind == "heading"}
    ranked = [kind for kind in LABEL_ORDER if kind in used]
    return {kind: min(rank, 4) for rank, kind in enumerate(ranked, start=1)}


def heading_block(text: str, level: int) -> Heading:
    """A heading split as the manifest splits it (a label it does not know stays in the text)."""
    label, rest = body_format.split_heading_label(text)
    return Heading(level, label, rest)


#: The header of a document's own table of contents: 目录 / 目　　录 / 目次.
CONTENTS_HEADER_RE = re.compile(
    r"""
    目 \s* [录次]    # 目录 / 目次, maybe letter-spaced
    """,
    re.X,
)
#: Heading types a regulation's own 目录 lists.
CONTENTS_KINDS = frozenset({"chapter", "section"})


def mark_own_contents(items: list[Item], report) -> list[Item]:
    """A regulation's own 目录 (its chapter list under a 目录 line) is text, not a
    second set of headings: the chapter and section lines right under the 目录 line
    become paragraphs (kind ``contents``) when the first of them is printed again as
    a heading right after the list (reported)."""
    for i, item in enumerate(items):
        if item.kind != "para" or not CONTENTS_HEADER_RE.fullmatch(item.text):
            continue
        if i + 1 >= len(items) or items[i + 1].kind != "heading" \
                or label_type(items[i + 1].text) not in CONTENTS_KINDS:
            continue
        first = LABEL_RES[label_type(items[i + 1].text)].match(items[i + 1].text).group()
        end = i + 2  # the list runs until the first entry's label comes again
        while end < len(items) and items[end].kind == "heading" \
                and label_type(items[end].text) in CONTENTS_KINDS \
                and not items[end].text.startswith(first):
            end += 1
        if end - i < 3 or end == len(items) or not items[end].text.startswith(first):
            continue
        for entry in items[i + 1:end]:
            entry.kind = "contents"
        report.normalize(item.first, f"the document's own 目录 (lines {items[i + 1].first}-"
                                     f"{items[end - 1].last}) kept as text, not as headings")
    return items


#: Labels of a regulation's articles and the divisions above them.
ARTICLE_KINDS = frozenset({"chapter", "section", "article"})
#: Labels of the numbered items an article lists: （一）…； 1.…； (1)…。
ITEM_KINDS = frozenset({"cn", "paren_cn", "num", "paren_num"})
#: Last characters of an item that is a clause of its article, not a heading.
CLAUSE_ENDS = "；;。"
#: Articles that show a text is a regulation (第X条 … 第Y条).
ARTICLES_MIN = 2


def mark_article_items(items: list[Item], report) -> list[Item]:
    """In a regulation (two or more 第X条), a numbered item inside an article
    (``（一）热爱祖国，品德优良；``) ending with ； or 。 is a clause of that article: a
    paragraph, not a heading (reported once)."""
    if sum(1 for i in items if i.kind == "heading"
           and label_type(i.text) == "article") < ARTICLES_MIN:
        return items
    inside, clauses = False, []
    for item in items:
        kind = label_type(item.text) if item.kind == "heading" else None
        if kind in ARTICLE_KINDS:
            inside = kind == "article"
        elif inside and kind in ITEM_KINDS and item.text[-1:] in CLAUSE_ENDS:
            item.kind = "para"
            clauses.append(item)
    if clauses:
        report.normalize(clauses[0].first, f"{len(clauses)} numbered items inside articles "
                                           f"(lines {clauses[0].first}-{clauses[-1].last}) "
                                           "read as the articles' clauses, not headings")
    return items
