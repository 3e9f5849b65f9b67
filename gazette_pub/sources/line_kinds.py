"""What one source line is: a heading, a date, a release note (此件公开发布), a
附件 label or note, a 注： remark, a list item, a table row or a paragraph line.

:func:`to_items` turns a document's lines into :class:`lines.Item` s (consecutive
tab-separated rows form one table item); :func:`is_title_like` says whether a
line could be a title or a name.
"""

from __future__ import annotations

import re

from .doc_number import doc_number_of_line
from .headings import label_type
from .lines import PUNCT_RE, TITLE_MAX, Item, SourceLine


#: A date alone on its line: 2021年2月28日 / 2021 年 5 月 14 日 / 二〇二一年二月二十八日.
DATE_LINE_RE = re.compile(
    r"""
    (?P<open>[(（])? \s*
    (?:\d{4}|[〇○Oo0零一二三四五六七八九]{4}) \s* 年 \s*     # 〇 also printed ○, O or 0
    (?:\d{1,2}|[一二三四五六七八九十]{1,3}) \s* 月 \s*
    (?:\d{1,2}|[一二三四五六七八九十]{1,3}) \s* 日
    \s* (?P<close>[)）])?
    """,
    re.X,
)


#: （此件公开发布） / (此件不公开) and similar release notes.
PUBLIC_NOTE_RE = re.compile(
    r"""
    [(（] \s*
    此 \s* (?:文\s*)? 件 \s*        # 此件 / 此文件
    (?: 不 \s* 予? )? \s*            # 此件不 / 此件不予
    (?: 主动 | 依申请 | 予以 )? \s*     # 主动公开 / 依申请公开 / 予以公开
    公开 \s* (?: 发布 )?               # 公开 / 公开发布
    \s* [)）]
    """,
    re.X,
)


#: A 附件 label alone on its line (before an attachment's title): 附件 / 附件1 / 附件 2.
ATTACH_LABEL_RE = re.compile(
    r"""
    附 \s* 件      # 附件, maybe letter-spaced
    \s* \d{0,2}    # its number
    """,
    re.X,
)


#: The start of a 附件 note (附件：标题 / 附件:1.标题); alone (fullmatch), the
#: attachment itself follows as an enclosed document.
ATTACH_NOTE_RE = re.compile(
    r"""
    附 \s* 件 \s* \d{0,2}   # 附件 / 附件1
    \s* [：:]              # and a colon
    """,
    re.X,
)


#: A remark: 注：… / 注:…
REMARK_RE = re.compile(
    r"""
    注 \s* [：:]    # 注 and a colon
    """,
    re.X,
)


#: A list item with a bullet (a Markdown '- ' left in the text, or a printed bullet).
LIST_ITEM_RE = re.compile(
    r"""
    (?P<bullet>[-+*•·▪]\s+)   # bullet (Markdown - + *, or printed) and its space
    (?P<text>\S.*)          # the item
    """,
    re.X,
)


#: A field line: a short label and a colon (责任单位：… 完成时限：… 成 员：…).
FIELD_LINE_RE = re.compile(
    r"""
    [\u4e00-\u9fff]            # the label starts with a character
    [\u4e00-\u9fff\x20\u3000]{1,7}   # short, maybe letter-spaced (成　员：)
    [：:]                       # the colon
    """,
    re.X,
)


#: Item kinds that close a document (a title may follow them).
CLOSING_KINDS = frozenset({"public", "date", "signature"})


def is_title_like(text: str) -> bool:
    """A title: short, no sentence punctuation, not a label or date or 文号."""
    return (len(text) <= TITLE_MAX and not PUNCT_RE.search(text) and "\t" not in text
            and label_type(text) is None and DATE_LINE_RE.fullmatch(text) is None
            and doc_number_of_line(text) is None)


def classify(line: SourceLine) -> str:
    """The kind of one non-table line."""
    text = line.text
    if PUBLIC_NOTE_RE.fullmatch(text):
        return "public"
    if DATE_LINE_RE.fullmatch(text):
        return "title_date" if text[0] in "(（" else "date"
    if ATTACH_LABEL_RE.fullmatch(text):
        return "label"
    if ATTACH_NOTE_RE.match(text):
        return "attach"
    if REMARK_RE.match(text):
        return "remark"
    if LIST_ITEM_RE.fullmatch(text):
        return "list"
    if label_type(text):
        return "heading"
    return "para"


def to_items(lines: list[SourceLine]) -> list[Item]:
    """Classify lines; consecutive tab-separated rows form one ``table`` item."""
    items: list[Item] = []
    for line in lines:
        if line.table is not None:
            items.append(Item("table", [line], table=line.table))
        elif "\t" in line.text:
            if items and items[-1].kind == "table":
                items[-1].rows.append(line)
            else:
                items.append(Item("table", [], rows=[line]))
        else:
            items.append(Item(classify(line), [line], line.text))
    return items


def group_lists(items: list[Item]) -> list[Item]:
    """Consecutive bulleted lines (blank lines between allowed) form one list item."""
    out: list[Item] = []
    for item in items:
        if item.kind == "list" and out and out[-1].kind == "list":
            out[-1].lines += item.lines
            out[-1].text += "\n" + item.text
        else:
            out.append(item)
    return out
