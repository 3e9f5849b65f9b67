"""The shared stage of every reader: a document's lines → :class:`model.Document`.

Readers cut their input into documents and hand each one's lines (with source
line numbers) to :func:`build_document`. It

1. reads the head under the title: a dated line ``(2021年3月23日)`` and the
   文号 (:mod:`.doc_number`);
2. classifies the body lines (:mod:`.line_kinds`, :mod:`.headings`);
3. repairs page/column breaks (:mod:`.breaks`);
4. finds the 主送 (addressee), the 落款 and 附件 notes (:mod:`.closing`),
   tables (:mod:`.table_items`) and enclosed documents (:mod:`.enclosed`);
5. returns a :class:`model.Document`, its organs from the 落款 or the title
   (:mod:`.organs`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from ..ids import document_id, slugify
from ..model import Document, Note, Signature, SourceRef
from .report import ReportBuilder
from .breaks import TextLayout, join_breaks, text_layout
from .closing import group_attachments, mark_signatures
from .table_notes import mark_numbered_notes
from .doc_number import DOC_NUMBER_RE, cited_number, doc_number_at, doc_number_of_line
from .enclosed import split_enclosed
from .headings import heading_levels, mark_article_items, mark_own_contents
from .line_kinds import classify, group_lists, is_addressee, is_bare_addressee, to_items
from .lines import Item, SourceLine
from .organs import as_named, organs_of
from .table_items import merge_table_fragments

logger = logging.getLogger(__name__)


def mark_addressee(items: list[Item]) -> None:
    """The first line, when it is a list of names ending in a colon, is the 主送
    (addressee; see :func:`line_kinds.is_addressee`)."""
    if items and items[0].kind == "para" and is_addressee(items[0].text):
        items[0].kind = "addressee"


def mark_bare_addressee(items: list[Item], report: ReportBuilder) -> None:
    """The first line, when it is a 主送 without its colon by its shape (names parted by
    commas, each an organ or a group of organs: :func:`line_kinds.is_bare_addressee`)
    and text follows, is the 主送, never joined into the body; reported as read so. Not
    when the next line goes on with its names (a 主送 wrapped: ``…市政府各部`` /
    ``门、直属机构：``)."""
    if len(items) < 2 or items[0].kind != "para" or not is_bare_addressee(items[0].text):
        return
    both = items[0].text + items[1].text
    if not (is_addressee(both) or is_bare_addressee(both)):
        items[0].kind = "addressee"
        report.uncertain(items[0].first, f"主送 without its colon, read by its shape "
                                         f"(names parted by commas): {items[0].text[:40]!r}")


@dataclass(frozen=True)
class Head:
    """What sits under a document title: its 文号 and a dated line."""

    doc_number_raw: str = ""
    title_date: SourceLine | None = None
    consumed: int = 0


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
    #: Issuing organs printed apart from the title and the 落款 (a web page's byline
    #: under the title), used when the 落款 names none.
    organs: tuple[str, ...] = ()
    #: The layout of the whole source (for a document too short to show its own).
    layout: TextLayout = TextLayout()


def build_blocks(lines: list[SourceLine], report: ReportBuilder,
                 layout: TextLayout = TextLayout()):
    """(main blocks, enclosed) for the body ``lines`` of a document
    (``layout``: the source's, for a document too short to show its own)."""
    items = mark_own_contents(to_items(lines), report)
    mark_bare_addressee(items, report)
    items = join_breaks(items, report, text_layout(items, layout))
    items = group_attachments(mark_numbered_notes(group_lists(items)))
    items = mark_signatures(items)
    items = merge_table_fragments(items, report)
    mark_addressee(items)
    items = mark_article_items(items, report)
    levels = heading_levels(items)
    return split_enclosed(items, levels, report)


#: The first character of an organ named without its place (市人民政府, 省政府, 县委).
PLACELESS = frozenset("省市县区州盟旗乡镇")


def document_organs(doc: DocInput, signature: tuple[str, ...], number: str) -> tuple[str, ...]:
    """The organs of the 落款 (or the order number, or the title); where the 落款 names
    only an official and nothing else names an organ, the organs printed apart (a
    byline, a 发文机关标志), named as the title names them."""
    named = organs_of(doc.title, signature, number)
    fuller = tuple(b for b in doc.organs if any(b.endswith(n) and b != n for n in named))
    if named and all(n[:1] in PLACELESS for n in named) and len(fuller) == len(named):
        return fuller  # named without its place (市人民政府令第5号): the byline names it whole
    if (signature and named) or not doc.organs:
        return named
    return as_named(doc.organs, organs_of(doc.title, (), number))


#: A 题注 holding the date and the 文号: （1985年5月4日某政〔1985〕38号）.
TITLE_NOTE_NUMBER_RE = re.compile(
    r"""
    [(（] [^()（）]*? 日 \s* (?P<number> [^()（）\s]+? 号 ) \s* [)）]    # the date, then the 文号
    """,
    re.X,
)


def build_document(doc: DocInput, *, gazette_id: str, year: int, number: int,
                   source_file: str, report: ReportBuilder) -> Document:
    """A :class:`model.Document` from a document's title and body lines."""
    head = read_head(doc.body, report)
    rest = doc.body[head.consumed:]
    main, enclosed = build_blocks(rest, report, doc.layout)
    if head.title_date is not None:
        main = (Note(head.title_date.text, "title_date"),) + main
    raw = head.doc_number_raw or doc.doc_number_hint
    note = head.title_date or (rest[0] if rest else None)  # the 题注 under the title
    in_note = TITLE_NOTE_NUMBER_RE.fullmatch(note.text) if note else None
    if not raw and in_note and doc_number_of_line(in_note["number"]):
        raw = in_note["number"]  # （1985年5月4日某政〔1985〕38号）: the 题注 dates and numbers it
        report.normalize(note.no, f"文号 {raw!r} read from the 题注")
    normalized = cited_number(raw, doc.title)
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
        organs=document_organs(doc, signature, normalized),
        blocks=main,
        enclosed=enclosed,
        toc_page=doc.toc_page,
        source=SourceRef(source_file, (first, last) if first is not None else None),
    )
