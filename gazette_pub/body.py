"""Document bodies: Markdown text <-> model blocks.

Parsing uses Python-Markdown with a deliberately small grammar (see
``docs/manifest-format.md``): raw HTML, entities, links, images, indented code,
setext headings and rules are switched off, so every character an editor types
is text, and text is all the model holds. :func:`write_body` escapes what the
remaining grammar would interpret, so ``parse_body(write_body(b)) == b``.

Extension table (``GazetteExtension.extendMarkdown``):

| registry        | name            | priority | what                                  |
|-----------------|-----------------|----------|---------------------------------------|
| preprocessors   | gazette_table   | 35       | lifts ```gazette-table fences out     |
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from typing import Iterable, Iterator

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .errors import Problem
from .model import (Addressee, Attachment, AttachmentNote, Block, Cell, DateLine,
                    Enclosed, Heading, ListBlock, Note, Paragraph, Signature, Table,
                    TableBlock)

#: A heading label as printed, by level (GB/T 9704 §7.3.3 numbering 一、（一）1.（1）).
HEADING_LABEL_RE = re.compile(
    r"""
    (?P<label>
        [一二三四五六七八九十百零〇]+、                 # level 1: 一、
      | [（(][一二三四五六七八九十百零〇]+[）)]         # level 2: （一）
      | \d{1,3}[.．](?!\d)                           # level 3: 1.  (not 1.5)
      | [（(]\d{1,3}[）)]                             # level 4: （1）
      | 第[一二三四五六七八九十百零〇\d]+[编章节条款]    # 第一章 / 第一条
    )
    """,
    re.X,
)

#: A date as printed: 2021年2月28日, 2021 年 5 月 14 日, or 二〇二一年二月二十八日.
DATE_RE = re.compile(
    r"""
    (?P<year>\d{4}|[〇○Oo0零一二三四五六七八九]{4}) \s* 年 \s*   # 二〇二一 (〇 also printed ○, O or 0)
    (?P<month>\d{1,2}|[一二三四五六七八九十]{1,3}) \s* 月 \s*
    (?P<day>\d{1,2}|[一二三四五六七八九十]{1,3}) \s* 日
    """,
    re.X,
)

#: A fenced table block in a document body.
TABLE_FENCE_RE = re.compile(r"^```gazette-table\s*$")
FENCE_END_RE = re.compile(r"^```\s*$")
#: The placeholder paragraph a lifted table leaves behind in the Markdown text.
# Unicode noncharacters: never in real text, and untouched by Markdown's own STX/ETX stash.
TABLE_PLACEHOLDER_RE = re.compile("^\ufdd0gazette-table:(?P<index>\\d+)\ufdd1$")

CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")

#: Characters refused anywhere in the authoritative text, typed or written as a TOML
#: escape: they are invisible, reorder what is shown, or break the file formats.
INVISIBLE_RE = re.compile(
    r"""
    [\x00-\x08\x0b-\x1f]      # C0 controls; tab and newline are whitespace and allowed
  | [\x7f-\x9f]              # DEL and the C1 controls
  | [\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e]  # format chars (Cf)
  | [\u200b-\u200f]          # zero-width space, non-joiner, joiner; LRM, RLM
  | [\u202a-\u202e]          # bidi embeddings and overrides (RLO …)
  | [\u2060-\u2064\u2066-\u206f]  # word joiner, invisible operators, bidi isolates
  | [\ufeff\ufff9-\ufffb]    # BOM inside the text, interlinear annotation
  | [\ufdd0-\ufdef\ufffe\uffff]  # noncharacters (the table placeholder uses them)
  | [\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3]  # more Cf
  | [\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]  # musical format, tags
    """,
    re.X,
)

def invisible_values(data, keys: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(key path, character) for each string in parsed TOML ``data`` holding an
    :data:`INVISIBLE_RE` character (TOML escapes such as ``\\u200b`` can write them)."""
    if isinstance(data, str):
        match = INVISIBLE_RE.search(data)
        if match:
            yield keys, match[0]
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from invisible_values(value, keys + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from invisible_values(value, keys + (index,))


#: Deepest list nesting a body may use (four-space indents); deeper input is refused
#: before Markdown sees it (Python-Markdown recurses once per level).
MAX_LIST_DEPTH = 4
#: Most rows (header and body) and columns of one table; larger ones are refused.
MAX_TABLE_ROWS = 2000
MAX_TABLE_COLUMNS = 64

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | dict.fromkeys("零○Oo0", 0)


def _cn_number(text: str) -> int:
    """Value of a small Chinese numeral (一 … 三十一) or of Arabic digits."""
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # a year written digit by digit: 二〇二一
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[text]


def parse_date(text: str) -> dt.date | None:
    """The first date printed in ``text``, or None when there is none or it does not exist."""
    match = DATE_RE.search(text)
    if not match:
        return None
    try:
        return dt.date(*(_cn_number(match[g]) for g in ("year", "month", "day")))
    except (ValueError, KeyError):
        return None


def split_heading_label(text: str) -> tuple[str, str]:
    """(label, rest) of a heading line; label is "" when the line is unnumbered."""
    match = HEADING_LABEL_RE.match(text)
    return (match["label"], text[match.end():]) if match else ("", text)


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines of one paragraph: no space between CJK, one space otherwise."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and not (CJK_RE.match(out[-1]) or CJK_RE.match(line[0])):
            out += " "
        out += line
    return out


# --------------------------------------------------------------------------- tables

def _cell_from_toml(value, where: str) -> Cell:
    if isinstance(value, str):
        return Cell(value)
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        rowspan, colspan = value.get("rowspan", 1), value.get("colspan", 1)
        if not (isinstance(rowspan, int) and isinstance(colspan, int)
                and 1 <= rowspan <= MAX_TABLE_ROWS and 1 <= colspan <= MAX_TABLE_COLUMNS):
            raise ValueError(f"{where}: rowspan must be a whole number from 1 to "
                             f"{MAX_TABLE_ROWS} and colspan from 1 to {MAX_TABLE_COLUMNS}")
        unknown = set(value) - {"text", "rowspan", "colspan"}
        if unknown:
            raise ValueError(f"{where}: unknown cell keys {sorted(unknown)}")
        return Cell(value["text"], rowspan, colspan)
    raise ValueError(f"{where}: a cell is a string or {{text=…, rowspan=…, colspan=…}}")


def _rows_from_toml(value, name: str) -> tuple[tuple[Cell, ...], ...]:
    if not isinstance(value, list) or not all(isinstance(r, list) for r in value):
        raise ValueError(f"'{name}' must be a list of rows (lists of cells)")
    return tuple(tuple(_cell_from_toml(c, f"{name} row {i + 1}") for c in row)
                 for i, row in enumerate(value))


def grid_problems(rows: tuple[tuple[Cell, ...], ...]) -> list[str]:
    """Why ``rows`` do not fill a rectangular grid once spans are placed (empty if they do)."""
    occupied: dict[int, set[int]] = {}
    width = None
    problems = []
    for r, row in enumerate(rows):
        col = 0
        taken = occupied.setdefault(r, set())
        for cell in row:
            while col in taken:
                col += 1
            if cell.rowspan > len(rows) - r:
                problems.append(f"row {r + 1}: a rowspan reaches past the last row")
            # Spans are clipped to the table, so the work is bounded by rows × columns.
            for dr in range(min(cell.rowspan, len(rows) - r)):
                for dc in range(cell.colspan):
                    occupied.setdefault(r + dr, set()).add(col + dc)
            col += cell.colspan
        row_width = len(occupied[r])
        if width is None:
            width = row_width
        elif row_width != width or max(occupied[r], default=-1) + 1 != row_width:
            problems.append(f"row {r + 1} covers {row_width} columns, expected {width}")
    return problems


def parse_table(text: str, line: int | None = None) -> Table:
    """A :class:`Table` from the TOML inside a ``gazette-table`` fence (raises ValueError)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"table is not valid TOML: {exc}") from None
    unknown = set(data) - {"caption", "header_rows", "rows", "footnotes"}
    if unknown:
        raise ValueError(f"unknown table keys {sorted(unknown)}")
    hidden = next(invisible_values(data), None)
    if hidden:
        raise ValueError(f"invisible or control character U+{ord(hidden[1]):04X} in "
                         f"{'.'.join(map(str, hidden[0]))} (written as an escape); remove it")
    n_rows = sum(len(data.get(k, [])) for k in ("header_rows", "rows")
                 if isinstance(data.get(k), list))
    if n_rows > MAX_TABLE_ROWS:
        raise ValueError(f"table has {n_rows} rows, more than the limit of {MAX_TABLE_ROWS}; "
                         "split it into several tables")
    caption = data.get("caption", "")
    footnotes = data.get("footnotes", [])
    if not isinstance(caption, str) or not (isinstance(footnotes, list)
                                            and all(isinstance(f, str) for f in footnotes)):
        raise ValueError("'caption' must be a string and 'footnotes' a list of strings")
    table = Table(caption, _rows_from_toml(data.get("header_rows", []), "header_rows"),
                  _rows_from_toml(data.get("rows", []), "rows"), tuple(footnotes), line)
    problems = grid_problems(table.header_rows) + grid_problems(table.rows)
    if table.header_rows and table.rows:
        problems += [p for p in grid_problems(table.header_rows + table.rows)
                     if "expected" in p][:1]
    if problems:
        raise ValueError("table spans do not fit: " + "; ".join(problems[:3]))
    return table


def _toml_string(value: str) -> str:
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
        return _toml_string(cell.text)
    spans = "".join(f", {k} = {v}" for k, v in (("rowspan", cell.rowspan),
                                                 ("colspan", cell.colspan)) if v != 1)
    return "{text = " + _toml_string(cell.text) + spans + "}"


def write_table(table: Table) -> str:
    """The ``gazette-table`` fence for ``table``: one row per line, diff-friendly."""
    def rows(name, rows):
        body = "".join("  [" + ", ".join(_cell_to_toml(c) for c in r) + "],\n" for r in rows)
        return f"{name} = [\n{body}]\n"
    parts = ["```gazette-table\n", f"caption = {_toml_string(table.caption)}\n",
             rows("header_rows", table.header_rows), rows("rows", table.rows)]
    if table.footnotes:
        parts.append("footnotes = [" + ", ".join(map(_toml_string, table.footnotes)) + "]\n")
    parts.append("```")
    return "".join(parts)


# --------------------------------------------------------------------------- parsing

class _TablePreprocessor(Preprocessor):
    """Lifts ``gazette-table`` fences out of the text before block parsing."""

    def __init__(self, md, collector: "_BodyParser") -> None:
        super().__init__(md)
        self.collector = collector

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            if not TABLE_FENCE_RE.match(lines[i]):
                out.append(lines[i])
                i += 1
                continue
            start = i
            i += 1
            while i < len(lines) and not FENCE_END_RE.match(lines[i]):
                i += 1
            line_no = self.collector.line_offset + start + 1
            if i >= len(lines):
                self.collector.problem("table fence is never closed", line_no)
                break
            try:
                table = parse_table("\n".join(lines[start + 1:i]), line_no)
            except ValueError as exc:
                self.collector.problem(str(exc), line_no)
                table = None
            self.collector.tables.append(table)
            out += ["", f"\ufdd0gazette-table:{len(self.collector.tables) - 1}\ufdd1", ""]
            i += 1
        return out


class GazetteExtension(Extension):
    """Restricts Markdown to the gazette body grammar and adds table fences."""

    def __init__(self, collector: "_BodyParser") -> None:
        super().__init__()
        self.collector = collector

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_TablePreprocessor(md, self.collector), "gazette_table", 35)
        # Everything an editor types must stay text: no raw HTML, entities or links.
        for name in ("html_block",):
            md.preprocessors.deregister(name, strict=False)
        for name in ("code", "hr", "setextheader", "quote", "reference"):
            md.parser.blockprocessors.deregister(name, strict=False)
        for name in ("html", "entity", "link", "image_link", "image_reference",
                     "reference", "short_reference", "short_image_ref", "autolink",
                     "automail", "not_strong"):
            md.inlinePatterns.deregister(name, strict=False)


@dataclass
class _BodyParser:
    """Parses one body; collects problems instead of stopping at the first."""

    path: str
    line_offset: int

    def __post_init__(self) -> None:
        self.tables: list[Table | None] = []
        self.problems: list[Problem] = []

    def problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, message, line, "body"))

    def too_deep(self, lines: list[str]) -> bool:
        """Report lines indented deeper than :data:`MAX_LIST_DEPTH` list levels (outside
        table fences); True when there are any, so the caller skips Markdown parsing."""
        in_fence = False
        deep = False
        for number, line in enumerate(lines, self.line_offset + 1):
            if in_fence or TABLE_FENCE_RE.match(line):
                in_fence = not FENCE_END_RE.match(line) if in_fence else True
                continue
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
            if indent >= 4 * MAX_LIST_DEPTH and line.strip():
                self.problem(f"indented {indent} spaces: lists nest at most {MAX_LIST_DEPTH} "
                             "levels (four spaces each)", number)
                deep = True
        return deep

    def parse(self, text: str) -> tuple[tuple[Block, ...], tuple[Enclosed, ...]]:
        md = markdown.Markdown(extensions=["attr_list", GazetteExtension(self)])
        lines = text.split("\n")
        if self.too_deep(lines):
            return (), ()
        for prep in md.preprocessors:
            lines = prep.run(lines)
        root = md.parser.parseDocument(lines).getroot()
        for treeprocessor in md.treeprocessors:
            new_root = treeprocessor.run(root)
            if new_root is not None:
                root = new_root
        main: list[Block] = []
        enclosed: list[tuple[str, list[Block]]] = []
        for element in root:
            if element.tag == "h1":
                enclosed.append((_text(element), []))
                continue
            target = enclosed[-1][1] if enclosed else main
            block = self._block(element, text)
            if block is not None:
                target.append(block)
        return tuple(main), tuple(Enclosed(t, tuple(b)) for t, b in enclosed)

    def _line_of(self, element, text: str) -> int | None:
        """Best-effort source line of an element (Markdown drops positions)."""
        probe = _text(element).split("\n")[0][:12]
        index = text.find(probe) if probe else -1
        return None if index < 0 else self.line_offset + text.count("\n", 0, index) + 1

    def _block(self, element, text: str) -> Block | None:
        tag = element.tag
        classes = set(element.get("class", "").split())
        content = _text(element)
        attributes = sorted({a for e in element.iter() for a in e.attrib} - {"class"})
        if attributes:  # {: onclick=… } would otherwise vanish silently
            self.problem(f"unsupported attributes {attributes}: only classes such as "
                         "{: .date } may follow a block", self._line_of(element, text))
        if tag in ("h2", "h3", "h4", "h5"):
            label, rest = split_heading_label(content)
            return Heading(int(tag[1]) - 1, label, rest)
        if tag in ("ul", "ol"):
            # A loose list (items apart by blank lines) wraps items in <p>: strip the breaks.
            return ListBlock(tuple(_text(li).strip() for li in element if li.tag == "li"))
        if tag != "p":
            self.problem(f"unsupported Markdown construct <{tag}>", self._line_of(element, text))
            return None
        placeholder = TABLE_PLACEHOLDER_RE.match(content)
        if placeholder:
            table = self.tables[int(placeholder["index"])]
            return TableBlock(table) if table else None
        lines = content.split("\n")
        if "signature" in classes:
            return Signature(tuple(ln.strip() for ln in lines if ln.strip()))
        if "date" in classes:
            value = join_lines(lines)
            date = parse_date(value)
            if date is None:
                self.problem(f"date line {value!r} holds no valid date", self._line_of(element, text))
            return DateLine(value, date)
        if "attachment" in classes:
            return AttachmentNote("\n".join(ln.strip() for ln in lines), parse_attachments(lines))
        if "note" in classes:
            kind = next((k for k in ("public", "remark", "title_date") if k in classes), "remark")
            return Note(join_lines(lines), kind)
        if "addressee" in classes:
            return Addressee(join_lines(lines))
        if classes:
            self.problem(f"unknown block class {sorted(classes)}", self._line_of(element, text))
        return Paragraph(join_lines(lines))


#: One item of a 附件 note: "附件：1.标题", "附件1：标题", "2.标题".
ATTACHMENT_ITEM_RE = re.compile(
    r"""
    (?P<label>
        附\s*件\s*\d*                 # 附件 / 附件1
        (?:[：:]\s*\d{1,2}[.．、])?    # 附件：1.
      | \d{1,2}[.．、]                # a continuation item: 2.
    )
    [：:\s]*                          # separator
    (?P<title>.+)
    """,
    re.X,
)


def parse_attachments(lines: list[str]) -> tuple[Attachment, ...]:
    """The items of a 附件 note's lines (see :data:`ATTACHMENT_ITEM_RE`); a line that
    starts no item continues the previous item's wrapped title."""
    items = []
    for line in (ln.strip() for ln in lines):
        match = ATTACHMENT_ITEM_RE.fullmatch(line)
        if match:
            items.append(Attachment(re.sub(r"[\s：:.．、]", "", match["label"]), match["title"]))
        elif items:  # a wrapped title continues the previous item
            last = items.pop()
            items.append(Attachment(last.label, last.title + line))
    return tuple(items)


def _text(element) -> str:
    return "".join(element.itertext())


def parse_body(text: str, *, path: str = "-", line_offset: int = 0):
    """Parse a Markdown body into (blocks, enclosed, problems)."""
    parser = _BodyParser(path, line_offset)
    blocks, enclosed = parser.parse(text)
    return blocks, enclosed, parser.problems


# --------------------------------------------------------------------------- writing

#: Characters the body grammar would interpret anywhere in a line.
_INLINE_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]])")
#: Line starts the block grammar would interpret: headings, lists, quotes.
_LINE_START_RE = re.compile(r"^(#|>|[-+*](?=\s|$)|\d+(?=[.)]\s|[.)]$))")


def escape_line(line: str) -> str:
    """Escape one line of text so that Markdown gives back exactly ``line``."""
    line = _INLINE_SPECIAL_RE.sub(r"\\\1", line)
    match = _LINE_START_RE.match(line)
    if match:
        if match.group(1)[0].isdigit():  # "1. " would start a list: escape the dot
            end = match.end()
            line = line[:end] + "\\" + line[end:]
        else:
            line = "\\" + line
    return line


def _write_block(block: Block) -> str:
    if isinstance(block, Heading):
        text = escape_line(block.full_text)
        backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
        if text.endswith("#") and backslashes % 2 == 0:  # closing hashes would be dropped
            text = text[:-1] + "\\#"
        return "#" * (block.level + 1) + " " + text
    if isinstance(block, Paragraph):
        return escape_line(block.text)
    if isinstance(block, ListBlock):
        return "\n".join("- " + escape_line(item) for item in block.items)
    if isinstance(block, TableBlock):
        return write_table(block.table)
    if isinstance(block, Signature):
        return "\n".join(map(escape_line, block.lines)) + "\n{: .signature }"
    if isinstance(block, DateLine):
        return escape_line(block.text) + "\n{: .date }"
    if isinstance(block, Addressee):
        return escape_line(block.text) + "\n{: .addressee }"
    if isinstance(block, Note):
        return escape_line(block.text) + f"\n{{: .note .{block.kind} }}"
    if isinstance(block, AttachmentNote):
        return "\n".join(map(escape_line, block.text.split("\n"))) + "\n{: .attachment }"
    raise TypeError(f"unknown block {block!r}")


def write_body(blocks: Iterable[Block], enclosed: Iterable[Enclosed] = ()) -> str:
    """The Markdown body for ``blocks`` and ``enclosed`` (inverse of :func:`parse_body`)."""
    parts = [_write_block(b) for b in blocks]
    for enc in enclosed:
        parts.append("# " + escape_line(enc.title))
        parts += [_write_block(b) for b in enc.blocks]
    return "\n\n".join(parts) + "\n"
