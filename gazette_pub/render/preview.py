"""The print preview of one document: laid out alone, where the issue prints it.

While proofreading, an edit to one document should not wait for the whole issue. The
preview lays out that document only, with the issue's theme, starting on the page and in
the column where the last full build started it, at the same distance from the top:

1. the page number and the side (left- or right-hand page: margins are mirrored) are the
   ones the document starts on (:class:`render.pdf.StartPosition` of the last build);
2. each column before its own is ended by an empty block with a column break after it,
   then an empty block is as high as what precedes the document in its column;
3. the document itself follows with the print edition's own markup and style sheets, so
   its lines break as they do in the issue.

What the preview can differ in: only what follows the document on its last page (the next
document is not there), and — when the edit changes the document's length — where the
documents after it start, until the full build replaces it. Its first page carries the
document's own lines at the positions of the full build (tests/test_preview.py).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ..model import Issue, Section
from ..themes import Theme
from . import typography
from .pdf import PrintedIssue, StartPosition, render_issue_pdf
from .templating import make_environment

logger = logging.getLogger(__name__)


def preview_issue(issue: Issue, doc_id: str) -> Issue:
    """``issue`` holding only the document ``doc_id`` (its metadata unchanged)."""
    for section in issue.sections:
        for doc in section.documents:
            if doc.id == doc_id:
                return replace(issue, sections=(Section(section.title, (doc,)),))
    raise KeyError(doc_id)


def preview_css(start: StartPosition) -> str:
    """The style that puts the document where it starts in the issue.

    WeasyPrint's first page is a right-hand one and a break before the first box makes no
    blank page, so a document starting on a left-hand page gets an empty first page
    (``print/preview.html``) and ``break-before: left``.
    """
    side = "right" if starts_on_right(start) else "left"
    return (f"main.issue-body {{ break-before: {side}; }}\n"
            ".preview-fill { height: 0; break-after: column; }\n"
            f".preview-offset {{ height: {max(start.offset, 0):.4f}px; }}\n"
            ".preview-fill, .preview-offset { margin: 0; padding: 0; border: 0; }")


def starts_on_right(start: StartPosition) -> bool:
    """Whether the document starts on a right-hand page: the cover (physical page 0) is one."""
    return start.page % 2 == 0


def preview_html(issue: Issue, theme: Theme, doc_id: str, start: StartPosition) -> str:
    """The print HTML of the preview (``print/preview.html``), print typography applied."""
    env = make_environment(theme)
    doc = next(d for d in issue.documents if d.id == doc_id)
    return typography.typeset_html(env.get_template("print/preview.html").render(
        issue=issue, doc=doc, theme=theme.print, fill_columns=start.column,
        left_hand=not starts_on_right(start), style=preview_css(start)), theme.print)


def render_preview(issue: Issue, theme: Theme, doc_id: str,
                   start: StartPosition) -> PrintedIssue:
    """The print preview of the document ``doc_id`` of ``issue`` (see the module doc);
    ``start`` is where the issue's last full build started it."""
    logger.info("Preview of %s from page %d, column %d", doc_id, start.number, start.column + 1)
    alone = preview_issue(issue, doc_id)
    numbered = replace(theme, print=replace(theme.print, first_body_page=start.number))
    return render_issue_pdf(alone, numbered, html=preview_html(alone, numbered, doc_id, start))
