"""HTML edition of one issue: an issue page with its 目录 and a page per document.

Uses the same block macros as the print edition (``partials/blocks.html``), so
the web text is the print text.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from .. import urls
from ..model import Issue
from ..themes import Theme
from .templating import make_environment


def issue_pages(issue: Issue, theme: Theme, *, pages: dict[str, tuple[int, int]] | None = None,
                with_pdf: bool = True) -> dict[PurePosixPath, str]:
    """Site-relative path → HTML text for the issue page and every document page."""
    env = make_environment(theme)
    pages = pages or {}
    out: dict[PurePosixPath, str] = {}
    index_path = urls.issue_page(issue)
    common = dict(issue=issue, theme=theme.print, pages=pages, with_pdf=with_pdf)

    def link_from(page):
        return lambda target: urls.relative(target, page)

    out[index_path] = env.get_template("web/issue.html").render(
        page_path=index_path, link=link_from(index_path), urls=urls,
        toc_href=lambda doc: urls.relative(urls.document_page(issue, doc), index_path),
        **common)
    documents = issue.documents
    for position, doc in enumerate(documents):
        path = urls.document_page(issue, doc)
        out[path] = env.get_template("web/document.html").render(
            page_path=path, link=link_from(path), urls=urls, doc=doc,
            previous=documents[position - 1] if position else None,
            next=documents[position + 1] if position + 1 < len(documents) else None,
            **common)
    return out
