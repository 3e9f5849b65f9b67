"""The importer against the hand-checked expectations of the seed issues.

Every compared value is read from ``../shared/seeds/*.expected.json``; the test
prints a score per seed and requires every field to match.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazette_pub.sources import import_source
from gazette_pub.sources.structure import normalize_doc_number

from .conftest import assert_fields_match

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
ISSUES = ["ningxia-2021-10", "zhongwei-2023-03"]


def seed_expectations(name: str) -> dict:
    path = SEEDS / f"{name}.expected.json"
    if not path.exists():
        pytest.skip(f"seed expectations not found: {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def _doc_fields(exp: dict, doc) -> list[tuple[str, object, object]]:
    """(field, expected, got) for one document."""
    fields = [
        ("title", exp["body_title"], doc.title),
        ("toc_title", exp["toc_title"], doc.toc_title),
        ("doc_number", normalize_doc_number(exp["doc_number"] or ""), doc.doc_number),
        ("toc_page", exp["toc_page"], doc.toc_page),
        ("date", exp["date"], doc.date.isoformat() if doc.date else None),
        ("signatories", list(exp["signatories"]), list(doc.signatories)),
        ("n_tables", len(exp["tables"]), len(doc.tables)),
    ]
    for n, (want, got) in enumerate(zip(exp["tables"], doc.tables), start=1):
        fields.append((f"table {n} data rows", want["n_data_rows"], len(got.data_rows)))
    return fields


def issue_comparisons(expected: dict, issue) -> list[tuple[str, object, object]]:
    """(field, expected, got) for an imported issue against a seed's expectations."""
    exp_issue = expected["issue"]
    out = [
        ("issue year", exp_issue["year"], issue.year),
        ("issue number", exp_issue["number"], issue.number),
        ("issue cumulative", exp_issue["cumulative"], issue.cumulative),
        ("issue date", exp_issue["date"], issue.date.isoformat() if issue.date else None),
        ("gazette name", expected["gazette"]["name"], issue.gazette.name),
        ("n_sections", len(expected["sections"]), len(issue.sections)),
    ]
    for s, (exp_section, section) in enumerate(zip(expected["sections"], issue.sections), start=1):
        out.append((f"section {s} title", exp_section["title"], section.title))
        out.append((f"section {s} n_documents", len(exp_section["documents"]),
                    len(section.documents)))
        for exp_doc, doc in zip(exp_section["documents"], section.documents):
            out += [(f"doc {doc.seq} {f}", want, got) for f, want, got in _doc_fields(exp_doc, doc)]
    return out


@pytest.mark.parametrize("name", ISSUES)
def test_seed_issue_matches_expectations(name):
    issue = import_source(SEEDS / f"{name}.txt").issue
    assert_fields_match(name, issue_comparisons(seed_expectations(name), issue))


@pytest.mark.parametrize("name", ISSUES)
def test_seed_import_is_stable(name):
    seed_expectations(name)
    first = import_source(SEEDS / f"{name}.txt")
    second = import_source(SEEDS / f"{name}.txt")
    assert first.issue == second.issue
    assert first.report.to_json() == second.report.to_json()
