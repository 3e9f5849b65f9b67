"""Items → model blocks, split into the main text and its enclosed documents
(a title after the 落款 or release note, after a 附件 label, or over a table).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import body as body_format
from ..model import Addressee, AttachmentNote, Block, DateLine, Enclosed, ListBlock, Note, Paragraph, Signature, TableBlock
from .report import ReportBuilder
from .table_labels import align_labels
from .tables import build_table
from .closing import signature_parts
from .headings import heading_block, label_type
from .head import TITLE_END_RE
from .line_kinds import ATTACH_NOTE_RE, CLOSING_KINDS, LIST_ITEM_RE, is_title_like
from .lines import Item, squash
from .table_items import caption_start
from .titles import clean_title


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
        if ATTACH_NOTE_RE.fullmatch(text):
            return AttachmentNote(text, ())  # an empty 附件： label: the attachment is not here
        return AttachmentNote(text, body_format.parse_attachments(text.split("\n")))
    if kind == "list":
        return ListBlock(tuple(LIST_ITEM_RE.fullmatch(t)["text"] for t in text.split("\n")))
    if kind == "addressee":
        return Addressee(text)
    return Paragraph(text)


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
            # document of its own; a caption inside running text only captions it.
            # Of a title and a caption line (某某计划 / 表1 某某表) the first is the
            # document's title, the second the table's caption
            first = caption_start(items, i)
            opener = items[first - 1].kind if first > 0 else ""
            before = [j for j in range(first, i) if title(j)]
            if opener in CLOSING_KINDS | {"label", "table", "attach"} \
                    or items[first].kind == "label":
                starts.update(before[:1])
    return sorted(starts)


#: A title cited in 《》 (the cover letter names the document it encloses).
CITED_TITLE_RE = re.compile(
    r"""
    《 (?P<title>[^《》]{4,80}) 》    # the cited title
    """,
    re.X,
)


def join_cited_titles(items: list[Item], starts: list[int],
                      report: ReportBuilder) -> list[Item]:
    """``items`` with each enclosed title wrapped over lines with no blank between
    (``某某市人民政府办理人大代表`` / ``建议和政协提案工作规则``) joined, where the joined
    text is a title the text before cites in 《》 and its first line alone is not."""
    out = list(items)
    for start in reversed(starts):
        cited = {squash(m["title"]) for item in out[:start]
                 for m in CITED_TITLE_RE.finditer(item.text)}
        head = squash(out[start].text)
        if head in cited or not any(c.startswith(head) for c in cited):
            continue
        end = start + 1
        joined = head
        while end < len(out) and out[end].kind == "para" \
                and any(c.startswith(joined + squash(out[end].text)) for c in cited):
            joined += squash(out[end].text)
            end += 1
        if end > start + 1 and joined in cited:
            report.join(out[start].first, f"enclosed title wrapped over lines "
                                          f"{out[start].first}–{out[end - 1].last} joined "
                                          f"(the text before cites it): {joined!r}")
            merged = replace(out[start], lines=[ln for it in out[start:end] for ln in it.lines],
                             text="".join(it.text for it in out[start:end]))
            out[start:end] = [merged]
    return out


def enclosed_title(item: Item, report: ReportBuilder) -> str:
    """An enclosed document's title without its wrap spaces (reported)."""
    title = clean_title(item.text)
    if title != item.text:
        report.normalize(item.first, f"title {item.text!r}: wrap spaces removed")
    return title


def is_table_caption(item: Item, following: Item) -> bool:
    """Is ``item`` a title-like line right above a table without a caption of its own
    (tab-separated rows, or one a reader parsed: OCR pipe and HTML tables), inside a
    document's text? It then becomes the table's caption (never the document title)."""
    return (following.kind == "table" and (following.table is None or not following.table.caption)
            and item.kind == "para" and is_title_like(item.text))


def join_wrapped_titles(items: list[Item], report: ReportBuilder) -> list[Item]:
    """An enclosed document's title wrapped onto a second line (``某某市人民政府办理人大代表``
    / ``建议和政协提案工作规则``) joined: at a title spot, a title-like line without its
    kind word followed by a title-like line ending in one (reported)."""
    for start in reversed(enclosed_starts(items)):
        first = items[start]
        nxt = items[start + 1] if start + 1 < len(items) else None
        if nxt is not None and nxt.kind == "para" and is_title_like(nxt.text) \
                and TITLE_END_RE.search(nxt.text) and not TITLE_END_RE.search(first.text):
            report.join(first.last, f"joined line {first.last} with line {nxt.first} "
                                    f"(an enclosed document's title wrapped)")
            first.lines += nxt.lines
            first.text += nxt.text
            del items[start + 1]
    return items


def split_enclosed(items: list[Item], levels: dict[str, int],
                   report: ReportBuilder) -> tuple[tuple[Block, ...], tuple[Enclosed, ...]]:
    """(main blocks, enclosed documents) of a document body."""
    starts = enclosed_starts(join_wrapped_titles(items, report))
    joined = join_cited_titles(items, starts, report)
    if len(joined) != len(items):
        items = joined
        starts = enclosed_starts(items)
    bounds = list(zip([0] + [s + 1 for s in starts], starts + [len(items)]))
    segments = []
    table_lines: dict[int, int] = {}  # id(table) → its first source line, for the report
    for n, (lo, hi) in enumerate(bounds):
        blocks = []
        for k in range(lo, hi):
            if k + 1 < hi and is_table_caption(items[k], items[k + 1]):
                continue  # the caption goes into the table below
            # a table without a caption line of its own has no caption: the
            # document's (or enclosed document's) title is not repeated over it
            captioned = k > lo and is_table_caption(items[k - 1], items[k])
            caption = clean_title(items[k - 1].text) if captioned else ""
            blocks.append(item_block(items[k], levels, caption, report))
            if isinstance(blocks[-1], TableBlock):
                table_lines[id(blocks[-1].table)] = items[k].first
        segments.append(tuple(blocks))
    enclosed = tuple(Enclosed(enclosed_title(items[s], report), blocks)
                     for s, blocks in zip(starts, segments[1:]))
    return align_labels(segments[0], enclosed, report, table_lines)
