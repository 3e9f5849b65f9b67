"""文号 (document numbers): recognized, normalized to 〔〕, read under a title.

Forms: ``示政发〔2024〕15号`` (any year bracket), an order number naming its organ
(``某某人民政府令第212号``, the 令 heading over ``第212号`` joined), an
announcement number ``2023年第1号``. :func:`doc_number_at` reads one at a line
of a document's head, joining one cut over two lines by a break.
"""

from __future__ import annotations

import re

from .report import ReportBuilder
from .lines import SourceLine, ascii_digits, squash


#: A 文号: organ abbreviation, year in any bracket pair, number, 号.
DOC_NUMBER_RE = re.compile(
    r"""
    (?P<prefix>[\u4e00-\u9fff]{1,12}?)    # organ abbreviation + kind: 示党发, 示政办函
    \s*
    [〔\[【(（［﹝]                        # year bracket as printed: 〔 [ 【 ( （ ［ ﹝
    \s* (?P<year>\d{4}) \s*
    [〕\]】)）］﹞]                        # the closing bracket
    \s* (?P<num>\d{1,5}) \s*
    号
    """,
    re.X,
)


#: The number of a government order (规章): ``省政府令第212号``, ``〔2023〕第1号``.
ORDER_NUMBER_RE = re.compile(
    r"""
    (?P<organ>[\u4e00-\u9fff]{0,30}?(?:令|公告))? \s*   # 江北省人民政府令 / 省政府令 / 某某常委会公告
    (?: [〔\[【(（［] \s* (?P<year>\d{4}) \s*   # an optional year in brackets
        [〕\]】)）］] \s* )?
    (?P<term> [一二三四五六七八九十]{1,3} 届 \s* )?   # the term of a 主席令: 九届第37号
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


#: A 文号 in round brackets, as printed under some titles: （某政函〔2024〕7号）.
PARENTHESIZED_RE = re.compile(
    r"""
    [(（] \s* (?P<number>.+?) \s* [)）]    # the 文号 inside the brackets
    """,
    re.X,
)

#: The number of an order or an announcement alone on its line, without its organ:
#: 第5号 / （第5号） / 〔2023〕第1号 / 2023年第1号.
BARE_NUMBER_RE = re.compile(
    r"""
    [(（]? \s*
    (?: [〔\[【［] \s* (?P<year>\d{4}) \s* [〕\]】］] \s*     # 〔2023〕
      | (?P<year_cn>\d{4}) \s* 年 \s* )?                     # or 2023年
    第 \s* (?P<num>\d{1,5}) \s* 号                           # 第N号
    \s* [)）]?
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
                (?: [一二三四五六七八九十]{1,3} 届 \s* )?      # 九届 (a 主席令's term)
                第 \s* \d{1,5} \s* 号 )                 # 第212号
    \s* [)）]?
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


#: A line printed where a 文号 stands but cut short by the source (its closing bracket
#: or 号 lost: ``某区府办发〔202026``): an organ abbreviation, an opening year bracket,
#: digits and nothing else. Read as the 文号 line, never normalized, reported.
BROKEN_NUMBER_RE = re.compile(
    r"""
    [(（]? \s*                          # maybe in round brackets, as under a title
    [\u4e00-\u9fff]{1,12}? [发函字令办]   # organ abbreviation ending in a kind: 某府办发
    \s* [〔\[【(（［﹝] \s*               # the year bracket
    (?= [\dOo〇]* \d ) [\dOo〇]{2,9}      # the year (a letter O typed for a zero, or the
                                        # number run into it)
    \s* [〕\]】)）］﹞]? \s* \d{0,5} \s* 号? # maybe the closing bracket, a number, 号
    \s* [)）]?
    """,
    re.X,
)


def is_broken_number(text: str) -> bool:
    """Is ``text`` a 文号 line damaged by the source (cut short: ``某区府办发〔202026``; a
    letter O for a zero: ``国函[20O0]31号``), see :data:`BROKEN_NUMBER_RE`?"""
    return bool(BROKEN_NUMBER_RE.fullmatch(ascii_digits(text.strip()))) \
        and not doc_number_of_line(text)


#: Characters OCR confuses inside 文号 prefixes; a swap needs evidence from the issue.
OCR_CONFUSABLES = {"千": "干", "干": "千", "已": "己", "己": "已", "士": "土", "土": "士"}


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
    term = squash(match["term"] or "")
    return f"{match['organ']}{year}{term}第{match['num']}号"


def is_bare_number(text: str) -> bool:
    """Is ``text`` a number without its organ (第5号, （第5号）, 2023年第1号)?"""
    return bool(BARE_NUMBER_RE.fullmatch(ascii_digits(text)))


def cited_number(raw: str, title: str) -> str:
    """The normalized 文号 of a document titled ``title`` whose number is printed as
    ``raw``: a number without its organ (an announcement's ``2023年第1号``, a
    公告's ``（第5号）``) is unique only with its issuer, so it is cited after the
    title (``某某市人民政府公告第5号``); a 文号 in round brackets, or an order heading
    with its number in brackets, is read without them; "" when ``raw`` is no number."""
    raw = ascii_digits(raw.strip())
    if (inner := PARENTHESIZED_RE.fullmatch(raw)) and DOC_NUMBER_RE.fullmatch(inner["number"]):
        raw = inner["number"]  # （某政函〔2024〕7号） as printed under a title
    if line := ORDER_LINE_RE.fullmatch(raw):  # 某某人民政府令（第5号）: brackets dropped
        raw = line["organ"] + line["number"]
    normalized = normalize_doc_number(raw)
    if normalized and not ANNOUNCEMENT_NUMBER_RE.fullmatch(normalized):
        return normalized
    match = BARE_NUMBER_RE.fullmatch(ascii_digits(raw.strip()))
    if not match or not title:
        return normalized
    year = (f"〔{match['year']}〕" if match["year"] else
            f"{match['year_cn']}年" if match["year_cn"] else "")
    return f"{squash(title)}{year}第{match['num']}号"


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
