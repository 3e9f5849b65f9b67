"""The proofreading loop: an edited document's page first, its print preview next, then
the full build; each step leaves a whole site on disk (tests/test_preview.py holds the
preview's glyphs to the full build's)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from gazette_pub.proofread import Edit, document_edits, toc_mismatches
from gazette_pub.render.html import WebSite
from tests.conftest import FIXTURES

EDITED = "压紧责任"


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


@pytest.fixture
def live(tmp_path):
    from gazette_pub.serve import LiveSite
    root = tmp_path / "issues"
    shutil.copytree(FIXTURES / "issues" / "demo", root / "demo")
    live = LiveSite(root, tmp_path / "site", WebSite())
    assert live.build()
    return live


def test_an_edit_shows_its_page_then_its_preview_then_the_full_build(live):
    folder = live.root / "demo" / "2024-01"
    source = folder / "02-plan.md"
    page = live.out / "demo/2024-01/02-plan.html"
    pdf = live.out / "demo/2024-01/pdf/02-plan.pdf"
    issue_pdf = live.out / "demo/2024-01/demo-2024-01.pdf"
    before = issue_pdf.read_bytes()
    source.write_text(source.read_text(encoding="utf-8").replace("压实责任", EDITED),
                      encoding="utf-8")
    seen = []

    def step():
        seen.append((EDITED in page.read_text(encoding="utf-8"), EDITED in pdf_text(pdf),
                     issue_pdf.read_bytes() == before))

    live.proofreader.show_edits([Edit(folder, frozenset({source}))], step)
    assert seen == [(True, False, True),   # 1. the web page, at once
                    (True, True, True)]    # 2. the document's PDF is its print preview
    preview = PdfReader(io.BytesIO(pdf.read_bytes()))
    numbers = [int(preview.page_labels[i]) for i in range(len(preview.pages))]
    first, last = live.proofreader.printed[folder].pages["demo-2024-01-02"]
    assert numbers == list(range(first, last + 1)), "the document's pages, numbered as printed"
    assert live.build()                    # 3. the full build replaces the preview
    assert EDITED in pdf_text(issue_pdf) and EDITED in pdf_text(pdf)


def test_watcher_takes_the_quick_path_only_for_documents(live, monkeypatch):
    calls = []
    monkeypatch.setattr(live.proofreader, "show_edits", lambda edits, step: calls.append(edits))
    source = live.root / "demo" / "2024-01" / "02-plan.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert live.check() and [e.folder.name for e in calls[0]] == ["2024-01"]
    toml = live.root / "demo" / "2024-01" / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert live.check() and len(calls) == 1, "an issue.toml edit rebuilds the site only"


def test_document_edits_are_documents_of_built_issues_only(tmp_path):
    issue = tmp_path / "g" / "2024-01"
    doc, toml = issue / "01-a.md", issue / "issue.toml"
    assert document_edits({doc}, {issue}) == [Edit(issue, frozenset({doc}))]
    assert document_edits({doc, toml}, {issue}) is None
    assert document_edits({doc}, set()) is None, "an issue not yet built"
    assert document_edits({tmp_path / "styles" / "x.md"}, {issue}) is None


def test_toc_mismatches_name_each_document_off_its_printed_page(live):
    from dataclasses import replace
    from gazette_pub.manifest import load_issue
    folder = live.root / "demo" / "2024-01"
    issue = load_issue(folder)
    printed = live.proofreader.printed[folder]
    assert toc_mismatches(issue, printed) == [] or all("目录" in m for m in
                                                        toc_mismatches(issue, printed))
    doc = issue.documents[0]
    first = printed.pages[doc.id][0]
    moved = replace(issue, sections=(replace(issue.sections[0], documents=(
        replace(doc, toc_page=first + 5),) + issue.sections[0].documents[1:]),)
        + issue.sections[1:])
    assert any(m.startswith(doc.id) and f"page {first + 5}" in m
               for m in toc_mismatches(moved, printed))
