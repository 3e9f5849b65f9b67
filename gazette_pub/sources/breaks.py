"""Page and column breaks: a line that stops mid-sentence is joined with the
next line when that one continues it (never a heading onto text, never two
finished paragraphs). In a hard-wrapped text a line that fills the printed line
goes on; where the text keeps the paragraphs' first-line indent, only an
indented line starts a paragraph. The layout is measured per document, or over
the whole source when a document is too short (:class:`TextLayout`). Every join
is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from .report import ReportBuilder
from .headings import LABEL_RES, TITLE_LABELS, label_type
from .line_kinds import CLOSING_KINDS, FIELD_LINE_RE, is_title_like
from .lines import BRACKET_PAIRS, INNER_STOP_RE, OPEN_ENDS, ORGAN_MAX, RUNNING_PUNCT_RE, TERMINAL, WHITESPACE_RE, Item, SourceLine


#: A heading is continued by a short tail only (``理机制。``), never by a paragraph.
HEADING_TAIL_MAX = 12


#: A line without punctuation this long is running text cut by a break.
RUNNING_TEXT_MIN = 40


def unbalanced(text: str) -> bool:
    """Does ``text`` leave a bracket or quote open (so the sentence goes on)?"""
    return any(text.count(o) > text.count(c) for o, c in BRACKET_PAIRS)


#: Characters a paragraph's first-line indent takes (首行缩进两字).
INDENT_WIDTH = 2


#: Indented lines that show a text keeps its paragraphs' indents.
INDENTS_MIN = 3


def printed_length(line: SourceLine) -> int:
    """The characters ``line`` takes on its printed line, its indent counted."""
    return len(line.text) + (INDENT_WIDTH if line.indented else 0)


def fills_line(a: Item, width: int) -> bool:
    """Does the last line of ``a`` fill the printed line ``width``?"""
    return printed_length(a.lines[-1]) >= width - 1


#: Items whose text wraps over printed lines (a 附件： note, a 注： remark, a list item too).
WRAPPING_KINDS = frozenset({"para", "heading", "attach", "remark", "list"})


def goes_on(a: Item, b: Item, width: int | None, indents: bool) -> bool:
    """In a hard-wrapped text (``width``), does ``b`` go on with ``a`` by the layout alone?

    With indented paragraphs (``indents``) a line without the indent is no new
    paragraph: next to a full line it goes on, even after a sentence end or when
    it looks like a heading (``一、`` cut off the end of ``统一``). Without them, a
    full line goes on when it ends mid-sentence (into a heading-like line only from
    a paragraph or heading: an attachment list's next item is a line of its own);
    a line of names set apart by spaces (no punctuation) is no full line.
    """
    if a.kind not in WRAPPING_KINDS or not a.text or not width:
        return False
    if indents:
        return b.kind in WRAPPING_KINDS and (fills_line(a, width) or fills_line(b, width))
    last = a.lines[-1].text
    names = WHITESPACE_RE.search(last) and not RUNNING_PUNCT_RE.search(last)
    goes_into = ("para", "heading") if a.kind in ("para", "heading") else ("para",)
    return (fills_line(a, width) and b.kind in goes_into and a.text[-1] not in TERMINAL
            and not names)


def should_join(a: Item, b: Item, after_closing: bool = False, width: int | None = None,
                indents: bool = False) -> bool:
    """Does ``b`` continue the sentence that a page or column break cut in ``a``?

    ``after_closing`` says ``a`` follows a 落款 date or public note (a title spot);
    ``width`` is the printed line width of a hard-wrapped text (see :func:`line_width`):
    a line that fills it goes on in ``b``; ``indents`` says the text keeps the
    paragraphs' first-line indent, so an indented ``b`` starts a paragraph (see
    :func:`goes_on`).
    """
    if indents and b.lines and b.lines[0].indented:
        return False
    if goes_on(a, b, width, indents):
        return True
    if a.kind not in ("para", "heading") or b.kind != "para" or not a.text:
        return False
    if a.text[-1] in TERMINAL or (after_closing and is_title_like(a.text)):
        return False
    if unbalanced(a.text) or a.text[-1] in OPEN_ENDS:
        return True
    short_tail = len(b.text) <= HEADING_TAIL_MAX and b.text[-1] in "。；;"
    kind = label_type(a.text) if a.kind == "heading" else None
    if kind == "article":
        return True  # 第X条 opens a sentence, never a title: without its end it is cut
    if kind in TITLE_LABELS:
        # 一、总体要求 is complete; （三）…制度。修订… or （一）…,建立…管 is cut, and so is
        # a heading as long as running text with commas in it (no heading runs on so)
        text = a.text[LABEL_RES[kind].match(a.text).end():]
        sentence = bool(RUNNING_PUNCT_RE.search(text)) and (short_tail
                                                             or len(text) >= RUNNING_TEXT_MIN)
        return bool(INNER_STOP_RE.search(text)) or sentence
    if short_tail:
        return True
    field = FIELD_LINE_RE.match(b.text)
    if field and b.text[field.end():].strip():
        return False  # a new 责任单位：… line (not the cut end of an enumeration: …各直属 / 机构：)
    if len(b.text) <= ORGAN_MAX and is_title_like(b.text):
        return False  # a name or list line, not the tail of a sentence
    return bool(RUNNING_PUNCT_RE.search(a.text)) or len(a.text) >= RUNNING_TEXT_MIN


#: A text is hard-wrapped (one printed line per source line) when at least this
#: share of its paragraph lines are about as long as the longest usual one …
HARD_WRAP_SHARE = 0.5


#: … and it has at least this many paragraph lines.
HARD_WRAP_MIN_LINES = 8


def line_width(items: list[Item]) -> int | None:
    """The printed line width of a hard-wrapped text (the usual length of its full
    paragraph lines), or None when paragraphs are one line each (the common case)."""
    lengths = sorted(printed_length(i.lines[0]) for i in items if i.kind == "para")
    if len(lengths) < HARD_WRAP_MIN_LINES:
        return None
    width = lengths[int(len(lengths) * 0.75)]
    full = sum(1 for n in lengths if width - 1 <= n <= width + 1)
    return width if full >= HARD_WRAP_SHARE * len(lengths) else None


def keeps_indents(items: list[Item]) -> bool:
    """Does the text mark its paragraphs' first lines with an indent?"""
    return sum(1 for i in items if i.lines and i.lines[0].indented) >= INDENTS_MIN


@dataclass(frozen=True)
class TextLayout:
    """How an extraction laid out the text: the same for every document of a source."""

    #: The printed line width of a hard-wrapped text (see :func:`line_width`), else None.
    width: int | None = None
    #: Whether paragraphs' first lines keep their indent (see :func:`keeps_indents`).
    indents: bool = False


def text_layout(items: list[Item], fallback: TextLayout = TextLayout()) -> TextLayout:
    """The layout ``items`` show; what they do not show (too few lines to measure: a
    table with a remark under it) comes from ``fallback``, the whole source's."""
    return TextLayout(line_width(items) or fallback.width,
                      keeps_indents(items) or fallback.indents)


def join_breaks(items: list[Item], report: ReportBuilder, layout: TextLayout) -> list[Item]:
    """Join items cut by page/column breaks (see :func:`should_join`); report each join."""
    out: list[Item] = []
    for item in items:
        after_closing = len(out) > 1 and out[-2].kind in CLOSING_KINDS
        if out and should_join(out[-1], item, after_closing, layout.width, layout.indents):
            prev = out[-1]
            report.join(prev.last, f"joined line {prev.last} with line {item.first} "
                                   f"(break after {prev.text[-6:]!r})")
            prev.lines += item.lines
            prev.text += item.text
        else:
            out.append(item)
    return out
