"""The ``gazette-table`` fence of a document body: TOML text <-> :class:`Table`.

A table is a fenced block of TOML, one row per line (docs/manifest-format.md).
:func:`parse_table` reports every problem at the line of the file where it is:
a TOML syntax error at its own line (counted from the file start, not the fence),
a bad cell or a row that does not fill the grid at that row's line, once, with one
numbering (``rows row 3``: the third entry of ``rows``).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from typing import Iterable

from .chars import invisible_values
from .model import Cell, Table

#: Most rows (header and body) and columns of one table; larger ones are refused.
MAX_TABLE_ROWS = 2000
MAX_TABLE_COLUMNS = 64

#: The keys a table may have.
TABLE_KEYS = ("caption", "header_rows", "rows", "footnotes", "check")
#: The keys of a cell written as an inline table.
CELL_KEYS = ("text", "rowspan", "colspan")

#: tomllib's error position: "... (at line 3, column 5)".
TOML_POSITION_RE = re.compile(r"\s*\(at line (?P<line>\d+), column \d+\)")

#: The start of a row list: ``rows = [`` (the key may be quoted).
ROWS_KEY_RE = re.compile(
    r"""
    ^[ \t]*                      # the key starts its line
    (?P<q>["']?)(?P<key>header_rows|rows)(?P=q)
    [ \t]*=[ \t]*\[              # = [
    """,
    re.X | re.M,
)


class TableError(ValueError):
    """A table that cannot be read; ``problems`` are (message, line or None)."""

    def __init__(self, problems: list[tuple[str, int | None]]) -> None:
        self.problems = problems
        super().__init__("; ".join(message for message, _ in problems))


def _skip_string(text: str, i: int) -> int:
    """Index after the TOML string starting at ``text[i]`` (basic, literal, multi-line)."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        while quote == '"' and end > 0 and _escaped(text, end):
            end = text.find(quote * 3, end + 1)
        return len(text) if end < 0 else end + 3
    j = i + 1
    while j < len(text) and text[j] != quote and text[j] != "\n":
        j += 2 if quote == '"' and text[j] == "\\" else 1
    return j + 1


def _escaped(text: str, i: int) -> bool:
    backslashes = len(text[:i]) - len(text[:i].rstrip("\\"))
    return backslashes % 2 == 1


def row_lines(text: str, first_line: int = 1) -> dict[str, list[int]]:
    """The line of each row of ``header_rows`` and ``rows`` in the TOML ``text``
    (``first_line`` is the line of ``text``'s first line in its file)."""
    out: dict[str, list[int]] = {}
    for match in ROWS_KEY_RE.finditer(text):
        starts: list[int] = []
        depth, i = 1, match.end()
        while i < len(text) and depth:
            char = text[i]
            if char in "\"'":
                i = _skip_string(text, i)
                continue
            if char == "#":
                i = text.find("\n", i) if "\n" in text[i:] else len(text)
                continue
            if char in "[{":
                if depth == 1:
                    starts.append(first_line + text.count("\n", 0, i))
                depth += 1
            elif char in "]}":
                depth -= 1
            i += 1
        out.setdefault(match["key"], starts)
    return out


def _cell_from_toml(value) -> Cell:
    if isinstance(value, str):
        return Cell(value)
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        unknown = set(value) - set(CELL_KEYS)
        if unknown:
            raise ValueError(f"unknown cell keys {sorted(unknown)}{_suggest(unknown, CELL_KEYS)}")
        rowspan, colspan = value.get("rowspan", 1), value.get("colspan", 1)
        if not (type(rowspan) is int and type(colspan) is int
                and 1 <= rowspan <= MAX_TABLE_ROWS and 1 <= colspan <= MAX_TABLE_COLUMNS):
            raise ValueError(f"rowspan must be a whole number from 1 to {MAX_TABLE_ROWS} and "
                             f"colspan from 1 to {MAX_TABLE_COLUMNS}")
        return Cell(value["text"], rowspan, colspan)
    raise ValueError("a cell is a string or {text = …, rowspan = …, colspan = …}")


def _suggest(unknown: Iterable[str], known: Iterable[str]) -> str:
    """" (did you mean 'x'?)" for the first unknown name close to a known one."""
    for name in sorted(unknown):
        close = difflib.get_close_matches(name, list(known), n=1)
        if close:
            return f" (did you mean {close[0]!r}?)"
    return ""


def _check_grid(groups, problems: list[tuple[str, int | None]]) -> None:
    """Add a problem for each row that does not fill the grid once spans are placed.

    ``groups`` are (name, rows, lines): the header rows, then the body rows. Every row
    must cover the width of the table's first row without a gap; a rowspan may not
    reach past the last row of its group. Each row is named once, as ``<name> row N``.
    """
    width = None
    for name, rows, lines in groups:
        occupied: dict[int, set[int]] = {}
        for r, row in enumerate(rows):
            where = f"{name} row {r + 1}" if name else f"row {r + 1}"
            line = lines[r] if r < len(lines) else None
            col = 0
            taken = occupied.setdefault(r, set())
            for cell in row:
                while col in taken:
                    col += 1
                if cell.rowspan > len(rows) - r:
                    problems.append((f"{where}: a rowspan reaches past the last row", line))
                # Spans are clipped to the table, so the work is bounded by rows × columns.
                for dr in range(min(cell.rowspan, len(rows) - r)):
                    for dc in range(cell.colspan):
                        occupied.setdefault(r + dr, set()).add(col + dc)
                col += cell.colspan
            row_width = len(occupied[r])
            if width is None:
                width = row_width
            elif row_width != width or max(occupied[r], default=-1) + 1 != row_width:
                problems.append((f"{where} covers {row_width} columns, expected {width}", line))


def grid_problems(rows: tuple[tuple[Cell, ...], ...]) -> list[str]:
    """Why ``rows`` do not fill a rectangular grid once spans are placed (empty if they do)."""
    problems: list[tuple[str, int | None]] = []
    _check_grid([("", rows, [])], problems)
    return [message for message, _ in problems]


def parse_table(text: str, line: int | None = None) -> Table:
    """A :class:`Table` from the TOML inside a fence whose opening line is ``line``
    (the TOML starts on the next line); raises :class:`TableError`."""
    first = (line or 0) + 1
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = TOML_POSITION_RE.search(str(exc))
        where = first + int(match["line"]) - 1 if match and line is not None else line
        raise TableError([(f"table is not valid TOML: {TOML_POSITION_RE.sub('', str(exc))}",
                           where)]) from None
    problems: list[tuple[str, int | None]] = []

    def key_line(key: str) -> int | None:
        found = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text, re.M)
        return first + text.count("\n", 0, found.start()) if found and line else line

    for key in sorted(set(data) - set(TABLE_KEYS)):
        problems.append((f"unknown table key {key!r}{_suggest([key], TABLE_KEYS)}", key_line(key)))
    for keys, char in invisible_values(data):
        problems.append((f"invisible or control character U+{ord(char):04X} in "
                         f"{'.'.join(map(str, keys))} (written as an escape); remove it",
                         key_line(str(keys[0]))))
    n_rows = sum(len(data[k]) for k in ("header_rows", "rows") if isinstance(data.get(k), list))
    if n_rows > MAX_TABLE_ROWS:
        raise TableError([(f"table has {n_rows} rows, more than the limit of {MAX_TABLE_ROWS}; "
                           "split it into several tables", line)])
    caption, footnotes = data.get("caption", ""), data.get("footnotes", [])
    check = data.get("check", "")
    if not isinstance(caption, str):
        problems.append(("'caption' must be a string", key_line("caption")))
    if not isinstance(check, str):
        problems.append(("'check' must be a string", key_line("check")))
    if not (isinstance(footnotes, list) and all(isinstance(f, str) for f in footnotes)):
        problems.append(("'footnotes' must be a list of strings", key_line("footnotes")))
    lines = row_lines(text, first) if line is not None else {}
    groups = []
    for name in ("header_rows", "rows"):
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(r, list) for r in value):
            problems.append((f"'{name}' must be a list of rows (lists of cells)", key_line(name)))
            continue
        rows = []
        for index, row in enumerate(value):
            row_line = lines.get(name, [])[index] if index < len(lines.get(name, [])) else line
            cells = []
            for cell in row:
                try:
                    cells.append(_cell_from_toml(cell))
                except ValueError as exc:
                    problems.append((f"{name} row {index + 1}: {exc}", row_line))
                    break
            rows.append(tuple(cells))
        groups.append((name, tuple(rows), lines.get(name, [])))
    if problems:
        raise TableError(problems)
    _check_grid(groups, problems)
    if problems:
        raise TableError([(f"table spans do not fit: {message}", where)
                          for message, where in problems])
    header_rows, rows = (groups[0][1], groups[1][1])
    return Table(caption, header_rows, rows, tuple(footnotes), line, check)


def toml_string(value: str) -> str:
    """A TOML basic string (json.dumps-like escaping that TOML accepts)."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _cell_to_toml(cell: Cell) -> str:
    if cell.rowspan == 1 and cell.colspan == 1:
        return toml_string(cell.text)
    spans = "".join(f", {k} = {v}" for k, v in (("rowspan", cell.rowspan),
                                                 ("colspan", cell.colspan)) if v != 1)
    return "{text = " + toml_string(cell.text) + spans + "}"


def write_table(table: Table) -> str:
    """The ``gazette-table`` fence for ``table``: one row per line, diff-friendly."""
    def rows(name, rows):
        body = "".join("  [" + ", ".join(_cell_to_toml(c) for c in r) + "],\n" for r in rows)
        return f"{name} = [\n{body}]\n"
    parts = ["```gazette-table\n", f"caption = {toml_string(table.caption)}\n",
             rows("header_rows", table.header_rows), rows("rows", table.rows)]
    if table.footnotes:
        parts.append("footnotes = [" + ", ".join(map(toml_string, table.footnotes)) + "]\n")
    if table.check:
        parts.append(f"check = {toml_string(table.check)}\n")
    parts.append("```")
    return "".join(parts)
