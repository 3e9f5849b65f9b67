"""The importer against the hand-checked expectations of the seed issues.

Every compared value is read from ``../shared/seeds/*.expected.json``; the test
prints a score per seed and requires every field to match.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gazette_pub.sources import import_source
from gazette_pub.sources.doc_number import normalize_doc_number

from .conftest import assert_fields_match

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
ISSUES = ["ningxia-2021-10", "zhongwei-2023-03"]


def seed_expectations(name: str) -> dict:
    path = SEEDS / f"{name}.expected.json"
    if not path.exists():
        pytest.skip(f"seed expectations not found: {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def doc_comparisons(exp: dict, doc) -> list[tuple[str, object, object]]:
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
            out += [(f"doc {doc.seq} {f}", want, got) for f, want, got in doc_comparisons(exp_doc, doc)]
    return out


@pytest.mark.parametrize("name", ISSUES)
def test_seed_issue_matches_expectations(name):
    expected = seed_expectations(name)  # skips where the seeds are not checked out
    issue = import_source(SEEDS / f"{name}.txt").issue
    assert_fields_match(name, issue_comparisons(expected, issue))


@pytest.mark.parametrize("name", ISSUES)
def test_seed_import_is_stable(name):
    seed_expectations(name)
    first = import_source(SEEDS / f"{name}.txt")
    second = import_source(SEEDS / f"{name}.txt")
    assert first.issue == second.issue
    assert first.report.to_json() == second.report.to_json()


@pytest.mark.parametrize("name", ISSUES)
def test_a_colophon_printed_twice_and_a_role_listed_twice_give_a_valid_gazette_toml(
        name, tmp_path):
    """The gazette TOML is a table: a colophon label or a committee role seen again (a
    colophon repeated at the back, 委员 on two lines) keeps one key, with each value once."""
    from gazette_pub.cli import main
    from gazette_pub.sources import ImportResult, complete_draft, save_import
    seed_expectations(name)  # skips where the seeds are not checked out
    lines = (SEEDS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    colophon = [ln for ln in lines if re.match(r"(主\s*[管办编]|地\s*址|电\s*话)\s*[:：]", ln)]
    role = next(i for i, ln in enumerate(lines) if re.match(r"(委\s*员|副\s*主\s*任)\s*[:：]", ln))
    role_label = re.match(r"(.+?)\s*[:：]", lines[role])[1]
    lines.insert(role + 1, f"{role_label}:张三 李四")
    source = tmp_path / f"{name}.txt"
    source.write_text("\n".join(lines + [""] + colophon) + "\n", encoding="utf-8")
    result = import_source(source, gazette_id="twice")
    issue = complete_draft(result.issue)
    labels = [label for label, _ in issue.gazette.colophon]
    roles = dict(issue.gazette.editorial_committee)
    assert len(colophon) >= 3 and len(labels) == len(set(labels))
    assert {"张三", "李四"} <= set(roles[re.sub(r"\s", "", role_label)])
    folder = tmp_path / "twice" / issue.slug
    save_import(ImportResult(issue, result.report), folder)
    assert main(["check", str(folder), "--audit", str(source)]) == 0
