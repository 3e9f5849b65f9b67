"""Build one or more issues: read and assemble everything, then write atomically."""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from . import urls
from .checks import check_output
from .manifest import export_json, load_issue
from .model import Issue
from .themes import load_theme

if TYPE_CHECKING:
    from .cache import BuildCache
    from .render.html import WebSite
    from .render.pdf import PrintedIssue
    from .themes import Theme

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssueBuild:
    """What one issue build produced (site-relative paths → bytes), before writing."""

    issue: Issue
    files: dict[PurePosixPath, bytes]
    pages: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Element id → printed page (``PrintedIssue.anchors``): print-page marks on the web.
    anchors: dict[str, int | None] = field(default_factory=dict)


@dataclass
class BuildReport:
    built: list[IssueBuild] = field(default_factory=list)

    @property
    def files(self) -> list[PurePosixPath]:
        return [p for b in self.built for p in b.files]


def find_issue_dirs(root: str | Path) -> list[Path]:
    """Issue folders under ``root`` (``<gazette>/<year>-<NN>/issue.toml``), sorted."""
    root = Path(root)
    if (root / "issue.toml").is_file():
        return [root]
    return sorted(p.parent for p in root.glob("*/*/issue.toml"))


def assemble_issue(folder: Path, *, pdf: bool = True, html: bool = True,
                   site: WebSite | None = None, cache: BuildCache | None = None) -> IssueBuild:
    """Render one issue in memory.

    1. load and validate the issue folder (all problems at once);
    2. render the print PDF (glyph check, layout) and cut one PDF per document;
    3. render the HTML edition with the printed pages (as pages of ``site`` when given),
       and its tables as CSV and JSON;
    4. export the manifest JSON with ``pages`` filled in.
    """
    from .render.html import issue_pages, screen_stylesheets, table_downloads

    logger.info("Step 1 - Reading %s", folder)
    issue = cache.load_manifest(folder) if cache else load_issue(folder)
    theme = load_theme(issue.gazette.theme)
    files: dict[PurePosixPath, bytes] = {}
    pages: dict[str, tuple[int, int]] = {}
    anchors: dict[str, int | None] = {}
    if pdf:
        logger.info("Step 2 - Rendering the print edition of %s", issue.label)
        printed, cuts = print_edition(issue, theme, cache)
        pages, anchors = printed.pages, printed.anchors
        files[urls.issue_pdf(issue)] = printed.pdf
        for doc in issue.documents:
            files[urls.document_pdf(issue, doc)] = cuts[doc.id]
    if html:
        logger.info("Step 5 - Rendering the HTML edition of %s", issue.label)
        for path, text in issue_pages(issue, theme, pages=pages, anchors=anchors, with_pdf=pdf,
                                      site=site).items():
            files[path] = text.encode("utf-8")
        files.update(table_downloads(issue))
        for path, sheet in screen_stylesheets(theme).items():
            files[path] = sheet.read_bytes()
    # Nothing of the authoritative text may be lost and no page may run code (checks.py).
    check_output(issue, files)
    files[urls.manifest_json(issue)] = export_json(issue, pages or None).encode("utf-8")
    return IssueBuild(issue, files, pages, anchors)


def print_key(issue: Issue, theme: Theme, html: str) -> str:
    """The ``print`` cache key: print HTML, print CSS with the theme's values, the issue
    folder's files (images and other resources the HTML only names), the code digest."""
    from .cache import code_digest, digest, input_digest
    from .render.pdf import theme_values
    values = sorted(theme_values(theme, issue).items())
    sheets = [p.read_bytes() for p in theme.print_css]
    inputs = input_digest(Path(issue.folder)) if issue.folder else ""
    return digest("print", code_digest(), inputs, html, repr(values), *sheets)


def print_edition(issue: Issue, theme: Theme,
                  cache: BuildCache | None) -> tuple[PrintedIssue, dict[str, bytes]]:
    """The print edition of ``issue`` and its per-document PDFs (document id → bytes).

    1. render the print HTML (cheap, and it decides everything the layout does);
    2. with a cache, return the ``print`` record of that HTML, CSS and theme if there is one;
    3. otherwise lay it out and write the PDF, cut it per document, and store the record.
    """
    from .cache import issue_group
    from .render.pdf import cut_documents, print_html, render_issue_pdf
    html = print_html(issue, theme)
    key = print_key(issue, theme, html) if cache else None
    group = issue_group(Path(issue.folder)) if key is not None else None
    if key is not None:
        record = cache.load("print", key, group=group)
        if record is not None:
            logger.info("Step 2 - Print edition of %s unchanged: reusing it", issue.label)
            return record
    printed = render_issue_pdf(issue, theme, html=html)
    record = (printed, cut_documents(issue, printed))
    if key is not None:
        cache.store("print", key, record, group=group)
    return record


def build(folders: list[Path], out: Path, *, pdf: bool = True, html: bool = True) -> BuildReport:
    """Build every issue folder into ``out``; nothing is written unless all succeed."""
    report = BuildReport()
    for folder in folders:
        report.built.append(assemble_issue(folder, pdf=pdf, html=html))
    # All data is gathered; start writing. Each issue folder is replaced in one rename,
    # so a failed or killed build leaves the previous output intact.
    for built in report.built:
        write_issue(built, out)
    return report


def write_issue(built: IssueBuild, out: Path) -> None:
    """Write one issue's files into ``out``, replacing its folder atomically.

    1. take the output folder's lock, so that concurrent builds write in turn;
    2. remove what a killed build left (``.staging-*``, ``.retired-*`` of this issue);
    3. write every file into a staging folder next to the issue folder;
    4. swap the staging folder in with one atomic exchange; a build killed at any
       point leaves either the previous folder or the new one, never a mix.
    """
    out.mkdir(parents=True, exist_ok=True)
    target = out / urls.issue_dir(built.issue)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out / LOCK_FILE):
        retired = sorted(target.parent.glob(f".retired-{target.name}-*"))
        if retired and not target.exists():  # killed between the two fallback renames
            os.replace(retired[-1], target)
        for pattern in (f".staging-{target.name}-*", f".retired-{target.name}-*"):
            for stale in target.parent.glob(pattern):
                shutil.rmtree(stale, ignore_errors=True)
        _write_staged(built, out, target)


#: Lock file in an output folder, held while a build writes into it.
LOCK_FILE = ".gazette-build.lock"


@contextlib.contextmanager
def _locked(path: Path):
    """Hold an exclusive ``flock`` on ``path`` (released when the process dies, too)."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_staged(built: IssueBuild, out: Path, target: Path) -> None:
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{target.name}-", dir=target.parent))
    try:
        for path, data in built.files.items():
            relative = PurePosixPath(*path.parts[2:]) if path.parts[:2] == urls.issue_dir(built.issue).parts else None
            dest = staging / relative if relative is not None else out / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            _write_if_changed(dest, data)
        _swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_if_changed(dest: Path, data: bytes) -> None:
    if dest.exists() and dest.read_bytes() == data:
        return
    tmp = dest.with_name(f".{dest.name}.tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, dest)


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging``; files with unchanged bytes keep their mtime."""
    if target.exists():
        for old in target.rglob("*"):
            new = staging / old.relative_to(target)
            if old.is_file() and new.is_file() and old.read_bytes() == new.read_bytes():
                # Keep the old inode and mtime (nothing changed), with a hard link: the
                # old folder stays complete until the exchange below.
                link = new.with_name(f".{new.name}.link")
                os.link(old, link)
                os.replace(link, new)
        retired = target.with_name(f".retired-{target.name}-{os.getpid()}")
        if _exchange(staging, target):
            os.replace(staging, retired)  # ``staging`` now holds the previous output
        else:  # a moment without ``target``: write_issue restores ``retired`` if killed here
            os.replace(target, retired)
            os.replace(staging, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, target)


#: renameat2(2) flag: swap two paths atomically (Linux ≥ 3.15; ext4, xfs, btrfs, tmpfs).
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap the folders ``a`` and ``b`` in one atomic step (renameat2 RENAME_EXCHANGE);
    False when the C library or the file system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None and renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD,
                                           os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    logger.debug("renameat2 exchange unavailable (errno %d); two renames", ctypes.get_errno())
    return False


def write_folder(files: dict[PurePosixPath, bytes], out: Path, target: PurePosixPath) -> None:
    """Replace the folder ``out/target`` by one holding ``files`` (paths relative to it),
    atomically and under ``out``'s lock, as :func:`write_issue` does for an issue (the
    bound volume's folder, :mod:`gazette_pub.bind`)."""
    folder = Path(out) / target
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _locked(Path(out) / LOCK_FILE):
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{folder.name}-", dir=folder.parent))
        try:
            for path, data in files.items():
                dest = staging / path
                dest.parent.mkdir(parents=True, exist_ok=True)
                _write_if_changed(dest, data)
            staging.chmod(0o755)  # mkdtemp's 0700 would hide the folder from a web server
            _swap_in(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
