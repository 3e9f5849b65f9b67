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


#: The public URL the test site is built for (canonical links, feed, sitemap).
SITE_BASE_URL = "https://gazette.example/"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The website of the fixture issues, built once through the CLI: (site dir, dist dir)."""
    from gazette_pub.cli import main
    base = tmp_path_factory.mktemp("website")
    site, dist = base / "site", base / "dist"
    assert main(["-q", "site", str(FIXTURES / "issues"), "--out", str(site), "--dist", str(dist),
                 "--base-url", SITE_BASE_URL]) == 0
    return site, dist
