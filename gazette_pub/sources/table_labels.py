"""A merged label's row in a task table, from the numbered items of the same document.

A 任务分工 table restates a document's numbered items (``29.`` … ``31.`` under the
heading ``（一）优化政民互动渠道建设。``): one row per item, its 序号 the item's number,
and a column whose cell the print merged over the rows of one heading holds that
heading's text. Extraction puts a merged cell's text on one row of its span — the
first, or the middle one when the print centred it — and leaves the others empty, so
a label printed on a middle row reads as if the rows above it belonged to the label
before.

The evidence to put it back is the document's own text: each item number's heading.
When every label of a column is the heading of its own row's item, every row's 序号
is an item of the text (numbered once in the whole document) and a run of rows under
one heading holds its label exactly once, that label goes to the run's first row,
where the table's other labels are (reported). Nothing else changes; a run that holds
its label more than once or not at all is left as printed.

Contract: :func:`align_labels` takes a document's blocks (main text and enclosed
documents, in order) and returns them with the tables whose labels moved replaced.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Block, Cell, Enclosed, Heading, Paragraph, Table, TableBlock
from .report import ReportBuilder

#: A numbered item: ``29.`` / ``29．`` / ``29、`` (its number).
ITEM_RE = re.compile(
    r"""
    \s* (?P<number> \d{1,3} ) \s* [.．、]    # the item's number and its mark
    """,
    re.X,
)
#: Punctuation and spaces a heading ends with but a table label does not.
LABEL_END_RE = re.compile(
    r"""
    [\s。．.；;：:，,]+ $    # a final 。 or ： and spaces
    """,
    re.X,
)
#: An item number (a 序号 cell).
NUMBER_RE = re.compile(
    r"""
    \d{1,3}    # digits only
    """,
    re.X,
)
#: Fewest labels a column holds to be aligned (one label is no evidence of a pattern).
MIN_LABELS = 2


def flat(blocks) -> list[Block]:
    """``blocks`` with each enclosed document's blocks in its place."""
    out: list[Block] = []
    for block in blocks:
        out += flat(block.blocks) if isinstance(block, Enclosed) else [block]
    return out


def item_headings(blocks: list[Block]) -> dict[int, dict[int, str]]:
    """Each item number's headings by level (text without its final punctuation);
    numbers given more than once in the document are left out."""
    current: dict[int, str] = {}
    found: dict[int, dict[int, str]] = {}
    seen: set[int] = set()
    for block in blocks:
        if isinstance(block, Heading):
            match = ITEM_RE.fullmatch(block.label) or (
                None if block.label else ITEM_RE.match(block.text))
        elif isinstance(block, Paragraph):
            match = ITEM_RE.match(block.text)
        else:
            continue
        if match is None and isinstance(block, Heading):
            current = {lvl: t for lvl, t in current.items() if lvl < block.level}
            current[block.level] = LABEL_END_RE.sub("", block.text)
            continue
        if match is None:
            continue
        number = int(match["number"])
        if number in seen:
            found.pop(number, None)
        else:
            found[number] = dict(current)
        seen.add(number)
    return found


def align_labels(blocks: tuple[Block, ...], enclosed: tuple[Enclosed, ...],
                 report: ReportBuilder, lines: dict[int, int]
                 ) -> tuple[tuple[Block, ...], tuple[Enclosed, ...]]:
    """The document's blocks with task-table labels on the first row of their runs
    (see the module doc). ``lines`` maps ``id(table)`` to its first source line."""
    headings = item_headings(flat(blocks) + flat(enclosed))
    if not headings:
        return blocks, enclosed

    def fixed(block):
        if isinstance(block, TableBlock):
            table = aligned(block.table, headings, report, lines.get(id(block.table)))
            return block if table is block.table else TableBlock(table)
        return block
    return (tuple(fixed(b) for b in blocks),
            tuple(replace(e, blocks=tuple(fixed(b) for b in e.blocks)) for e in enclosed))


def aligned(table: Table, headings: dict[int, dict[int, str]], report: ReportBuilder,
            line: int | None) -> Table:
    """``table`` with its labels moved (reported), or ``table`` itself."""
    rows = [k for k, r in enumerate(table.rows) if len(r) == table.n_cols
            and all(c.colspan == 1 and c.rowspan == 1 for c in r)]
    if len(rows) < 2 or len(rows) < len(table.data_rows):
        return table
    texts = [[c.text for c in table.rows[k]] for k in rows]
    numbering = next((j for j in range(table.n_cols)
                      if all(NUMBER_RE.fullmatch(t[j]) for t in texts)), None)
    if numbering is None or any(int(t[numbering]) not in headings for t in texts):
        return table
    chains = [headings[int(t[numbering])] for t in texts]
    for col in range(table.n_cols):
        labels = [(n, LABEL_END_RE.sub("", t[col])) for n, t in enumerate(texts) if t[col]]
        levels = {lvl for lvl in chains[0]}
        for n, label in labels:
            levels &= {lvl for lvl, text in chains[n].items() if text == label}
        if col == numbering or len(labels) < MIN_LABELS or not levels:
            continue
        level = min(levels)
        moves = moved_labels(texts, col, [c.get(level) for c in chains])
        if not moves:
            continue
        out = list(table.rows)
        for src, dst, last in moves:
            out[rows[dst]] = with_text(out[rows[dst]], col, table.rows[rows[src]][col].text)
            out[rows[src]] = with_text(out[rows[src]], col, "")
            report.fix(line, f"table {table.caption!r}: the label "
                             f"{table.rows[rows[src]][col].text[:12]!r} of a cell merged over "
                             f"several rows, printed on row {texts[src][numbering]}, moved to "
                             f"row {texts[dst][numbering]}: the text numbers items "
                             f"{texts[dst][numbering]}–{texts[last][numbering]} under that "
                             f"heading")
        return replace(table, rows=tuple(out))
    return table


def moved_labels(texts: list[list[str]], col: int, groups: list[str | None]
                 ) -> list[tuple[int, int, int]]:
    """(from row, to row, last row of the run) for each run of rows under one heading whose only label is
    not on its first row."""
    moves = []
    start = 0
    while start < len(texts):
        end = start
        while end + 1 < len(texts) and groups[end + 1] == groups[start]:
            end += 1
        holding = [n for n in range(start, end + 1) if texts[n][col]]
        if groups[start] is not None and len(holding) == 1 and holding[0] != start:
            moves.append((holding[0], start, end))
        start = end + 1
    return moves


def with_text(row, col: int, text: str):
    """``row`` with the cell at ``col`` holding ``text``."""
    return row[:col] + (Cell(text),) + row[col + 1:]
