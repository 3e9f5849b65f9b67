"""Tables among a document's items: captions above a table, and tables that
text (a page's prose) interrupted joined again when the second part repeats the
header and its numbering goes on.
"""

from __future__ import annotations

from .report import ReportBuilder
from .tables import first_number, last_number, numbering_column, split_fields, trimmed
from .line_kinds import is_title_like
from .lines import Item


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
