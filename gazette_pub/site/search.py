"""The static full-text search index: Pagefind (extended build, for Chinese word segmentation).

Pagefind indexes the built HTML: only document pages carry ``data-pagefind-body``, their
``<h1>`` is the result title and ``data-pagefind-meta="issue"`` names the issue. The index
is built into a temporary folder, then copied into ``pagefind/`` keeping unchanged files,
so an unchanged site rewrites nothing. https://pagefind.app/docs/
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

from .. import urls
from ..errors import RenderError

logger = logging.getLogger(__name__)


def build_index(site_dir: Path) -> dict[PurePosixPath, bytes]:
    """Run Pagefind over ``site_dir``; the bundle's files as site-relative path → bytes."""
    with tempfile.TemporaryDirectory(prefix="gazette-pagefind-") as tmp:
        command = [sys.executable, "-m", "pagefind", "--site", str(site_dir),
                   "--output-path", tmp, "--silent"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RenderError(f"pagefind failed ({done.returncode}): "
                              f"{(done.stderr or done.stdout).strip()[-2000:]}", path=site_dir)
        bundle = Path(tmp)
        return {urls.search_bundle() / p.relative_to(bundle).as_posix(): p.read_bytes()
                for p in sorted(bundle.rglob("*")) if p.is_file()}
