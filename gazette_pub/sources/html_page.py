"""A saved web page (.html, "网页，仅 HTML") → the text a reader sees on it.

Offices keep documents from government websites as the browser saves them. Read as
plain text, the markup would become the document (a title ``<p>…</p>``). This reader
turns the page into the text the web-page reader knows — what selecting the page and
copying it gives: one line per block element (paragraphs, headings, list items,
``div``s, ``<br>``), a blank line between blocks, a table row as one line with its
cells separated by tabs — and the import goes on from there as for a copied page
(site chrome recognized and discarded with its reason by ``web_page.py``).

Contract: :func:`page_text` keeps every character of the page's visible text (entities
decoded; ``&nbsp;`` and full-width spaces kept, they indent), collapses runs of
ASCII whitespace inside a block to one space as a browser does (``<pre>`` keeps them),
and leaves out what a browser does not show: the ``<head>`` (title, scripts, styles,
metadata), ``<script>``, ``<style>``, ``<noscript>``, ``<template>``, comments and
elements marked ``hidden``. The import report's line numbers and ``gazette check
--audit`` count this text, as they count the text a .docx or .pdf reader extracts.
"""

from __future__ import annotations

import email
import email.policy
import re
import unicodedata

import lxml.etree
import lxml.html

from ..errors import SourceError

#: The start of a file that is an HTML page (after a BOM and blanks): a doctype, an
#: ``<html>`` or ``<head>`` tag, or a comment followed by one of them (saved pages often
#: open with ``<!-- saved from url=… -->``).
HTML_START_RE = re.compile(
    r"""
    \A \s*
    (?: <!-- .*? --> \s* )*          # comments before the document (saved from url=…)
    (?: <!doctype \s+ html           # <!DOCTYPE html …>
      | <html [\s>]                  # <html …>
      | <head [\s>] )                # <head> without <html>
    """,
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)

#: How much of a text file is looked at to tell an HTML page.
HTML_SNIFF_CHARS = 4096

#: Elements whose content a browser does not show.
INVISIBLE_TAGS = frozenset({"head", "script", "style", "noscript", "template", "title",
                            "meta", "link", "object", "embed", "iframe", "svg", "canvas",
                            "select", "option", "datalist", "button"})

#: Elements that start and end a line (CSS display: block, list-item, table parts).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
    "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "section", "summary",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "ul", "xmp"})

#: Table cells: their texts are joined by a tab on their row's line.
CELL_TAGS = frozenset({"td", "th"})

#: Spans beyond these are clipped, as the manifest's tables are (2,000 rows, 64 columns).
MAX_SPAN_COLUMNS, MAX_SPAN_ROWS = 64, 2000

#: An inline style that hides the element (a share widget's or a template's text).
HIDDEN_STYLE_RE = re.compile(
    r"""
    (?: ^ | ; ) \s* display \s* : \s* none    # display: none
    """,
    re.IGNORECASE | re.VERBOSE,
)

#: Stands for a collapsed whitespace run that held a line break, until the line is
#: complete and both its neighbours are known: the first private-use character the
#: page does not hold (:func:`_marker`).
PRIVATE_USE = range(0xE000, 0xF900)

#: Runs of ASCII whitespace a browser shows as one space (not U+00A0 or U+3000).
ASCII_SPACE_RE = re.compile(
    r"""
    [ \t\r\n\f]+    # HTML's whitespace characters only
    """,
    re.VERBOSE,
)


#: The start of a web archive (.mht/.mhtml, "网页，单个文件"): MIME headers of a
#: multipart/related message (Chrome writes ``From: <Saved by Blink>``, IE/360 browser
#: ``MIME-Version: 1.0`` first).
MHTML_START_RE = re.compile(
    rb"""
    \A (?: [A-Za-z-]+ : [^\r\n]* \r?\n | [ \t] [^\r\n]* \r?\n )*?   # header lines
    Content-Type : \s* multipart/related                              # the archive's type
    """,
    re.IGNORECASE | re.VERBOSE,
)


def is_mhtml(data: bytes) -> bool:
    """True when ``data`` is a web archive (.mht) saved by a browser."""
    return MHTML_START_RE.match(data[:HTML_SNIFF_CHARS]) is not None


def mhtml_page(data: bytes, path: str) -> bytes:
    """The bytes of the page a web archive holds: its first ``text/html`` part, with
    its transfer encoding (quoted-printable, base64) undone; images and styles it also
    holds are not text."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload
    raise SourceError("a web archive (.mht) without an HTML page in it: open it in the "
                      "browser and save the page as 网页，仅HTML (.html)", path=path)


def is_html(text: str) -> bool:
    """True when ``text`` (a decoded text file) is an HTML page."""
    return HTML_START_RE.match(text[:HTML_SNIFF_CHARS].lstrip("\ufeff")) is not None


def _wide(char: str) -> bool:
    """East Asian Wide or Fullwidth (CJK ideographs, kana, full-width marks)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _marker(markup: str) -> str:
    """A private-use character that ``markup`` does not contain."""
    return next(chr(c) for c in PRIVATE_USE if chr(c) not in markup)


def _resolve_breaks(line: str, mark: str) -> str:
    """A collapsed run that held a line break (``mark``) is removed between
    two wide characters and is a space elsewhere: CSS Text 3 §4.1.3, so a paragraph
    wrapped in the page's source (``…占用的，⏎  应当…``) reads as the browser shows it."""
    out = []
    for i, char in enumerate(line):
        if char != mark:
            out.append(char)
        elif not (out and i + 1 < len(line) and _wide(out[-1]) and _wide(line[i + 1])):
            out.append(" ")
    return "".join(out)


class _Lines:
    """Collects the page's text into lines; blocks are separated by a blank line."""

    def __init__(self, mark: str) -> None:
        self.mark = mark
        self.lines: list[str] = []
        self.current: list[str] = []

    def text(self, text: str, *, pre: bool) -> None:
        if not text:
            return
        if pre:  # preformatted: its line breaks are lines
            first, *rest = text.split("\n")
            self.current.append(first)
            for part in rest:
                self.end_line()
                self.current.append(part)
            return
        self.current.append(ASCII_SPACE_RE.sub(
            lambda m: self.mark if "\n" in m.group() or "\r" in m.group() else " ", text))

    def cell(self) -> None:
        self.current.append("\t")

    def end_line(self) -> None:
        line = "".join(self.current)
        self.current = []
        # Spaces a block's markup added around its text are not the page's text; the
        # leading U+00A0/U+3000 indents are (the readers remove and report them).
        mark = self.mark
        line = re.sub(f"[ {mark}]{{2,}}", lambda m: mark if mark in m.group() else " ", line)
        line = _resolve_breaks(line.strip(f" {mark}\t"), mark)
        line = line.replace(" \t", "\t").replace("\t ", "\t")
        if line:
            self.lines.append(line)

    def break_line(self) -> None:
        """A ``<br>``: the line ends, the block goes on."""
        self.end_line()


def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _hidden(element) -> bool:
    """Not shown by a browser: a comment, an invisible element, ``hidden``, ``display: none``."""
    tag = _tag(element)
    return (not tag or tag in INVISIBLE_TAGS or element.get("hidden") is not None
            or HIDDEN_STYLE_RE.search(element.get("style") or "") is not None)


def _span(element, name: str, limit: int) -> int:
    """A cell's ``colspan``/``rowspan`` as a browser reads it (1 when absent or bad)."""
    match = re.match(r"\s*([0-9]+)", element.get(name) or "")
    return min(max(int(match[1]), 1), limit) if match else 1


def _cell_text(cell, mark: str) -> str:
    """A cell's visible text on one line: its own lines (paragraphs, ``<br>``) joined as
    a wrapped line reads (no space between two Chinese characters)."""
    inner = _Lines(mark)
    inner.text(cell.text or "", pre=False)
    for child in cell:
        _walk(child, inner)
    inner.end_line()
    return _resolve_breaks(mark.join(line.replace("\t", " ") for line in inner.lines), mark)


def _table(table, out: _Lines) -> None:
    """A table, a row per line with tab-separated cells placed on the table's grid: a
    cell spanning columns is followed, and one spanning rows is continued below, by
    empty cells, so that no value moves into another column."""
    out.end_line()
    for caption in table.findall("caption"):
        if not _hidden(caption):
            out.lines.append(_cell_text(caption, out.mark))
    covered: dict[int, int] = {}  # column → rows a rowspan from above still covers
    for row in table.iter("tr"):
        if next(row.iterancestors("table"), None) is not table or _hidden(row):
            continue  # a nested table's row is part of its cell's text
        cells: list[str] = []

        def fill_covered() -> None:
            while covered.get(len(cells), 0) > 0:
                covered[len(cells)] -= 1
                cells.append("")

        for cell in row:
            if _tag(cell) not in CELL_TAGS or _hidden(cell):
                continue
            fill_covered()
            start, width = len(cells), _span(cell, "colspan", MAX_SPAN_COLUMNS)
            cells += [_cell_text(cell, out.mark)] + [""] * (width - 1)
            rows = _span(cell, "rowspan", MAX_SPAN_ROWS)
            for column in range(start, start + width):
                covered[column] = rows - 1
        while any(n > 0 for c, n in covered.items() if c >= len(cells)):
            cells.append("") if covered.get(len(cells), 0) == 0 else fill_covered()
        if any(cells):
            out.lines.append("\t".join(cells))


def _walk(element, out: _Lines, *, pre: bool = False) -> None:
    tag = _tag(element)
    if _hidden(element):
        if element.tail:  # a comment's or a script's tail is visible text
            out.text(element.tail, pre=pre)
        return
    if tag == "table":
        _table(element, out)
        if element.tail:
            out.text(element.tail, pre=pre)
        return
    block = tag in BLOCK_TAGS
    if block:
        out.end_line()
    elif tag in CELL_TAGS and out.current:
        out.cell()
    if tag == "br":
        out.break_line()
    out.text(element.text or "", pre=pre or tag in ("pre", "listing", "xmp", "plaintext"))
    for child in element:
        _walk(child, out, pre=pre or tag in ("pre", "listing", "xmp", "plaintext"))
    if block:
        out.end_line()
    if element.tail:
        out.text(element.tail, pre=pre)


def page_text(markup: str, path: str) -> str:
    """The visible text of the HTML page ``markup`` (file ``path``), one block per
    line with blank lines between, as the web-page reader reads a copied page."""
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise SourceError(f"an HTML page that cannot be parsed ({exc})", path=path) from None
    # libxml2 stops reading what lies deeper than its nesting limit (256): that text
    # would be lost without a word, so the page is refused instead.
    limits = [e for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    if limits:
        raise SourceError(f"an HTML page the parser cannot read whole ({limits[0].message.split(',')[0]}"
                          f", line {limits[0].line}): its text past that point would be lost",
                          path=path)
    out = _Lines(_marker(markup))
    body = root.find("body")
    _walk(body if body is not None else root, out)
    out.end_line()
    return "\n\n".join(out.lines) + "\n"
