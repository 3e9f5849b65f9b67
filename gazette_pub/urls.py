"""The one owner of output paths and URLs, so that links, files and bookmarks agree.

Layout of a built issue (``dist/`` for ``gazette build``, the same under ``site/``)::

    <gazette>/<year>-<NN>/index.html                 issue page with its 目录
    <gazette>/<year>-<NN>/<NN>-<slug>.html           one page per document (permalink)
    <gazette>/<year>-<NN>/<gazette>-<year>-<NN>.pdf  the whole print issue
    <gazette>/<year>-<NN>/pdf/<NN>-<slug>.pdf        one PDF per document, cut from the issue
    <gazette>/<year>-<NN>/tables/<NN>-<slug>-b<N>.csv|json   each table as data
    <gazette>/<year>-<NN>/manifest.json              the JSON export with printed pages
    <gazette>/<year>-<NN>/cover.png                  cover thumbnail (website only)
    <gazette>/<year>-<NN>/.inputs.sha256             digest of the inputs (up-to-date check)

The website (``gazette site``) adds::

    index.html                home: every gazette
    <gazette>/index.html      a gazette: its years and issues
    <gazette>/<year>/index.html   the issues of one year
    search/index.html         full-text search (Pagefind index in pagefind/)
    browse/organ.html, browse/kind.html   documents by 发文机关 and by 文种
    feed.xml, <gazette>/feed.xml   Atom feeds of the site and of each gazette
    subscribe/index.html      what the feeds are and how to subscribe
    sitemap.xml, robots.txt   sitemap and robots file (with a base URL)
    static/                   style sheets and scripts shared by every page

Every path is built from validated slugs and numbers, never from titles, so a
document's URL is permanent: it depends on gazette, year, number, sequence and the
slug of its file name only. Print page ``N`` of a document is the fragment
``#page-N`` of its page.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from .model import Document, Gazette, Issue, Table


def issue_dir(issue: Issue) -> PurePosixPath:
    return PurePosixPath(issue.gazette.id) / issue.slug


def gongwen_pdf(issue: Issue, doc) -> PurePosixPath:
    """A document alone in the 公文 layout (``build --format gongwen``): beside the issue
    folders, not in one, since an issue build replaces its folder whole."""
    return PurePosixPath(issue.gazette.id) / "gongwen" / issue.slug / f"{doc.seq:02d}-{doc.slug}.pdf"


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


def issue_cover(issue: Issue) -> PurePosixPath:
    return issue_dir(issue) / "cover.png"


def inputs_digest_name() -> str:
    """The file name of the digest in an issue folder of the output."""
    return ".inputs.sha256"


def inputs_digest(issue: Issue) -> PurePosixPath:
    """Where the digest of an issue build's inputs is kept, next to its output."""
    return issue_dir(issue) / inputs_digest_name()


def table_data(issue: Issue, doc: Document, block_id: str, ext: str) -> PurePosixPath:
    """A table of ``doc`` as ``csv`` or ``json``, named by the table's block id."""
    return issue_dir(issue) / "tables" / f"{doc.seq:02d}-{doc.slug}-{block_id}.{ext}"


def table_blocks(doc: Document) -> list[tuple[str, Table]]:
    """(block id relative to the document, table) of every table, as the templates number them.

    ``partials/blocks.html`` gives block N of the body the id ``<doc-id>-b<N>`` and block N
    of enclosed document K ``<doc-id>-e<K>-b<N>``; the part after ``<doc-id>-`` is returned.
    """
    found = [(f"b{n}", b.table) for n, b in enumerate(doc.blocks, 1) if b.type == "table"]
    for k, enc in enumerate(doc.enclosed, 1):
        found += [(f"e{k}-b{n}", b.table) for n, b in enumerate(enc.blocks, 1) if b.type == "table"]
    return found


def home() -> PurePosixPath:
    return PurePosixPath("index.html")


def gazette_page(gazette: Gazette) -> PurePosixPath:
    return PurePosixPath(gazette.id) / "index.html"


def year_page(gazette: Gazette, year: int) -> PurePosixPath:
    return PurePosixPath(gazette.id) / str(year) / "index.html"


def search_page() -> PurePosixPath:
    return PurePosixPath("search") / "index.html"


def search_bundle() -> PurePosixPath:
    """The folder of the Pagefind index and its scripts."""
    return PurePosixPath("pagefind")


def feed() -> PurePosixPath:
    return PurePosixPath("feed.xml")


def gazette_feed(gazette: Gazette) -> PurePosixPath:
    """The Atom feed of one gazette's issues and documents."""
    return PurePosixPath(gazette.id) / "feed.xml"


def subscribe_page() -> PurePosixPath:
    """The page that explains the feeds (what the footer's subscription link opens)."""
    return PurePosixPath("subscribe") / "index.html"


def browse_page(dimension: str) -> PurePosixPath:
    """Every document across issues by ``organ`` (发文机关) or by ``kind`` (文种)."""
    return PurePosixPath("browse") / f"{dimension}.html"


def robots() -> PurePosixPath:
    return PurePosixPath("robots.txt")


def sitemap() -> PurePosixPath:
    return PurePosixPath("sitemap.xml")


def relative(target: PurePosixPath, from_page: PurePosixPath) -> str:
    """A relative link from the page ``from_page`` to ``target`` (both site-relative)."""
    base = from_page.parent.parts
    parts = target.parts
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + list(parts[common:])) or "."


def absolute(base_url: str, target: PurePosixPath) -> str:
    """The public URL of ``target`` under ``base_url``; ``…/index.html`` becomes ``…/``."""
    path = str(target)
    if target.name == "index.html":
        path = str(target.parent) + "/" if target.parent != PurePosixPath(".") else ""
    return base_url.rstrip("/") + "/" + path


def stylesheet(name: str) -> PurePosixPath:
    """A bundled style sheet, shared by every page of the site: ``static/<name>``."""
    return PurePosixPath("static") / name


def theme_stylesheet(theme: str, name: str) -> PurePosixPath:
    """A theme's own style sheet, loaded after the shared ones: ``static/themes/<theme>/<name>``
    (gazettes of different themes share one site)."""
    return PurePosixPath("static") / "themes" / theme / name


def asset(name: str) -> PurePosixPath:
    """A bundled file of the site (a script, the icon): ``static/<name>``."""
    return PurePosixPath("static") / name


def volume_dir(gazette: Gazette, year: int) -> PurePosixPath:
    """The bound volume (合订本) of a year, next to that year's issues."""
    return PurePosixPath(gazette.id) / f"{year}-volume"


def volume_pdf(gazette: Gazette, year: int) -> PurePosixPath:
    return volume_dir(gazette, year) / f"{gazette.id}-{year}-volume.pdf"


def volume_page(gazette: Gazette, year: int) -> PurePosixPath:
    return volume_dir(gazette, year) / "index.html"
