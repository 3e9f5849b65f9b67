"""Executors: the same issues built in this process, in a recycled process pool and on a
Dask cluster of worker processes give byte-identical outputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.synthetic import make_issues
from gazette_pub.cli import main
from gazette_pub.executors import IssueBuildsFailed, run_issue_builds

from .conftest import FIXTURES

SAMPLE = FIXTURES / "issues" / "demo" / "2024-01"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path → bytes)."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def issues(tmp_path_factory) -> list[Path]:
    return make_issues(SAMPLE, tmp_path_factory.mktemp("issues"), 3)


@pytest.fixture(scope="module")
def local_build(issues, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    return run_issue_builds(issues, out, executor="local", use_cache=False), out


@pytest.fixture(scope="module")
def process_build(issues, tmp_path_factory):
    out = tmp_path_factory.mktemp("process")
    outcomes = run_issue_builds(issues, out, executor="process", workers=2,
                                max_tasks_per_child=1, use_cache=False)
    return outcomes, out


@pytest.fixture(scope="module")
def dask_build(issues, tmp_path_factory):
    """The issues built on a local Dask cluster, and the site built there by the CLI."""
    import distributed  # installed by ./run.sh (requirements.lock): CI runs this test
    out, site = tmp_path_factory.mktemp("dask"), tmp_path_factory.mktemp("dask-site")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        outcomes = run_issue_builds(issues, out, executor="dask",
                                    scheduler=cluster.scheduler_address, use_cache=False)
        assert main(["site", str(issues[0].parent.parent), "--out", str(site), "--executor",
                     "dask", "--scheduler", cluster.scheduler_address]) == 0
    return outcomes, out, site


@pytest.fixture(scope="module")
def local_site(issues, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local-site")
    assert main(["site", str(issues[0].parent.parent), "--out", str(out)]) == 0
    return out


def published(root: Path) -> dict[str, bytes]:
    """The files of a site as published (any build cache left out)."""
    return {p: b for p, b in tree(root).items() if not p.startswith(".cache/")}


def test_local_build_writes_every_issue(local_build, issues):
    outcomes, out = local_build
    assert [o.folder for o in outcomes] == issues
    assert [o.issue.label for o in outcomes] == ["2001年第1期", "2001年第2期", "2001年第3期"]
    for outcome in outcomes:
        assert not outcome.up_to_date
        assert outcome.files and all((out / path).is_file() for path in outcome.files)
        assert outcome.worker.endswith(f":{os.getpid()}"), "local builds run in this process"


def test_process_pool_output_is_identical_to_local(local_build, process_build):
    assert tree(process_build[1]) == tree(local_build[1])


def test_process_pool_recycles_workers(process_build):
    outcomes, _ = process_build
    workers = {o.worker for o in outcomes}
    assert len(workers) == len(outcomes), "max_tasks_per_child=1: a fresh worker per issue"
    assert all(not w.endswith(f":{os.getpid()}") for w in workers)
    assert all(o.peak_rss > 0 for o in outcomes)


def test_dask_cluster_output_is_identical_to_local(local_build, dask_build):
    outcomes, out, _ = dask_build
    assert all(not o.worker.endswith(f":{os.getpid()}") for o in outcomes)
    assert tree(out) == tree(local_build[1])


def test_second_run_with_cache_builds_nothing(issues, tmp_path):
    first = run_issue_builds(issues[:2], tmp_path, executor="process", workers=2)
    again = run_issue_builds(issues[:2], tmp_path, executor="process", workers=2)
    assert [o.up_to_date for o in first] == [False, False]
    assert [o.up_to_date for o in again] == [True, True]
    assert [o.issue.label for o in again] == [o.issue.label for o in first]
    assert [o.files for o in again] == [o.files for o in first]


def test_failed_issue_is_reported_with_file_and_line_and_others_are_written(issues, tmp_path):
    broken = make_issues(SAMPLE, tmp_path / "broken", 1, gazette_id="broken")[0]
    plan = broken / "02-plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("seq = 2", 'seq = "two"'),
                    encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(IssueBuildsFailed) as failed:
        run_issue_builds([issues[0], broken], out, executor="process", workers=2)
    problems = failed.value.problems
    assert problems and all(p.path.endswith("02-plan.md") and p.line for p in problems)
    assert (out / "synth" / "2001-01" / "index.html").is_file()
    assert not (out / "broken").exists()


def test_unknown_executor_and_stray_scheduler_are_usage_errors(issues, tmp_path):
    with pytest.raises(Exception, match="unknown executor"):
        run_issue_builds(issues, tmp_path, executor="threads")
    with pytest.raises(Exception, match="--scheduler needs --executor dask"):
        run_issue_builds(issues, tmp_path, executor="process", scheduler="tcp://x:1")


def test_site_on_a_process_pool_equals_the_local_site(issues, local_site, tmp_path):
    pooled = tmp_path / "pooled"
    assert main(["site", str(issues[0].parent.parent), "--out", str(pooled), "--jobs", "2"]) == 0
    assert published(local_site) and published(pooled) == published(local_site)


def test_site_on_a_dask_scheduler_equals_the_local_site(dask_build, local_site):
    assert published(dask_build[2]) == published(local_site)


@pytest.mark.parametrize("argv, expected", [
    ([], dict(executor="local", scheduler=None, workers=None)),
    (["--jobs", "2"], dict(executor="process", scheduler=None, workers=2)),
    (["--scheduler", "tcp://h:8786"], dict(executor="dask", scheduler="tcp://h:8786",
                                           workers=None)),
    (["--executor", "dask", "-j", "3"], dict(executor="dask", scheduler=None, workers=3)),
])
def test_cli_options_choose_the_executor(argv, expected):
    from gazette_pub.cli import get_parser
    from gazette_pub.executors import executor_options
    for command in ("build", "site"):
        assert executor_options(get_parser().parse_args([command, *argv])) == expected


def test_pool_with_a_backlog_recycles_workers_and_finishes():
    """More tasks than workers × tasks per child: ProcessPoolExecutor deadlocks here on
    Python 3.11 (CPython gh-115634); the pool must replace its workers and finish."""
    import functools
    from gazette_pub.executors import map_tasks
    calls = {str(n): functools.partial(os.getpid) for n in range(12)}
    results = list(map_tasks(calls, executor="process", workers=2, max_tasks_per_child=2))
    assert sorted(r.key for r in results) == sorted(calls)
    assert len({r.value for r in results}) >= 6, "each worker retires after 2 tasks"
    assert all(r.worker.endswith(f":{r.value}") for r in results)
