"""Metamorphic tests: the seed issues varied the way other issues of their kind vary.

Each variant rewrites a seed text the way another extraction or another issue
prints the same content: tables laid out with spaces (merged headers centred,
numbers flush right) or with wrapped cells, a narrower or wider column with
first-line indents, page furniture between and inside paragraphs, other names,
years and numbers, other 文号 brackets and digits, other TOC, title, masthead and
colophon forms, other encodings and line endings. Its effect on the outcome is
known, so the seed's hand-checked expectations are varied by the same rule and
compared as :mod:`tests.test_import_seeds` compares them; the document bodies
must equal those of the seed's own import (varied by the same rule), and the loss
audit must account for every CJK character of the varied source. The web-scraped
notice, which has no expectations, is varied in its bytes only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable

import pytest

from gazette_pub.audit import audit
from gazette_pub.sources import import_source
from gazette_pub.sources.layout import display_width

from .conftest import assert_fields_match
from .test_import_seeds import ISSUES, SEEDS, issue_comparisons, seed_expectations


def _same(value):
    return value


def _keep(text: str, expected: dict) -> str:
    """No variation of the text (a variant of its bytes only)."""
    return text


def _no_rule(expected: dict) -> Callable[[str], str]:
    return _same


# --------------------------------------------------------------------------- line helpers

def _body_start(expected: dict) -> int:
    """The line of the first document's title: everything above is cover, TOC and colophon."""
    return expected["sections"][0]["documents"][0]["line_start"]


def _documents(expected: dict) -> list[dict]:
    return [doc for section in expected["sections"] for doc in section["documents"]]


def _title_lines(expected: dict) -> set[int]:
    return {no for doc in _documents(expected) for no in doc["body_title_lines"]}


def _in_documents(expected: dict) -> Callable[[int], bool]:
    spans = [(doc["line_start"], doc["line_end"]) for doc in _documents(expected)]
    return lambda no: any(lo <= no <= hi for lo, hi in spans)


def _map_lines(text: str, rewrite: Callable[[int, str], str]) -> str:
    """``text`` with each line replaced by ``rewrite(line number, line)`` (which may
    return several lines)."""
    return "\n".join(rewrite(no, line) for no, line in enumerate(text.split("\n"), start=1))


@cache
def _seed_import(source: str):
    return import_source(SEEDS / source)


# --------------------------------------------------------------------------- tables

def _table_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """[start, end) index ranges of the tables: runs of tab-separated lines, blank lines
    between them allowed (a table goes on on the next printed page)."""
    blocks: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if "\t" not in line:
            continue
        if blocks and not any(ln.strip() for ln in lines[blocks[-1][1]:i]):
            blocks[-1] = (blocks[-1][0], i + 1)
        else:
            blocks.append((i, i + 1))
    return blocks


#: Spaces between two columns in a ``pdftotext -layout`` rendering.
COLUMN_GAP = 2


def _merged_header_cells(rows: list[list[str]]) -> dict[int, int]:
    """{first column: end column} of the header cells merged over the columns a second
    header row sub-divides (平衡标准 over three districts)."""
    header, sub = rows[0], (rows[1:] or [[]])[0]

    def under(c: int) -> str:
        return sub[c] if c < len(sub) else ""
    merged = {}
    for c, cell in enumerate(header):
        end = c + 1
        while cell and end < len(header) and not header[end] and under(end):
            end += 1
        if end - c > 1 and under(c):
            merged[c] = end
    return merged


def _laid_out(cells: list[tuple[int, str]]) -> str:
    """A line with each (column position, text) placed at its position."""
    line, at = "", 0
    for position, text in cells:
        line += " " * (position - at) + text
        at = position + display_width(text)
    return line


def _column_positions(widths: list[int]) -> list[int]:
    """Where each column starts (and, last, where the table ends plus a gap)."""
    return [sum(widths[:c]) + COLUMN_GAP * c for c in range(len(widths) + 1)]


#: A number in a table cell (printed flush right in some tables).
NUMBER_CELL_RE = re.compile(r"[-+—]?[\d.,]+%?")


def lay_out_columns(*, merged_centered: bool = False,
                    numbers_right: bool = False) -> Callable[[str, dict], str]:
    """Tables laid out as ``pdftotext -layout`` gives them: each column as wide as its
    widest cell, set off by spaces, empty cells left blank; with ``merged_centered``
    a header cell merged over sub-divided columns is centred over them, with
    ``numbers_right`` numbers are flush right in their column."""
    def vary(text: str, expected: dict) -> str:
        lines = text.split("\n")
        for start, end in _table_blocks(lines):
            rows = [[cell.strip() for cell in line.split("\t")] for line in lines[start:end]]
            merged = _merged_header_cells(rows) if merged_centered else {}
            header = rows[0]
            widths = [max(display_width(r[c]) for r in rows
                          if c < len(r) and not (r == header and c in merged))
                      for c in range(max(map(len, rows)))]
            at = _column_positions(widths)
            for c, stop in merged.items():  # widen the last sub-column when the header is wider
                span = at[stop] - COLUMN_GAP - at[c]
                widths[stop - 1] += max(0, display_width(header[c]) - span)
                at = _column_positions(widths)

            def position(row: list[str], c: int) -> int:
                if row == header and c in merged:
                    return at[c] + (at[merged[c]] - COLUMN_GAP - at[c] - display_width(row[c])) // 2
                if numbers_right and NUMBER_CELL_RE.fullmatch(row[c]):
                    return at[c] + widths[c] - display_width(row[c])
                return at[c]
            lines[start:end] = [_laid_out([(position(row, c), cell) for c, cell in enumerate(row)
                                           if cell]) for row in rows]
        return "\n".join(lines)
    return vary


space_columns = lay_out_columns()


#: A last cell at least this long is printed over two lines in the wrapped variant.
WRAPPED_CELL_MIN = 12


def _wrap_point(cell: str) -> int | None:
    """Where a long cell wraps: near its middle, after a CJK character (a break between
    two Latin letters or digits would need a space back when joined)."""
    for at in range(len(cell) // 2, len(cell) - 1):
        if display_width(cell[at - 1]) == 2 and not cell[at].isspace():
            return at
    return None


def wrap_last_cells(text: str, expected: dict) -> str:
    """Table rows whose last cell is long print its end on a continuation line that
    leaves every other cell empty."""
    def rewrite(no: int, line: str) -> str:
        fields = line.split("\t")
        while len(fields) > 1 and not fields[-1].strip():
            fields.pop()
        last = fields[-1].strip()
        at = _wrap_point(last) if "\t" in line and len(last) >= WRAPPED_CELL_MIN else None
        if len(fields) < 2 or at is None:
            return line
        return "\t".join(fields[:-1] + [last[:at]]) + "\n" + "\t" * (len(fields) - 1) + last[at:]
    return _map_lines(text, rewrite)


# --------------------------------------------------------------------------- body text

#: Characters a typeset line never starts with (they stay on the line before).
NO_LINE_START = "，,。.、；;：:！!？?）)》」』】〕”’"


#: A paragraph's first-line indent as a text extraction keeps it (首行缩进两字).
INDENT = "\u3000\u3000"


def _cut_allowed(line: str, cut: int) -> bool:
    """May a line end before ``line[cut]``: no closing punctuation at the next line's
    start, no space at either side (extraction would drop it)?"""
    return not (line[cut] in NO_LINE_START or line[cut].isspace() or line[cut - 1].isspace())


def _hard_wrap(line: str, width: int) -> list[str]:
    """``line`` cut into lines of ``width`` characters, one more or less where a cut
    would start a line with closing punctuation or fall next to a space."""
    out = []
    while len(line) > width + 1:
        cut = next((width + d for d in (0, -1, 1, -2, 2, -3, 3) if _cut_allowed(line, width + d)),
                   width)
        out.append(line[:cut])
        line = line[cut:]
    return out + [line]


#: A join the importer reports: the line it joined onto the line before.
JOIN_RE = re.compile(r"joined line \d+ with line (?P<next>\d+)")


def _continued_lines(expected: dict) -> set[int]:
    """Lines that go on with the line before in the seed's own import (a page break
    cut the paragraph there): no paragraph starts at them."""
    joins = _seed_import(expected["source"]).report.joins
    return {int(m["next"]) for e in joins if (m := JOIN_RE.match(e.message))}


def _paragraph_lines(rewrite: Callable[[str, bool], str]) -> Callable[[str, dict], str]:
    """A variant rewriting each body line outside titles and tables with
    ``rewrite(line, continued)``; ``continued`` says the seed's own import joined the
    line to the one before (a page break cut the paragraph there)."""
    def vary(text: str, expected: dict) -> str:
        inside, titles = _in_documents(expected), _title_lines(expected)
        continued = _continued_lines(expected)

        def rewrite_line(no: int, line: str) -> str:
            if not inside(no) or no in titles or "\t" in line or not line.strip():
                return line
            return rewrite(line.strip(), no in continued)
        return _map_lines(text, rewrite_line)
    return vary


def indent_paragraphs(indent: str) -> Callable[[str, dict], str]:
    """Paragraphs' first lines indented as printed (the part after a page break is
    no first line)."""
    return _paragraph_lines(lambda line, continued: line if continued else indent + line)


def rewrap(width: int) -> Callable[[str, dict], str]:
    """Body paragraphs hard-wrapped at ``width`` characters (a narrower or wider
    column), each first line indented as printed; titles and table rows stay as
    they are, paragraph ends too."""
    return _paragraph_lines(lambda line, continued: "\n".join(
        _hard_wrap(line if continued else INDENT + line, width)))


#: Body lines per printed page in the page-break variants.
PAGE_LINES = 37


def _issue_label(expected: dict) -> str:
    return f"{expected['issue']['year']}年第{expected['issue']['number']}期"


#: Page furniture as gazettes print it: (expected, page) → the lines between two pages.
FURNITURE_STYLES = {
    "dash page, name and issue":
        lambda e, p: [f"— {p} —", f"{e['gazette']['name']}　　{_issue_label(e)}"],
    "head with the page in it":
        lambda e, p: [f"·{p}·　{e['gazette']['name']}　{_issue_label(e)}"],
    "issue label and 第N页": lambda e, p: [_issue_label(e), f"第{p}页"],
    "name and hyphen page": lambda e, p: [e["gazette"]["name"], f"- {p} -"],
}


def page_furniture(*styles: str) -> Callable[[str, dict], str]:
    """Page furniture between the body's pages, in ``styles`` taking turns."""
    def vary(text: str, expected: dict) -> str:
        count = 0

        def rewrite(no: int, line: str) -> str:
            nonlocal count
            if no < _body_start(expected) or not line.strip():
                return line
            count += 1
            if count % PAGE_LINES:
                return line
            page = count // PAGE_LINES
            furniture = FURNITURE_STYLES[styles[page % len(styles)]](expected, page + 2)
            return "\n\n".join([line] + furniture) + "\n"
        return _map_lines(text, rewrite)
    return vary


#: A place inside running text where a page may end: after an ideograph or a comma,
#: before an ideograph.
MID_SENTENCE_RE = re.compile(r"(?<=[\u4e00-\u9fff，、])(?=[\u4e00-\u9fff])")
#: Paragraphs at least this long get a page break in the middle …
BROKEN_PARAGRAPH_MIN = 60
#: … one in this many of them (with every one, 2 of 476 breaks fall after a title-like
#: half such as ``（四）凡未经批准,…,抢``, which no rule can tell from a heading).
BROKEN_PARAGRAPH_EVERY = 2


def page_breaks_in_paragraphs(text: str, expected: dict) -> str:
    """Long paragraphs cut in the middle by a page end: the page number and the
    running head sit between the two halves of a sentence."""
    count = 0

    def rewrite(line: str, continued: bool) -> str:
        nonlocal count
        cut = next((m.start() for m in MID_SENTENCE_RE.finditer(line, len(line) // 2)), None)
        if len(line) < BROKEN_PARAGRAPH_MIN or cut is None:
            return line
        count += 1
        if count % BROKEN_PARAGRAPH_EVERY:
            return line
        furniture = FURNITURE_STYLES["dash page, name and issue"](expected, count)
        return "\n\n".join([line[:cut]] + furniture + [line[cut:]])
    return _paragraph_lines(rewrite)(text, expected)


#: A date in digits (2021年2月28日, 2021 年 5 月 14 日).
DATE_RE = re.compile(r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
CHINESE_DIGITS = "〇一二三四五六七八九"


def _chinese_number(n: int) -> str:
    """1-31 as written in a date: 十, 十一, 二十八, 三十一."""
    tens, units = divmod(n, 10)
    return (("" if tens < 2 else CHINESE_DIGITS[tens]) + ("十" if tens else "")
            + (CHINESE_DIGITS[units] if units or not tens else ""))


def chinese_dates(expected: dict) -> Callable[[str], str]:
    """Dates written in Chinese numerals (二〇二一年二月二十八日), as older 公文 print them."""
    def chinese(m: re.Match) -> str:
        year = "".join(CHINESE_DIGITS[int(c)] for c in m["y"])
        return f"{year}年{_chinese_number(int(m['m']))}月{_chinese_number(int(m['d']))}日"
    return lambda text: DATE_RE.sub(chinese, text)


def masthead_on_one_line(text: str, expected: dict) -> str:
    """The issue number and the cumulative number on one masthead line."""
    return re.sub(r"^(\d{4}年第\d{1,3}期)\n\s*\n?[(（](总第\d+期)[)）]$", r"\1（\2）", text,
                  count=1, flags=re.M)


def no_blank_lines(text: str, expected: dict) -> str:
    """No blank lines at all (an extraction that does not mark text blocks)."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def trailing_spaces(text: str, expected: dict) -> str:
    """Spaces left at the end of every line."""
    return "\n".join(line + "  " if line else line for line in text.split("\n"))


def layout_extraction(text: str, expected: dict) -> str:
    """All of a ``pdftotext -layout`` extraction at once: indented paragraphs wrapped
    at 30 characters, wrapped table cells in columns set off by spaces, page furniture."""
    text = wrap_last_cells(rewrap(30)(text, expected), expected)
    return page_furniture(*FURNITURE_STYLES)(space_columns(text, expected), expected)


# --------------------------------------------------------------------------- names and numbers

def place_of(expected: dict) -> str:
    """The gazette's place name (the part of its name before 省/市/自治区 …)."""
    organ = expected["gazette"]["name"].split("人民政府")[0]
    return re.sub(r"(回族|壮族|维吾尔)?自治区$|[省市县区]$", "", organ)


def rename_place(new: str) -> Callable[[dict], Callable[[str], str]]:
    """The gazette's place renamed ``new`` everywhere."""
    return lambda expected: lambda text: text.replace(place_of(expected), new)


#: A 文号 prefix before its year bracket (the prefix's first character abbreviates the place).
NUMBER_PREFIX_RE = re.compile(
    r"""
    (?P<abbr>[\u4e00-\u9fff])                  # the place abbreviation
    (?= [\u4e00-\u9fff]{1,6} \s*               # the rest of the prefix
        [〔\[【(（［] \s* \d{4} \s* [〕\]】)）］]   # the year in brackets
        \s* \d{1,5} \s* 号 )                   # the number
    """,
    re.X,
)


def rename_number_prefix(new: str) -> Callable[[dict], Callable[[str], str]]:
    """The issue's own 文号 prefixes (those of its documents) begin with ``new``."""
    def rule(expected: dict) -> Callable[[str], str]:
        own = {doc["doc_number"][0] for doc in _documents(expected) if doc["doc_number"]}
        return lambda text: NUMBER_PREFIX_RE.sub(
            lambda m: new if m["abbr"] in own else m["abbr"], text)
    return rule


#: A year in the text (a 4-digit number 1900-2099 standing alone).
YEAR_RE = re.compile(
    r"""
    (?<!\d) (?: 19 | 20 ) \d\d (?!\d)
    """,
    re.X,
)
#: Years earlier in the other-years variant.
YEAR_SHIFT = 3


def shift_years(expected: dict) -> Callable[[str], str]:
    return lambda text: YEAR_RE.sub(lambda m: str(int(m[0]) - YEAR_SHIFT), text)


#: The masthead's issue number (2021年第10期) and cumulative number (总第672期).
ISSUE_NUMBER_RE = re.compile(r"(?P<head>\d{4}\s*年\s*第\s*)(?P<n>\d{1,3})(?P<tail>\s*期)")
CUMULATIVE_RE = re.compile(r"(?P<head>总\s*第\s*)(?P<n>\d{1,5})(?P<tail>\s*期)")
#: How much later the renumbered issue is (期, 总期).
NUMBER_SHIFT, CUMULATIVE_SHIFT = 7, 100


def _add(pattern: re.Pattern, shift: int, text: str) -> str:
    return pattern.sub(lambda m: f"{m['head']}{int(m['n']) + shift}{m['tail']}", text)


def renumber_text(expected: dict) -> Callable[[str], str]:
    return lambda text: _add(CUMULATIVE_RE, CUMULATIVE_SHIFT,
                             _add(ISSUE_NUMBER_RE, NUMBER_SHIFT, text))


def renumber_issue(expected: dict) -> dict:
    issue = dict(expected["issue"], number=expected["issue"]["number"] + NUMBER_SHIFT,
                 cumulative=expected["issue"]["cumulative"] + CUMULATIVE_SHIFT)
    return dict(expected, issue=issue)


# --------------------------------------------------------------------------- 文号 forms

#: A 文号 line (under a title, or a TOC line with its leaders and page): the year bracket
#: and the digits are rewritten there only, so the running text stays as printed.
NUMBER_LINE_RE = re.compile(
    r"""
    ^ [(（]? \s* [\u4e00-\u9fff]{1,12} \s*
    [〔\[【(（［] \s* \d{4} \s* [〕\]】)）］] \s* \d{1,5} \s* 号
    """,
    re.X,
)
YEAR_BRACKETS_RE = re.compile(r"[〔\[【(（［](?P<year>\s*\d{4}\s*)[〕\]】)）］]")
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


#: Year brackets of a 文号 as gazettes print them.
NUMBER_BRACKETS = ("[]", "【】", "()", "［］")


def number_brackets(brackets: tuple[str, ...], *, full_width: bool = False):
    """文号 lines with the year in the ``brackets`` pairs, taking turns (and full-width
    digits)."""
    def vary(text: str, expected: dict) -> str:
        turn = 0

        def rewrite_number(match: re.Match) -> str:
            nonlocal turn
            opening, closing = brackets[turn % len(brackets)]
            turn += 1
            number = YEAR_BRACKETS_RE.sub(lambda m: f"{opening}{m['year']}{closing}", match[0])
            return number.translate(FULL_WIDTH_DIGITS) if full_width else number
        return _map_lines(text, lambda no, line: NUMBER_LINE_RE.sub(rewrite_number, line))
    return vary


# --------------------------------------------------------------------------- TOC

def _in_front(expected: dict, rewrite: Callable[[str], str]) -> Callable[[str, dict], str]:
    return lambda text, _: _map_lines(
        text, lambda no, line: rewrite(line) if no < _body_start(expected) else line)


def toc_plain_sections(text: str, expected: dict) -> str:
    """TOC section headings printed without 【】."""
    return _in_front(expected, lambda line: re.sub(r"^【(.+)】$", r"\1", line))(text, expected)


#: The leaders (or the gap) between a TOC entry and its page number.
TOC_LEADER_RE = re.compile(
    r"""
    (?<=[^\d\s])                                # after the title or the 文号
    (?: \s* (?: [.．]{2,} | …+ ) \s* | \s+ )     # leaders or a gap
    (?= [(（]? \d{1,3} [)）]? $)                # the page at the end of the line
    """,
    re.X,
)


def toc_leaders(leader: str) -> Callable[[str, dict], str]:
    """TOC entries with ``leader`` before their page number (" " for none)."""
    return lambda text, expected: _in_front(
        expected, lambda line: TOC_LEADER_RE.sub(leader, line))(text, expected)


#: A TOC line holding an entry's 文号 and page: (示政发〔2024〕1号)…… (3).
TOC_NUMBER_LINE_RE = re.compile(r"^[(（][^()（）]*号[)）].*\d{1,3}[)）]?$")
#: A TOC line that is no part of an entry's title: the header, a 【section】.
TOC_HEAD_RE = re.compile(r"^(?:目\s*[录次]|【.*】)$")


def toc_entries_on_one_line(text: str, expected: dict) -> str:
    """Each TOC entry on one line (a wider TOC column): title, 文号 and page."""
    lines = text.split("\n")
    title: list[int] = []
    for index in range(_body_start(expected) - 1):
        line = lines[index].strip()
        if TOC_NUMBER_LINE_RE.match(line) and title:
            lines[title[0]] = "".join(lines[i].strip() for i in title) + line
            for i in title[1:] + [index]:
                lines[i] = ""
            title = []
        elif TOC_HEAD_RE.match(line):
            title = []
        elif line:
            title.append(index)
    return "\n".join(lines)


def titles_at_their_spaces(text: str, expected: dict) -> str:
    """Body titles printed over several lines, wrapped where their spaces are."""
    titles = _title_lines(expected)
    return _map_lines(text, lambda no, line: re.sub(r"\s+", "\n", line.strip())
                      if no in titles else line)


def titles_on_one_line(text: str, expected: dict) -> str:
    """Body titles printed over several lines joined into one (a wider title column)."""
    lines = text.split("\n")
    for doc in _documents(expected):
        first, *rest = doc["body_title_lines"]
        lines[first - 1] = " ".join(lines[no - 1].strip() for no in [first] + rest)
        for no in rest:
            lines[no - 1] = ""
    return "\n".join(lines)


#: A 文号 alone on its line under a title (示政发〔2024〕1号).
BARE_NUMBER_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[【［]\s*\d{4}\s*[〕\]】］]\s*\d{1,5}\s*号$")


def numbers_in_parentheses(text: str, expected: dict) -> str:
    """The 文号 under each title printed in parentheses."""
    inside = _in_documents(expected)
    return _map_lines(text, lambda no, line: f"（{line.strip()}）"
                      if inside(no) and BARE_NUMBER_RE.match(line.strip()) else line)


def sections_in_body(text: str, expected: dict) -> str:
    """Each section's heading printed in the body too, above its first document."""
    starts = {section["documents"][0]["line_start"]: section["title"]
              for section in expected["sections"]}
    return _map_lines(text, lambda no, line: f"【{starts[no]}】\n\n{line}" if no in starts else line)


def colophon_at_the_end(text: str, expected: dict) -> str:
    """The colophon printed at the end of the issue instead of after the TOC."""
    lines = text.split("\n")
    body = _body_start(expected) - 1
    toc_end = max(i for i in range(body) if lines[i].strip() == expected["toc_raw"][-1]) + 1
    return "\n".join(lines[:toc_end] + lines[body:] + [""] + lines[toc_end:body])


def toc_bulleted_sections(text: str, expected: dict) -> str:
    """TOC section headings after a bullet instead of in 【】: ■市政府文件."""
    return _in_front(expected, lambda line: re.sub(r"^【(.+)】$", r"■\1", line))(text, expected)


def masthead_forms(text: str, expected: dict) -> str:
    """The cumulative number without parentheses and the date as a 出版日期： field."""
    text = re.sub(r"^[(（](总第\d+期)[)）]$", r"\1", text, count=1, flags=re.M)
    return re.sub(r"^(\d{4}年\d{1,2}月\d{1,2}日)出版$", r"出版日期：\1", text, count=1, flags=re.M)


def number_without_year(text: str, expected: dict) -> str:
    """The masthead's issue number without its year (第10期): the year comes from the
    publication date."""
    return re.sub(r"^\d{4}\s*年\s*(第\s*\d{1,3}\s*期)$", r"\1", text, count=1, flags=re.M)


def spaces_around_tabs(text: str, expected: dict) -> str:
    """Table cells padded with spaces inside their tab-separated fields."""
    return _map_lines(text, lambda no, line: line.replace("\t", " \t ") if "\t" in line else line)


def headers_once(text: str, expected: dict) -> str:
    """A table's header printed on its first page only (not repeated on the next)."""
    lines = text.split("\n")
    for start, end in _table_blocks(lines):
        for i in range(start + 1, end - 1):
            if lines[i] == lines[start]:  # the header again, and its second row if any
                repeated = 2 if lines[i + 1] == lines[start + 1] else 1
                lines[i:i + repeated] = [""] * repeated
    return "\n".join(lines)


#: The issuing organs before 关于 in a title: 示范市人民政府办公室关于….
ORGANS_BEFORE_ABOUT_RE = re.compile(r"^[^《》关]+(?=关于)")


def toc_without_organs(text: str, expected: dict) -> str:
    """TOC titles printed without their issuing organs (关于印发…的通知)."""
    return _in_front(expected, lambda line: ORGANS_BEFORE_ABOUT_RE.sub("", line))(text, expected)


def toc_titles_without_organs(expected: dict) -> dict:
    """The expectations of :func:`toc_without_organs`: TOC titles lose their organs."""
    def without_organs(doc: dict) -> dict:
        return dict(doc, toc_title=ORGANS_BEFORE_ABOUT_RE.sub("", doc["toc_title"]))
    sections = [dict(section, documents=[without_organs(doc) for doc in section["documents"]])
                for section in expected["sections"]]
    return dict(expected, sections=sections)


def numbers_above_titles(text: str, expected: dict) -> str:
    """Each document's 文号 printed above its title (as under a 红头) instead of under it."""
    lines = text.split("\n")
    for doc in _documents(expected):
        first, last = doc["body_title_lines"][0] - 1, doc["body_title_lines"][-1] - 1
        under = next(i for i in range(last + 1, len(lines)) if lines[i].strip())
        if BARE_NUMBER_RE.match(lines[under].strip()):
            number = lines.pop(under)
            lines[first:first] = [number, ""]
    return "\n".join(lines)


def public_note_wording(expected: dict) -> Callable[[str], str]:
    """The release note worded 此件主动公开 instead of 此件公开发布."""
    return lambda text: text.replace("此件公开发布", "此件主动公开")


#: Parentheses in their full-width and ASCII forms.
FULL_WIDTH_PARENS, ASCII_PARENS = "（）", "()"


def parentheses(old: str, new: str) -> Callable[[dict], Callable[[str], str]]:
    """Every parenthesis ``old`` printed as ``new`` (both forms are common)."""
    table = str.maketrans(old, new)
    return lambda expected: lambda text: text.translate(table)


# --------------------------------------------------------------------------- variants

@dataclass(frozen=True)
class Variant:
    """A way another issue prints the seed's content, and its known effect."""

    name: str
    #: (seed text, expectations) → the varied text.
    vary: Callable[[str, dict], str] = _keep
    #: expectations → a text rule applied alike to the source, to every expected value
    #: and to the seed's own import (names and numbers that change consistently).
    rule: Callable[[dict], Callable[[str], str]] = _no_rule
    #: expectations → the expectations the variant changes otherwise (issue numbers …).
    expect: Callable[[dict], dict] = _same
    encoding: str = "utf-8"
    newline: str = "\n"


VARIANTS = [
    Variant("space-separated table columns", vary=space_columns),
    Variant("space-separated columns, merged header centred",
            vary=lay_out_columns(merged_centered=True)),
    Variant("space-separated columns, numbers flush right",
            vary=lay_out_columns(numbers_right=True)),
    Variant("wrapped last table cells", vary=wrap_last_cells),
    Variant("body hard-wrapped at 18", vary=rewrap(18)),
    Variant("body hard-wrapped at 30", vary=rewrap(30)),
    Variant("paragraphs indented with ideographic spaces", vary=indent_paragraphs("\u3000\u3000")),
    Variant("paragraphs indented with spaces", vary=indent_paragraphs("    ")),
    Variant("running heads of several forms", vary=page_furniture(*FURNITURE_STYLES)),
    Variant("page breaks inside paragraphs", vary=page_breaks_in_paragraphs),
    Variant("dates in Chinese numerals", rule=chinese_dates),
    Variant("masthead numbers on one line", vary=masthead_on_one_line),
    Variant("no blank lines", vary=no_blank_lines),
    Variant("trailing spaces", vary=trailing_spaces),
    Variant("pdftotext -layout extraction", vary=layout_extraction),
    Variant("place renamed, same length", rule=rename_place("青川")),
    Variant("place renamed, longer", rule=rename_place("东海湾")),
    Variant("文号 prefixes renamed", rule=rename_number_prefix("示")),
    Variant("文号 prefixes renamed, longer", rule=rename_number_prefix("示范")),
    Variant("other years", rule=shift_years),
    Variant("other 期 and 总期 numbers", rule=renumber_text, expect=renumber_issue),
    Variant("文号 in [] 【】 () ［］ by turns", vary=number_brackets(NUMBER_BRACKETS)),
    Variant("文号 with full-width digits", vary=number_brackets(("〔〕",), full_width=True)),
    Variant("CRLF line endings", newline="\r\n"),
    Variant("CR line endings", newline="\r"),
    Variant("UTF-16 with its byte order mark", encoding="utf-16"),
    Variant("UTF-8 byte order mark", encoding="utf-8-sig"),
    Variant("GB18030", encoding="gb18030"),
    Variant("TOC sections without 【】", vary=toc_plain_sections),
    Variant("TOC leaders ……", vary=toc_leaders("……")),
    Variant("TOC leaders .....", vary=toc_leaders(".....")),
    Variant("TOC without leaders", vary=toc_leaders(" ")),
    Variant("TOC entries on one line", vary=toc_entries_on_one_line),
    Variant("TOC sections after a bullet", vary=toc_bulleted_sections),
    Variant("masthead: 总第 bare, 出版日期 field", vary=masthead_forms),
    Variant("table headers not repeated", vary=headers_once),
    Variant("issue number without its year", vary=number_without_year),
    Variant("spaces around tabs", vary=spaces_around_tabs),
    Variant("body titles wrapped at their spaces", vary=titles_at_their_spaces),
    Variant("body titles on one line", vary=titles_on_one_line),
    Variant("文号 under the title in parentheses", vary=numbers_in_parentheses),
    Variant("section headings in the body", vary=sections_in_body),
    Variant("colophon at the end", vary=colophon_at_the_end),
    Variant("TOC titles without their organs", vary=toc_without_organs,
            expect=toc_titles_without_organs),
    Variant("文号 above the title", vary=numbers_above_titles),
    Variant("release note 此件主动公开", rule=public_note_wording),
    Variant("ASCII parentheses", rule=parentheses(FULL_WIDTH_PARENS, ASCII_PARENS)),
    Variant("full-width parentheses", rule=parentheses(ASCII_PARENS, FULL_WIDTH_PARENS)),
]


def _map_values(value, rule: Callable[[str], str]):
    """``value`` (parsed JSON, or plain values from :func:`_plain`) with ``rule``
    applied to every string and number in it."""
    if isinstance(value, dict):
        return {k: _map_values(v, rule) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_map_values(v, rule) for v in value)
    if isinstance(value, bool) or value is None:
        return value
    return type(value)(rule(str(value)))


def _plain(value):
    """Model values as plain tuples, strings and numbers (a date as its ISO string)."""
    if dataclasses.is_dataclass(value):
        return tuple(_plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    return value.isoformat() if isinstance(value, dt.date) else value


def _bodies(issue) -> list[tuple]:
    """Each document's title, 文号 and blocks (enclosed documents too)."""
    return [(doc.title, doc.doc_number, doc.blocks, doc.enclosed) for doc in issue.documents]


CASES = [pytest.param(name, variant, id=f"{name}: {variant.name}")
         for name in ISSUES for variant in VARIANTS]


def _write(source: Path, text: str, variant: Variant) -> Path:
    """``text`` saved at ``source`` with the variant's line endings and encoding."""
    source.write_bytes(text.replace("\n", variant.newline).encode(variant.encoding))
    assert source.read_bytes() != (SEEDS / source.name).read_bytes(), "nothing varied"
    return source


@pytest.mark.parametrize(("name", "variant"), CASES)
def test_variant_imports_to_varied_expectations(name, variant, tmp_path):
    expected = seed_expectations(name)
    rule = variant.rule(expected)
    text = rule(variant.vary((SEEDS / f"{name}.txt").read_text(encoding="utf-8"), expected))
    source = _write(tmp_path / f"{name}.txt", text, variant)

    result = import_source(source)
    assert_fields_match(f"{name} ({variant.name})", issue_comparisons(
        variant.expect(_map_values(expected, rule)), result.issue))
    got, seed = _bodies(result.issue), _bodies(_seed_import(f"{name}.txt").issue)
    if rule is not _same:  # names or numbers changed: plain values, the seed's varied alike
        got, seed = _plain(got), _map_values(_plain(seed), rule)
    assert got == seed
    outcome = audit(source, result.issue, result.report)
    assert outcome.ok, outcome.to_text()


#: The web-scraped notice has no expectations: it is varied in its bytes only.
WEB_NOTICE = "web-notice-2020-07-22.txt"
BYTE_VARIANTS = [v for v in VARIANTS if v.vary is _keep and v.rule is _no_rule]


@pytest.mark.parametrize("variant", BYTE_VARIANTS, ids=lambda variant: variant.name)
def test_web_notice_reads_alike_in_other_encodings_and_line_endings(variant, tmp_path):
    seed = SEEDS / WEB_NOTICE
    if not seed.exists():
        pytest.skip(f"seed missing: {seed}")
    source = _write(tmp_path / WEB_NOTICE, seed.read_text(encoding="utf-8"), variant)
    result = import_source(source)
    assert _bodies(result.issue) == _bodies(_seed_import(WEB_NOTICE).issue)
    outcome = audit(source, result.issue, result.report)
    assert outcome.ok, outcome.to_text()


#: The unseen fixtures (tests/fixtures/import/unseen) with tab-separated tables …
UNSEEN = Path(__file__).parent / "fixtures" / "import" / "unseen"
UNSEEN_TABLES = ["beihai-2022-08.txt", "guowuyuan-gbk-2023-05.txt", "haicheng-2022-04.txt",
                 "jiangbei-2023-05.txt", "nanshan-2021-11.txt", "yunzhou-2024-02.txt"]
#: … laid out with spaces instead (their table layouts differ from the seeds').
LAYOUTS = [v for v in VARIANTS if v.name.startswith("space-separated")]


@pytest.mark.parametrize("variant", LAYOUTS, ids=lambda variant: variant.name)
@pytest.mark.parametrize("name", UNSEEN_TABLES)
def test_unseen_tables_laid_out_with_spaces_read_alike(name, variant, tmp_path):
    original = import_source(UNSEEN / name)
    text = (UNSEEN / name).read_bytes().decode("gb18030" if "gbk" in name else "utf-8")
    source = tmp_path / name
    source.write_text(variant.vary(text, {}), encoding="utf-8")
    result = import_source(source)
    assert _bodies(result.issue) == _bodies(original.issue)
    outcome = audit(source, result.issue, result.report)
    assert outcome.ok, outcome.to_text()
