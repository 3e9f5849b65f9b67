"""The gazette command: exit codes, error output, and the README's build command."""

import hashlib
import json
import os
import shutil
from pathlib import Path
import subprocess

import pytest

from gazette_pub.cli import main

from .conftest import FIXTURES, ROOT


def test_usage_error_exits_2(capsys):
    assert main(["build", "--no-such-option"]) == 2
    assert "usage:" in capsys.readouterr().err


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "build" in capsys.readouterr().out


def test_check_ok_and_export_prints_json(capsys):
    folder = str(FIXTURES / "issues" / "demo" / "2024-01")
    assert main(["check", folder]) == 0
    assert main(["export", folder]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["issue"]["cumulative"] == 12


def test_bad_issue_lists_errors_and_exits_1_without_traceback(demo_issue, capsys):
    (demo_issue / "issue.toml").write_text("[issue]\nyear = 2024\nnumber = 1\n[[sections]]\n")
    (demo_issue.parent / "gazette.toml").write_text("[gazette]\nname = 3\n")
    assert main(["check", str(demo_issue)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "gazette.toml:2: [gazette.name] 'name' must be str" in err
    assert "gazette.toml:1: [gazette.id] missing required field 'id'" in err
    assert "issue.toml:4: [sections.title] missing required field 'title'" in err
    assert main(["build", str(demo_issue), "--out", str(demo_issue / "out")]) == 1
    assert not (demo_issue / "out").exists()


def test_missing_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nowhere")]) == 1
    assert "no issue folders found" in capsys.readouterr().err


@pytest.mark.slow
def test_readme_build_command_from_a_clean_clone(tmp_path):
    """./run.sh build in a fresh clone of the committed tree builds every issue under issues/."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    # Reuse this checkout's environment (installing a second venv is what CI's own run tests),
    # but only when run.sh will find it up to date: a reinstall from the clone would re-point
    # the shared editable install at a temporary folder.
    stamp = ROOT / ".venv" / ".setup-stamp"
    wanted = hashlib.sha256((clone / "requirements.lock").read_bytes()
                            + (clone / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text().strip() != wanted:
        pytest.skip("the working tree's requirements.lock/pyproject.toml differ from HEAD")
    os.symlink(ROOT / ".venv", clone / ".venv")
    result = subprocess.run(["./run.sh", "build"], cwd=clone, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    pdfs = list((clone / "dist").glob("*/*/*.pdf"))
    issues = list((clone / "issues").glob("*/*/issue.toml"))
    assert issues and len(pdfs) == len(issues)
    for pdf in pdfs:
        assert (pdf.parent / "index.html").is_file() and (pdf.parent / "manifest.json").is_file()


def test_new_needs_a_date_and_never_takes_one_from_the_clock(demo_issue, capsys):
    """The date decides the new issue's year and 期: without --date it is a usage error."""
    assert main(["new", str(demo_issue.parent)]) == 2
    assert "--date" in capsys.readouterr().err
    assert main(["new", str(demo_issue.parent), "--date", "2024-02-01"]) == 0
    created = capsys.readouterr().out.strip()
    assert created.endswith("2024-02")
    assert 'date = 2024-02-01' in (Path(created) / "issue.toml").read_text(encoding="utf-8")


def test_run_sh_gazette_reads_paths_relative_to_the_callers_folder(demo_issue):
    """``./run.sh gazette check 2024-01`` from the gazette's folder checks that issue (run.sh
    sets up in the repository, then runs the CLI where it was called)."""
    run_sh = Path(__file__).resolve().parent.parent / "run.sh"
    result = subprocess.run([str(run_sh), "gazette", "check", demo_issue.name],
                            cwd=demo_issue.parent, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
