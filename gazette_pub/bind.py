"""``gazette volume``: bind a year's issues into its volume (合订本), in parallel.

Steps of :func:`bind_volume`:

1. find and load the year's issues (:func:`volume.year_issue_dirs`);
2. count each issue's body pages, one task per issue on the executor — free for an
   issue built before into the same output, whose print edition the build cache keeps.
   An issue's page count does not depend on the number its first page carries, so the
   volume numbers follow from the counts (:func:`volume.plan_volume`);
3. lay out each issue again with its body numbered from its volume page, one task per
   issue on the executor (the process pool or Dask: a worker holds one issue's layout,
   never the volume's), and the front matter as one more task;
4. merge with pypdf (:func:`render.volume_pdf.merge_volume`);
5. write the PDF and the volume's HTML index atomically (:func:`write_volume`).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from . import urls
from .cache import BuildCache
from .errors import ManifestError
from .executors import map_tasks
from .manifest import load_issue
from .pipeline import print_edition, print_key
from .render.pdf import PrintedIssue
from .themes import Theme, issue_theme
from .volume import IssueCount, Volume, plan_volume, year_issue_dirs

logger = logging.getLogger(__name__)

MIB = 1024 * 1024


def count_issue(folder: Path, cache_dir: str | None) -> IssueCount:
    """Step 2 for one issue (a picklable task): its own print edition, from the cache
    when it was built before, and how its pages are numbered."""
    cache = BuildCache(Path(cache_dir)) if cache_dir else None
    issue = cache.load_manifest(folder) if cache else load_issue(folder)
    theme = issue_theme(issue)
    printed, _ = print_edition(issue, theme, cache)
    numbered = [i for i, label in enumerate(printed.page_labels) if label is not None]
    first_index = numbered[0] if numbered else printed.page_count
    first_number = (printed.page_labels[first_index] if numbered
                    else theme.print.first_body_page)
    return IssueCount(folder, issue, first_index, len(numbered), first_number, printed.pages)


def numbered_theme(theme: Theme, first_number: int) -> Theme:
    """``theme`` with the body's first page numbered ``first_number``."""
    return replace(theme, print=replace(theme.print, first_body_page=first_number))


def layout_issue(folder: Path, first_number: int, cache_dir: str | None) -> PrintedIssue:
    """Step 3 for one issue (a picklable task): its print edition numbered for the volume.

    Kept in the cache as a ``volume`` record: the print edition only — a volume needs no
    per-document cuts, which :func:`pipeline.print_edition` would make and store too.
    """
    from .cache import issue_group
    from .render.pdf import print_html, render_issue_pdf
    cache = BuildCache(Path(cache_dir)) if cache_dir else None
    issue = cache.load_manifest(folder) if cache else load_issue(folder)
    theme = numbered_theme(issue_theme(issue), first_number)
    html = print_html(issue, theme)
    key = print_key(issue, theme, html) if cache else None
    printed = cache.load("volume", key, group=issue_group(folder)) if key else None
    if printed is None:
        printed = render_issue_pdf(issue, theme, html=html)
        if key:
            cache.store("volume", key, printed, group=issue_group(folder))
    return printed


def gather(calls: dict[str, Any], executor_options: dict) -> dict[str, Any]:
    """Run ``calls`` on the executor; every problem of every failed task at once."""
    results, problems = {}, []
    # One issue per pool worker: a worker's peak memory is one issue's layout, however
    # many issues the year has (WeasyPrint keeps memory between renders, upstream #2130).
    for result in map_tasks(calls, max_tasks_per_child=1, **executor_options):
        logger.debug("Task %s: %.2f s on %s, peak RSS %d MiB", result.key, result.seconds,
                     result.worker, result.peak_rss // MIB)
        if result.value is None:
            problems.extend(result.problems)
        else:
            results[result.key] = result.value
    if problems:
        raise ManifestError(problems)
    return results


def bind_volume(gazette_dir: Path, year: int, *, cache_dir: str | None = None,
                executor_options: dict | None = None) -> tuple[Volume, bytes]:
    """The volume of ``year`` and its PDF (steps 1–4 of the module doc)."""
    from .render.volume_pdf import front_matter_pdf, merge_volume
    options = executor_options or {"executor": "local"}
    folders = year_issue_dirs(gazette_dir, year)
    logger.info("Step 1 - Binding %d issues of %s", len(folders), year)
    logger.info("Step 2 - Counting the pages of each issue")
    counted = gather({str(f): functools.partial(count_issue, f, cache_dir) for f in folders},
                     options)
    volume = plan_volume(gazette_dir, year, [counted[str(f)] for f in folders])
    logger.info("Step 3 - Laying out %d issues with their volume page numbers",
                len(volume.issues))
    calls: dict[str, Any] = {"front": functools.partial(front_matter_pdf, volume)}
    for bound in volume.issues:
        calls[bound.count.issue.slug] = functools.partial(
            layout_issue, bound.count.folder, bound.first_number, cache_dir)
    laid_out = gather(calls, options)
    logger.info("Step 4 - Merging the volume")
    pdf = merge_volume(volume, laid_out.pop("front"),
                       [laid_out[b.count.issue.slug] for b in volume.issues])
    return volume, pdf


def volume_page(volume: Volume, page_count: int) -> str:
    """The volume's HTML index (``web/volume.html``): its PDF and its 年度总目录 linking
    to each document's page in its issue."""
    from .render.html import render_page, screen_stylesheets
    from .render.templating import make_environment
    first = volume.issues[0].count.issue
    theme = issue_theme(first)
    path = urls.volume_page(first.gazette, volume.year)
    title = f"{volume.name} {volume.year}年合订本"
    return render_page(make_environment(theme), "web/volume.html", path, site=None, crumbs=[],
                       og={"og:title": title, "og:type": "website", "og:locale": "zh_CN"},
                       stylesheets=tuple(screen_stylesheets(theme)), volume=volume,
                       volume_pdf=urls.volume_pdf(first.gazette, volume.year),
                       page_count=page_count)


def write_volume(volume: Volume, pdf: bytes, out: Path) -> PurePosixPath:
    """Write the volume's PDF and HTML index into ``out`` (one atomic folder swap);
    return the PDF's path relative to ``out``."""
    from pypdf import PdfReader
    import io
    from .pipeline import write_folder
    gazette = volume.issues[0].count.issue.gazette
    folder = urls.volume_dir(gazette, volume.year)
    page_count = len(PdfReader(io.BytesIO(pdf)).pages)
    files = {PurePosixPath(urls.volume_pdf(gazette, volume.year).name): pdf,
             PurePosixPath("index.html"): volume_page(volume, page_count).encode("utf-8")}
    write_folder(files, out, folder)
    return urls.volume_pdf(gazette, volume.year)
