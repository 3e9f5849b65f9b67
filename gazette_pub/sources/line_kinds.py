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
from .organs import ORGAN_ENDINGS


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


#: （此件公开发布） / (此件删减后公开) / （此件发至县级） and similar release notes.
PUBLIC_NOTE_RE = re.compile(
    r"""
    [(（] \s*
    (?: (?: 此 | 本 ) \s* (?:文\s*)? 件          # 此件 / 此文件 / 本件, then what is done with it:
        [^()（）\n]{0,24}?                       # 删减后 / 经 / 不予 / 主动 …
        (?: 公 \s* 开 | 发 \s* 布 | 发 \s* 至 | 删 \s* 减 | 印 \s* 发 | 传 \s* 达 )
        [^()（）\n]{0,16}                         # 发布 / 县级 / 后公开 …
      | 信息公开 (?: 选项 | 形式 | 属性 | 方式 ) \s* [:：] [^()（）\n]{1,12}   # 信息公开形式：主动公开
    )
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


#: The style of an entry of a table of contents a word processor made (Word's
#: ``toc 1`` … ``toc 9``, also named ``TOC 1`` or ``目录 1``).
TOC_STYLE_RE = re.compile(
    r"""
    (?: toc | 目录 ) \s* \d    # toc 1 / TOC1 / 目录 1
    """,
    re.X | re.I,
)


#: An entry of a table of contents a file made: its text, a tab, its page number.
TOC_ENTRY_RE = re.compile(
    r"""
    [^\t]+ \t \s* \d{1,4}    # 第一章　总则<TAB>1
    """,
    re.X,
)


def to_items(lines: list[SourceLine]) -> list[Item]:
    """Classify lines; consecutive tab-separated rows form one ``table`` item; an entry
    of a table of contents the file made (its style says so) is text (``contents``),
    never a heading."""
    items: list[Item] = []
    for line in lines:
        if line.table is None and (line.style and TOC_STYLE_RE.fullmatch(line.style)
                                   or TOC_ENTRY_RE.fullmatch(line.text)):
            items.append(Item("contents", [line], line.text))
        elif line.table is not None:
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


#: Where the names of a 主送 are parted: commas, enumeration commas, semicolons.
ADDRESSEE_SEPARATOR_RE = re.compile(
    r"""
    [，,、；;]
    """,
    re.X,
)
#: Words of a lead sentence ending in a colon (现就有关事项通知如下：), never of a 主送.
LEAD_SENTENCE_RE = re.compile(
    r"""
    如下 | 根据 | 为了 | 按照 | 经研究 | 《
    """,
    re.X,
)
#: Longest name (or group of organs) between two separators of a 主送.
ADDRESSEE_PART_MAX = 30
#: Longest 主送.
ADDRESSEE_MAX = 200


def is_addressee(text: str) -> bool:
    """Can ``text`` be a 主送: names parted by commas, ending in a colon, no sentence
    (a lead sentence ``现将有关事项公告如下：`` is none)?"""
    if not text or text[-1] not in "：:" or len(text) > ADDRESSEE_MAX or "。" in text \
            or LEAD_SENTENCE_RE.search(text) or label_type(text):
        return False
    return all(len(part) <= ADDRESSEE_PART_MAX
               for part in ADDRESSEE_SEPARATOR_RE.split(text[:-1]))


#: Last characters of a name in a 主送: an organ (局, 委, 府 …), or a group of them
#: (各部门, 各单位, 各直属机构, 各乡镇, 各街道, 各有关企业).
ADDRESSEE_NAME_ENDINGS = ORGAN_ENDINGS | frozenset("门位构镇乡道业")
#: Fewest names in a 主送 read by its shape alone (one name could be a 落款 or a title).
BARE_ADDRESSEE_PARTS_MIN = 2


def is_bare_addressee(text: str) -> bool:
    """Is ``text`` a 主送 that lost its colon, by its shape: a short line of two or more
    names parted by commas or 、, each ending like an organ or a group of organs
    (``各街道办事处，区级各部门，某某管委会``), no sentence, no heading label?"""
    if not text or len(text) > ADDRESSEE_MAX or text[-1] in "：:" or PUNCT_RE.search(
            ADDRESSEE_SEPARATOR_RE.sub("", text)) or LEAD_SENTENCE_RE.search(text) \
            or label_type(text):
        return False
    parts = ADDRESSEE_SEPARATOR_RE.split(text)
    return len(parts) >= BARE_ADDRESSEE_PARTS_MIN and all(
        1 <= len(part.strip()) <= ADDRESSEE_PART_MAX
        and part.strip()[-1] in ADDRESSEE_NAME_ENDINGS for part in parts)
