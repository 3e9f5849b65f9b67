"""The build cache invalidates exactly what an edit touches.

Two gazettes share a private copy of templates/ and styles/: ``demo`` uses the ``default``
theme, ``other`` a theme of its own. One build follows each edit, in order; each test
checks one step: which issues were rebuilt, and which cache records they reused.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from bench.synthetic import make_issues
from gazette_pub import themes
from gazette_pub.cache import BuildCache, digest, input_digest
from gazette_pub.executors import IssueOutcome, run_issue_builds
from gazette_pub.render import pdf

from .conftest import FIXTURES

SAMPLE = FIXTURES / "issues" / "demo" / "2024-01"
EDITED_TEXT = "开展隐患排查整治"
NEW_TEXT = "开展安全生产隐患排查整治"


@dataclass(frozen=True)
class Project:
    root: Path
    out: Path
    demo: Path
    other: Path

    def build(self) -> dict[str, IssueOutcome]:
        outcomes = run_issue_builds([self.demo, self.other], self.out)
        return {o.issue.gazette.id: o for o in outcomes}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}: update this test's edit"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def steps(tmp_path_factory) -> dict[str, dict[str, IssueOutcome]]:
    """Build after each edit, in this order; step name → gazette id → outcome."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(themes.TEMPLATES_DIR, root / "templates")
    shutil.copytree(themes.STYLES_DIR, root / "styles")
    shutil.copytree(root / "styles" / "themes" / "default", root / "styles" / "themes" / "other")
    project = Project(root, root / "dist",
                      make_issues(SAMPLE, root / "issues", 1, gazette_id="demo")[0],
                      make_issues(SAMPLE, root / "issues", 1, gazette_id="other")[0])
    gazette_toml = project.other.parent / "gazette.toml"
    gazette_toml.write_text(re.sub(r'(?m)^theme = ".*"$', 'theme = "other"',
                                   gazette_toml.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(themes, "TEMPLATES_DIR", root / "templates")
        patch.setattr(themes, "STYLES_DIR", root / "styles")
        patch.setattr(pdf, "STYLES_DIR", root / "styles")
        steps = {"cold": project.build(), "unchanged": project.build()}
        edit(project.demo / "02-plan.md", EDITED_TEXT, NEW_TEXT)
        steps["document"] = project.build()
        edit(root / "templates" / "web" / "document.html", "{% block main %}",
             "{% block main %}<!-- web template edited -->")
        steps["web template"] = project.build()
        edit(root / "templates" / "print" / "issue.html", "{% block body %}",
             "{% block body %}<!-- print template edited -->")
        steps["print template"] = project.build()
        (root / "styles" / "themes" / "other" / "theme.toml").write_text(
            '[print]\nfont_size = "11pt"\n', encoding="utf-8")
        steps["theme"] = project.build()
        (project.out / "demo" / "2001-01" / "index.html").unlink()
        steps["output deleted"] = project.build()
    steps["project"] = project  # for the tests that read the output
    return steps


def rebuilt(step: dict[str, IssueOutcome]) -> set[str]:
    return {gazette for gazette, outcome in step.items() if not outcome.up_to_date}


def test_cold_build_renders_everything(steps):
    assert rebuilt(steps["cold"]) == {"demo", "other"}
    assert all("print" not in o.reused for o in steps["cold"].values())


def test_unchanged_inputs_build_nothing(steps):
    assert rebuilt(steps["unchanged"]) == set()
    assert all(o.reused == {"issue"} for o in steps["unchanged"].values())
    assert steps["unchanged"]["demo"].files == steps["cold"]["demo"].files


def test_an_edited_document_rebuilds_its_issue_only(steps):
    step = steps["document"]
    assert rebuilt(step) == {"demo"}
    assert "print" not in step["demo"].reused, "the print HTML changed: the PDF is laid out anew"
    out = steps["project"].out
    text = "".join(p.extract_text() for p in PdfReader(out / "demo/2001-01/demo-2001-01.pdf").pages)
    assert NEW_TEXT in text.replace("\n", "")


def test_a_web_template_edit_rerenders_html_and_reuses_every_print_edition(steps):
    step = steps["web template"]
    assert rebuilt(step) == {"demo", "other"}
    assert all({"print", "manifest"} <= o.reused for o in step.values())
    page = steps["project"].out / "other" / "2001-01" / "01-notice.html"
    assert "web template edited" in page.read_text(encoding="utf-8")


def test_a_print_template_edit_lays_out_every_issue_again(steps):
    step = steps["print template"]
    assert rebuilt(step) == {"demo", "other"}
    assert all("print" not in o.reused for o in step.values())


def test_a_theme_edit_rebuilds_the_issues_of_that_theme_only(steps):
    step = steps["theme"]
    assert rebuilt(step) == {"other"}
    assert "print" not in step["other"].reused


def test_a_deleted_output_is_rebuilt_from_the_cached_print_edition(steps):
    step = steps["output deleted"]
    assert rebuilt(step) == {"demo"}
    assert {"print", "manifest"} <= step["demo"].reused
    assert (steps["project"].out / "demo" / "2001-01" / "index.html").is_file()


def test_cached_print_edition_has_the_pages_of_a_fresh_one(steps):
    """A reused print record gives the same printed pages as the build that stored it."""
    assert steps["output deleted"]["demo"].pages == steps["print template"]["demo"].pages


def test_records_are_content_addressed(tmp_path):
    cache = BuildCache(tmp_path)
    key = digest("print", "<html>", b"css")
    assert cache.load("print", key) is None
    cache.store("print", key, {"pdf": b"%PDF"})
    assert cache.load("print", key) == {"pdf": b"%PDF"}
    assert (cache.hits["print"], cache.misses["print"]) == (1, 1)
    assert digest("ab", "c") != digest("a", "bc"), "parts are length-prefixed"


def test_unreadable_record_is_a_miss_not_an_error(tmp_path):
    cache = BuildCache(tmp_path)
    key = digest("x")
    cache.store("print", key, 1)
    next((tmp_path / "print").rglob("*.pickle")).write_bytes(b"not a pickle")
    assert cache.load("print", key) is None


def test_input_digest_covers_the_gazette_toml(demo_issue):
    before = input_digest(demo_issue)
    toml = demo_issue.parent / "gazette.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert input_digest(demo_issue) != before


def test_no_cache_option_leaves_no_cache_folder(tmp_path):
    from gazette_pub.cli import main
    out = tmp_path / "dist"
    assert main(["build", str(SAMPLE), "--out", str(out), "--no-cache", "--no-pdf"]) == 0
    assert (out / "demo" / "2024-01" / "index.html").is_file()
    assert not (out / ".cache").exists()



def test_versions_of_one_issue_are_pruned_to_the_most_recently_used(tmp_path):
    from gazette_pub.cache import KEEP_PER_GROUP
    cache = BuildCache(tmp_path)
    keys = [digest("print", str(n)) for n in range(KEEP_PER_GROUP + 2)]
    cache.store("print", keys[0], 0, group="issue-a")
    cache.store("print", "other", "b", group="issue-b")
    for n, key in enumerate(keys[1:], 1):
        assert cache.load("print", keys[0], group="issue-a") == 0  # in use: kept
        cache.store("print", key, n, group="issue-a")
    kept = [n for n, key in enumerate(keys) if cache.load("print", key, group="issue-a") is not None]
    assert len(kept) == KEEP_PER_GROUP and 0 in kept and len(keys) - 1 in kept
    assert cache.load("print", "other", group="issue-b") == "b", "other issues are not pruned"


def test_a_broken_gazette_toml_is_reported_not_a_cache_crash(demo_issue, tmp_path):
    from gazette_pub.executors import IssueBuildsFailed
    (demo_issue.parent / "gazette.toml").write_text("[gazette\nid = 'demo'\n", encoding="utf-8")
    with pytest.raises(IssueBuildsFailed) as failed:
        run_issue_builds([demo_issue], tmp_path / "out")
    assert any(p.path.endswith("gazette.toml") and p.line for p in failed.value.problems)
