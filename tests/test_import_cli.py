"""``gazette import`` and ``gazette check --audit`` end to end."""

from __future__ import annotations

from pathlib import Path

from gazette_pub.cli import main
from gazette_pub.manifest import load_issue

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_import_writes_a_loadable_issue_and_report(tmp_path):
    out = tmp_path / "qingchuan" / "2024-05"
    assert main(["import", str(FIXTURES / "ocr-issue.md"), "--out", str(out)]) == 0
    issue = load_issue(out)
    assert (issue.year, issue.number) == (2024, 5)
    assert len(issue.documents) == 3
    assert (out / "import-report.json").exists() and (out / "import-report.txt").exists()
    assert (out.parent / "gazette.toml").exists()
    assert main(["check", str(out), "--audit", str(FIXTURES / "ocr-issue.md")]) == 0


def test_reimport_is_byte_identical_and_needs_force(tmp_path):
    out = tmp_path / "doc" / "2024-01"
    args = ["import", str(FIXTURES / "breaks.txt"), "--out", str(out), "--gazette-id", "doc"]
    assert main(args) == 0
    first = _files(tmp_path)
    assert main(args) == 1  # the folder exists
    assert main(args + ["--force"]) == 0
    assert _files(tmp_path) == first


def test_import_into_appends_a_document(tmp_path):
    out = tmp_path / "qingchuan" / "2024-05"
    assert main(["import", str(FIXTURES / "ocr-issue.md"), "--out", str(out)]) == 0
    assert main(["import", str(FIXTURES / "standalone.txt"), "--into", str(out),
                 "--section", "其他"]) == 0
    issue = load_issue(out)
    assert [s.title for s in issue.sections][-1] == "其他"
    assert issue.documents[-1].seq == 4
    assert issue.documents[-1].title == "青川市民文明公约实施细则"


def test_audit_reports_a_dropped_paragraph(tmp_path, capsys):
    out = tmp_path / "doc" / "2024-01"
    assert main(["import", str(FIXTURES / "breaks.txt"), "--out", str(out)]) == 0
    (doc,) = out.glob("*.md")
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("应急管理部门要提前储备抢险物资。\n", ""), encoding="utf-8")
    assert main(["check", str(out), "--audit", str(FIXTURES / "breaks.txt")]) == 1
    assert "unexplained" in capsys.readouterr().err
