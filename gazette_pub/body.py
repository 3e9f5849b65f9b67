r"""Document bodies: text <-> model blocks.

The body grammar is line-based and small (docs/manifest-format.md, "Body rules"):
headings (``## ``), list items (``- ``), block classes (a last line ``{: .date }``),
``gazette-table`` fences and blank lines between blocks. Nothing else is markup:
every other character an editor types — ``* _ ` [ ] < > & |``, a backslash, a
full-width form — is text, printed as typed. There is no inline markup at all
(no emphasis, code, links, HTML or entities), so no character inside a line can
vanish.

One escape exists, for text whose line would otherwise start a construct: a
backslash at the start of a line before ``\ # - { ` `` is dropped and the rest of
the line is text (``\# 号`` is the text ``# 号``). :func:`write_body` writes that
escape wherever needed, so ``parse_body(write_body(b)) == b``.

What the parser refuses (each a problem with file:line, never silent): a fence
other than ```` ```gazette-table ````, a ``#`` at a line start not followed by a
blank (heading or text?), a heading of level 6, an empty heading or list item, a
class line that follows no paragraph, classes or attributes it does not know.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable

from .body_table import (MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, TableError,  # noqa: F401
                         grid_problems, parse_table, write_table)
from .chars import INVISIBLE_RE, invisible_values  # noqa: F401 (re-exported)
from .errors import Problem
from .model import (Addressee, Attachment, AttachmentNote, Block, DateLine,
                    Enclosed, Heading, ListBlock, Note, Paragraph, Signature,
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

#: A fence line (after the line's indentation): ``` and its info string.
FENCE_RE = re.compile(
    r"""
    ```                     # three backticks open (and close) a fence
    (?P<info>.*)            # gazette-table, or anything else (refused)
    """,
    re.X,
)
#: The one fenced block a body may hold.
TABLE_INFO = "gazette-table"

#: A heading line: one to six '#', blanks, the text (which is literal, '#' included).
HEADING_RE = re.compile(
    r"""
    (?P<marks>\#{1,6})       # '#' enclosed document, '##'–'#####' heading levels 1–4
    (?: [ \t]+ (?P<text>.*) )?   # a blank, then the heading text
    """,
    re.X,
)

#: A list item line: '-', blanks, the item text.
LIST_ITEM_RE = re.compile(
    r"""
    -                        # the bullet
    (?: [ \t]+ (?P<text>.*) )?   # a blank, then the item text
    """,
    re.X,
)

#: A block class line, the last line of a paragraph: {: .date } or {: .note .public }.
CLASS_LINE_RE = re.compile(
    r"""
    \{ :? [ \t]*             # {:  (the colon may be left out)
    (?P<attrs>[^{}]*?)       # .class tokens (anything else is refused)
    [ \t]* \}                # }
    """,
    re.X,
)
#: One token of a class line: .class, #id, key=value or a bare word.
ATTR_TOKEN_RE = re.compile(
    r"""
    \.(?P<cls>[\w-]+)                    # .date
  | \#(?P<id>\S+)                        # #anchor (refused)
  | (?P<key>[^\s=]+) \s* = \s* (?:"[^"]*"|'[^']*'|\S+)   # key="value" (refused)
  | (?P<word>\S+)                        # anything else (refused)
    """,
    re.X,
)

#: A backslash at a line start that makes the rest of the line text.
LINE_ESCAPE_RE = re.compile(
    r"""
    \\                       # the escape, dropped
    (?=[\\\#\-{`])           # before a character that could start a construct
    """,
    re.X,
)
#: What the writer escapes at a line start (a superset of what could start a construct).
NEEDS_ESCAPE_RE = re.compile(r"[\\#\-{`]")

#: The block classes a paragraph may carry, and the kinds of note.
BLOCK_CLASSES = frozenset({"addressee", "signature", "date", "attachment", "note"})
NOTE_KINDS = ("public", "remark", "title_date")

CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")

#: Deepest list nesting a body may use (four-space indents); deeper input is refused
#: before Markdown sees it (Python-Markdown recurses once per level).
MAX_LIST_DEPTH = 4

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


# --------------------------------------------------------------------------- parsing

@dataclass
class _Open:
    """The block being read: a paragraph's lines or a list's items, with line numbers."""

    kind: str                                   # "paragraph" or "list"
    line: int
    lines: list[str] = field(default_factory=list)
    items: list[list[str]] = field(default_factory=list)


@dataclass
class _BodyParser:
    """Parses one body line by line; collects problems instead of stopping at the first."""

    path: str
    line_offset: int

    def __post_init__(self) -> None:
        self.problems: list[Problem] = []
        self.main: list[Block] = []
        self.enclosed: list[tuple[str, list[Block]]] = []
        self.open: _Open | None = None

    def problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, message, line, "body"))

    def too_deep(self, lines: list[str]) -> bool:
        """Report list items indented deeper than :data:`MAX_LIST_DEPTH` levels (outside
        fences); True when there are any, so the caller stops there."""
        in_fence = False
        deep = False
        for number, line in enumerate(lines, self.line_offset + 1):
            if FENCE_RE.match(line.strip()):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
            if indent >= 4 * MAX_LIST_DEPTH and LIST_ITEM_RE.fullmatch(line.strip()):
                self.problem(f"indented {indent} spaces: lists nest at most {MAX_LIST_DEPTH} "
                             "levels (four spaces each)", number)
                deep = True
        return deep

    def emit(self, block: Block | None) -> None:
        if block is not None:
            (self.enclosed[-1][1] if self.enclosed else self.main).append(block)

    def close(self, classes: dict | None = None) -> None:
        """End the open block; a paragraph gets the ``classes`` of its class line."""
        current, self.open = self.open, None
        if current is None:
            return
        if current.kind == "list":
            self.emit(ListBlock(tuple(join_lines(item) for item in current.items)))
        else:
            self.emit(self._paragraph(current.lines, classes or {}, current.line))

    def text_line(self, text: str, number: int) -> None:
        """A line of text: continues the open paragraph or list item, or starts a paragraph."""
        if self.open is None:
            self.open = _Open("paragraph", number)
        if self.open.kind == "list":
            self.open.items[-1].append(text)
        else:
            self.open.lines.append(text)

    def parse(self, text: str) -> tuple[tuple[Block, ...], tuple[Enclosed, ...]]:
        lines = text.split("\n")
        if self.too_deep(lines):
            return (), ()
        index = 0
        while index < len(lines):
            number = self.line_offset + index + 1
            line = lines[index].strip()
            index += 1
            if not line:
                self.close()
            elif LINE_ESCAPE_RE.match(line):
                self.text_line(line[1:], number)
            elif fence := FENCE_RE.match(line):
                self.close()
                index = self.fence(lines, index, fence["info"].strip(), number)
            elif heading := HEADING_RE.fullmatch(line):
                self.close()
                self.heading(len(heading["marks"]), (heading["text"] or "").strip(), number)
            elif line.startswith("#"):
                self.problem(f"{line[:12]!r}: a '#' starts a heading only with a blank after "
                             "it; write '## …' for a heading or '\\#' for the text", number)
                self.text_line(line, number)
            elif item := LIST_ITEM_RE.fullmatch(line):
                self.list_item((item["text"] or "").strip(), number)
            elif classes := CLASS_LINE_RE.fullmatch(line):
                if self.open is None or self.open.kind != "paragraph":
                    self.problem(f"class line {line!r} follows no paragraph; write '\\{{' "
                                 "for text that starts with '{'", number)
                    continue
                self.close(self._classes(classes["attrs"], number))
            else:
                self.text_line(line, number)
        self.close()
        return tuple(self.main), tuple(Enclosed(t, tuple(b)) for t, b in self.enclosed)

    def fence(self, lines: list[str], index: int, info: str, number: int) -> int:
        """Read a fence opened at ``number`` (``lines[index]`` is its first inner line);
        return the index after its closing line."""
        end = index
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        if end >= len(lines):
            self.problem("fence is never closed (a line '```' ends it)", number)
            return end
        if info != TABLE_INFO:
            known = f"did you mean ```{TABLE_INFO}?" if info else f"tables are ```{TABLE_INFO}"
            self.problem(f"unknown fenced block '```{info}': the only fence a body may hold "
                         f"is ```{TABLE_INFO} ({known}); write '\\`' for text that starts "
                         "with '`'", number)
            return end + 1
        try:
            self.emit(TableBlock(parse_table("\n".join(lines[index:end]), number)))
        except TableError as exc:
            for message, line in exc.problems:
                self.problem(message, line)
        return end + 1

    def heading(self, level: int, text: str, number: int) -> None:
        if not text:
            self.problem(f"empty heading {'#' * level!r}; write '\\#' for the text", number)
        elif level == 1:
            self.enclosed.append((text, []))
        elif level == 6:
            self.problem("heading level 6 is not supported: headings are '##' to '#####' "
                         "(levels 1–4), '#' starts an enclosed document", number)
        else:
            self.emit(Heading(level - 1, *split_heading_label(text)))

    def list_item(self, text: str, number: int) -> None:
        if not text:
            self.problem("empty list item '-'; write '\\-' for a dash as text", number)
            return
        if self.open is None or self.open.kind != "list":
            self.close()
            self.open = _Open("list", number)
        self.open.items.append([text])

    def _classes(self, attrs: str, number: int) -> dict:
        """{"classes": set, "line": number} of a class line; other tokens are problems."""
        classes, other = set(), []
        for token in ATTR_TOKEN_RE.finditer(attrs):
            if token["cls"]:
                classes.add(token["cls"])
            else:
                other.append(f"#{token['id']}" if token["id"] else token["key"] or token["word"])
        if other:
            self.problem(f"unsupported attributes {sorted(other)}: only classes such as "
                         "{: .date } may follow a block", number)
        elif not classes:
            self.problem("empty class line: write classes such as {: .date }, or '\\{' for "
                         "text that starts with '{'", number)
        return {"classes": classes, "line": number}

    def _paragraph(self, lines: list[str], attrs: dict, number: int) -> Block | None:
        classes = attrs.get("classes", set())
        if "signature" in classes:
            return Signature(tuple(ln for ln in lines if ln))
        if "date" in classes:
            value = join_lines(lines)
            date = parse_date(value)
            if date is None:
                self.problem(f"date line {value!r} holds no valid date", number)
            return DateLine(value, date)
        if "attachment" in classes:
            return AttachmentNote("\n".join(lines), parse_attachments(lines))
        if "note" in classes:
            kind = next((k for k in NOTE_KINDS if k in classes), "remark")
            return Note(join_lines(lines), kind)
        if "addressee" in classes:
            return Addressee(join_lines(lines))
        unknown = classes - BLOCK_CLASSES - set(NOTE_KINDS)
        if unknown:
            self.problem(f"unknown block class {sorted(unknown)}", attrs.get("line", number))
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


def parse_body(text: str, *, path: str = "-", line_offset: int = 0):
    """Parse a Markdown body into (blocks, enclosed, problems)."""
    parser = _BodyParser(path, line_offset)
    blocks, enclosed = parser.parse(text)
    return blocks, enclosed, parser.problems


# --------------------------------------------------------------------------- writing

def escape_line(line: str) -> str:
    """One line of text as written in a body, so that it parses back as ``line``:
    a backslash before a first character that could start a construct."""
    return "\\" + line if NEEDS_ESCAPE_RE.match(line) else line


def _escape_lines(text: str) -> str:
    return "\n".join(map(escape_line, text.split("\n")))


def _write_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * (block.level + 1) + " " + block.full_text
    if isinstance(block, Paragraph):
        return _escape_lines(block.text)
    if isinstance(block, ListBlock):
        return "\n".join("- " + item for item in block.items)
    if isinstance(block, TableBlock):
        return write_table(block.table)
    if isinstance(block, Signature):
        return "\n".join(map(escape_line, block.lines)) + "\n{: .signature }"
    if isinstance(block, DateLine):
        return _escape_lines(block.text) + "\n{: .date }"
    if isinstance(block, Addressee):
        return _escape_lines(block.text) + "\n{: .addressee }"
    if isinstance(block, Note):
        return _escape_lines(block.text) + f"\n{{: .note .{block.kind} }}"
    if isinstance(block, AttachmentNote):
        return _escape_lines(block.text) + "\n{: .attachment }"
    raise TypeError(f"unknown block {block!r}")


def write_body(blocks: Iterable[Block], enclosed: Iterable[Enclosed] = ()) -> str:
    """The body text for ``blocks`` and ``enclosed`` (inverse of :func:`parse_body`)."""
    parts = [_write_block(b) for b in blocks]
    for enc in enclosed:
        parts.append("# " + enc.title)
        parts += [_write_block(b) for b in enc.blocks]
    return "\n\n".join(parts) + "\n"
