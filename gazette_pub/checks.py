"""Build-time checks on the rendered output: nothing lost, nothing live.

A gazette is the authoritative text (标准文本): a build whose PDF or HTML lacks
a character of the manifest, or whose HTML could run code, must not be
published. :func:`check_output` runs after rendering and before anything is
written (``pipeline.assemble_issue``), and raises one :class:`OutputError`
listing every problem.

What "the same text" means here: the manifest text and the rendered text are
compared after removing whitespace and invisible format characters on both
sides (:func:`comparable`). The print edition inserts U+2060 WORD JOINERs and
drops ASCII spaces next to Chinese text (``render/typography.py``); layout
turns line ends into breaks; neither is a loss. Every other character — a
full-width letter, a 〔 bracket, a CJK Ext-B name — must appear exactly.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import PurePosixPath
from typing import Iterator

from lxml import html as lxml_html

from . import urls
from .errors import OutputError, Problem
from .model import (AttachmentNote, Document, Heading, Issue, ListBlock, Signature,
                    TableBlock)
from .sanitize import live_markup

logger = logging.getLogger(__name__)

#: What a comparison ignores: whitespace of any kind, and invisible format characters
#: (category Cf: word joiners, zero-width spaces, soft hyphens) that renderers insert.
IGNORED_RE = re.compile(
    r"""
    \s                                    # spaces, line ends, U+3000 ideographic space
  | [\u00ad\u200b-\u200f\u2060-\u2064]    # soft hyphen, zero-width chars, word joiner
  | [\ufeff]                              # zero-width no-break space
    """,
    re.X,
)


def comparable(text: str) -> str:
    """``text`` without what a comparison ignores (:data:`IGNORED_RE`)."""
    return IGNORED_RE.sub("", text)


def document_texts(doc: Document) -> Iterator[tuple[str, str]]:
    """(where, text) of every text of ``doc`` that both editions print, in reading order."""
    yield "title", doc.title
    if doc.doc_number:
        yield "doc_number", doc.doc_number
    yield from _blocks_texts("", doc.blocks)
    for number, enclosed in enumerate(doc.enclosed, 1):
        yield f"enclosed {number} title", enclosed.title
        yield from _blocks_texts(f"enclosed {number} ", enclosed.blocks)


def _blocks_texts(prefix: str, blocks) -> Iterator[tuple[str, str]]:
    for number, block in enumerate(blocks, 1):
        where = f"{prefix}block {number} ({block.type})"
        yield from ((where, text) for text in block_texts(block))


def block_texts(block) -> Iterator[str]:
    """The printed texts of one block, in reading order (a table row by row)."""
    if isinstance(block, Heading):
        yield block.full_text
    elif isinstance(block, TableBlock):
        table = block.table
        yield table.caption
        yield from (cell.text for row in table.header_rows + table.rows for cell in row)
        yield from table.footnotes
    elif isinstance(block, Signature):
        yield from block.lines
    elif isinstance(block, ListBlock):
        yield from block.items
    elif isinstance(block, AttachmentNote):
        yield block.text
    else:
        yield block.text


def lost_text(doc: Document, rendered: str) -> Problem | None:
    """The first text of ``doc`` missing from ``rendered`` (or None when all is there).

    ``rendered`` must hold the document's texts in reading order; anything may come
    between them (running heads, page numbers, labels, the neighbouring documents on
    shared pages). Checked as a subsequence of comparable characters, so a dropped,
    changed or reordered character is found, whatever was inserted around it.
    """
    haystack = comparable(rendered)
    position = 0
    for where, text in document_texts(doc):
        wanted = comparable(text)
        for offset, char in enumerate(wanted):
            found = haystack.find(char, position)
            if found < 0:
                context = wanted[max(0, offset - 12):offset]
                return Problem(doc.path or doc.id, f"{where}: {char!r} (U+{ord(char):04X}) "
                               f"after {context!r} is missing", field=where)
            position = found + 1
    return None


def pdf_text(pdf: bytes, *, content_order: bool = False) -> str:
    """The text of every page of ``pdf``, as a reader's copy and paste gives it.

    By default extracted with PDFium (pypdfium2), several times faster than pypdf but
    ordered by position: the lines of a table cell that spans rows can interleave
    with its neighbours'. ``content_order=True`` uses pypdf, which keeps the order in
    which the text was drawn, i.e. the reading order of the HTML.
    """
    if content_order:
        from pypdf import PdfReader
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    import pypdfium2
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _pdf_loss(doc: Document, pdf: bytes) -> Problem | None:
    """:func:`lost_text` in a document PDF; a suspected loss is confirmed in content order."""
    if lost_text(doc, pdf_text(pdf)) is None:
        return None
    return lost_text(doc, pdf_text(pdf, content_order=True))


def html_text(page: str) -> str:
    """The visible text of an HTML page (``<head>``, scripts and styles left out)."""
    tree = lxml_html.document_fromstring(page)
    body = tree.find("body")
    if body is None:
        return ""
    for element in body.xpath(".//script | .//style | .//template"):
        element.drop_tree()
    return body.text_content()


def text_conservation(issue: Issue, files: dict[PurePosixPath, bytes]) -> list[Problem]:
    """Problems for each document whose text is not all in its PDF or its HTML page.

    Reads the per-document PDF (``urls.document_pdf``) and page
    (``urls.document_page``) from the built ``files``; an edition not built is
    not checked.
    """
    problems = []
    for doc in issue.documents:
        editions = ((urls.document_pdf(issue, doc), "PDF", _pdf_loss),
                    (urls.document_page(issue, doc), "HTML",
                     lambda doc, page: lost_text(doc, html_text(page.decode("utf-8")))))
        for path, edition, loss in editions:
            if path not in files:
                continue
            problem = loss(doc, files[path])
            if problem is not None:
                problems.append(Problem(problem.path, f"the {edition} edition ({path}) lost "
                                        f"text: {problem.message}", field=problem.field))
    return problems


def inert_pages(files: dict[PurePosixPath, bytes]) -> list[Problem]:
    """Problems for each HTML file holding markup that could run code (sanitize.live_markup)."""
    return [Problem(str(path), f"live markup in the HTML edition: {item}")
            for path, data in sorted(files.items()) if path.suffix == ".html"
            for item in live_markup(data.decode("utf-8"))]


def check_output(issue: Issue, files: dict[PurePosixPath, bytes]) -> None:
    """Raise :class:`OutputError` if any text was lost or any page holds live markup."""
    logger.info("Step 6 - Checking the text and markup of %s", issue.label)
    problems = text_conservation(issue, files) + inert_pages(files)
    if problems:
        raise OutputError(problems)
