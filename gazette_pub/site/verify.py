"""Build-time checks of the website edition of an issue: same text, same pages.

:func:`verify_issue` fails the build (every problem collected, raised together in one
``RenderError``) unless:

1. the CJK text of each document page's ``<article>`` (print-page marks left out) equals
   the CJK text of the document in the manifest, character for character;
2. that text occurs in the document's PDF (cut from the issue) inside the page area
   (running heads and page numbers in the margins left out), in the same order; the only
   extra text allowed inside it is a table's header rows repeated on a new page;
3. the document PDF has ``last - first + 1`` pages (the manifest's ``pages``);
4. the document page has the print-page anchors ``page-<first>`` … ``page-<last>``;
5. the issue page's 目录 gives ``first`` as the document's page.

Only Han characters are compared (``HAN_RE``): punctuation and digits may legitimately be
drawn by CSS (the parentheses around a 文号) or split differently by PDF extraction.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import lxml.html

from .. import urls
from ..chars import HAN_RE
from ..errors import Problem, RenderError
from ..model import Block, Document, Table
from ..pipeline import IssueBuild
from ..themes import Theme

logger = logging.getLogger(__name__)

#: A CSS length as the themes write page margins (``25mm``, ``2.5cm``, ``72pt``, ``1in``).
CSS_LENGTH_RE = re.compile(
    r"""
    (?P<number>\d+(?:\.\d+)?)   # the amount
    \s*
    (?P<unit>mm|cm|in|pt|px)    # the unit
    """,
    re.X,
)

#: A print-page anchor in a page's HTML (``page_marks`` in ``partials/blocks.html``).
PAGE_ANCHOR_RE = re.compile(
    rb"""
    id="page-
    (?P<page>\d+)     # the printed page number
    "
    """,
    re.X,
)

POINTS_PER = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "px": 0.75}


def han(text: str) -> str:
    """The Han characters of ``text``, in order."""
    return "".join(HAN_RE.findall(text))


def css_points(value: str) -> float:
    match = CSS_LENGTH_RE.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"Invalid CSS length: {value!r}")
    return float(match["number"]) * POINTS_PER[match["unit"]]


def _table_text(table: Table) -> list[str]:
    return [table.check, table.caption,
            *(c.text for row in table.header_rows + table.rows for c in row), *table.footnotes]


def _block_text(block: Block) -> list[str]:
    """The printed strings of one block (``partials/blocks.html`` prints these)."""
    if block.type == "heading":
        return [block.full_text]
    if block.type == "list":
        return list(block.items)
    if block.type == "table":
        return _table_text(block.table)
    if block.type == "signature":
        return list(block.lines)
    return [block.text]


def document_parts(doc: Document) -> list[str]:
    """The manifest's strings of a document in print order: title, 文号, each block's
    strings (a table cell, a list item, a 署名 line each one), enclosed documents."""
    parts = [doc.title, doc.doc_number, *(t for b in doc.blocks for t in _block_text(b))]
    for enc in doc.enclosed:
        parts += [enc.title, *(t for b in enc.blocks for t in _block_text(b))]
    return [part for part in parts if part]


def document_text(doc: Document) -> str:
    """The manifest's text of a document in print order: title, 文号, blocks, enclosed."""
    return "".join(document_parts(doc))


def article_text(html: bytes) -> str:
    """The text of the page's ``<article>``, print-page marks and the metadata left out."""
    tree = lxml.html.fromstring(html)
    article = tree.find(".//article")
    if article is None:
        return ""
    for name in ("page-mark", "doc-meta"):
        for element in article.find_class(name):
            element.drop_tree()
    return article.text_content()


def pdf_page_texts(pdf: bytes, theme: Theme) -> list[str]:
    """Han text of each page of ``pdf`` inside the page area, in drawing order."""
    import pdfplumber
    top = css_points(theme.print.margin_top)
    bottom = css_points(theme.print.margin_bottom)
    texts = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            area = (top - 1, page.height - bottom + 1)  # a point of slack for rounding
            texts.append(han("".join(c["text"] for c in page.chars
                                     if c["top"] >= area[0] and c["bottom"] <= area[1])))
    return texts


def find_in_print(expected: str, printed: str, repeats: list[str]) -> str | None:
    """None when ``expected`` occurs in ``printed``, else a description of the difference.

    Inside the match ``printed`` may carry, where ``expected`` does not, one of ``repeats``
    (a table's header rows, which WeasyPrint repeats on every page the table runs over).
    """
    if not expected:
        return None
    probe = expected[:8]
    best = (0, 0)
    start = printed.find(probe)
    while start != -1:
        i, j = 0, start
        while i < len(expected):
            if j < len(printed) and printed[j] == expected[i]:
                i, j = i + 1, j + 1
                continue
            skip = next((r for r in repeats if r and printed.startswith(r, j)), None)
            if skip is None:
                break
            j += len(skip)
        if i == len(expected):
            return None
        best = max(best, (i, start))
        start = printed.find(probe, start + 1)
    i = best[0]
    return (f"after {expected[max(0, i - 10):i]!r} the site has {expected[i:i + 10]!r}, "
            "not found in the PDF" if i else f"the PDF does not contain {probe!r}")


def verify_issue(built: IssueBuild, theme: Theme) -> None:
    """Check the website edition of ``built`` against its manifest and PDF (see module doc)."""
    issue = built.issue
    problems: list[Problem] = []
    toc = lxml.html.fromstring(built.files[urls.issue_page(issue)])
    toc_pages = {a.getparent().find("a").get("href"): int(a.get("data-page"))
                 for a in toc.find_class("toc-page")}
    for doc in issue.documents:
        where = str(Path(issue.folder) / doc.path) if doc.path else doc.id

        def problem(message: str) -> None:
            problems.append(Problem(where, message))

        page_path = urls.document_page(issue, doc)
        expected = han(document_text(doc))
        html = built.files[page_path]
        if han(article_text(html)) != expected:
            problem(f"the text of {page_path} differs from the manifest")
        if doc.id not in built.pages:
            continue
        first, last = built.pages[doc.id]
        pdf_texts = pdf_page_texts(built.files[urls.document_pdf(issue, doc)], theme)
        if len(pdf_texts) != last - first + 1:
            problem(f"its PDF has {len(pdf_texts)} pages, the manifest says "
                            f"pages {first}–{last}")
        repeats = [han("".join(c.text for row in t.header_rows for c in row))
                   for _, t in urls.table_blocks(doc)]
        difference = find_in_print(expected, "".join(pdf_texts), repeats)
        if difference:
            problem(f"the PDF text differs from the manifest: {difference}")
        anchors = [int(m["page"]) for m in PAGE_ANCHOR_RE.finditer(html)]
        if anchors != list(range(first, last + 1)):
            problem(f"{page_path} has page anchors {anchors}, the manifest says "
                            f"pages {first}–{last}")
        href = urls.relative(page_path, urls.issue_page(issue))
        if toc_pages.get(href) != first:
            problem(f"the 目录 gives page {toc_pages.get(href)}, the manifest "
                            f"says {first}")
    if problems:
        raise RenderError("the website edition differs from the manifest or the PDF:\n"
                          + "\n".join(map(str, problems)), path=issue.folder)
    logger.info("Checked %s: site text = manifest text = PDF text; pages agree", issue.label)
