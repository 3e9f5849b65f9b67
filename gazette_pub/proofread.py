"""The proofreading loop of ``gazette serve``: an edited document is shown at once.

A full rebuild of an issue lays the whole issue out again (seconds to tens of seconds).
When the only files that changed are documents of issues already built, the server
answers in three steps instead (:meth:`Proofreader.show_edits`):

1. the issue is loaded again and the web pages of the changed documents (and the issue's
   page, whose 目录 may show a new title) are rendered with the printed pages of the last
   full build and written over the site's — the browser reloads within a second;
2. the print preview of each changed document (:mod:`gazette_pub.render.preview`: laid
   out alone, where the last full build started it) is cut like a document PDF and
   written over that document's PDF — the browser reloads again;
3. the caller then rebuilds the whole site in the background, which replaces the
   previews with the issue's own cut PDFs and checks the 目录 numbers against where
   the documents now start (:func:`toc_mismatches`).

The last full build's layout facts (printed pages, anchors, start positions) are read
back from the site's build cache after each full build (:meth:`Proofreader.remember`).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .cache import BuildCache, issue_group
from .manifest import load_issue
from .model import Issue
from .pipeline import print_key
from .render.html import WebSite, issue_pages
from .render.pdf import PrintedIssue, cut_documents, print_html
from .themes import issue_theme

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Edit:
    """Changed document files of one issue folder."""

    folder: Path
    files: frozenset[Path]


def document_edits(changed: set[Path], known: set[Path]) -> list[Edit] | None:
    """The edits, by issue, when every changed file is a document (``*.md``) directly in
    one of the ``known`` issue folders; None when anything else changed (a full build)."""
    by_folder: dict[Path, set[Path]] = {}
    for path in changed:
        if path.suffix != ".md" or path.parent not in known:
            return None
        by_folder.setdefault(path.parent, set()).add(path)
    return [Edit(folder, frozenset(files)) for folder, files in sorted(by_folder.items())]


def toc_mismatches(issue: Issue, printed: PrintedIssue) -> list[str]:
    """Documents whose page in the source's 目录 is not the page they now start on."""
    out = []
    for doc in issue.documents:
        if doc.toc_page is not None and doc.id in printed.pages:
            first = printed.pages[doc.id][0]
            if first != doc.toc_page:
                out.append(f"{doc.id}: the 目录 of the source says page {doc.toc_page}, "
                           f"the print starts it on page {first}")
    return out


class Proofreader:
    """What the server knows of the last full build, and the quick answer to an edit."""

    def __init__(self, out: Path, site: WebSite, cache: BuildCache) -> None:
        self.out, self.site, self.cache = out, site, cache
        #: Issue folder → its print edition in the last full build.
        self.printed: dict[Path, PrintedIssue] = {}

    def remember(self, folders: list[Path]) -> None:
        """Read each issue's print edition of the full build just made from the cache."""
        for folder in folders:
            issue = load_issue(folder)
            theme = issue_theme(issue)
            key = print_key(issue, theme, print_html(issue, theme))
            record = self.cache.load("print", key, group=issue_group(folder))
            if record is None:
                self.printed.pop(folder, None)
                continue
            self.printed[folder] = record[0]
            for problem in toc_mismatches(issue, record[0]):
                logger.warning("目录: %s", problem)

    def show_edits(self, edits: list[Edit], on_step) -> None:
        """Steps 1 and 2 of the module doc; ``on_step()`` after each (bump the version)."""
        loaded = []
        for edit in edits:
            issue = load_issue(edit.folder)
            names = {f.name for f in edit.files}  # a document's path is its file's name
            changed = [d for d in issue.documents if Path(d.path).name in names]
            loaded.append((edit.folder, issue, changed))
            self._write_pages(edit.folder, issue, changed)
        on_step()
        for folder, issue, changed in loaded:
            self._write_previews(folder, issue, changed)
        on_step()

    def _write_pages(self, folder: Path, issue: Issue, changed) -> None:
        printed = self.printed[folder]
        pages = issue_pages(issue, issue_theme(issue), pages=printed.pages,
                            anchors=printed.anchors, site=self.site)
        wanted = {urls.issue_page(issue)} | {urls.document_page(issue, d) for d in changed}
        for path in wanted & set(pages):
            write_file(self.out / path, pages[path].encode("utf-8"))
        logger.info("Proofreading: %d pages of %s rewritten", len(wanted), issue.label)

    def _write_previews(self, folder: Path, issue: Issue, changed) -> None:
        from .render.preview import preview_issue, render_preview
        printed = self.printed[folder]
        theme = issue_theme(issue)
        for doc in changed:
            if doc.id not in printed.starts:
                continue  # a new document: the full build lays it out
            preview = render_preview(issue, theme, doc.id, printed.starts[doc.id])
            cut = cut_documents(preview_issue(issue, doc.id), preview)[doc.id]
            write_file(self.out / urls.document_pdf(issue, doc), cut)
            logger.info("Proofreading: print preview of %s written", doc.id)


def write_file(path: Path, data: bytes) -> None:
    """Replace one file of the served site in one rename (readers see old or new bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.proof{os.getpid()}")
    tmp.write_bytes(data)
    tmp.chmod(0o644)
    os.replace(tmp, path)

