"""The website edition: every gazette and issue under ``issues/`` as one static site.

:func:`build_site` steps:

1. find and load every issue folder (every problem of every issue reported at once);
2. digest each issue's inputs (:mod:`.digest`); an issue whose output holds the same
   digest is reused as it is, untouched;
3. render each other issue (print PDF, per-document PDFs, HTML as pages of the site,
   tables as CSV/JSON), add its cover thumbnail and check it (:mod:`.verify`), on the
   chosen executor (:func:`gazette_pub.executors.map_tasks`); if any issue fails, stop
   before writing anything and report every problem of every issue;
4. write each rebuilt issue folder in one swap (and, with ``dist``, the issue's lone
   edition, as ``gazette build`` makes it);
5. render the site's own pages (:mod:`.archive`) and copy the static assets, writing only
   files whose bytes changed, and remove the pages of issues no longer there;
6. index the site for search (:mod:`.search`) when anything changed or there is no index.

So rebuilding with no change rewrites nothing, and a changed document rebuilds only its issue.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from .. import urls
from ..cache import BuildCache, machine_cache_dir
from ..errors import ManifestError
from ..executors import IssueBuildsFailed, map_tasks
from ..manifest import load_issue
from ..model import Issue
from ..pipeline import (IssueBuild, assemble_issue, check_output_folder, find_issue_dirs,
                        write_issue, write_site_file)
from ..render.html import WebSite, issue_index_page, issue_pages
from ..themes import TEMPLATES_DIR, issue_theme, load_theme
from .archive import cover_thumbnail, site_pages
from .digest import issue_inputs_digest, shared_inputs_digest
from .search import build_index
from .verify import verify_issue

logger = logging.getLogger(__name__)

#: Files of the site copied from ``templates/site/`` to ``static/``: scripts and the icon.
ASSETS = ("search.js", "search-core.js", "favicon.svg")


@dataclass
class SiteReport:
    """What :func:`build_site` did."""

    #: Issues rendered anew, because their inputs changed (or had no output yet).
    rebuilt: list[Issue] = field(default_factory=list)
    #: Issues whose output was up to date and left untouched.
    reused: list[Issue] = field(default_factory=list)
    #: Site-level files (archive pages, feed, assets, search index) written because they changed.
    written: list[PurePosixPath] = field(default_factory=list)


def load_issues(root: Path) -> list[tuple[Path, Issue]]:
    """Every issue folder under ``root`` with its loaded issue; all problems raised at once.

    A draft — an issue that loads but does not build yet (:func:`checks.missing_metadata`:
    no documents yet, as ``gazette new`` makes it, or no year, 期, date or gazette name)
    — is left out of the site with a warning naming what it lacks: preparing the next
    issue never stops the published ones from being rebuilt.
    """
    from ..checks import missing_metadata
    loaded, problems = [], []
    for folder in find_issue_dirs(root):
        try:
            issue = load_issue(folder)
        except ManifestError as exc:
            problems += exc.problems
            continue
        if missing := missing_metadata(issue):
            logger.warning("%s: not published, a draft: %s", folder,
                           "; ".join(p.message.split(";")[0] for p in missing))
            continue
        loaded.append((folder, issue))
    if problems:
        raise ManifestError(problems)
    return loaded


def site_cache() -> BuildCache:
    """The build cache of website builds: in the machine cache, never inside the site.

    The site is copied as it is to public web servers; the cache's records (pickles of
    whole print editions) have no business there. Keys are content hashes, so every
    site on this machine can share one store.
    """
    return BuildCache(machine_cache_dir() / "site-records")


def issue_neighbours(issues: list[Issue]) -> dict[str, tuple[Issue | None, Issue | None]]:
    """Issue folder → (previous, next) issue of the same gazette, by year and 期."""
    out: dict[str, tuple[Issue | None, Issue | None]] = {}
    by_gazette: dict[str, list[Issue]] = {}
    for issue in issues:
        by_gazette.setdefault(issue.gazette.id, []).append(issue)
    for group in by_gazette.values():
        group.sort(key=lambda i: (i.year, i.number))
        for k, issue in enumerate(group):
            out[issue.folder] = (group[k - 1] if k else None,
                                 group[k + 1] if k + 1 < len(group) else None)
    return out


def _stored_digest(out: Path, issue: Issue) -> str | None:
    path = out / urls.inputs_digest(issue)
    return path.read_text(encoding="ascii").strip() if path.is_file() else None


def site_issue(folder: Path, site: WebSite, digest: str,
               cache: BuildCache | None = None,
               neighbours: tuple[Issue | None, Issue | None] = (None, None)) -> IssueBuild:
    """Render one issue as part of the site, with its cover and digest, checked; its page
    links to the gazette's previous and next issue, ``neighbours``."""
    built = assemble_issue(folder, site=site, cache=cache)
    issue = built.issue
    theme = issue_theme(issue)
    index = issue_index_page(issue, theme, pages=built.pages, site=site, neighbours=neighbours)
    built = replace(built, files=built.files | {urls.issue_page(issue): index.encode("utf-8")})
    verify_issue(built, theme)
    extra = {urls.issue_cover(issue): cover_thumbnail(built.files[urls.issue_pdf(issue)]),
             urls.inputs_digest(issue): f"{digest}\n".encode("ascii")}
    return replace(built, files=built.files | extra)


def lone_edition(built: IssueBuild) -> IssueBuild:
    """The same issue as ``gazette build`` writes it: its HTML without the site around it."""
    issue = built.issue
    html = issue_pages(issue, issue_theme(issue), pages=built.pages,
                       anchors=built.anchors)
    files = {path: data for path, data in built.files.items()
             if path.suffix != ".html" and path != urls.issue_cover(issue)}
    return replace(built, files=files | {p: text.encode("utf-8") for p, text in html.items()})


def _assets() -> dict[PurePosixPath, bytes]:
    files = {urls.asset(name): (TEMPLATES_DIR / "site" / name).read_bytes() for name in ASSETS}
    for sheet in load_theme("default").screen_css:
        files[urls.stylesheet(sheet.name)] = sheet.read_bytes()
    return files


def printed_pages(out: Path, issue: Issue) -> dict[str, tuple[int, int]]:
    """Document id → printed pages, from the issue's ``manifest.json`` in ``out``."""
    path = out / urls.manifest_json(issue)
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {doc["id"]: tuple(doc["pages"]) for section in data.get("sections", ())
            for doc in section.get("documents", ()) if doc.get("pages")}


def _write_changed(out: Path, files: dict[PurePosixPath, bytes]) -> list[PurePosixPath]:
    return [path for path, data in files.items() if write_site_file(out, path, data)]


def _sync_search(out: Path, files: dict[PurePosixPath, bytes]) -> list[PurePosixPath]:
    """Make ``pagefind/`` hold exactly ``files``: changed ones written, stale ones removed."""
    written = _write_changed(out, files)
    bundle = out / urls.search_bundle()
    for path in sorted(bundle.rglob("*"), reverse=True):
        relative = PurePosixPath(path.relative_to(out).as_posix())
        if path.is_file() and relative not in files:
            path.unlink()
            written.append(relative)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


#: The name of a year archive folder under a gazette (``<gazette>/<year>/``).
YEAR_DIR_RE = re.compile(
    r"""
    \d{4}    # a four-digit year
    """,
    re.X,
)


def remove_stale(out: Path, issues: list[Issue], pages: dict[PurePosixPath, bytes]
                 ) -> list[PurePosixPath]:
    """Remove what earlier builds wrote for issues no longer under the root.

    Only folders this module made are touched: a gazette folder is one holding an issue
    folder with an inputs digest (:func:`gazette_pub.urls.inputs_digest`); in it, issue
    folders of other issues, year archives and the gazette page that ``pages`` no longer
    has are removed (so the search index, built next, forgets their documents).
    """
    current = {urls.issue_dir(issue) for issue in issues}
    removed: list[PurePosixPath] = []
    gazettes = {stamp.parent.parent for stamp in out.glob(f"*/*/{urls.inputs_digest_name()}")}
    for gazette in sorted(gazettes):
        for child in sorted(gazette.iterdir()):
            relative = PurePosixPath(child.relative_to(out).as_posix())
            issue_folder = (child / urls.inputs_digest_name()).is_file()
            year_archive = YEAR_DIR_RE.fullmatch(child.name) is not None
            if child.is_dir() and ((issue_folder and relative not in current)
                                   or (year_archive and relative / "index.html" not in pages)):
                shutil.rmtree(child)
                removed.append(relative)
        index = gazette / "index.html"
        if index.is_file() and PurePosixPath(gazette.name, "index.html") not in pages:
            index.unlink()
            removed.append(PurePosixPath(gazette.name, "index.html"))
        if not any(gazette.iterdir()):
            gazette.rmdir()
    return removed


def build_site(root: Path, out: Path, *, site: WebSite | None = None, dist: Path | None = None,
               force: bool = False, executor: str = "local", scheduler: str | None = None,
               workers: int | None = None) -> SiteReport:
    """Build the website of every issue under ``root`` into ``out`` (see the module steps).

    ``dist``: also keep each issue's lone edition there (``gazette build``'s output).
    ``force``: rebuild every issue even when its output is up to date.
    ``executor``, ``scheduler``, ``workers``: where the issues are rendered
    (:func:`gazette_pub.executors.map_tasks`); print editions are reused from
    :func:`site_cache` when their print HTML did not change (:mod:`gazette_pub.cache`).
    """
    site = site or WebSite()
    report = SiteReport()
    for folder in (out, dist) if dist else (out,):
        check_output_folder(folder)
    logger.info("Site step 1 - Loading the issues under %s", root)
    loaded = load_issues(root)
    shared = shared_inputs_digest(site)
    cache = site_cache()
    calls = {}
    neighbours = issue_neighbours([issue for _, issue in loaded])
    for folder, issue in loaded:
        before, after = neighbours[issue.folder]
        place = f"{before.slug if before else ''}/{after.slug if after else ''}"
        digest = issue_inputs_digest(folder, shared + place.encode())
        outputs = [out] + ([dist] if dist else [])
        if not force and all(_stored_digest(o, issue) == digest for o in outputs):
            logger.info("Site step 2 - %s %s is up to date", issue.gazette.name, issue.label)
            report.reused.append(issue)
            continue
        calls[str(folder)] = functools.partial(site_issue, folder, site, digest, cache,
                                               neighbours[issue.folder])
    logger.info("Site step 3 - Rendering %d issues (%s)", len(calls), executor)
    results = {r.key: r for r in map_tasks(calls, executor=executor, scheduler=scheduler,
                                           workers=workers)}
    problems = [problem for r in results.values() for problem in r.problems]
    if problems:
        raise IssueBuildsFailed(problems)
    rebuilt: list[IssueBuild] = [results[key].value for key in calls]
    issues = [issue for _, issue in loaded]
    pages = site_pages(issues, site) | _assets()
    # All data is gathered; start writing. Issue folders first: the search index reads them.
    for built in rebuilt:
        write_issue(built, out)
        if dist:
            write_issue(lone_edition(built), dist)
        report.rebuilt.append(built.issue)
    report.written += _write_changed(out, pages)
    report.written += remove_stale(out, issues, pages)
    if dist:
        remove_stale(dist, issues, {})
    if rebuilt or report.written or not (out / urls.search_bundle() / "pagefind.js").is_file():
        logger.info("Site step 6 - Indexing %d issues for search", len(issues))
        built_pages = {built.issue.folder: built.pages for built in rebuilt}
        report.written += _sync_search(out, build_index(
            [(issue, built_pages.get(issue.folder) or printed_pages(out, issue))
             for issue in issues]))
    logger.info("Site: %d issues rebuilt, %d up to date, %d site files written",
                len(report.rebuilt), len(report.reused), len(report.written))
    return report
