"""The shared stage of every reader: a document's lines → model blocks.

Readers cut their input into documents and hand each one's lines (with source
line numbers) to :func:`build_document`. This module then

1. reads the head under the title: a dated line ``(2021年3月23日)`` and the
   文号 (normalized to 〔〕, raw form kept);
2. classifies the body lines (headings 一、 （一） 1. （1） 第X章 第X条, dates,
   (此件公开发布) notes, 附件 notes and labels, 注： remarks, list items,
   tab-separated table rows);
3. repairs page/column breaks: a line that stops mid-sentence is joined with the
   next line when that one continues it (never a heading onto text, never two
   finished paragraphs); in a hard-wrapped text a line that fills the printed
   line goes on, and where the text keeps the paragraphs' first-line indent only
   an indented line starts a paragraph (the layout is measured per document, or
   over the whole source when a document is too short); every join is reported;
4. finds the 主送 (addressee), the 落款 (signature lines before a date line),
   tables (repeated headers dropped, fragments interrupted by text re-joined),
   and enclosed documents (a title after the 落款/public note, after a 附件
   label, or over a table);
5. returns a :class:`model.Document`.
"""

from __future__ import annotations

import difflib
import functools
import logging
import re
from dataclasses import dataclass, field, replace

from .. import body as body_format
from ..ids import document_id, slugify
from ..model import (Addressee, AttachmentNote, Block, DateLine, Document, Enclosed,
                     Heading, ListBlock, Note, Paragraph, Signature, SourceRef, Table, TableBlock)
from .report import ReportBuilder
from .tables import build_table, first_number, last_number, numbering_column, split_fields, trimmed

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceLine:
    """One non-blank input line: its 1-based number and its text (outer spaces stripped).

    A reader that parses tables itself (HTML or pipe tables in OCR Markdown)
    hands each one over as a line holding ``table`` (its ``text`` is then "").
    """

    no: int
    text: str
    table: Table | None = None
    #: The line starts with an indent (two spaces or an ideographic space): a
    #: paragraph's first line, in a text that keeps the print's 首行缩进.
    indented: bool = False
    # What only a file format knows (a .docx paragraph, a PDF text line); None where the
    # input does not say (plain text). Recognizers use them as extra evidence for a role.
    #: Alignment of the line: "left", "center", "right" or "justify".
    align: str | None = None
    #: Every character of the line is set in bold.
    bold: bool | None = None
    #: Font size in points (the largest on the line).
    size: float | None = None
    #: The paragraph style's name (e.g. "Title", "Heading 1"), as the file names it.
    style: str | None = None
    #: The 1-based page the line is printed on (PDF) or falls on (docx page breaks).
    page: int | None = None

    @property
    def full_text(self) -> str:
        """The line's text, or a parsed table's caption and cells (tab-separated rows)."""
        if self.table is None:
            return self.text
        rows = self.table.header_rows + self.table.rows
        return "\n".join([self.table.caption] + ["\t".join(c.text for c in r) for r in rows]
                         + list(self.table.footnotes))


#: Spaces stripped from both ends of a line (tabs are kept: they delimit table fields).
EDGE_SPACES = " \u3000\xa0\u2002\u2003"


def source_lines(text: str, first: int = 1) -> list[SourceLine]:
    """The non-blank lines of ``text``, numbered from ``first``."""
    out = []
    for no, raw in enumerate(text.split("\n"), start=first):
        line = raw.strip(EDGE_SPACES)
        if line.strip():
            indent = raw[:len(raw) - len(raw.lstrip(EDGE_SPACES))]
            out.append(SourceLine(no, line if "\t" in line else line.strip(),
                                  indented=indent.count(" ") >= 2 or "\u3000" in indent))
    return out


# --------------------------------------------------------------------------- 文号

#: A 文号: organ abbreviation, year in any bracket pair, number, 号.
DOC_NUMBER_RE = re.compile(
    r"""
    (?P<prefix>[\u4e00-\u9fff]{1,12}?)    # organ abbreviation + kind: 示党发, 示政办函
    \s*
    [〔\[【(（［]                          # year bracket as printed: 〔 [ 【 ( （ ［
    \s* (?P<year>\d{4}) \s*
    [〕\]】)）］]                          # the closing bracket
    \s* (?P<num>\d{1,5}) \s*
    号
    """,
    re.X,
)

#: The number of a government order (规章): ``省政府令第212号``, ``〔2023〕第1号``.
ORDER_NUMBER_RE = re.compile(
    r"""
    (?P<organ>[\u4e00-\u9fff]{0,24}?令)? \s*     # 江北省人民政府令 / 省政府令 (a line of its own in the body)
    (?: [〔\[【(（［] \s* (?P<year>\d{4}) \s*   # an optional year in brackets
        [〕\]】)）］] \s* )?
    第 \s* (?P<num>\d{1,5}) \s* 号               # 第212号
    """,
    re.X,
)

#: The number of an announcement (公告/通告) under its title: 2023年第1号.
ANNOUNCEMENT_NUMBER_RE = re.compile(
    r"""
    (?P<year>\d{4}) \s* 年 \s*    # 2023年
    第 \s* (?P<num>\d{1,4}) \s* 号   # 第1号
    """,
    re.X,
)

#: The heading of a government order alone on its line: 江北省人民政府令.
ORDER_HEAD_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,24}    # the organ
    令                        # 令 (order)
    """,
    re.X,
)

#: An order heading with its number on one line: 江北省人民政府令（第212号）.
ORDER_LINE_RE = re.compile(
    r"""
    (?P<organ>[\u4e00-\u9fff]{2,24}令) \s*              # 江北省人民政府令
    [(（]? \s*                                          # an optional bracket
    (?P<number> (?: [〔\[【［] \s* \d{4} \s* [〕\]】］] \s* )?   # 〔2023〕
                第 \s* \d{1,5} \s* 号 )                 # 第212号
    \s* [)）]?
    """,
    re.X,
)

#: The masthead of a 红头 document (发文机关标志): 江北省人民政府办公厅文件.
RED_HEAD_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,40}                 # the organ
    (?: [\x20\u3000]+ [\u4e00-\u9fff]{2,40} )*   # joint organs side by side
    文 \s* 件                             # 文件
    """,
    re.X,
)

#: A line that is only a 文号, perhaps in parentheses (as under a title or in a TOC).
DOC_NUMBER_LINE_RE = re.compile(
    r"""
    [(（]? \s*                      # optional opening parenthesis
    (?P<number>.+?号)               # the 文号 itself (checked with DOC_NUMBER_RE)
    \s* [)）]?                      # optional closing parenthesis
    """,
    re.X,
)

#: Characters OCR confuses inside 文号 prefixes; a swap needs evidence from the issue.
OCR_CONFUSABLES = {"千": "干", "干": "千", "已": "己", "己": "已", "士": "土", "土": "士"}


def is_red_head(text: str) -> bool:
    """Is ``text`` a 红头 masthead line (organ + 文件, no 关于/印发 …)?"""
    return bool(RED_HEAD_RE.fullmatch(text)) and not TITLE_VERB_RE.search(text)


def ascii_digits(text: str) -> str:
    """``text`` with full-width (and other Unicode) decimal digits as ASCII digits."""
    return "".join(str(int(c)) if c.isdecimal() and not c.isascii() else c for c in text)


def normalize_doc_number(raw: str) -> str:
    """``示党发[2024]20 号`` → ``示党发〔2024〕20号``; an order number keeps its
    organ (``省政府令 第212号`` → ``省政府令第212号``), an announcement number is
    ``2023年第1号``; "" if ``raw`` is none of these.
    Digits become ASCII."""
    raw = ascii_digits(raw.strip())
    if match := DOC_NUMBER_RE.fullmatch(raw):
        return f"{match['prefix']}〔{match['year']}〕{match['num']}号"
    if match := ANNOUNCEMENT_NUMBER_RE.fullmatch(raw):
        return f"{match['year']}年第{match['num']}号"
    match = ORDER_NUMBER_RE.fullmatch(raw)
    if not match or not match["organ"]:
        return ""
    year = f"〔{match['year']}〕" if match["year"] else ""
    return f"{match['organ']}{year}第{match['num']}号"


def is_doc_number(text: str) -> bool:
    """Is ``text`` a 文号 (or an order number naming its organ)?"""
    return bool(normalize_doc_number(text))


def doc_number_of_line(text: str) -> str | None:
    """The 文号 as printed when ``text`` is only a 文号 (in optional parentheses)."""
    match = DOC_NUMBER_LINE_RE.fullmatch(text)
    if match and is_doc_number(match["number"]):
        return match["number"]
    return None


def order_number_of_line(text: str) -> str | None:
    """The order number (organ + number, as printed without brackets) when ``text``
    is an order heading with its number (``江北省人民政府令（第212号）``)."""
    match = ORDER_LINE_RE.fullmatch(text)
    return match["organ"] + match["number"] if match else None


def same_order_number(a: str, b: str) -> bool:
    """Do two normalized order numbers name the same order (``省政府令第212号`` and
    ``江北省人民政府令第212号``: same number and year, one organ a short form)?"""
    ma, mb = ORDER_NUMBER_RE.fullmatch(a), ORDER_NUMBER_RE.fullmatch(b)
    if not (ma and mb and ma["organ"] and mb["organ"]):
        return False
    same_organ = ma["organ"].endswith(mb["organ"][-3:]) or mb["organ"].endswith(ma["organ"][-3:])
    return ma["num"] == mb["num"] and ma["year"] == mb["year"] and same_organ


def confusable_variants(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ only by OCR-confusable characters."""
    return len(a) == len(b) and a != b and all(
        x == y or OCR_CONFUSABLES.get(x) == y for x, y in zip(a, b))


# --------------------------------------------------------------------------- line kinds

#: Heading labels by type, in canonical nesting order (see :data:`LABEL_ORDER`).
LABEL_RES = {
    "chapter": re.compile(r"""
        第 [一二三四五六七八九十百零〇\d]+ [编章]   # 第一章 / 第一编
        (?=\s|$)                                 # then a space or the end (not 第一章节)
        """, re.X),
    "section": re.compile(r"""
        第 [一二三四五六七八九十百零〇\d]+ 节       # 第一节
        (?=\s|$)                                 # then a space or the end
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

#: Characters that end a sentence (or a bracketed note closing one).
TERMINAL = "。；;！？!?：:）)〕]】"
#: Characters no paragraph or heading ends with: a line ending so goes on.
OPEN_ENDS = "，,、"
#: Sentence punctuation anywhere in a line (marks running text, not a title).
PUNCT_RE = re.compile(
    r"""
    [，,。；;：:！？!?]    # comma, full stop, semicolon, colon, exclamation, question
    """,
    re.X,
)
#: Running-text punctuation (a line holding one is a sentence, not a title or name).
RUNNING_PUNCT_RE = re.compile(
    r"""
    [，,。；;：:！？!?]    # sentence punctuation
  | 、                    # or an enumeration comma
    """,
    re.X,
)
#: Bracket and quote pairs a sentence cut by a break may leave open.
BRACKET_PAIRS = (("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"), ("〔", "〕"), ("〈", "〉"))
#: Heading labels that head a title-like line (一、总体要求); the others head paragraphs.
TITLE_LABELS = frozenset({"chapter", "section", "cn", "paren_cn",
                          "outline1", "outline2", "outline3"})
#: Item kinds that close a document (a title may follow them).
CLOSING_KINDS = frozenset({"public", "date", "signature"})
#: An inner sentence end (a heading with text after its first sentence).
INNER_STOP_RE = re.compile(
    r"""
    [。；;！？!?]    # full stop, semicolon, exclamation, question
    """,
    re.X,
)

#: A wide gap between two organs signing side by side on one 落款 line.
SIDE_BY_SIDE_RE = re.compile(
    r"""
    \s{2,}    # two or more spaces (ideographic or not); one space stays (省长 王某某)
    """,
    re.X,
)

#: Longest line still taken for a title or an organ in a 落款.
TITLE_MAX = 80
ORGAN_MAX = 30
#: A heading is continued by a short tail only (``理机制。``), never by a paragraph.
HEADING_TAIL_MAX = 12
#: A line without punctuation this long is running text cut by a break.
RUNNING_TEXT_MIN = 40


def label_type(text: str) -> str | None:
    """The heading label type a line starts with, or None."""
    return next((kind for kind, rx in LABEL_RES.items() if rx.match(text)), None)


def is_title_like(text: str) -> bool:
    """A title: short, no sentence punctuation, not a label or date or 文号."""
    return (len(text) <= TITLE_MAX and not PUNCT_RE.search(text) and "\t" not in text
            and label_type(text) is None and DATE_LINE_RE.fullmatch(text) is None
            and doc_number_of_line(text) is None)


@dataclass
class Item:
    """A classified run of source lines; ``kind`` says what it is."""

    kind: str
    lines: list[SourceLine]
    text: str = ""
    rows: list[SourceLine] = field(default_factory=list)
    #: A table the reader parsed already (``kind == "table"``, no ``rows``).
    table: Table | None = None

    @property
    def first(self) -> int:
        return (self.lines or self.rows)[0].no

    @property
    def last(self) -> int:
        return (self.lines or self.rows)[-1].no


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


# --------------------------------------------------------------------------- page breaks

def unbalanced(text: str) -> bool:
    """Does ``text`` leave a bracket or quote open (so the sentence goes on)?"""
    return any(text.count(o) > text.count(c) for o, c in BRACKET_PAIRS)


#: Characters a paragraph's first-line indent takes (首行缩进两字).
INDENT_WIDTH = 2
#: Indented lines that show a text keeps its paragraphs' indents.
INDENTS_MIN = 3


def printed_length(line: SourceLine) -> int:
    """The characters ``line`` takes on its printed line, its indent counted."""
    return len(line.text) + (INDENT_WIDTH if line.indented else 0)


def fills_line(a: Item, width: int) -> bool:
    """Does the last line of ``a`` fill the printed line ``width``?"""
    return printed_length(a.lines[-1]) >= width - 1


#: Items whose text wraps over printed lines (a 附件： note, a 注： remark, a list item too).
WRAPPING_KINDS = frozenset({"para", "heading", "attach", "remark", "list"})


def goes_on(a: Item, b: Item, width: int | None, indents: bool) -> bool:
    """In a hard-wrapped text (``width``), does ``b`` go on with ``a`` by the layout alone?

    With indented paragraphs (``indents``) a line without the indent is no new
    paragraph: next to a full line it goes on, even after a sentence end or when
    it looks like a heading (``一、`` cut off the end of ``统一``). Without them, a
    full line goes on when it ends mid-sentence (into a heading-like line only from
    a paragraph or heading: an attachment list's next item is a line of its own);
    a line of names set apart by spaces (no punctuation) is no full line.
    """
    if a.kind not in WRAPPING_KINDS or not a.text or not width:
        return False
    if indents:
        return b.kind in WRAPPING_KINDS and (fills_line(a, width) or fills_line(b, width))
    last = a.lines[-1].text
    names = WHITESPACE_RE.search(last) and not RUNNING_PUNCT_RE.search(last)
    goes_into = ("para", "heading") if a.kind in ("para", "heading") else ("para",)
    return (fills_line(a, width) and b.kind in goes_into and a.text[-1] not in TERMINAL
            and not names)


def should_join(a: Item, b: Item, after_closing: bool = False, width: int | None = None,
                indents: bool = False) -> bool:
    """Does ``b`` continue the sentence that a page or column break cut in ``a``?

    ``after_closing`` says ``a`` follows a 落款 date or public note (a title spot);
    ``width`` is the printed line width of a hard-wrapped text (see :func:`line_width`):
    a line that fills it goes on in ``b``; ``indents`` says the text keeps the
    paragraphs' first-line indent, so an indented ``b`` starts a paragraph (see
    :func:`goes_on`).
    """
    if indents and b.lines and b.lines[0].indented:
        return False
    if goes_on(a, b, width, indents):
        return True
    if a.kind not in ("para", "heading") or b.kind != "para" or not a.text:
        return False
    if a.text[-1] in TERMINAL or (after_closing and is_title_like(a.text)):
        return False
    if unbalanced(a.text) or a.text[-1] in OPEN_ENDS:
        return True
    short_tail = len(b.text) <= HEADING_TAIL_MAX and b.text[-1] in "。；;"
    kind = label_type(a.text) if a.kind == "heading" else None
    if kind == "article":
        return True  # 第X条 opens a sentence, never a title: without its end it is cut
    if kind in TITLE_LABELS:
        # 一、总体要求 is complete; （三）…制度。修订… or （一）…,建立…管 is cut, and so is
        # a heading as long as running text with commas in it (no heading runs on so)
        text = a.text[LABEL_RES[kind].match(a.text).end():]
        sentence = bool(RUNNING_PUNCT_RE.search(text)) and (short_tail
                                                             or len(text) >= RUNNING_TEXT_MIN)
        return bool(INNER_STOP_RE.search(text)) or sentence
    if short_tail:
        return True
    field = FIELD_LINE_RE.match(b.text)
    if field and b.text[field.end():].strip():
        return False  # a new 责任单位：… line (not the cut end of an enumeration: …各直属 / 机构：)
    if len(b.text) <= ORGAN_MAX and is_title_like(b.text):
        return False  # a name or list line, not the tail of a sentence
    return bool(RUNNING_PUNCT_RE.search(a.text)) or len(a.text) >= RUNNING_TEXT_MIN


#: A text is hard-wrapped (one printed line per source line) when at least this
#: share of its paragraph lines are about as long as the longest usual one …
HARD_WRAP_SHARE = 0.5
#: … and it has at least this many paragraph lines.
HARD_WRAP_MIN_LINES = 8


def line_width(items: list[Item]) -> int | None:
    """The printed line width of a hard-wrapped text (the usual length of its full
    paragraph lines), or None when paragraphs are one line each (the common case)."""
    lengths = sorted(printed_length(i.lines[0]) for i in items if i.kind == "para")
    if len(lengths) < HARD_WRAP_MIN_LINES:
        return None
    width = lengths[int(len(lengths) * 0.75)]
    full = sum(1 for n in lengths if width - 1 <= n <= width + 1)
    return width if full >= HARD_WRAP_SHARE * len(lengths) else None


def keeps_indents(items: list[Item]) -> bool:
    """Does the text mark its paragraphs' first lines with an indent?"""
    return sum(1 for i in items if i.lines and i.lines[0].indented) >= INDENTS_MIN


@dataclass(frozen=True)
class TextLayout:
    """How an extraction laid out the text: the same for every document of a source."""

    #: The printed line width of a hard-wrapped text (see :func:`line_width`), else None.
    width: int | None = None
    #: Whether paragraphs' first lines keep their indent (see :func:`keeps_indents`).
    indents: bool = False


def text_layout(items: list[Item], fallback: TextLayout = TextLayout()) -> TextLayout:
    """The layout ``items`` show; what they do not show (too few lines to measure: a
    table with a remark under it) comes from ``fallback``, the whole source's."""
    return TextLayout(line_width(items) or fallback.width,
                      keeps_indents(items) or fallback.indents)


def join_breaks(items: list[Item], report: ReportBuilder, layout: TextLayout) -> list[Item]:
    """Join items cut by page/column breaks (see :func:`should_join`); report each join."""
    out: list[Item] = []
    for item in items:
        after_closing = len(out) > 1 and out[-2].kind in CLOSING_KINDS
        if out and should_join(out[-1], item, after_closing, layout.width, layout.indents):
            prev = out[-1]
            report.join(prev.last, f"joined line {prev.last} with line {item.first} "
                                   f"(break after {prev.text[-6:]!r})")
            prev.lines += item.lines
            prev.text += item.text
        else:
            out.append(item)
    return out


# --------------------------------------------------------------------------- grouping

#: Longest wrapped end of an attachment title taken into its 附件 note.
ATTACH_TAIL_MAX = 20


def group_attachments(items: list[Item]) -> list[Item]:
    """A 附件： note swallows the numbered title lines that follow it, and the end of
    an attachment title wrapped onto the next line (a short title-like line that
    names no organ: the 落款 follows)."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        number = LABEL_RES["num"].match(item.text) if item.kind == "heading" else None
        numbered = number is not None and not PUNCT_RE.search(item.text[number.end():])
        wrapped = (item.kind == "para" and len(item.text) <= ATTACH_TAIL_MAX
                   and is_title_like(item.text) and not is_signer_line(item.text)
                   and prev is not None and prev.text[-1:] not in TERMINAL)
        if prev is not None and prev.kind == "attach" and (numbered or wrapped):
            prev.lines += item.lines
            prev.text += "\n" + item.text
        else:
            out.append(item)
    return out


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


#: An official signing with his name: 省长　王某某 / 市长　　李某.
OFFICIAL_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{0,8} (?: 长 | 任 | 书记 | 席 | 理 )   # the office
    \s+ [\u4e00-\u9fff·][\u4e00-\u9fff·\s]{1,5}          # the name
    """,
    re.X,
)


def is_signer_line(text: str) -> bool:
    """Can ``text`` be a 落款 line: an official with his name, or organs (side by side)?"""
    parts = SIDE_BY_SIDE_RE.split(text)
    return bool(OFFICIAL_RE.fullmatch(text)) or all(
        len(part) <= ORGAN_MAX and part[-1:] in SIGNER_ENDINGS for part in parts)


def mark_signatures(items: list[Item]) -> list[Item]:
    """The organ lines right before a date line are its 落款 (signature); a line that
    names no organ or official (特此通知 without its full stop) is not."""
    out: list[Item] = []
    for item in items:
        if item.kind == "date":
            organs: list[Item] = []
            while (out and out[-1].kind == "para" and is_title_like(out[-1].text)
                   and is_signer_line(out[-1].text) and len(organs) < 4):
                organs.insert(0, out.pop())
            if organs:
                out.append(Item("signature", [ln for o in organs for ln in o.lines],
                                "\n".join(o.text for o in organs)))
        out.append(item)
    return out


def is_caption(item: Item) -> bool:
    """Can ``item`` caption a table: a 附件 label or a title-like line?"""
    return item.kind == "label" or (item.kind == "para" and is_title_like(item.text))


def caption_start(items: list[Item], index: int) -> int:
    """Index of the first of the (at most two) caption items right before ``items[index]``."""
    start = index
    while start > 0 and index - start < 2 and is_caption(items[start - 1]):
        start -= 1
    return start


def continues(prev: Item, frag: Item, between: list[Item]) -> bool:
    """Is table fragment ``frag`` the continuation of table ``prev`` (after ``between``)?

    It must repeat the header; then the numbering column decides (7 follows 6, 1
    starts a new table); without one, a caption in between starts a new table.
    """
    if trimmed(split_fields(frag.rows[0].text)) != trimmed(split_fields(prev.rows[0].text)):
        return False
    prev_rows = [split_fields(r.text) for r in prev.rows[1:]]
    frag_rows = [split_fields(r.text) for r in frag.rows[1:]]
    col = numbering_column(prev_rows + frag_rows)
    if col is not None:
        last, nxt = last_number(prev_rows, col), first_number(frag_rows, col)
        if last is not None and nxt is not None:
            return nxt == last + 1
    return not any(is_caption(i) for i in between)


def absorb_fragment(out: list[Item], at: int, frag: Item, report: ReportBuilder) -> int:
    """Append ``frag``'s rows to the table ``out[at]``; prose printed between the two
    parts moves before the table and its caption. Returns the table's new index."""
    table, between = out[at], out[at + 1:]
    prose = [i for i in between if not is_caption(i)]
    captions = [i for i in between if is_caption(i)]
    start = caption_start(out, at)
    if prose:
        report.fix(prose[0].first, f"table at line {table.first} continues at line {frag.first}; "
                                   f"moved lines {prose[0].first}-{prose[-1].last} before the table")
    table.rows += frag.rows
    out[start:] = prose + out[start:at + 1] + captions
    return at + len(prose)


def merge_table_fragments(items: list[Item], report: ReportBuilder) -> list[Item]:
    """Re-join tables that text interrupted (see :func:`continues`, :func:`absorb_fragment`)."""
    out: list[Item] = []
    last_table: int | None = None
    for item in items:
        if item.kind == "table" and item.rows and last_table is not None \
                and continues(out[last_table], item, out[last_table + 1:]):
            last_table = absorb_fragment(out, last_table, item, report)
            continue
        out.append(item)
        if item.kind == "table" and item.rows:
            last_table = len(out) - 1
    return out


# --------------------------------------------------------------------------- blocks

def heading_levels(items: list[Item]) -> dict[str, int]:
    """Level of each label type used: rank in :data:`LABEL_ORDER`, capped at 4."""
    used = {label_type(i.text) for i in items if i.kind == "heading"}
    ranked = [kind for kind in LABEL_ORDER if kind in used]
    return {kind: min(rank, 4) for rank, kind in enumerate(ranked, start=1)}


def heading_block(text: str, level: int) -> Heading:
    """A heading split as the manifest splits it (a label it does not know stays in the text)."""
    label, rest = body_format.split_heading_label(text)
    return Heading(level, label, rest)


#: A name letter-spaced one character apart: 国　务　院.
LETTER_SPACED_RE = re.compile(
    r"""
    [\u4e00-\u9fff] (?: \s{1,3} [\u4e00-\u9fff] )+    # single characters with spaces between
    """,
    re.X,
)


def signature_parts(text: str, item: Item, report: ReportBuilder):
    """The signatories of a 落款: a letter-spaced name closed up (国　务　院 → 国务院,
    reported), organs side by side on one line split apart."""
    for line, source in zip(text.split("\n"), item.lines):
        if LETTER_SPACED_RE.fullmatch(line):
            closed = squash(line)
            report.normalize(source.no, f"signature {line!r}: letter spacing removed")
            yield closed
        elif OFFICIAL_RE.fullmatch(line):
            yield line
        else:
            yield from SIDE_BY_SIDE_RE.split(line)


def item_block(item: Item, levels: dict[str, int], caption: str,
               report: ReportBuilder) -> Block:
    """The model block for one classified item."""
    kind, text = item.kind, item.text
    if kind == "heading":
        return heading_block(text, levels[label_type(text)])
    if kind == "table" and item.table is not None:
        return TableBlock(replace(item.table, caption=item.table.caption or caption))
    if kind == "table":
        return TableBlock(build_table(item.rows, caption, report))
    if kind == "signature":
        return Signature(tuple(signature_parts(text, item, report)))
    if kind == "date":
        return DateLine(text, body_format.parse_date(text))
    if kind in ("public", "title_date", "remark"):
        return Note(text, kind)
    if kind == "attach":
        lines = text.split("\n")
        return AttachmentNote(text, body_format.parse_attachments(lines))
    if kind == "list":
        return ListBlock(tuple(LIST_ITEM_RE.fullmatch(t)["text"] for t in text.split("\n")))
    if kind == "addressee":
        return Addressee(text)
    return Paragraph(text)


def mark_addressee(items: list[Item]) -> None:
    """The first line, when it ends in a colon, is the 主送 (addressee)."""
    if items and items[0].kind == "para" and items[0].text[-1] in "：:" \
            and len(items[0].text) <= 200:
        items[0].kind = "addressee"


def enclosed_starts(items: list[Item]) -> list[int]:
    """Indices of the titles that open enclosed documents (see the module doc)."""
    def title(i: int) -> bool:
        return 0 <= i < len(items) and items[i].kind == "para" and is_title_like(items[i].text)

    starts: set[int] = set()
    for i, item in enumerate(items):
        closes = item.kind in CLOSING_KINDS and (i + 1 == len(items) or
                                                 items[i + 1].kind not in CLOSING_KINDS)
        if (closes or item.kind == "label" or ATTACH_NOTE_RE.fullmatch(item.text)) \
                and title(i + 1) and i + 2 < len(items):
            starts.add(i + 1)
        if item.kind == "table":
            # a titled table after the 落款, a 附件 label or another table is a
            # document of its own; a caption inside running text only captions it
            first = caption_start(items, i)
            opener = items[first - 1].kind if first > 0 else ""
            before = [j for j in range(first, i) if title(j)]
            if opener in CLOSING_KINDS | {"label", "table", "attach"} \
                    or items[first].kind == "label":
                starts.update(before[-1:])
    return sorted(starts)


def enclosed_title(item: Item, report: ReportBuilder) -> str:
    """An enclosed document's title without its wrap spaces (reported)."""
    title = clean_title(item.text)
    if title != item.text:
        report.normalize(item.first, f"title {item.text!r}: wrap spaces removed")
    return title


def is_table_caption(item: Item, following: Item) -> bool:
    """Is ``item`` a title-like line right above a (tab-separated) table, inside a
    document's text? It then becomes the table's caption."""
    return (following.kind == "table" and following.table is None and item.kind == "para"
            and is_title_like(item.text))


def split_enclosed(items: list[Item], title: str, levels: dict[str, int],
                   report: ReportBuilder) -> tuple[tuple[Block, ...], tuple[Enclosed, ...]]:
    """(main blocks, enclosed documents) of a document body."""
    starts = enclosed_starts(items)
    bounds = list(zip([0] + [s + 1 for s in starts], starts + [len(items)]))
    segments = []
    for n, (lo, hi) in enumerate(bounds):
        default = title if n == 0 else clean_title(items[starts[n - 1]].text)
        blocks = []
        for k in range(lo, hi):
            if k + 1 < hi and is_table_caption(items[k], items[k + 1]):
                continue  # the caption goes into the table below
            captioned = k > lo and is_table_caption(items[k - 1], items[k])
            caption = clean_title(items[k - 1].text) if captioned else default
            blocks.append(item_block(items[k], levels, caption, report))
        segments.append(tuple(blocks))
    enclosed = tuple(Enclosed(enclosed_title(items[s], report), blocks)
                     for s, blocks in zip(starts, segments[1:]))
    return segments[0], enclosed


# --------------------------------------------------------------------------- titles

#: Last characters of an organ name (党委, 政府, 办公厅, 委员会 …).
ORGAN_ENDINGS = frozenset("委府厅局部会院办室处署行组心司团社所站队馆校")
#: Last characters of a 落款 line: an organ, or an enterprise (某某厂, 某某农场).
SIGNER_ENDINGS = ORGAN_ENDINGS | frozenset("厂场")
#: The verb part of a 公文 title after its organs.
TITLE_VERB_RE = re.compile(
    r"""
    关于 | 印发 | 转发 | 批转      # 关于… / 印发… : what the organs do
  | 通知 | 通告 | 公告 | 决定      # or the document kind itself
    """,
    re.X,
)
#: Any run of whitespace.
WHITESPACE_RE = re.compile(
    r"""
    \s+
    """,
    re.X,
)


def organ_space(raw: str, i: int) -> bool:
    """Without a guide: is the space at ``raw[i]`` one between two issuing organs
    (``自治区党委 人民政府关于…``)? It must sit before 关于/印发 and follow an organ."""
    head, tail = raw[:i].rstrip(), raw[i + 1:].lstrip()
    return (bool(head) and head[-1] in ORGAN_ENDINGS and not TITLE_VERB_RE.match(tail)
            and TITLE_VERB_RE.search(tail) is not None and TITLE_VERB_RE.search(head) is None)


def latin_word_space(before: str, after: str) -> bool:
    """A space between two Latin letters or digits separates words (ISO 9001)."""
    return all(c.isascii() and c.isalnum() for c in before + after) and bool(before and after)


def guided_space(guide: str, before: str, after: str) -> bool | None:
    """Does the ``guide`` (the TOC title) print a space between ``before`` and
    ``after``? None when it holds neither form (a TOC leaving the organs out)."""
    if f"{before} {after}" in guide:
        return True
    return False if before + after in guide else None


def clean_title(raw: str, guide: str = "") -> str:
    """A title without its wrap spaces. A space between Latin words stays; otherwise,
    with a ``guide`` (the TOC title), a space is kept only where the guide has one
    between the same two characters; where the guide does not have them, or without
    a guide, only between two issuing organs (:func:`organ_space`). A kept space is
    one ASCII space."""
    guide = WHITESPACE_RE.sub(" ", guide)
    out = []
    for i, ch in enumerate(raw):
        if ch.isspace():
            before, after = raw[:i].rstrip()[-1:], raw[i + 1:].lstrip()[:1]
            guided = guided_space(guide, before, after) if guide else None
            keep = latin_word_space(before, after) or (
                organ_space(raw, i) if guided is None else guided)
            if not (before and after and keep) or (out and out[-1] == " "):
                continue
            ch = " "
        out.append(ch)
    return "".join(out).strip()


def squash(text: str) -> str:
    """``text`` without any whitespace (for comparing titles)."""
    return WHITESPACE_RE.sub("", text)


@functools.lru_cache(maxsize=64)
def matcher_against(b: str) -> difflib.SequenceMatcher:
    """A matcher with ``b`` as its second sequence, indexed once: many candidate lines
    are compared with the same TOC title."""
    return difflib.SequenceMatcher(None, "", b, autojunk=False)


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """The similarity ratio of ``a`` and ``b`` (whitespace ignored); 0.0 when it is
    certainly below ``floor`` (cheap upper bounds checked first)."""
    matcher = matcher_against(squash(b))
    matcher.set_seq1(squash(a))
    if floor and (matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor):
        return 0.0
    return matcher.ratio()


def organs_of(title: str, signatories: tuple[str, ...]) -> tuple[str, ...]:
    """Issuing organs: the 落款, else the title's part before 关于/印发 split on spaces."""
    if signatories:
        return signatories
    match = TITLE_VERB_RE.search(title)
    return tuple(title[:match.start()].split()) if match and match.start() else ()


# --------------------------------------------------------------------------- documents

@dataclass(frozen=True)
class Head:
    """What sits under a document title: its 文号 and a dated line."""

    doc_number_raw: str = ""
    title_date: SourceLine | None = None
    consumed: int = 0


def doc_number_at(lines: list[SourceLine], index: int,
                  report: ReportBuilder) -> tuple[str | None, int]:
    """(文号 as printed, lines used) at ``lines[index]``; a 文号 cut over two lines
    by a break (``示政发〔2024〕`` / ``15号``) is joined and the join reported."""
    number = doc_number_of_line(lines[index].text) or order_number_of_line(lines[index].text)
    if number:
        return number, 1
    if (index + 1 < len(lines) and ORDER_HEAD_RE.fullmatch(lines[index].text)
            and ORDER_NUMBER_RE.fullmatch(lines[index + 1].text)):
        number = lines[index].text + lines[index + 1].text  # 江北省人民政府令 / 第212号
        report.normalize(lines[index].no, f"order number {number!r} from the order heading "
                                          "and the number under it")
        return number, 2
    if index + 1 < len(lines) and CUT_NUMBER_RE.search(lines[index].text):
        number = doc_number_of_line(lines[index].text + lines[index + 1].text)
        if number:
            report.join(lines[index].no, f"joined line {lines[index].no} with line "
                                         f"{lines[index + 1].no} (break inside the 文号 {number!r})")
            return number, 2
    return None, 0


#: The first part of a 文号 cut by a break holds its year bracket or a digit
#: (``示政发〔2024〕`` / ``15号``), never only characters (a 红头 ``某某文件`` line).
CUT_NUMBER_RE = re.compile(
    r"""
    [〔\[【(（［\d]    # a year bracket or a digit
    """,
    re.X,
)

#: Lines under a title that may hold its head: a dated line and a 文号 (maybe cut in two).
HEAD_MAX_LINES = 3


def read_head(lines: list[SourceLine], report: ReportBuilder) -> Head:
    """The 文号 and the ``(2021年3月23日)`` line directly under the title, in any order."""
    head = Head()
    index = 0
    while index < min(len(lines), HEAD_MAX_LINES):
        number, used = (None, 0) if head.doc_number_raw else doc_number_at(lines, index, report)
        if number:
            head = replace(head, doc_number_raw=number)
            index += used
        elif classify(lines[index]) == "title_date" and head.title_date is None:
            head = replace(head, title_date=lines[index])
            index += 1
        else:
            break
    return replace(head, consumed=index)


@dataclass(frozen=True)
class DocInput:
    """A document cut out of a source by a reader."""

    title: str
    body: list[SourceLine]
    seq: int
    toc_title: str = ""
    toc_page: int | None = None
    #: The line of the title (the body starts after it).
    first_line: int | None = None
    #: The 文号 as printed outside the body (a web page's 发文字号 field), used
    #: when no 文号 line sits under the title.
    doc_number_hint: str = ""
    #: The layout of the whole source (for a document too short to show its own).
    layout: TextLayout = TextLayout()


def build_blocks(lines: list[SourceLine], title: str, report: ReportBuilder,
                 layout: TextLayout = TextLayout()):
    """(main blocks, enclosed) for the body ``lines`` of a document titled ``title``
    (``layout``: the source's, for a document too short to show its own)."""
    items = to_items(lines)
    items = join_breaks(items, report, text_layout(items, layout))
    items = group_attachments(group_lists(items))
    items = mark_signatures(items)
    items = merge_table_fragments(items, report)
    mark_addressee(items)
    levels = heading_levels(items)
    return split_enclosed(items, title, levels, report)


def build_document(doc: DocInput, *, gazette_id: str, year: int, number: int,
                   source_file: str, report: ReportBuilder) -> Document:
    """A :class:`model.Document` from a document's title and body lines."""
    head = read_head(doc.body, report)
    rest = doc.body[head.consumed:]
    main, enclosed = build_blocks(rest, doc.title, report, doc.layout)
    if head.title_date is not None:
        main = (Note(head.title_date.text, "title_date"),) + main
    raw = head.doc_number_raw or doc.doc_number_hint
    normalized = normalize_doc_number(raw)
    if ANNOUNCEMENT_NUMBER_RE.fullmatch(normalized):
        # 2023年第1号 is unique only with its issuer: cite it as 某某公告2023年第1号
        normalized = squash(doc.title) + normalized
    if raw != normalized:
        report.normalize(doc.body[0].no if doc.body else doc.first_line,
                         f"文号 {raw!r} normalized to {normalized!r}")
    signature = next((b.lines for b in main if isinstance(b, Signature)), ())
    first = doc.first_line or (doc.body[0].no if doc.body else None)
    last = doc.body[-1].no if doc.body else first
    parts = DOC_NUMBER_RE.fullmatch(normalized)
    slug = slugify(f"{parts['year']}-{parts['num']}" if parts else "", fallback="doc")
    return Document(
        id=document_id(gazette_id, year, number, doc.seq),
        seq=doc.seq,
        slug=slug,
        title=doc.title,
        toc_title=doc.toc_title or doc.title,
        doc_number=normalized,
        doc_number_raw=raw,
        organs=organs_of(doc.title, signature),
        blocks=main,
        enclosed=enclosed,
        toc_page=doc.toc_page,
        source=SourceRef(source_file, (first, last) if first is not None else None),
    )
