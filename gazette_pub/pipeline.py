"""Build one or more issues: read and assemble everything, then write atomically."""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from . import urls
from .checks import check_output, missing_metadata
from .errors import ManifestError, OutputError, Problem, WriteError
from .export import export_json
from .manifest import load_issue
from .model import Issue
from .themes import issue_theme

if TYPE_CHECKING:
    from .cache import BuildCache
    from .render.html import WebSite
    from .render.pdf import PrintedIssue, PrintOptions
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
    """Issue folders under ``root``, sorted: ``root`` itself (an issue folder), the issues
    of a gazette's folder (``<year>-<NN>/issue.toml`` next to its ``gazette.toml``), or
    those of a folder of gazettes (``<gazette>/<year>-<NN>/issue.toml``)."""
    root = Path(root)
    marker = root / "issue.toml"
    if marker.exists() or marker.is_symlink():  # not only a regular one: the loader says why
        return [root]
    if (root / "gazette.toml").is_file():
        return sorted(p.parent for p in root.glob("*/issue.toml"))
    return sorted(p.parent for p in root.glob("*/*/issue.toml"))


def assemble_issue(folder: Path, *, pdf: bool = True, html: bool = True,
                   site: WebSite | None = None, cache: BuildCache | None = None,
                   variants: tuple[PrintOptions, ...] = ()) -> IssueBuild:
    """Render one issue in memory.

    1. load and validate the issue folder (all problems at once; a draft missing its
       year, 期, date or gazette name is refused, :func:`checks.missing_metadata`);
    2. render the print PDF (glyph check, layout) and cut one PDF per document;
    3. render the HTML edition with the printed pages (as pages of ``site`` when given),
       and its tables as CSV and JSON;
    4. export the manifest JSON with ``pages`` filled in.

    ``variants``: also the issue PDF written with each of these options (an archive
    variant such as PDF/A-3b, printer's marks), text-checked like the print edition and
    written with the rest of the issue's files (:func:`print_variant`).
    """
    from .render.html import issue_pages, screen_stylesheets, table_downloads

    logger.info("Step 1 - Reading %s", folder)
    issue = cache.load_manifest(folder) if cache else load_issue(folder)
    if missing := missing_metadata(issue):
        raise ManifestError(missing)  # a draft: year, 期, date or gazette name not known yet
    theme = issue_theme(issue)
    files: dict[PurePosixPath, bytes] = {}
    pages: dict[str, tuple[int, int]] = {}
    anchors: dict[str, int | None] = {}
    laid_out: dict[str, str] | None = None
    if pdf:
        logger.info("Step 2 - Rendering the print edition of %s", issue.label)
        printed, cuts = print_edition(issue, theme, cache)
        pages, anchors, laid_out = printed.pages, printed.anchors, printed.texts
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
    for options in variants:
        logger.info("Step 2 - Rendering %s as %s", issue.label, options.suffix.lstrip("."))
        path, data = print_variant(issue, theme, options)
        files[path] = data
    # Nothing of the authoritative text may be lost and no page may run code (checks.py).
    check_output(issue, files, laid_out)
    files[urls.manifest_json(issue)] = export_json(issue, pages or None).encode("utf-8")
    return IssueBuild(issue, files, pages, anchors)


def print_variant(issue: Issue, theme: Theme, options: PrintOptions
                  ) -> tuple[PurePosixPath, bytes]:
    """The issue PDF written with ``options``: its path (the issue PDF's name plus
    :attr:`PrintOptions.suffix`, e.g. ``demo-2024-01.pdf-a-3b.pdf``) and bytes, after the
    text check of every document laid out in it (as for the plain print edition)."""
    from .checks import text_conservation, text_layer_problems
    from .render.pdf import render_issue_pdf
    printed = render_issue_pdf(issue, theme, options=options)
    relative = urls.issue_pdf(issue)
    path = relative.with_name(relative.stem + options.suffix + ".pdf")
    # The laid-out text of each document's pages (no cut PDFs needed) and the text layer.
    problems = (text_conservation(issue, {}, printed.texts)
                + text_layer_problems(printed.pdf, path, printed.texts.values()))
    if problems:
        raise OutputError([Problem(p.path, f"{path.name}: {p.message}", p.line, p.field)
                           for p in problems])
    return path, printed.pdf


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
    check_output_folder(out)
    report = BuildReport()
    for folder in folders:
        report.built.append(assemble_issue(folder, pdf=pdf, html=html))
    # All data is gathered; start writing. Each issue folder is replaced in one rename,
    # so a failed or killed build leaves the previous output intact.
    for built in report.built:
        write_issue(built, out)
    return report


# ----------------------------------------------------------------------------- writing

#: Modes of everything written: outputs are published by web servers running as other users.
FOLDER_MODE = 0o755
FILE_MODE = 0o644

#: Lock file in an output folder, held while a build writes into it.
LOCK_FILE = ".gazette-build.lock"


@dataclass
class WriteLog:
    """What this process has replaced in its outputs so far: the CLI says what an
    interrupted command (Ctrl-C) actually changed."""

    #: Issue folders swapped in, and single files (site pages) replaced, in order.
    replaced: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        if not self.replaced:
            return "nothing was written; the previous output is intact"
        shown = ", ".join(map(str, self.replaced[:5])) + (" …" if len(self.replaced) > 5 else "")
        return (f"{len(self.replaced)} output(s) had already been replaced, each complete "
                f"({shown}); everything else keeps its previous version")


#: The write log of this process (reset by the CLI before each command).
WRITE_LOG = WriteLog()


@contextlib.contextmanager
def named_os_errors(path: Path, doing: str = "cannot write", *, shown: Path | None = None):
    """Turn an OSError into a :class:`WriteError` naming the file: ``shown`` (the final
    name of a file being staged), else the error's own file name, else ``path`` (a full
    disk's ENOSPC, raised by ``write()``, names no file)."""
    try:
        yield
    except OSError as exc:
        where = shown or (exc.filename if exc.filename is not None else path)
        raise WriteError(f"{doing}: {exc.strerror or exc}", path=where) from None


def check_output_folder(out: Path) -> None:
    """Refuse an output folder that cannot be one before anything is rendered: a regular
    file, or a folder under one, or a folder this process may not write into."""
    for path in (Path(out), *Path(out).absolute().parents):
        if path.is_dir():
            if not os.access(path, os.W_OK | os.X_OK):
                raise WriteError("output folder is not writable", path=path)
            return
        if path.exists() or path.is_symlink():
            raise WriteError("is not a folder (the output must be one); choose another --out",
                             path=path)


def make_folders(folder: Path) -> None:
    """``folder`` and its missing parents, each created world-readable (:data:`FOLDER_MODE`);
    a file in the way is a :class:`WriteError` naming it."""
    missing = []
    for path in (folder, *folder.parents):
        if path.is_dir():
            break
        if path.exists() or path.is_symlink():
            if path.is_dir():  # made by a concurrent build between the two looks
                break
            raise WriteError("is a file where the output needs a folder; move it away",
                             path=path)
        missing.append(path)
    for path in reversed(missing):
        with named_os_errors(path, "cannot create folder"):
            try:
                os.mkdir(path)
            except FileExistsError:  # made by a concurrent build meanwhile
                continue
            os.chmod(path, FOLDER_MODE)


def write_issue(built: IssueBuild, out: Path) -> None:
    """Write one issue's files into ``out``, replacing its folder atomically.

    1. take the output folder's lock, so that concurrent builds write in turn;
    2. remove what a killed build left (``.staging-*``, ``.retired-*`` of this issue);
    3. write every file into a staging folder next to the issue folder;
    4. swap the staging folder in with one atomic exchange; a build killed at any
       point leaves either the previous folder or the new one, never a mix.

    An OS error (full or read-only disk) is a :class:`WriteError` naming the file, raised
    after the staging folder was removed: the previous output stays as it was.
    """
    target = Path(out) / urls.issue_dir(built.issue)
    make_folders(target.parent)
    with _locked(Path(out) / LOCK_FILE):
        retired = sorted(target.parent.glob(f".retired-{target.name}-*"))
        if retired and not target.exists():  # killed between the two fallback renames
            with named_os_errors(target, "cannot restore the previous output"):
                os.replace(retired[-1], target)
        for pattern in (f".staging-{target.name}-*", f".retired-{target.name}-*"):
            for stale in target.parent.glob(pattern):
                _remove(stale)
        _write_staged(built, Path(out), target)


@contextlib.contextmanager
def _locked(path: Path):
    """Hold an exclusive ``flock`` on ``path`` (released when the process dies, too)."""
    with named_os_errors(path, "cannot take the build lock"):
        handle = open(path, "a")
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove(path: Path) -> None:
    """Remove a leftover folder; a symbolic link is unlinked, never followed."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _write_staged(built: IssueBuild, out: Path, target: Path) -> None:
    with named_os_errors(target.parent, "cannot create a staging folder", shown=target.parent):
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{target.name}-", dir=target.parent))
    try:
        with named_os_errors(staging, shown=target):
            os.chmod(staging, FOLDER_MODE)  # mkdtemp makes it 0700: unreadable when served
        own = urls.issue_dir(built.issue).parts
        for path, data in built.files.items():
            inside = path.parts[:2] == own
            dest = staging / PurePosixPath(*path.parts[2:]) if inside else out / path
            _write_if_changed(dest, data, shown=out / path)
        _swap_in(staging, target)
    finally:
        _remove(staging)


def _write_if_changed(dest: Path, data: bytes, shown: Path | None = None) -> None:
    """Write ``data`` to ``dest`` through a temporary file and one rename, unless it holds
    those bytes already; the temporary file never outlives an error. Errors name
    ``shown`` (where a staged file will be) or ``dest``."""
    if dest.is_file() and not dest.is_symlink() and dest.read_bytes() == data:
        return
    make_folders(dest.parent)
    tmp = dest.with_name(f".{dest.name}.tmp{os.getpid()}")
    try:
        with named_os_errors(dest, shown=shown):
            with open(tmp, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, FILE_MODE)
            os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def replace_folder(target: Path, files: dict[PurePosixPath, bytes], *,
                   keep: Callable[[PurePosixPath], bool] = lambda path: False) -> None:
    """Make the folder ``target`` hold exactly ``files`` (relative paths → bytes), plus the
    files of the previous folder for which ``keep(relative path)`` is true, in one swap.

    The new folder is staged next to ``target`` and exchanged with it as
    :func:`write_issue` does: an error or a kill at any point leaves the previous folder
    whole (``gazette import --force``). Kept files are hard links (copies across file
    systems); leftovers of a killed run under this name are removed first.
    """
    target = Path(target).absolute()  # "." has no name to stage beside
    make_folders(target.parent)
    for pattern in (f".staging-{target.name}-*", f".retired-{target.name}-*"):
        for stale in target.parent.glob(pattern):
            _remove(stale)
    with named_os_errors(target.parent, "cannot create a staging folder", shown=target.parent):
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{target.name}-", dir=target.parent))
    try:
        with named_os_errors(staging, shown=target):
            os.chmod(staging, FOLDER_MODE)
            if target.is_dir():
                for old in sorted(target.rglob("*")):
                    relative = PurePosixPath(old.relative_to(target).as_posix())
                    if old.is_file() and not old.is_symlink() and relative not in files \
                            and keep(relative):
                        make_folders((staging / relative).parent)
                        try:
                            os.link(old, staging / relative)
                        except OSError:
                            shutil.copy2(old, staging / relative)
        for relative, data in files.items():
            _write_if_changed(staging / relative, data, shown=target / relative)
        _swap_in(staging, target)
    finally:
        _remove(staging)


def write_new_files(folder: Path, files: dict[PurePosixPath, bytes], *,
                    last: PurePosixPath) -> None:
    """Write ``files`` into the existing ``folder``, ``last`` at the end: each file through
    a temporary file and one rename, so ``last`` (the file that makes the others count,
    such as an issue.toml listing them) is the commit point. If anything fails before
    it, the files this call created are removed and those it replaced are not touched
    (only new names may precede ``last``)."""
    created: list[Path] = []
    try:
        for relative, data in files.items():
            if relative != last:
                dest = Path(folder) / relative
                if not dest.exists():
                    created.append(dest)
                _write_if_changed(dest, data)
        _write_if_changed(Path(folder) / last, files[last])
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    WRITE_LOG.replaced.append(Path(folder) / last)


def write_site_file(out: Path, path: PurePosixPath, data: bytes) -> bool:
    """Write one file of a site (not of an issue folder) unless unchanged; True if written."""
    dest = Path(out) / path
    if dest.is_file() and not dest.is_symlink() and dest.read_bytes() == data:
        return False
    _write_if_changed(dest, data)
    WRITE_LOG.replaced.append(dest)
    return True


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging``; files with unchanged bytes keep their mtime."""
    if not (target.exists() or target.is_symlink()):
        with named_os_errors(target):
            os.replace(staging, target)
        WRITE_LOG.replaced.append(target)
        return
    with named_os_errors(staging, shown=target):
        for old in target.rglob("*"):
            new = staging / old.relative_to(target)
            if (old.is_file() and new.is_file() and not os.path.samefile(old, new)
                    and old.read_bytes() == new.read_bytes()):
                # Keep the old inode and mtime (nothing changed), with a hard link: the
                # old folder stays complete until the exchange below.
                link = new.with_name(f".{new.name}.link")
                os.link(old, link)
                os.chmod(link, FILE_MODE)
                os.replace(link, new)
    retired = target.with_name(f".retired-{target.name}-{os.getpid()}")
    with named_os_errors(target):
        if _exchange(staging, target):
            WRITE_LOG.replaced.append(target)
            os.replace(staging, retired)  # ``staging`` now holds the previous output
        else:  # a moment without ``target``: write_issue restores ``retired`` if killed here
            os.replace(target, retired)
            try:
                os.replace(staging, target)
            except OSError:
                os.replace(retired, target)
                raise
            WRITE_LOG.replaced.append(target)
    # A symbolic link to the previous output is unlinked: what it points to is not ours.
    _remove(retired)


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
