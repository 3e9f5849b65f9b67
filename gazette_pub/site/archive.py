"""The website's own pages: home, gazette and year archives, search page, feed, sitemap.

Built from the loaded issues (no rendering of issues here) on every ``gazette site``;
the writer keeps files whose bytes did not change, so an unchanged site rewrites nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from dataclasses import dataclass
from itertools import groupby
from pathlib import PurePosixPath

from .. import urls
from ..model import Gazette, Issue
from ..render.html import (Crumb, WebSite, gazette_title, open_graph, render_page,
                           standard_numbers)
from ..render.templating import make_environment
from ..themes import load_theme
from .browse import entries, facets, grouped

#: The browse pages: dimension → what it groups by.
BROWSE = {"organ": "发文机关", "kind": "文种"}

#: Entries in the Atom feed: the newest issues and their documents, newest first.
FEED_ENTRIES = 100
#: Width and height (px) the cover thumbnail fits in.
COVER_BOX = (240, 340)


def cover_thumbnail(pdf: bytes) -> bytes:
    """The first page of ``pdf`` as a PNG thumbnail (pypdfium2; same input, same bytes)."""
    import pypdfium2
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        scale = COVER_BOX[0] / page.get_width()
        image = page.render(scale=scale).to_pil()
    finally:
        document.close()
    image.thumbnail(COVER_BOX)
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=True)
    return out.getvalue()


@dataclass(frozen=True)
class GazetteArchive:
    """One gazette and its issues, newest first."""

    gazette: Gazette
    issues: tuple[Issue, ...]

    @property
    def years(self) -> list[tuple[int, list[Issue]]]:
        """(year, issues of that year newest first), newest year first."""
        return [(year, list(group)) for year, group in groupby(self.issues, lambda i: i.year)]


def archives(issues: list[Issue]) -> list[GazetteArchive]:
    """Issues grouped by gazette (sorted by id), each newest first."""
    by_gazette: dict[str, list[Issue]] = {}
    for issue in issues:
        by_gazette.setdefault(issue.gazette.id, []).append(issue)
    return [GazetteArchive(group[0].gazette,
                           tuple(sorted(group, key=lambda i: (i.year, i.number), reverse=True)))
            for _, group in sorted(by_gazette.items())]


def _updated(issue: Issue) -> str:
    """An issue's Atom ``updated``: its publication date at midnight Beijing time."""
    day = issue.date or dt.date(issue.year, 1, 1)
    return f"{day.isoformat()}T00:00:00+08:00"


def _entry_id(site: WebSite, path: PurePosixPath) -> str:
    """A permanent Atom id: the page's URL, or a name-based UUID of its path without one."""
    return site.url(path) or uuid.uuid5(uuid.NAMESPACE_URL, str(path)).urn


def feed(env, site: WebSite, issues: list[Issue], path: PurePosixPath, title: str) -> str:
    """An Atom feed at ``path`` of ``issues`` and their documents, newest first. Links are
    absolute with a base URL (and the feed names itself with ``rel=self``)."""
    newest = sorted(issues, key=lambda i: (i.date or dt.date.min, i.gazette.id, i.number),
                    reverse=True)
    entries = [(issue, doc) for issue in newest for doc in (None, *issue.documents)][:FEED_ENTRIES]
    return env.get_template("site/feed.xml").render(
        site=site, title=title, self_path=path, entries=entries, urls=urls,
        entry_id=lambda p: _entry_id(site, p), gazette_title=gazette_title,
        href=lambda p: site.url(p) or urls.relative(p, path), updated=_updated,
        feed_updated=_updated(newest[0]) if newest else "1970-01-01T00:00:00Z",
        feed_id=_entry_id(site, path))


#: How many of the newest documents the home page lists.
LATEST_DOCUMENTS = 10


def site_pages(issues: list[Issue], site: WebSite) -> dict[PurePosixPath, bytes]:
    """Home, gazette and year pages, the browse pages, the search page, the feeds and the
    page explaining them, and (with a base URL) the sitemap and robots.txt, as
    site-relative path → bytes."""
    env = make_environment(load_theme("default"))
    groups = archives(issues)
    out: dict[PurePosixPath, str] = {}
    documents = entries(issues)

    def page(template: str, path: PurePosixPath, title: str, crumbs: list[Crumb], **context):
        out[path] = render_page(env, template, path, site=site, crumbs=crumbs,
                                og=open_graph(site, path, title, "website"), title=title,
                                **context)

    home = Crumb("首页", urls.home())
    page("site/home.html", urls.home(), site.title, [], archives=groups,
         latest=documents[:LATEST_DOCUMENTS])
    for archive in groups:
        gazette = archive.gazette
        name = gazette_title(gazette)
        crumbs = [home, Crumb(name, urls.gazette_page(gazette))]
        page("site/gazette.html", urls.gazette_page(gazette), name, crumbs[:1], archive=archive,
             numbers=standard_numbers(gazette))
        for year, year_issues in archive.years:
            page("site/year.html", urls.year_page(gazette, year), f"{name} {year}年",
                 crumbs, gazette=gazette, year=year, issues=year_issues)
        out[urls.gazette_feed(gazette)] = feed(env, site, list(archive.issues),
                                               urls.gazette_feed(gazette), name)
    for dimension, label in BROWSE.items():
        page("site/browse.html", urls.browse_page(dimension), f"按{label}浏览 - {site.title}",
             [home], heading=f"按{label}浏览", dimension=dimension, label=label,
             groups=grouped(documents, dimension))
    page("site/search.html", urls.search_page(), f"全文检索 - {site.title}", [home],
         scripts=(urls.asset("search.js"),), facets=facets(issues))
    page("site/subscribe.html", urls.subscribe_page(), f"订阅更新 - {site.title}", [home],
         archives=groups)
    out[urls.feed()] = feed(env, site, issues, urls.feed(), site.title)
    if site.base_url:
        pages = [urls.home(), urls.search_page(), urls.subscribe_page(),
                 *(urls.browse_page(d) for d in BROWSE)]
        for archive in groups:
            pages.append(urls.gazette_page(archive.gazette))
            pages += [urls.year_page(archive.gazette, year) for year, _ in archive.years]
            for issue in archive.issues:
                pages.append(urls.issue_page(issue))
                pages += [urls.document_page(issue, doc) for doc in issue.documents]
        out[urls.sitemap()] = env.get_template("site/sitemap.xml").render(
            locations=[site.url(p) for p in pages])
        out[urls.robots()] = (f"User-agent: *\nAllow: /\n"
                              f"Sitemap: {site.url(urls.sitemap())}\n")
    return {path: text.encode("utf-8") for path, text in out.items()}
