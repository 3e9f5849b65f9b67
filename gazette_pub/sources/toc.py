"""The 目录 (table of contents) of a whole issue → :class:`TocEntry` s.

The 目录 / 目次 may run over one or more pages (the header repeated, maybe
``（续）``, page furniture such as slogans in between): section headings (in
``【】 〔〕 ［］``, after a bullet ■, or plain short lines), entries of wrapped title
lines, the 文号 (in brackets, bare after a space, or on its own line before or
after the page), an order (``某某人民政府令（第N号）``), leaders (``.... …… ····``
or spaces) and the page (on the entry's last line or alone under it).

Contract: :func:`parse_toc` returns the entries in order and how many lines the
目录 spans, and reports those lines as discarded (their content lives in each
document's ``toc_title``/``toc_page`` and in the sections). :func:`pageless_toc`
recognizes a 目录 printed without page numbers from the 文号 listed again later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .doc_number import doc_number_of_line, is_doc_number, normalize_doc_number, order_number_of_line
from .line_kinds import is_title_like
from .lines import WHITESPACE_RE, SourceLine, squash
from .organs import ORGAN_ENDINGS, TITLE_VERB_RE
from .report import ReportBuilder
from .colophon import COLOPHON_RE
from .cover import CJK_CHAR_RE, Cover, slogans_of

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


#: Dot leaders of a TOC entry (at least two dots or ellipsis characters).
DOTS_RE = re.compile(
    r"""
    [.．·•]{2} | […⋯] | [—－-]{2}    # dots, an ellipsis, dashes
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


#: Lines a body title may wrap over.
TITLE_MAX_LINES = 4


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


def section_key(line: SourceLine) -> str:
    """What ``line`` says as a section heading: its text without 【】 and whitespace."""
    match = SECTION_BRACKET_RE.fullmatch(line.text)
    return squash(match["title"] if match else line.text)


def is_section_line(line: SourceLine, title: str) -> bool:
    """Is ``line`` the section heading ``title`` (with or without 【】)?"""
    return bool(title) and section_key(line) == squash(title)
