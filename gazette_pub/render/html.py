"""HTML edition of one issue: an issue page with its 目录, a page per document, tables as data.

Uses the same block macros as the print edition (``partials/blocks.html``), so
the web text is the print text. The pages stand alone (``gazette build``) or are
part of the website (``gazette site``, a :class:`WebSite` given): then they carry
the site's navigation, search box, canonical links, Open Graph tags and JSON-LD.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import jinja2

from .. import __version__, themes, urls
from ..kinds import document_kind
from ..export import table_json
from ..model import Document, Gazette, Issue, Table
from ..themes import Theme
from .templating import make_environment

#: The part after ``<doc-id>`` of the ids that can carry print-page marks: the article
#: itself (empty), a body block, an enclosed document's title or one of its blocks, and
#: a body row of a table block.
MARK_TARGET_RE = re.compile(
    r"""
    (?:-e\d+)?              # an enclosed document: -e<K>
    (?:-b\d+(?:-r\d+)?)?    # a block: -b<N>, a table row of it: -b<N>-r<M>
    """,
    re.X,
)


#: An ISSN as gazettes print it, dashes of any width: ``ISSN1008—0783``, ``ISSN 1008-0783``.
ISSN_RE = re.compile(
    r"""
    (?:ISSN)?\s*
    (?P<first>\d{4})
    \s*[-‐‑‒–—―－]\s*      # a hyphen or dash of any width
    (?P<second>\d{3}[\dXx])
    """,
    re.X,
)

#: A 国内统一刊号: ``CN64—1062/D``, ``CN 64-1062/D``.
CN_RE = re.compile(
    r"""
    (?:CN)?\s*
    (?P<region>\d{2})
    \s*[-‐‑‒–—―－]\s*      # a hyphen or dash of any width
    (?P<serial>\d{4})
    \s*/\s*
    (?P<cls>[A-Z0-9]+(?:\.[A-Z0-9]+)?)   # the classification: D, TP, F8 …
    """,
    re.X,
)

#: Colophon labels of the two numbers.
ISSN_LABELS = ("国际标准刊号", "国际标准连续出版物号", "ISSN")
CN_LABELS = ("国内统一刊号", "国内统一连续出版物号", "CN")


#: Kinds whose documents make rules or state policy of general effect (规范性文件).
LEGISLATION_KINDS = frozenset({"命令", "条例", "规定", "办法", "细则", "规则", "决定", "意见"})

#: The text a notice publishes: ``印发《X》的通知``, ``发布《X》的公告``.
PUBLISHED_RE = re.compile(
    r"""
    (?:印发|发布|颁布|公布)     # the verb of publishing
    [^《]*
    《(?P<text>[^》]+)》        # the published text's title
    """,
    re.X,
)


def is_legislation(title: str) -> bool:
    """A rule or normative document (schema.org ``Legislation``): its own kind makes rules
    or states policy, or it is a notice publishing one (``印发《…管理办法》的通知``).
    A 任免 notice, a 函 or a 批复 is not."""
    kind = document_kind(title)
    if kind in LEGISLATION_KINDS:
        return True
    published = PUBLISHED_RE.search(title)
    return kind in {"通知", "公告", "通告"} and published is not None \
        and document_kind(published["text"]) in LEGISLATION_KINDS


def issn_check_digit(digits: str) -> str:
    """The ISSN check character of its first seven digits (ISO 3297)."""
    total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1)))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def standard_numbers(gazette: Gazette) -> dict[str, str]:
    """The gazette's ISSN and CN as they are written (``ISSN 1008-0783``, ``CN 64-1062/D``).

    The colophon holds them as printed, dashes as the source had them. A value that does
    not read as the number (or an ISSN whose check digit is wrong) is given as printed.
    """
    colophon = {label: value for label, value in gazette.colophon if isinstance(value, str)}
    out = {}
    issn = next((colophon[k] for k in ISSN_LABELS if k in colophon), "")
    if issn:
        match = ISSN_RE.fullmatch(issn.strip())
        good = match and issn_check_digit(match["first"] + match["second"][:3]) \
            == match["second"][3].upper()
        out["ISSN"] = f"ISSN {match['first']}-{match['second'].upper()}" if good else issn
    cn = next((colophon[k] for k in CN_LABELS if k in colophon), "")
    if cn:
        match = CN_RE.fullmatch(cn.strip())
        out["CN"] = f"CN {match['region']}-{match['serial']}/{match['cls']}" if match else cn
    return out


@dataclass(frozen=True)
class WebSite:
    """The website the pages belong to (``gazette site``)."""

    #: Public URL of the site root (``--base-url``), or "" when unknown: then pages have no
    #: canonical link, no ``og:url``/``og:image`` and there is no sitemap.
    base_url: str = ""
    #: Name of the site, in the header of every page, the home page and the feed.
    title: str = "政府公报"
    #: 主办单位, 联系方式, 网站标识码 and ICP 备案号, in the footer of every page ("" = not shown).
    organizer: str = ""
    contact: str = ""
    site_code: str = ""
    icp: str = ""

    def url(self, target: PurePosixPath) -> str | None:
        """The absolute URL of ``target``, or None without a base URL."""
        return urls.absolute(self.base_url, target) if self.base_url else None


def gazette_title(gazette: Gazette) -> str:
    """The name a page shows for a gazette: its name, else its short name, else its id."""
    return gazette.name or gazette.short_name or gazette.id


@dataclass(frozen=True)
class Crumb:
    """One step of the breadcrumb trail of a page."""

    label: str
    path: PurePosixPath


#: The screen style sheet every page loads; a theme's own sheets come after it.
SHARED_STYLESHEETS = (urls.stylesheet("screen.css"),)


def screen_stylesheets(theme: Theme) -> dict[PurePosixPath, Path]:
    """Site path → file of each screen style sheet of ``theme``, in cascade order: the
    shared ``styles/screen.css``, then the theme's own ``screen.css`` (under its name)."""
    own = theme.folder or themes.theme_folder(theme.name)
    return {urls.theme_stylesheet(theme.name, sheet.name) if sheet.parent == own
            else urls.stylesheet(sheet.name): sheet for sheet in theme.screen_css}


def render_page(env: jinja2.Environment, template: str, path: PurePosixPath, *,
                site: WebSite | None, crumbs: list[Crumb], og: dict[str, str],
                jsonld: dict | None = None, scripts: tuple[PurePosixPath, ...] = (),
                stylesheets: tuple[PurePosixPath, ...] = SHARED_STYLESHEETS,
                **context) -> str:
    """Render a web page at site-relative ``path`` with the context every layout needs."""
    return env.get_template(template).render(
        page_path=path, link=lambda target: urls.relative(target, path), urls=urls, site=site,
        crumbs=crumbs, canonical=site.url(path) if site else None, og=og,
        jsonld=_json_script(jsonld) if jsonld else None, scripts=scripts,
        stylesheets=stylesheets,
        gazette_title=gazette_title,
        generator=f"gazette_pub {__version__}", **context)


def _json_script(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">``: ``<`` escaped so no tag can close it."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def open_graph(site: WebSite | None, path: PurePosixPath, title: str, kind: str,
               image: PurePosixPath | None = None) -> dict[str, str]:
    """Open Graph properties of a page (absolute URLs only when the base URL is known)."""
    og = {"og:title": title, "og:type": kind, "og:locale": "zh_CN"}
    if site:
        og["og:site_name"] = site.title
        if site.base_url:
            og["og:url"] = site.url(path)
            if image:
                og["og:image"] = site.url(image)
    return og


def issue_crumbs(issue: Issue, site: WebSite | None) -> list[Crumb]:
    """Home → gazette → year on the website; nothing above the issue for a lone issue."""
    if site is None:
        return []
    gazette = issue.gazette
    return [Crumb("首页", urls.home()), Crumb(gazette_title(gazette), urls.gazette_page(gazette)),
            Crumb(f"{issue.year}年", urls.year_page(gazette, issue.year))]


def _page_url(site: WebSite | None, target: PurePosixPath, page: PurePosixPath) -> str:
    """The absolute URL of ``target`` on a site with a base URL, else its link from ``page``."""
    return (site.url(target) if site else None) or urls.relative(target, page)


def issue_jsonld(issue: Issue, site: WebSite | None,
                 page: PurePosixPath | None = None) -> dict:
    """schema.org ``PublicationIssue`` of an issue, part of the gazette's ``Periodical``."""
    name = gazette_title(issue.gazette)
    page = page or urls.issue_page(issue)
    data = {"@context": "https://schema.org", "@type": "PublicationIssue",
            "name": f"{name} {issue.label}", "issueNumber": str(issue.number),
            "inLanguage": "zh-CN", "isPartOf": {"@type": "Periodical", "name": name},
            "url": _page_url(site, urls.issue_page(issue), page)}
    issn = standard_numbers(issue.gazette).get("ISSN", "")
    if issn.startswith("ISSN "):
        data["isPartOf"]["issn"] = issn.removeprefix("ISSN ")
    if issue.date:
        data["datePublished"] = issue.date.isoformat()
    return data


def _pdf(site: WebSite | None, target: PurePosixPath, page: PurePosixPath, name: str) -> dict:
    return {"@type": "MediaObject", "name": name, "encodingFormat": "application/pdf",
            "contentUrl": _page_url(site, target, page)}


def document_jsonld(issue: Issue, doc: Document, site: WebSite | None,
                    pages: tuple[int, int] | None, with_pdf: bool = True) -> dict:
    """schema.org description of a document: ``Legislation`` for rules and normative
    documents (:func:`gazette_pub.render.kinds.is_legislation`), else ``CreativeWork``;
    its 文种 as ``genre``, its PDF as ``encoding`` and the issue PDF as ``associatedMedia``.

    (schema.org has no ``GovernmentPublication`` type; the organs are the authors.)
    """
    page = urls.document_page(issue, doc)
    legislation = is_legislation(doc.title)
    data = {"@context": "https://schema.org",
            "@type": "Legislation" if legislation else "CreativeWork",
            "name": doc.title, "inLanguage": "zh-CN", "url": _page_url(site, page, page),
            "isPartOf": issue_jsonld(issue, site, page)}
    del data["isPartOf"]["@context"]
    kind = document_kind(doc.title)
    if kind:
        data["genre"] = kind
    if doc.doc_number:
        data["legislationIdentifier" if legislation else "identifier"] = doc.doc_number
    if doc.organs:
        data["author"] = [{"@type": "GovernmentOrganization", "name": o} for o in doc.organs]
    if doc.date:
        data["dateCreated"] = doc.date.isoformat()
    if issue.date:
        data["datePublished"] = issue.date.isoformat()
    if pages:
        data["pageStart"], data["pageEnd"] = pages
    if with_pdf:
        data["encoding"] = _pdf(site, urls.document_pdf(issue, doc), page, f"{doc.title}（PDF）")
        data["associatedMedia"] = _pdf(site, urls.issue_pdf(issue), page,
                                       f"{gazette_title(issue.gazette)} {issue.label}（PDF）")
    return data


def page_marks(doc: Document, pages: tuple[int, int],
               anchors: dict[str, int | None]) -> dict[str, tuple[int, ...]]:
    """Element id → the print pages marked just before it on the document's web page.

    1. The candidates are the article, its blocks and its tables' body rows (ids
       :data:`MARK_TARGET_RE` after the document id), in print order, with the page each
       starts on (``anchors``, read back from the PDF by
       :func:`gazette_pub.render.pdf.anchor_pages`).
    2. Page N of ``pages`` is marked before the first candidate starting on page N (in the
       first cell of a row); when none starts there (one long paragraph fills the page),
       before the last candidate starting before N, which runs over page N.

    The article starts on the first page, so every page of the document gets one mark.
    """
    targets = [(anchor, page) for anchor, page in anchors.items()
               if page is not None and anchor.startswith(doc.id)
               and MARK_TARGET_RE.fullmatch(anchor[len(doc.id):])]
    marks: dict[str, list[int]] = {}
    first, last = pages
    for page in range(first, last + 1):
        starting = [anchor for anchor, p in targets if p == page]
        before = [anchor for anchor, p in targets if p < page]
        target = starting[0] if starting else before[-1] if before else doc.id
        marks.setdefault(target, []).append(page)
    return {anchor: tuple(numbers) for anchor, numbers in marks.items()}


def table_grid(table: Table) -> list[list[str]]:
    """The table as a rectangle of strings: spans expanded, covered cells empty.

    Header rows first, then body rows; a group row is its label then empty cells.
    """
    rows = table.header_rows + table.rows
    width = table.n_cols
    grid: list[list[str | None]] = [[None] * width for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while c < width and grid[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if r + dr < len(rows) and c + dc < width:
                        grid[r + dr][c + dc] = cell.text if (dr, dc) == (0, 0) else ""
            c += cell.colspan
    return [[text or "" for text in row] for row in grid]


def table_csv(table: Table) -> bytes:
    """CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese) of :func:`table_grid`."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table_grid(table))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_downloads(issue: Issue) -> dict[PurePosixPath, bytes]:
    """Every table of the issue as CSV and as JSON (the manifest's table object)."""
    files: dict[PurePosixPath, bytes] = {}
    for doc in issue.documents:
        for block_id, table in urls.table_blocks(doc):
            files[urls.table_data(issue, doc, block_id, "csv")] = table_csv(table)
            text = json.dumps(table_json(table), ensure_ascii=False, indent=2) + "\n"
            files[urls.table_data(issue, doc, block_id, "json")] = text.encode("utf-8")
    return files


def issue_index_page(issue: Issue, theme: Theme, *, pages: dict[str, tuple[int, int]] | None = None,
                     with_pdf: bool = True, site: WebSite | None = None,
                     neighbours: tuple[Issue | None, Issue | None] = (None, None)) -> str:
    """The HTML of the issue page: its 目录, downloads and (on the website) the links to the
    previous and next issue of the gazette, ``neighbours``."""
    env = make_environment(theme)
    pages = pages or {}
    index_path = urls.issue_page(issue)
    cover = urls.issue_cover(issue) if site and with_pdf else None
    title = f"{gazette_title(issue.gazette)} {issue.label}"
    return render_page(
        env, "web/issue.html", index_path, site=site, crumbs=issue_crumbs(issue, site),
        og=open_graph(site, index_path, title, "website", cover),
        jsonld=issue_jsonld(issue, site),
        toc_href=lambda doc: urls.relative(urls.document_page(issue, doc), index_path),
        page_of=lambda doc: pages.get(doc.id, (None,))[0], issue=issue, theme=theme.print,
        pages=pages, with_pdf=with_pdf, stylesheets=tuple(screen_stylesheets(theme)),
        previous_issue=neighbours[0], next_issue=neighbours[1],
        numbers=standard_numbers(issue.gazette))


def issue_pages(issue: Issue, theme: Theme, *, pages: dict[str, tuple[int, int]] | None = None,
                anchors: dict[str, int | None] | None = None, with_pdf: bool = True,
                site: WebSite | None = None) -> dict[PurePosixPath, str]:
    """Site-relative path → HTML text for the issue page and every document page."""
    env = make_environment(theme)
    pages = pages or {}
    anchors = anchors or {}
    out: dict[PurePosixPath, str] = {}
    index_path = urls.issue_page(issue)
    crumbs = issue_crumbs(issue, site)
    cover = urls.issue_cover(issue) if site and with_pdf else None
    common = dict(issue=issue, theme=theme.print, pages=pages, with_pdf=with_pdf,
                  stylesheets=tuple(screen_stylesheets(theme)))
    out[index_path] = issue_index_page(issue, theme, pages=pages, with_pdf=with_pdf, site=site)
    documents = issue.documents
    sections = {doc.id: section.title for section in issue.sections for doc in section.documents}
    doc_crumbs = crumbs + [Crumb(issue.label, index_path)]
    for position, doc in enumerate(documents):
        path = urls.document_page(issue, doc)
        doc_pages = pages.get(doc.id)
        out[path] = render_page(
            env, "web/document.html", path, site=site, crumbs=doc_crumbs,
            og=open_graph(site, path, doc.title, "article", cover),
            jsonld=document_jsonld(issue, doc, site, doc_pages, with_pdf), doc=doc,
            marks=page_marks(doc, doc_pages, anchors) if doc_pages else {},
            tables=urls.table_blocks(doc), section=sections[doc.id],
            kind=document_kind(doc.title),
            previous=documents[position - 1] if position else None,
            next=documents[position + 1] if position + 1 < len(documents) else None,
            **common)
    return out
