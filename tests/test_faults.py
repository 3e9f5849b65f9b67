"""Faults of the machine and of the command line (issue 14 §2–§4): one line, no traceback.

Each OS fault (read-only or full disk, a file where a folder must be, a busy port) ends in
one ``error:`` line naming the path, exit status 1, and the previous output as it was; an
option that would be ignored is a usage error (exit 2). Full and read-only disks are
simulated by making writes under one folder fail the way the kernel does (``write()``
raising ENOSPC names no file).
"""

from __future__ import annotations

import builtins
import errno
import http.client
import io
import logging
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote

import pytest

import gazette_pub.site
from gazette_pub import pipeline
from gazette_pub.cache import BuildCache
from gazette_pub.cli import get_parser, main
from gazette_pub.errors import GazetteError, SourceError, WriteError
from gazette_pub.manifest import load_issue
from gazette_pub.themes import known_themes, load_theme

from .conftest import FIXTURES, ROOT, SITE_BASE_URL

DEMO = FIXTURES / "issues" / "demo" / "2024-01"


def forbid_rendering(monkeypatch) -> None:
    """Fail the test if an issue is rendered (for faults that must stop before)."""
    def rendered(*args, **kwargs):
        pytest.fail("rendered")
    for module in (pipeline, gazette_pub.site):  # the site binds the name at its import
        monkeypatch.setattr(module, "assemble_issue", rendered)


def run_cli(args: list[str], capsys) -> tuple[int, list[str]]:
    """Exit status and stderr lines of ``gazette ARGS``, less the site's warning about
    optional settings the fixtures do not set (gazette_pub.site.settings)."""
    code = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, [line for line in err.splitlines()
                  if not (line.startswith("site.toml: not set: ") or "/site.toml: not set: " in line)]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and mtime; folders and links by name."""
    state = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            state[key] = (os.readlink(path).encode(), 0)
        elif path.is_file():
            state[key] = (path.read_bytes(), path.stat().st_mtime_ns)
        else:
            state[key] = (b"<dir>", 0)
    return state


def leftovers(folder: Path) -> list[str]:
    """Temporary and staging names a failed write could leave behind."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.name.startswith((".staging-", ".retired-")) or ".tmp" in p.name
                  or p.name.endswith(".link"))


class Fault:
    """Make writes under ``root`` fail with ``code``: opening a file for writing (EROFS) or
    writing its bytes (ENOSPC, as the kernel raises it: without a file name), creating a
    folder, linking and renaming into it."""

    def __init__(self, monkeypatch, root: Path, code: int) -> None:
        self.root, self.code = Path(root).absolute(), code
        self.tripped = 0
        real_open, real_mkdir = builtins.open, os.mkdir
        real_link, real_replace = os.link, os.replace

        def under(path) -> bool:
            try:
                return Path(os.fsdecode(path)).absolute().is_relative_to(self.root)
            except TypeError:  # a file descriptor
                return False

        def fail(path=None):
            self.tripped += 1
            raise OSError(self.code, os.strerror(self.code), *([path] if path else []))

        def fake_open(file, mode="r", *args, **kwargs):
            writing = any(c in mode for c in "wax+")
            if writing and under(file) and not str(file).endswith(pipeline.LOCK_FILE):
                if self.code == errno.ENOSPC:  # the open works, the bytes do not fit
                    handle = real_open(file, mode, *args, **kwargs)
                    return _FullFile(handle, fail)
                fail(os.fsdecode(file))
            return real_open(file, mode, *args, **kwargs)

        def fake_mkdir(path, *args, **kwargs):
            if under(path):
                fail(os.fsdecode(path))
            return real_mkdir(path, *args, **kwargs)

        def fake_link(src, dst, *args, **kwargs):
            if under(dst):
                fail(os.fsdecode(dst))
            return real_link(src, dst, *args, **kwargs)

        def fake_replace(src, dst, *args, **kwargs):
            if self.code == errno.EROFS and under(dst):
                fail(os.fsdecode(dst))
            return real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", fake_open)
        monkeypatch.setattr(io, "open", fake_open)
        monkeypatch.setattr(os, "mkdir", fake_mkdir)
        monkeypatch.setattr(os, "link", fake_link)
        monkeypatch.setattr(os, "replace", fake_replace)


class _FullFile:
    def __init__(self, handle, fail) -> None:
        self.handle, self.fail = handle, fail

    def write(self, data):
        self.fail()

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


@pytest.fixture(scope="module")
def demo_html(tmp_path_factory):
    """The demo issue's HTML edition built once (cheap: no PDF): the IssueBuild."""
    out = tmp_path_factory.mktemp("html")
    return pipeline.build([DEMO], out, html=True, pdf=False).built[0]


@pytest.fixture
def previous(demo_html, tmp_path):
    """(out, snapshot) of an output folder holding the demo issue's previous output."""
    out = tmp_path / "dist"
    pipeline.write_issue(demo_html, out)
    changed = dict(demo_html.files)
    page = next(p for p in changed if p.name == "index.html")
    changed[page] = changed[page].replace(b"</body>", b"<!-- new --></body>")
    return out, snapshot(out), pipeline.IssueBuild(demo_html.issue, changed)


# ------------------------------------------------------------------ disks that refuse writes

@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_failed_write_names_the_path_and_leaves_the_previous_output(previous, monkeypatch,
                                                                   code):
    out, before, new = previous
    fault = Fault(monkeypatch, out, code)
    with pytest.raises(WriteError) as caught:
        pipeline.write_issue(new, out)
    monkeypatch.undo()
    assert fault.tripped
    assert caught.value.path.startswith(str(out))
    assert os.strerror(code) in caught.value.message
    assert snapshot(out) == before
    assert leftovers(out) == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_cli_build_on_a_failing_disk_is_one_line_and_exit_1(previous, monkeypatch, capsys,
                                                           code):
    out, before, _ = previous
    Fault(monkeypatch, out, code)
    code_, err = run_cli(["build", str(DEMO), "--out", str(out), "--no-pdf", "--no-cache"],
                         capsys)
    monkeypatch.undo()
    assert code_ == 1
    assert len(err) == 1 and err[0].startswith(f"error: {out}") and os.strerror(code) in err[0]
    assert {k: v for k, v in snapshot(out).items() if k.startswith("demo")} == \
        {k: v for k, v in before.items() if k.startswith("demo")}
    assert leftovers(out) == []


def test_failed_swap_restores_the_previous_folder(previous, monkeypatch):
    """Without RENAME_EXCHANGE the swap is two renames; if the second fails, the first is
    undone."""
    out, before, new = previous
    monkeypatch.setattr(pipeline, "_exchange", lambda a, b: False)
    real_replace = os.replace

    def replace(src, dst):
        if Path(src).name.startswith(".staging-"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(WriteError):
        pipeline.write_issue(new, out)
    monkeypatch.undo()
    assert snapshot(out) == before and leftovers(out) == []


def test_full_disk_leaves_no_cache_record_behind(tmp_path, monkeypatch, caplog):
    cache = BuildCache(tmp_path / ".cache")
    Fault(monkeypatch, tmp_path, errno.ENOSPC)
    with caplog.at_level(logging.INFO, logger="gazette_pub"):
        cache.store("print", "ab" * 32, {"pdf": b"x" * 1000}, group="g")
    monkeypatch.undo()
    assert "No space left on device" in caplog.text
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []
    assert cache.load("print", "ab" * 32, group="g") is None


# ------------------------------------------------------------------ files where folders must be

def test_out_that_is_a_file_is_refused_before_rendering(tmp_path, monkeypatch, capsys):
    out = tmp_path / "dist"
    out.write_text("not a folder", encoding="utf-8")
    forbid_rendering(monkeypatch)
    for command in (["build", str(DEMO)], ["site", str(FIXTURES / "issues")]):
        code, err = run_cli([*command, "--out", str(out)], capsys)
        assert code == 1 and err == [f"error: {out}: is not a folder (the output must be "
                                     "one); choose another --out"]
    assert out.read_text(encoding="utf-8") == "not a folder"


def test_gazette_folder_that_is_a_file_is_one_line(tmp_path, capsys):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "demo").write_text("in the way", encoding="utf-8")
    code, err = run_cli(["build", str(DEMO), "--out", str(out), "--no-pdf", "--no-cache"],
                        capsys)
    assert code == 1
    assert err == [f"error: {out / 'demo'}: is a file where the output needs a folder; "
                   "move it away"]
    assert (out / "demo").read_text(encoding="utf-8") == "in the way"


def test_symlinked_issue_folder_leaves_no_retired_link(previous, tmp_path):
    out, _, new = previous
    elsewhere = tmp_path / "elsewhere"
    target = out / "demo" / "2024-01"
    target.rename(elsewhere)
    target.symlink_to(elsewhere, target_is_directory=True)
    pipeline.write_issue(new, out)
    assert leftovers(out) == []
    assert not target.is_symlink() and b"<!-- new -->" in (target / "index.html").read_bytes()
    assert (elsewhere / "index.html").is_file()  # what the link pointed to is not ours


# ------------------------------------------------------------------ deployable outputs

def test_every_published_folder_and_file_is_world_readable(demo_html, tmp_path):
    old = os.umask(0o077)
    try:
        out = tmp_path / "dist"
        pipeline.write_issue(demo_html, out)
        pipeline.write_issue(demo_html, out)  # the swap path (hard links) as well
    finally:
        os.umask(old)
    published = [p for p in out.rglob("*") if not any(part.startswith(".") for part in
                                                      p.relative_to(out).parts)]
    assert published
    for path in published:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


# ------------------------------------------------------------------ Ctrl-C

def test_ctrl_c_before_writing_says_nothing_was_written(tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "assemble_issue", interrupted)
    code, err = run_cli(["build", str(DEMO), "--out", str(tmp_path), "--no-cache"], capsys)
    assert code == 130
    assert err == ["interrupted: nothing was written; the previous output is intact"]


def test_ctrl_c_after_the_swap_says_the_output_was_replaced(demo_html, tmp_path, monkeypatch,
                                                           capsys):
    real_write = pipeline.write_issue

    def write_then_interrupt(built, out):
        real_write(built, out)
        raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "write_issue", write_then_interrupt)
    out = tmp_path / "dist"
    code, err = run_cli(["build", str(DEMO), "--out", str(out), "--no-pdf", "--no-cache"],
                        capsys)
    assert code == 130
    assert err == [f"interrupted: 1 output(s) had already been replaced, each complete "
                   f"({out / 'demo' / '2024-01'}); everything else keeps its previous version"]
    assert "previous output left intact" not in "\n".join(err)


# ------------------------------------------------------------------ options

@pytest.mark.parametrize("argv", [["build", "-v"], ["build", "x", "-v"], ["-v", "build"],
                                  ["site", "-v"], ["check", "x", "-v"]])
def test_verbose_after_the_subcommand(argv):
    args = get_parser().parse_args(argv)
    assert args.verbose and not args.quiet


def test_quiet_before_and_verbose_after_are_both_kept():
    args = get_parser().parse_args(["-q", "build"])
    assert args.quiet and not args.verbose
    main(["check", str(DEMO), "-v"])
    assert logging.getLogger("gazette_pub").level == logging.DEBUG
    main(["check", str(DEMO), "-q"])
    assert logging.getLogger("gazette_pub").level == logging.WARNING


@pytest.mark.parametrize("argv, message", [
    (["--report-pages", "--no-pdf"], "--report-pages compares the rendered pages"),
    (["--pdf-variant", "pdf/ua-1", "--no-pdf"], "drop --no-pdf"),
    (["--no-pdf", "--no-html"], "leaves nothing to build"),
    (["--executor", "local", "--jobs", "2"], "--jobs has no effect with --executor local"),
    (["--scheduler", "tcp://127.0.0.1:1", "--jobs", "2"], "--jobs has no effect with --sched"),
    (["--jobs", "0"], "--jobs must be at least 1"),
    (["--executor", "process", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs"),
] + [(["--format", "gongwen", *extra], f"{extra[0]} cannot apply") for extra in (
    ["--pdf-variant", "pdf/ua-1"], ["--print-marks"], ["--jobs", "2"], ["--no-cache"],
    ["--executor", "process"], ["--report-pages"])])
def test_ignored_options_are_usage_errors(argv, message, tmp_path, capsys, monkeypatch):
    forbid_rendering(monkeypatch)
    target = str(DEMO / "01-notice.md") if "gongwen" in argv else str(DEMO)
    code, err = run_cli(["build", target, "--out", str(tmp_path), *argv], capsys)
    assert code == 2
    assert len(err) == 1 and err[0].startswith("gazette build: error: ") and message in err[0]
    assert list(tmp_path.iterdir()) == []


def test_site_jobs_with_the_local_executor_is_a_usage_error(tmp_path, capsys):
    code, err = run_cli(["site", str(FIXTURES / "issues"), "--out", str(tmp_path / "s"),
                         "--executor", "local", "-j", "3"], capsys)
    assert code == 2 and "--jobs has no effect" in err[0]


# ------------------------------------------------------------------ serve

@pytest.fixture
def served(tmp_path):
    """A preview server on a free port over a small site folder: its base address."""
    from gazette_pub.render.html import WebSite
    from gazette_pub.serve import LiveSite, make_server
    out = tmp_path / "site"
    (out / "demo" / "2024-01").mkdir(parents=True)
    (out / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    (out / "demo" / "2024-01" / ".inputs.sha256").write_text("abc\n", encoding="ascii")
    (out / ".gazette-build.lock").write_text("", encoding="ascii")
    (out / "demo" / "data.csv").write_text("a,b\n", encoding="utf-8")
    live = LiveSite(tmp_path / "issues", out, WebSite())
    server = make_server(live, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def status_of(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.parametrize("path, status", [
    ("/", 200), ("/demo/data.csv", 200),
    ("/demo/", 404), ("/demo/2024-01/", 404),                 # folders are not listed
    ("/.gazette-build.lock", 404), ("/demo/2024-01/.inputs.sha256", 404),
    ("/demo/%2Einputs.sha256", 404), ("/demo/2024-01/..%2F..%2Findex.html", 404),
    ("/a%00b", 400), ("/demo/%00", 400), ("/" + "a" * 256, 400), ("/" + quote("汉" * 86), 400),
])
def test_serve_answers(served, path, status):
    assert status_of(served, path) == status


def test_serve_on_a_busy_port_fails_before_building(tmp_path, monkeypatch, capsys):
    import gazette_pub.serve as serve_module
    monkeypatch.setattr(serve_module, "build_site", lambda *a, **k: pytest.fail("built"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, err = run_cli(["serve", str(FIXTURES / "issues"), "--out", str(tmp_path / "s"),
                             "--port", str(port)], capsys)
    assert code == 1
    assert err == [f"error: 127.0.0.1:{port}: in use by another program; choose another --port"]


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_serve_port_out_of_range_is_one_line_before_building(port, tmp_path, capsys):
    code, err = run_cli(["serve", "--out", str(tmp_path / "s"), "--port", port], capsys)
    assert code == 1
    assert err == [f"error: 127.0.0.1:{port}: port out of range (0-65535)"]
    assert not (tmp_path / "s").exists()


def test_serve_port_that_is_no_number_is_a_usage_error(tmp_path, capsys):
    code, err = run_cli(["serve", "--out", str(tmp_path / "s"), "--port", "http"], capsys)
    assert code == 2 and "--port" in err[-1]
    assert not (tmp_path / "s").exists()


def test_make_server_refuses_a_port_out_of_range(tmp_path):
    from gazette_pub.render.html import WebSite
    from gazette_pub.serve import LiveSite, make_server
    with pytest.raises(GazetteError, match="port out of range"):
        make_server(LiveSite(tmp_path, tmp_path, WebSite()), 65536)


# ------------------------------------------------------------------ special files, bounded reads

IMPORTS = FIXTURES / "import"


def gazette_cli(*args: str) -> subprocess.CompletedProcess:
    """``gazette ARGS`` in a subprocess, so that a read that blocks fails the test by its
    timeout instead of hanging the run."""
    return subprocess.run([sys.executable, "-m", "gazette_pub.cli", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "source.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "fifo", "folder"])
def test_special_file_as_import_source_is_refused_before_reading(special, fifo, tmp_path):
    source = {"fifo": str(fifo), "folder": str(tmp_path)}.get(special, special)
    if not Path(source).exists():
        pytest.skip(f"{source} is not on this machine")
    done = gazette_cli("import", source, "--out", str(tmp_path / "issues" / "x" / "2024-01"))
    kind = {"fifo": "a FIFO (named pipe)", "folder": "a folder"}.get(special,
                                                                  "a character device")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [f"error: {source}: is {kind}, not a regular file; only "
                                        "regular files are read"]
    assert not (tmp_path / "issues").exists()


def test_special_file_as_audit_source_is_refused(fifo, tmp_path):
    issue = imported_issue(tmp_path)
    assert gazette_cli("check", str(issue), "--audit",
                       str(IMPORTS / "text-issue-plain.txt")).returncode == 0
    done = gazette_cli("check", str(issue), "--audit", str(fifo))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"error: {fifo}: is a FIFO (named pipe), not a regular "
                                        "file; only regular files are read"]
    os.replace(issue / "import-report.json", tmp_path / "report.json")
    os.mkfifo(issue / "import-report.json")
    done = gazette_cli("check", str(issue), "--audit", str(IMPORTS / "text-issue-plain.txt"))
    assert done.returncode == 1 and "import-report.json: is a FIFO" in done.stderr


@pytest.mark.parametrize("name", ["02-plan.md", "issue.toml", "../gazette.toml"])
def test_special_file_in_an_issue_folder_is_refused(name, tmp_path):
    issue = tmp_path / "issues" / "demo" / "2024-01"
    shutil.copytree(DEMO.parent, issue.parent)
    (issue / name).unlink()
    os.mkfifo(issue / name)
    for command in (["check", str(issue)], ["build", str(issue), "--out", str(tmp_path / "o")]):
        done = gazette_cli(*command)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert f"{(issue / name).resolve().name}: is a FIFO (named pipe), not a regular file" \
            in done.stderr
    assert not (tmp_path / "o").exists()


def test_every_read_is_bounded_even_when_the_size_lies(tmp_path, monkeypatch):
    """A file that grows after its size was looked at is still read only up to the limit."""
    from gazette_pub import files
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    assert files.read_regular(big, limit=5000) == b"x" * 5000
    with pytest.raises(SourceError, match="file is 5000 bytes, more than the limit of 4999"):
        files.read_regular(big, limit=4999)
    reads = []
    real_read = os.read
    monkeypatch.setattr(files, "regular_size", lambda path: 10)  # stat said 10 bytes
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(SourceError, match="grew past the limit of 100 bytes"):
        files.read_regular(big, limit=100)
    assert sum(reads) <= 101


# ------------------------------------------------------------------ import --force, limits

def imported_issue(tmp_path: Path) -> Path:
    issue = tmp_path / "issues" / "plain" / "2022-02"
    assert main(["-q", "import", str(IMPORTS / "text-issue-plain.txt"), "--out", str(issue)]) == 0
    return issue


def test_import_force_replaces_the_documents_in_one_swap(tmp_path):
    issue = imported_issue(tmp_path)
    old_docs = sorted(p.name for p in issue.glob("*.md"))
    (issue / "photo.png").write_bytes(b"\x89PNG kept")
    assert len(old_docs) > 1
    assert main(["-q", "import", str(IMPORTS / "standalone.txt"), "--out", str(issue),
                 "--force", "--year", "2022", "--number", "2"]) == 0
    new_docs = sorted(p.name for p in issue.glob("*.md"))
    assert len(new_docs) == 1 and new_docs != old_docs
    assert (issue / "photo.png").read_bytes() == b"\x89PNG kept"
    assert leftovers(issue.parent) == []
    assert load_issue(issue).documents


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_failed_import_force_leaves_the_old_documents(tmp_path, monkeypatch, capsys, code):
    issue = imported_issue(tmp_path)
    before = snapshot(issue.parent)
    Fault(monkeypatch, issue.parent, code)
    code_, err = run_cli(["import", str(IMPORTS / "standalone.txt"), "--out", str(issue),
                          "--force", "--year", "2022", "--number", "2"], capsys)
    monkeypatch.undo()
    assert code_ == 1 and len(err) == 1 and err[0].startswith(f"error: {issue.parent}")
    assert ".staging-" not in err[0]
    assert os.strerror(code) in err[0]
    assert snapshot(issue.parent) == before
    assert leftovers(issue.parent) == []


def test_import_refuses_a_document_the_loader_would_refuse(tmp_path, monkeypatch, capsys):
    """The import's limits are the loader's: no file is written that check refuses."""
    from gazette_pub import manifest
    source = IMPORTS / "standalone.txt"
    issue = tmp_path / "issues" / "standalone" / "2024-01"
    date = ["--year", "2024", "--number", "1"]
    assert main(["-q", "import", str(source), "--out", str(issue), *date]) == 0
    document = next(issue.glob("*.md"))
    size = document.stat().st_size
    shutil.rmtree(issue.parent)
    monkeypatch.setattr(manifest, "MAX_DOCUMENT_BYTES", size - 1)
    code, err = run_cli(["import", str(source), "--out", str(issue), *date], capsys)
    assert code == 1 and err == [f"error: {issue / document.name}: {document.name} would be "
                                 f"{size} bytes, more than a file of an issue may hold "
                                 f"({size - 1}); split the source"]
    assert not issue.parent.exists()
    monkeypatch.setattr(manifest, "MAX_DOCUMENT_BYTES", size)  # exactly at the limit: both agree
    assert main(["-q", "import", str(source), "--out", str(issue), *date]) == 0
    assert load_issue(issue).documents
    monkeypatch.setattr(manifest, "MAX_ISSUE_BYTES", size)
    shutil.rmtree(issue.parent)
    code, err = run_cli(["import", str(source), "--out", str(issue), *date], capsys)
    assert code == 1 and "more than an issue may hold" in err[0]


# ------------------------------------------------------------------ themes, variants, Dask

def test_misspelt_theme_is_an_error_listing_the_known_themes(tmp_path, capsys):
    issue = tmp_path / "issues" / "demo" / "2024-01"
    shutil.copytree(DEMO.parent, issue.parent)
    toml = issue.parent / "gazette.toml"
    lines = toml.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("theme"))
    lines[number - 1] = 'theme = "ningxai"'
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = run_cli(["build", str(issue), "--out", str(tmp_path / "out")], capsys)
    assert code == 1
    assert err == [f"error: {toml}:{number}: [gazette.theme] unknown theme 'ningxai'; known: "
                   f"{', '.join(known_themes())}"]
    assert "default" in known_themes() and not (tmp_path / "out").exists()
    with pytest.raises(GazetteError, match="unknown theme 'ningxai'"):
        load_theme("ningxai")


def test_pdf_variant_is_staged_and_text_checked(demo_issue, tmp_path, monkeypatch, capsys):
    from gazette_pub.render import pdf as pdf_render
    out = tmp_path / "dist"
    assert main(["-q", "build", str(demo_issue), "--out", str(out), "--no-cache",
                 "--print-marks"]) == 0
    target = out / "demo" / "2024-01"
    assert (target / "demo-2024-01.print.pdf").is_file()
    before = snapshot(out)
    # The marked edition loses the body text: the build fails and writes nothing.
    monkeypatch.setattr(pdf_render, "marks_css",
                        lambda theme: "@page { marks: crop } p { visibility: hidden }")
    code, err = run_cli(["build", str(demo_issue), "--out", str(out), "--no-cache",
                         "--print-marks"], capsys)
    assert code == 1 and err and all("demo-2024-01.print.pdf" in line for line in err)
    assert snapshot(out) == before and leftovers(out) == []


def test_unreachable_dask_scheduler_is_one_line(tmp_path, monkeypatch, capsys):
    pytest.importorskip("distributed")
    from gazette_pub import executors
    monkeypatch.setattr(executors, "SCHEDULER_TIMEOUT", 1)
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"
    for scheduler in (address, "nonsense://x"):
        code, err = run_cli(["build", str(DEMO), "--out", str(tmp_path), "--no-cache",
                             "--scheduler", scheduler], capsys)
        assert code == 1 and len(err) == 1
        assert err[0].startswith(f"error: {scheduler}: cannot reach the Dask scheduler: ")
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_stops_a_pool_build_at_once(tmp_path):
    """SIGINT to the process group while the main thread waits for a pool's result: the
    process stops (exit 130) instead of waiting for the ten-minute task, and no worker
    prints a traceback. The timeout only guards against a hang."""
    script = FIXTURES / "faults" / "interrupted_pool.py"
    process = subprocess.Popen([sys.executable, str(script), str(tmp_path / "marker")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, start_new_session=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert process.stdout.readline().strip() == "touch done"
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130, err
    assert err.strip() == "interrupted" and "Traceback" not in err


def test_pool_workers_leave_ctrl_c_to_the_main_process():
    """Each worker ignores SIGINT: the main process stops and terminates them, so a Ctrl-C
    in a terminal (sent to the whole process group) prints no traceback from each worker."""
    import functools
    from gazette_pub.executors import map_tasks
    calls = {"disposition": functools.partial(signal.getsignal, signal.SIGINT)}
    [result] = map_tasks(calls, executor="process", workers=1)
    assert result.value == signal.SIG_IGN


# ------------------------------------------------------------------ a real small disk

@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB tmpfs mounted at ``tmp_path / "disk"`` (root only; skipped where mounting
    is not allowed): the kernel's own ENOSPC and EROFS instead of simulated ones."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs",
                              str(disk)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> None:
    """Write until the disk is full (the filler is not part of any output)."""
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 512)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


def test_really_full_disk_leaves_the_previous_output(demo_html, previous, small_disk,
                                                     capsys):
    _, _, new = previous
    out = small_disk / "dist"
    pipeline.write_issue(demo_html, out)
    before = snapshot(out)
    fill(small_disk)
    with pytest.raises(WriteError, match="No space left on device"):
        pipeline.write_issue(new, out)
    assert snapshot(out) == before and leftovers(out) == []
    code, err = run_cli(["build", str(DEMO), "--out", str(out), "--no-pdf"], capsys)
    assert code == 1 and len(err) == 1 and "No space left on device" in err[0]
    assert snapshot(out) == before and leftovers(out) == []


def test_really_read_only_disk_is_refused_before_rendering(demo_html, small_disk, capsys,
                                                           monkeypatch):
    out = small_disk / "dist"
    pipeline.write_issue(demo_html, out)
    before = snapshot(out)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    forbid_rendering(monkeypatch)
    code, err = run_cli(["build", str(DEMO), "--out", str(out)], capsys)
    assert code == 1 and err == [f"error: {out}: output folder is not writable"]
    assert snapshot(out) == before


def test_a_huge_stray_file_is_never_read_for_a_digest(tmp_path, monkeypatch):
    """Digests of an issue folder (the build cache's and the site's) take a file larger
    than an issue may be by its size and time: a 10 GB sparse file is not read."""
    from gazette_pub.cache import input_digest
    from gazette_pub.site.digest import issue_inputs_digest
    issue = tmp_path / "issues" / "demo" / "2024-01"
    shutil.copytree(DEMO.parent, issue.parent)
    huge = issue / "scan.bin"
    with open(huge, "wb") as handle:
        handle.truncate(10 * 1024**3)
    opened = []
    real_open = builtins.open

    def watching_open(file, *args, **kwargs):
        opened.append(Path(os.fsdecode(file)).name if not isinstance(file, int) else file)
        return real_open(file, *args, **kwargs)
    monkeypatch.setattr(builtins, "open", watching_open)
    monkeypatch.setattr(io, "open", watching_open)
    first = input_digest(issue), issue_inputs_digest(issue, b"shared")
    monkeypatch.undo()
    assert "scan.bin" not in opened and "02-plan.md" in opened
    os.utime(huge, ns=(1, 1))  # a change of the stray file still changes both digests
    second = input_digest(issue), issue_inputs_digest(issue, b"shared")
    assert first[0] != second[0] and first[1] != second[1]


def test_site_on_a_full_disk_is_one_line_and_leaves_the_site(demo_site, tmp_path,
                                                             monkeypatch, capsys):
    site = tmp_path / "site"
    shutil.copytree(demo_site[0], site, symlinks=True)
    before = snapshot(site)
    Fault(monkeypatch, site, errno.ENOSPC)
    code, err = run_cli(["site", str(FIXTURES / "issues"), "--out", str(site), "--force",
                         "--base-url", SITE_BASE_URL], capsys)
    monkeypatch.undo()
    assert code == 1 and len(err) == 1
    assert err[0].startswith(f"error: {site}") and "No space left on device" in err[0]
    assert snapshot(site) == before and leftovers(site) == []


def test_every_folder_of_a_built_site_and_dist_is_world_readable(demo_site):
    for root in demo_site:
        for path in [root, *root.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                assert stat.S_IMODE(path.stat().st_mode) & 0o555 == 0o555, path


def test_export_to_a_full_disk_is_one_line():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "gazette_pub.cli", "export", str(DEMO)],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
                              cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["error: <stdout>: cannot write the JSON: No space left "
                                        "on device"]


def test_an_internal_error_is_one_line_and_the_traceback_only_with_verbose(monkeypatch,
                                                                         capsys):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(pipeline, "find_issue_dirs", broken)
    code, err = run_cli(["check", str(DEMO)], capsys)
    assert code == 1 and err == ["error: internal error: ZeroDivisionError: division by zero "
                                 "(a bug in gazette_pub; run with -v for the traceback and "
                                 "report it)"]
    assert main(["check", str(DEMO), "-v"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_import_into_commits_with_issue_toml_or_not_at_all(tmp_path, monkeypatch, capsys):
    issue = imported_issue(tmp_path)
    before = snapshot(issue)
    real_write = pipeline._write_if_changed

    def full_at_issue_toml(dest, data, *args, **kwargs):
        if dest.name == "issue.toml":
            raise WriteError("cannot write: No space left on device", path=dest)
        return real_write(dest, data, *args, **kwargs)
    monkeypatch.setattr(pipeline, "_write_if_changed", full_at_issue_toml)
    code, err = run_cli(["import", str(IMPORTS / "standalone.txt"), "--into", str(issue)],
                        capsys)
    assert code == 1 and err == [f"error: {issue / 'issue.toml'}: cannot write: No space left "
                                 "on device"]
    assert snapshot(issue) == before  # the new document and report were removed again
    monkeypatch.undo()
    assert main(["-q", "import", str(IMPORTS / "standalone.txt"), "--into", str(issue)]) == 0
    documents = [name for name in before if name.endswith(".md")]
    assert len(load_issue(issue).documents) == len(documents) + 1 and leftovers(issue) == []


def test_ctrl_c_stops_serve_with_exit_0(tmp_path, monkeypatch, capsys):
    import gazette_pub.serve as serve_module
    monkeypatch.setattr(serve_module, "build_site", lambda *a, **k: None)

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(serve_module.http.server.ThreadingHTTPServer, "serve_forever",
                        interrupted)
    code, err = run_cli(["serve", str(tmp_path), "--out", str(tmp_path / "site"), "--port", "0"],
                        capsys)
    assert code == 0 and err[-1] == f"Stopped serving {tmp_path / 'site'}"
