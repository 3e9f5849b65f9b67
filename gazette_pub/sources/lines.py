"""The intermediate form every reader produces: numbered source lines.

A reader (plain text, OCR Markdown, web page, .docx, PDF) turns its input into
:class:`SourceLine` s — the text of one non-blank line, its 1-based source line
number and, where the format knows it, layout evidence (alignment, bold, size,
style, page). The recognizers classify them into :class:`Item` s. This module
also holds the punctuation classes the recognizers share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Table


@dataclass(frozen=True)
class SourceLine:
    """One non-blank input line: its 1-based number and its text (outer spaces stripped).

    A reader that parses tables itself (HTML or pipe tables in OCR Markdown)
    hands each one over as a line holding ``table`` (its ``text`` is then "").
    """

    no: int
    text: str
    table: Table | None = None
    #: The line starts with an indent (two spaces or an ideographic space): a
    #: paragraph's first line, in a text that keeps the print's 首行缩进.
    indented: bool = False
    # What only a file format knows (a .docx paragraph, a PDF text line); None where the
    # input does not say (plain text). Recognizers use them as extra evidence for a role.
    #: Alignment of the line: "left", "center", "right" or "justify".
    align: str | None = None
    #: Every character of the line is set in bold.
    bold: bool | None = None
    #: Font size in points (the largest on the line).
    size: float | None = None
    #: The paragraph style's name (e.g. "Title", "Heading 1"), as the file names it.
    style: str | None = None
    #: The 1-based page the line is printed on (PDF) or falls on (docx page breaks).
    page: int | None = None

    @property
    def full_text(self) -> str:
        """The line's text, or a parsed table's caption and cells (tab-separated rows)."""
        if self.table is None:
            return self.text
        rows = self.table.header_rows + self.table.rows
        return "\n".join([self.table.caption] + ["\t".join(c.text for c in r) for r in rows]
                         + list(self.table.footnotes))


#: Spaces stripped from both ends of a line (tabs are kept: they delimit table fields).
EDGE_SPACES = " \u3000\xa0\u2002\u2003"


def source_lines(text: str, first: int = 1) -> list[SourceLine]:
    """The non-blank lines of ``text``, numbered from ``first``."""
    out = []
    for no, raw in enumerate(text.split("\n"), start=first):
        line = raw.strip(EDGE_SPACES)
        if line.strip():
            indent = raw[:len(raw) - len(raw.lstrip(EDGE_SPACES))]
            out.append(SourceLine(no, line if "\t" in line else line.strip(),
                                  indented=indent.count(" ") >= 2 or "\u3000" in indent))
    return out


def ascii_digits(text: str) -> str:
    """``text`` with full-width (and other Unicode) decimal digits as ASCII digits."""
    return "".join(str(int(c)) if c.isdecimal() and not c.isascii() else c for c in text)


#: Characters that end a sentence (or a bracketed note closing one).
TERMINAL = "。；;！？!?：:）)〕]】"


#: Characters no paragraph or heading ends with: a line ending so goes on.
OPEN_ENDS = "，,、"


#: Sentence punctuation anywhere in a line (marks running text, not a title).
PUNCT_RE = re.compile(
    r"""
    [，,。；;：:！？!?]    # comma, full stop, semicolon, colon, exclamation, question
    """,
    re.X,
)


#: Running-text punctuation (a line holding one is a sentence, not a title or name).
RUNNING_PUNCT_RE = re.compile(
    r"""
    [，,。；;：:！？!?]    # sentence punctuation
  | 、                    # or an enumeration comma
    """,
    re.X,
)


#: Bracket and quote pairs a sentence cut by a break may leave open.
BRACKET_PAIRS = (("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"), ("〔", "〕"), ("〈", "〉"))


#: An inner sentence end (a heading with text after its first sentence).
INNER_STOP_RE = re.compile(
    r"""
    [。；;！？!?]    # full stop, semicolon, exclamation, question
    """,
    re.X,
)


#: Longest line still taken for a title or an organ in a 落款.
TITLE_MAX = 80


ORGAN_MAX = 30


@dataclass
class Item:
    """A classified run of source lines; ``kind`` says what it is."""

    kind: str
    lines: list[SourceLine]
    text: str = ""
    rows: list[SourceLine] = field(default_factory=list)
    #: A table the reader parsed already (``kind == "table"``, no ``rows``).
    table: Table | None = None

    @property
    def first(self) -> int:
        return (self.lines or self.rows)[0].no

    @property
    def last(self) -> int:
        return (self.lines or self.rows)[-1].no


#: Any run of whitespace.
WHITESPACE_RE = re.compile(
    r"""
    \s+
    """,
    re.X,
)


def squash(text: str) -> str:
    """``text`` without any whitespace (for comparing titles)."""
    return WHITESPACE_RE.sub("", text)
