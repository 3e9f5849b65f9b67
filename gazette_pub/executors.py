"""Build many issues: in this process, in a pool of local processes, or on a Dask cluster.

Every executor runs the same task (:func:`assemble_cached`: one issue → its files in
memory, through :func:`run_task`), and this process writes what the tasks return, one
issue folder at a time and atomically (:func:`pipeline.write_issue`). So the outputs are
byte-identical whichever executor built them, only one process ever writes to ``out``,
and workers need to *read* the issue folders at the same path (a shared or identical
checkout, as usual on a Dask cluster) but never write there.

Executors (:data:`EXECUTORS`):

``local``
    in this process, one issue after another.
``process``
    a :class:`multiprocessing.pool.Pool` of ``workers`` processes. WeasyPrint
    keeps memory between renders in one process (upstream #1950, #2130), so each worker is
    replaced after :data:`MAX_TASKS_PER_CHILD` issues; workers are forked from a server that
    has already imported WeasyPrint, so a replacement starts in milliseconds.
``dask``
    a Dask distributed cluster: ``scheduler`` is its address (``tcp://host:8786``), or
    without one a :class:`distributed.LocalCluster` of ``workers`` processes on this
    machine. Bound worker memory with ``dask worker --lifetime 30m --lifetime-restart``.

Before anything is submitted, each issue's ``issue`` cache record (:mod:`gazette_pub.cache`)
is checked: an issue whose inputs, theme and code are unchanged and whose outputs are still
in ``out`` is not built again.
"""

from __future__ import annotations

import argparse
import functools
import logging
import multiprocessing
import os
import resource
import signal
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .cache import BuildCache, IssueRecord, issue_group, output_hashes, outputs_intact
from .errors import GazetteError, Problem, UsageError

if TYPE_CHECKING:  # the pipeline is imported where issues are built: `gazette --help` stays fast
    from .model import Issue
    from .pipeline import IssueBuild

logger = logging.getLogger(__name__)

EXECUTORS = ("local", "process", "dask")

#: Seconds to wait for a Dask scheduler to answer before giving up.
SCHEDULER_TIMEOUT = 10

#: Issues a pool worker builds before it is replaced by a fresh process. WeasyPrint grows
#: by tens of MiB per render (upstream #2130): on the demo issue a worker's peak went from
#: 261 MiB after one issue to 467 MiB after 8; a fresh worker every 4 issues bounds that
#: for the cost of one fork (bench/RESULTS.md).
MAX_TASKS_PER_CHILD = 4

#: Imported once by the fork server, so that each pool worker starts with them loaded.
PRELOAD = ["gazette_pub.pipeline", "gazette_pub.cache", "gazette_pub.render.pdf",
           "gazette_pub.render.html"]


@dataclass(frozen=True)
class IssueOutcome:
    """One issue of a run: what was written, and what it cost its worker."""

    folder: Path
    issue: Issue
    #: Document id → (first, last) printed page.
    pages: dict[str, tuple[int, int]]
    #: Site-relative paths of the files of this issue in ``out``.
    files: tuple[PurePosixPath, ...]
    #: True when nothing was rebuilt: inputs unchanged, outputs still in place.
    up_to_date: bool
    #: Seconds the worker spent building it (0 when up to date).
    seconds: float = 0.0
    #: ``host:pid`` of the worker process that built it ("" when up to date).
    worker: str = ""
    #: Peak resident memory of that worker process so far, in bytes (``ru_maxrss``).
    peak_rss: int = 0
    #: The cache records reused (:mod:`gazette_pub.cache` kinds): ``{"issue"}`` when up to
    #: date, else some of ``manifest`` and ``print``.
    reused: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TaskResult:
    """What one task sends back: its value, or every problem it hit, and what it cost."""

    #: The key the task was submitted under.
    key: str
    #: What the task's call returned (None when it raised a GazetteError).
    value: Any
    problems: tuple[Problem, ...]
    #: Seconds the call took in the worker.
    seconds: float
    #: ``host:pid`` of the worker process.
    worker: str
    #: Peak resident memory of the worker process so far, in bytes (``ru_maxrss``).
    peak_rss: int


class IssueBuildsFailed(GazetteError):
    """Some issues could not be built (the others were written); carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        super().__init__(f"{len(self._problems)} problem(s) in the issues built")

    @property
    def problems(self) -> list[Problem]:
        return self._problems


def peak_rss() -> int:
    """Peak resident memory of this process so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run_task(key: str, call: Callable[[], Any]) -> TaskResult:
    """Run ``call`` in this process (a worker) and measure it.

    Problems come back as data: an exception crossing a process or network boundary
    would lose its file and line (exceptions pickle their message only).
    """
    start = time.perf_counter()
    try:
        value, problems = call(), ()
    except GazetteError as exc:
        value, problems = None, tuple(exc.problems)
    return TaskResult(key, value, problems, time.perf_counter() - start,
                      f"{socket.gethostname()}:{os.getpid()}", peak_rss())


def map_tasks(calls: dict[str, Callable[[], Any]], *, executor: str = "local",
              scheduler: str | None = None, workers: int | None = None,
              max_tasks_per_child: int = MAX_TASKS_PER_CHILD) -> Iterator[TaskResult]:
    """Run every call (key → a picklable zero-argument callable, e.g. a ``functools.partial``
    of a module-level function) on ``executor``; yield each result as soon as it is done.

    The building block of :func:`run_issue_builds` and of ``gazette site``: the caller
    writes each result as it comes, so memory holds one finished issue at a time.
    """
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r}; known: {', '.join(EXECUTORS)}",
                         field="--executor")
    if scheduler and executor != "dask":
        raise UsageError("--scheduler needs --executor dask", field="--scheduler")
    if not calls:
        return iter(())
    run = {"local": _run_local, "process": _run_process, "dask": _run_dask}[executor]
    return run(calls, workers=workers, scheduler=scheduler,
               max_tasks_per_child=max_tasks_per_child)


def assemble_cached(folder: Path, pdf: bool, html: bool, cache_dir: str | None,
                    variants: tuple = ()) -> tuple[IssueBuild, frozenset[str]]:
    """The task of :func:`run_issue_builds`: one issue in memory, and the cache kinds reused."""
    from .pipeline import assemble_issue
    cache = BuildCache(Path(cache_dir)) if cache_dir else None
    built = assemble_issue(folder, pdf=pdf, html=html, cache=cache, variants=variants)
    return built, frozenset(cache.hits) if cache is not None else frozenset()


def run_issue_builds(folders: Iterable[Path], out: Path, *, executor: str = "local",
                     scheduler: str | None = None, workers: int | None = None,
                     pdf: bool = True, html: bool = True, use_cache: bool = True,
                     max_tasks_per_child: int = MAX_TASKS_PER_CHILD,
                     variants: tuple = ()) -> list[IssueOutcome]:
    """Build ``folders`` into ``out`` with ``executor``; outcomes in the order of ``folders``.

    1. skip every issue whose ``issue`` cache record matches its inputs and whose outputs
       are intact;
    2. submit the others to the executor (:func:`map_tasks`);
    3. as each finishes, write its folder atomically and store its ``issue`` record, so
       memory holds one finished issue at a time whatever the number of issues;
    4. when all are done, raise :class:`IssueBuildsFailed` listing every problem of every
       issue that failed (the issues that succeeded are written).
    """
    from .pipeline import check_output_folder, write_issue
    folders = [Path(f) for f in folders]
    out = Path(out)
    check_output_folder(out)
    cache = BuildCache.for_output(out) if use_cache else None
    cache_dir = str(cache.root) if cache is not None else None
    outcomes: dict[Path, IssueOutcome] = {}
    keys: dict[Path, str] = {}
    calls = {}
    for folder in folders:
        if cache is not None:
            keys[folder] = cache.issue_key(folder, pdf=pdf, html=html, variants=variants)
            record = cache.load("issue", keys[folder], group=issue_group(folder))
            if record is not None and outputs_intact(out, record.files):
                logger.info("Up to date: %s", folder)
                outcomes[folder] = IssueOutcome(folder, record.issue, record.pages,
                                                tuple(record.files), up_to_date=True,
                                                reused=frozenset({"issue"}))
                continue
        calls[str(folder)] = functools.partial(assemble_cached, folder, pdf, html, cache_dir,
                                               variants)

    problems: list[Problem] = []
    for result in map_tasks(calls, executor=executor, scheduler=scheduler, workers=workers,
                            max_tasks_per_child=max_tasks_per_child):
        if result.value is None:
            problems.extend(result.problems)
            continue
        folder = Path(result.key)
        built, reused = result.value
        write_issue(built, out)
        if cache is not None:
            cache.store("issue", keys[folder],
                        IssueRecord(built.issue, built.pages, output_hashes(built.files)),
                        group=issue_group(folder))
        logger.info("Built %s %s in %.1f s (%s)", built.issue.gazette.name, built.issue.label,
                    result.seconds, result.worker)
        outcomes[folder] = IssueOutcome(folder, built.issue, built.pages, tuple(built.files),
                                        False, result.seconds, result.worker, result.peak_rss,
                                        reused)
    if problems:
        raise IssueBuildsFailed(problems)
    return [outcomes[f] for f in folders]


def _run_local(calls: dict[str, Callable[[], Any]], **_) -> Iterator[TaskResult]:
    for key, call in calls.items():
        yield run_task(key, call)


def _run_process(calls: dict[str, Callable[[], Any]], *, workers: int | None,
                 max_tasks_per_child: int, **_) -> Iterator[TaskResult]:
    # multiprocessing.Pool, not concurrent.futures: ProcessPoolExecutor's
    # max_tasks_per_child deadlocks on Python 3.11–3.13 once a worker retires while tasks
    # are queued (CPython gh-115634). "fork" could not recycle safely after threads exist;
    # the fork server imports WeasyPrint once, so a new worker does not pay ~0.6 s for it.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    with context.Pool(processes=workers or os.cpu_count(), initializer=_leave_sigint_to_main,
                      maxtasksperchild=max_tasks_per_child) as pool:
        yield from pool.imap_unordered(_run_call, calls.items())  # Ctrl-C: terminated here


def _leave_sigint_to_main() -> None:
    """In each pool worker: ignore Ctrl-C (SIGINT reaches the whole process group). The
    main process stops and terminates the pool, and no worker prints a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_call(item: tuple[str, Callable[[], Any]]) -> TaskResult:
    return run_task(*item)


def _run_dask(calls: dict[str, Callable[[], Any]], *, workers: int | None,
              scheduler: str | None, **_) -> Iterator[TaskResult]:
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise GazetteError("--executor dask needs Dask: pip install 'gazette_pub[distributed]'"
                           ) from None
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or os.cpu_count(), threads_per_worker=1,
                               processes=True, dashboard_address=None)
    try:
        try:
            client = Client(scheduler or cluster, timeout=SCHEDULER_TIMEOUT)
        except (OSError, ValueError, TypeError) as exc:  # unreachable, or not an address
            raise GazetteError(f"cannot reach the Dask scheduler: {exc}",
                               path=scheduler or "local cluster") from None
        with client:
            futures = [client.submit(run_task, key, call, pure=False)
                       for key, call in calls.items()]
            for future in dask_completed(futures):
                yield future.result()
                future.release()
    finally:
        if cluster is not None:
            cluster.close()


def add_executor_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``gazette build`` and ``gazette site`` that choose how issues are built."""
    parser.add_argument("--executor", choices=EXECUTORS, default=None,
                        help="where issues are built: local (this process), process (a pool "
                             "of --jobs processes), dask (a Dask cluster); default: local, "
                             "or process when --jobs > 1")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="worker processes (process, or dask without --scheduler); "
                             "default: the number of CPUs")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="Dask scheduler address, e.g. tcp://host:8786 "
                             "(with --executor dask; default: a local cluster)")


def executor_options(args: argparse.Namespace) -> dict:
    """Keyword arguments of :func:`run_issue_builds` from :func:`add_executor_arguments`.

    An option that would be ignored is a :class:`UsageError`: ``--jobs`` below 1, with
    ``--executor local`` (one issue after another in this process), or with a
    ``--scheduler`` (that cluster has its own workers).
    """
    if args.jobs is not None:
        if args.jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {args.jobs}", field="--jobs")
        if args.executor == "local":
            raise UsageError("--jobs has no effect with --executor local (one issue after "
                             "another in this process); drop one of them", field="--jobs")
        if args.scheduler:
            raise UsageError("--jobs has no effect with --scheduler (the cluster has its own "
                             "workers); drop one of them", field="--jobs")
    executor = args.executor or ("dask" if args.scheduler else
                                 "process" if (args.jobs or 1) > 1 else "local")
    return dict(executor=executor, scheduler=args.scheduler, workers=args.jobs)
