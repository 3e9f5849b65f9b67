"""The issue manifest as frozen dataclasses: the single source of truth.

Importers build these objects, :mod:`gazette_pub.manifest` loads and saves them,
checks validate them and renderers read only them (never raw text). Every text
field holds the authoritative text (标准文本) exactly as it is printed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Iterator, Union

#: Longest label of a group row (民间文学, 一、产业项目); longer text across a table
#: is a remark.
GROUP_LABEL_MAX = 24
#: Sentence punctuation: text across a table holding it is a remark, not a label.
SENTENCE_RE = re.compile(
    r"""
    [，,。；;：:！？!?]   # comma, full stop, semicolon, colon, exclamation, question
    """,
    re.X,
)


@dataclass(frozen=True)
class Cell:
    """One table cell. From a ``gazette-table`` block; rendered as ``<td>``/``<th>``."""

    text: str
    rowspan: int = 1
    colspan: int = 1


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A table kept as data: several header rows, body rows, spans, footnotes.

    A *group row* is a body row with one cell spanning every column: it labels
    the rows below it (e.g. 民间文学). Header rows repeat on each printed page.
    """

    caption: str
    header_rows: tuple[Row, ...]
    rows: tuple[Row, ...]
    footnotes: tuple[str, ...] = ()
    #: 1-based line in the document file where the table block starts (for errors).
    line: int | None = None
    #: Why the editor should check this table against the printed gazette (cells the
    #: extraction may have shifted), or "". Printed above the table, in print and on
    #: the web, until the editor removes it: a doubtful table is never shown silently.
    check: str = ""

    @functools.cached_property  # asked for every row by is_group_row
    def n_cols(self) -> int:
        """Width of the table in grid columns (the widest row, spans counted)."""
        widths = [sum(c.colspan for c in r) for r in self.header_rows + self.rows]
        return max(widths, default=0)

    def is_group_row(self, row: Row) -> bool:
        """A label over the rows below it: one cell across the table holding a short
        label (a sentence across the table is a remark, a data row)."""
        return (len(row) == 1 and row[0].colspan == self.n_cols and self.n_cols > 1
                and len(row[0].text) <= GROUP_LABEL_MAX and not SENTENCE_RE.search(row[0].text))

    @property
    def data_rows(self) -> tuple[Row, ...]:
        """Body rows that are not group rows."""
        return tuple(r for r in self.rows if not self.is_group_row(r))


@dataclass(frozen=True)
class Heading:
    """A numbered or unnumbered heading inside a document body.

    ``level`` 1–4 follows the gazette numbering 一、 （一） 1. （1）; 第X章 is 1
    and 第X条 is 2 in rules. ``label`` is the number as printed (may be empty),
    ``text`` the rest; ``label + text`` is the printed line.
    """

    level: int
    label: str
    text: str
    type: str = field(default="heading", init=False)

    @property
    def full_text(self) -> str:
        return self.label + self.text


@dataclass(frozen=True)
class Paragraph:
    """Running text, indented two characters in print."""

    text: str
    type: str = field(default="paragraph", init=False)


@dataclass(frozen=True)
class ListBlock:
    """An unnumbered list (items as printed, including any bullet text)."""

    items: tuple[str, ...]
    type: str = field(default="list", init=False)


@dataclass(frozen=True)
class TableBlock:
    """A table in the flow of the body."""

    table: Table
    type: str = field(default="table", init=False)


@dataclass(frozen=True)
class Addressee:
    """主送机关, the exact printed line including its final colon."""

    text: str
    type: str = field(default="addressee", init=False)


@dataclass(frozen=True)
class Signature:
    """落款: one line per issuing organ, right-aligned in print."""

    lines: tuple[str, ...]
    type: str = field(default="signature", init=False)


@dataclass(frozen=True)
class DateLine:
    """成文日期 as printed (``text``) and parsed (``date``); right-aligned."""

    text: str
    date: dt.date | None
    type: str = field(default="date", init=False)


@dataclass(frozen=True)
class Note:
    """A note such as （此件公开发布） (``kind="public"``), a 注： remark
    (``kind="remark"``) or a dated line under a title (``kind="title_date"``)."""

    text: str
    kind: str = "remark"
    type: str = field(default="note", init=False)


@dataclass(frozen=True)
class Attachment:
    """One entry of a 附件 note: its label (附件, 附件1, 1.) and title."""

    label: str
    title: str


@dataclass(frozen=True)
class AttachmentNote:
    """The 附件： list printed after the body (``text`` is the printed block)."""

    text: str
    items: tuple[Attachment, ...]
    type: str = field(default="attachment", init=False)


Block = Union[Heading, Paragraph, ListBlock, TableBlock, Addressee, Signature,
              DateLine, Note, AttachmentNote]


@dataclass(frozen=True)
class Enclosed:
    """A document enclosed in another (印发的方案, 附件 bodies): a title and blocks."""

    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SourceRef:
    """Where a document came from: the import source file and its 1-based lines."""

    file: str
    lines: tuple[int, int] | None = None


@dataclass(frozen=True)
class Document:
    """One numbered document of an issue.

    From ``<issue>/<NN>-<slug>.md``: the TOML header gives the metadata, the
    Markdown body the blocks (see ``docs/manifest-format.md``).
    """

    #: Stable id ``<gazette>-<year>-<NN>-<seq>``; see :mod:`gazette_pub.ids`.
    id: str
    #: Position in the issue, 1-based, in TOC order.
    seq: int
    #: Permalink slug, stable across rebuilds (from the file name).
    slug: str
    #: The title as printed above the body.
    title: str
    #: The title as printed in the 目录 (often equal to ``title``).
    toc_title: str
    #: 文号 normalized to 〔〕 (``示政发〔2024〕1号``), or "".
    doc_number: str
    #: 文号 as printed in the source, or "".
    doc_number_raw: str
    organs: tuple[str, ...]
    blocks: tuple[Block, ...]
    enclosed: tuple[Enclosed, ...] = ()
    #: The page printed for this document in the source's TOC, if any.
    toc_page: int | None = None
    source: SourceRef | None = None
    #: The file the document was loaded from, relative to the issue folder.
    path: str = ""

    def all_blocks(self):
        """Every block, the main ones then each enclosed document's."""
        yield from self.blocks
        for enc in self.enclosed:
            yield from enc.blocks

    def _first(self, kind):
        return next((b for b in self.blocks if isinstance(b, kind)), None)

    @property
    def addressee(self) -> str | None:
        block = self._first(Addressee)
        return block.text if block else None

    @property
    def signatories(self) -> tuple[str, ...]:
        block = self._first(Signature)
        return block.lines if block else ()

    @property
    def date(self) -> dt.date | None:
        block = self._first(DateLine)
        return block.date if block else None

    @property
    def public_note(self) -> str | None:
        for block in self.all_blocks():
            if isinstance(block, Note) and block.kind == "public":
                return block.text.strip("（）() ")
        return None

    @property
    def attachments(self) -> tuple[Attachment, ...]:
        return tuple(a for b in self.all_blocks() if isinstance(b, AttachmentNote)
                     for a in b.items)

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b.table for b in self.all_blocks() if isinstance(b, TableBlock))


@dataclass(frozen=True)
class Section:
    """A 栏目 of the issue; ``in_body`` says whether its title prints above its documents."""

    title: str
    documents: tuple[Document, ...]
    in_body: bool = False


@dataclass(frozen=True)
class Gazette:
    """A gazette's fixed data, from ``issues/<gazette>/gazette.toml``."""

    id: str
    name: str
    frequency: str = ""
    slogans: tuple[str, ...] = ()
    #: Role (主任, 副主任, 委员) → names, in print order.
    editorial_committee: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Label (主编, 地址, ISSN …) → value as printed; a value may be several names.
    colophon: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    #: Theme name under ``styles/themes/`` (and ``templates/themes/``).
    theme: str = "default"
    #: Short name for running heads (defaults to ``name``).
    short_name: str = ""
    #: Base URL path segment of the site (defaults to ``id``).
    path: str = ""


@dataclass(frozen=True)
class Issue:
    """One issue: metadata plus ordered sections of documents.

    From ``issues/<gazette>/<year>-<NN>/issue.toml``.
    """

    gazette: Gazette
    year: int
    number: int
    cumulative: int | None
    date: dt.date | None
    sections: tuple[Section, ...]
    back_matter: tuple[str, ...] = ()
    source: SourceRef | None = None
    #: Folder the issue was loaded from (not exported).
    folder: str = ""

    @property
    def slug(self) -> str:
        """``<year>-<NN>``: the folder name and the URL segment of the issue."""
        return f"{self.year}-{self.number:02d}"

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(d for s in self.sections for d in s.documents)

    @property
    def label(self) -> str:
        """``2021年第10期``."""
        return f"{self.year}年第{self.number}期"


def block_texts(block: Block) -> Iterator[str]:
    """The printed texts of one block, in reading order (a table row by row).

    One definition for every stage that compares or counts text (the import's duplicate
    check, the audit, the build's text check), so they can never disagree on what a
    block says.
    """
    if isinstance(block, Heading):
        yield block.full_text
    elif isinstance(block, TableBlock):
        table = block.table
        yield table.check
        yield table.caption
        yield from (cell.text for row in table.header_rows + table.rows for cell in row)
        yield from table.footnotes
    elif isinstance(block, Signature):
        yield from block.lines
    elif isinstance(block, ListBlock):
        yield from block.items
    else:
        yield block.text
