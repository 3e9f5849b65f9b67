"""Print edition: the model → print HTML → WeasyPrint → PDF (+ pages of each document).

Steps of :func:`render_issue_pdf`:

1. check every character has a glyph in the theme's fonts (fail naming it);
2. render ``print/issue.html`` with the theme's values resolved into ``print.css``;
3. lay out with WeasyPrint, fetching only from the issue folder and bundled styles;
4. read back on which page each document starts and ends (from anchors);
5. write the PDF with metadata from the issue (creation date = issue date, so
   the same input gives the same bytes).
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from ..errors import RenderError
from ..model import Document, Issue
from ..themes import LENGTH_RE, STYLES_DIR, PrintTheme, Theme, length_pt, page_size_pt
from . import fonts, layout_text, typography
from .templating import make_environment

logger = logging.getLogger(__name__)

#: ``var(--name)`` in our print CSS, resolved from the theme before WeasyPrint sees it
#: (WeasyPrint does not resolve custom properties inside @page margin boxes).
CSS_VAR_RE = re.compile(r"var\(--(?P<name>[a-z-]+)\)")


#: Most pages an issue may lay out to; the loader's size limits keep layout bounded
#: (manifest.MAX_ISSUE_BYTES), this stops before the PDF is written.
MAX_PAGES = 1500

#: The language of every PDF we write (the print HTML says ``lang="zh-CN"`` too).
LANGUAGE = "zh-CN"

#: A CSS pixel in PDF points (WeasyPrint writes 96 px to the inch, PDF counts 72 points).
PDF_POINTS_PER_PX = 0.75


class RefusedFetch(FatalURLFetchingError):
    """A resource outside the issue folder and the bundled assets was requested."""


class SafeFetcher(URLFetcher):
    """Reads ``file:`` URLs inside ``roots`` only; no network, no other scheme.

    WeasyPrint's default fetcher reads any local file and the network
    (docs "Security"); source text is untrusted, so everything else is refused
    and the refusal stops the build with a clear message. Symbolic links are
    resolved first, so a link inside the issue cannot point outside it.
    """

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = [r.resolve() for r in roots]
        #: Every refusal, including those WeasyPrint catches and only logs (an image
        #: inside an SVG is drawn blank): :meth:`guard` fails the build on any of them.
        self.refused: list[str] = []

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be read, or None when it may."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return (f"refused to fetch {url[:200]!r}: only files of the issue and the "
                    "bundled styles may be used (no network, no data: URLs)")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            return f"refused to fetch {url!r}: outside the issue folder and the bundled styles"
        return None

    def fetch(self, url, headers=None):
        reason = self.refusal(url)
        if reason is not None:
            self.refused.append(reason)
            raise RefusedFetch(reason)
        return super().fetch(url, headers)

    @contextlib.contextmanager
    def guard(self, path: str | None):
        """Turn every refusal inside the block into one :class:`RenderError` for ``path``."""
        try:
            yield self
        except RefusedFetch:
            pass  # recorded in self.refused; reported below with any swallowed ones
        if self.refused:
            raise RenderError("; ".join(dict.fromkeys(self.refused)), path=path)


def theme_values(theme: Theme, issue: Issue) -> dict[str, str]:
    """The CSS values of the theme, by custom-property name."""
    values = {f.name.replace("_", "-"): str(getattr(theme.print, f.name))
              for f in fields(theme.print)}
    values["columns"] = str(theme.print.columns) if theme.print.columns > 1 else "auto"
    values["document-break"] = "page" if theme.print.document_new_page else "auto"
    values["toc-open"] = '"("' if theme.print.toc_page_parens else '""'
    values["toc-close"] = '")"' if theme.print.toc_page_parens else '""'
    values.update(grid_values(theme.print))
    name = issue.gazette.short_name or issue.gazette.name
    values["running-name"] = css_string(name)
    return values


def grid_values(print_theme: PrintTheme) -> dict[str, str]:
    """CSS values derived from the theme's grid (README "Chinese typography").

    ``letter-spacing`` fills the measure with ``chars_per_line`` characters; half-width
    runs get half of it so two ASCII characters advance exactly one character pitch;
    indents and Han–Latin gaps are whole or quarter pitches, not ems (pitfall P4).
    """
    spacing = print_theme.letter_spacing_pt
    pitch = print_theme.pitch_pt
    size = print_theme.font_size_pt
    line = print_theme.line_height
    line_pt = (length_pt(line, field="line_height") if LENGTH_RE.fullmatch(line)
               else float(line) * size)
    width, height = page_size_pt(print_theme.page_size)
    return {
        # lengths, not the name: CSS knows A4 and B5 but not 16K (WeasyPrint would
        # ignore the rule and print on A4)
        "page-size": f"{width:.3f}pt {height:.3f}pt",
        "letter-spacing": f"{spacing:.4f}pt",
        "hw-letter-spacing": f"{spacing / 2:.4f}pt",
        "hw-gap": f"{pitch / 4:.4f}pt",
        "indent": f"{2 * pitch:.4f}pt",
        "line-pitch": f"{line_pt:.4f}pt",
        "title-size": f"{print_theme.title_scale * size:.3f}pt",
        "table-size": f"{print_theme.table_scale * size:.3f}pt",
        "cell-padding": f"{print_theme.table_cell_padding:.3f}em",
        "title-line-height": f"{print_theme.title_lines * line_pt:.4f}pt",
        "document-gap": f"{print_theme.document_gap_lines * line_pt:.4f}pt",
        "attachment-break": "page" if print_theme.attachment_new_page else "auto",
        # the document after a section mark does not break again (print.css), so the
        # mark breaks when documents start on new pages
        "section-break": ("page" if print_theme.section_new_page or
                          print_theme.document_new_page else "auto"),
        "body-break": "right" if print_theme.body_starts_recto else "page",
        "toc-leader": 'leader(dotted) " "' if print_theme.toc_leaders else '"　"',
    }


def css_string(text: str) -> str:
    """``text`` as a CSS string: quotes, backslashes and anything unprintable (a line
    break ends a CSS string) written as hex escapes, so no value can leave the string
    (CSS Syntax 3 §4.3.7, https://www.w3.org/TR/css-syntax-3/#consume-escaped-code-point)."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\' or not c.isprintable() else c
                         for c in text) + '"'


def resolve_css(text: str, values: dict[str, str], path: Path) -> str:
    def substitute(match: re.Match) -> str:
        name = match["name"]
        if name not in values:
            raise RenderError(f"unknown theme value var(--{name})", path=path)
        return values[name]
    return CSS_VAR_RE.sub(substitute, text)


def print_html(issue: Issue, theme: Theme) -> str:
    """The print HTML of ``issue``, with the print-only Chinese typography applied."""
    env = make_environment(theme)
    return typography.typeset_html(env.get_template("print/issue.html").render(
        issue=issue, theme=theme.print, toc_href=lambda doc: "#" + doc.id), theme.print)


@dataclass(frozen=True)
class PrintedIssue:
    pdf: bytes
    #: Document id → (first, last) printed page numbers.
    pages: dict[str, tuple[int, int]]
    #: Number of physical pages.
    page_count: int
    #: Printed page number of each physical page (None where unnumbered).
    page_labels: tuple[int | None, ...]
    #: Element id → printed page where it starts (see :func:`anchor_pages`); the website
    #: marks print pages inside a document with it (block ids ``<doc-id>-b<N>``).
    anchors: dict[str, int | None] = field(default_factory=dict)
    #: Document id → its own entry of the PDF outline (see :func:`document_bookmarks`).
    bookmarks: dict[str, Bookmark] = field(default_factory=dict)
    #: Document id → where it starts on its page (see :func:`start_positions`): the print
    #: preview of one document (:mod:`gazette_pub.render.preview`) starts there too.
    starts: dict[str, StartPosition] = field(default_factory=dict)
    #: Document id → the laid-out text of its pages (:mod:`.layout_text`): the build's
    #: text check reads it instead of reading the PDF back.
    texts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StartPosition:
    """Where a document's box starts in the laid-out issue, in CSS px of its page."""

    #: Physical page index in the issue PDF, and the number printed on that page.
    page: int
    number: int
    #: The text column it starts in (0 = the first), out of the page's columns.
    column: int
    #: From the top of the page's content box to the top of the document's border box.
    offset: float
    #: Height of the page's content box: what one column holds.
    column_height: float


@dataclass(frozen=True)
class Bookmark:
    """One entry of the PDF outline: where it points and the entries under it.

    ``page`` is the physical page index in the issue PDF; ``x`` and ``y`` are PDF points
    from the page's bottom left, as WeasyPrint writes its own outline.
    """

    label: str
    page: int
    x: float
    y: float
    children: tuple[Bookmark, ...] = ()


@dataclass(frozen=True)
class PrintOptions:
    """How to write the PDF for a printer or an archive (``gazette build`` options)."""

    #: A WeasyPrint PDF variant (``pdf/ua-1``, ``pdf/a-3b`` …; None: plain PDF).
    variant: str | None = None
    #: Crop and registration marks with the theme's bleed around the trim box.
    marks: bool = False

    def __post_init__(self) -> None:
        if self.variant is not None and self.variant not in PDF_VARIANTS:
            raise RenderError(f"unknown PDF variant {self.variant!r}; known: "
                              f"{', '.join(PDF_VARIANTS)}", field="--pdf-variant")

    @property
    def suffix(self) -> str:
        """File-name suffix of this variant: ``""`` for the default edition."""
        parts = [self.variant.replace("/", "-")] if self.variant else []
        return "".join("." + p for p in parts + (["print"] if self.marks else []))


#: Variants WeasyPrint 70 writes (``weasyprint.pdf.VARIANTS``) that we offer and check.
PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u",
                "pdf/a-3u")


def marks_css(print_theme: PrintTheme) -> str:
    """Crop and cross marks with bleed, for the printer (CSS Paged Media ``marks``/``bleed``)."""
    return f"@page {{ marks: crop cross; bleed: {print_theme.bleed}; }}"


def render_issue_pdf(issue: Issue, theme: Theme, *, html: str | None = None,
                     options: PrintOptions = PrintOptions()) -> PrintedIssue:
    fonts.check_glyphs(issue, theme.print)
    document, fetcher = lay_out_issue(issue, theme, html=html, options=options)
    labels = _page_labels(document, theme)
    pages = _document_pages(document, issue, labels)
    logger.info("Step 4 - Writing the PDF (%d pages)", len(document.pages))
    # Attachments are fetched when the PDF is written; justified lines are drawn then.
    with fetcher.guard(issue.folder), \
            typography.inter_character_justification(theme.print.justify_cjk):
        pdf = document.write_pdf(pdf_identifier=_identifier(issue), pdf_variant=options.variant,
                                 finisher=page_labels(labels, theme.print))
    return PrintedIssue(pdf, pages, len(document.pages), labels, anchor_pages(document, labels),
                        document_bookmarks(document, issue),
                        start_positions(document, issue, theme.print, labels),
                        layout_text.document_texts(document, issue))


def lay_out_issue(issue: Issue, theme: Theme, *, html: str | None = None,
                  options: PrintOptions = PrintOptions()):
    """Steps 2–3: the print edition laid out by WeasyPrint (its ``Document``, not yet a
    PDF) and the fetcher that guards it; ``gazette theme fit`` measures layouts only."""
    html = html if html is not None else print_html(issue, theme)
    values = theme_values(theme, issue)
    folder = Path(issue.folder or ".").resolve()
    fetcher = SafeFetcher([folder, STYLES_DIR] + ([theme.folder] if theme.folder else []))
    logger.info("Step 3 - Laying out the print edition of %s", issue.label)
    with fetcher.guard(issue.folder):  # style sheets fetch their @imports when parsed
        stylesheets = [weasyprint.CSS(string=resolve_css(p.read_text(encoding="utf-8"),
                                                         values, p),
                                      base_url=str(p), url_fetcher=fetcher)
                       for p in theme.print_css]
        if options.marks:
            stylesheets.append(weasyprint.CSS(string=marks_css(theme.print)))
        with typography.inter_character_justification(theme.print.justify_cjk):
            document = weasyprint.HTML(string=html, base_url=str(folder) + "/",
                                       url_fetcher=fetcher).render(stylesheets=stylesheets)
    if len(document.pages) > MAX_PAGES:
        raise RenderError(f"the issue lays out to {len(document.pages)} pages, more than the "
                          f"limit of {MAX_PAGES}; split the issue", path=issue.folder)
    return document, fetcher


def start_positions(document, issue: Issue, print_theme: PrintTheme,
                    labels) -> dict[str, StartPosition]:
    """Where each document of ``issue`` starts: page, column and distance from the top.

    The columns are told apart by the anchor's x inside the page's content box, whose
    width holds ``columns`` columns and their gaps. (``Page._page_box`` is WeasyPrint's
    laid-out page box; its public ``Page`` has no content-box geometry.)
    """
    starts = {}
    doc_ids = {doc.id for doc in issue.documents}
    for index, page in enumerate(document.pages):
        box = page._page_box
        top, left, width = box.content_box_y(), box.content_box_x(), box.width
        columns = max(print_theme.columns, 1)
        for name, (x, y, _x2, _y2) in page.anchors.items():
            if name in doc_ids and name not in starts:
                column = min(int((x - left + 1) * columns // max(width, 1)), columns - 1)
                starts[name] = StartPosition(index, labels[index], column, y - top, box.height)
    return starts


def document_bookmarks(document, issue: Issue) -> dict[str, Bookmark]:
    """Each document's own outline entry: its title, with its attachments under it.

    The entry is the bookmark WeasyPrint made for the document's title element
    (``<doc-id>-title``): a bookmark and an anchor of one box share its position, so
    the match holds however sections and documents nest in the outline.
    """
    by_position: dict[tuple[int, float, float], Bookmark] = {}
    heights = [page.height for page in document.pages]

    def convert(laid_out) -> Bookmark:
        """A bookmark in PDF points (origin bottom left, as WeasyPrint writes its outline),
        indexed by its laid-out position in CSS px (the anchors'): one tree, converted
        here, instead of asking WeasyPrint for the tree twice."""
        label, (page, x, y), children, _state = laid_out
        bookmark = Bookmark(label, page, x * PDF_POINTS_PER_PX,
                            (heights[page] - y) * PDF_POINTS_PER_PX,
                            tuple(convert(child) for child in children))
        by_position.setdefault((page, x, y), bookmark)
        return bookmark

    for tree in document.make_bookmark_tree():
        convert(tree)
    titles = {doc.id + "-title": doc.id for doc in issue.documents}
    result: dict[str, Bookmark] = {}
    for page_index, page in enumerate(document.pages):
        for name, (x, y, _x2, _y2) in page.anchors.items():
            position = (page_index, x, y)
            if name in titles and titles[name] not in result and position in by_position:
                result[titles[name]] = by_position[position]
    return result


def anchor_pages(document, labels) -> dict[str, int | None]:
    """Printed page of every element id laid out in ``document`` (the page where it starts).

    Read from WeasyPrint's ``Page.anchors`` (id → position on that page); an id found
    on several pages (an element split over pages) keeps its first page. ``labels``
    are the printed numbers of the physical pages (:func:`_page_labels`).
    """
    found: dict[str, int | None] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            found.setdefault(anchor, labels[index])
    return found


def page_labels(labels: tuple[int | None, ...], print_theme: PrintTheme):
    """A WeasyPrint ``finisher`` giving the PDF page labels equal to the printed numbers
    (ISO 32000-1 §12.4.2), added to the catalog before the PDF is written once.

    Body pages show their printed number; the front pages (cover, 目录) before the first
    numbered page are labelled i, ii … (``front_page_labels = "roman"``) or by name
    (封面, 目录: unnumbered, as printed). Labelling a finished PDF instead (parse, clone,
    write again) took a quarter of WeasyPrint's own PDF writing (bench/PROFILE.md).
    """
    import pydyf
    numbered = [i for i, label in enumerate(labels) if label is not None]
    first = numbered[0] if numbered else len(labels)
    ranges: list = []
    if first and print_theme.front_page_labels == "roman":
        ranges += [0, pydyf.Dictionary({"S": "/r", "St": 1})]
    elif first:
        ranges += [0, pydyf.Dictionary({"P": pydyf.String("封面")})]
        if first > 1:
            ranges += [1, pydyf.Dictionary({"P": pydyf.String("目录")})]
    if numbered:
        ranges += [first, pydyf.Dictionary({"S": "/D", "St": labels[first]})]

    def finish(document, pdf) -> None:
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(ranges)})
    return finish


def _identifier(issue: Issue) -> bytes:
    """A PDF /ID that depends on the issue only, so rebuilds are byte-identical."""
    return f"{issue.gazette.id}-{issue.slug}".encode()


def _page_labels(document, theme: Theme) -> tuple[int | None, ...]:
    """Printed number of each page: body pages count from the theme's first body page."""
    first_body = next((i for i, page in enumerate(document.pages) if "body-start" in page.anchors),
                      None)
    if first_body is None:
        return tuple(i + 1 for i in range(len(document.pages)))
    start = theme.print.first_body_page
    return tuple(None if i < first_body else start + i - first_body
                 for i in range(len(document.pages)))


def _document_pages(document, issue: Issue, labels) -> dict[str, tuple[int, int]]:
    """Printed (first, last) page of each document, from its start and end anchors."""
    found: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            found.setdefault(anchor, index)
    result = {}
    for doc in issue.documents:
        end = doc.id + "-end"
        if doc.id not in found or end not in found:
            raise RenderError(f"document {doc.id} was not laid out", path=doc.path)
        result[doc.id] = (labels[found[doc.id]], labels[found[end]])
    return result


def cut_documents(issue: Issue, printed: PrintedIssue) -> dict[str, bytes]:
    """Document id → its pages of the issue PDF as a PDF of its own (same printed numbers).

    Each carries its own metadata (:func:`document_metadata`, dates and producer of the
    issue PDF, so cuts are reproducible too), ``/Lang``, and its own outline: the
    document's entry of the issue outline with its attachments. The issue PDF is parsed
    once for all documents (parsing it per document took 4× as long as the cutting
    itself; bench/PROFILE.md).
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject
    reader = PdfReader(io.BytesIO(printed.pdf))
    info = {k: v for k, v in (reader.metadata or {}).items()}
    index_of = {label: i for i, label in enumerate(printed.page_labels) if label is not None}
    cuts = {}
    for doc in issue.documents:
        first, last = printed.pages[doc.id]
        start, end = index_of[first], index_of[last]
        writer = PdfWriter()
        for index in range(start, end + 1):
            writer.add_page(reader.pages[index])
        writer.add_metadata(info | document_metadata(issue, doc))
        writer.root_object[NameObject("/Lang")] = TextStringObject(LANGUAGE)
        writer.set_page_label(0, end - start, style="/D", start=first)
        if doc.id in printed.bookmarks:
            add_bookmark(writer, printed.bookmarks[doc.id], start, parent=None)
            writer.page_mode = "/UseOutlines"
        out = io.BytesIO()
        writer.write(out)
        cuts[doc.id] = out.getvalue()
    return cuts


def document_metadata(issue: Issue, doc: Document) -> dict[str, str]:
    """Info-dictionary entries of a document's own PDF: its title, issuing organs and
    where it was published (gazette, issue, 文号)."""
    published = f"{issue.gazette.name} {issue.label}"
    return {"/Title": doc.title,
            "/Author": "、".join(doc.organs) or issue.gazette.name,
            "/Subject": f"{published} {doc.doc_number}".strip()}


def add_bookmark(writer, bookmark: Bookmark, first_page: int, parent) -> None:
    """``bookmark`` and the entries under it into the outline of a cut starting at the
    issue PDF's page ``first_page``; entries pointing outside the cut are left out."""
    from pypdf.generic import Fit
    page = bookmark.page - first_page
    if not 0 <= page < len(writer.pages):
        return
    item = writer.add_outline_item(title=bookmark.label, page_number=page, parent=parent,
                                   fit=Fit.xyz(left=bookmark.x, top=bookmark.y))
    for child in bookmark.children:
        add_bookmark(writer, child, first_page, parent=item)
