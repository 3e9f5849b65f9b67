"""Table rows the extraction shifted, repaired from the table's own evidence.

PDF extraction and OCR move cells: a cell merged over several rows lands in the
row's first column or one column left or right, a row loses its empty leading
cells, a sub-column appears that the header does not have. The evidence to put a
value back is the table itself: what each column holds (integers, other numbers,
short labels, long text with sentence punctuation; the shapes of its values,
``2年`` like ``1年``; a shared beginning, ``株高…``), counted over the whole table
and, with more weight, over the rows around, and another row holding the same
sequence of values.

Contract: :func:`repair_rows` takes the padded fields of a table's body rows (rows
holding only their first field — group labels and remarks across the table — are
left alone) and returns them with each row that fits its columns badly moved to the
order-keeping placement of its values that fits best, when that placement fits every
value and is clearly better than the row as printed; each move is reported (a fix,
with the source line). A row that still fits badly, or holds more values than the
header has columns, is *doubtful*: the caller flags the table for the editor
(``Table.check``) and reports it. No value is ever changed, dropped or invented.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .report import ReportBuilder

#: An integer cell (a 序号 or a count).
INT_RE = re.compile(
    r"""
    \d{1,6}    # digits only
    """,
    re.X,
)
#: Another number: a decimal, a percentage, a signed value, a range, a dash for none.
NUMBER_RE = re.compile(
    r"""
    [-+±—－]? \d[\d.,，]* %?                # 3.5 / -1.2 / 45% / 1,200
  | \d[\d.]* \s* [-—~～至] \s* \d[\d.]*     # 5-15 / 2.2-2.5
  | [—－\-/×]{1,2}                        # — / - / / : no value
    """,
    re.X,
)
#: Sentence punctuation: a cell holding it is running text, not a label.
SENTENCE_RE = re.compile(
    r"""
    [，,。；;！？!?]
    """,
    re.X,
)
#: A run of digits (with decimals) or of Latin letters, for a value's shape.
SHAPE_RUN_RE = re.compile(
    r"""
    (?P<digits> \d+ (?: \.\d+ )? )    # 3 / 3.5 → 9
  | (?P<latin> [A-Za-z]+ )            # cm / m → a
    """,
    re.X,
)

#: Longest label; a longer cell is running text.
LABEL_MAX = 20
#: Rows above and below whose columns count as the row's neighbourhood.
NEAR_ROWS = 3
#: Weight of the neighbourhood against the whole table in a value's fit.
NEAR_WEIGHT = 0.6
#: A value fitting its column less than this is misplaced (or its row is doubtful).
POOR_FIT = 0.15
#: A value fitting an empty column of its row this much better than its own is misplaced.
MISPLACED_BY = 0.4
#: How much better a placement must fit than the row as printed to be applied.
REPAIR_MARGIN = 0.3
#: Cost of moving one value from where it was printed (ties keep the printed place).
MOVE_COST = 0.05
#: Kinds that are alike, and how well a value of one fits a column of the other.
RELATED = {"int": ("num", 0.5), "num": ("int", 0.5), "label": ("text", 0.25),
           "text": ("label", 0.25)}


def cell_kind(text: str) -> str:
    """``empty``, ``int``, ``num`` (other numbers, short values mostly of digits, a
    dash for none), ``label`` (short, no sentence punctuation) or ``text``."""
    if not text:
        return "empty"
    if INT_RE.fullmatch(text):
        return "int"
    digits = sum(ch.isdigit() for ch in text)
    if NUMBER_RE.fullmatch(text) or (len(text) <= 8 and 2 * digits >= len(text)):
        return "num"
    return "text" if SENTENCE_RE.search(text) or len(text) > LABEL_MAX else "label"


def cell_shape(text: str) -> str:
    """``text`` with digit runs as 9 and Latin runs as a: ``胸径5.0-9.9cm`` → ``胸径9-9a``."""
    return SHAPE_RUN_RE.sub(lambda m: "9" if m["digits"] else "a", text)


def cell_prefix(text: str) -> str:
    """The first two characters when they are not digits (a shared beginning), or ""."""
    head = text[:2]
    return head if len(head) == 2 and not any(ch.isdigit() for ch in head) else ""


@dataclass
class Columns:
    """What each column holds over some rows: counts of kinds, shapes and beginnings."""

    kinds: list[Counter]
    shapes: list[Counter]
    prefixes: list[Counter]
    rows: int

    @classmethod
    def of(cls, rows: list[list[str]], width: int) -> Columns:
        cols = cls([Counter() for _ in range(width)], [Counter() for _ in range(width)],
                   [Counter() for _ in range(width)], len(rows))
        for row in rows:
            for j, text in enumerate(row[:width]):
                if text:
                    cols.kinds[j][cell_kind(text)] += 1
                    cols.shapes[j][cell_shape(text)] += 1
                    cols.prefixes[j][cell_prefix(text)] += 1
        return cols

    def without(self, row: list[str]) -> Columns:
        """These columns less one of the rows they were counted over: a row is no
        evidence for itself (a value alone in its column of the whole table must not
        fit there because it is there)."""
        cols = Columns([Counter(c) for c in self.kinds], [Counter(c) for c in self.shapes],
                       [Counter(c) for c in self.prefixes], self.rows - 1)
        for j, text in enumerate(row[:len(cols.kinds)]):
            if text:
                cols.kinds[j][cell_kind(text)] -= 1
                cols.shapes[j][cell_shape(text)] -= 1
                cols.prefixes[j][cell_prefix(text)] -= 1
        return cols

    def fit(self, text: str, j: int) -> float:
        """How well ``text`` fits column ``j`` (0–1): the share of the rows holding a
        value of its kind there (a column left empty under merged cells fits nothing),
        and whether a value of its shape or beginning is there."""
        kinds = self.kinds[j]
        if self.rows <= 0:
            return 0.0
        kind = cell_kind(text)
        related = RELATED.get(kind, ("", 0.0))
        kind_fit = (kinds[kind] + related[1] * kinds[related[0]]) / self.rows
        prefix = cell_prefix(text)
        shape_fit = (1.0 if self.shapes[j][cell_shape(text)] > 0
                     else 0.5 if prefix and self.prefixes[j][prefix] > 0 else 0.0)
        return 0.6 * kind_fit + 0.4 * shape_fit


def is_wrapped_end(above: list[str], row: list[str]) -> bool:
    """Is ``row`` the wrapped end of the last cell of ``above`` (its only value, not a
    number, under that cell)? It moves with that cell and is no row of its own."""
    filled = [j for j, v in enumerate(row) if v]
    last = max((j for j, v in enumerate(above) if v), default=-1)
    return len(filled) == 1 and filled[0] == last > 0 and cell_kind(row[last]) in ("label", "text")


def is_single(row: list[str]) -> bool:
    """A row holding only its first field: a group label or a remark across the table."""
    return bool(row and row[0]) and not any(row[1:])


def value_fits(values: list[tuple[int, str]], near: Columns, whole: Columns) -> list[list[float]]:
    """How well each value fits each column, the rows around weighing more."""
    width = len(whole.kinds)
    return [[NEAR_WEIGHT * near.fit(v, j) + (1 - NEAR_WEIGHT) * whole.fit(v, j)
             for j in range(width)] for _, v in values]


def against_its_item(local: list[list[float]], printed: tuple[int, ...],
                     cols: tuple[int, ...]) -> bool:
    """Do the rows of the row's own item hold its values where they were printed rather
    than where ``cols`` would put them (a sub-column the whole item has, not a shift)?"""
    return (sum(local[k][c] for k, c in enumerate(cols))
            < sum(local[k][j] for k, j in enumerate(printed)))


def same_values_layout(fields: list[list[str]], body: list[int], i: int,
                       alone: dict) -> tuple[int, ...] | None:
    """The columns of another row holding the same values in the same order (an item
    printed twice, once in place), when they fit the whole table better than the row's
    own; else None."""
    values = [v for v in fields[i] if v]
    own = tuple(j for j, v in enumerate(fields[i]) if v)

    def total(cols):
        return sum(alone[0 in cols][k][c] for k, c in enumerate(cols))
    for m in body:
        cols = tuple(j for j, v in enumerate(fields[m]) if v)
        if m != i and [v for v in fields[m] if v] == values and cols != own \
                and total(cols) - total(own) >= REPAIR_MARGIN:
            return cols
    return None


def item_of(body: list[int], fields: list[list[str]], n: int) -> list[int]:
    """The other rows of ``body[n]``'s item: from the row with a filled first cell to the
    next one (the rows under cells merged down the first columns)."""
    start = n
    while start > 0 and not fields[body[start]][0]:
        start -= 1
    end = n + 1
    while end < len(body) and not fields[body[end]][0]:
        end += 1
    return [body[m] for m in range(start, end) if m != n]


def near_rows(body: list[int], fields: list[list[str]], n: int, role: bool) -> list[int]:
    """The rows around ``body[n]`` in the given role (an item's first row, with its first
    cell filled, or a row under it): those of its item (:func:`item_of`), or, when
    there are fewer than two, up to :data:`NEAR_ROWS` rows of the role on each side."""
    near = [m for m in item_of(body, fields, n) if bool(fields[m][0]) == role]
    if len(near) >= 2:
        return near
    before = [body[m] for m in range(n - 1, -1, -1) if bool(fields[body[m]][0]) == role]
    after = [body[m] for m in range(n + 1, len(body)) if bool(fields[body[m]][0]) == role]
    return before[:NEAR_ROWS] + after[:NEAR_ROWS]


def misplaced(fits: list[list[float]], values: list[tuple[int, str]], row: list[str]) -> bool:
    """Does a value fit its printed column badly, or much worse than an empty column of
    its row?"""
    for k, (j, _) in enumerate(values):
        best_empty = max((fits[k][c] for c, v in enumerate(row) if not v), default=0.0)
        if fits[k][j] < POOR_FIT or best_empty - fits[k][j] >= MISPLACED_BY:
            return True
    return False


def judge(fields: list[list[str]], body: list[int], evidence: set[int], width: int,
          itself: bool = True) -> dict:
    """For each body row: (its values, how well each fits each column in either role —
    an item's first row or a row under it — judged by the ``evidence`` rows, whether it
    is misplaced or reaches past them). With ``itself`` False a row is no evidence for
    itself (a value alone in its column then fits there only as its kind fits it)."""
    wholes, counted = {}, {}
    for role in (True, False):
        same = [i for i in body if i in evidence and bool(fields[i][0]) == role]
        counted[role] = set(same if len(same) >= 3 else [i for i in body if i in evidence])
        wholes[role] = Columns.of([fields[i] for i in body if i in counted[role]], width)
    widest = max((j for i in evidence for j, v in enumerate(fields[i]) if v), default=-1)
    seen = {}
    for n, i in enumerate(body):
        row = fields[i]
        values = [(j, v) for j, v in enumerate(row) if v]
        nears = {role: Columns.of([fields[m] for m in near_rows(body, fields, n, role)
                                   if m in evidence], width) for role in (True, False)}
        item = Columns.of([fields[m] for m in item_of(body, fields, n) if m in evidence], width)
        local = value_fits(values, item, item)
        beyond = max(j for j, _ in values) > max(widest, 0)
        others = {role: wholes[role].without(row) if not itself and i in counted[role]
                  else wholes[role]
                  for role in (True, False)}
        fits = {role: value_fits(values, nears[role], others[role]) for role in (True, False)}
        alone = {role: value_fits(values, others[role], others[role]) for role in (True, False)}
        seen[i] = (values, fits, beyond or misplaced(fits[bool(row[0])], values, row), alone,
                   local)
    return seen


def repair_rows(fields: list[list[str]], lines: list, header_width: int, caption: str,
                report: ReportBuilder) -> tuple[list[list[str]], list[int]]:
    """(repaired rows, source lines of the rows still doubtful); see the module doc.
    ``lines`` are the rows' source lines; every row of ``fields`` has the same length.
    Rows reaching past the header's last column are no evidence for the others."""
    width = max((len(r) for r in fields), default=0)
    rows = [i for i, r in enumerate(fields) if any(r) and not is_single(r)]
    ends = {i: e for i, e in zip(rows[1:], rows) if is_wrapped_end(fields[e], fields[i])}
    body = [i for i in rows if i not in ends]
    extent = {i: max(j for j, v in enumerate(fields[i]) if v) for i in body}
    fitting = {i for i in body if extent[i] < header_width}
    out = [list(r) for r in fields]
    doubtful = []
    seen = judge(fields, body, fitting, width)
    good = {i for i in fitting if not seen[i][2]}  # misplaced rows are no evidence either
    seen = judge(fields, body, good, width, itself=False)
    layouts: dict[tuple[bool, int], set[tuple[int, ...]]] = {}
    for i in body:
        if i in good:
            cols = tuple(j for j, v in enumerate(fields[i]) if v)
            layouts.setdefault((bool(fields[i][0]), len(cols)), set()).add(cols)
    for i in body:
        values, fits, bad, alone, local = seen[i]
        if not bad:
            continue
        printed = tuple(j for j, _ in values)
        too_wide = i not in fitting
        role = bool(fields[i][0])
        candidates = layouts.get((True, len(values)), set()) | layouts.get((False, len(values)), set())
        twin = same_values_layout(fields, body, i, alone)
        if twin is not None:  # the same values printed in place in another row
            candidates, fits = {twin}, alone
        scored = [(sum(fits[0 in cols][k][c] - (MOVE_COST if c != printed[k] else 0)
                       for k, c in enumerate(cols)), cols) for cols in candidates]
        best = max(scored, default=None)
        gain = best[0] - sum(fits[role][k][j] for k, j in enumerate(printed)) if best else 0.0
        if twin is None and (best is None or best[1] == printed
                             or min(fits[0 in best[1]][k][c] for k, c in enumerate(best[1])) < POOR_FIT
                             or (not too_wide and gain < REPAIR_MARGIN)
                             or (too_wide and against_its_item(local, printed, best[1]))):
            if too_wide:  # a row that cannot be right as printed
                doubtful.append(lines[i].no)
            continue
        out[i] = [""] * width
        for (_, v), c in zip(values, best[1]):
            out[i][c] = v
        for end, above in ends.items():  # the wrapped end of its last cell goes with it
            if above == i:
                out[end] = [""] * width
                out[end][best[1][-1]] = next(v for v in fields[end] if v)
        report.fix(lines[i].no, f"table {caption!r}: row moved into the columns another row "
                                f"of its kind fills, by what the columns hold here and in the "
                                f"rows around: {describe(values, best[1])}")
    return out, doubtful


def describe(values: list[tuple[int, str]], cols: list[int]) -> str:
    """``'2年' column 5→4, …`` for the values that moved (columns counted from 1)."""
    moves = [f"{v[:8]!r} column {j + 1}→{c + 1}" for (j, v), c in zip(values, cols) if j != c]
    return ", ".join(moves)
