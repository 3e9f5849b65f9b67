"""The loss audit: every CJK character of a source is in the manifest or reported discarded."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from gazette_pub.audit import audit
from gazette_pub.model import Paragraph
from gazette_pub.sources import import_source

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
FIXTURES = Path(__file__).parent / "fixtures" / "import"
SOURCES = ["ningxia-2021-10.txt", "zhongwei-2023-03.txt", "web-notice-2020-07-22.txt"]


def _seed(name: str) -> Path:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed missing: {path}")
    return path


@pytest.mark.parametrize("name", SOURCES)
def test_seeds_have_no_unexplained_characters(name):
    path = _seed(name)
    result = import_source(path)
    outcome = audit(path, result.issue, result.report)
    print(outcome.to_text())
    assert outcome.ok, outcome.to_text()
    assert outcome.source_chars > 1000


@pytest.mark.parametrize("name", sorted(p.relative_to(FIXTURES).as_posix()
                                         for p in FIXTURES.rglob("*") if p.is_file()))
def test_fixtures_have_no_unexplained_characters(name):
    result = import_source(FIXTURES / name)
    assert audit(FIXTURES / name, result.issue, result.report).ok


def _drop_first_paragraph(issue):
    section = issue.sections[0]
    doc = section.documents[0]
    index = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph))
    dropped = doc.blocks[index]
    doc = dataclasses.replace(doc, blocks=doc.blocks[:index] + doc.blocks[index + 1:])
    section = dataclasses.replace(section, documents=(doc,) + section.documents[1:])
    return dataclasses.replace(issue, sections=(section,) + issue.sections[1:]), dropped


def test_audit_fails_when_text_is_dropped():
    path = _seed("ningxia-2021-10.txt")
    result = import_source(path)
    issue, dropped = _drop_first_paragraph(result.issue)
    outcome = audit(path, issue, result.report)
    assert not outcome.ok
    assert outcome.missing > 0
    # the dropped paragraph (line 117) is among the lines listed for its characters
    assert any(117 in u.lines for u in outcome.unexplained)
    assert "unexplained" in outcome.to_text()


def test_audit_fails_when_a_discard_is_not_reported():
    """Counting is per character: a repeated table header left out of the report is missed."""
    path = _seed("ningxia-2021-10.txt")
    result = import_source(path)
    report = dataclasses.replace(result.report, discarded=tuple(
        d for d in result.report.discarded if d.reason != "repeated table header"))
    outcome = audit(path, result.issue, report)
    assert not outcome.ok
    assert {542, 579}.issubset({line for u in outcome.unexplained for line in u.lines})
