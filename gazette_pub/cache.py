"""The build cache: content-addressed records, so a rebuild redoes only what changed.

Records live under ``<out>/.cache/<kind>/<key[:2]>/<key>.pickle`` (``--no-cache`` turns the
cache off; deleting the folder is always safe). A key is the SHA-256 of everything the
record was computed from, so a record is never stale: an edit changes the key and the old
record is simply not found again. What each kind is computed from, and so what invalidates it:

``issue``
    key: the issue folder's files, its ``gazette.toml``, the theme's files (TOML, CSS, its
    templates and the default templates), the code digest and the build options. A hit
    saves the whole build: the outputs already in ``out`` are kept.
``manifest``
    key: the issue folder's files, its ``gazette.toml``, the code digest. A hit saves
    parsing the manifest.
``print``
    key: the print HTML, the print CSS with the theme's values, the issue folder's files
    (images the HTML names), the code digest. A hit saves layout, PDF writing and
    cutting the per-document PDFs (the key and the lookup are in
    :func:`gazette_pub.pipeline.print_edition`: this module knows no renderer, so the
    renderers can keep their per-machine facts here without an import cycle).

So an edited document re-renders its own issue only; a web-only template change
re-renders the HTML editions but reuses every print PDF (the print HTML is unchanged); a
print template or a theme change re-lays out the issues that use it and no other.

The *code digest* covers gazette_pub's own sources and the versions of the libraries that
shape the output (:data:`OUTPUT_LIBRARIES`), so upgrading WeasyPrint starts cold. Installed
font files are not part of any key: after changing fonts, build once with ``--no-cache``.

Facts about the machine rather than the issue (the code points each installed font face
covers, read for the glyph check) are kept per user in :func:`machine_cache_dir`, keyed by
the font file's path, size and modification time (:func:`remember_for_file`).

Records are pickles written by this program into the output folder it owns; the cache is
as trusted as the output folder itself (never point ``out`` at a folder others write to).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import tempfile
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import themes
from .errors import GazetteError
from .files import fingerprint, read_regular

if TYPE_CHECKING:
    from .model import Issue
    from .themes import Theme

logger = logging.getLogger(__name__)

#: Folder of the cache inside an output folder.
CACHE_DIRNAME = ".cache"

#: Records kept per issue and kind (the current one and the versions before it).
KEEP_PER_GROUP = 3

#: Distributions whose version is part of every key: they decide the bytes we write.
OUTPUT_LIBRARIES = ("weasyprint", "pydyf", "pypdf", "jinja2", "fonttools")

PACKAGE_DIR = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=None)
def code_digest() -> str:
    """Hash of gazette_pub's source files and the versions of :data:`OUTPUT_LIBRARIES`."""
    h = hashlib.sha256()
    for name in OUTPUT_LIBRARIES:
        h.update(f"{name}={metadata.version(name)}\n".encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        _add_file(h, path, PACKAGE_DIR)
    return h.hexdigest()


def _add_file(h, path: Path, root: Path) -> None:
    """Hash ``path``'s name and bytes (:func:`gazette_pub.files.fingerprint`: a stray file
    in an issue folder larger than an issue may be costs neither memory nor time)."""
    from .manifest import MAX_ISSUE_BYTES
    h.update(f"{path.relative_to(root).as_posix()}\0{path.stat().st_size}\0".encode())
    h.update(fingerprint(path, limit=MAX_ISSUE_BYTES))


def _add_tree(h, root: Path, *, skip: frozenset[str] = frozenset()) -> None:
    """Hash every regular file under ``root`` (names and bytes), except hidden ones, ``skip``
    dirs and symbolic links (the loader refuses them; a FIFO or device is never opened)."""
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if (path.is_file() and not path.is_symlink() and parts[0] not in skip
                and not any(p.startswith(".") for p in parts)):
            _add_file(h, path, root)


def input_digest(folder: Path) -> str:
    """Hash of what :func:`manifest.load_issue` reads: the issue folder and its gazette.toml."""
    from .manifest import gazette_file
    h = hashlib.sha256(b"issue-inputs\0")
    gazette_toml = gazette_file(folder)
    if gazette_toml.is_file():
        _add_file(h, gazette_toml, gazette_toml.parent)
    _add_tree(h, folder)
    return h.hexdigest()


def theme_digest(theme: Theme) -> str:
    """Hash of the theme's files: TOML, style sheets and the templates it can load.

    The default template folder holds the overrides of every theme under ``themes/``;
    only this theme's own override folder (first in ``template_dirs``) counts.
    """
    h = hashlib.sha256(f"theme\0{theme.name}\0".encode())
    folder = theme.folder or themes.theme_folder(theme.name)
    if folder.is_dir():
        _add_tree(h, folder)
    for sheet in theme.print_css + theme.screen_css:
        _add_file(h, sheet, sheet.parent)
    for template_dir in theme.template_dirs:
        _add_tree(h, template_dir, skip=frozenset({"themes"}))
    return h.hexdigest()


def theme_name_of(folder: Path) -> str:
    """The theme named by the issue's ``gazette.toml`` (``default`` when unreadable or not
    installed: the build itself then reports the problem with file and line)."""
    from .manifest import MAX_DOCUMENT_BYTES, gazette_file
    try:
        data = tomllib.loads(read_regular(gazette_file(folder),
                                          limit=MAX_DOCUMENT_BYTES).decode("utf-8"))
    except (GazetteError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return "default"
    gazette = data.get("gazette")
    theme = gazette.get("theme", "default") if isinstance(gazette, dict) else "default"
    gazette_dir = gazette_file(folder).parent
    return (theme if isinstance(theme, str) and themes.unknown_theme(theme, gazette_dir) is None
            else "default")


def issue_group(folder: Path) -> str:
    """The cache group of an issue folder: its records are pruned together."""
    return digest("group", str(Path(folder).resolve()))[:16]


def digest(*parts: str | bytes) -> str:
    """SHA-256 of ``parts``, each length-prefixed so that no two sequences collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(f"{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


@dataclass(frozen=True)
class IssueRecord:
    """What the ``issue`` record keeps: the model and the hashes of the files written.

    The files themselves stay in ``out`` only; a hit is honoured when every one of them
    is still there with the same bytes.
    """

    issue: Issue
    pages: dict[str, tuple[int, int]]
    #: Site-relative path → SHA-256 of the bytes written there.
    files: dict[PurePosixPath, str]


@dataclass
class BuildCache:
    """A content-addressed record store under ``root``; counts its hits and misses."""

    root: Path
    hits: Counter = field(default_factory=Counter)
    misses: Counter = field(default_factory=Counter)
    #: Theme name → :func:`theme_digest`, computed once per cache object (one build run).
    theme_digests: dict[tuple[str, Path], str] = field(default_factory=dict)

    @classmethod
    def for_output(cls, out: Path) -> BuildCache:
        return cls(Path(out) / CACHE_DIRNAME)

    def _path(self, kind: str, key: str, group: str | None) -> Path:
        return self.root / kind / (group or key[:2]) / f"{key}.pickle"

    def load(self, kind: str, key: str, *, group: str | None = None) -> Any | None:
        """The record ``kind``/``key``, or None (also for a record that cannot be read)."""
        path = self._path(kind, key, group)
        try:
            with path.open("rb") as f:
                value = pickle.load(f)
            os.utime(path)  # recently used: the last to be pruned
        except FileNotFoundError:
            value = None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            logger.warning("Ignoring unreadable cache record %s: %s", path, exc)
            value = None
        (self.hits if value is not None else self.misses)[kind] += 1
        return value

    def store(self, kind: str, key: str, value: Any, *, group: str | None = None) -> None:
        """Write a record atomically (concurrent writers of one key write equal bytes).

        Records of one ``group`` (one issue) are versions of the same thing: only the
        :data:`KEEP_PER_GROUP` most recently used are kept, so a hundred proofreading
        rebuilds do not leave a hundred PDFs behind.
        """
        path = self._path(kind, key, group)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            if group is not None:
                self._prune(path.parent)
        except OSError as exc:  # a full or read-only disk slows builds down, nothing more
            # (info: the build's own writes report the fault, once)
            logger.info("Cannot write cache record %s: %s", path, exc.strerror or exc)
            _unlink_quietly(tmp)
            for folder in (path.parent, *path.parent.parents):  # folders made for it, if empty
                if folder == self.root.parent:
                    break
                try:
                    folder.rmdir()
                except OSError:
                    break
        finally:  # a full disk leaves no half-written record behind
            _unlink_quietly(tmp)

    @staticmethod
    def _prune(folder: Path) -> None:
        records = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns,
                         reverse=True)
        for old in records[KEEP_PER_GROUP:]:
            old.unlink(missing_ok=True)

    # ---------------------------------------------------------------- the three kinds

    def issue_key(self, folder: Path, *, pdf: bool, html: bool, variants: tuple = ()) -> str:
        from .manifest import gazette_file
        # a gazette's own theme (beside its gazette.toml) wins over a bundled one
        name = (theme_name_of(folder), gazette_file(folder).resolve().parent)
        if name not in self.theme_digests:
            self.theme_digests[name] = theme_digest(themes.load_theme(*name))
        return digest("issue", code_digest(), input_digest(folder), self.theme_digests[name],
                      f"pdf={pdf} html={html} variants={variants!r}")

    def load_manifest(self, folder: Path) -> Issue:
        """The parsed issue folder, from the ``manifest`` record or by loading it."""
        from .manifest import load_issue
        key = digest("manifest", code_digest(), str(folder), input_digest(folder))
        group = issue_group(folder)
        issue = self.load("manifest", key, group=group)
        if issue is None:
            issue = load_issue(folder)
            self.store("manifest", key, issue, group=group)
        return issue


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def machine_cache_dir() -> Path:
    """The per-user cache of facts about this machine (font coverage): ``$GAZETTE_CACHE``,
    else ``$XDG_CACHE_HOME/gazette_pub``, else ``~/.cache/gazette_pub``."""
    if os.environ.get("GAZETTE_CACHE"):
        return Path(os.environ["GAZETTE_CACHE"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "gazette_pub"
    try:
        return Path.home() / ".cache" / "gazette_pub"
    except RuntimeError:  # no home directory (some service accounts)
        return Path(tempfile.gettempdir()) / f"gazette_pub-{os.getuid()}"


def remember_for_file(kind: str, path: str, detail: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept in the machine cache for this version of the file ``path``.

    The key is the path, its size and modification time, ``detail`` and the versions of
    :data:`OUTPUT_LIBRARIES`: replacing or upgrading the file (or fontTools) recomputes.
    """
    stat = os.stat(path)
    versions = "".join(f"{name}={metadata.version(name)};" for name in OUTPUT_LIBRARIES)
    key = digest(kind, path, detail, str(stat.st_size), str(stat.st_mtime_ns), versions)
    cache = BuildCache(machine_cache_dir())
    value = cache.load(kind, key)
    if value is None:
        value = compute()
        cache.store(kind, key, value)
    return value


def output_hashes(files: dict[PurePosixPath, bytes]) -> dict[PurePosixPath, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}


def outputs_intact(out: Path, hashes: dict[PurePosixPath, str]) -> bool:
    """Whether every file of a previous build is in ``out`` with the same bytes."""
    for path, expected in hashes.items():
        try:
            actual = hashlib.sha256((out / path).read_bytes()).hexdigest()
        except OSError:
            return False
        if actual != expected:
            return False
    return True

