"""The bound volume (合订本) of one year of a gazette: its plan, before any layout.

A volume binds every issue of the year as gazette offices publish it: a volume cover,
a 年度总目录 (every issue, by section, with volume page numbers), an index by 发文机关
and one by 文种, then every issue as printed, each starting on a right-hand page, with
its body pages numbered continuously through the year from 1.

This module knows what goes where (:class:`Volume`); :mod:`gazette_pub.bind` runs the
steps (count, lay out in parallel, merge) and :mod:`gazette_pub.render.volume_pdf`
draws the front matter and merges the PDFs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .errors import GazetteError
from .kinds import document_kind
from .model import Document, Issue

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssueCount:
    """What step 2 learns of one issue: its model and how its pages are numbered."""

    folder: Path
    issue: Issue
    #: Physical pages before the first numbered (body) page: cover, 目录, blanks.
    front_pages: int
    #: Numbered pages.
    body_pages: int
    #: The printed number of the first body page in the issue's own edition.
    first_number: int
    #: Document id → (first, last) printed page in the issue's own edition.
    pages: dict[str, tuple[int, int]]


@dataclass(frozen=True)
class BoundIssue:
    """One issue's place in the volume."""

    count: IssueCount
    #: The volume page number its first body page carries.
    first_number: int

    @property
    def shift(self) -> int:
        """What to add to a page number of the issue's own edition."""
        return self.first_number - self.count.first_number

    def pages_of(self, doc: Document) -> tuple[int, int]:
        first, last = self.count.pages[doc.id]
        return first + self.shift, last + self.shift


@dataclass(frozen=True)
class Volume:
    """The year's issues in order with their volume numbers; the index entries."""

    gazette_dir: Path
    year: int
    issues: tuple[BoundIssue, ...]

    @property
    def name(self) -> str:
        return self.issues[0].count.issue.gazette.name

    def entries(self):
        """(bound issue, section title, document) of every document, in volume order."""
        for bound in self.issues:
            for section in bound.count.issue.sections:
                for doc in section.documents:
                    yield bound, section.title, doc

    def index_by(self, key) -> list[tuple[str, list[tuple[BoundIssue, Document]]]]:
        """Index entries grouped by ``key(doc)`` (each value once), groups sorted by
        their first appearance; a document without a value is listed under 其他."""
        groups: dict[str, list[tuple[BoundIssue, Document]]] = {}
        for bound, _, doc in self.entries():
            for value in key(doc) or ("其他",):
                groups.setdefault(value, []).append((bound, doc))
        return list(groups.items())


def year_issue_dirs(gazette_dir: Path, year: int) -> list[Path]:
    """The issue folders of ``year`` under ``gazette_dir``, in folder order (期 order)."""
    folders = sorted(p.parent for p in Path(gazette_dir).glob(f"{year}-*/issue.toml"))
    if not folders:
        raise GazetteError(f"no issue of {year} under {gazette_dir} "
                           f"(looked for {year}-NN/issue.toml)", path=str(gazette_dir))
    return folders





def plan_volume(gazette_dir: Path, year: int, counts: list[IssueCount]) -> Volume:
    """Number the issues continuously from 1, in 期 order; refuse a mixed folder."""
    counts = sorted(counts, key=lambda c: c.issue.number)
    names = {c.issue.gazette.id for c in counts}
    if len(names) > 1:
        raise GazetteError(f"{gazette_dir} holds issues of several gazettes: "
                           f"{', '.join(sorted(names))}", path=str(gazette_dir))
    bound, number = [], 1
    for count in counts:
        bound.append(BoundIssue(count, number))
        number += count.body_pages
    return Volume(Path(gazette_dir), year, tuple(bound))




def organs_of(doc: Document) -> tuple[str, ...]:
    """The 发文机关 a document is indexed under."""
    return tuple(doc.organs)


def kinds_of(doc: Document) -> tuple[str, ...]:
    """The 文种 a document is indexed under (from its title)."""
    kind = document_kind(doc.title)
    return (kind,) if kind else ()

