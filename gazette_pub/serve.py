"""``gazette serve``: preview the website on 127.0.0.1; rebuild and reload on every change.

1. build the site once (:func:`gazette_pub.site.build_site`, up-to-date issues reused);
2. serve the output folder on ``127.0.0.1:<port>`` (never on other interfaces); every HTML
   page is sent with ``<script src="/__gazette__/reload.js">`` added — in serve mode only,
   the files on disk are untouched, and the script is a file from 'self' so the pages'
   Content-Security-Policy allows it;
3. a watcher thread polls the sources (the issues, templates, styles and gazette_pub's
   code) once a second; after a change it rebuilds the site and bumps the version —
   when only documents changed, it first shows them (:mod:`gazette_pub.proofread`: their
   web pages, then their print previews, a version each), then rebuilds the site while
   the server goes on serving;
4. ``reload.js`` polls ``/__gazette__/version`` and reloads the page when it changes.

The port is bound before the site is built, so a busy port fails at once. Folders are
never listed, files whose path has a part starting with ``.`` (the build lock, the
inputs digest) are not served, and a path with a NUL or a part longer than a file name
may be is answered 400. A failed rebuild is logged with its problems and the previous
site stays served.
"""

from __future__ import annotations

import errno
import http.server
import logging
import threading
from functools import partial
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import GazetteError
from .pipeline import find_issue_dirs
from .proofread import Proofreader, document_edits
from .render.html import WebSite
from .site import build_site, site_cache
from .themes import PROJECT_ROOT, STYLES_DIR, TEMPLATES_DIR

logger = logging.getLogger(__name__)

#: URL prefix of the preview's own resources (not files of the site).
PREFIX = "/__gazette__/"
RELOAD_SCRIPT = TEMPLATES_DIR / "site" / "reload.js"
RELOAD_TAG = f'<script src="{PREFIX}reload.js"></script>'.encode()
#: Seconds between two looks at the sources.
POLL_SECONDS = 1.0
#: Longest part of a path served, in bytes (NAME_MAX of Linux file systems).
MAX_SEGMENT_BYTES = 255


def source_state(folders: list[Path]) -> dict[Path, tuple[int, int]]:
    """(mtime in ns, size) of every file under ``folders``: any edit changes it."""
    state = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                state[path] = (stat.st_mtime_ns, stat.st_size)
    return state


class LiveSite:
    """The site being previewed: rebuilds it when its sources change and counts versions."""

    def __init__(self, root: Path, out: Path, site: WebSite) -> None:
        self.root, self.out, self.site = root, out, site
        self.folders = [root, TEMPLATES_DIR, STYLES_DIR, PROJECT_ROOT / "gazette_pub"]
        self.version = 0
        self.state = source_state(self.folders)
        self.lock = threading.Lock()
        self.proofreader = Proofreader(out, site, site_cache())

    def build(self) -> bool:
        """Rebuild the site; True when it succeeded (the version is bumped then)."""
        with self.lock:
            try:
                build_site(self.root, self.out, site=self.site)
                self.proofreader.remember(find_issue_dirs(self.root))
            except GazetteError as exc:
                for problem in exc.problems:
                    logger.error("error: %s", problem)
                return False
            except OSError as exc:  # a full disk, a file removed mid-build: the old site stays
                logger.error("error: %s: %s", exc.filename or self.out, exc.strerror or exc)
                return False
            self.bump()
            return True

    def bump(self) -> None:
        """A new version of the site is on disk: the pages reload."""
        self.version += 1

    def check(self) -> bool:
        """One look at the sources: rebuild when something changed; True when it rebuilt."""
        state = source_state(self.folders)
        if state == self.state:
            return False
        changed = {p for p in state.keys() | self.state.keys() if state.get(p) != self.state.get(p)}
        self.state = state
        edits = document_edits(changed, set(self.proofreader.printed))
        if edits:  # only documents changed: show them first (gazette_pub.proofread)
            logger.info("Documents changed; showing them, then rebuilding the site")
            try:
                self.proofreader.show_edits(edits, self.bump)
            except GazetteError as exc:  # the full build below reports it with the rest
                logger.debug("Quick preview skipped: %s", exc)
        else:
            logger.info("Sources changed; rebuilding the site")
        return self.build()

    def watch(self, stop: threading.Event) -> None:
        while not stop.wait(POLL_SECONDS):
            try:
                self.check()
            except OSError as exc:  # a file vanished while looked at: look again next time
                logger.debug("Watching the sources: %s", exc)


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Static files of the site, HTML pages with the reload script, and the version."""

    live: LiveSite

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if not self._allowed(path):
            return
        html_file = self._html_file(path)
        if path == PREFIX + "version":
            self._send(str(self.live.version).encode(), "text/plain; charset=utf-8")
        elif path == PREFIX + "reload.js":
            self._send(RELOAD_SCRIPT.read_bytes(), "text/javascript; charset=utf-8")
        elif html_file is not None:
            html = html_file.read_bytes()
            self._send(html.replace(b"</body>", RELOAD_TAG + b"\n</body>", 1),
                       "text/html; charset=utf-8")
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._allowed(self.path.split("?", 1)[0]):
            super().do_HEAD()

    def _allowed(self, path: str) -> bool:
        """Answer 400 for a NUL or an over-long part, 404 for a hidden file; else True."""
        parts = unquote(urlsplit(path).path, errors="surrogateescape").split("/")
        if any("\x00" in part or len(part.encode("utf-8", "surrogateescape"))
               > MAX_SEGMENT_BYTES for part in parts):
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
            return False
        if any(part.startswith(".") for part in parts):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return False
        return True

    def list_directory(self, path):  # noqa: ANN001 (the base class's signature)
        """Folders are never listed (a folder without index.html is not found)."""
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None

    def _html_file(self, path: str) -> Path | None:
        local = Path(self.translate_path(path))
        if local.is_dir():
            local = local / "index.html"
        return local if local.suffix == ".html" and local.is_file() else None

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 (the base class's name)
        logger.debug("%s - " + format, self.address_string(), *args)


def make_server(live: LiveSite, port: int) -> http.server.ThreadingHTTPServer:
    """An HTTP server for ``live`` on 127.0.0.1:``port`` (0: any free port); a port that
    cannot be bound (in use, out of range, privileged) is a :class:`GazetteError`."""
    handler = type("Handler", (PreviewHandler,), {"live": live})
    address = f"127.0.0.1:{port}"
    if not 0 <= port <= 65535:
        raise GazetteError("port out of range (0-65535)", path=address)
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                               partial(handler, directory=str(live.out)))
    except OSError as exc:
        reason = ("in use by another program; choose another --port"
                  if exc.errno == errno.EADDRINUSE else f"cannot listen: {exc.strerror}")
        raise GazetteError(reason, path=address) from None


def serve(root: Path, out: Path, *, site: WebSite, port: int = 8000) -> None:
    """Bind the port, build, serve and watch until interrupted (Ctrl-C)."""
    live = LiveSite(root, out, site)
    server = make_server(live, port)  # before building: a busy port fails at once
    try:
        build_site(root, out, site=site)
    except BaseException:
        server.server_close()
        raise
    stop = threading.Event()
    watcher = threading.Thread(target=live.watch, args=(stop,), daemon=True)
    watcher.start()
    logger.warning("Serving %s on http://127.0.0.1:%d/ (Ctrl-C to stop)", out,
                   server.server_address[1])
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # how a preview ends: not an interrupted build
        if not live.lock.acquire(blocking=False):
            logger.warning("Letting the rebuild under way finish (Ctrl-C again to stop now)")
            live.lock.acquire()
        live.lock.release()
        logger.warning("Stopped serving %s", out)
    finally:
        stop.set()
        server.server_close()
