"""Documents across issues: the newest, and grouped by 发文机关 or by 文种.

For the home page (the latest documents), the browse pages (``browse/organ.html``,
``browse/kind.html``) and the search page's filters (the values each filter can take,
with how many documents have it). Built from the loaded issues only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..model import Document, Issue
from ..render.html import gazette_title
from ..kinds import document_kind

#: The label of documents whose title ends with no known 文种.
OTHER_KIND = "其他"
#: The label of documents without an issuing organ in the manifest.
NO_ORGAN = "未注明发文机关"


@dataclass(frozen=True)
class Entry:
    """One document where it was published."""

    issue: Issue
    doc: Document
    section: str

    @property
    def kind(self) -> str:
        return document_kind(self.doc.title) or OTHER_KIND

    @property
    def order(self) -> tuple:
        """Newest first when sorted in reverse: issue date, gazette, 期, position."""
        return (self.issue.date or dt.date(self.issue.year, 1, 1), self.issue.gazette.id,
                self.issue.year, self.issue.number, -self.doc.seq)


def entries(issues: list[Issue]) -> list[Entry]:
    """Every document of ``issues``, newest first."""
    found = [Entry(issue, doc, section.title) for issue in issues
             for section in issue.sections for doc in section.documents]
    return sorted(found, key=lambda e: e.order, reverse=True)


def grouped(items: list[Entry], dimension: str) -> list[tuple[str, list[Entry]]]:
    """(发文机关 or 文种, its documents newest first), the largest groups first, then by name.

    ``dimension`` is ``organ`` (a document with several organs is under each) or ``kind``.
    """
    groups: dict[str, list[Entry]] = {}
    for entry in items:
        keys = (entry.doc.organs or (NO_ORGAN,)) if dimension == "organ" else (entry.kind,)
        for key in keys:
            groups.setdefault(key, []).append(entry)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def facets(issues: list[Issue]) -> dict[str, tuple[str, list[tuple[str, int]]]]:
    """The search filters: name → (label, [(value, documents)]); the names and values are
    those of the index records (:func:`gazette_pub.site.search.document_record`)."""
    items = entries(issues)
    counts: dict[str, Counter] = {name: Counter() for name in
                                  ("gazette", "year", "issue", "organ", "kind", "section")}
    for e in items:
        counts["gazette"][gazette_title(e.issue.gazette)] += 1
        counts["year"][str(e.issue.year)] += 1
        counts["issue"][f"{gazette_title(e.issue.gazette)} {e.issue.label}"] += 1
        counts["organ"].update(e.doc.organs)
        counts["kind"][e.kind] += 1
        if e.section:
            counts["section"][e.section] += 1
    labels = {"gazette": "公报", "year": "年份", "issue": "期", "organ": "发文机关",
              "kind": "文种", "section": "栏目"}
    newest_issues = [f"{gazette_title(i.gazette)} {i.label}" for i in
                     sorted(issues, key=lambda i: (i.year, i.number, i.gazette.id), reverse=True)]
    order = {"year": lambda v: -int(v), "issue": newest_issues.index}
    out = {}
    for name, counter in counts.items():
        if not counter or (name == "gazette" and len(counter) < 2):
            continue
        key = order.get(name)
        values = sorted(counter.items(), key=(lambda kv: key(kv[0])) if key
                        else (lambda kv: (-kv[1], kv[0])))
        out[name] = (labels[name], values)
    return out
