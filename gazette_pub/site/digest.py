"""The up-to-date check of an issue build: a digest of everything the build reads.

An issue's output is reused when the digest stored next to it
(:func:`gazette_pub.urls.inputs_digest`) equals the digest of its inputs now:

1. every file of the issue folder (path and bytes);
2. the gazette's ``gazette.toml``;
3. every template and style sheet (themes included);
4. the package version and the source of ``gazette_pub`` itself (but the importers in
   ``sources/``, which a build never runs);
5. the site settings (base URL, name, footer identifiers) and the issue's place in its
   gazette (the previous and next issue its page links to).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import __version__
from ..files import fingerprint
from ..manifest import MAX_ISSUE_BYTES, gazette_file
from ..render.html import WebSite
from ..themes import PROJECT_ROOT, STYLES_DIR, TEMPLATES_DIR

PACKAGE_DIR = PROJECT_ROOT / "gazette_pub"
#: Folders never part of a digest: bytecode, and the importers (not run by a build).
SKIPPED = frozenset({"__pycache__", "sources"})


def _files(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.rglob(pattern)
                  if p.is_file() and not p.is_symlink()  # regular files: no FIFO, no device
                  and not SKIPPED.intersection(p.relative_to(folder).parts))


def _feed(digest, label: str, path: Path, root: Path) -> None:
    digest.update(f"{label}:{path.relative_to(root).as_posix()}\0".encode())
    digest.update(fingerprint(path, limit=MAX_ISSUE_BYTES))  # bounded for any stray file


def shared_inputs_digest(site: WebSite) -> bytes:
    """The digest of the inputs every issue shares (steps 3–5); computed once per build."""
    digest = hashlib.sha256(f"gazette_pub {__version__}\0{site!r}\0".encode())
    for label, folder, pattern in (("templates", TEMPLATES_DIR, "*"), ("styles", STYLES_DIR, "*"),
                                   ("code", PACKAGE_DIR, "*.py")):
        for path in _files(folder, pattern):
            _feed(digest, label, path, folder)
    return digest.digest()


def issue_inputs_digest(folder: Path, shared: bytes) -> str:
    """Hex digest of an issue's inputs: its folder, its gazette.toml and ``shared``."""
    digest = hashlib.sha256(shared)
    for path in _files(folder):
        _feed(digest, "issue", path, folder)
    gazette_toml = gazette_file(folder)
    if gazette_toml.is_file():
        _feed(digest, "gazette", gazette_toml, gazette_toml.parent)
    return digest.hexdigest()
