"""The bound volume's PDF: its front matter, and the merge of the year's issues.

:func:`front_matter_pdf` lays out ``print/volume.html`` (cover, 年度总目录, the indexes
by 发文机关 and by 文种) with the first issue's theme; its entries link to the documents
through ``gazette-volume:<doc id>`` URLs, which :func:`merge_volume` turns into links to
the documents' pages once it knows where each issue lands.

:func:`merge_volume` guarantees:

1. the front matter first, then each issue whole, every issue starting on a right-hand
   (odd) page — a blank page is put before an issue that would start on a left-hand one;
2. page labels: the front matter i, ii …; each issue's unnumbered cover and 目录 by the
   issue's label; body pages by the numbers printed on them (continuous through the year);
3. the outline: the year → the front matter's parts and each issue → its sections → its
   documents (→ their attachments, as in the issue's own outline);
4. the issues' own links (目录 → document) still point at their pages, and the front
   matter's entries point at the documents' first pages;
5. the same input gives the same bytes (the /ID depends on the gazette and the year).
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..themes import STYLES_DIR, issue_theme
from ..volume import Volume, kinds_of, organs_of
from .pdf import (LANGUAGE, PrintedIssue, SafeFetcher, add_bookmark, resolve_css,
                  theme_values)
from .templating import make_environment

logger = logging.getLogger(__name__)

#: Scheme of the front matter's links to documents (see the module doc).
DOCUMENT_LINK_SCHEME = "gazette-volume:"

#: The style sheet of the volume's own pages, after the theme's print sheets.
VOLUME_CSS = STYLES_DIR / "volume.css"

#: The page label of a blank page put before an issue (it carries no printed number).
BLANK_PAGE_LABEL = "空白页"

#: Outline entries of the front matter: element id → label.
FRONT_PARTS = {"volume-toc": "年度总目录", "index-organs": "发文机关索引",
               "index-kinds": "文种索引"}


@dataclass(frozen=True)
class FrontMatter:
    """The laid-out front matter: its PDF and the page index of each of its parts."""

    pdf: bytes
    page_count: int
    #: Element id of a part (:data:`FRONT_PARTS`) → its physical page index.
    parts: dict[str, int] = field(default_factory=dict)


def volume_html(volume: Volume) -> str:
    """The HTML of the front matter (``print/volume.html`` of the first issue's theme)."""
    first = volume.issues[0].count.issue
    env = make_environment(issue_theme(first))
    return env.get_template("print/volume.html").render(
        volume=volume, organ_index=volume.index_by(organs_of),
        kind_index=volume.index_by(kinds_of), link_scheme=DOCUMENT_LINK_SCHEME)


def front_matter_pdf(volume: Volume) -> FrontMatter:
    """Lay out the front matter (a picklable task, run beside the issues' layouts)."""
    import weasyprint
    first = volume.issues[0].count.issue
    theme = issue_theme(first)
    values = theme_values(theme, first)
    fetcher = SafeFetcher([STYLES_DIR])
    with fetcher.guard(str(volume.gazette_dir)):
        sheets = [weasyprint.CSS(string=resolve_css(p.read_text(encoding="utf-8"), values, p),
                                 base_url=str(p), url_fetcher=fetcher)
                  for p in (*theme.print_css, VOLUME_CSS)]
        document = weasyprint.HTML(string=volume_html(volume), base_url=str(STYLES_DIR) + "/",
                                   url_fetcher=fetcher).render(stylesheets=sheets)
        pdf = document.write_pdf(pdf_identifier=volume_identifier(volume))
    parts = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            if name in FRONT_PARTS:
                parts.setdefault(name, index)
    return FrontMatter(pdf, len(document.pages), parts)


def volume_identifier(volume: Volume) -> bytes:
    """A PDF /ID that depends on the volume only, so rebuilds are byte-identical."""
    return f"{volume.issues[0].count.issue.gazette.id}-{volume.year}-volume".encode()


def merge_volume(volume: Volume, front: FrontMatter, printed: list[PrintedIssue]) -> bytes:
    """The volume's PDF from its laid-out parts (see the module doc for the guarantees)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front.pdf)), import_outline=False)
    writer.set_page_label(0, front.page_count - 1, style="/r", start=1)
    starts = []
    for bound, issue_pdf in zip(volume.issues, printed):
        if len(writer.pages) % 2:  # the issue would start on a left-hand page
            writer.add_blank_page()
            blank = len(writer.pages) - 1
            writer.set_page_label(blank, blank, prefix=BLANK_PAGE_LABEL)
        start = len(writer.pages)
        starts.append(start)
        writer.append(PdfReader(io.BytesIO(issue_pdf.pdf)), import_outline=False)
        label_issue_pages(writer, start, issue_pdf, bound.count.issue.label)
    link_front_matter(writer, front, volume, printed, starts)
    add_volume_outline(writer, volume, front, printed, starts)
    first = volume.issues[0].count.issue
    writer.add_metadata({"/Title": f"{volume.name} {volume.year}年合订本",
                         "/Author": first.gazette.name, "/Producer": "gazette_pub"})
    writer.root_object[NameObject("/Lang")] = TextStringObject(LANGUAGE)
    writer.page_mode = "/UseOutlines"
    # pypdf writes no /ID unless given one; the volume's is fixed, like the issues' own.
    ident = ByteStringObject(hashlib.md5(volume_identifier(volume)).digest())
    writer._ID = ArrayObject([ident, ident])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def label_issue_pages(writer, start: int, issue_pdf: PrintedIssue, label: str) -> None:
    """Page labels of one issue placed at ``start``: its front pages by the issue's label,
    its body pages by their printed numbers (consecutive: one range)."""
    labels = issue_pdf.page_labels
    numbered = [i for i, n in enumerate(labels) if n is not None]
    front_end = numbered[0] if numbered else len(labels)
    if front_end:
        writer.set_page_label(start, start + front_end - 1, prefix=f"{label} ", style="/D",
                              start=1)
    if numbered:
        writer.set_page_label(start + numbered[0], start + len(labels) - 1, style="/D",
                              start=labels[numbered[0]])


def document_start(issue_pdf: PrintedIssue, doc_id: str) -> int:
    """The physical page index in the issue's PDF where the document ``doc_id`` starts."""
    if doc_id in issue_pdf.bookmarks:
        return issue_pdf.bookmarks[doc_id].page
    first, _ = issue_pdf.pages[doc_id]
    return issue_pdf.page_labels.index(first)


def link_front_matter(writer, front: FrontMatter, volume: Volume,
                      printed: list[PrintedIssue], starts: list[int]) -> None:
    """Point the front matter's ``gazette-volume:`` links at the documents' pages."""
    from pypdf.generic import ArrayObject, NameObject, NullObject
    target = {}
    for bound, issue_pdf, start in zip(volume.issues, printed, starts):
        for doc in bound.count.issue.documents:
            target[doc.id] = start + document_start(issue_pdf, doc.id)
    for page in writer.pages[:front.page_count]:
        for ref in page.get("/Annots", []):
            annot = ref.get_object()
            uri = str(annot.get("/A", {}).get("/URI", ""))
            if not uri.startswith(DOCUMENT_LINK_SCHEME):
                continue
            doc_id = uri[len(DOCUMENT_LINK_SCHEME):]
            del annot[NameObject("/A")]
            annot[NameObject("/Dest")] = ArrayObject([
                writer.pages[target[doc_id]].indirect_reference, NameObject("/XYZ"),
                NullObject(), NullObject(), NullObject()])


def add_volume_outline(writer, volume: Volume, front: FrontMatter,
                       printed: list[PrintedIssue], starts: list[int]) -> None:
    """The outline: year → front matter parts, issues → sections → documents."""
    year = writer.add_outline_item(title=f"{volume.name} {volume.year}年合订本", page_number=0)
    for part, label in FRONT_PARTS.items():
        if part in front.parts:
            writer.add_outline_item(title=label, page_number=front.parts[part], parent=year)
    for bound, issue_pdf, start in zip(volume.issues, printed, starts):
        issue = bound.count.issue
        item = writer.add_outline_item(title=issue.label, page_number=start, parent=year)
        for section in issue.sections:
            if not section.documents:
                continue
            parent = item
            if section.title:
                parent = writer.add_outline_item(
                    title=section.title,
                    page_number=start + document_start(issue_pdf, section.documents[0].id),
                    parent=item)
            for doc in section.documents:
                if doc.id in issue_pdf.bookmarks:
                    add_bookmark(writer, issue_pdf.bookmarks[doc.id], -start, parent=parent)
                else:
                    writer.add_outline_item(
                        title=doc.title, page_number=start + document_start(issue_pdf, doc.id),
                        parent=parent)


