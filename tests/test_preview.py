"""The print preview of one document: every glyph it prints is where the issue prints it.

Documents of the ningxia sample (two columns) chosen by where they start: at the top of a
right-hand page, inside the first column, in the second column of a left-hand page, and
in the second column at its top. The preview of each must have the document's pages, with
the same numbers, and each of its glyphs at the same place on the same page of the issue.
"""

from __future__ import annotations

import io
import unicodedata

import pdfplumber
import pytest

from gazette_pub.render.preview import preview_html, preview_issue, render_preview


def glyphs(pdf: bytes, index: int) -> set[tuple[str, float, float]]:
    """(character, x, top) of every glyph on a page, in points, to a tenth.

    NFKC: a subset font may map a glyph shared by ``，`` and ``,`` to either in the text
    layer; the glyph and its place are what the preview must reproduce.
    """
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return {(unicodedata.normalize("NFKC", c["text"]), round(c["x0"], 1), round(c["top"], 1))
                for c in document.pages[index].chars if c["text"].strip()}


@pytest.fixture(scope="module")
def ningxia(seed_prints):
    issue, theme, printed, _path = seed_prints("ningxia")
    return issue, theme, printed


def pick(printed, *, column: int, top: bool, right: bool | None = None) -> str:
    """A document starting in ``column``, at a column's top or not, on a given side."""
    for doc_id, start in printed.starts.items():
        at_top = start.offset < 60
        if (start.column == column and at_top == top
                and (right is None or (start.page % 2 == 0) == right)):
            return doc_id
    pytest.skip(f"no document starts in column {column} (top={top}, right={right})")


@pytest.mark.parametrize("where", ["first column, page top", "first column, inside",
                                   "second column, inside", "second column, top"])
def test_preview_prints_the_document_where_the_issue_does(ningxia, where):
    issue, theme, printed = ningxia
    column = 0 if where.startswith("first") else 1
    doc_id = pick(printed, column=column, top=where.endswith("top"))
    start = printed.starts[doc_id]
    preview = render_preview(issue, theme, doc_id, start)
    assert preview.pages[doc_id] == printed.pages[doc_id], "the same printed pages"
    first, last = printed.pages[doc_id]
    for number in range(first, last + 1):
        in_issue = glyphs(printed.pdf, printed.page_labels.index(number))
        in_preview = glyphs(preview.pdf, preview.page_labels.index(number))
        assert len(in_preview) > 20
        misplaced = sorted(in_preview - in_issue)[:5]
        assert not misplaced, f"page {number}: glyphs the issue does not print there"


def test_a_document_on_a_left_hand_page_keeps_its_side(ningxia):
    issue, theme, printed = ningxia
    doc_id = next((d for d, s in printed.starts.items() if s.page % 2 == 1), None)
    if doc_id is None:
        pytest.skip("every document starts on a right-hand page")
    start = printed.starts[doc_id]
    html = preview_html(preview_issue(issue, doc_id), theme, doc_id, start)
    assert 'class="preview-blank"' in html and "break-before: left" in html
    preview = render_preview(issue, theme, doc_id, start)
    index = preview.page_labels.index(start.number)
    assert index % 2 == 1, "a left-hand page: physical page 2, 4 …"
    assert glyphs(preview.pdf, index) <= glyphs(printed.pdf, start.page)


def test_preview_of_an_unknown_document_is_refused(ningxia):
    issue, _theme, _printed = ningxia
    with pytest.raises(KeyError):
        preview_issue(issue, "no-such-document")
