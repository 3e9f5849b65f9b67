"""Shared fixtures: small fixture issues, and session-scoped builds shared between tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
#: The hand-checked seeds (``../shared/seeds``; GAZETTE_SEEDS overrides, for a copy of the
#: project elsewhere such as mutmut's ``mutants/``).
SEEDS = Path(os.environ.get("GAZETTE_SEEDS") or ROOT.parent / "shared" / "seeds")


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


#: The site settings the test sites are built with (``--settings``, gazette_pub.site.settings).
SITE_SETTINGS = {"base_url": SITE_BASE_URL, "name": "示例政府公报网", "organizer": "示例市人民政府办公室",
                 "contact": "电话：0000-1234567", "site_code": "1234567890",
                 "icp": "示ICP备12345678号"}


def write_settings(folder: Path) -> Path:
    path = folder / "site.toml"
    path.write_text("[site]\n" + "".join(f'{k} = "{v}"\n' for k, v in SITE_SETTINGS.items()),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The website of the fixture issues, built once through the CLI with a settings file:
    (site dir, dist dir)."""
    from gazette_pub.cli import main
    base = tmp_path_factory.mktemp("website")
    site, dist = base / "site", base / "dist"
    assert main(["-q", "site", str(FIXTURES / "issues"), "--out", str(site), "--dist", str(dist),
                 "--settings", str(write_settings(base))]) == 0
    return site, dist


#: Copies of the demo issue in the web test site (more than one page of 30 search results).
DEMO_COPIES = 11


@pytest.fixture(scope="session")
def web_site(tmp_path_factory):
    """The site the browser tests read, built once: the sample issues under issues/ and
    the demo issue as 期 1–11 of 2024 (so a search has more than 30 results and issues
    have neighbours). Returns the site folder."""
    from gazette_pub.cli import main
    base = tmp_path_factory.mktemp("web")
    root = base / "issues"
    root.mkdir()
    for gazette in sorted((ROOT / "issues").iterdir()):
        if (gazette / "gazette.toml").is_file():
            shutil.copytree(gazette, root / gazette.name)
    demo = FIXTURES / "issues" / "demo"
    (root / "demo").mkdir()
    shutil.copy(demo / "gazette.toml", root / "demo" / "gazette.toml")
    for number in range(1, DEMO_COPIES + 1):
        target = root / "demo" / f"2024-{number:02d}"
        shutil.copytree(demo / "2024-01", target)
        toml = target / "issue.toml"
        toml.write_text(toml.read_text(encoding="utf-8")
                        .replace("number = 1\n", f"number = {number}\n")
                        .replace("cumulative = 12", f"cumulative = {11 + number}"),
                        encoding="utf-8")
    site = base / "site"
    assert main(["-q", "site", str(root), "--out", str(site),
                 "--settings", str(write_settings(base))]) == 0
    return site


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden reference files (tests/golden/) from this run")


#: The seed issues the print themes are calibrated on (issues/<gazette>/<year>-<NN>).
SEED_ISSUES = {"ningxia": ROOT / "issues" / "ningxia" / "2021-10",
               "zhongwei": ROOT / "issues" / "zhongwei" / "2023-03"}


@pytest.fixture(scope="session")
def seed_prints(tmp_path_factory):
    """Print editions of the seed issues, each rendered at most once per session.

    Returns ``get(name) -> (issue, theme, printed, pdf_path)``; skips when the issue
    has not been imported into issues/ yet.
    """
    from gazette_pub.manifest import load_issue
    from gazette_pub.render.pdf import render_issue_pdf
    from gazette_pub.themes import load_theme
    done = {}
    out = tmp_path_factory.mktemp("seed-prints")

    def get(name):
        if name not in done:
            folder = SEED_ISSUES[name]
            if not (folder / "issue.toml").is_file():
                pytest.skip(f"seed issue not imported: {folder}")
            issue = load_issue(folder)
            theme = load_theme(issue.gazette.theme)
            printed = render_issue_pdf(issue, theme)
            path = out / f"{name}.pdf"
            path.write_bytes(printed.pdf)
            done[name] = (issue, theme, printed, path)
        return done[name]
    return get


#: Examples run by the property tests, by test (tests/test_properties.py), for the summary.
PROPERTY_EXAMPLES = pytest.StashKey[dict]()
@pytest.fixture(scope="session")
def examples(pytestconfig):
    """``examples(name)`` counts one property-test example of ``name`` for the summary."""
    counter = pytestconfig.stash.setdefault(PROPERTY_EXAMPLES, {})

    def count(name: str) -> None:
        counter[name] = counter.get(name, 0) + 1
    return count


#: The hostile-input corpus: one folder per threat of issue 7 (tests/test_hostile.py).
HOSTILE = ROOT / "tests" / "hostile"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Report the size of the hostile corpus and how many property examples ran."""
    threats = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
    fixtures = [p for p in HOSTILE.rglob("*") if p.is_file() and p.name != ".gitattributes"
                and "__pycache__" not in p.parts]
    terminalreporter.write_sep("-", "hostile input and properties")
    terminalreporter.write_line(f"hostile fixtures: {len(fixtures)} files for {len(threats)} "
                                f"threats ({', '.join(threats)})")
    examples = config.stash.get(PROPERTY_EXAMPLES, {})
    detail = ", ".join(f"{name} {count}" for name, count in sorted(examples.items()))
    terminalreporter.write_line(f"property-test examples: {sum(examples.values())}"
                                + (f" ({detail})" if detail else ""))


def assert_fields_match(name: str, comparisons: list[tuple[str, object, object]]) -> None:
    """Print the score of an import against its expectations (field, expected, got), then
    fail on any field that differs, listing each."""
    wrong = [(f, want, got) for f, want, got in comparisons if want != got]
    print(f"{name}: {len(comparisons) - len(wrong)}/{len(comparisons)} fields match")
    for field, want, got in wrong:
        print(f"  {field}: expected {want!r}, got {got!r}")
    assert not wrong


def audit_of_import(result, source: Path, folder: Path):
    """Save an import as a draft completed with the year and 期 of ``folder`` (named
    ``YYYY-NN``) and audit ``source`` against it: what a test of a real file checks last."""
    from gazette_pub.audit import audit_issue_dir
    from gazette_pub.sources import complete_draft, save_import
    year, number = map(int, folder.name.split("-"))
    save_import(type(result)(complete_draft(result.issue, year=year, number=number),
                             result.report), folder)
    return audit_issue_dir(folder, source)
