"""The text WeasyPrint laid out, per document: what the build's text check reads.

The PDF's text is painted from these very text boxes, so checking the layout proves
the same as reading the PDF back (PDFium or pypdf, a quarter of a second to seconds per
issue, bench/PROFILE.md) for what the pages hold. What the layout cannot prove — that a
reader's copy and paste gives that text back — depends only on the fonts' ToUnicode
maps, checked once per PDF (:func:`gazette_pub.checks.text_layer_problems`).
"""

from __future__ import annotations

from weasyprint.formatting_structure import boxes

from ..model import Issue


def page_texts(document) -> list[str]:
    """The text of each laid-out page that WeasyPrint draws, in box order (the order the
    PDF draws it: column after column, a table row by row), running heads and numbers
    included."""
    return ["".join(_drawn_text(page._page_box)) for page in document.pages]


def _drawn_text(box):
    """Texts of ``box`` and its descendants that WeasyPrint 70 paints: what
    ``draw/text.py`` skips (``visibility`` other than visible) and what
    ``draw/__init__.py`` skips (a box transformed by a matrix without inverse) is not
    text of the PDF, so it is not text here. (``display: none`` makes no box at all.)"""
    matrix = getattr(box, "transformation_matrix", None)
    if matrix is not None and not matrix.determinant:
        return
    if isinstance(box, boxes.TextBox):
        if box.style["visibility"] == "visible":
            yield box.text
        return
    for child in getattr(box, "children", ()):
        yield from _drawn_text(child)


def document_texts(document, issue: Issue) -> dict[str, str]:
    """Document id → the text of the pages its per-document PDF holds (from the page of
    its start anchor to that of its ``<id>-end`` anchor): what reading that PDF gives,
    without an ASCII mark and its full-width form made one by a shared glyph."""
    first: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            first.setdefault(anchor, index)
    texts = page_texts(document)
    return {doc.id: "\n".join(texts[first[doc.id]:first[doc.id + "-end"] + 1])
            for doc in issue.documents if doc.id in first and doc.id + "-end" in first}
