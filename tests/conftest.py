"""Shared fixtures: small fixture issues, and session-scoped builds shared between tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def demo_issue(tmp_path) -> Path:
    """A writable copy of the demo fixture issue (tests may break it)."""
    target = tmp_path / "issues" / "demo"
    shutil.copytree(FIXTURES / "issues" / "demo", target)
    return target / "2024-01"


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory):
    """The demo issue built once for the whole session: (report, out dir)."""
    from gazette_pub.pipeline import build
    out = tmp_path_factory.mktemp("dist")
    report = build([FIXTURES / "issues" / "demo" / "2024-01"], out)
    return report, out
