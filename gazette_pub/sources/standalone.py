"""A standalone document: one 公文 with no issue around it (plain text, or the lines
of a .docx, PDF or web page reader).

Contract: :func:`read_document_lines` is the entry point every single-document
reader calls with its :class:`lines.SourceLine` s (layout evidence on them where
the format has it). The head is read by the 公文 grammar (:mod:`.head`): the 版头
(masthead lines, discarded with their reason), an order heading and its number, the
文号 above or under the title, the title over one or more lines (blank lines
between allowed; wrap spaces removed and reported), a 题注 and the 主送. A 令 with
no title of its own is titled by the regulation it promulgates when the 《…》 named
in its first sentence is printed as a title further down; otherwise by its order
heading. The rest goes through :func:`document.build_document` (tables laid out
with spaces read as tab-separated rows first). The result is a one-document draft
issue: year/number 0, no date, an untitled section, so the editor fills in the
issue it belongs to. A source with no line is refused (:class:`errors.SourceError`);
where no line reads as a title, the first one stands for it (reported as uncertain).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from itertools import takewhile

from ..errors import SourceError
from ..model import Gazette, Issue, Section, SourceRef
from .flattened import unflatten
from .head import DATED_NOTE_RE, WINDOW, merge_cut_numbers, read_head, title_shaped
from .layout import tabulate_space_columns
from .report import ReportBuilder
from .doc_number import doc_number_of_line, is_broken_number, order_number_of_line
from .document import DocInput, build_document
from .lines import SourceLine, source_lines, squash
from .line_kinds import ATTACH_LABEL_RE, ATTACH_NOTE_RE, DATE_LINE_RE
from .organs import is_red_head, is_signer_line, organ_parts, unspaced
from .site_chrome import is_breadcrumb_text, is_chrome_text
from .titles import cited_spaces_closed, clean_title, unquoted

logger = logging.getLogger(__name__)

def document_title(lines: list[SourceLine], report: ReportBuilder, guide: str = "") -> str:
    """The title of ``lines`` (wrap spaces removed, reported)."""
    raw = " ".join(ln.text for ln in lines)
    title = clean_title(raw, guide)
    if title != raw:
        report.normalize(lines[0].no, f"title {raw!r}: wrap spaces removed")
    return title


def single_document_issue(doc: DocInput, *, gazette_id: str, source_file: str,
                          report: ReportBuilder) -> Issue:
    """A draft issue holding one document (unknown metadata left empty)."""
    document = build_document(doc, gazette_id=gazette_id, year=0, number=0,
                              source_file=source_file, report=report)
    report.uncertain(None, "single document: the source gives no issue year, 期 or date "
                     "(a draft leaves them empty unless --year/--number give them)")
    return Issue(gazette=Gazette(id=gazette_id, name=""), year=0, number=0, cumulative=None,
                 date=None, sections=(Section("", (document,)),), source=SourceRef(source_file))


def read_standalone(text: str, *, source_file: str, gazette_id: str,
                    report: ReportBuilder) -> Issue:
    """Read a standalone document (see the module doc) into a one-document issue."""
    text = tabulate_space_columns(text, report)
    return read_document_lines(unflatten(source_lines(text), report), source_file=source_file,
                               gazette_id=gazette_id, report=report)


#: The title a 令 names in its first sentence: 《某某办法》已经…通过.
PROMULGATED_RE = re.compile(
    r"""
    《 (?P<title>[^《》]{2,60}) 》    # the regulation's title in 《》
    """,
    re.X,
)


def promulgated_title(body: list[SourceLine]) -> str:
    """The title of the regulation an order promulgates, when its first sentence names
    it in 《》 and it is printed as a line of its own further down; else ""."""
    match = PROMULGATED_RE.search(body[0].text) if body else None
    if match and any(squash(ln.text) == squash(match["title"]) for ln in body[1:]):
        return match["title"]
    return ""


#: Body lines searched for the book title a title cites.
BODY_CITES = 6


#: A title with its 文号 in brackets after it, as a site prints the two on one line:
#: 某某关于…的通知（某办发〔2017〕2号）.
TITLE_NUMBER_RE = re.compile(
    r"""
    (?P<title> .+? ) \s*
    [(（] \s* (?P<number> [^()（）]+? 号 ) \s* [)）]    # the 文号 in round brackets, last
    """,
    re.X,
)


def split_title_number(title: str) -> tuple[str, str]:
    """(title, 文号) of a title line that ends with its 文号 in brackets; (title, "")
    when it does not (a bracket holding anything but a 文号 stays the title's)."""
    match = TITLE_NUMBER_RE.fullmatch(title)
    if match and doc_number_of_line(match["number"]) and title_shaped(match["title"]):
        return match["title"], match["number"]
    return title, ""


#: A line without a CJK character, digit or 文号 bracket: a site's or scraper's
#: marker (The Beginning / THE END), never a line of a Chinese document's head.
LATIN_ONLY_RE = re.compile(
    r"""
    [A-Za-z][A-Za-z\s.\-_:!'&]*    # Latin words only
    """,
    re.X,
)


#: A line of table bars and nothing else (a page's layout table copied as text).
BARS_ONLY_RE = re.compile(
    r"""
    [|｜\s]+
    """,
    re.X,
)


def split_head_fields(lines: list[SourceLine], report: ReportBuilder) -> list[SourceLine]:
    """``lines`` with a head line that runs the title, its 文号, organ and date together
    with spaces between (a page's infobox: ``关于…的批复 某函〔1997〕46号 某某院 1997年6月10日``)
    cut at those spaces, one field a line (reported); other lines as they are."""
    out: list[SourceLine] = []
    for k, line in enumerate(lines):
        parts = line.text.split()
        fields = parts[1:]
        if k < WINDOW and len(parts) >= 2 and title_shaped(parts[0]) \
                and any(doc_number_of_line(part) for part in fields) \
                and all(doc_number_of_line(part) or is_signer_line(part)
                        or DATE_LINE_RE.fullmatch(part) or BARS_ONLY_RE.fullmatch(part)
                        for part in fields):
            report.normalize(line.no, f"title, 文号, organ and date on one line: cut into "
                                      f"{len(parts)} lines")
            out += [replace(line, text=part) for part in parts]
        elif k < WINDOW and (note := DATED_NOTE_RE.match(line.text)) \
                and line.text[note.end():note.end() + 1].isspace() and line.text[note.end():].strip():
            # a 题注 with the first paragraph run on after it: (1985年5月4日某政〔1985〕38号)  根据…
            report.normalize(line.no, "a 题注 and the paragraph after it on one line: cut apart")
            out += [replace(line, text=note.group()),
                    replace(line, text=line.text[note.end():].strip())]
        else:
            out.append(line)
    return out


def without_latin_markers(lines: list[SourceLine], report: ReportBuilder) -> list[SourceLine]:
    """``lines`` without the Latin-only marker lines before the first and after the last
    line of Chinese text, and without lines of bars only (discarded with their reason)."""
    bars = [ln for ln in lines if BARS_ONLY_RE.fullmatch(ln.text)]
    report.discard(bars, "page chrome: a line of table bars only")
    lines = [ln for ln in lines if not BARS_ONLY_RE.fullmatch(ln.text)]
    start, end = 0, len(lines)
    while start < end and LATIN_ONLY_RE.fullmatch(lines[start].text):
        start += 1
    while end > start and LATIN_ONLY_RE.fullmatch(lines[end - 1].text):
        end -= 1
    report.discard(lines[:start] + lines[end:], "page chrome: a Latin-only marker line "
                                                "around the document")
    return lines[start:end]


def document_input(lines: list[SourceLine], report: ReportBuilder, *,
                   first_is_title: bool = False, guide: str = "", hint: str = "",
                   organs: tuple[str, ...] = ()) -> DocInput:
    """The document of ``lines`` with its head read by the 公文 grammar (:mod:`.head`):
    masthead lines discarded, the title joined, the 文号 (or ``hint``, a number the
    reader found outside the text) taken out of the body; ``organs``: organs a reader
    found printed apart from the head (a web page's organ line above the title)."""
    if not lines:
        raise SourceError("no document found: nothing is left of the source once its "
                          "discarded lines are taken out")
    if len(lines) > 1 and (ATTACH_LABEL_RE.fullmatch(lines[0].text)
                           or ATTACH_NOTE_RE.fullmatch(lines[0].text)):
        # a file sent as the attachment of another document opens with its label (附件4,
        # 附件3：)
        report.discard([lines[0]], "附件 label: the file is an attachment of another "
                                   "document, not part of its title")
        lines = lines[1:]
    crumbs = list(takewhile(lambda ln: is_breadcrumb_text(ln.text), lines[:-1]))
    report.discard(crumbs, "site chrome: a breadcrumb above the document (a page printed "
                           "or saved from a website)")
    lines = lines[len(crumbs):]
    lines = without_latin_markers(split_head_fields(lines, report), report)
    lines = merge_cut_numbers(unflatten(lines, report), report)
    head = read_head(lines, report, first_is_title=first_is_title)
    for i in head.indices("mast"):
        what = "发文机关标志" if is_red_head(lines[i].text) else "版头"
        report.discard([lines[i]], f"document masthead ({what})")
    report.discard([lines[i] for i in head.indices("rule")], "document masthead (分隔线)")
    report.discard([lines[i] for i in head.indices("copy")],
                   "a copy of the title above the document's head (a list's or page's heading)")
    body = lines[head.body_start:]
    chrome = list(takewhile(lambda ln: is_chrome_text(ln.text), body))
    report.discard(chrome, "site chrome between the document's head and its body")
    body = body[len(chrome):]
    footer = list(takewhile(lambda ln: is_chrome_text(ln.text), reversed(body)))
    report.discard(footer[::-1], "site chrome after the document (footer)")
    body = body[:len(body) - len(footer)]
    numbers = [lines[i] for i in head.indices("num")]
    if numbers and body and doc_number_of_line(body[0].text) \
            and squash(body[0].text) == squash(numbers[-1].text):
        report.discard([body[0]], "the 文号 printed again under itself")
        body = body[1:]
    orders = [lines[i] for i in head.indices("order")]
    number = "".join(ln.text for ln in orders + numbers)  # as printed, brackets and all
    for line in numbers:
        if is_broken_number(line.text):
            report.uncertain(line.no, f"文号 {line.text!r} damaged in the source (cut short, "
                                      "or a letter for a digit): kept as printed, not "
                                      "normalized")
    if orders and numbers:
        report.normalize(orders[0].no, f"order number {number!r} from the order heading "
                                       "and the number under it")
    bylines = [lines[i] for i in head.indices("byline")]
    report.discard(bylines, "issuing organ under the title (byline): kept as the organ")
    title_lines = [lines[i] for i in head.indices("title")]
    dates = [lines[i] for i in head.indices("tdate") if lines[i].text[:1] not in "(（"]
    report.discard(dates, "the date printed with the organ under the title (a page's "
                          "infobox; the 落款 dates the document)")
    kept = [lines[i] for i in head.indices("tdate") + head.indices("addr")
            if lines[i] not in dates]
    if title_lines:
        title = document_title(title_lines, report, guide)
        if (inner := unquoted(title)) != title:
            report.discard([replace(title_lines[0], text="《》")],
                           "the site's 《》 around the whole title")
            title = inner
        closed = cited_spaces_closed(title, " ".join(ln.text for ln in body[:BODY_CITES]))
        if closed != title:
            report.normalize(title_lines[0].no, f"title {title!r}: a wrap space inside the "
                                                "book title it cites removed (the body cites "
                                                "it without)")
            title = closed
        bare, printed = split_title_number(title)
        if printed and not number:  # (a 文号 printed under it too: the bracket stays)
            title, number = bare, printed
            report.normalize(title_lines[-1].no, f"文号 {printed!r} printed after the title "
                                                 "in brackets: read as the 文号")
    elif (orders or order_number_of_line(number)) and (named := promulgated_title(body)):
        title = named
        report.normalize((orders or numbers)[0].no, f"order titled {title!r} by the "
                                                    "regulation it promulgates")
    elif orders or order_number_of_line(number):
        title = (orders or numbers)[0].text
    elif not body:
        raise SourceError(f"line {lines[0].no}: no document found: only a masthead or "
                          "a document number")
    else:
        # no line reads as a title: the first line stands for it, reported
        title, body = body[0].text, body[1:]
        report.uncertain(lines[head.body_start].no, "no title recognized: the first line "
                                                     "of the text taken as the title")
    return DocInput(title=title, body=kept + body, seq=1, first_line=lines[0].no,
                    doc_number_hint=number or hint,
                    organs=tuple(dict.fromkeys(  # each organ once (a list, then the fuller list)
                        organs + tuple(part for ln in bylines for part in organ_parts(ln.text))
                        + masthead_organs([lines[i] for i in head.indices("mast")]))))


#: The 文件 closing a 发文机关标志 (某某厅文件).
RED_HEAD_END_RE = re.compile(
    r"""
    \s* 文 \s* 件 \s* $    # 文件 at the end of the line
    """,
    re.X,
)


def masthead_organs(lines: list[SourceLine]) -> tuple[str, ...]:
    """The organs a 发文机关标志 names (``某某厅文件`` → 某某厅; joint organs side by side
    split), used when neither the 落款 nor the title names them."""
    return tuple(part for ln in lines if is_red_head(ln.text)
                 for part in organ_parts(RED_HEAD_END_RE.sub("", unspaced(ln.text))))


def read_document_lines(lines: list[SourceLine], *, source_file: str, gazette_id: str,
                        report: ReportBuilder) -> Issue:
    """:func:`read_standalone` on lines already cut (and cleaned) by a reader: the entry
    point of the .docx, PDF and web page readers too."""
    doc = document_input(lines, report)
    return single_document_issue(doc, gazette_id=gazette_id, source_file=source_file,
                                 report=report)
