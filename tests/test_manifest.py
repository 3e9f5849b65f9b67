"""Issue folders: loading, every error at once with file:line, saving, JSON export + schema."""

import json
import re
from pathlib import Path

import jsonschema
import pytest

from gazette_pub.errors import ManifestError
from gazette_pub.manifest import SCHEMA_VERSION, export_issue, load_issue, new_issue, save_issue

from .conftest import FIXTURES, ROOT

SCHEMA = json.loads((ROOT / "schema" / f"manifest-{SCHEMA_VERSION}.schema.json").read_text())


def problems_of(folder) -> list[str]:
    with pytest.raises(ManifestError) as info:
        load_issue(folder)
    return [str(p) for p in info.value.problems]


def test_demo_issue_loads_in_order():
    issue = load_issue(FIXTURES / "issues" / "demo" / "2024-01")
    assert [s.title for s in issue.sections] == ["市政府文件", "经济数据"]
    assert [d.seq for d in issue.documents] == [1, 2, 3]
    notice = issue.documents[0]
    assert notice.id == "demo-2024-01-01"
    assert notice.doc_number == "示政发〔2024〕1号" and notice.doc_number_raw == "示政发[2024]1号"
    assert notice.addressee == "各区县人民政府，市政府各部门："
    assert notice.signatories == ("示例市人民政府",)
    assert notice.date.isoformat() == "2024-01-05"
    assert notice.public_note == "此件公开发布"
    assert [e.title for e in notice.enclosed] == ["示例市城市更新行动方案"]
    assert [(a.label, a.title) for a in notice.attachments] == [("附件1", "重点项目清单"), ("2", "任务分工表")]


def test_export_is_valid_against_the_published_schema():
    data = export_issue(load_issue(FIXTURES / "issues" / "demo" / "2024-01"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["schema_version"] == SCHEMA_VERSION
    table = data["sections"][1]["documents"][0]["tables"][0]
    assert table["header_rows"][0][0] == {"text": "指标", "rowspan": 2, "colspan": 1}
    assert table["rows"][0] == [{"text": "一、生产", "rowspan": 1, "colspan": 4}]


def test_save_then_load_gives_the_same_issue_and_identical_files(tmp_path):
    issue = load_issue(FIXTURES / "issues" / "demo" / "2024-01")
    folder = tmp_path / "demo" / "2024-01"
    save_issue(issue, folder)
    again = load_issue(folder)
    assert export_issue(again) == export_issue(issue)
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    save_issue(again, folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first


def test_every_problem_is_reported_at_once_with_file_and_line(demo_issue: Path):
    notice = demo_issue / "01-notice.md"
    notice.write_text(notice.read_text().replace("seq = 1\n", "").replace(
        "2024年1月5日", "2024年2月30日"))
    plan = demo_issue / "02-plan.md"
    plan.write_text(plan.read_text().replace("toc_page = 5", 'toc_page = "five"'))
    stats = demo_issue / "03-stats.md"
    stats.write_text(stats.read_text().replace('["地区生产总值", "亿元", "1234.5", "5.2"]',
                                               '["地区生产总值", "亿元", "1234.5"]'))
    problems = problems_of(demo_issue)
    text = "\n".join(problems)
    assert re.search(r"01-notice\.md:\d+: \[seq\] missing required field 'seq'", text)
    assert re.search(r"01-notice\.md:\d+: \[body\] date line '2024年2月30日' holds no valid date", text)
    assert re.search(r"02-plan\.md:5: \[toc_page\] 'toc_page' must be int", text)
    assert re.search(r"03-stats\.md:15: \[body\] table spans do not fit: rows row 2 covers 3 columns", text)


def test_sequence_must_follow_the_issue_order(demo_issue: Path):
    plan = demo_issue / "02-plan.md"
    plan.write_text(plan.read_text().replace("seq = 2", "seq = 3"))
    assert any(re.search(r"02-plan\.md:2: \[seq\] seq is 3 but the document is number 2", p)
               for p in problems_of(demo_issue))


def test_duplicate_document_numbers_and_unlisted_files(demo_issue: Path):
    plan = demo_issue / "02-plan.md"
    plan.write_text(plan.read_text().replace("示政办发〔2024〕3号", "示政发〔2024〕1号"))
    (demo_issue / "04-stray.md").write_text("+++\nseq = 4\ntitle = \"x\"\n+++\n")
    text = "\n".join(problems_of(demo_issue))
    assert "文号 示政发〔2024〕1号 is also used by 01-notice.md" in text
    assert "document file '04-stray.md' is not listed in any section" in text


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("number = 1\n", "number = 1\nnumber = 2\n"), r"issue\.toml:\d+: invalid TOML"),
    (lambda t: t.replace("date = 2024-01-15", "date = 2024-02-30"), r"issue\.toml:\d+: invalid TOML"),
    (lambda t: t.replace('"02-plan.md"', '"../02-plan.md"'), r"issue\.toml:10: \[sections\[0\]\.documents\] document file name"),
    (lambda t: t.replace("year = 2024", 'year = "2024"'), r"issue\.toml:2: \[issue\.year\] 'year' must be int"),
    (lambda t: t.replace("number = 1", "number = 2"), r"issue\.toml:3: \[issue\.number\] folder name '2024-01' disagrees"),
    (lambda t: t + '\n[[sections]]\ntitle = "市政府文件"\ndocuments = []\n', r"section '市政府文件' appears twice"),
])
def test_issue_toml_errors(demo_issue: Path, edit, message):
    path = demo_issue / "issue.toml"
    path.write_text(edit(path.read_text()))
    assert re.search(message, "\n".join(problems_of(demo_issue)))


def test_new_issue_continues_numbers(demo_issue: Path):
    import datetime as dt
    folder = new_issue(demo_issue.parent, dt.date(2024, 2, 1))
    issue = load_issue(folder)
    assert (folder.name, issue.number, issue.cumulative, issue.date.isoformat()) == (
        "2024-02", 2, 13, "2024-02-01")
    assert [s.title for s in issue.sections] == ["市政府文件", "经济数据"]
    next_year = load_issue(new_issue(demo_issue.parent, dt.date(2025, 1, 3)))
    assert (next_year.year, next_year.number, next_year.cumulative) == (2025, 1, 14)
