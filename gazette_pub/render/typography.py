"""Chinese typography for the print edition, applied at render time only.

WeasyPrint (Pango, UAX #14) gives the basic line-start/line-end prohibitions (避头尾)
but not the rest of clreq (https://www.w3.org/TR/clreq/; typesetting-notes.md §2, §5.3).
:func:`typeset_html` rewrites the *print* HTML (never the manifest, never the web
edition) so that, measured on the seed issues (README "Chinese typography"):

1. ``·`` (间隔号), ``——`` (破折号) and ``—`` (一字线, a connector) never start a line:
   a U+2060 WORD JOINER is put before them (clreq "basic" and "strict" levels; Pango
   lets all three start a line);
2. each U+2014 is one full em (``fwid``; Noto CJK draws it at 0.89 em), so ``——`` takes
   two; ``·`` takes half an em (GB/T 15834-2011: 间隔号 占半个字位置);
3. ASCII spaces next to Chinese text are dropped (they are extraction artefacts and
   the only places WeasyPrint stretches a justified line, typesetting-notes P2);
4. runs of ASCII letters, digits and marks are half-width (``hwid``: 0.5 em each); a
   letter or digit that touches a Han character gets a quarter-em gap (clreq "mixed
   text composition"), done with margins, not with space characters; a run of ASCII
   marks only, next to Chinese text (``各县(区)``, an extraction's commas), is set
   full-width (``fwid``) like the marks it stands for.

Together with a measure that is a whole number of characters (the theme's letter-
spacing), 2–4 keep every run a multiple of half an em, so a line can only fall short
of the measure by half an em, except where a prohibition pushes a character down.

The printed text therefore differs from the manifest text only by the format
characters and spaces listed here; :func:`comparable` undoes exactly that, and any
check that compares PDF text with manifest or web text must pass both through it.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass

from lxml import html as lxml_html
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break

from ..chars import HAN_CLASS, HAN_RE
from ..themes import PrintTheme
from . import titles

logger = logging.getLogger(__name__)

WORD_JOINER = "\u2060"
#: Characters the print edition inserts: invisible, ignored by :func:`comparable`.
INSERTED_FORMAT_CHARS = frozenset({WORD_JOINER})

#: Chinese text: Han plus full-width punctuation, quotes, dashes, ellipsis, interpunct.
CJK_CLASS = HAN_CLASS + "\u3000-\u303f\uff00-\uffef\u2014\u2018-\u201d\u2026\u00b7"

CJK_RE = re.compile(f"[{CJK_CLASS}]")
#: A run of Chinese text (one letter-spacing attribute in :func:`_space_characters`).
CJK_RUN_RE = re.compile(f"[{CJK_CLASS}]+")

#: One piece of text that the print edition sets specially.
TYPESET_RE = re.compile(
    r"""
      (?P<dash>\u2014+)                 # —— 破折号, or — 一字线 connector (2020年—2021年)
    | (?P<mid>\u00b7)                   # · interpunct 间隔号
    | (?P<ascii>[!-~]+(?:\x20[!-~]+)*)  # ASCII letters, digits, marks; inner spaces kept
    | (?P<space>\x20+)                  # ASCII spaces between Chinese text
    """,
    re.X,
)

#: ASCII spaces that touch Chinese text on either side (what :func:`comparable` drops).
CJK_SPACE_RE = re.compile(
    rf"""
      (?<=[{CJK_CLASS}])\x20+           # spaces after Chinese text
    | \x20+(?=[{CJK_CLASS}])            # spaces before Chinese text
    """,
    re.X,
)

#: Marks that must never start a line (clreq "strict" level, GB/T 15834 usage).
LINE_START_PROHIBITED = frozenset("、，。；：！？）》」』】〕〗〙”’·…—％‰")


@dataclass(frozen=True)
class Piece:
    """A run of printed text and the CSS class that sets it (None: plain text)."""

    text: str
    css_class: str | None = None


def pieces(text: str) -> list[Piece]:
    """Split ``text`` into print pieces (rules 1–4 of the module docstring)."""
    out: list[Piece] = []
    plain: list[str] = []
    position = 0

    def flush():
        if plain:
            out.append(Piece("".join(plain)))
            plain.clear()

    for match in TYPESET_RE.finditer(text):
        plain.append(text[position:match.start()])
        position = match.end()
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if match["space"]:
            if not (_is_cjk(before) or _is_cjk(after)):
                plain.append(match["space"])
            continue
        flush()
        if match["dash"]:
            out.append(Piece(WORD_JOINER + match["dash"], "fw"))
        elif match["mid"]:
            out.append(Piece(WORD_JOINER + match["mid"], "mid"))
        else:
            # The neighbour across a dropped space counts too: "第 5 条" → 第|5|条.
            left = before or ""
            if left == " ":
                left = text[match.start() - 2: match.start() - 1] if match.start() > 1 else ""
            right = after
            if right == " ":
                right = text[match.end() + 1: match.end() + 2]
            run = match["ascii"]
            if not any(c.isalnum() for c in run) and (_is_cjk(left) or _is_cjk(right)):
                # ASCII marks in Chinese text (an extraction's "," "(" ":") print as the
                # full-width marks they stand for: fwid, the text itself unchanged.
                out.append(Piece(run, "fw"))
                continue
            classes = ["hw"]
            if left and HAN_RE.match(left) and run[0].isalnum():
                classes.append("sl")
            if right and HAN_RE.match(right) and run[-1].isalnum():
                classes.append("sr")
            out.append(Piece(run, " ".join(classes)))
    plain.append(text[position:])
    flush()
    return [p for p in out if p.text]


def _is_cjk(char: str) -> bool:
    return bool(char) and CJK_RE.match(char) is not None


def comparable(text: str) -> str:
    """``text`` with the print-only changes undone, for comparing PDF and manifest text.

    Removes the inserted format characters and every ASCII space that touches
    Chinese text; apply it to *both* sides of a comparison.
    """
    text = "".join(c for c in text if c not in INSERTED_FORMAT_CHARS)
    return CJK_SPACE_RE.sub("", text)


#: The parts of the print HTML that carry gazette text set by these rules (the cover
#: and colophon keep their deliberate spaces, e.g. names padded as "张 伟").
TYPESET_SELECTOR = ("//main[contains(concat(' ', @class, ' '), ' issue-body ')]"
                    " | //nav[contains(concat(' ', @class, ' '), ' toc ')]"
                    " | //article[contains(concat(' ', @class, ' '), ' document ')]")


#: Table cells this short (in characters) holding a figure or unit are kept on one line:
#: 元/平方米 or 4000 otherwise wrap a character per line when a long 备注 column takes
#: the width. Short cells of Han only (headers) may still wrap.
SHORT_CELL_CHARS = 6


#: A heading longer than this (in characters), or ending like a sentence, is a sentence
#: (第六条…。, （一）作出主体是否合法； run in or listed): it need not stay with the
#: next block. Keeping a run of such "headings" together (``break-after: avoid``) left
#: pages a third empty in rules.
LONG_HEADING_CHARS = 30


#: Han-only cells this short (序号, 单位) are kept on one line too (``table_cells_fit``):
#: WeasyPrint then gives their column room for them (its min-content width) instead of
#: ``序`` / ``号``. Longer ones may wrap, never leaving a lone character.
SHORT_HAN_CELL_CHARS = 2


def _glue_last_characters(text: str) -> str:
    """``text`` with a WORD JOINER between its last two Chinese characters, so that a
    wrapped cell never ends with a lone character (``…有限公`` / ``司``)."""
    body = text.rstrip()
    if len(body) >= 3 and _is_cjk(body[-1]) and _is_cjk(body[-2]):
        return body[:-1] + WORD_JOINER + body[-1] + text[len(body):]
    return text
SENTENCE_END = tuple("。；;：:！？!?，,")


def typeset_html(html: str, print_theme: PrintTheme | None = None) -> str:
    """The print HTML with the rules applied to every text inside the typeset parts.

    Also marks short table cells (``class="short"``, see :data:`SHORT_CELL_CHARS`) and
    headings that are sentences (``class="sentence"``, see :data:`LONG_HEADING_CHARS`),
    and sets what a typesetter would not leave to the line breaker:

    * the space between joint organs in a title prints as a one-em gap (:func:`_title`);
    * with ``print_theme`` (its measure and title size), body titles turn their lines
      at sensible, balanced places (:func:`gazette_pub.render.titles.title_lines`);
    * names in lists never break (:data:`NAME_LIST_RE`, ``class="nb"``);
    * unless the theme turns ``table_cells_fit`` off: two-character cells (序号) stay on
      one line and a wrapped cell never ends with a lone character (WORD JOINER);
    * a 目录 entry's page number hangs on its last two characters, so its dotted
      leader never takes a line of its own (:func:`_toc_tail`).
    """
    tree = lxml_html.document_fromstring(html)
    fit_cells = print_theme is None or print_theme.table_cells_fit
    for element in tree.xpath(TITLE_SELECTOR):
        _title(element, print_theme)
    for link in tree.xpath("//nav[contains(concat(' ', @class, ' '), ' toc ')]//li/a[@href]"):
        _toc_tail(link)  # after _title: the tail may follow a gap
    for heading in tree.xpath("//p[contains(concat(' ', @class, ' '), ' h ')]"):
        text = heading.text_content().strip()
        if len(text) > LONG_HEADING_CHARS or text.endswith(SENTENCE_END):
            heading.set("class", heading.get("class") + " sentence")
    for cell in tree.iter("td", "th"):
        text = cell.text_content().strip()
        if (len(text) <= SHORT_CELL_CHARS and any(c.isascii() and c.isprintable() for c in text)
                or fit_cells and len(text) <= SHORT_HAN_CELL_CHARS):
            cell.set("class", (cell.get("class", "") + " short").strip())
        elif fit_cells and not len(cell) and cell.text:
            cell.text = _glue_last_characters(cell.text)
    done: set = set()
    for root in tree.xpath(TYPESET_SELECTOR):
        if any(ancestor in done for ancestor in root.iterancestors()):
            continue
        done.add(root)
        for element in list(root.iter()):
            if not isinstance(element.tag, str) or element.tag in ("style", "script"):
                continue
            if element.tag in ("p", "li", "td"):
                _no_break_names(element)
            _typeset_text(element)
            if element is not root:
                _typeset_tail(element)
    return lxml_html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


#: Title elements: a space between two Han characters in them separates joint organs
#: (``自治区党委 人民政府``) and is kept as a gap, not dropped like an extraction's spaces.
TITLE_CLASSES = ("doc-title", "enclosed-title", "section-title", "toc-doc-title",
                 "toc-section", "gw-title", "gw-fujian-title")
TITLE_SELECTOR = " | ".join(f"//*[contains(concat(' ', @class, ' '), ' {name} ')]"
                            for name in TITLE_CLASSES)
#: Body titles whose lines are turned by :mod:`titles`: their size in body sizes, or
#: None for the theme's title size.
BALANCED_TITLES = {"doc-title": None, "enclosed-title": None, "section-title": 1.4,
                   "gw-title": None, "gw-fujian-title": None}

#: The space between joint organs in a title (between two Han characters).
ORGAN_GAP_RE = re.compile(
    rf"""
    (?<=[{HAN_CLASS}])      # after a Han character
    \x20+                   # one or more ASCII spaces
    (?=[{HAN_CLASS}])       # before a Han character
    """,
    re.X,
)


def _title(element, print_theme: PrintTheme | None) -> None:
    """Gaps between joint organs, and line turns in body titles (see :func:`typeset_html`)."""
    if len(element) or not element.text:
        return  # titles are plain text; anything else is left alone
    text = element.text
    lines = [text]
    kind = next(c for c in TITLE_CLASSES if c in element.get("class", "").split())
    if print_theme is not None and kind in BALANCED_TITLES:
        scale = BALANCED_TITLES[kind] or print_theme.title_scale
        lines = titles.title_lines(text, print_theme.measure_pt
                                   / (scale * print_theme.font_size_pt))
    element.text = None
    last = None

    def add_text(part: str) -> None:
        if last is None:
            element.text = (element.text or "") + part
        else:
            last.tail = (last.tail or "") + part

    for number, line in enumerate(lines):
        if number:
            last = lxml_html.Element("br")
            element.append(last)
        position = 0
        for match in ORGAN_GAP_RE.finditer(line):
            add_text(line[position:match.start()])
            last = lxml_html.Element("span")
            last.set("class", "gap")
            last.text = match.group()
            element.append(last)
            position = match.end()
        add_text(line[position:])


#: Characters of a 目录 entry's end that carry its leader and page number.
TOC_TAIL_CHARS = 2


def _toc_tail(link) -> None:
    """Wrap the last characters of a 目录 entry in ``span.toc-tail`` (nowrap in print.css),
    which carries the leader and the page number (``data-href`` for target-counter)."""
    parts = link.xpath("./span[contains(@class, 'toc-doc-')]")
    holder = parts[-1] if parts else link
    last = holder[-1] if len(holder) else None
    text = ((holder.text if last is None else last.tail) or "").rstrip()
    cut = max(0, len(text) - TOC_TAIL_CHARS)
    tail = lxml_html.Element("span")
    tail.set("class", "toc-tail")
    tail.set("data-href", link.get("href"))
    tail.text = text[cut:]
    if last is None:
        holder.text = text[:cut]
    else:
        last.tail = text[:cut]
    holder.append(tail)


#: A list of names (people, or short names of organs): three or more runs of two to
#: four Han characters separated by 、 or full-width spaces. Each item is set without
#: a line break inside (``span.nb``): a name is never split over two lines.
NAME_LIST_RE = re.compile(
    rf"""
    (?<![{HAN_CLASS}])                          # the list starts at a boundary
    [{HAN_CLASS}]{{2,4}}                         # the first name
    (?:[、\u3000][{HAN_CLASS}]{{2,4}}){{2,}}      # two or more names after it
    (?![{HAN_CLASS}])                           # and ends at a boundary
    """,
    re.X,
)
NAME_RE = re.compile(f"[{HAN_CLASS}]{{2,4}}")


def _no_break_names(element) -> None:
    """Wrap every name of a name list in ``element.text`` in ``span.nb``."""
    text = element.text or ""
    if not NAME_LIST_RE.search(text):
        return
    element.text = None
    spans = []
    position = 0
    pieces_: list = []  # str or element, in order
    for listing in NAME_LIST_RE.finditer(text):
        pieces_.append(text[position:listing.start()])
        inner = 0
        chunk = listing.group()
        for name in NAME_RE.finditer(chunk):
            pieces_.append(chunk[inner:name.start()])
            span = lxml_html.Element("span")
            span.set("class", "nb")
            span.text = name.group()
            pieces_.append(span)
            spans.append(span)
            inner = name.end()
        pieces_.append(chunk[inner:])
        position = listing.end()
    pieces_.append(text[position:])
    last = None
    for index, piece in enumerate(pieces_):
        if isinstance(piece, str):
            if last is None:
                element.text = (element.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
        else:
            element.insert(len(spans[:spans.index(piece)]), piece)
            last = piece


def _span(piece: Piece):
    span = lxml_html.Element("span")
    span.set("class", piece.css_class)
    span.text = piece.text
    return span


def _typeset_text(element) -> None:
    if not element.text:
        return
    parts = pieces(element.text)
    element.text = None
    anchor = None  # the last inserted span; following plain text becomes its tail
    for piece in parts:
        if piece.css_class is None:
            if anchor is None:
                element.text = piece.text
            else:
                anchor.tail = (anchor.tail or "") + piece.text
        else:
            span = _span(piece)
            element.insert(0 if anchor is None else element.index(anchor) + 1, span)
            anchor = span


def _typeset_tail(element) -> None:
    if not element.tail:
        return
    parts = pieces(element.tail)
    parent = element.getparent()
    element.tail = None
    anchor = element
    for piece in parts:
        if piece.css_class is None:
            anchor.tail = (anchor.tail or "") + piece.text
        else:
            span = _span(piece)
            parent.insert(parent.index(anchor) + 1, span)
            anchor = span


# --------------------------------------------------------------------------- justification

@contextlib.contextmanager
def inter_character_justification(enabled: bool = True):
    """While active (and ``enabled``), WeasyPrint justifies Chinese lines between characters.

    clreq §"Line adjustment" (https://www.w3.org/TR/clreq/#line_adjustment): body text
    is justified by expanding the space after every character equally. WeasyPrint 70
    stretches only U+0020 and U+00A0 (``layout/inline.py``: ``justify_line`` →
    ``count_expandable_spaces``; "TODO … better algorithm"). Inside this block:

    1. every CJK character of a text box counts as an expansion opportunity, so a
       justified line's slack is shared by its characters and spaces;
    2. when a text box is drawn justified, each CJK character gets that share as
       extra Pango letter-spacing (on top of the style's letter-spacing).

    Only lines WeasyPrint justifies anyway (``text-align: justify``, not a paragraph's
    last line) change, and only after line breaking: pagination is identical. The
    text in the PDF is unchanged (spacing, not characters). Internal WeasyPrint API,
    pinned to the version in requirements.lock; the visual-regression and ragged-right
    tests catch a change.
    """
    if not enabled:
        yield
        return
    count, set_text = inline.count_expandable_spaces, line_break.Layout.set_text

    def count_opportunities(box):
        if isinstance(box, boxes.TextBox):
            return count(box) + len(CJK_RE.findall(box.text))
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            return sum(count_opportunities(child) for child in box.children)
        return 0

    def set_justified_text(layout, text, justify=False):
        set_text(layout, text, justify)
        if justify and layout.justification_spacing and layout.text:
            _space_characters(layout)

    inline.count_expandable_spaces = count_opportunities
    line_break.Layout.set_text = set_justified_text
    try:
        yield
    finally:
        inline.count_expandable_spaces, line_break.Layout.set_text = count, set_text


def _space_characters(layout) -> None:
    """Add the layout's justification spacing after each CJK character (Pango attrs).

    One attribute per run of CJK characters (:data:`CJK_RUN_RE`), not per character:
    Pango merges equal adjacent letter-spacing attributes anyway
    (``pango_attr_list_change``), so the layout is the same, for a tenth of the calls.
    """
    pango, ffi = line_break.pango, line_break.ffi
    attrs = pango.pango_layout_get_attributes(layout.layout)
    if attrs == ffi.NULL:
        attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    base = layout.style["letter_spacing"]
    spacing = int(((0 if base == "normal" else base) + layout.justification_spacing)
                  * line_break.TO_UNITS)
    text, position, done = layout.text, 0, 0
    for run in CJK_RUN_RE.finditer(text):
        position += len(text[done:run.start()].encode())
        size = len(run.group().encode())
        attr = pango.pango_attr_letter_spacing_new(spacing)
        attr.start_index, attr.end_index = position, position + size
        pango.pango_attr_list_change(attrs, attr)
        position, done = position + size, run.end()
    pango.pango_layout_set_attributes(layout.layout, attrs)
