"""The one owner of output paths and URLs, so that links, files and bookmarks agree.

Layout of a built issue (``dist/`` for ``gazette build``, the same under ``site/``)::

    <gazette>/<year>-<NN>/index.html                 issue page with its 目录
    <gazette>/<year>-<NN>/<NN>-<slug>.html           one page per document (permalink)
    <gazette>/<year>-<NN>/<gazette>-<year>-<NN>.pdf  the whole print issue
    <gazette>/<year>-<NN>/pdf/<NN>-<slug>.pdf        one PDF per document, cut from the issue
    <gazette>/<year>-<NN>/manifest.json              the JSON export with printed pages

Every path is built from validated slugs and numbers, never from titles.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from .model import Document, Issue


def issue_dir(issue: Issue) -> PurePosixPath:
    return PurePosixPath(issue.gazette.id) / issue.slug


def issue_page(issue: Issue) -> PurePosixPath:
    return issue_dir(issue) / "index.html"


def document_page(issue: Issue, doc: Document) -> PurePosixPath:
    return issue_dir(issue) / f"{doc.seq:02d}-{doc.slug}.html"


def issue_pdf(issue: Issue) -> PurePosixPath:
    return issue_dir(issue) / f"{issue.gazette.id}-{issue.slug}.pdf"


def document_pdf(issue: Issue, doc: Document) -> PurePosixPath:
    return issue_dir(issue) / "pdf" / f"{doc.seq:02d}-{doc.slug}.pdf"


def manifest_json(issue: Issue) -> PurePosixPath:
    return issue_dir(issue) / "manifest.json"


def relative(target: PurePosixPath, from_page: PurePosixPath) -> str:
    """A relative link from the page ``from_page`` to ``target`` (both site-relative)."""
    base = from_page.parent.parts
    parts = target.parts
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + list(parts[common:])) or "."


def stylesheet(name: str) -> PurePosixPath:
    """A bundled style sheet, shared by every page of the site: ``static/<name>``."""
    return PurePosixPath("static") / name
